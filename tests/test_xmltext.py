"""The BPMN exporter's XML writer gives the bytes lxml's pretty printer gives, and refuses what
lxml refuses."""
from __future__ import annotations

import pytest
from lxml import etree

from oir_bpmn.bpmn.xmltext import XmlWriter

NSMAP = {"a": "urn:a", "b": "urn:b"}
AWKWARD = ["", "plain", 'quote " and \'apostrophe\'', "<tag> & ]]>", "line\nbreak\r\nand\ttab",
           "æøå ÆØÅ – “Danish” € 😀", "\x7f\x85\xa0", "&amp; already escaped", "  spaces  "]


def lxml_bytes(texts: list[str]) -> bytes:
    """A document of nested, empty and text elements holding ``texts``, built and printed by lxml."""
    root = etree.Element("{urn:a}root", nsmap=NSMAP, id="r")
    for i, text in enumerate(texts):
        item = etree.SubElement(root, "{urn:b}item", {"id": f"i{i}", "name": text, "n": str(i)})
        etree.SubElement(item, "{urn:a}text").text = text
        etree.SubElement(etree.SubElement(item, "{urn:a}inner"), "{urn:b}empty", x="1.5")
        etree.SubElement(item, "{urn:b}point", x=str(i), y="-2.25")
        etree.SubElement(item, "{urn:a}hollow")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def writer_bytes(texts: list[str]) -> bytes:
    """The same document written by ``XmlWriter``."""
    w = XmlWriter("a:root", {"id": "r"}, NSMAP)
    for i, text in enumerate(texts):
        with w.element("b:item", {"id": f"i{i}", "name": text, "n": i}):
            w.leaf("a:text", text=text)
            with w.element("a:inner"):
                w.leaf("b:empty", {"x": 1.5})
            w.leaf_with("b:point", f' x="{i}" y="{-2.25}"')
            with w.element("a:hollow"):
                pass
    return w.to_bytes()


def test_same_bytes_as_lxml():
    assert writer_bytes(AWKWARD) == lxml_bytes(AWKWARD)
    assert etree.fromstring(writer_bytes(AWKWARD)).find("{urn:b}item[6]").get("name") == AWKWARD[5]


def test_every_ascii_character_as_lxml_writes_it():
    printable = "".join(chr(c) for c in range(32, 128)) + "\t\n\r"
    assert writer_bytes([printable, printable[::-1]]) == lxml_bytes([printable, printable[::-1]])


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_refuses_what_lxml_refuses(char):
    with pytest.raises(ValueError):
        lxml_bytes([f"a{char}b"])
    with pytest.raises(ValueError, match="XML compatible"):
        writer_bytes([f"a{char}b"])


def test_empty_root_as_lxml_writes_it():
    root = etree.Element("{urn:a}root", nsmap=NSMAP, id="r")
    assert XmlWriter("a:root", {"id": "r"}, NSMAP).to_bytes() == etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def test_unclosed_element_is_an_error():
    w = XmlWriter("a:root", {}, NSMAP)
    w.element("a:inner")
    with pytest.raises(RuntimeError):
        w.to_bytes()
