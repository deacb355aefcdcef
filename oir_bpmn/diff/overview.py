"""The cross-theme summary (``oversigt``): across every compared process, each step finance takes
over, each step the library stops doing, each new step per department, and per theme the lead
time, hand-offs and manual tasks before and after. Tasks only: events, decisions and waits are
not steps. Example::

    summary = cross_theme_summary([compare(c, f) for c, f in pairs])
    [s.label for s in summary.finance_takes_over]
    write_summary([compare(c, f) for c, f in pairs], "output/diff")   # oversigt.md, oversigt.json
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .classify import ProcessDiff, lane_title
from .consequence_report import range_text
from .consequences import days_text
from .report import md_table
from ..fsio import write_atomic
from ..model import DEPARTMENTS, dept_name


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
    """Per process: lead time range in days, hand-offs per route and manual tasks, before and after."""

    theme: int | None
    process: str
    title: str
    lead_before: str
    lead_after: str
    handoffs_before: str
    handoffs_after: str
    manual_before: int
    manual_after: int


@dataclass
class CrossThemeSummary:
    """What changes for each department across all compared processes."""

    finance_takes_over: list[SummaryStep] = field(default_factory=list)
    library_stops: list[SummaryStep] = field(default_factory=list)
    new_by_dept: dict[str, list[SummaryStep]] = field(default_factory=dict)  # department name -> steps
    themes: list[ThemeFigures] = field(default_factory=list)


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
            if c.cls == "moved" and after == "finance" and before != "finance":
                out.finance_takes_over.append(step)
            if c.before and before == "library" and (c.cls == "removed" or after != "library"):
                out.library_stops.append(step)
            if c.cls == "added":
                new.setdefault(after, []).append(step)
        if diff.consequences:
            out.themes.append(_figures(diff))
    order = list(DEPARTMENTS) + sorted((d for d in new if d not in DEPARTMENTS), key=lambda d: d or "")
    out.new_by_dept = {dept_name(d): new[d] for d in order if d in new}
    return out


def _figures(diff: ProcessDiff) -> ThemeFigures:
    c = diff.consequences

    return ThemeFigures(diff.theme, diff.key, diff.title, days_text(*c.current.lead_range),
                        days_text(*c.future.lead_range), range_text(*c.current.handoff_range),
                        range_text(*c.future.handoff_range),
                        sum(c.current.manual.values()), sum(c.future.manual.values()))


THEME_HEADERS = ("Tema", "Proces", "Gennemløbstid før", "Gennemløbstid efter", "Overdragelser før",
                 "Overdragelser efter", "Manuelle trin før", "Manuelle trin efter")
STEP_HEADERS = ("Tema", "Trin", "Før", "Efter")


def theme_cells(t: ThemeFigures) -> tuple[str, ...]:
    return (str(t.theme or ""), t.title, t.lead_before, t.lead_after, t.handoffs_before, t.handoffs_after,
            str(t.manual_before), str(t.manual_after))


def step_cells(s: SummaryStep) -> tuple[str, ...]:
    return (str(s.theme or ""), s.label, s.before or "—", s.after or "—")


def summary_sections(summary: CrossThemeSummary) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    """``(title, headers, rows)`` of every table of the summary, in order."""
    sections = [
        ("Gennemløbstid, overdragelser og manuelle trin pr. tema", THEME_HEADERS,
         [theme_cells(t) for t in summary.themes]),
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
             "uger = 7, måneder = 30, år = 365 dage).\n"]
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
