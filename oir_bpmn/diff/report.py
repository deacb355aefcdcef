"""Write process diffs for people: a terminal table, Markdown, JSON and CSV (texts in Danish)."""
from __future__ import annotations

import csv
import io
import json

import click

from .classify import CLASS_LABELS, Change, ProcessDiff, StepState, lane_title, side_names
from ..consequences.text import (ROUTE_HEADERS, SIDE_NAMES, STAFF_HEADERS, WORKLOAD_HEADERS, consequence_lines,
                                 consequences_dict, route_rows, staff_cells, workload_lines, workload_rows)
from .flows import FLOW_CLASSES
from .headline import duration_text, headline
from .match import step_name
from ..kinds import danish_name
from ..model import NOTE_NOUNS, VARIANT_NAMES, dept_name
from ..problems import counted

FORMATS = ("table", "markdown", "json", "csv", "xlsx")
TEXT_FORMATS = FORMATS[:4]
"""Formats ``format_report`` prints; ``xlsx`` is a file only (``excel.workbook_bytes``)."""
SUFFIXES = {"markdown": ".md", "json": ".json", "csv": ".csv", "xlsx": ".xlsx"}

TERMINAL_STYLES = {
    "moved": {"fg": "yellow", "bold": True}, "removed": {"fg": "bright_black"},
    "added": {"fg": "cyan", "bold": True}, "relabelled": {"fg": "blue"}, "kind_changed": {"fg": "blue"},
    "wait_added": {"fg": "magenta"}, "wait_removed": {"fg": "bright_black"},
    "wait_changed": {"fg": "magenta"}, "decision_added": {"fg": "magenta"},
    "decision_removed": {"fg": "bright_black"}, "event_added": {"fg": "cyan"},
    "event_removed": {"fg": "bright_black"},
}
FLOW_STYLE = {"fg": "blue", "bold": True}
CHANGE_HEADERS = ("Ændring", "Trin", "Før", "Efter")
DEPT_HEADERS = ("Afdeling", "Trin før", "Trin efter", "Flyttet ind", "Flyttet ud")
NONE = "—"


def format_report(diffs: list[ProcessDiff], fmt: str) -> str:
    """``diffs`` in one of ``TEXT_FORMATS`` (the table is styled; click strips colour off a TTY)."""
    return {"table": render_table, "markdown": render_markdown, "json": render_json,
            "csv": render_csv}[fmt](diffs)


def open_points(diff: ProcessDiff) -> str:
    """The notes still to settle, per side: "Nuværende: 2 spørgsmål, 1 antagelse · Fremtidig: …"."""
    names = dict(zip(("current", "future"), side_names(diff.variants, VARIANT_NAMES)))
    sides = [f"{names[side]}: " + ", ".join(counted(counts.get(kind, 0), *NOTE_NOUNS[kind])
                                            for kind in ("question", "assumption"))
             for side, counts in diff.note_counts.items()]
    return " · ".join(sides)


def route_names(diff: ProcessDiff) -> dict[str, str]:
    """What the route table and the consequences call the left and right side: "I dag", "Fremover"."""
    return dict(zip(("current", "future"), side_names(diff.variants, SIDE_NAMES)))


def report_title(diffs: list[ProcessDiff]) -> str:
    """"Nuværende → fremtidig: hvad ændrer sig", in the words of the variants compared."""
    pairs = {side_names(d.variants, VARIANT_NAMES) for d in diffs} or {tuple(VARIANT_NAMES.values())}
    left, right = pairs.pop() if len(pairs) == 1 else ("Før", "efter")
    return f"{left} → {right.lower()}: hvad ændrer sig"


def change_cells(change: Change) -> tuple[str, str, str, str]:
    """The four report cells of a change: class, step, before, after."""
    before, after, cls = change.before, change.after, change.cls
    if cls == "moved":
        cells = _where(before), _where(after)
    elif cls == "relabelled":
        cells = before.label, after.label
    elif cls == "kind_changed":
        cells = danish_name(before.kind, before.event), danish_name(after.kind, after.event)
    elif cls.startswith("wait_"):
        cells = _wait(before), _wait(after)
    else:
        cells = _placed(before), _placed(after)
    state = after or before
    return CLASS_LABELS[cls], step_name({"label": state.label, "kind": state.kind, "event": state.event}), *cells


def flow_cells(flow) -> tuple[str, str, str, str]:
    """The four report cells of a flow change: class, source step, before, after."""
    def to(target, guard):
        return f"→ {target}" + (f' ("{guard}")' if guard else "") if target else NONE
    cls = f"{FLOW_CLASSES[flow.cls]} ({flow.splice})" if flow.splice else FLOW_CLASSES[flow.cls]
    return (cls, flow.source, to(flow.target_before, flow.guard_before),
            to(flow.target_after, flow.guard_after))


def change_rows(diff: ProcessDiff) -> list[tuple[str, str, str, str]]:
    """The rows of the change table: the step changes, then the flow changes."""
    return [change_cells(c) for c in diff.changes] + [flow_cells(f) for f in diff.flows]


def _where(state: StepState) -> str:
    return lane_title(state.lane, state.dept)


def _placed(state: StepState | None) -> str:
    return f"{_where(state)} · {danish_name(state.kind, state.event)}" if state else NONE


def _wait(state: StepState | None) -> str:
    return f"{duration_text(state.duration)} · {_where(state)}" if state else NONE


def dept_cells(diff: ProcessDiff) -> list[tuple[str, ...]]:
    return [(dept_name(d.dept), str(d.before), str(d.after), str(d.moved_in), str(d.moved_out))
            for d in diff.departments]


def _title(diff: ProcessDiff) -> str:
    """The process, its key and the municipality it was built for."""
    title = f"{diff.title} ({diff.key})" if diff.key else diff.title
    return f"{title} · {diff.municipality}" if diff.municipality else title


def _sources(diff: ProcessDiff) -> str:
    return f"Sammenlignet: {diff.current_side}  →  {diff.future_side}"


# ---------------------------------------------------------------- terminal table

def render_table(diffs: list[ProcessDiff]) -> str:
    """Aligned columns, one block per process, each class in its own colour."""
    blocks = []
    for diff in diffs:
        lines = [click.style(_title(diff), bold=True), f"  {_sources(diff)}"]
        lines += [f"  {line}" for line in headline(diff)]
        lines += [click.style(f"  Åbne punkter: {open_points(diff)}", dim=True)] if diff.note_counts else []
        if diff.differs:
            rows = change_rows(diff)
            styles = [TERMINAL_STYLES[c.cls] for c in diff.changes] + [FLOW_STYLE] * len(diff.flows)
            lines += [""] + _aligned(CHANGE_HEADERS, rows, styles)
        lines += [""] + _aligned(DEPT_HEADERS, dept_cells(diff), None, numeric=True)
        if diff.consequences:
            lines += ["", click.style("  Konsekvenser", bold=True)]
            names = route_names(diff)
            lines += [f"  {line}" for line in consequence_lines(diff.consequences, names)]
            lines += [""] + _aligned(ROUTE_HEADERS, route_rows(diff.consequences, names), None)
            lines += ["", click.style("  Arbejdsbyrde", bold=True)]
            lines += [f"  {line}" for line in workload_lines(diff.consequences, diff.fte_hours, names)]
            lines += [""] + _aligned(WORKLOAD_HEADERS, workload_rows(diff.consequences, diff.fte_hours), None)
        lines += [click.style(f"  Bemærk: {note}", dim=True) for note in diff.notes]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _aligned(headers, rows, styles, numeric: bool = False) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells, style=None):
        parts = [cell.rjust(w) if numeric and i else cell.ljust(w) for i, (cell, w) in enumerate(zip(cells, widths))]
        if style:
            parts[0] = click.style(parts[0], **style)
        return ("  " + "  ".join(parts)).rstrip()

    out = [click.style(line(headers), underline=True)]
    out += [line(row, styles[i] if styles else None) for i, row in enumerate(rows)]
    return out


# ---------------------------------------------------------------- markdown

def render_markdown(diffs: list[ProcessDiff]) -> str:
    """A Markdown report: per process a summary, the changes and the department counts."""
    parts = [f"# {report_title(diffs)}\n"]
    for diff in diffs:
        parts.append(f"## {_md(_title(diff))}\n")
        parts.append(f"Sammenlignet: `{diff.current_side}` → `{diff.future_side}`\n")
        parts.append("\n".join(f"- {_md(line)}" for line in headline(diff)) + "\n")
        if diff.note_counts:
            parts.append(f"Åbne punkter: {_md(open_points(diff))}\n")
        if diff.differs:
            parts.append(md_table(CHANGE_HEADERS, change_rows(diff)))
        parts.append(md_table(DEPT_HEADERS, dept_cells(diff), numeric=True))
        if diff.consequences:
            parts.append("### Konsekvenser\n")
            names = route_names(diff)
            parts.append("\n".join(f"- {_md(line)}" for line in consequence_lines(diff.consequences, names)) + "\n")
            parts.append(md_table(ROUTE_HEADERS, route_rows(diff.consequences, names)))
            parts.append(md_table(STAFF_HEADERS, staff_cells(diff.consequences), numeric=True))
            parts.append("### Arbejdsbyrde\n")
            parts.append("\n".join(f"- {_md(line)}" for line in workload_lines(diff.consequences, diff.fte_hours, names))
                         + "\n")
            parts.append(md_table(WORKLOAD_HEADERS, workload_rows(diff.consequences, diff.fte_hours), numeric=True))
        parts.extend(f"> Bemærk: {_md(note)}\n" for note in diff.notes)
    return "\n".join(parts)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def md_table(headers, rows, numeric: bool = False) -> str:
    """A Markdown table; every cell escaped (``|``, line breaks, backslashes)."""
    align = ["---"] + ["---:" if numeric else "---"] * (len(headers) - 1)
    lines = [f"| {' | '.join(headers)} |", f"| {' | '.join(align)} |"]
    lines += [f"| {' | '.join(_md(cell) for cell in row)} |" for row in rows]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- json and csv

def diff_dict(diff: ProcessDiff) -> dict:
    """A JSON-ready description of one process diff."""
    return {
        "key": diff.key, "title": diff.title, "municipality": diff.municipality,
        "current": diff.current_source, "future": diff.future_source,
        "compared": {"current": diff.current_side, "future": diff.future_side},
        "differences": diff.differs, "summary": headline(diff),
        "changes": [{"class": c.cls, "class_label": CLASS_LABELS[c.cls], "key": c.key, "label": c.label,
                     "matched_by": c.matched_by, "before": _state_dict(c.before), "after": _state_dict(c.after)}
                    for c in diff.changes],
        "flows": [{"class": f.cls, "class_label": FLOW_CLASSES[f.cls], "source": f.source,
                   "target_before": f.target_before, "target_after": f.target_after,
                   "condition_before": f.guard_before, "condition_after": f.guard_after, "text": f.text(),
                   "inserted": f.inserted, "taken_out": f.taken_out}
                  for f in diff.flows],
        "departments": [{"dept": d.dept, "name": dept_name(d.dept), "before": d.before, "after": d.after,
                         "moved_in": d.moved_in, "moved_out": d.moved_out} for d in diff.departments],
        "consequences": consequences_dict(diff.consequences, diff.fte_hours) if diff.consequences else None,
        "notes": diff.notes, "note_counts": diff.note_counts,
    }


def _state_dict(state: StepState | None) -> dict | None:
    if state is None:
        return None
    duration = state.duration
    return {
        "id": state.node, "key": state.key, "label": state.label, "kind": state.kind,
        "event": state.event, "lane": state.lane, "dept": state.dept, "dept_name": dept_name(state.dept),
        "duration": None if duration is None else {
            "low": duration.low, "high": duration.high, "unit": duration.unit,
            "text": duration.danish(), "iso": [duration.iso(duration.low), duration.iso()]},
    }


def render_json(diffs: list[ProcessDiff]) -> str:
    """``{"differences": bool, "processes": [diff_dict, ...]}`` as indented UTF-8 JSON."""
    document = {"differences": any(d.differs for d in diffs), "processes": [diff_dict(d) for d in diffs]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = ("process", "class", "class_label", "key", "label", "matched_by", "label_before", "label_after",
              "kind_before", "kind_after", "lane_before", "lane_after", "dept_before", "dept_after",
              "duration_before", "duration_after", "target_before", "target_after", "condition_before",
              "condition_after", "compared_current", "compared_future")
CSV_BOM = "\ufeff"
"""Danish Excel reads a CSV as UTF-8 only with a byte-order mark, and splits it on ``;``."""


def render_csv(diffs: list[ProcessDiff]) -> str:
    """One row per step and flow change of every process (department counts are in the other
    formats): ``;``-separated, starting with a UTF-8 byte-order mark so Danish Excel opens it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, delimiter=";", lineterminator="\r\n", restval="")
    writer.writeheader()
    for diff in diffs:
        sides = {"compared_current": diff.current_side, "compared_future": diff.future_side}
        for c in diff.changes:
            row = {**sides, "process": diff.key, "class": c.cls, "class_label": CLASS_LABELS[c.cls], "key": c.key,
                   "label": c.label, "matched_by": c.matched_by or ""}
            for side, state in (("before", c.before), ("after", c.after)):
                row[f"label_{side}"] = state.label if state else ""
                row[f"kind_{side}"] = state.kind if state else ""
                row[f"lane_{side}"] = state.lane if state else ""
                row[f"dept_{side}"] = (state.dept or "") if state else ""
                row[f"duration_{side}"] = state.duration.danish() if state and state.duration else ""
            writer.writerow(row)
        for f in diff.flows:
            writer.writerow({**sides, "process": diff.key, "class": f.cls, "class_label": FLOW_CLASSES[f.cls],
                             "label": f.source, "target_before": f.target_before or "",
                             "target_after": f.target_after or "", "condition_before": f.guard_before,
                             "condition_after": f.guard_after})
    return CSV_BOM + out.getvalue()
