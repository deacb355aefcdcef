"""Independent checks of the diagram interchange (DI) geometry of a BPMN file.

Reads only the XML (never the project's layout code), so it can judge what the
exporter wrote. :func:`geometry_problems` returns human-readable problems; an
empty list means the drawing is clean:

* every flow node, lane, participant and text annotation has a shape with bounds;
* every sequence flow, message flow and association has an edge with >= 2 waypoints;
* coordinates are finite, not negative, not absurdly large; no all-zero bounds;
* sequence and message flows are orthogonal (consecutive waypoints share x or y);
* each edge starts and ends on the border of its source and target shape;
* flow nodes, text annotations and labels do not overlap each other;
* flow nodes lie inside the lane that lists them, lanes inside their participant;
* a participant's or lane's name fits into the band bpmn-js writes it in (else it overprints
  the lanes beside it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"

FLOW_NODE_TAGS = frozenset(
    "startEvent endEvent intermediateCatchEvent intermediateThrowEvent boundaryEvent "
    "task userTask manualTask serviceTask sendTask receiveTask scriptTask businessRuleTask "
    "subProcess transaction adHocSubProcess callActivity "
    "exclusiveGateway parallelGateway inclusiveGateway eventBasedGateway complexGateway".split()
)
SUBPROCESS_TAGS = frozenset({"subProcess", "transaction", "adHocSubProcess"})
SHAPED_TAGS = FLOW_NODE_TAGS | {"lane", "participant", "textAnnotation"}
EDGE_TAGS = frozenset({"sequenceFlow", "messageFlow", "association"})
ORTHOGONAL_TAGS = frozenset({"sequenceFlow", "messageFlow"})

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
TOLERANCE = 1.0  # px allowed for "on the border" and "inside"
MAX_COORDINATE = 100_000.0  # anything beyond is a layout bug, not a diagram


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in diagram coordinates."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        """The x coordinate of the right edge."""
        return self.x + self.width

    @property
    def bottom(self) -> float:
        """The y coordinate of the bottom edge."""
        return self.y + self.height

    def contains(self, other: Box, tolerance: float = TOLERANCE) -> bool:
        """True if ``other`` lies inside this box, up to ``tolerance``."""
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def overlaps(self, other: Box) -> bool:
        """True if the interiors intersect by more than the tolerance (touching is fine)."""
        dx = min(self.right, other.right) - max(self.x, other.x)
        dy = min(self.bottom, other.bottom) - max(self.y, other.y)
        return dx > TOLERANCE and dy > TOLERANCE

    def on_border(self, x: float, y: float) -> bool:
        """True if the point lies on the outline of the box, up to the tolerance."""
        grown = Box(self.x - TOLERANCE, self.y - TOLERANCE, self.width + 2 * TOLERANCE, self.height + 2 * TOLERANCE)
        inside_grown = grown.x <= x <= grown.right and grown.y <= y <= grown.bottom
        strictly_inside = self.x + TOLERANCE < x < self.right - TOLERANCE and self.y + TOLERANCE < y < self.bottom - TOLERANCE
        return inside_grown and not strictly_inside

    def __str__(self) -> str:
        return f"(x={self.x:g}, y={self.y:g}, w={self.width:g}, h={self.height:g})"


@dataclass(frozen=True)
class Diagram:
    """What the checks need from one BPMN file, indexed by semantic element id."""

    elements: dict[str, etree._Element]
    shapes: dict[str, Box | None]  # None: BPMNShape without dc:Bounds
    labels: dict[str, Box]
    edges: dict[str, list[tuple[float, float]]]


def local_name(element: etree._Element) -> str:
    """The tag of an element without its namespace."""
    return etree.QName(element).localname


def number(text: str | None) -> float:
    """A coordinate as a float; missing or not a number: NaN, which the checks report."""
    try:
        return float(text if text is not None else "nan")
    except ValueError:
        return float("nan")


def read_box(bounds: etree._Element) -> Box:
    """Build a :class:`Box` from a ``dc:Bounds`` element (missing or bad numbers become NaN)."""
    return Box(*(number(bounds.get(name)) for name in ("x", "y", "width", "height")))


def load_diagram(path: str | Path) -> Diagram:
    """Parse a BPMN file into semantic elements, shapes, labels and edge waypoints."""
    root = etree.parse(str(path), SAFE_PARSER).getroot()
    elements = {el.get("id"): el for el in root.iter(f"{{{BPMN}}}*") if el.get("id")}
    shapes: dict[str, Box | None] = {}
    labels: dict[str, Box] = {}
    edges: dict[str, list[tuple[float, float]]] = {}
    for shape in root.iter(f"{{{BPMNDI}}}BPMNShape"):
        bounds = shape.find(f"{{{DC}}}Bounds")
        shapes[shape.get("bpmnElement")] = None if bounds is None else read_box(bounds)
    for di in root.iter(f"{{{BPMNDI}}}BPMNShape", f"{{{BPMNDI}}}BPMNEdge"):
        label = di.find(f"{{{BPMNDI}}}BPMNLabel/{{{DC}}}Bounds")
        if label is not None:
            labels[di.get("bpmnElement")] = read_box(label)
    for edge in root.iter(f"{{{BPMNDI}}}BPMNEdge"):
        points = edge.findall(f"{{{DI}}}waypoint")
        edges[edge.get("bpmnElement")] = [(number(p.get("x")), number(p.get("y"))) for p in points]
    return Diagram(elements, shapes, labels, edges)


def elements_of(diagram: Diagram, tags: frozenset[str]) -> list[tuple[str, etree._Element]]:
    """Semantic elements whose tag is in ``tags``, in document order."""
    return [(eid, el) for eid, el in diagram.elements.items() if local_name(el) in tags]


def missing_di_problems(diagram: Diagram) -> list[str]:
    """Elements without a shape with bounds, or edges without two waypoints."""
    problems = []
    for eid, el in elements_of(diagram, SHAPED_TAGS):
        if eid not in diagram.shapes:
            problems.append(f"{eid}: {local_name(el)} has no BPMNShape")
        elif diagram.shapes[eid] is None:
            problems.append(f"{eid}: BPMNShape has no dc:Bounds")
    for eid, el in elements_of(diagram, EDGE_TAGS):
        if eid not in diagram.edges:
            problems.append(f"{eid}: {local_name(el)} has no BPMNEdge")
        elif len(diagram.edges[eid]) < 2:
            problems.append(f"{eid}: BPMNEdge has {len(diagram.edges[eid])} waypoint(s), needs at least 2")
    return problems


def bad_number(value: float) -> bool:
    """True for NaN, infinities, negatives and absurdly large coordinates."""
    return not math.isfinite(value) or value < -TOLERANCE or value > MAX_COORDINATE


def coordinate_problems(diagram: Diagram) -> list[str]:
    """Non-finite, negative, huge or degenerate bounds and waypoints."""
    problems = []
    boxes = [(eid, "shape", box) for eid, box in diagram.shapes.items() if box is not None]
    boxes += [(eid, "label", box) for eid, box in diagram.labels.items()]
    for eid, kind, box in boxes:
        values = (box.x, box.y, box.width, box.height)
        if all(v == 0 for v in values):
            problems.append(f"{eid}: {kind} bounds are all zero")
        elif any(bad_number(v) for v in values) or box.width <= 0 or box.height <= 0:
            problems.append(f"{eid}: {kind} bounds {box} are not finite, positive-sized, non-negative coordinates")
    for eid, points in diagram.edges.items():
        if any(bad_number(v) for point in points for v in point):
            problems.append(f"{eid}: waypoints {points} are not finite non-negative coordinates")
    return problems


def orthogonality_problems(diagram: Diagram) -> list[str]:
    """Sequence and message flows with a segment that is neither horizontal nor vertical."""
    problems = []
    for eid, _ in elements_of(diagram, ORTHOGONAL_TAGS):
        points = diagram.edges.get(eid, [])
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if abs(x1 - x2) > 0.5 and abs(y1 - y2) > 0.5:
                problems.append(f"{eid}: segment ({x1:g},{y1:g})->({x2:g},{y2:g}) is not orthogonal")
    return problems


def docking_problems(diagram: Diagram) -> list[str]:
    """Edges whose first/last waypoint is not on the border of the source/target shape."""
    problems = []
    for eid, el in elements_of(diagram, EDGE_TAGS):
        points = diagram.edges.get(eid, [])
        if len(points) < 2:
            continue
        for end, ref, point in (("starts", "sourceRef", points[0]), ("ends", "targetRef", points[-1])):
            box = diagram.shapes.get(el.get(ref))
            if box is not None and not box.on_border(*point):
                problems.append(f"{eid}: {end} at ({point[0]:g},{point[1]:g}), not on the border of {el.get(ref)} {box}")
    return problems


def nesting_exempt(diagram: Diagram, a: str, b: str) -> bool:
    """True if two owners may overlap: a boundary event on its host, or an element in its sub-process."""
    el_a, el_b = diagram.elements.get(a), diagram.elements.get(b)
    if el_a is None or el_b is None:
        return False
    if el_a.get("attachedToRef") == b or el_b.get("attachedToRef") == a:
        return True
    return any(local_name(anc) in SUBPROCESS_TAGS and anc.get("id") in (a, b)
               for el in (el_a, el_b) for anc in el.iterancestors())


def overlap_problems(diagram: Diagram) -> list[str]:
    """Pairs of flow-node shapes, text annotations and labels that overlap."""
    boxes = [(eid, "", box) for eid, el in elements_of(diagram, FLOW_NODE_TAGS | {"textAnnotation"})
             if (box := diagram.shapes.get(eid)) is not None]
    boxes += [(eid, " label", box) for eid, box in diagram.labels.items() if eid in diagram.elements]
    problems = []
    for (id_a, kind_a, box_a), (id_b, kind_b, box_b) in combinations(boxes, 2):
        if id_a != id_b and box_a.overlaps(box_b) and not nesting_exempt(diagram, id_a, id_b):
            problems.append(f"{id_a}{kind_a} {box_a} overlaps {id_b}{kind_b} {box_b}")
    return problems


def participant_boxes(diagram: Diagram) -> dict[str, tuple[str, Box]]:
    """Map process id -> (participant id, participant box) for pools that have a shape."""
    result = {}
    for pid, el in elements_of(diagram, frozenset({"participant"})):
        box = diagram.shapes.get(pid)
        if el.get("processRef") and box is not None:
            result[el.get("processRef")] = (pid, box)
    return result


def containment_problems(diagram: Diagram) -> list[str]:
    """Flow nodes outside their lane, nodes missing from every lane, lanes outside their pool."""
    problems = []
    pools = participant_boxes(diagram)
    for process_id, process in elements_of(diagram, frozenset({"process"})):
        lanes = list(process.iter(f"{{{BPMN}}}lane"))
        pool = pools.get(process_id)
        in_lane = set()
        for lane in lanes:
            lane_box = diagram.shapes.get(lane.get("id"))
            if lane_box is None:
                continue
            if pool and not pool[1].contains(lane_box):
                problems.append(f"{lane.get('id')}: lane {lane_box} is not inside participant {pool[0]} {pool[1]}")
            for ref in lane.iterfind(f"{{{BPMN}}}flowNodeRef"):
                node_id = (ref.text or "").strip()
                in_lane.add(node_id)
                node_box = diagram.shapes.get(node_id)
                if node_box is not None and not lane_box.contains(node_box):
                    problems.append(f"{node_id}: {node_box} is not inside its lane {lane.get('id')} {lane_box}")
        for node in process:
            node_id, node_box = node.get("id"), diagram.shapes.get(node.get("id"))
            if local_name(node) not in FLOW_NODE_TAGS or node_box is None:
                continue
            if lanes and node_id not in in_lane:
                problems.append(f"{node_id}: not listed in any lane of {process_id}")
            if pool and not pool[1].contains(node_box):
                problems.append(f"{node_id}: {node_box} is not inside participant {pool[0]} {pool[1]}")
    return problems


BAND = 30.0        # px: bpmn-js writes a participant's or lane's name sideways in a band this wide
BAND_LINE = 14.4   # px: one line of its 12 px Arial (line height 1.2)
ARIAL_AS_DEJAVU = 11  # DejaVu Sans at 11 pt is about as wide as Arial at 12 px


def band_label_problems(diagram: Diagram) -> list[str]:
    """Participants and lanes whose name needs more lines than their band holds: bpmn-js then
    writes it over the lanes (or the lane's shapes) beside it."""
    from ..text import wrap
    problems = []
    for element_id, element in elements_of(diagram, frozenset({"participant", "lane"})):
        box, name = diagram.shapes.get(element_id), " ".join((element.get("name") or "").split())
        if box is None or not name or bad_number(box.height):
            continue
        lines = len(wrap(name, box.height, ARIAL_AS_DEJAVU))
        if lines * BAND_LINE > BAND:
            problems.append(f"{element_id}: its name needs {lines} lines beside a shape {box.height:g} px tall, "
                            f"but the band holds {int(BAND // BAND_LINE)}: it is written over the lanes; "
                            "shorten the name")
    return problems


def geometry_problems(path: str | Path) -> list[str]:
    """All DI geometry problems of the BPMN file at ``path``; empty when clean."""
    diagram = load_diagram(path)
    checks = (missing_di_problems, coordinate_problems, orthogonality_problems,
              docking_problems, overlap_problems, containment_problems, band_label_problems)
    return [problem for check in checks for problem in check(diagram)]
