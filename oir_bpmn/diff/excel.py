"""The diff as an Excel workbook (openpyxl): one sheet per process, plus the cross-theme summary.

openpyxl writes real ``.xlsx`` that Danish Excel opens without an import dialog (no separator or
encoding guessing as with CSV). The bytes are made reproducible: fixed document dates and zip
entry times, so the same diffs give the same file. Example::

    write_workbook(diffs, "output/diff")     # output/diff/oversigt.xlsx
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .classify import ProcessDiff
from ..consequences.text import (ROUTE_HEADERS, STAFF_HEADERS, WORKLOAD_HEADERS, consequence_lines, route_rows,
                                 staff_cells, workload_lines, workload_rows)
from .headline import headline
from .overview import cross_theme_summary, summary_sections
from .report import CHANGE_HEADERS, DEPT_HEADERS, change_rows, dept_cells, route_names
from ..fsio import write_atomic

FIXED_TIME = datetime(2000, 1, 1)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_MAX_WIDTH = 60


def workbook_bytes(diffs: list[ProcessDiff]) -> bytes:
    """An ``.xlsx`` with the sheet "Oversigt" (the cross-theme summary) and one sheet per process."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Oversigt"
    _write_summary(summary, diffs)
    names = {"Oversigt"}
    for diff in diffs:
        _write_process(wb.create_sheet(_sheet_name(diff, names)), diff)
    wb.properties.creator = "oir-bpmn"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue())


def write_workbook(diffs: list[ProcessDiff], out_dir) -> Path:
    """Write ``oversigt.xlsx`` (``workbook_bytes``) into ``out_dir`` atomically."""
    return write_atomic(Path(out_dir) / "oversigt.xlsx", workbook_bytes(diffs))


def _sheet_name(diff: ProcessDiff, taken: set[str]) -> str:
    """``"Tema 5"``, or the process key: at most 31 characters, none of ``[]:*?/\\``, unique."""
    base = f"Tema {diff.theme}" if diff.theme else re.sub(r"[\[\]:*?/\\]", "_", diff.key or "Proces")
    name, i = base[:31], 1
    while name in taken:
        i += 1
        name = f"{base[:27]} ({i})"
    taken.add(name)
    return name


class _Sheet:
    """Writes rows top to bottom and widens columns to their longest cell."""

    def __init__(self, ws):
        self.ws, self.row, self.widths = ws, 1, {}

    def line(self, text: str, font=None) -> None:
        cell = self.ws.cell(self.row, 1, text)
        if font:
            cell.font = font
        self.row += 1

    def table(self, headers, rows) -> None:
        for j, value in enumerate(headers, 1):
            self.ws.cell(self.row, j, value).font = _BOLD
        self._widen(headers)
        self.row += 1
        for values in rows:
            for j, value in enumerate(values, 1):
                self.ws.cell(self.row, j, int(value) if str(value).isdigit() else value).alignment = \
                    Alignment(wrap_text=True, vertical="top")
            self._widen(values)
            self.row += 1
        self.row += 1

    def _widen(self, values) -> None:
        for j, value in enumerate(values, 1):
            self.widths[j] = min(_MAX_WIDTH, max(self.widths.get(j, 8), len(str(value)) + 2))

    def finish(self) -> None:
        for j, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(j)].width = width


def _write_process(ws, diff: ProcessDiff) -> None:
    sheet = _Sheet(ws)
    sheet.line(f"{diff.title} ({diff.key})" if diff.key else diff.title, _TITLE)
    sheet.line(f"Sammenlignet: {diff.current_side} → {diff.future_side}")
    for text in headline(diff):
        sheet.line(text)
    sheet.row += 1
    if diff.differs:
        sheet.table(CHANGE_HEADERS, change_rows(diff))
    sheet.table(DEPT_HEADERS, dept_cells(diff))
    if diff.consequences:
        sheet.line("Konsekvenser", _BOLD)
        for text in consequence_lines(diff.consequences, route_names(diff)):
            sheet.line(text)
        sheet.row += 1
        sheet.table(ROUTE_HEADERS, route_rows(diff.consequences, route_names(diff)))
        sheet.table(STAFF_HEADERS, staff_cells(diff.consequences))
        sheet.line("Arbejdsbyrde", _BOLD)
        for text in workload_lines(diff.consequences, diff.fte_hours, route_names(diff)):
            sheet.line(text)
        sheet.row += 1
        sheet.table(WORKLOAD_HEADERS, workload_rows(diff.consequences, diff.fte_hours))
    for note in diff.notes:
        sheet.line(f"Bemærk: {note}")
    sheet.finish()


def _write_summary(ws, diffs: list[ProcessDiff]) -> None:
    sheet = _Sheet(ws)
    sheet.line("Oversigt på tværs af temaerne", _TITLE)
    sheet.row += 1
    for title, headers, rows in summary_sections(cross_theme_summary(diffs)):
        sheet.line(title, _BOLD)
        sheet.table(headers, rows) if rows else sheet.line("Ingen.")
    sheet.finish()


def _reproducible(data: bytes) -> bytes:
    """The same zip with fixed entry times and document dates (openpyxl stamps the save time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0)), content,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
