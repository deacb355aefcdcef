"""Plain geometry types shared by the layout and the exporters (integer diagram units)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner ``x, y``, size ``w × h``."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def contains(self, other: "Box") -> bool:
        return (self.x <= other.x and self.y <= other.y
                and other.right <= self.right and other.bottom <= self.bottom)

    def overlaps(self, other: "Box") -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


Point = tuple[int, int]


@dataclass
class Layout:
    """Where everything of one diagram plane goes.

    nodes: flow node id -> Box (only the nodes of this plane)
    labels: node id or edge id -> Box of its external label (events, gateways, labelled flows)
    lanes, pools: lane id / pool id -> Box
    annotations: text annotation id -> Box
    edges: sequence/message flow id and association id -> orthogonal waypoints
    planes: subprocess id -> Layout of its contents (drawn on a plane of its own)
    """

    nodes: dict[str, Box] = field(default_factory=dict)
    labels: dict[str, Box] = field(default_factory=dict)
    lanes: dict[str, Box] = field(default_factory=dict)
    pools: dict[str, Box] = field(default_factory=dict)
    annotations: dict[str, Box] = field(default_factory=dict)
    edges: dict[str, list[Point]] = field(default_factory=dict)
    planes: dict[str, "Layout"] = field(default_factory=dict)
