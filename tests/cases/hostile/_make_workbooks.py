"""Build the hostile workbooks of tests/cases/hostile/xlsx_* (and, for tests, larger ones).

    python tests/cases/hostile/_make_workbooks.py      # rewrites every xlsx_* case folder

Each workbook is written part by part from raw XML, so that it can hold what Excel never writes
(a cell at XFD1048576, an error written t='e', prefixed elements, a part larger than it says).
The output is byte-identical from run to run (fixed zip dates, fixed compression level), and
each case gets its expected.txt (``{file}`` is the submission's path) or statuses.json.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import sys
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[2] / "samples" / "2023.csv"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_PART = "xl/worksheets/sheet1.xml"


def package(parts: Mapping[str, str | bytes], level: int = 6) -> bytes:
    """A zip of the parts, in order, deflated, dated 1980-01-01 (so the bytes never change)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            raw = data.encode("utf-8") if isinstance(data, str) else data
            archive.writestr(info, raw, compresslevel=level)
    return out.getvalue()


def workbook(
    sheets: list[tuple[str, str]] | None = None,
    *,
    active: int | None = None,
    states: Mapping[str, str] | None = None,
    styles: str | None = None,
    level: int = 6,
    extra: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook of (sheet name, sheet XML) pairs; ``states`` makes sheets hidden or
    veryHidden, ``active`` sets the tab Excel opens on, ``styles`` is xl/styles.xml, ``extra``
    adds parts (or replaces one) by name."""
    sheets = sheets if sheets is not None else [("Sheet1", sheet_xml(sample_rows()))]
    states = states or {}
    listed = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"'
        + (f' state="{states[name]}"' if name in states else "")
        + "/>"
        for n, (name, _) in enumerate(sheets, start=1)
    )
    view = f'<bookViews><workbookView activeTab="{active}"/></bookViews>' if active else ""
    relationships = "".join(
        f'<Relationship Id="rId{n}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    if styles is not None:
        relationships += f'<Relationship Id="rIdS" Type="{DOC_RELS}/styles" Target="styles.xml"/>'
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{DOC_RELS}">{view}<sheets>{listed}</sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f"{relationships}</Relationships>"
        ),
    }
    if styles is not None:
        parts["xl/styles.xml"] = styles
    for n, (_, xml) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    parts.update(extra or {})
    return package(parts, level)


def sample_rows() -> list[list[object]]:
    """samples/2023.csv with its figures as numbers, as a person types them into Excel."""
    with open(SAMPLE, encoding="utf-8") as handle:
        rows: list[list[object]] = []
        for row in csv.reader(handle):
            typed: list[object] = []
            for cell in row:
                try:
                    typed.append(float(cell) if rows else cell)
                except ValueError:
                    typed.append(cell or None)
            rows.append(typed)
    return rows


def column(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_xml(
    rows: list[list[object]],
    *,
    prefix: str = "",
    cells: Mapping[str, str] | None = None,
    before: str = "",
    between: str = "",
    after: str = "",
) -> str:
    """A worksheet of the rows (numbers as numbers, text inline). ``prefix`` ("x") writes every
    element with it; ``cells`` replaces cells by their raw XML (``{p}`` is the prefix with its
    colon); ``before`` goes before sheetData, ``between`` after each row, ``after`` after
    sheetData."""
    p = f"{prefix}:" if prefix else ""
    cells = cells or {}
    body = []
    for r, row in enumerate(rows, start=1):
        out = []
        for c, value in enumerate(row):
            ref = f"{column(c)}{r}"
            if ref in cells:
                out.append(cells[ref].replace("{p}", p))
            elif isinstance(value, float):
                out.append(f'<{p}c r="{ref}"><{p}v>{value:g}</{p}v></{p}c>')
            elif value is not None:
                text = str(value).replace("&", "&amp;").replace("<", "&lt;")
                out.append(
                    f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{text}</{p}t></{p}is></{p}c>'
                )
        body.append(f'<{p}row r="{r}">{"".join(out)}</{p}row>{between}')
    namespace = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {namespace}>{before}'
        f"<{p}sheetData>{''.join(body)}</{p}sheetData>{after}</{p}worksheet>"
    )


def percent_styles() -> str:
    """cellXfs 0: General; 1: built-in 0% (9); 2: custom 0.0% (164); 3: '"%"0' (no percent)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>'
        '<numFmt numFmtId="165" formatCode="&quot;%&quot;0"/></numFmts>'
        '<cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs>'
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/>'
        '<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/>'
        "</cellXfs></styleSheet>"
    )


def declaring_less(data: bytes, part: str, declared: int) -> bytes:
    """The package with ``part``'s unpacked size said to be ``declared`` bytes, in its local
    header and in the directory alike: a part that holds more than it says."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(part).header_offset
    out[local + 22 : local + 26] = struct.pack("<L", declared)
    end = data.rfind(b"PK\x05\x06")
    (at,) = struct.unpack("<L", data[end + 16 : end + 20])  # where the directory starts
    while data[at : at + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[at + 28 : at + 34])
        if data[at + 46 : at + 46 + name_length] == part.encode():
            out[at + 24 : at + 28] = struct.pack("<L", declared)
        at += 46 + name_length + extra_length + comment_length
    return bytes(out)


def twice(data: bytes, part: str) -> bytes:
    """The package with a second part of the same name (a decoy for one reader or the other)."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": the point of this case
        info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
        archive.writestr(info, sheet_xml([["indicator", "value"]]))
    return out.getvalue()


def ratio_message(data: bytes, part: str) -> str:
    """The refusal of a part compressed over 100 to 1, with the ratio its directory gives."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(part)
    ratio = info.file_size / info.compress_size
    return (
        f"{{file}}: the workbook's part '{part}' is compressed {ratio:,.0f} to 1 "
        "(at most 100 to 1): not a submission"
    )


def c5(xml: str) -> dict[str, str]:
    """Indicator 4's value cell (row 5 of the sample, column C) replaced by ``xml``."""
    return {"C5": xml}


SPANS_ALL = (
    "{file}: the sheet 'Sheet1' spans A1:XFD1048576 (17,179,869,184 cells; at most 10,000,000): "
    "not a submission"
)
EXCEL_ERROR = (
    "{file}:5: Sheet1!C5: value: '#DIV/0!' is an Excel error, not a number: fix the formula "
    "(indicator 4 重大行政决策合法性审查率)"
)
SAMPLE_STATUSES = {"1": "pass", "4": "pass", "5": "fail", "7": "behind", "23": "missing"}


def cases() -> dict[str, tuple[bytes, str | dict[str, str]]]:
    """Case folder → (the workbook, the expected message or statuses)."""
    rows = sample_rows()
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    # The old regex <c\b…</c> took <c:x> for a cell and looked for its </c> to the end, each time.
    junk = '<c:x xmlns:c="urn:junk"></c:x>' * 20_000
    padded = sheet_xml(rows).replace("<sheetData>", "<sheetData>" + " " * 2_000_000)
    dtd = '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    error = "<c r='C5' t='e'><f>1/0</f><v>#DIV/0!</v></c>"  # single quotes, as some writers do
    prefixed_error = '<{p}c r="C5" t="e"><{p}f>1/0</{p}f><{p}v>#DIV/0!</{p}v></{p}c>'
    never_computed = '<{p}c r="C5"><{p}f>B2*1</{p}f></{p}c>'
    strongly_compressed = workbook([("Sheet1", padded)], level=9)
    return {
        "xlsx_cells_at_a1_and_xfd1048576": (
            workbook([("Sheet1", sheet_xml([["indicator"]], between=far))]),
            SPANS_ALL,
        ),
        "xlsx_dimension_a1_to_xfd1048576": (
            workbook([("Sheet1", sheet_xml(rows, before='<dimension ref="A1:XFD1048576"/>'))]),
            SPANS_ALL,
        ),
        # A declared extent is held to Excel's grid as a cell's name is: one column past XFD,
        # or far past both bounds, is no sheet's (and was taken as no extent at all).
        "xlsx_dimension_outside_excel": (
            workbook([("Sheet1", sheet_xml(rows, before='<dimension ref="A1:XFE1"/>'))]),
            "{file}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' names a "
            "cell 'XFE1' outside Excel's grid A1:XFD1048576",
        ),
        "xlsx_dimension_far_outside_excel": (
            workbook([("Sheet1", sheet_xml(rows, before='<dimension ref="A1:ZZZZ99999999"/>'))]),
            "{file}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' names a "
            "cell 'ZZZZ99999999' outside Excel's grid A1:XFD1048576",
        ),
        "xlsx_cell_outside_excel": (
            workbook([("Sheet1", sheet_xml(rows, cells={"A2": '<c r="XFE2"><v>1</v></c>'}))]),
            "{file}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' names a "
            "cell 'XFE2' outside Excel's grid A1:XFD1048576",
        ),
        "xlsx_part_compressed_over_100_to_1": (
            strongly_compressed,
            ratio_message(strongly_compressed, SHEET_PART),
        ),
        "xlsx_part_larger_than_declared": (
            declaring_less(workbook(), SHEET_PART, 1_000),
            "{file}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' holds "
            "more than the 1,000 bytes it declares",
        ),
        "xlsx_two_parts_of_one_name": (
            twice(workbook(), SHEET_PART),
            "{file}: not a readable Excel workbook: it holds two parts named "
            "'xl/worksheets/sheet1.xml'",
        ),
        "xlsx_sheet_with_a_dtd": (
            workbook([("Sheet1", sheet_xml(rows).replace("?>", dtd, 1))]),
            "{file}: not a readable Excel workbook: the part 'xl/worksheets/sheet1.xml' has a "
            "DTD, which Office files never have",
        ),
        # A part plancheck never parses itself: calamine reads the shared strings, Office the rest.
        "xlsx_dtd_in_a_part_not_parsed": (
            workbook(
                [("Sheet1", sheet_xml(rows))],
                extra={
                    "docProps/core.xml": '<?xml version="1.0"?><cp:coreProperties/>'.replace(
                        "?>", dtd, 1
                    )
                },
            ),
            "{file}: not a readable Excel workbook: the part 'docProps/core.xml' has a "
            "DTD, which Office files never have",
        ),
        "xlsx_error_cell_single_quotes": (
            workbook([("Sheet1", sheet_xml(rows, cells=c5(error)))]),
            EXCEL_ERROR,
        ),
        "xlsx_error_cell_prefixed": (
            workbook([("Sheet1", sheet_xml(rows, prefix="x", cells=c5(prefixed_error)))]),
            EXCEL_ERROR,
        ),
        "xlsx_formula_never_computed_prefixed": (
            workbook([("Sheet1", sheet_xml(rows, prefix="x", cells=c5(never_computed)))]),
            "{file}:5: Sheet1!C5: value: '=B2*1' is a formula Excel never computed: open and "
            "save the workbook (indicator 4 重大行政决策合法性审查率)",
        ),
        "xlsx_20000_prefixed_elements": (
            workbook([("Sheet1", sheet_xml(rows, prefix="x", after=junk))]),
            SAMPLE_STATUSES,
        ),
        "xlsx_hidden_first_sheet": (
            workbook(
                [("说明", sheet_xml([["这是隐藏的说明页"]])), ("数据", sheet_xml(rows))],
                states={"说明": "hidden"},
            ),
            SAMPLE_STATUSES,
        ),
        "xlsx_percent_formatted_cells": (
            # 1 shown as 100% for indicator 4, whose target is 100: read as 1, it would fail.
            workbook(
                [("Sheet1", sheet_xml(rows, cells=c5('<c r="C5" s="1"><v>1</v></c>')))],
                styles=percent_styles(),
            ),
            {"4": "pass"},
        ),
    }


def main() -> None:
    for name, (data, expected) in cases().items():
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        (folder / "2023.xlsx").write_bytes(data)
        for old in ("expected.txt", "statuses.json"):
            (folder / old).unlink(missing_ok=True)
        if isinstance(expected, str):
            (folder / "expected.txt").write_text(expected + "\n", encoding="utf-8")
        else:
            text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
            (folder / "statuses.json").write_text(text, encoding="utf-8")
        print(folder.relative_to(HERE.parents[2]), file=sys.stderr)


if __name__ == "__main__":
    main()
