"""Write XML as text, byte for byte as lxml's ``tostring(pretty_print=True)`` would.

Building an lxml tree of a 20,000-step model and serialising it took most of the BPMN export's
time; the exporter makes its elements in document order anyway, so it writes their text straight
away (several times faster). Example::

    >>> w = XmlWriter({"bpmn": "urn:x"})
    >>> with w.element("bpmn:process", {"id": "P"}):
    ...     w.leaf("bpmn:task", {"id": "T", "name": "Tjek <og> send"})
    ...     w.leaf("bpmn:documentation", text="Afdeling: finance")
    >>> print(w.to_bytes().decode("utf-8"), end="")
    <?xml version='1.0' encoding='UTF-8'?>
    <bpmn:process xmlns:bpmn="urn:x" id="P">
      <bpmn:task id="T" name="Tjek &lt;og&gt; send"/>
      <bpmn:documentation>Afdeling: finance</bpmn:documentation>
    </bpmn:process>

Like lxml, it refuses characters XML cannot hold (control characters, U+FFFE, U+FFFF).
tests/test_xmltext.py checks its bytes against lxml's.
"""
from __future__ import annotations

import re

_ATTR_SPECIAL = re.compile(r'[&<>"\n\r\t]')
_TEXT_SPECIAL = re.compile(r"[&<>\r]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROLS = bytes(c for c in range(32) if chr(c) not in "\t\n\r")
_NONCHARACTERS = ("\ufffe".encode("utf-8"), "\uffff".encode("utf-8"))


def _entity(found: re.Match) -> str:
    return _ENTITIES[found.group()]


def _attrs(attrs: dict) -> str:
    """`` name="value"`` of every attribute in order; numbers as ``str`` gives them."""
    out = ""
    for name, value in attrs.items():
        if value.__class__ is str:
            if _ATTR_SPECIAL.search(value):
                value = _ATTR_SPECIAL.sub(_entity, value)
        else:
            value = str(value)
        out += f' {name}="{value}"'
    return out


class XmlWriter:
    """One XML document written element by element, in document order, two spaces an indent.

    ``element`` opens an element for children (a context manager closing it), ``leaf`` writes one
    without children; an element left without children is written ``<tag/>``, as lxml does."""

    def __init__(self, nsmap: dict[str, str]) -> None:
        self._parts = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
        self._declarations = {f"xmlns:{prefix}": uri for prefix, uri in nsmap.items()}
        self._open: list[str] = []
        self._bare = False  # the last start tag written is not yet finished with ">" or "/>"
        self._indent = [""]

    def element(self, tag: str, attrs: dict | None = None) -> "XmlWriter":
        """Start ``tag`` and keep it open for children: ``with writer.element(tag, attrs): ...``."""
        self._start(tag, attrs)
        self._bare = True
        self._open.append(tag)
        if len(self._indent) <= len(self._open):
            self._indent.append("  " * len(self._open))
        return self

    def __enter__(self) -> "XmlWriter":
        return self

    def __exit__(self, *exc) -> None:
        tag = self._open.pop()
        if self._bare:
            self._parts.append("/>\n")
            self._bare = False
        else:
            self._parts.append(f"{self._indent[len(self._open)]}</{tag}>\n")

    def leaf(self, tag: str, attrs: dict | None = None, text: str | None = None) -> None:
        """An element without children, with ``text`` if given ("" writes ``<tag></tag>``)."""
        self._start(tag, attrs)
        if text is None:
            self._parts.append("/>\n")
        else:
            if _TEXT_SPECIAL.search(text):
                text = _TEXT_SPECIAL.sub(_entity, text)
            self._parts.append(f">{text}</{tag}>\n")

    def _start(self, tag: str, attrs: dict | None) -> None:
        parts = self._parts
        if self._bare:
            parts.append(">\n")
            self._bare = False
        if self._declarations:  # the root carries the namespace declarations
            attrs = {**self._declarations, **(attrs or {})}
            self._declarations = {}
        parts.append(f"{self._indent[len(self._open)]}<{tag}{_attrs(attrs) if attrs else ''}")

    def to_bytes(self) -> bytes:
        """The document as UTF-8; ValueError if some text holds a character XML cannot hold."""
        if self._open:
            raise RuntimeError(f"element {self._open[-1]} not closed")
        document = "".join(self._parts)
        data = document.encode("utf-8")  # a lone surrogate fails here (UnicodeEncodeError)
        # Looking for the few bytes XML cannot hold is ten times as fast as a regex over the text.
        if (len(data.translate(None, _CONTROLS)) != len(data)
                or any(bad in data for bad in _NONCHARACTERS)):
            found = _NOT_XML.search(document).group()
            raise ValueError(f"All strings must be XML compatible: Unicode or ASCII, no NULL bytes or "
                             f"control characters (found {found!r})")
        return data
