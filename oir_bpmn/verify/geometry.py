"""Independent checks of the diagram interchange (DI) geometry of a BPMN file.

Reads only the XML (never the project's layout code), so it can judge what the
exporter wrote, or what another tool wrote. :func:`geometry_problems` returns
human-readable problems; an empty list means the drawing is clean:

* every flow node, lane, participant and text annotation has a shape with bounds
  (on some plane); every sequence flow, message flow and association an edge with
  >= 2 waypoints;
* coordinates are numbers, not negative, sizes positive, no all-zero bounds;
  coordinates beyond ``MAX_COORDINATE`` are reported once per file, as that cause;
* sequence and message flows are orthogonal (consecutive waypoints share x or y);
* each edge starts and ends on the border of its source and target shape;
* flow nodes, text annotations and the labels bpmn-js draws do not overlap;
* flow nodes lie inside the lane that lists them, lanes inside their participant;
* a participant's or lane's name fits into the band bpmn-js writes it in (else it overprints
  the lanes beside it).

Every ``BPMNDiagram`` plane is a drawing of its own (a collapsed sub-process has its
children on its own plane): shapes are compared only with shapes of the same plane.
The checks are linear in the size of the file (overlaps are found through a grid).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections import defaultdict
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

TOLERANCE = 1.0  # px allowed for "on the border" and "inside"
MAX_COORDINATE = 100_000.0  # anything beyond is a layout bug, not a diagram
EXTERNAL_LABEL_TAGS = frozenset(
    "startEvent endEvent intermediateCatchEvent intermediateThrowEvent boundaryEvent "
    "exclusiveGateway parallelGateway inclusiveGateway eventBasedGateway complexGateway "
    "dataObjectReference dataStoreReference dataInput dataOutput sequenceFlow messageFlow".split()
)
"""Elements whose name bpmn-js draws as a label of its own (``isLabelExternal``), when they have one."""
GRID = 200.0  # px: cell size of the overlap grid
MAX_CELLS = 400  # a box covering more cells is compared with every box of its plane


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
class Plane:
    """One ``BPMNPlane``: its shapes, the labels bpmn-js draws, and its edges, by semantic id."""

    name: str  # the plane's bpmnElement (or its id)
    shapes: dict[str, Box | None]  # None: BPMNShape without dc:Bounds
    labels: dict[str, Box]
    edges: dict[str, list[tuple[float, float]]]


@dataclass(frozen=True)
class Diagram:
    """What the checks need from one BPMN file: semantic elements by id, the planes, and the first
    plane that draws each element."""

    elements: dict[str, etree._Element]
    planes: list[Plane]
    where: dict[str, Plane]

    def has_shape(self, eid: str) -> Box | None | bool:
        """The bounds of ``eid`` on the first plane that has a shape for it; False: no shape at all."""
        plane = self.where.get(eid)
        return False if plane is None else plane.shapes[eid]


def local_name(element: etree._Element) -> str:
    """The tag of an element without its namespace."""
    return element.tag.rpartition("}")[2]


def number(text: str | None) -> float:
    """A coordinate as a float; missing or not a number: NaN, which the checks report."""
    try:
        return float(text if text is not None else "nan")
    except ValueError:
        return float("nan")


def read_box(bounds: etree._Element) -> Box:
    """Build a :class:`Box` from a ``dc:Bounds`` element (missing or bad numbers become NaN)."""
    return Box(*(number(bounds.get(name)) for name in ("x", "y", "width", "height")))


def draws_label(element: etree._Element | None) -> bool:
    """True if bpmn-js draws a label for ``element``: an external-label kind with a name."""
    return (element is not None and local_name(element) in EXTERNAL_LABEL_TAGS
            and bool((element.get("name") or "").strip()))


def load_diagram(root: etree._Element) -> Diagram:
    """The semantic elements and the DI planes of the BPMN document ``root``."""
    elements = {el.get("id"): el for el in root.iter(f"{{{BPMN}}}*") if el.get("id")}
    planes = []
    for index, plane in enumerate(root.iter(f"{{{BPMNDI}}}BPMNPlane")):
        shapes: dict[str, Box | None] = {}
        labels: dict[str, Box] = {}
        edges: dict[str, list[tuple[float, float]]] = {}
        for di in plane.iter(f"{{{BPMNDI}}}BPMNShape", f"{{{BPMNDI}}}BPMNEdge"):
            eid = di.get("bpmnElement")
            if local_name(di) == "BPMNShape":
                bounds = di.find(f"{{{DC}}}Bounds")
                shapes[eid] = None if bounds is None else read_box(bounds)
            else:
                edges[eid] = [(number(p.get("x")), number(p.get("y"))) for p in di.iterfind(f"{{{DI}}}waypoint")]
            label = di.find(f"{{{BPMNDI}}}BPMNLabel/{{{DC}}}Bounds")
            if label is not None and draws_label(elements.get(eid)):
                labels[eid] = read_box(label)
        planes.append(Plane(plane.get("bpmnElement") or plane.get("id") or f"plane {index + 1}",
                            shapes, labels, edges))
    where: dict[str, Plane] = {}
    for plane in reversed(planes):
        where.update(dict.fromkeys(plane.shapes, plane))
    return Diagram(elements, planes, where)


def elements_of(diagram: Diagram, tags: frozenset[str]) -> list[tuple[str, etree._Element]]:
    """Semantic elements whose tag is in ``tags``, in document order."""
    return [(eid, el) for eid, el in diagram.elements.items() if local_name(el) in tags]


def missing_di_problems(diagram: Diagram) -> list[str]:
    """Elements without a shape with bounds, or edges without two waypoints (on any plane)."""
    problems = []
    for eid, el in elements_of(diagram, SHAPED_TAGS):
        box = diagram.has_shape(eid)
        if box is False:
            problems.append(f"{eid}: {local_name(el)} has no BPMNShape")
        elif box is None:
            problems.append(f"{eid}: BPMNShape has no dc:Bounds")
    edges: dict[str, list] = {}
    for plane in reversed(diagram.planes):
        edges.update(plane.edges)
    for eid, el in elements_of(diagram, EDGE_TAGS):
        if eid not in edges:
            problems.append(f"{eid}: {local_name(el)} has no BPMNEdge")
        elif len(edges[eid]) < 2:
            problems.append(f"{eid}: BPMNEdge has {len(edges[eid])} waypoint(s), needs at least 2")
    return problems


def too_large(value: float) -> bool:
    return math.isfinite(value) and abs(value) > MAX_COORDINATE


def bad_number(value: float) -> bool:
    """True for NaN, infinities and negatives (too large is counted apart, see ``too_large``)."""
    return not math.isfinite(value) or value < -TOLERANCE


def coordinate_problems(diagram: Diagram) -> list[str]:
    """Bounds and waypoints that are not numbers, negative or degenerate, one per element; and one
    line for all coordinates beyond ``MAX_COORDINATE``."""
    problems = []
    large, largest = 0, 0.0
    for plane in diagram.planes:
        boxes = [(eid, "shape", box) for eid, box in plane.shapes.items() if box is not None]
        boxes += [(eid, "label", box) for eid, box in plane.labels.items()]
        for eid, kind, box in boxes:
            values = (box.x, box.y, box.width, box.height)
            if any(too_large(v) for v in values):
                large, largest = large + 1, max(largest, *(abs(v) for v in values if math.isfinite(v)))
            elif all(v == 0 for v in values):
                problems.append(f"{eid}: {kind} bounds are all zero")
            elif any(not math.isfinite(v) for v in values):
                problems.append(f"{eid}: {kind} bounds {box} are not numbers")
            elif box.x < -TOLERANCE or box.y < -TOLERANCE:
                problems.append(f"{eid}: {kind} bounds {box} have negative coordinates")
            elif box.width < 0 or box.height < 0 or (kind == "shape" and (box.width == 0 or box.height == 0)):
                problems.append(f"{eid}: {kind} bounds {box} have no positive size")
        for eid, points in plane.edges.items():
            values = [v for point in points for v in point]
            if any(too_large(v) for v in values):
                large, largest = large + 1, max(largest, *(abs(v) for v in values if math.isfinite(v)))
            elif any(bad_number(v) for v in values):
                problems.append(f"{eid}: waypoints {_points(points)} are not all numbers >= 0")
    if large:
        problems.append(f"coordinates too large: {large} shape(s), label(s) or edge(s) reach {largest:g} px, beyond "
                        f"{MAX_COORDINATE:g} px (the diagram is too big to draw; split the process or lay it out "
                        "more compactly)")
    return problems


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"({x:g},{y:g})" for x, y in points)


def orthogonality_problems(diagram: Diagram) -> list[str]:
    """Sequence and message flows with a segment that is neither horizontal nor vertical."""
    problems = []
    for plane in diagram.planes:
        for eid, points in plane.edges.items():
            el = diagram.elements.get(eid)
            if el is None or local_name(el) not in ORTHOGONAL_TAGS:
                continue
            for (x1, y1), (x2, y2) in zip(points, points[1:]):
                if abs(x1 - x2) > 0.5 and abs(y1 - y2) > 0.5:
                    problems.append(f"{eid}: segment ({x1:g},{y1:g})->({x2:g},{y2:g}) is not orthogonal")
    return problems


def docking_problems(diagram: Diagram) -> list[str]:
    """Edges whose first/last waypoint is not on the border of the source/target shape of its plane."""
    problems = []
    for plane in diagram.planes:
        for eid, points in plane.edges.items():
            el = diagram.elements.get(eid)
            if el is None or local_name(el) not in EDGE_TAGS or len(points) < 2:
                continue
            for end, ref, point in (("starts", "sourceRef", points[0]), ("ends", "targetRef", points[-1])):
                box = plane.shapes.get(el.get(ref))
                if box is not None and not box.on_border(*point):
                    problems.append(f"{eid}: {end} at ({point[0]:g},{point[1]:g}), not on the border of "
                                    f"{el.get(ref)} {box}")
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
    """Pairs of flow-node shapes, text annotations and drawn labels of one plane that overlap."""
    problems = []
    for plane in diagram.planes:
        boxes = [(eid, "", box) for eid, box in plane.shapes.items() if box is not None
                 and eid in diagram.elements and local_name(diagram.elements[eid]) in FLOW_NODE_TAGS | {"textAnnotation"}]
        boxes += [(eid, " label", box) for eid, box in plane.labels.items()]
        boxes = [item for item in boxes if _drawable(item[2])]
        for i, j in sorted(_candidate_pairs([box for _, _, box in boxes])):
            (id_a, kind_a, box_a), (id_b, kind_b, box_b) = boxes[i], boxes[j]
            if id_a != id_b and box_a.overlaps(box_b) and not nesting_exempt(diagram, id_a, id_b):
                problems.append(f"{id_a}{kind_a} {box_a} overlaps {id_b}{kind_b} {box_b}")
    return problems


def _drawable(box: Box) -> bool:
    """A box the overlap check can place: numbers in range, positive size (others are reported apart)."""
    values = (box.x, box.y, box.width, box.height)
    return all(math.isfinite(v) and abs(v) <= MAX_COORDINATE for v in values) and box.width > 0 and box.height > 0


def _candidate_pairs(boxes: list[Box]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of boxes that share a grid cell: every overlapping pair is among them."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    big = []
    for index, box in enumerate(boxes):
        x0, x1 = int(box.x // GRID), int(box.right // GRID)
        y0, y1 = int(box.y // GRID), int(box.bottom // GRID)
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS:
            big.append(index)
            continue
        for cx in range(x0, x1 + 1):
            for cy in range(y0, y1 + 1):
                cells[cx, cy].append(index)
    pairs = {(a, b) for members in cells.values() for k, a in enumerate(members) for b in members[k + 1:]}
    pairs |= {(min(a, b), max(a, b)) for a in big for b in range(len(boxes)) if a != b}
    return pairs


def containment_problems(diagram: Diagram) -> list[str]:
    """Flow nodes outside their lane, nodes missing from every lane, lanes outside their pool (each
    lane and pool on the plane that draws it)."""
    problems = []
    pools = {el.get("processRef"): pid for pid, el in elements_of(diagram, frozenset({"participant"}))
             if el.get("processRef")}
    for process_id, process in elements_of(diagram, frozenset({"process"})):
        pool_id = pools.get(process_id)
        pool_plane = diagram.where.get(pool_id)
        pool_box = pool_plane.shapes[pool_id] if pool_plane else None
        lanes = list(process.iter(f"{{{BPMN}}}lane"))
        in_lane = set()
        for lane in lanes:
            lane_id = lane.get("id")
            refs = [(ref.text or "").strip() for ref in lane.iterfind(f"{{{BPMN}}}flowNodeRef")]
            in_lane.update(refs)
            plane = diagram.where.get(lane_id)
            lane_box = plane.shapes[lane_id] if plane else None
            if lane_box is None:
                continue
            if pool_box is not None and plane is pool_plane and not pool_box.contains(lane_box):
                problems.append(f"{lane_id}: lane {lane_box} is not inside participant {pool_id} {pool_box}")
            for node_id in refs:
                node_box = plane.shapes.get(node_id)
                if node_box is not None and not lane_box.contains(node_box):
                    problems.append(f"{node_id}: {node_box} is not inside its lane {lane_id} {lane_box}")
        for node in process:
            if not isinstance(node.tag, str) or local_name(node) not in FLOW_NODE_TAGS:
                continue
            node_id = node.get("id")
            if lanes and node_id not in in_lane and diagram.has_shape(node_id):
                problems.append(f"{node_id}: not listed in any lane of {process_id}")
            node_box = pool_plane.shapes.get(node_id) if pool_box is not None else None
            if node_box is not None and not pool_box.contains(node_box):
                problems.append(f"{node_id}: {node_box} is not inside participant {pool_id} {pool_box}")
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
        box, name = diagram.has_shape(element_id), " ".join((element.get("name") or "").split())
        if not box or not name or bad_number(box.height):
            continue
        lines = len(wrap(name, box.height, ARIAL_AS_DEJAVU))
        if lines * BAND_LINE > BAND:
            problems.append(f"{element_id}: its name needs {lines} lines beside a shape {box.height:g} px tall, "
                            f"but the band holds {int(BAND // BAND_LINE)}: it is written over the lanes; "
                            "shorten the name")
    return problems


def geometry_problems(root: etree._Element) -> list[str]:
    """All DI geometry problems of the BPMN document ``root`` (its ``definitions``); empty when clean."""
    diagram = load_diagram(root)
    checks = (missing_di_problems, coordinate_problems, orthogonality_problems,
              docking_problems, overlap_problems, containment_problems, band_label_problems)
    return list(dict.fromkeys(problem for check in checks for problem in check(diagram)))
