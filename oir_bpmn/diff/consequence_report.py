"""Consequences in words and tables (Danish): lead time, hand-offs and manual tasks, before and after.

Used by every report format and by the cross-theme summary; see ``consequences`` for the sums.
"""
from __future__ import annotations

from .consequences import Consequences, Route, VariantConsequences, days_text
from ..model import dept_name

ROUTE_HEADERS = ("Variant", "Rute", "Slut", "Gennemløbstid", "Overdragelser", "Trin", "Manuelle trin")
MANUAL_HEADERS = ("Afdeling", "Manuelle trin før", "Manuelle trin efter")
SIDE_NAMES = {"current": "I dag", "future": "Fremover"}


def range_text(low: float, high: float) -> str:
    """``3`` or ``1–3``."""
    return str(low) if low == high else f"{low}–{high}"


def consequence_lines(c: Consequences, names: dict[str, str] = SIDE_NAMES) -> list[str]:
    """``["Gennemløbstid: i dag 0 dage, fremover 0–6 dage.", "Overdragelser pr. rute: ..."]``;
    ``names`` calls the left ("current") and right ("future") side."""
    lead = [f"{names[side].lower()} {days_text(*v.lead_range)}" for side, v in _sides(c)]
    hand = [f"{names[side].lower()} {range_text(*v.handoff_range)}" for side, v in _sides(c)]
    lines = [f"Gennemløbstid (ventetider): {', '.join(lead)}.", f"Overdragelser pr. rute: {', '.join(hand)}."]
    manual = [f"{dept_name(d)} {before} → {after}" for d, before, after in c.manual_rows() if before != after]
    if manual:
        lines.append(f"Manuelle trin: {', '.join(manual)}.")
    lines += [f"Over {len(v.routes)} ruter fra samme start i {names[side].lower()}s variant: kun de første er vist."
              for side, v in _sides(c) if v.truncated]
    return lines


def _sides(c: Consequences) -> list[tuple[str, VariantConsequences]]:
    return [("current", c.current), ("future", c.future)]


def route_cells(side: str, route: Route, names: dict[str, str] = SIDE_NAMES) -> tuple[str, ...]:
    return (names[side], route.name, ", ".join(route.ends) or "—", route.lead_time_text,
            f"{route.handoff_count}: {route.handoff_text()}" if route.handoffs else "0",
            str(route.tasks), str(route.manual))


def route_rows(c: Consequences, names: dict[str, str] = SIDE_NAMES) -> list[tuple[str, ...]]:
    """One row per route, current (left) routes first."""
    return [route_cells(side, r, names) for side, v in _sides(c) for r in v.routes]


def manual_cells(c: Consequences) -> list[tuple[str, str, str]]:
    return [(dept_name(d), str(before), str(after)) for d, before, after in c.manual_rows()]


def route_dict(route: Route) -> dict:
    return {"name": route.name, "start": route.start, "choices": list(route.choices), "ends": list(route.ends),
            "lead_time_days": {"low": route.lead_low, "high": route.lead_high, "text": route.lead_time_text},
            "handoffs": [{"from": a, "to": b, "text": f"{dept_name(a)} → {dept_name(b)}"} for a, b in route.handoffs],
            "tasks": route.tasks, "manual_tasks": route.manual}


def consequences_dict(c: Consequences) -> dict:
    """A JSON-ready description: per variant its routes, lead-time range and manual tasks."""
    def side(v: VariantConsequences) -> dict:
        low, high = v.lead_range
        return {"routes": [route_dict(r) for r in v.routes], "truncated": v.truncated,
                "lead_time_days": {"low": low, "high": high, "text": days_text(low, high)},
                "handoffs_per_route": dict(zip(("low", "high"), v.handoff_range))}
    return {"current": side(c.current), "future": side(c.future),
            "manual_tasks": [{"dept": d, "name": dept_name(d), "before": b, "after": a}
                             for d, b, a in c.manual_rows()]}
