"""``-f xlsx`` writes its rows of results as the XML xlsxwriter writes for them (``RowWriter``):
the same workbook, byte for byte, as writing every cell through xlsxwriter — for hostile texts,
a text cut at Excel's cell limit, rows of either kind in turn — and a text that looks like
rich-text markup stays text."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from plancheck.evaluate.engine import evaluate
from plancheck.plan.load import load_plan
from plancheck.report import Options, render
from plancheck.report import xlsx as workbook
from plancheck.submission.read import read_submission
from tests.conftest import ROOT, SAMPLES
from tests.test_injection import admitting_other_units

HOSTILE = [
    "_x0041_ typed as Excel's escape",
    "_X00ff_ and _x12_ and _x004g_",
    " leading",
    "trailing ",
    "\ttab first",
    "a & b < c > d \"q\" 'q'",
    "two\nlines\n",
    "cr\r\nlf",
    "bell\x07 esc\x1b",
    "\ufffe\uffff nonchars",
    "=1+1",
    "emoji \U0001f600 黄浦区",
    "",
    "\u00a0nbsp\u00a0",
    "长" * 40_000,  # past Excel's cell limit: cut, with the mark
    "😀" * 16_400,  # 32,800 UTF-16 units in 16,400 characters
]


def hostile_file(folder: Path) -> tuple[Path, Path]:
    plan = folder / "indicators.yaml"
    bundled = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    plan.write_text(admitting_other_units(bundled), encoding="utf-8")
    path = folder / "2023.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "year", "indicator", "value", "note"])
        for n, text in enumerate(HOSTILE):
            unit = text if n % 2 and 0 < len(text.strip()) < 100 else f"区{n}"
            for indicator in ("1", "2", "5"):
                value = "" if indicator == "5" and n % 3 else str(90 + n / 7)
                out.writerow([unit, 2023, indicator, value, text])
    return path, plan


def workbook_of(path: Path, plan_path: Path | None, lang: str) -> bytes:
    plan = load_plan(plan_path)
    data = render("xlsx", "evaluation", evaluate(plan, read_submission([path], plan)),
                  Options(lang=lang))  # fmt: skip
    assert isinstance(data, bytes)
    return data


def through_xlsxwriter(every: int) -> Any:
    """``RowWriter.write`` sending every ``every``-th row through xlsxwriter's own calls."""
    fast = workbook.RowWriter.write

    def write(self: workbook.RowWriter, line: int, row: tuple[Any, ...]) -> None:
        if line % every == 0:
            self._through_xlsxwriter(line, row)
        else:
            fast(self, line, row)

    return write


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("every", [1, 2, 3])
def test_rows_written_as_xml_are_what_xlsxwriter_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, every: int
) -> None:
    path, plan = hostile_file(tmp_path)
    cases = [(path, plan), (SAMPLES / "districts-2023.csv", None)]
    written = [workbook_of(p, q, lang) for p, q in cases]
    monkeypatch.setattr(workbook.RowWriter, "write", through_xlsxwriter(every))
    assert [workbook_of(p, q, lang) for p, q in cases] == written  # the same bytes


RAW = [*HOSTILE, "nul\x00 vt\x0b ff\x0c us\x1f", "\x01", "_x0000_\x00"]  # as no reader gives


def sheet_of(folder: Path, name: str, every: int) -> bytes:
    """A workbook of rows of RAW texts written by ``RowWriter``, every ``every``-th row through
    xlsxwriter's own calls (0: none)."""
    import datetime as dt

    import xlsxwriter  # type: ignore[import-untyped]

    path = folder / name
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(folder)})
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    sheet = book.add_worksheet()
    for col in range(13):
        sheet.write_string(0, col, f"h{col}")
    writer = workbook.RowWriter(sheet, "zh")
    for n, text in enumerate(RAW * 3, start=1):
        numbers = (2023, n / 7 if n % 2 else None, 1e-300 if n % 5 == 0 else None, None, n)
        row = (text, numbers[0], str(n), text, "约束性", text[:10], "fail", *numbers[1:],
               text, text if n % 4 else "")  # fmt: skip
        if every and n % every == 0:
            writer._through_xlsxwriter(n, row)
        else:
            writer.write(n, row)
    book.close()
    return path.read_bytes()


@pytest.mark.parametrize("every", [2, 3])
def test_raw_texts_are_written_as_xlsxwriter_writes_them(tmp_path: Path, every: int) -> None:
    assert sheet_of(tmp_path, "a.xlsx", 0) == sheet_of(tmp_path, "b.xlsx", 1)
    assert sheet_of(tmp_path, "c.xlsx", every) == sheet_of(tmp_path, "d.xlsx", 1)


def test_a_long_text_is_cut_with_its_mark_and_the_hostile_texts_read_back(tmp_path: Path) -> None:
    path, plan = hostile_file(tmp_path)
    (tmp_path / "r.xlsx").write_bytes(workbook_of(path, plan, "en"))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    notes = {c.value for c in sheet["M"][1:] if c.value}
    assert {"=1+1", "a & b < c > d \"q\" 'q'", "two\nlines", "emoji \U0001f600 黄浦区"} <= notes
    cut = [n for n in notes if isinstance(n, str) and "(truncated: " in n]
    assert len(cut) == 2 and all(
        len(n.encode("utf-16-le")) // 2 <= workbook.CELL_LIMIT for n in cut
    )


def test_a_text_that_looks_like_rich_text_markup_is_text(tmp_path: Path) -> None:
    """xlsxwriter writes an inline string ``<r>…</r>`` as markup, unescaped: a unit or note
    typed so made the cell something else, or the sheet unreadable. It is text here."""
    plan = tmp_path / "indicators.yaml"
    bundled = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    plan.write_text(admitting_other_units(bundled), encoding="utf-8")
    typed = "<r><t>x</t></r>"
    path = tmp_path / "2023.csv"
    path.write_text(f"unit,indicator,value,note\n{typed},1,100,{typed}\n", encoding="utf-8")
    (tmp_path / "r.xlsx").write_bytes(workbook_of(path, plan, "en"))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None
    assert sheet["A2"].value == typed and sheet["M2"].value == typed


def test_a_figure_xlsxwriter_refuses_is_refused_as_before(tmp_path: Path) -> None:
    """A figure not finite goes through xlsxwriter, which refuses it (no such figure reaches a
    report: the reader refuses them); the fast path never writes one."""
    import xlsxwriter  # type: ignore[import-untyped]

    book = xlsxwriter.Workbook(str(tmp_path / "r.xlsx"), {"constant_memory": True})
    try:
        writer = workbook.RowWriter(book.add_worksheet(), "en")
        row = ("u", 2023, "1", "n", "b", "t", "pass", float("inf"), None, None, None, "why", "")
        with pytest.raises(TypeError, match="NAN/INF"):
            writer.write(1, row)
    finally:
        book.close()


def test_an_xlsxwriter_without_the_names_used_writes_every_cell_through_its_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written = workbook_of(SAMPLES / "districts-2023.csv", None, "zh")
    calls: list[int] = []
    through = workbook.RowWriter._through_xlsxwriter

    def counted(self: workbook.RowWriter, line: int, row: tuple[Any, ...]) -> None:
        calls.append(line)
        through(self, line, row)

    monkeypatch.setattr(workbook.RowWriter, "_through_xlsxwriter", counted)
    monkeypatch.setattr(workbook, "_XLSXWRITER_OWN", (*workbook._XLSXWRITER_OWN, "_gone_in_4"))
    assert workbook_of(SAMPLES / "districts-2023.csv", None, "zh") == written
    assert calls and calls == sorted(calls)  # every row went through xlsxwriter's calls
