"""Decisions come back: read a filled ``beslutninger.xlsx`` (read-only, values only) and match
its rows to the rows the next pack would write; rows no model asks any more are kept aside.

A row is known by its sheet and the text of its first question column ("Nøglebeslutning",
"Spørgsmål", "Tekst"); what the workshop wrote is in "Beslutning" (or "Svar/beslutning"),
"Ansvarlig", "Frist" and "Status".
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import DSLError, Problem

SUBJECTS = {"Nøglebeslutninger": "Nøglebeslutning", "Beslutninger": "Spørgsmål",
            "Opgavens spørgsmål": "Spørgsmål", "Kommunikation": "Tekst"}
"""The sheets read back and the column that names each row."""
ANSWERS = ("Beslutning", "Svar/beslutning")
STATUSES = ("Åben", "Besluttet", "Udskudt")
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class FilledRow:
    """One row of a filled workbook: where, what, and what the workshop wrote."""

    sheet: str
    subject: str
    decision: str
    owner: str
    deadline: str
    status: str

    @property
    def decided(self) -> bool:
        return self.status == "Besluttet" or (not self.status and bool(self.decision))

    @property
    def touched(self) -> bool:
        """Something was written in: a decision, a status other than Åben, or a deadline."""
        return bool(self.decision or self.status not in ("", "Åben") or self.deadline)

    @property
    def state(self) -> str:
        return "Besluttet" if self.decided else self.status or "Åben"


@dataclass
class Filled:
    """A filled workbook: its municipality (from the workbook's title) and its rows by key."""

    source: str
    municipality: str
    rows: dict[tuple[str, str], FilledRow] = field(default_factory=dict)

    def get(self, sheet: str, subject: str) -> FilledRow | None:
        return self.rows.get((sheet, _norm(subject)))

    def key_decision(self, name: str) -> FilledRow | None:
        """A key decision's row: on "Nøglebeslutninger", or on "Beslutninger" (where it is listed
        too) when only that one was filled in."""
        rows = [self.get(sheet, name) for sheet in ("Nøglebeslutninger", "Beslutninger")]
        return next((row for row in rows if row and row.touched), rows[0])

    def unmatched(self, keys) -> list[FilledRow]:
        """The rows with something written in them whose key is not among ``keys`` (the next
        pack's rows): a question that no model asks any more, listed rather than dropped."""
        known = {(sheet, _norm(subject)) for sheet, subject in keys}
        return [row for key, row in self.rows.items() if key not in known and row.touched]


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def read_filled(path: Path) -> Filled:
    """The rows of the filled workbook at ``path``; raises ``DSLError`` with what to do for a file
    that is missing, not an .xlsx workbook, too large or not a decision log."""
    path = Path(path)
    def refuse(message: str, hint: str = "pass the beslutninger.xlsx of a pack, filled in Excel or LibreOffice"):
        return DSLError([Problem(str(path), 0, "", message, hint)])
    if path.suffix.lower() != ".xlsx":
        raise refuse(f"--decisions needs an .xlsx workbook, not '{path.suffix or path.name}'")
    if not path.is_file():
        raise refuse("no such file" if not path.exists() else "is not a regular file")
    if path.stat().st_size > MAX_BYTES:
        raise refuse(f"is larger than {MAX_BYTES // (1024 * 1024)} MB: not a decision log")
    if not zipfile.is_zipfile(path):
        raise refuse("is not an .xlsx workbook (not a zip file)")
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise refuse(f"cannot be read as a workbook: {type(exc).__name__}: {exc}") from None
    try:
        if not any(name in wb.sheetnames for name in SUBJECTS):
            raise refuse("has none of the sheets " + ", ".join(f'"{s}"' for s in SUBJECTS))
        title = wb.properties.title or ""
        filled = Filled(str(path), title.partition(" – ")[2].strip())
        for sheet, subject_column in SUBJECTS.items():
            if sheet in wb.sheetnames:
                _read_sheet(wb[sheet], sheet, subject_column, filled)
        return filled
    finally:
        wb.close()


def _read_sheet(ws, sheet: str, subject_column: str, filled: Filled) -> None:
    rows = ws.iter_rows(values_only=True, max_row=MAX_ROWS)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    column = {name: index for index, name in enumerate(header)}
    if subject_column not in column:
        return
    answer = next((column[name] for name in ANSWERS if name in column), None)

    def cell(row, index):
        value = row[index] if index is not None and index < len(row) else None
        if isinstance(value, (dt.datetime, dt.date)):
            return value.strftime("%d-%m-%Y")
        return "" if value is None else " ".join(str(value).split())
    for row in rows:
        subject = cell(row, column[subject_column])
        if not subject:
            continue
        status = cell(row, column.get("Status"))
        filled.rows[(sheet, _norm(subject))] = FilledRow(
            sheet, subject, cell(row, answer), cell(row, column.get("Ansvarlig")),
            cell(row, column.get("Frist")), status if status in STATUSES else "")
