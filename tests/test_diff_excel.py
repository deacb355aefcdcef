"""Excel output: the xlsx workbook (read back with openpyxl), the CSV Danish Excel opens, -o formats."""
from __future__ import annotations

import csv
import io

import openpyxl
from click.testing import CliRunner

from oir_bpmn.cli import main
from oir_bpmn.diff import compare, load_pairs
from oir_bpmn.diff.classify import source_name
from oir_bpmn.diff.excel import workbook_bytes

from test_diff import PAIR, SAME


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_output_folder_writes_every_format_asked_for(model_file, tmp_path):
    model = model_file(PAIR + SAME.replace("tema2", "tema2b"), "temaer.py")
    out = tmp_path / "out"
    result = run("diff", model, "-o", out, "--format", "csv,xlsx")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("\ufeffprocess;class;")  # the first text format asked for is printed
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["oversigt.json", "oversigt.md", "oversigt.xlsx", "tema2b.bpmn", "tema2b.csv",
                            "tema2b.png", "tema2b.svg", "tema5.bpmn", "tema5.csv", "tema5.png", "tema5.svg"])
    raw = (out / "tema5.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfprocess;class;") and "Afstem MobilePay".encode() in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert {r["process"] for r in rows} == {"tema5"}
    assert {r["compared_future"] for r in rows} == {f"{source_name(model)}::tema5 (fremtidig)"}  # on every row
    wb = openpyxl.load_workbook(out / "oversigt.xlsx")
    assert wb.sheetnames == ["Oversigt", "Tema 5", "Tema 2"]
    tema5 = [[c for c in row if c is not None] for row in wb["Tema 5"].iter_rows(values_only=True)]
    assert ["Flyttet", "Afstem MobilePay mod debitorsystemet", "Biblioteket",
            "Debitor/økonomi · Debitorafdelingen"] in tema5
    assert any(row and row[0] == "Biblioteket" and row[1:] == [4, 2, 0, 2] for row in tema5)  # numbers, not text
    summary = [row[0] for row in wb["Oversigt"].iter_rows(values_only=True) if row[0]]
    assert "Trin som Debitor/økonomi overtager" in summary


def test_xlsx_alone_prints_the_table_and_writes_the_default_reports(model_file, tmp_path):
    result = run("diff", model_file(PAIR, "tema5.py"), "-o", tmp_path / "out", "--format", "xlsx")
    assert result.exit_code == 1 and "Ændring" in result.stdout
    assert {p.suffix for p in (tmp_path / "out").iterdir()} == {".md", ".json", ".svg", ".png", ".bpmn", ".xlsx"}


def test_xlsx_needs_an_output_folder(model_file):
    result = run("diff", model_file(PAIR, "tema5.py"), "--format", "xlsx")
    assert result.exit_code == 2 and "-o DIR" in result.output


def test_unknown_format_is_refused(model_file):
    result = run("diff", model_file(PAIR, "tema5.py"), "--format", "markdown,docx")
    assert result.exit_code == 2 and "docx" in result.output


def test_workbook_bytes_are_reproducible(model_file):
    (pair,), _ = load_pairs([str(model_file(PAIR, "tema5.py"))])
    diffs = [compare(*pair)]
    assert workbook_bytes(diffs) == workbook_bytes(diffs)
