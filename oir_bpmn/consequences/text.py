"""The consequences in words, tables and JSON (Danish): used by every diff format, ``oversigt``
and the pack, so each says the same.

Staff work (*personalearbejde*) is counted as in ``staff``: expected staff steps per case, per
department; the number of distinct staff tasks in a model is shown as such (*opgaver i modellen*).
"""
from __future__ import annotations

from .figures import HANDOFF_KINDS, Consequences, VariantFigures, number
from .routes import Route, days_text
from ..model import dept_name
from ..profile import DEFAULT_FTE_HOURS

ROUTE_HEADERS = ("Variant", "Rute", "Slut", "Gennemløbstid", "Overdragelser", "Trin", "Personaletrin")
STAFF_HEADERS = ("Afdeling", "Personaletrin pr. sag før", "Personaletrin pr. sag efter",
                 "Opgaver i modellen før", "Opgaver i modellen efter")
SIDE_NAMES = {"current": "I dag", "future": "Fremover"}
HANDOFF_NAMES = {"library_finance": "mellem Biblioteket og Debitor/økonomi",
                 "departments": "med ØiR-koordineringen", "person_system": "mellem person og system",
                 "others": "med låner og eksterne"}
STAFF_DEFINITION = ("Personalearbejde = opgaver som en person i Biblioteket, Debitor/økonomi eller "
                    "ØiR-koordineringen udfører (også send/modtag); lånerens, systemernes og eksterne "
                    "organisationers trin er vist for sig. Tallene er forventet pr. sag over alle veje.")


def amount(x: float) -> str:
    """``2``, ``2,5``, ``0,33``: steps or hand-offs per case."""
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def staff_text(v: VariantFigures) -> str:
    """``"2,5 (Biblioteket 1,5, Debitor/økonomi 1)"`` or ``"0"``."""
    parts = ", ".join(f"{dept_name(d)} {amount(n)}" for d, n in v.staff_per_case.items() if n)
    return f"{amount(v.staff_steps_per_case)} ({parts})" if parts else "0"


def range_text(low: float, high: float) -> str:
    """``3`` or ``1–3``."""
    return str(low) if low == high else f"{low}–{high}"


def consequence_lines(c: Consequences, names: dict[str, str] = SIDE_NAMES) -> list[str]:
    """Danish sentences: lead time, staff work per case, hand-offs by kind, rhythm, even splits;
    ``names`` calls the left ("current") and the right ("future") side."""
    sides = c.sides()
    lines = [f"Gennemløbstid (ventetider): {', '.join(f'{names[s].lower()} {days_text(*v.lead)}' for s, v in sides)}.",
             "Personalearbejde pr. sag: " + ", ".join(f"{names[s].lower()} {staff_text(v)}" for s, v in sides) + "."]
    if c.current.others_per_case or c.future.others_per_case:
        lines.append("Låner og eksterne pr. sag (ikke personalearbejde): "
                     + " → ".join(amount(v.others_per_case) for _, v in sides) + ".")
    for kind in HANDOFF_KINDS:
        before, after = c.current.handoffs[kind], c.future.handoffs[kind]
        if before or after:
            lines.append(f"Overdragelser pr. sag {HANDOFF_NAMES[kind]}: {amount(before)} → {amount(after)}.")
    if c.current.rhythm != c.future.rhythm or c.current.once or c.future.once:
        lines.append(f"Rytme: {names['current'].lower()} {c.current.rhythm}, "
                     f"{names['future'].lower()} {c.future.rhythm}.")
    for s, v in sides:
        if v.even:
            lines.append(f"{names[s]}: uden andele delt ligeligt ved {', '.join(v.even)}.")
        if v.truncated:
            lines.append(f"{names[s]}: {'ingen' if not v.routes else 'ikke alle'} ruter vist (for mange); "
                         "tallene ovenfor gælder alle ruter.")
    return lines


def lone_lines(v: VariantFigures) -> list[str]:
    """The sentences of one variant alone (a process without its other variant)."""
    lines = [f"Gennemløbstid (ventetider): {days_text(*v.lead)}.", f"Personalearbejde pr. sag: {staff_text(v)}.",
             f"Rytme: {v.rhythm}."]
    lines += [f"Overdragelser pr. sag {HANDOFF_NAMES[k]}: {amount(v.handoffs[k])}." for k in HANDOFF_KINDS
              if v.handoffs[k]]
    return lines


WORKLOAD_HEADERS = ("Afdeling", "Timer pr. sag før", "Timer pr. sag efter", "Timer pr. år før", "Timer pr. år efter",
                    "Årsværk før", "Årsværk efter")


def hours(x: float) -> str:
    """Hours in Danish: ``"150"``, ``"0,25"``, ``"1.234"``."""
    return number(x) if x >= 10 else amount(round(x, 2))


def fte_text(fte_hours: float) -> str:
    """What one FTE is in these figures."""
    basis = " (37 timer × 52 uger)" if fte_hours == DEFAULT_FTE_HOURS else " (fra kommunens profil)"
    return f"1 årsværk = {number(fte_hours)} timer{basis}"


def _year(v: VariantFigures, dept: str) -> str:
    if v.once:
        return f"{hours(v.hours_per_case.get(dept, (0, 0, 0))[1])} (én gang)"
    per_year = v.hours_per_year
    if per_year is None:
        return "ukendt"
    low, mean, high = per_year.get(dept, (0.0, 0.0, 0.0))
    return hours(mean) + (f" ({hours(low)}–{hours(high)})" if round(low) != round(high) else "")


def _fte(v: VariantFigures, dept: str, fte_hours: float) -> str:
    per_year = v.hours_per_year
    if per_year is None or v.once:
        return "–"
    return amount(round(per_year.get(dept, (0.0, 0.0, 0.0))[1] / fte_hours, 2))


def workload_rows(c: Consequences, fte_hours: float = DEFAULT_FTE_HOURS) -> list[tuple[str, ...]]:
    """Per staff department: hours per case, hours a year (low–high) and FTE, before and after."""
    return [(dept_name(d), hours(c.current.hours_per_case.get(d, (0, 0, 0))[1]),
             hours(c.future.hours_per_case.get(d, (0, 0, 0))[1]), _year(c.current, d), _year(c.future, d),
             _fte(c.current, d, fte_hours), _fte(c.future, d, fte_hours)) for d in c.departments]


def workload_lines(c: Consequences, fte_hours: float = DEFAULT_FTE_HOURS,
                   names: dict[str, str] = SIDE_NAMES) -> list[str]:
    """The "Arbejdsbyrde" sentences: what the hours rest on (volumes, efforts, FTE)."""
    lines = [f"Sager: {names['current'].lower()} {c.current.rhythm}, {names['future'].lower()} {c.future.rhythm}." + (
        "" if c.current.volume_from != "profile" and c.future.volume_from != "profile" else " (fra kommunens profil)")]
    missing = [f"{names[s].lower()} {len(v.without_effort)}" for s, v in c.sides() if v.without_effort]
    if missing:
        lines.append(f"Personaletrin uden tidsforbrug (effort=), talt som 0 timer: {', '.join(missing)}.")
    lines.append(fte_text(fte_hours) + ".")
    return lines


def route_cells(side: str, route: Route, names: dict[str, str] = SIDE_NAMES) -> tuple[str, ...]:
    return (names[side], route.name, ", ".join(route.ends) or "—", route.lead_time_text,
            f"{route.handoff_count}: {route.handoff_text()}" if route.handoffs else "0",
            str(route.tasks), route.staff_text())


def route_rows(c: Consequences, names: dict[str, str] = SIDE_NAMES) -> list[tuple[str, ...]]:
    """One row per listed route, current (left) routes first."""
    return [route_cells(side, r, names) for side, v in c.sides() for r in v.routes]


def staff_cells(c: Consequences) -> list[tuple[str, ...]]:
    """Per staff department: steps per case and distinct tasks, before and after."""
    return [(dept_name(d), amount(c.current.staff_per_case.get(d, 0.0)), amount(c.future.staff_per_case.get(d, 0.0)),
             str(c.current.staff_tasks.get(d, 0)), str(c.future.staff_tasks.get(d, 0))) for d in c.departments]


def route_dict(route: Route) -> dict:
    return {"name": route.name, "start": route.start, "choices": list(route.choices), "ends": list(route.ends),
            "lead_time_days": {"low": route.lead_low, "high": route.lead_high, "text": route.lead_time_text},
            "handoffs": [{"from": a, "to": b, "text": f"{dept_name(a)} → {dept_name(b)}"} for a, b in route.handoffs],
            "tasks": route.tasks, "staff_steps": dict(route.staff)}


def variant_dict(v: VariantFigures) -> dict:
    low, high = v.lead
    return {"routes": [route_dict(r) for r in v.routes], "routes_truncated": v.truncated,
            "lead_time_days": {"low": low, "high": high, "text": days_text(low, high)},
            "staff_steps_per_case": {d: round(n, 6) for d, n in v.staff_per_case.items()},
            "other_person_steps_per_case": round(v.others_per_case, 6),
            "staff_tasks_in_model": v.staff_tasks,
            "handoffs_per_case": {k: round(n, 6) for k, n in v.handoffs.items()},
            "cases_per_year": v.cases_per_year, "once": v.once, "rhythm": v.rhythm,
            "decisions_split_evenly": v.even}


def workload_dict(v: VariantFigures) -> dict:
    """Hours per case and a year per staff department (``None`` a year without a volume)."""
    per_year = v.hours_per_year
    return {"hours_per_case": {d: round(h[1], 4) for d, h in v.hours_per_case.items()},
            "hours_per_year": None if per_year is None else {d: round(h[1], 4) for d, h in per_year.items()},
            "hours_per_year_low": None if per_year is None else {d: round(h[0], 4) for d, h in per_year.items()},
            "hours_per_year_high": None if per_year is None else {d: round(h[2], 4) for d, h in per_year.items()},
            "staff_steps_without_effort": v.without_effort}


def consequences_dict(c: Consequences, fte_hours: float = DEFAULT_FTE_HOURS) -> dict:
    """A JSON-ready description of both variants, with their workload ("arbejdsbyrde")."""
    return {"definition": STAFF_DEFINITION, "current": variant_dict(c.current), "future": variant_dict(c.future),
            "workload": {"fte_hours": fte_hours, "current": workload_dict(c.current), "future": workload_dict(c.future)}}


__all__ = ["ROUTE_HEADERS", "STAFF_HEADERS", "WORKLOAD_HEADERS", "amount", "workload_lines", "workload_rows", "consequence_lines", "consequences_dict", "lone_lines",
           "number", "range_text", "route_rows", "staff_cells", "staff_text"]
