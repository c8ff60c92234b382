"""The scan of a plain sheet settled from its bytes (``ooxml._plain_sheet``) finds what following
it element by element (``ooxml._follow_sheet``) finds, or leaves the sheet to it.

Each sheet here is scanned both ways. Where the element-by-element scan refuses the sheet, the
shortcut must not settle it; where it reads it, the shortcut gives the same extent (and no cell
to note) or nothing. Each case also says whether the shortcut settles it, so that a shortcut that
never settles anything (or settles a sheet it must not) fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plancheck import ooxml
from plancheck.errors import UserError
from plancheck.ooxml import SheetScan, scan_sheet
from plancheck.submission.read_xlsx import ExcelBook
from tests.cases.hostile import _make_workbooks as make

ROWS: list[list[object]] = [["unit", "year", "indicator", "value"], ["徐汇区", 2023.0, "1", 98.5]]
FAR = '<row r="40"><c r="Q40"><v>1</v></c></row>'


def scanned(tmp_path: Path, sheet: str | bytes, styles: str | None = None) -> tuple[object, object]:
    """(the shortcut's scan or None, the element-by-element scan or its refusal's text)."""
    source = tmp_path / "2023.xlsx"
    extra = {make.SHEET_PART: sheet} if isinstance(sheet, bytes) else None
    xml = sheet if isinstance(sheet, str) else make.sheet_xml(ROWS)
    source.write_bytes(make.workbook([("Sheet1", xml)], styles=styles, extra=extra))
    book = ExcelBook(source)
    chosen = book.choose()
    assert chosen.part is not None
    data = b"".join(book.workbook.package.chunks(chosen.part))
    try:
        followed: object = ooxml._follow_sheet(
            book.workbook, chosen, "a submission", ooxml._pieces(data)
        )
    except UserError as exc:
        followed = str(exc)
    try:
        whole: object = scan_sheet(book.workbook, chosen, "a submission")
    except UserError as exc:
        whole = str(exc)
    assert whole == followed  # scan_sheet, whichever way it went, is the scan
    return ooxml._plain_sheet(book.workbook, chosen.part.filename, data), followed


def sheet(**parts: str) -> str:
    return make.sheet_xml(ROWS, **parts)  # type: ignore[arg-type]


SETTLED = {
    "plain": sheet(),
    "a cell far from its row's r": sheet(between='<row r="3"><c r="Z9"><v>1</v></c></row>'),
    "rows out of order": sheet(between=FAR + '<row r="7"><c r="C7"><v>1</v></c></row>'),
    "a cell inside a cell counts": sheet(
        cells={"A2": '<c r="A2" t="inlineStr"><is><t>x</t><c r="R55"/></is></c>'}
    ),
    "cells before sheetData do not count": sheet(before='<row r="9"><c r="Z99"/></row>'),
    "a plain dimension": sheet(before='<dimension ref="A1:D2"/>'),
    "an empty dimension": sheet(before='<dimension ref=""/>'),
    "no sheetData": f'<?xml version="1.0"?><worksheet xmlns="{make.MAIN}"/>',
    "an empty sheetData": f'<worksheet xmlns="{make.MAIN}"><sheetData/></worksheet>',
    "the widest sheet allowed": sheet(between='<row r="610"><c r="XFD610"/></row>'),
    "references in texts": sheet(  # as openpyxl writes Chinese: &#21439; is 县
        cells={"A2": '<c r="A2" t="inlineStr"><is><t>&#21439;R&amp;D&#x27;s</t></is></c>'}
    ),
    "a row of cells with no value": sheet(
        between='<row r="5" spans="1:3"><c r="AB5" s="1"/></row>'
    ),
}

LEFT = {
    "a cell after sheetData": sheet(after='<c r="J20"/>'),
    "prefixed elements": make.sheet_xml(ROWS, prefix="x"),
    "a cell without r": sheet(cells={"B2": "<c><v>1</v></c>"}),
    "a row without r": sheet(between='<row><c r="A3"/></row>'),
    "a lower-case cell name": sheet(cells={"B2": '<c r="b2"><v>1</v></c>'}),
    "a row past 999999": sheet(between='<row r="1000000"><c r="A1000000"/></row>'),
    "a column past XFD": sheet(between='<row r="3"><c r="XFE3"/></row>'),
    "too wide": sheet(between='<row r="611"><c r="XFD611"/></row>'),
    "an error cell": sheet(cells={"D2": '<c r="D2" t="e"><v>#N/A</v></c>'}),
    "an error cell in single quotes": sheet(cells={"D2": "<c r='D2' t='e'><v>#N/A</v></c>"}),
    "an error cell spelt with a reference": sheet(cells={"D2": '<c r="D2" t="&#101;"/>'}),
    "an error cell spelt with a reference, in single quotes": sheet(
        cells={"D2": "<c r='D2' t = '&#x65;'><v>#N/A</v></c>"}
    ),
    "a reference in a row's attribute": sheet(
        between='<row r="3" spans="1&#58;2"><c r="A3"/></row>'
    ),
    "a formula": sheet(cells={"D2": '<c r="D2"><f>1+1</f><v>2</v></c>'}),
    "a formula never computed": sheet(cells={"D2": '<c r="D2"><f>1+1</f></c>'}),
    "a cell hidden in a comment": sheet(between='<!-- <c r="XFD1048576"/> -->'),
    "a cell hidden in CDATA": sheet(
        cells={"A2": '<c r="A2" t="inlineStr"><is><t><![CDATA[<c r="XFE1"/>]]></t></is></c>'}
    ),
    "a processing instruction": sheet(between='<?x <c r="XFE1"/> ?>'),
    "not well-formed": sheet(cells={"D2": '<c r="D2"><v>1</c>'}),
    "a dimension outside the grid": sheet(before='<dimension ref="A1:XFE1"/>'),
    "a dimension too large": sheet(before='<dimension ref="A1:K1000000"/>'),
    "a prefixed dimension": sheet(before='<x:dimension xmlns:x="urn:x" ref="A1:XFE1"/>'),
    "a prefixed sheetData": (
        f'<worksheet xmlns="{make.MAIN}" xmlns:x="urn:x"><x:sheetData>'
        '<row r="1"><c r="XFE1"/></row></x:sheetData></worksheet>'
    ),
    "a prefixed cell among plain ones": sheet(
        between='<row r="3"><x:c xmlns:x="urn:x" r="XFD1048576"/></row>'
    ),
    "a cell whose name has a tab before it": sheet(between='<row r="3"><c\tr="XFE3"/></row>'),
}


@pytest.mark.parametrize("name", sorted(SETTLED))
def test_a_plain_sheet_is_settled_as_the_scan_reads_it(name: str, tmp_path: Path) -> None:
    plain, followed = scanned(tmp_path, SETTLED[name])
    assert isinstance(followed, SheetScan)
    assert not followed.unreadable and not followed.percent
    assert plain == followed


@pytest.mark.parametrize("name", sorted(LEFT))
def test_a_sheet_the_bytes_do_not_settle_is_left_to_the_scan(name: str, tmp_path: Path) -> None:
    plain, _ = scanned(tmp_path, LEFT[name])
    assert plain is None


@pytest.mark.parametrize(
    ("refs", "extent"),
    [
        (("B7", "Z3", "AA12", "C100", "AB2", "A9"), (100, 28)),  # Excel's order: Z < AA < AB
        (("A1", "D1", "B999999", "XFD2"), (999_999, 16_384)),
        (("C3",), (3, 3)),
        ((), (0, 0)),
    ],
)
def test_the_extent_is_the_largest_column_and_row_named(
    refs: tuple[str, ...], extent: tuple[int, int]
) -> None:
    """Met past the first rows, too: far cells (after 64 KiB of others) in any order."""
    filler = b'<c r="A1"/>' * 10_000
    cells = [b'<c r="%s"><v>1</v></c>' % ref.encode() for ref in refs]
    data = b'<sheetData><row r="1">' + filler + filler.join(cells) + b"</row></sheetData>"
    if refs:
        assert ooxml._cells_extent(data, 0) == extent
    else:
        assert ooxml._cells_extent(b"<sheetData></sheetData>", 0) == extent


def test_a_cell_named_otherwise_far_down_leaves_the_extent_open() -> None:
    filler = b'<c r="A1"/>' * 10_000
    for odd in (b'<c r="a2"/>', b'<c r="XFE2"/>', b'<c r="A0"/>', b"<c/>", b'<c s="1" r="A2"/>'):
        assert ooxml._cells_extent(b"<sheetData>" + filler + odd + b"</sheetData>", 0) is None


def test_percent_styled_numbers_are_left_to_the_scan_and_other_styles_are_not(
    tmp_path: Path,
) -> None:
    styles = make.percent_styles()  # cellXfs 1 and 2 are percentages, 3 is not
    percent = sheet(cells={"D2": '<c r="D2" s="2"><v>0.985</v></c>'})
    plain, followed = scanned(tmp_path, percent, styles)
    assert plain is None and isinstance(followed, SheetScan) and followed.percent == {(2, 3)}
    other = sheet(cells={"D2": '<c r="D2" s="3"><v>0.985</v></c>'})
    plain, followed = scanned(tmp_path, other, styles)
    assert plain is not None and plain == followed


@pytest.mark.parametrize(
    "encoded",
    [
        sheet(before='<dimension ref="A1:D2"/>')
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
        .encode("utf-16"),
        make.sheet_xml([["unit"], ["Zürich"]])
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
        .encode("latin-1"),
    ],
    ids=["utf-16", "latin-1"],
)
def test_a_sheet_in_another_encoding_is_left_to_the_scan(encoded: bytes, tmp_path: Path) -> None:
    plain, followed = scanned(tmp_path, encoded)
    assert plain is None and isinstance(followed, SheetScan)


def test_a_national_sheet_is_settled_without_following_its_elements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20,000 rows as xlsxwriter writes them (inline strings, numbers): no element followed."""
    import xlsxwriter

    source = tmp_path / "national.xlsx"
    book = xlsxwriter.Workbook(str(source), {"constant_memory": True})
    data = book.add_worksheet("data")
    data.write_row(0, 0, ["unit", "year", "indicator", "value"])
    for n in range(1, 20_001):
        data.write_row(n, 0, [f"县{n:05d}", 2023, "1", 90 + n % 10])
    book.close()

    def followed(*_: object) -> SheetScan:
        raise AssertionError("followed element by element")

    monkeypatch.setattr(ooxml, "_follow_sheet", followed)
    opened = ExcelBook(source)
    package = opened.workbook.package
    assert list(package._unpacked) == [make.SHEET_PART]  # as checked, not unpacked again
    scan = scan_sheet(opened.workbook, opened.choose(), "a submission")
    assert (scan.rows, scan.columns, scan.unreadable, scan.percent) == (20_001, 4, {}, set())
    assert not package._unpacked  # let go once scanned


def test_a_sheet_openpyxl_wrote_in_chinese_is_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl writes each Chinese character of a text as a reference (县 is &#21439;)."""
    openpyxl = pytest.importorskip("openpyxl")
    xl = openpyxl.Workbook()
    for row in [
        ["单位", "年份", "指标", "实际值"],
        ["徐汇区", 2023, "1", 98.5],
        ["县00002", 2023, "2", 3],
    ]:
        xl.active.append(row)
    xl.save(tmp_path / "2023.xlsx")
    opened = ExcelBook(tmp_path / "2023.xlsx")
    chosen = opened.choose()
    assert chosen.part is not None
    assert b"&#" in b"".join(opened.workbook.package.chunks(chosen.part))

    def followed(*_: object) -> SheetScan:
        raise AssertionError("followed element by element")

    monkeypatch.setattr(ooxml, "_follow_sheet", followed)
    scan = scan_sheet(opened.workbook, chosen, "a submission")
    assert (scan.rows, scan.columns, scan.unreadable, scan.percent) == (3, 4, {}, set())


def test_a_cell_after_sheetdata_is_no_cell(tmp_path: Path) -> None:
    # python-calamine reads no cell past </sheetData> (a 2010 data bar's <xm:f> stands there).
    _, followed = scanned(tmp_path, sheet(after='<c r="J20"><f>A1</f></c>'))
    assert isinstance(followed, SheetScan) and not followed.unreadable
    assert (followed.rows, followed.columns) == (2, 4)
