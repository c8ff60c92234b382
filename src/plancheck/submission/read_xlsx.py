"""Excel workbooks (.xlsx, .xlsm): one sheet read like a CSV file, long or wide.

The sheet's cells become rows of strings and go through the same layout as CSV
(``submission/read.py``'s ``Layout``), so the same columns, checks and messages apply. A record's
line is its row in the sheet, and every message names the cell: ``Sheet1!C5: value: …``. Where
the table starts — a title above its header, a header over two rows under cells merged across
columns (``ExcelBook.across``) — is told by ``read.py``'s ``sheet_header``.

The sheet read is the one Excel opens on (the workbook's active tab) when it is visible, else the
first visible sheet; a hidden sheet is read only when ``--sheet`` names it.

Numbers: Excel stores IEEE doubles and shows at most 15 significant digits; a cell is read as the
number Excel shows (``95.00000000000001`` from a formula is 95), and a whole number as an integer
text (``2023``, not ``2023.0``). A number formatted as a percentage is the percentage shown
(0.985 under ``0.0%`` is 98.5). Formulas give the value Excel last computed and saved.
The reader is python-calamine (the optional extra ``xlsx``), imported only when a workbook is read,
and only after the package and the sheet passed the checks of ``plancheck.ooxml``.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from plancheck.errors import UserError, missing_dependency
from plancheck.i18n import say
from plancheck.ooxml import (
    WORKBOOK,
    Sheet,
    Workbook,
    column_letters,
    open_package,
    read_workbook,
    scan_sheet,
)

__all__ = [
    "DateCell",
    "ExcelBook",
    "cell_ref",
    "cell_text",
    "column_letters",
    "read_sheet",
    "year_of_date",
]

_NOT_READ_BY_DEFAULT = ("chartsheet", "dialogsheet", "xlMacrosheet", "xlIntlMacrosheet")


def read_sheet(
    path: Path, sheet: str | None = None, *, purpose: str = "a submission"
) -> tuple[str, list[list[str]], dict[tuple[int, int], str]]:
    """The sheet's name, its cells as text, from A1 (row 1 is ``grid[0]``), and the cells that
    hold an Excel error or a formula never computed, by (row from 1, column from 0): the grid
    shows what they hold (``#N/A``, ``=B2*1``), which is no value of the cell.

    ``sheet``: a sheet's name, hidden or not; None for the sheet Excel opens on.
    ``purpose`` ends a refusal of an oversized file: ``…: not a submission``.
    """
    book = ExcelBook(path, purpose)
    name = book.choose(sheet).name
    grid, unreadable = book.grid(name)
    return name, grid, unreadable


class ExcelBook:
    """A workbook opened once: its package checked, its sheets listed, grids read on demand."""

    def __init__(self, path: Path, purpose: str = "a submission") -> None:
        try:
            import python_calamine  # noqa: F401  (only to name the extra before any work)
        except ImportError:
            raise missing_dependency("python-calamine", "reading Excel workbooks", path) from None
        self.path, self.purpose = path, purpose
        self.package = open_package(path, WORKBOOK, purpose)
        self.workbook: Workbook = read_workbook(self.package)
        self._calamine: Any = None
        self._across: dict[str, dict[int, list[tuple[int, int]]]] = {}
        self._down: dict[str, list[tuple[int, int, int]]] = {}
        self._dated: dict[str, bool] = {}

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.workbook.sheets]

    def visible(self) -> list[str]:
        """The sheets a person sees, in the workbook's order (chart sheets left out)."""
        return [s.name for s in self.workbook.sheets if _readable_by_default(s)]

    def choose(self, sheet: str | None = None) -> Sheet:
        """The sheet named (hidden ones too), else the active tab if visible, else the first
        visible sheet."""
        sheets = self.workbook.sheets
        if sheet is not None:
            found = next((s for s in sheets if s.name == sheet), None)
            if found is None:
                listed = say("list").join(say("quoted", text=n) for n in self.names)
                raise UserError(say("xlsx.no_sheet", sheet=sheet, listed=listed), self.path)
            return found
        if not sheets:
            raise UserError(say("xlsx.no_sheets"), self.path)
        active = self.workbook.active
        if 0 <= active < len(sheets) and _readable_by_default(sheets[active]):
            return sheets[active]
        shown = next((s for s in sheets if _readable_by_default(s)), None)
        if shown is None:
            hidden = ", ".join(f"'{s.name}'" for s in sheets)
            raise UserError(say("xlsx.no_visible_sheet", hidden=hidden), self.path)
        return shown

    def grid(self, name: str) -> tuple[list[list[str]], dict[tuple[int, int], str]]:
        """The named sheet's cells as text, from A1, after its scan passed, and its unreadable
        cells (``read_sheet``)."""
        scan = scan_sheet(self.workbook, self.choose(name), self.purpose)
        try:
            found = self._opened().get_sheet_by_name(name)
            rows = found.to_python(skip_empty_area=False)
            merged = found.merged_cell_ranges or []
        except UserError:
            raise
        except Exception as exc:  # calamine raises its own error types (zip, XML, password…)
            raise self._unreadable(exc) from None
        del found  # python-calamine's own copy of the cells: tens of MB for a national file
        # Text cells (most of a sheet, and every empty one) are taken as they are, and each
        # distinct number is written out once: the grid of a national file has millions of cells
        # and a few thousand numbers (years, figures).
        numbers = _NumberTexts()
        dates: list[DateCell] = []  # how many: a sheet without one is never searched for them

        def other_text(value: object) -> str:  # neither text nor a float: rare
            if isinstance(value, dt.date):  # a datetime too
                dates.append(DateCell(cell_text(value)))
                return dates[-1]
            return cell_text(value)

        percent = {  # a number shown as 98.5% is the figure 98.5
            (line, col): number
            for line, col in scan.percent
            if line <= len(rows) and col < len(rows[line - 1])
            and isinstance(number := rows[line - 1][col], int | float)
            and not isinstance(number, bool)
        }  # fmt: skip
        # Row by row in place: each row of values is let go as its row of texts is made, so the
        # sheet is never held twice.
        for n, row in enumerate(rows):
            rows[n] = [
                v if (kind := v.__class__) is str else numbers[v] if kind is float
                else other_text(v)
                for v in row
            ]  # fmt: skip
        grid: list[list[str]] = rows
        self._dated[name] = bool(dates)
        for (line, col), number in percent.items():
            grid[line - 1][col] = percent_text(number)
        # A cell merged across columns (a title, a header's 2023年 over 目标值 and 实际值) is
        # left in its first cell, and kept to be asked for (``across``).
        across: dict[int, list[tuple[int, int]]] = {}
        for (first_row, col), (_, last_col) in merged:
            if last_col > col:
                across.setdefault(first_row + 1, []).append((col, last_col))
        self._across[name] = across
        # A cell merged down a column (a unit or year over several rows, as such tables are laid
        # out) holds its value in its first row only: every row it covers has it.
        self._down[name] = [(first + 1, last + 1, col) for (first, col), (last, end) in merged
                            if end == col and last > first]  # fmt: skip
        for (first_row, col), (last_row, last_col) in merged:
            if col != last_col or first_row >= len(grid) or col >= len(grid[first_row]):
                continue
            for row in grid[first_row + 1 : last_row + 1]:
                if col < len(row) and not row[col].strip():
                    row[col] = grid[first_row][col]
        # calamine reads error cells and formulas never computed as empty: say what they hold.
        for (line, col), shown in scan.unreadable.items():
            grid.extend([] for _ in range(line - len(grid)))  # within the scan's extent
            row = grid[line - 1]
            row.extend([""] * (col + 1 - len(row)))
            row[col] = shown
        return grid, scan.unreadable

    def down(self, name: str) -> list[tuple[int, int, int]]:
        """The cells of the sheet ``grid`` read merged down one column over two rows or more:
        each one's first and last line (from 1) and its column (from 0)."""
        return self._down.get(name, [])

    def across(self, name: str) -> dict[int, list[tuple[int, int]]]:
        """The cells of the sheet ``grid`` read merged over two columns or more, by their first
        row (from 1): each one's first and last column (from 0)."""
        return self._across.get(name, {})

    @property
    def date1904(self) -> bool:
        """Whether the workbook counts its dates from 1904 (``year_of_date``)."""
        return self.workbook.date1904

    def dated(self, name: str) -> bool:
        """Whether the sheet ``grid`` read has a cell Excel holds as a date (a ``DateCell``)."""
        return self._dated.get(name, False)

    def _opened(self) -> Any:
        if self._calamine is None:
            import python_calamine

            try:
                book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.package.data))
                names = list(book.sheet_names)
            except Exception as exc:
                raise self._unreadable(exc) from None
            if names != self.names:  # then the sheet checked might not be the sheet read
                raise self.package.unreadable(
                    say("xlsx.sheets_differ", names=names, listed=self.names)
                )

            self._calamine = book
        return self._calamine

    def _unreadable(self, exc: BaseException) -> UserError:
        return self.package.unreadable(" ".join(str(exc).split()) or type(exc).__name__)


class DateCell(str):
    """A cell Excel holds as a date or a date and time (a number formatted as one): its text is
    ``cell_text``'s (``2023-01-01``), read as any text is, except in a year column
    (``year_of_date``)."""


# Excel's day 0 (serials count days from it; its 1900 leap-year bug is before 1 March 1900),
# and that of a workbook in the 1904 date system (<workbookPr date1904="1">)
_EPOCH = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)


def year_of_date(cell: DateCell, every_cell_a_date: bool, date1904: bool = False) -> int | None:
    """The year a date in a year column stands for, or None when it stands for none:

    - a year typed in a cell formatted as a date is the number the cell holds, which Excel shows
      as a day of 1905 (2023 is 1905-07-15), or of 1909 in a workbook of the 1904 date system
      (``date1904``: 2023 is 1909-07-16);
    - a date on 1 January is its year (2023-01-01 is 2023), and so is any date of a column
      whose every cell is one (a column of 2023-12-31: the years, as a date format shows them).
    """
    day = dt.date.fromisoformat(cell[:10])
    serial = (day - (_EPOCH_1904 if date1904 else _EPOCH)).days
    if 1900 <= serial <= 2100:
        return serial
    if (day.month, day.day) == (1, 1) or every_cell_a_date:
        return day.year
    return None


class _NumberTexts(dict[float, str]):
    """``cell_text`` of each float, computed once per distinct number (floats only: 1.0 and
    True are equal keys, and TRUE is not 1)."""

    def __missing__(self, number: float) -> str:
        text = self[number] = cell_text(number)
        return text


def _readable_by_default(sheet: Sheet) -> bool:
    return sheet.visible and sheet.kind not in _NOT_READ_BY_DEFAULT


def percent_text(number: float) -> str:
    """A number formatted as a percentage, as the percentage Excel shows: 0.985 → "98.5"."""
    shifted = Decimal(cell_text(number)).scaleb(2)  # the digits Excel shows, times 100 exactly
    if shifted == shifted.to_integral_value():
        return str(int(shifted))
    return format(shifted.normalize(), "f")


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


def cell_ref(sheet: str, line: int, col: int) -> str:
    """``Sheet1!C5``; a sheet name with spaces or punctuation is quoted as Excel does."""
    plain = all(ch.isalnum() or ch == "_" for ch in sheet)
    name = sheet if plain else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letters(col)}{line}"
