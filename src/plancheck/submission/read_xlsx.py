"""Excel workbooks (.xlsx, .xlsm): one sheet read like a CSV file, long or wide.

The sheet's cells become rows of strings and go through the same layout as CSV
(``read_csv.records_from_rows``), so the same columns, checks and messages apply. A record's
line is its row in the sheet, and every message names the cell: ``Sheet1!C5: value: …``.

Numbers: Excel stores IEEE doubles and shows at most 15 significant digits; a cell is read as the
number Excel shows (``95.00000000000001`` from a formula is 95), and a whole number as an integer
text (``2023``, not ``2023.0``). Formulas give the value Excel last computed and saved.
The reader is python-calamine (the optional extra ``xlsx``), imported only when a workbook is read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from plancheck.errors import UserError
from plancheck.textfile import read_bytes

EXTRA_HINT = "pip install 'plancheck[xlsx]'"


def read_sheet(path: Path, sheet: str | None = None) -> tuple[str, list[list[str]]]:
    """The sheet's name and its cells as text, from A1 (row 1 is ``grid[0]``)."""
    file = str(path)
    try:
        import python_calamine
    except ImportError:
        raise UserError(
            f"reading Excel workbooks needs the optional extra 'xlsx': {EXTRA_HINT}", file
        ) from None
    data = read_bytes(path)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
        if sheet is None:
            if not names:
                raise UserError("the workbook has no sheets", file)
            name = names[0]
        elif sheet in names:
            name = sheet
        else:
            listed = ", ".join(f"'{n}'" for n in names)
            raise UserError(f"no sheet '{sheet}' in the workbook (sheets: {listed})", file)
        found = workbook.get_sheet_by_name(name)
        rows = found.to_python(skip_empty_area=False)
        merged = found.merged_cell_ranges or []
    except UserError:
        raise
    except Exception as exc:  # calamine raises its own error types (zip, XML, password…)
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise UserError(f"not a readable Excel workbook: {reason}", file) from None
    grid = [[cell_text(value) for value in row] for row in rows]
    # A cell merged down a column (a unit or year over several rows, as such tables are laid
    # out) holds its value in its first row only: every row it covers has it.
    for (first_row, col), (last_row, last_col) in merged:
        if col != last_col or first_row >= len(grid) or col >= len(grid[first_row]):
            continue
        for row in grid[first_row + 1 : last_row + 1]:
            if col < len(row) and not row[col].strip():
                row[col] = grid[first_row][col]
    for (line, col), shown in _unreadable_cells(data, names.index(name)).items():
        if line <= len(grid):  # calamine reads these as empty: say what the cell holds
            row = grid[line - 1]
            row.extend([""] * (col + 1 - len(row)))
            row[col] = shown
    return name, grid


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')


def _unreadable_cells(data: bytes, index: int) -> dict[tuple[int, int], str]:
    """Cells of the sheet holding an Excel error (``#DIV/0!``) or a formula never computed,
    by (row, column): calamine gives both as empty, which would read as a figure not given."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(_sheet_part(archive, index))
    except (KeyError, IndexError, OSError, zipfile.BadZipFile):
        return {}  # a workbook calamine read but laid out otherwise: nothing more to say
    found: dict[tuple[int, int], str] = {}
    for match in _CELL.finditer(xml):
        attributes, body = match.group(1), match.group(2) or b""
        ref = _REF.search(attributes)
        if ref is None:
            continue
        value = re.search(rb"<v>(.*?)</v>", body, re.S)
        if b't="e"' in attributes and value:
            shown = value.group(1).decode("utf-8", "replace")
        elif b"<f" in body and value is None:
            shown = "=" + re.sub(rb"<[^>]+>", b"", body).decode("utf-8", "replace").strip()
        else:
            continue
        col = sum((ord(ch) - 64) * 26**k for k, ch in enumerate(reversed(ref.group(1).decode())))
        found[(int(ref.group(2)), col - 1)] = shown
    return found


def _sheet_part(archive: zipfile.ZipFile, index: int) -> str:
    """The zip member of the workbook's ``index``-th sheet (xl/worksheets/sheetN.xml)."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    ids = re.findall(rb'<sheet\b[^>]*?\br:id="([^"]+)"', workbook)
    targets = {}
    for tag in re.findall(rb"<Relationship\b[^>]*>", rels):  # attributes in any order
        rid, where = re.search(rb'\bId="([^"]+)"', tag), re.search(rb'\bTarget="([^"]+)"', tag)
        if rid and where:
            targets[rid.group(1)] = where.group(1)
    target = targets[ids[index]].decode()
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def cell_text(value: object) -> str:
    """A cell's value as the text a person sees in Excel (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return str(value)


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_ref(sheet: str, line: int, col: int) -> str:
    """``Sheet1!C5``; a sheet name with spaces or punctuation is quoted as Excel does."""
    plain = all(ch.isalnum() or ch == "_" for ch in sheet)
    name = sheet if plain else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letters(col)}{line}"
