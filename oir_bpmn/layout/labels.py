"""Layout step 5, text: node labels, text annotations with their associations, flow labels.

Every box is checked against a spatial index of the boxes placed before it, so text never
covers a shape or other text.
"""
from __future__ import annotations

from .geometry import Box, Point
from .index import BoxIndex
from .place import LABEL_GAP, LABEL_SHIFT, NOTE_GAP, NOTE_SEP, Shape
from ..model import annotation_id, association_id


def place_node_texts(ids: list[str], boxes: list[Box], shapes: list[Shape], bottom_used: list[bool],
                     index: BoxIndex, labels: dict[str, Box], annotations: dict[str, Box],
                     edges: dict[str, list[Point]]) -> None:
    """Labels under their shapes, annotations side by side above their node, linked by associations.

    An association runs from the node (its BPMN ``sourceRef``) to the annotation (``targetRef``).

    A label whose node has a flow leaving or entering at the bottom moves right of that flow if
    the room there is free (its default place stays reserved).
    """
    for i, box in enumerate(boxes):
        index.add(ids[i], box)
    defaults = {}
    for i, shape in enumerate(shapes):
        if shape.label:
            w, h = shape.label
            defaults[i] = Box(boxes[i].cx - w // 2, boxes[i].bottom + LABEL_GAP, w, h)
            index.add(ids[i] + "#label", defaults[i])
        if shape.notes:
            _annotate(ids[i], boxes[i], shape.notes, index, annotations, edges)
    for i, box in defaults.items():
        labels[ids[i]] = box
        if bottom_used[i]:
            moved = Box(boxes[i].cx + LABEL_SHIFT, box.y, box.w, box.h)
            if all(k == ids[i] + "#label" for k in index.hits(moved)):
                labels[ids[i]] = moved
                index.add(ids[i] + "#label", moved)


def _annotate(node: str, box: Box, notes: list[tuple[int, int]], index: BoxIndex,
              annotations: dict[str, Box], edges: dict[str, list[Point]]) -> None:
    total = sum(w for w, _ in notes) + NOTE_SEP * (len(notes) - 1)
    x = box.cx - total // 2
    bottom = box.y - NOTE_GAP
    for k, (w, h) in enumerate(notes):
        note = Box(x, bottom - h, w, h)
        aid = annotation_id(node, k)
        annotations[aid] = note
        index.add(aid, note)
        lo, hi = max(note.x, box.x), min(note.right, box.right)
        if hi - lo >= 4:
            xm = (lo + hi) // 2
            edges[association_id(node, k)] = [(xm, box.y), (xm, note.bottom)]
        else:
            ym = bottom + NOTE_GAP // 2
            edges[association_id(node, k)] = [(box.cx, box.y), (box.cx, ym), (note.cx, ym),
                                               (note.cx, note.bottom)]
        x += w + NOTE_SEP


def place_flow_label(eid: str, size: tuple[int, int], points: list[Point], index: BoxIndex,
                     labels: dict[str, Box]) -> None:
    """Put a flow's label beside its first segments, at the first place free of other boxes."""
    w, h = size
    candidates = list(_beside(points, w, h))
    for box in candidates:
        if box.x >= 0 and box.y >= 0 and index.free(box):
            break
    else:
        first = candidates[0]
        first = Box(max(first.x, 0), max(first.y, 0), w, h)
        box = next((b for b in _drift(first) if b.y >= 0 and index.free(b)), first)
    labels[eid] = box
    index.add(eid, box)


def _beside(points: list[Point], w: int, h: int):
    for (x0, y0), (x1, y1) in zip(points[:3], points[1:4]):
        if y0 == y1:
            x = x0 + 4 if x1 >= x0 else x0 - 4 - w
            yield Box(x, y0 - h - 3, w, h)
            yield Box(x, y0 + 3, w, h)
        else:
            y = y0 + 4 if y1 > y0 else y0 - 4 - h
            yield Box(x0 + 4, y, w, h)
            yield Box(x0 - 4 - w, y, w, h)


def _drift(box: Box):
    for step in range(1, 40):
        yield Box(box.x, box.y - 8 * step, box.w, box.h)
        yield Box(box.x, box.y + 8 * step, box.w, box.h)
