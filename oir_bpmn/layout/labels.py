"""Layout step 5, text: node labels, text annotations with their associations (flow labels:
``flowlabels``).

Every box is checked against a spatial index of the boxes placed before it, so text never
covers a shape or other text.
"""
from __future__ import annotations

from .geometry import Box, Point, crossed
from .index import BoxIndex
from .place import LABEL_GAP, LABEL_SHIFT, NOTE_GAP, NOTE_SEP, Shape

FARTHER = 12  # px: further steps right for a label whose places beside its node are taken
from ..model import annotation_id, association_id


def place_node_texts(ids: list[str], boxes: list[Box], shapes: list[Shape], bottom_used: list[bool],
                     index: BoxIndex, labels: dict[str, Box], annotations: dict[str, Box],
                     edges: dict[str, list[Point]], lines: BoxIndex, room_above: int) -> None:
    """Labels under their shapes, annotations side by side above their node, linked by associations.

    An association runs from the node (its BPMN ``sourceRef``) to the annotation (``targetRef``).

    A label that a flow (its segments are in ``lines``) would run through, as one leaving or entering its node
    at the bottom does, moves right or left of that flow, or above the node (if it fits in the
    ``room_above`` its row has at least), where the room there is free (its default place stays
    reserved).
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
        node = boxes[i]
        right = Box(node.cx + LABEL_SHIFT, box.y, box.w, box.h)
        left = Box(node.cx - LABEL_SHIFT - box.w, box.y, box.w, box.h)
        tries = [right, left, box] if bottom_used[i] else [box, right, left]
        if node.h // 2 + LABEL_GAP + box.h <= room_above:  # above, within the row's room
            y = node.y - LABEL_GAP - box.h
            tries += [Box(box.x, y, box.w, box.h), Box(right.x, y, box.w, box.h), Box(left.x, y, box.w, box.h)]
        if bottom_used[i]:  # farther right of the lines beside the flow down, before crossing it
            tries += [Box(right.x + k * FARTHER, box.y, box.w, box.h) for k in range(1, 9)]
        labels[ids[i]] = box
        for place in tries:
            if (place.x >= 0 and all(k == ids[i] + "#label" for k in index.hits(place))
                    and not any(crossed(place, seg) for _, seg in lines.items_near(place, 0))):
                labels[ids[i]] = place
                if place != box:
                    index.add(ids[i] + "#label", place)
                break


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
