"""Workload: staff hours a year per department and process, low–high from the effort ranges, and FTE.

Hours of one variant = Σ over its staff steps of expected visits per case × effort × cases a year
(``figures``); the mean of an effort range counts for ``hours``, its ends for ``hours_low`` and
``hours_high``. A one-off process (``once=True``) shows the hours of its single run and is left
out of the yearly department totals; a process without a volume has no hours (``None``). FTE =
hours ÷ ``fte_hours`` of the profile (default 1,924 = 37 hours × 52 weeks). Example::

    w = workload(graphs, profile)
    workload_dict(w)["departments"]["library"]   # {"current": 812.5, "future": 640.0}
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .figures import VariantFigures, variant_figures
from .staff import STAFF_DEPTS
from ..model import VARIANT_NAMES, dept_name
from ..profile import DEFAULT_FTE_HOURS

DIGITS = 4
"""Decimals of the hours in the JSON (a tenth of a second: more than any effort is known to)."""


@dataclass
class ProcessWorkload:
    """The hours of one variant of one process."""

    key: str
    title: str
    variant: str
    figures: VariantFigures

    @property
    def hours(self) -> dict[str, tuple[float, float, float]] | None:
        """Staff department → (low, mean, high) hours a year (a one-off: of its run), or None."""
        found = self.figures.hours_per_year
        return None if found is None else {d: found.get(d, (0.0, 0.0, 0.0)) for d in STAFF_DEPTS}


@dataclass
class Workload:
    """Hours of every variant of every process, for one municipality."""

    municipality: str
    fte_hours: float
    processes: list[ProcessWorkload]

    def department_hours(self, dept: str, variant: str) -> float:
        """Mean hours a year of ``dept`` over the variant's yearly processes."""
        return sum((p.hours[dept][1] for p in self.processes
                    if p.variant == variant and p.hours is not None and not p.figures.once), 0.0)

    def fte(self, hours: float) -> float:
        return hours / self.fte_hours


def workload(graphs, municipality: str | None = None, fte_hours: float = DEFAULT_FTE_HOURS) -> Workload:
    """The workload of process ``graphs`` (compiled or read from BPMN), in the order given."""
    graphs = list(graphs)
    name = municipality or next((G.graph.get("municipality") for G in graphs if G.graph.get("municipality")), "")
    return Workload(name, fte_hours, [ProcessWorkload(G.graph.get("key") or "", G.graph.get("title") or "",
                                                      G.graph.get("variant") or "", variant_figures(G))
                                      for G in graphs])


def workload_dict(w: Workload) -> dict:
    """The JSON shape other tools read (see the README, ``oir-bpmn workload``)."""
    def hours(p: ProcessWorkload, i: int) -> dict:
        return {d: (None if p.hours is None else round(p.hours[d][i], DIGITS)) for d in STAFF_DEPTS}
    return {
        "municipality": w.municipality, "fte_hours": w.fte_hours,
        "processes": [{"key": p.key, "variant": p.variant, "cases_per_year": p.figures.cases_per_year,
                       "hours": hours(p, 1), "hours_low": hours(p, 0), "hours_high": hours(p, 2)}
                      for p in w.processes],
        "departments": {d: {v: round(w.department_hours(d, v), DIGITS) for v in ("current", "future")}
                        for d in STAFF_DEPTS},
    }


def render_json(w: Workload) -> str:
    return json.dumps(workload_dict(w), ensure_ascii=False, indent=2) + "\n"


def hours_text(low: float, mean: float, high: float) -> str:
    """``"150"`` or ``"150 (100–200)"``, whole hours."""
    text = f"{mean:,.0f}".replace(",", ".")
    if round(low) != round(high):
        text += f" ({low:,.0f}–{high:,.0f})".replace(",", ".")
    return text


PROCESS_HEADERS = ("Proces", "Variant", "Rytme", *(f"{dept_name(d)} (timer)" for d in STAFF_DEPTS),
                   "Trin uden tidsforbrug")
DEPT_HEADERS = ("Afdeling", "Timer pr. år i dag", "Timer pr. år fremover", "Årsværk i dag", "Årsværk fremover")


def process_rows(w: Workload) -> list[tuple[str, ...]]:
    rows = []
    for p in w.processes:
        cells = ["–"] * len(STAFF_DEPTS) if p.hours is None else [
            hours_text(*p.hours[d]) for d in STAFF_DEPTS]
        rows.append((p.title or p.key, VARIANT_NAMES.get(p.variant, p.variant), p.figures.rhythm, *cells,
                     str(len(p.figures.without_effort))))
    return rows


def department_rows(w: Workload) -> list[tuple[str, ...]]:
    rows = []
    for d in STAFF_DEPTS:
        before, after = w.department_hours(d, "current"), w.department_hours(d, "future")
        rows.append((dept_name(d), hours_text(before, before, before), hours_text(after, after, after),
                     f"{w.fte(before):.2f}".replace(".", ","), f"{w.fte(after):.2f}".replace(".", ",")))
    return rows


def summary_lines(w: Workload, short: bool = False) -> list[str]:
    """What the figures rest on, in Danish: FTE hours, one-offs, unknown volumes, missing efforts
    (``short``: counts instead of the processes' names, for a slide)."""
    lines = [f"1 årsværk = {w.fte_hours:,.0f} timer".replace(",", ".")
             + (" (37 timer × 52 uger)" if w.fte_hours == DEFAULT_FTE_HOURS else " (fra profilen)") + "."]
    once = [p.title for p in w.processes if p.figures.once]
    if once:
        lines.append(f"Engangsprocesser (timerne for den ene gang, ikke med i årstallene): "
                     f"{len(once) if short else ', '.join(once)}.")
    unknown = [p.title for p in w.processes if p.hours is None]
    if unknown:
        lines.append(f"Uden antal sager om året (giv per_year= eller [volumes]): "
                     f"{len(unknown) if short else ', '.join(unknown)}.")
    missing = sum(len(p.figures.without_effort) for p in w.processes)
    if missing:
        lines.append(f"{missing} personaletrin har intet tidsforbrug (effort=) og tæller 0 timer.")
    return lines


def render_table(w: Workload) -> str:
    """Aligned columns: per process and variant, then per department with FTE."""
    def aligned(headers, rows) -> list[str]:
        widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
        return ["  ".join(str(c).ljust(n) for c, n in zip(row, widths)).rstrip() for row in (headers, *rows)]
    lines = [f"Arbejdsbyrde · {w.municipality}" if w.municipality else "Arbejdsbyrde", ""]
    lines += aligned(PROCESS_HEADERS, process_rows(w)) + [""] + aligned(DEPT_HEADERS, department_rows(w)) + [""]
    return "\n".join(lines + summary_lines(w)) + "\n"
