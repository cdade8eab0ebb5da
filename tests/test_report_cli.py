"""`kjc-tui report steckbrief|monat`: the format from the extension, messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

import report_fixtures as rf
from kjc_tui.cli.main import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from kjc_tui.cli.report import parse_month


@pytest.fixture(autouse=True)
def isolated(cli_env: Path) -> Path:
    return cli_env


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rf.build(tmp_path_factory.mktemp("cli"))


def test_steckbrief_as_pdf(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "odenwald.pdf"
    assert main(["--db", str(db), "report", "steckbrief", "06437", "-o", str(out)]) == EXIT_OK
    assert f"Steckbrief → {out}" in capsys.readouterr().out
    from pypdf import PdfReader

    text = PdfReader(out).pages[0].extract_text()
    assert "Steckbrief Odenwaldkreis" in text and "23,5 %" in text and "Ihre Chance auf Arbeit – Job Turbo" in text


def test_monat_as_xlsx_with_release_and_set(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.xlsx"
    assert main(["--db", str(db), "report", "monat", "--release", "2025-08", "--set", "kjc", "-o", str(out)]) == EXIT_OK
    from openpyxl import load_workbook

    wb = load_workbook(out)
    rows = {r[0].value: r for r in wb["K2"].iter_rows(min_row=4) if r[0].value}
    assert rows["Odenwaldkreis"][1].value == 23.0      # August 2025
    assert wb["K2"]["A1"].value == "K2 Integrationsquote · 08/2025"
    assert any(ws._charts for ws in wb.worksheets)


def test_monat_in_english_as_html(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["--db", str(db), "report", "monat", "--set", "06437,06535", "--lang", "en", "-o", str(out)]) == EXIT_OK
    html = out.read_text(encoding="utf-8")
    assert "Indicator report 2025-09" in html and "23.5%" in html and "Vogelsbergkreis" in html


@pytest.mark.parametrize(("args", "code", "message"), [
    (["steckbrief", "06999", "-o", "x.pdf"], EXIT_USAGE, "unbekannter Kreis '06999'"),
    (["steckbrief", "06437", "-o", "x.docx"], EXIT_USAGE, "Dateiendung .docx unbekannt"),
    (["monat", "--set", "bayern", "-o", "x.pdf"], EXIT_USAGE, "unbekannte Auswahl 'bayern'"),
    (["monat", "--release", "Sept", "-o", "x.pdf"], EXIT_USAGE, "--release 'Sept': Monat als JJJJ-MM"),
    (["monat", "--kennzahlen", "K9", "-o", "x.pdf"], EXIT_USAGE, "unbekannte Kennzahl K9"),
    (["monat", "-o", "nirgends/x.pdf"], EXIT_ERROR, "das Verzeichnis"),
])
def test_mistakes_are_said_and_write_nothing(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             args: list[str], code: int, message: str) -> None:
    assert main(["--db", str(db), "report", *args]) == code
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_parse_month() -> None:
    from datetime import date

    assert parse_month("2025-09") == parse_month("09/2025") == parse_month("9.2025") == date(2025, 9, 1)
    with pytest.raises(ValueError):
        parse_month("2025-13")
