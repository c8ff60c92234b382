"""Hostile workbooks and Word documents: refused before python-calamine or python-docx sees them.

Each refusal is exit 2 and one line on stderr, within bounds of time and memory measured in a
subprocess of its own (resource.getrusage of the command's process alone). The bound asked for
is 1.5 GB and 20 s; a refusal takes ~60 MB and a second, so memory is held to 512 MiB here,
to see a regression long before it matters. The files too large to keep in git are made here
(a zip bomb unpacks to over 200 MB); the small ones are the cases of tests/cases/hostile/xlsx_*,
built by tests/cases/hostile/_make_workbooks.py.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from plancheck.errors import UserError
from plancheck.ooxml import (
    MAX_CELLS,
    WORKBOOK,
    is_percent_format,
    open_package,
    read_workbook,
    scan_sheet,
)
from plancheck.submission.read_xlsx import ExcelBook, percent_text, read_sheet
from tests.cases.hostile import _make_workbooks as make
from tests.conftest import CASES

pytest.importorskip("python_calamine")

HOSTILE = CASES / "hostile"
MEMORY = 512 * 1024 * 1024
SECONDS = 20.0
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
print(json.dumps([done.returncode, done.stderr, used.ru_maxrss * scale, time.monotonic() - start]))
"""


@dataclass
class Measured:
    code: int
    stderr: str
    memory: int  # bytes: the command's peak resident size
    seconds: float


def measured(*args: str | Path) -> Measured:
    """Run ``plancheck ARGS`` in a process of its own and measure it from a parent of its own."""
    command = [sys.executable, "-m", "plancheck", *map(str, args)]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    return Measured(*json.loads(done.stdout))


def refused(result: Measured, message: str) -> None:
    assert "Traceback" not in result.stderr
    assert (result.code, result.stderr) == (2, message + "\n")
    assert result.memory < MEMORY, f"{result.memory:,} bytes"
    assert result.seconds < SECONDS


def case(name: str, tmp_path: Path) -> tuple[Path, str]:
    """A committed hostile case copied to tmp_path, and its expected message."""
    source = tmp_path / "2023.xlsx"
    source.write_bytes((HOSTILE / name / "2023.xlsx").read_bytes())
    expected = (HOSTILE / name / "expected.txt").read_text(encoding="utf-8").strip()
    return source, expected.replace("{file}", str(source))


# --- workbooks ----------------------------------------------------------------------------------


def test_cells_at_a1_and_xfd1048576_are_refused_before_anything_is_allocated(
    tmp_path: Path,
) -> None:
    """python-calamine would allocate 512 GiB for the sheet and abort the process."""
    source, message = case("xlsx_cells_at_a1_and_xfd1048576", tmp_path)
    assert source.stat().st_size < 5_000
    refused(measured("evaluate", source, "-f", "json"), message)


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path: Path) -> None:
    source = tmp_path / "2023.xlsx"
    unpacked = _bomb(source, make.workbook(), "xl/worksheets/sheet1.xml", megabytes=210)
    assert source.stat().st_size < 400_000
    refused(
        measured("evaluate", source, "-f", "json"),
        f"{source}: the workbook unpacks to {unpacked:,} bytes (at most 209,715,200): "
        "not a submission",
    )


def test_twenty_thousand_prefixed_elements_take_linear_time(tmp_path: Path) -> None:
    """The old regex rescanned the sheet to its end for each <c:x>: minutes, for 4 KB."""
    source = tmp_path / "2023.xlsx"
    source.write_bytes((HOSTILE / "xlsx_20000_prefixed_elements" / "2023.xlsx").read_bytes())
    result = measured("evaluate", source, "-f", "json")
    assert result.code == 0, result.stderr
    assert result.seconds < SECONDS and result.memory < MEMORY


def test_too_many_parts(tmp_path: Path) -> None:
    source = tmp_path / "2023.xlsx"
    parts: dict[str, str | bytes] = {f"junk/{n}.bin": b"" for n in range(10_001)}
    source.write_bytes(make.package(parts))
    refused(
        measured("evaluate", source, "-f", "json"),
        f"{source}: the workbook holds 10,001 files (at most 10,000): not a submission",
    )


def test_plan_import_of_a_workbook_is_held_to_the_same_limits(tmp_path: Path) -> None:
    source, message = case("xlsx_cells_at_a1_and_xfd1048576", tmp_path)
    result = measured("plan", "import", source, "-o", tmp_path / "plan")
    refused(result, message.replace("not a submission", "not a plan's indicator table"))
    assert not (tmp_path / "plan").exists()


@pytest.mark.parametrize(
    ("last", "cells"),
    [("J1000000", None), ("K1000000", "11,000,000"), ("XFD610", None), ("XFD611", "10,010,624")],
)
def test_the_cell_limit_counts_from_a1_to_the_last_cell(
    last: str, cells: str | None, tmp_path: Path
) -> None:
    """10 columns of a million rows, 10,000,000 cells, is the most a sheet may span."""
    row = last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    far = f'<row r="{row}"><c r="{last}"><v>1</v></c></row>'
    source = tmp_path / "2023.xlsx"
    source.write_bytes(make.workbook([("Sheet1", make.sheet_xml([["indicator"]], between=far))]))
    book = ExcelBook(source)
    if cells is None:
        scan = scan_sheet(book.workbook, book.choose(), "a submission")
        assert scan.rows * scan.columns <= MAX_CELLS
    else:
        with pytest.raises(
            UserError, match=rf"spans A1:{last} \({cells} cells; at most 10,000,000"
        ):
            scan_sheet(book.workbook, book.choose(), "a submission")


@pytest.mark.parametrize(
    ("ref", "outside"),
    [("A1", None), ("A1:C24", None), ("A1:XFD610", None), ("", None), ("A1:XFE1", "XFE1"),
     ("A1:A1048577", "A1048577"), ("A1:ZZZZ99999999", "ZZZZ99999999"), ("XFE1:XFE2", "XFE1"),
     ("A1:B2:C3", "B2:C3"), ("A0:C3", "A0")],
)  # fmt: skip
def test_a_declared_extent_is_held_to_excels_grid_as_a_cells_name_is(
    ref: str, outside: str | None, tmp_path: Path
) -> None:
    """A dimension naming a cell past XFD1048576 is refused as such a cell is, in a line."""
    sheet = make.sheet_xml([["indicator"]], before=f'<dimension ref="{ref}"/>')
    source = tmp_path / "2023.xlsx"
    source.write_bytes(make.workbook([("Sheet1", sheet)]))
    book = ExcelBook(source)
    if outside is None:
        scan_sheet(book.workbook, book.choose(), "a submission")
        return
    with pytest.raises(UserError) as raised:
        scan_sheet(book.workbook, book.choose(), "a submission")
    assert str(raised.value) == (
        f"{source}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' names a "
        f"cell '{outside}' outside Excel's grid A1:XFD1048576"
    )


def test_a_national_file_of_a_million_rows_and_six_columns_passes_the_scan(tmp_path: Path) -> None:
    """Only the scan (not the whole evaluation): its declared and real extent are within bounds."""
    dimension = '<dimension ref="A1:F1000000"/>'
    far = '<row r="1000000"><c r="A1000000"><v>1</v></c><c r="F1000000"><v>1</v></c></row>'
    sheet = make.sheet_xml([["indicator"]], before=dimension, between=far)
    source = tmp_path / "national.xlsx"
    source.write_bytes(make.workbook([("Sheet1", sheet)]))
    book = ExcelBook(source)
    scan = scan_sheet(book.workbook, book.choose(), "a submission")
    assert (scan.rows, scan.columns) == (1_000_000, 6)


def test_a_part_that_unpacks_to_more_than_it_declares(tmp_path: Path) -> None:
    source, message = case("xlsx_part_larger_than_declared", tmp_path)
    with pytest.raises(UserError) as raised:
        open_package(source, WORKBOOK, "a submission")
    assert str(raised.value) == message


def test_a_damaged_part_is_refused_by_its_checksum(tmp_path: Path) -> None:
    data = bytearray(make.workbook(level=0))  # stored: a flipped byte is a changed byte
    at = data.find(b"<sheetData>")
    data[at + 1] = ord("S")
    source = tmp_path / "2023.xlsx"
    source.write_bytes(bytes(data))
    with pytest.raises(UserError, match=r"the part 'xl/worksheets/sheet1\.xml' is damaged"):
        open_package(source, WORKBOOK, "a submission")


def test_damaged_compressed_data_is_a_located_error(tmp_path: Path) -> None:
    data = bytearray(make.workbook(level=9))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename)
    data[start : start + 8] = b"\xff" * 8  # not a deflate stream any more
    source = tmp_path / "2023.xlsx"
    source.write_bytes(bytes(data))
    with pytest.raises(UserError) as raised:
        open_package(source, WORKBOOK, "a submission")
    assert str(raised.value).startswith(
        f"{source}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' is damaged"
    )


def test_an_xml_part_in_an_encoding_python_does_not_know(tmp_path: Path) -> None:
    sheet = make.sheet_xml([["indicator"]]).replace('encoding="UTF-8"', 'encoding="UTF-9"')
    source = tmp_path / "2023.xlsx"
    source.write_bytes(make.workbook([("Sheet1", sheet)]))
    with pytest.raises(UserError, match=r"the part 'xl/worksheets/sheet1\.xml' is not XML"):
        read_sheet(source)


# --- which sheet, and how its cells read --------------------------------------------------------


def _sheets() -> list[tuple[str, str]]:
    return [
        ("一", make.sheet_xml([["indicator", "value"], [4.0, 1.0]])),
        ("二", make.sheet_xml([["indicator", "value"], [4.0, 2.0]])),
        ("三", make.sheet_xml([["indicator", "value"], [4.0, 3.0]])),
    ]


@pytest.mark.parametrize(
    ("active", "states", "read"),
    [
        (None, {}, "一"),  # no active tab: the first
        (2, {}, "三"),  # the tab Excel opens on
        (2, {"三": "hidden"}, "一"),  # a hidden active tab: the first visible sheet
        (None, {"一": "veryHidden"}, "二"),
        (1, {"一": "hidden", "二": "hidden"}, "三"),
    ],
)
def test_the_sheet_read_is_the_one_excel_opens_on(
    active: int | None, states: dict[str, str], read: str, tmp_path: Path
) -> None:
    source = tmp_path / "2023.xlsx"
    source.write_bytes(make.workbook(_sheets(), active=active, states=states))
    name, grid, _ = read_sheet(source)
    assert name == read
    assert grid[1] == ["4", str("一二三".index(read) + 1)]


def test_a_hidden_sheet_is_read_when_named_and_never_else(tmp_path: Path) -> None:
    source = tmp_path / "2023.xlsx"
    states = {"一": "hidden", "二": "veryHidden", "三": "hidden"}
    source.write_bytes(make.workbook(_sheets(), states=states))
    assert read_sheet(source, "二")[1][1] == ["4", "2"]
    with pytest.raises(UserError) as raised:
        read_sheet(source)
    assert (
        str(raised.value)
        == f"{source}: the workbook has no visible sheet (hidden: '一', '二', '三')"
    )


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.0%", True),
        ("#,##0.00%;[Red]-#,##0.00%", True),
        ('0.0"%"', False),  # a quoted % is shown, not applied
        ("0.0\\%", False),
        ("0_%", False),
        ("[$%-804]0", False),
        ("0.00", False),
        ("General", False),
        ('"unclosed %', False),
    ],
)
def test_percent_formats(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent


@pytest.mark.parametrize(
    ("number", "text"),
    [(0.985, "98.5"), (0.9, "90"), (1.0, "100"), (0.07, "7"), (0.0001, "0.01"), (1.2345, "123.45")],
)
def test_percent_text_is_the_percentage_excel_shows(number: float, text: str) -> None:
    assert percent_text(number) == text


def test_percent_styles_are_read_from_cell_xfs(tmp_path: Path) -> None:
    source = tmp_path / "2023.xlsx"
    source.write_bytes(make.workbook(styles=make.percent_styles()))
    package = open_package(source, WORKBOOK, "a submission")
    assert read_workbook(package).percent_styles == {"1", "2"}  # not 3 ('"%"0'), not cellStyleXfs


# --- Word documents -----------------------------------------------------------------------------


def _docx() -> Any:
    return pytest.importorskip("docx")


def _document(body: str, extra: dict[str, str] | None = None) -> bytes:
    """A python-docx document with ``body`` put at the start of its <w:body>, and ``extra``
    parts (which python-docx does not read, but a file may hold)."""
    out = io.BytesIO()
    _docx().Document().save(out)
    with zipfile.ZipFile(out) as archive:
        parts: dict[str, str | bytes] = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = parts["word/document.xml"]
    assert isinstance(xml, bytes)
    parts["word/document.xml"] = xml.replace(b"<w:body>", b"<w:body>" + body.encode(), 1)
    return make.package({**parts, **(extra or {})}, level=9)


# Each XML part is kept under a MiB, where the compression ratio is not looked at: only the
# counts stop these (900 KB of <w:p/> is 150,000 paragraphs).
JUNK_PARTS = {f"customXml/item{n}.xml": "<r>" + "<a/>" * 249_000 + "</r>" for n in range(5)}


@pytest.mark.parametrize(
    ("body", "extra", "over"),
    [
        ("<w:p/>" * 150_000, None, "100,000 paragraphs, runs and table cells"),
        ("", JUNK_PARTS, "1,000,000 XML elements"),
        (
            "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='16000000'/></w:tcPr><w:p/></w:tc>"
            "</w:tr></w:tbl>",
            None,
            "100,000 table cells",
        ),
    ],
    ids=["paragraphs", "elements", "a cell spanning 16 million columns"],
)
def test_a_document_too_large_for_python_docx(
    body: str, extra: dict[str, str] | None, over: str, tmp_path: Path
) -> None:
    source = tmp_path / "plan.docx"
    source.write_bytes(_document(body, extra))
    assert source.stat().st_size < 200_000
    refused(
        measured("plan", "import", source, "-o", tmp_path / "plan"),
        f"{source}: the document has over {over}: not a plan document",
    )


def test_a_document_zip_bomb(tmp_path: Path) -> None:
    source = tmp_path / "plan.docx"
    unpacked = _bomb(source, _document(""), "word/media/image1.bmp", megabytes=210)
    refused(
        measured("plan", "import", source, "-o", tmp_path / "plan"),
        f"{source}: the document unpacks to {unpacked:,} bytes (at most 209,715,200): "
        "not a plan document",
    )


def test_merged_table_cells_read_as_python_docx_reads_them(tmp_path: Path) -> None:
    from plancheck.plan.importers.docx import table_grid

    document = _docx().Document()
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    table.cell(0, 0).merge(table.cell(2, 0))  # down
    table.cell(0, 1).merge(table.cell(0, 3))  # across
    table.cell(1, 2).merge(table.cell(3, 3))  # both
    expected = [[c.text for c in row.cells] for row in table.rows]
    assert table_grid(table._tbl) == expected
    assert expected[2][0] == expected[0][0] and expected[3][3] == expected[1][2]


def test_a_category_merged_down_five_thousand_rows_imports(tmp_path: Path) -> None:
    """python-docx finds a merged cell's text again for each row, recursively: a RecursionError
    (a traceback) on a tall merge. Read in one pass, it is the category of every row."""
    from plancheck.plan.importers.docx import table_grid

    rows = "".join(
        "<w:tr><w:tc><w:tcPr><w:vMerge" + ("" if n else " w:val='restart'") + "/></w:tcPr>"
        f"<w:p><w:r><w:t>{'依法执政' if n == 0 else ''}</w:t></w:r></w:p></w:tc>"
        f"<w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc></w:tr>"
        for n in range(5_000)
    )
    source = tmp_path / "plan.docx"
    source.write_bytes(_document(f"<w:tbl>{rows}</w:tbl>"))
    table = _docx().Document(str(source)).tables[0]
    grid = table_grid(table._tbl)
    assert len(grid) == 5_000 and all(row[0] == "依法执政" for row in grid)
    assert grid[4_999][1] == "4999"


def test_a_document_python_docx_cannot_read_is_a_located_error(tmp_path: Path) -> None:
    """Its main part is XML, but not a Word document: python-docx fails reading it, not loading."""
    data = _document("")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {i.filename: archive.read(i) for i in archive.infolist()}
    parts["word/document.xml"] = b'<?xml version="1.0"?><nothing/>'
    source = tmp_path / "plan.docx"
    source.write_bytes(make.package(parts))
    result = measured("plan", "import", source, "-o", tmp_path / "plan")
    assert result.code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{source}: not a readable Word .docx file: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("number", "chinese"),
    [
        (9, "九"),
        (10, "十"),
        (12, "十二"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (2024, "二千零二十四"),
        (12_345, "12345"),
    ],
)
def test_word_numbering_past_ninety_nine(number: int, chinese: str) -> None:
    """A list numbered 一、二、… past 九十九 once failed on its hundredth item."""
    from plancheck.plan.importers.docx import chinese_number

    assert chinese_number(number) == chinese


def _bomb(path: Path, start: bytes, part: str, megabytes: int) -> int:
    """Write ``path``: the package ``start`` with ``part`` (new or replaced) made of that many
    MiB of spaces, deflated as tightly as zlib can. Returns the unpacked size of all parts."""
    with zipfile.ZipFile(io.BytesIO(start)) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            if info.filename != part:
                out.writestr(info, source.read(info))
        bomb = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
        bomb.compress_type = zipfile.ZIP_DEFLATED
        with out.open(bomb, "w") as stream:
            for _ in range(megabytes):
                stream.write(b" " * (1024 * 1024))
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist())
