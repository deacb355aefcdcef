"""``beslutninger.xlsx``: the decision log to fill in during the workshop (openpyxl).

One row per open question, per assumption and per profile value still to confirm, with the
columns Tema, Spørgsmål, Forslag/antagelse, Beslutning, Ansvarlig and Frist.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from . import workload
from .collect import PackData
from .stable_zip import stable_office

COLUMNS = ("Tema", "Spørgsmål", "Forslag/antagelse", "Beslutning", "Ansvarlig", "Frist")
WIDTHS = (24, 60, 40, 40, 18, 12)
SHEET = "Beslutninger"
PROFILE_THEME = "Kommunens profil"


@dataclass(frozen=True)
class Decision:
    """One row: what to decide, and the proposal or assumption to start from."""

    theme: str
    question: str
    proposal: str


def decisions(data: PackData) -> list[Decision]:
    """The rows: per theme the open questions then the assumptions of all its processes (lone
    variants too), then the profile values to confirm."""
    rows = []
    for item in data.themes:
        theme = f"{item.theme.number}. {item.theme.name}"
        several = len(item.processes) > 1

        def where(note) -> str:
            return f"({note.process}, trin: {note.step})" if several else f"(trin: {note.step})"
        rows += [Decision(theme, f"{note.text} {where(note)}", "") for note in item.of("question")]
        rows += [Decision(theme, f"Holder antagelsen? {where(note)}", note.text) for note in item.of("assumption")]
    rows += [Decision(PROFILE_THEME, f"Bekræft: {value.label}", f"{value.value} ({value.confirm})")
             for value in data.values if value.confirm]
    return rows


def render_decisions(data: PackData) -> bytes:
    """The workbook as .xlsx bytes (same data → same bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for row in decisions(data):
        ws.append((row.theme, row.question, row.proposal or None, None, None, None))
    header_fill = PatternFill("solid", fgColor="EEF5F9")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
        row[5].number_format = "DD-MM-YYYY"
    for index, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    last = max(ws.max_row, 2)
    ws.auto_filter.ref = f"A1:F{last}"
    deadline = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                              error="Skriv fristen som en dato, fx 01-03-2027.", showErrorMessage=True)
    deadline.add(f"F2:F{last}")
    ws.add_data_validation(deadline)
    workload.add_sheet(wb, data)
    wb.properties.title = f"Beslutningslog – {data.municipality}"
    wb.properties.creator = wb.properties.lastModifiedBy = "oir-bpmn"
    out = io.BytesIO()
    wb.save(out)
    return stable_office(out.getvalue())
