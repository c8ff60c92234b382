"""``-f docx`` at a national file's size holds little: the XML of its tables and lists is held
deflated until the zip is written (``Spool``), made a row at a time with a bounded memo of cells,
and the document is the same byte for byte."""

from __future__ import annotations

import io
import zipfile

import pytest

from plancheck.report import FORMATS
from plancheck.report import docx as word
from tests.conftest import SAMPLES

PIECES = ["<w:t>a &amp; b</w:t>", "黄浦区 ✘ 未达标", "emoji \U0001f600", "", "\u00a0nbsp\u00a0"]


def test_a_spool_gives_back_its_xml_whole_and_holds_it_deflated() -> None:
    pieces = [f"{PIECES[n % len(PIECES)]}{n}" for n in range(40_000)]  # several batches
    spool = word.Spool(iter(pieces))
    expected = "".join(pieces).encode()
    assert b"".join(spool) == expected and spool.size == len(expected)
    assert b"".join(spool) == expected  # read again, for a second time: the same
    assert len(spool._packed) < len(expected) / 4  # held deflated, not as the XML


def test_a_spool_gives_its_xml_in_bounded_pieces() -> None:
    spool = word.Spool(["<w:tr/>" * 1_000_000])  # 7 MB that deflate to a few kilobytes
    sizes = [len(piece) for piece in spool]
    assert sum(sizes) == 7_000_000 and max(sizes) <= 1 << 20


def test_an_empty_spool_is_empty() -> None:
    spool = word.Spool([])
    assert spool.size == 0 and b"".join(spool) == b""


def test_rows_are_the_same_when_the_memo_of_cells_is_emptied_at_every_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    header = ["单位", "指标", "状态"]
    rows = [[f"区{n % 7}", PIECES[n % len(PIECES)], "✘ 未达标" if n % 3 else "✔ 达标"]
            for n in range(200)]  # fmt: skip
    twips = ["1000", "3000", "1200"]
    held = word.table_rows(header, rows, twips)
    monkeypatch.setattr(word, "_MEMO_MOST", 1)
    assert word.table_rows(header, rows, twips) == held
    assert held.count(b"<w:tr>") == 1 + 200 and b"C62828" in held  # the header, every row


def test_column_widths_measure_each_distinct_cell_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["单位", "指标"], *([f"区{n % 3}", "重大行政决策合法性审查率"] for n in range(300))]
    measured: list[str] = []
    least = word._least

    def counted(text: str) -> int:
        measured.append(text)
        return least(text)

    monkeypatch.setattr(word, "_least", counted)
    widths = word.column_widths(rows, 170)
    assert sorted(measured) == sorted(["区0", "区1", "区2", "重大行政决策合法性审查率"])
    assert sum(widths) == pytest.approx(170) and widths[1] > widths[0]


def test_the_report_holds_its_tables_deflated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plancheck import app
    from plancheck.report import made

    assert FORMATS["docx"].one_pass  # given the results as they are made, never all held
    held: list[word.Spool] = []
    deterministic = word._deterministic

    def kept(doc: object, placed: list[word.Spool]) -> bytes:
        held.extend(placed)
        return deterministic(doc, placed)  # type: ignore[arg-type]

    monkeypatch.setattr(word, "_deterministic", kept)
    files = [SAMPLES / "districts-2023.csv"]
    request = app.EvaluateRequest(files=files, format="docx")
    report = made(app.evaluate(request).report)
    assert isinstance(report, bytes)
    document = zipfile.ZipFile(io.BytesIO(report)).read("word/document.xml")
    unpacked = sum(s.size for s in held)
    assert len(held) > 5 and unpacked > len(document) / 2  # most of the XML was spooled
    assert sum(len(s._packed) for s in held) < unpacked / 5
