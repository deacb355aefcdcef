"""Read a BPMN 2.0 file safely into the process graph (the schema in ``model``).

The file may come from anywhere (e.g. edited in Camunda Modeler), so it is treated as hostile:
no DTD, no entities, no network, a size limit, and every reference checked. Every problem is a
``BpmnReadError`` whose text is one line naming the file.

Read as Camunda Modeler (bpmn-js) reads a file: an id used more than once keeps its first element;
later copies are dropped with everything inside them, and one warning in ``G.graph["warnings"]``
lists every duplicate. Two sequence (or message) flows between the same two nodes stay two flows:
the first is the edge of the graph, later ones are listed in ``G.graph["parallel_flows"]``.
Message flows to or from a whole pool are listed in ``G.graph["pool_messages"]``, the pools' names
in ``G.graph["participants"]``.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import networkx as nx
from lxml import etree

from ..fsio import read_regular
from ..kinds import KINDS, event_name, family, is_scope
from ..model import Duration, is_auto_key, key_of_id, slug
from .codec import (BPMN, BPMNDI, DC, DI, branch_from_doc, definitions_from_id, dept_from_doc, effort_from_doc,
                    first_decoded, label_from_name, name_from_doc, share_from_doc, summary_from_doc, volume_from_doc,
                    wait_from_doc)

MIB = 1024 * 1024
MAX_BYTES = 64 * MIB
"""Largest BPMN file read by default (64 MiB, ``diff --max-size``): real process models are a few
hundred kB; the tool writes about 1 kB per step, so even a 50,000-step build can be read back."""
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"), (b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"),
         (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"))

DEPT_HINTS = (
    # (department, pattern on the normalised lane name), tried in order: "Debitorsystem" is a
    # system, "Systematic support" is external, "ØiR-koordinator" is coordination.
    ("coordination", re.compile(r"koordinat")),
    ("external", re.compile(r"laaner|borger|support")),
    ("system", re.compile(r"system\b|\bfbs\b|betalingsloesning")),
    ("finance", re.compile(r"debitor|oekonomi|finans|betalingsenhed")),
    ("library", re.compile(r"biblio")),
)


OMG_NAMESPACES = (BPMN, BPMNDI, DC, DI)
"""Elements in these namespaces (outside ``extensionElements``) are the BPMN document; vendor
elements and attributes (Adonis, Trisotech, ARIS, Visual Paradigm, Signavio…) are not, and their
ids are ignored."""
DATA_REFERENCES = ("dataStoreReference", "dataObjectReference", "dataObject", "dataInput", "dataOutput")
"""Elements some tools list in a lane although they are not flow nodes; tolerated there."""
_NAMESPACE_DECLARATION = re.compile(rb"""(\sxmlns(?::[\w.-]+)?\s*=\s*)(["'])(.*?)\2""", re.S)


class BpmnReadError(ValueError):
    """A BPMN file that cannot be read; ``str()`` is one line: ``<file>: <problem>``."""

    def __init__(self, path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = str(path), problem


def parse_bpmn_xml(path: str | Path, max_bytes: int | None = None) -> etree._Element:
    """The root ``bpmn:definitions`` of ``path``, parsed without DTDs, entities or network;
    files over ``max_bytes`` (default ``MAX_BYTES``) and anything but a regular file are refused."""
    path, limit = Path(path), max_bytes or MAX_BYTES
    try:
        data = read_regular(path, limit + 1)
    except OSError as exc:
        raise BpmnReadError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise BpmnReadError(path, f"file is larger than {limit / MIB:.3g} MiB; not read "
                                  "(a larger limit: oir-bpmn diff --max-size MIB)")
    if any(mark in _declarations(data) for mark in ("<!DOCTYPE", "<!ENTITY")):
        raise BpmnReadError(path, "DOCTYPE/ENTITY declarations are not allowed in BPMN files; "
                                  "refused (remove the <!DOCTYPE …> block)")
    root = _parse(path, data)
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise BpmnReadError(path, "DOCTYPE/ENTITY declarations are not allowed in BPMN files; refused")
    if root.tag != f"{{{BPMN}}}definitions":
        name = etree.QName(root)
        raise BpmnReadError(path, f"not a BPMN 2.0 file: root element is <{name.localname}> in namespace "
                                  f"'{name.namespace or ''}', expected <definitions> in '{BPMN}'")
    return root


def _parse(path: Path, data: bytes, huge: bool = False) -> etree._Element:
    """``data`` parsed without DTDs, entities or network. A text node over 10 MB or a very deep
    tree (libxml2's XML_PARSE_HUGE limits) is parsed again with ``huge_tree``: safe here, as the
    file has no DTD (so no entity can expand) and its size is limited by ``max_bytes``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=huge, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "XML_PARSE_HUGE" in str(exc) and not huge:
            return _parse(path, data, huge=True)
        if "is not a valid URI" not in str(exc):
            raise BpmnReadError(path, _syntax_problem(exc, data)) from None
        recovered = _valid_namespace_uris(data)
        try:  # e.g. IBM's "http://www.ibm.com/xtools/bpmn/2.0 ext": a space in a namespace name
            return etree.fromstring(recovered, parser)
        except etree.XMLSyntaxError as again:
            if "XML_PARSE_HUGE" in str(again) and not huge:
                return _parse(path, recovered, huge=True)
            raise BpmnReadError(path, _syntax_problem(again, recovered)) from None


def _declarations(data: bytes) -> str:
    """The text of ``data`` in its own encoding (UTF-8, -16 or -32, by BOM or by its first
    ``<``), so that a declaration is found however the file is encoded."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    return data.decode(encoding, errors="replace")


def _syntax_problem(exc: etree.XMLSyntaxError, data: bytes) -> str:
    """What libxml2 refused, in words: an entity, a file that ends too early (an error on the
    last line of a file that does not end with its root's end tag), or damage."""
    kind = exc.error_log.last_error.type_name if exc.error_log.last_error else ""
    if "ENTITY" in kind or "ENTITYREF" in kind:
        return f"uses an XML entity that BPMN files may not use; refused: {exc}"
    cut = (exc.lineno or 0) >= data.count(b"\n") + 1 and not data.rstrip().endswith(b"definitions>")
    if cut or "PREMATURE" in kind or "NOT_FINISHED" in kind or "DOCUMENT_END" in kind or "Premature end" in str(exc):
        return f"the XML ends too early (truncated?): {exc}"
    return f"not well-formed XML (damaged?): {exc}"


def _valid_namespace_uris(data: bytes) -> bytes:
    """``data`` with spaces in namespace declarations percent-encoded (a namespace name is only
    compared, never fetched, so this keeps every element in its namespace)."""
    return _NAMESPACE_DECLARATION.sub(lambda m: m[1] + m[2] + m[3].strip().replace(b" ", b"%20") + m[2], data)


def bpmn_elements(root):
    """The elements of the BPMN document: OMG namespaces only, nothing inside extensionElements."""
    todo = [root]
    while todo:
        element = todo.pop()
        yield element
        todo.extend(reversed([child for child in element if isinstance(child.tag, str)
                              and etree.QName(child).namespace in OMG_NAMESPACES
                              and etree.QName(child).localname != "extensionElements"]))


def read_bpmn(path: str | Path, max_bytes: int | None = None) -> nx.DiGraph:
    """The process graph of a BPMN 2.0 file (steps, lanes with departments, flows)."""
    root = parse_bpmn_xml(path, max_bytes)
    G = _Reader(Path(path), root).graph()
    if max_bytes:
        G.graph["max_bytes"] = max_bytes  # to read it again for the coloured BPMN of a diff
    return G


def _name(element) -> str:
    """The ``name`` of ``element`` on one line: line breaks (Camunda allows them) become spaces,
    so that a name never breaks a table row or a Markdown cell."""
    return " ".join((element.get("name") or "").split())


def infer_dept(name: str) -> str | None:
    """Department tag guessed from a lane or pool name (``"Debitorafdelingen"`` → ``finance``)."""
    text = slug(name).replace("_", " ")
    return next((dept for dept, pattern in DEPT_HINTS if pattern.search(text)), None)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _bpmn_children(element, tag: str):
    return element.iterchildren(f"{{{BPMN}}}{tag}")


def _process_of(element):
    """The ``bpmn:process`` holding ``element`` (None outside any)."""
    return next((a for a in element.iterancestors(f"{{{BPMN}}}process")), None)


def _documentation(element) -> str:
    return " ".join(_documentations(element))


def _documentations(element) -> list[str]:
    """The texts of ``element``'s documentation elements, each on its own (a flow may carry a
    branch label and a share)."""
    return [(doc.text or "").strip() for doc in _bpmn_children(element, "documentation")]


class _Reader:
    """One pass over a parsed document, collecting nodes, lanes, pools and flows."""

    def __init__(self, path: Path, root):
        self.path, self.root = path, root
        self.G = nx.DiGraph(file=str(path), source="bpmn", line=1, profile=None, problems=[],
                            pools=[], lanes={}, inferred=[], warnings=[], parallel_flows=[], pool_messages=[])
        self._drop_duplicates()
        self.ids = {el.get("id"): el for el in bpmn_elements(root) if el.get("id")}
        self.notes = self._annotations()

    def fail(self, element, problem: str):
        raise BpmnReadError(self.path, f"line {element.sourceline}: {problem}")

    def graph(self) -> nx.DiGraph:
        processes = list(_bpmn_children(self.root, "process"))
        if not processes:
            raise BpmnReadError(self.path, "no <bpmn:process> in the file")
        participants = [p for c in _bpmn_children(self.root, "collaboration")
                        for p in _bpmn_children(c, "participant")]
        by_process = {p.get("processRef"): p for p in participants if p.get("processRef")}
        for ref, participant in by_process.items():
            if ref not in self.ids:
                self.fail(participant, f"participant '{participant.get('id')}' refers to unknown process '{ref}'")
        for process in processes:
            self._pool(process, by_process.get(process.get("id")))
        named = {pool["id"]: pool["name"] for pool in self.G.graph["pools"]}
        self.G.graph["participants"] = {p.get("id"): named.get(p.get("id")) or _name(p) or f"Pool {i}"
                                        for i, p in enumerate(participants, 1)}
        for process in processes:
            self._flows(process)
        self._message_flows()
        self._describe(processes[0])
        return self.G

    def _drop_duplicates(self) -> None:
        """Keep the first element of every id, drop later copies (with their content) as bpmn-js
        does, and warn once, naming every duplicate id and its lines."""
        lines: dict[str, list[int]] = {}
        later = []
        for el in bpmn_elements(self.root):
            if el.get("id"):
                if el.get("id") in lines:
                    later.append(el)
                lines.setdefault(el.get("id"), []).append(el.sourceline)
        for el in later:
            el.getparent().remove(el)
        twice = {i: found for i, found in lines.items() if len(found) > 1}
        self.duplicated = set(twice)
        if twice:
            listed = "; ".join(f"'{i}' (line {found[0]}, again on {', '.join(map(str, found[1:]))})"
                               for i, found in twice.items())
            count = f"{len(twice)} id{'s' * (len(twice) != 1)}"
            self.G.graph["warnings"].append(
                f"{self.path}: duplicate ids ({count}), read as Camunda Modeler reads them, keeping the first "
                f"element of each and dropping later copies: {listed}")

    def _dept(self, name: str, documented: str, what: str) -> str | None:
        if dept_from_doc(documented):
            return dept_from_doc(documented)
        dept = infer_dept(name)
        self.G.graph["inferred"].append({"what": what, "name": name, "dept": dept})
        return dept

    def _pool(self, process, participant) -> None:
        element = participant if participant is not None else process
        pool_id = element.get("id")
        name = (name_from_doc(_name(element), _documentation(element)) or _name(process)
                or f"Pool {len(self.G.graph['pools']) + 1}")
        pool = {"id": pool_id, "name": name, "process_id": process.get("id"), "lanes": [], "dept": None}
        self.G.graph["pools"].append(pool)
        lane_of: dict[str, str] = {}
        for lane_set in _bpmn_children(process, "laneSet"):
            self._lanes(lane_set, pool, lane_of, process, name)
        if not pool["lanes"]:  # the pool's own department applies to its steps
            pool["dept"] = self._dept(name, _documentation(element), "pool")
        self._nodes(process, pool, None, lane_of)

    def _lanes(self, lane_set, pool, lane_of, process, owner: str) -> None:
        """The lanes of ``lane_set``; an unnamed one is called after its pool or parent lane
        (``owner``) and its place: "Biblioteket · bane 2"."""
        for place, lane in enumerate(_bpmn_children(lane_set, "lane"), 1):
            lane_id = lane.get("id")
            name = name_from_doc(_name(lane), _documentation(lane)) or f"{owner} · bane {place}"
            self.G.graph["lanes"][lane_id] = {
                "id": lane_id, "name": name, "pool": pool["id"], "file": str(self.path),
                "line": lane.sourceline, "dept": self._dept(name, _documentation(lane), "lane")}
            pool["lanes"].append(lane_id)
            for ref in _bpmn_children(lane, "flowNodeRef"):
                target = (ref.text or "").strip()
                if target in self.ids and _local(self.ids[target]) in DATA_REFERENCES:
                    continue  # a data store or object drawn in the lane: not a step
                if target not in self.ids or _local(self.ids[target]) not in KINDS:
                    self.fail(ref, f"lane '{name}' lists unknown flow node '{target}'")
                if _process_of(self.ids[target]) is not process:
                    if target in self.duplicated:  # it meant the copy that was dropped: as bpmn-js, ignore
                        continue
                    self.fail(ref, f"lane '{name}' lists '{target}', a step of another pool")
                lane_of[target] = lane_id  # nested lanes come later: the innermost lane wins
            for child in _bpmn_children(lane, "childLaneSet"):
                self._lanes(child, pool, lane_of, process, name)

    def _nodes(self, scope, pool, parent, lane_of) -> None:
        for element in scope:
            tag = _local(element)
            if tag not in KINDS or etree.QName(element).namespace != BPMN:  # vendor look-alikes too
                continue
            n = element.get("id")
            if not n:
                self.fail(element, f"<{tag}> has no id")
            lane = lane_of.get(n) if parent is None else None
            dept = self.G.graph["lanes"][lane]["dept"] if lane else (
                self.G.nodes[parent]["dept"] if parent else pool["dept"])
            key = key_of_id(n)
            event = self._event(element)
            duration = self._duration(element) if event == "timer" else None
            label = _name(element)
            if duration is not None:
                label = label_from_name(label, duration)
            self.G.add_node(
                n, kind=tag, event=event, label=label, key=key, lane=lane, pool=pool["id"],
                parent=parent, dept=dept, duration=duration, notes=tuple(self.notes.get(n, ())),
                effort=effort_from_doc(_documentation(element)) if family(tag) == "activity" else None,
                auto=family(tag) == "gateway" and is_auto_key(key),
                file=str(self.path), line=element.sourceline)
            if is_scope(tag):
                self._nodes(element, pool, n, lane_of)

    @staticmethod
    def _event(element) -> str | None:
        return next(filter(None, (event_name(_local(child)) for child in element)), None)

    def _duration(self, element) -> Duration | None:
        """Range from the exporter's documentation ``(P1D til P3D)``, else ``timeDuration`` (a wait)
        or ``timeCycle`` (a timer start)."""
        documented = wait_from_doc(_documentation(element))
        timers = element.iter(f"{{{BPMN}}}timeDuration", f"{{{BPMN}}}timeCycle")
        upper = Duration.from_iso(next((el.text or "" for el in timers), ""))
        if upper is not None and (documented is None or (upper.high, upper.unit) != (documented.high, documented.unit)):
            return upper  # the timer itself was edited: it wins over the documentation
        return documented

    def _annotations(self) -> dict[str, list[str]]:
        """Node id -> texts of the annotations associated with it (in either direction)."""
        notes: dict[str, list[str]] = {}
        for assoc in self.root.iter(f"{{{BPMN}}}association"):
            ends = [self.ids.get(assoc.get("sourceRef")), self.ids.get(assoc.get("targetRef"))]
            for note, other in (ends, ends[::-1]):
                if note is not None and other is not None and _local(note) == "textAnnotation":
                    notes.setdefault(other.get("id"), []).append(" ".join("".join(note.itertext()).split()))
        return notes

    def _flows(self, scope) -> None:
        for element in scope.iter(f"{{{BPMN}}}sequenceFlow"):
            self._edge(element, "sequence")
        for element in scope.iter(f"{{{BPMN}}}association"):
            for end in ("sourceRef", "targetRef"):
                if element.get(end) not in self.ids:
                    self.fail(element, f"association '{element.get('id')}' refers to unknown element "
                                       f"'{element.get(end)}'")

    def _message_flows(self) -> None:
        for element in self.root.iter(f"{{{BPMN}}}messageFlow"):
            self._edge(element, "message")

    def _edge(self, element, flow: str) -> None:
        u, v = element.get("sourceRef"), element.get("targetRef")
        for end, ref in (("sourceRef", u), ("targetRef", v)):
            if ref not in self.ids:
                self.fail(element, f"{flow} flow '{element.get('id')}' has {end} '{ref}', "
                                   "which is not in the file")
        if u not in self.G or v not in self.G:
            if flow == "sequence":
                self.fail(element, f"sequence flow '{element.get('id')}' does not connect two flow nodes")
            pools = self.G.graph["participants"]
            if all(end in self.G or end in pools for end in (u, v)):  # to or from a whole pool
                self.G.graph["pool_messages"].append({"id": element.get("id"), "source": u, "target": v,
                                                      "label": _name(element) or None})
            return
        if flow == "sequence" and self.G.nodes[u]["pool"] != self.G.nodes[v]["pool"]:
            self.fail(element, f"sequence flow '{element.get('id')}' goes from pool '{self.G.nodes[u]['pool']}' "
                               f"to pool '{self.G.nodes[v]['pool']}'; between pools use a message flow")
        condition = next(_bpmn_children(element, "conditionExpression"), None)
        default = self.ids[u].get("default") == element.get("id")
        docs = _documentations(element)
        label = _name(element) or first_decoded(branch_from_doc, docs)
        data = dict(id=element.get("id"), flow=flow, label=label or None,
                    condition=(condition.text or "").strip() or None if condition is not None else None,
                    default=default, share=first_decoded(share_from_doc, docs) if flow == "sequence" else None,
                    file=str(self.path), line=element.sourceline)
        if self.G.has_edge(u, v):  # drawn beside another flow: a flow of its own, not the same edge
            self.G.graph["parallel_flows"].append({"source": u, "target": v, **data})
        else:
            self.G.add_edge(u, v, **data)

    def _describe(self, main_process) -> None:
        """Title, variant, theme and key from the exporter's summary, or from names."""
        graph = self.G.graph
        summary = summary_from_doc(_documentation(main_process))
        key, variant = definitions_from_id(self.root.get("id") or "") or (None, None)
        first_pool = graph["pools"][0]["name"]
        graph["title"] = summary["title"] if summary else (_name(main_process) or first_pool)
        graph["variant"] = summary["variant"] if summary else variant
        graph["theme"] = summary["theme"] if summary else None
        graph["municipality"] = summary["municipality"] if summary else None
        graph["per_year"], graph["once"] = volume_from_doc(_documentation(main_process))
        graph["per_year_from"] = "model" if graph["per_year"] is not None else None
        graph["key"] = key or slug(graph["title"])
