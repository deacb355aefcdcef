"""The cross-theme summary (``oversigt``): across every compared process, each step finance takes
over (moved there or new there), each step the library stops doing, each new step per department,
and per theme the lead time, staff work per case and per year and hand-offs before and after, by
the figures of ``oir_bpmn.consequences``. Tasks only: events, decisions and waits are not steps.
Example::

    summary = cross_theme_summary([compare(c, f) for c, f in pairs])
    [s.label for s in summary.finance_takes_over]
    write_summary([compare(c, f) for c, f in pairs], "output/diff")   # oversigt.md, oversigt.json
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .classify import ProcessDiff, lane_title
from ..consequences.routes import days_text
from ..consequences.text import STAFF_DEFINITION, amount, fte_text, hours as hours_text, workload_rows
from .report import md_table
from ..fsio import write_atomic
from ..model import DEPARTMENTS, STAFF_DEPTS, dept_name


@dataclass(frozen=True)
class SummaryStep:
    """One step in the summary: its process, label and where it is before and after."""

    theme: int | None
    process: str  # process key
    label: str
    before: str  # "Biblioteket · Biblioteksmedarbejder", or "" when new
    after: str  # "" when removed


@dataclass(frozen=True)
class ThemeFigures:
    """Per process, before and after: lead time range in days, expected staff steps per case and
    per year (a one-off's single run shown as such), expected hand-offs per case."""

    theme: int | None
    process: str
    title: str
    lead_before: str
    lead_after: str
    staff_before: str
    staff_after: str
    per_year_before: str
    per_year_after: str
    handoffs_before: str
    handoffs_after: str


@dataclass(frozen=True)
class WorkloadRow:
    """Staff hours a year of one department in one process, before and after (texts)."""

    theme: int | None
    process: str
    title: str
    dept: str  # department name
    before: str
    after: str


@dataclass
class CrossThemeSummary:
    """What changes for each department across all compared processes."""

    finance_takes_over: list[SummaryStep] = field(default_factory=list)
    library_stops: list[SummaryStep] = field(default_factory=list)
    new_by_dept: dict[str, list[SummaryStep]] = field(default_factory=dict)  # department name -> steps
    themes: list[ThemeFigures] = field(default_factory=list)
    workload: list[WorkloadRow] = field(default_factory=list)
    workload_totals: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # WORKLOAD_TOTAL_HEADERS
    fte_hours: float = 1924.0


def cross_theme_summary(diffs: list[ProcessDiff]) -> CrossThemeSummary:
    """The summary of ``diffs`` in their order (themes in the order given)."""
    out = CrossThemeSummary()
    new: dict[str | None, list[SummaryStep]] = {}
    for diff in diffs:
        for c in diff.changes:
            if c.noun != "trin" or c.cls not in ("moved", "removed", "added"):
                continue
            where = [lane_title(s.lane, s.dept) if s else "" for s in (c.before, c.after)]
            step = SummaryStep(diff.theme, diff.key, c.label, *where)
            before, after = (c.before.dept if c.before else None), (c.after.dept if c.after else None)
            if after == "finance" and before != "finance" and c.cls in ("moved", "added"):
                out.finance_takes_over.append(step)  # moved there, or new there
            if c.before and before == "library" and (c.cls == "removed" or after != "library"):
                out.library_stops.append(step)
            if c.cls == "added":
                new.setdefault(after, []).append(step)
        if diff.consequences:
            out.themes.append(_figures(diff))
            out.workload += [WorkloadRow(diff.theme, diff.key, diff.title, row[0], row[3], row[4])
                             for row in workload_rows(diff.consequences, diff.fte_hours)]
    out.fte_hours = diffs[0].fte_hours if diffs else out.fte_hours
    out.workload_totals = _workload_totals(diffs, out.fte_hours)
    order = list(DEPARTMENTS) + sorted((d for d in new if d not in DEPARTMENTS), key=lambda d: d or "")
    out.new_by_dept = {dept_name(d): new[d] for d in order if d in new}
    return out


def _figures(diff: ProcessDiff) -> ThemeFigures:
    c = diff.consequences
    cur, fut = c.current, c.future
    return ThemeFigures(diff.theme, diff.key, diff.title, days_text(*cur.lead), days_text(*fut.lead),
                        amount(cur.staff_steps_per_case), amount(fut.staff_steps_per_case),
                        per_year_text(cur), per_year_text(fut), handoff_text(cur), handoff_text(fut))


def _workload_totals(diffs: list[ProcessDiff], fte_hours: float) -> list[tuple[str, str, str, str, str]]:
    """Per staff department: mean hours a year and FTE over the yearly processes, before and after."""
    totals = {d: [0.0, 0.0] for d in STAFF_DEPTS}
    for diff in diffs:
        for i, v in enumerate((diff.consequences.current, diff.consequences.future) if diff.consequences else ()):
            for d, hours in (v.hours_per_year or {}).items() if not v.once else ():
                totals[d][i] += hours[1]
    return [(dept_name(d), hours_text(before), hours_text(after), amount(round(before / fte_hours, 2)),
             amount(round(after / fte_hours, 2))) for d, (before, after) in totals.items()]


def per_year_text(v) -> str:
    """Staff steps a year: ``"1.248"``, ``"3 (én gang)"``, ``"ukendt"`` without a volume."""
    from ..consequences.figures import number
    if v.once:
        return f"{amount(v.staff_steps_per_case)} (én gang)"
    if v.cases_per_year is None:
        return "ukendt"
    return number(v.staff_steps_per_case * v.cases_per_year)


def handoff_text(v) -> str:
    """``"bibliotek↔økonomi 1 · person↔system 2"``: expected hand-offs per case (those with the
    coordination, borrowers and external organisations are in the diff reports)."""
    return (f"bibliotek↔økonomi {amount(v.handoffs['library_finance'])} · "
            f"person↔system {amount(v.handoffs['person_system'])}")


THEME_HEADERS = ("Tema", "Proces", "Gennemløbstid før", "Gennemløbstid efter", "Personaletrin pr. sag før",
                 "Personaletrin pr. sag efter", "Personaletrin pr. år før", "Personaletrin pr. år efter",
                 "Overdragelser pr. sag før", "Overdragelser pr. sag efter")
STEP_HEADERS = ("Tema", "Trin", "Før", "Efter")
WORKLOAD_HEADERS = ("Tema", "Proces", "Afdeling", "Timer pr. år før", "Timer pr. år efter")
WORKLOAD_TOTAL_HEADERS = ("Afdeling", "Timer pr. år før", "Timer pr. år efter", "Årsværk før", "Årsværk efter")


def theme_cells(t: ThemeFigures) -> tuple[str, ...]:
    return (str(t.theme or ""), t.title, t.lead_before, t.lead_after, t.staff_before, t.staff_after,
            t.per_year_before, t.per_year_after, t.handoffs_before, t.handoffs_after)


def step_cells(s: SummaryStep) -> tuple[str, ...]:
    return (str(s.theme or ""), s.label, s.before or "—", s.after or "—")


def summary_sections(summary: CrossThemeSummary) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    """``(title, headers, rows)`` of every table of the summary, in order."""
    sections = [
        ("Gennemløbstid, personalearbejde og overdragelser pr. tema", THEME_HEADERS,
         [theme_cells(t) for t in summary.themes]),
        ("Arbejdsbyrde i alt (timer pr. år; de sammenlignede processer, engangsprocesser ikke med)",
         WORKLOAD_TOTAL_HEADERS,
         list(summary.workload_totals)),
        ("Arbejdsbyrde pr. proces", WORKLOAD_HEADERS,
         [(str(w.theme or ""), w.title, w.dept, w.before, w.after) for w in summary.workload]),
        ("Trin som Debitor/økonomi overtager", STEP_HEADERS, [step_cells(s) for s in summary.finance_takes_over]),
        ("Trin som Biblioteket ikke længere udfører", STEP_HEADERS, [step_cells(s) for s in summary.library_stops]),
    ]
    sections += [(f"Nye trin: {dept}", STEP_HEADERS, [step_cells(s) for s in steps])
                 for dept, steps in summary.new_by_dept.items()]
    return sections


def render_summary_markdown(summary: CrossThemeSummary) -> str:
    """The summary as Markdown: one table per section."""
    parts = ["# Oversigt på tværs af temaerne\n",
             "Trin er opgaver; hændelser, beslutningspunkter og ventetider tælles ikke med. "
             "Gennemløbstid er summen af ventetider (timer og minutter som brøkdele af en dag, "
             "uger = 7, måneder = 30, år = 365 dage). " + STAFF_DEFINITION
             + " Debitor/økonomi overtager = trin flyttet til eller nye hos Debitor/økonomi. "
             + fte_text(summary.fte_hours) + ".\n"]
    for title, headers, rows in summary_sections(summary):
        parts.append(f"## {title} ({len(rows)})\n" if title.startswith(("Trin", "Nye")) else f"## {title}\n")
        parts.append(md_table(headers, rows) if rows else "Ingen.\n")
    return "\n".join(parts)


def render_summary_json(summary: CrossThemeSummary) -> str:
    return json.dumps(asdict(summary), ensure_ascii=False, indent=2) + "\n"


def write_summary(diffs: list[ProcessDiff], out_dir) -> list[Path]:
    """Write ``oversigt.md`` and ``oversigt.json`` into ``out_dir``; returns their paths (the
    workbook with the same summary: ``excel.write_workbook``)."""
    summary = cross_theme_summary(diffs)
    out = Path(out_dir)
    return [write_atomic(out / "oversigt.md", render_summary_markdown(summary)),
            write_atomic(out / "oversigt.json", render_summary_json(summary))]
