"""Read submission files into a Submission: pick the reader, settle the year, check every cell.

CSV, workbooks and YAML all come down to rows of cells (``Layout`` says what each column of a
header means, long or wide); each row goes through the same checks in ``_Builder.add`` (a row
whose every cell ``add`` checked before is kept from its memos, ``_Builder.keep_known``). Every
bad cell and row is reported, in file order, up to ``MAX_ERRORS``; rows that are a table's totals
(合计, 总计, 小计, 说明) and columns plancheck does not use are skipped with a warning each.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import NamedTuple

from plancheck.errors import UserError, UserErrors
from plancheck.i18n import current, option_text, say
from plancheck.messages import numbers_apart
from plancheck.plan.models import Indicator, Plan, normalise_key
from plancheck.record import record
from plancheck.safetext import as_typed
from plancheck.submission import columns
from plancheck.submission.models import RawRecord, Submission, blank_cells
from plancheck.submission.read_csv import other_delimiter, read_rows
from plancheck.submission.values import (
    BadValue,
    fold,
    parse_number,
    parse_rank,
    parse_year,
    shown,
    unreadable,
)
from plancheck.textfile import read_text

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
MAX_ERRORS = 50  # bad cells reported at once (README "Bad input"); more are counted
SLOW_YAML_RECORDS = 20_000  # a YAML submission past this says once that CSV is faster
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
# An indicator cell that is not an indicator but a row of the table's own: skipped, with a warning.
TOTALS = frozenset({"合计", "总计", "小计", "说明", "备注", "注", "total", "subtotal"})
NAME_COLUMNS = ("name", "指标名称", "name_en")  # used as the indicator key when no id column
_NAMES = {normalise_key(n) for n in NAME_COLUMNS}
FIELDS = ("indicator", "value", "reference", "rank", "year", "unit", "note")  # add()'s order
NAN = math.nan
_CACHED = frozenset({str, int, float})  # cell types whose checks are remembered (exact types)
_TEXT_OR_NONE = frozenset({str, type(None)})
_NO_UNIT = ("", "")  # the unit cell of a file without a unit column: no 合计, no unit named
# A YAML record of these fields only may be kept from add()'s memos (``_Builder.keep_known``).
_KNOWN_FIELDS = frozenset({"indicator", "value", "reference", "year", "unit"})
# A YAML field → its line and column.
Where = Callable[[str], tuple[int | None, int | None]]

# Where a cell is, for messages: (line, column index) → prefix such as "Sheet1!C5" ("" for CSV).
CellName = Callable[[int, int], str]
# A field's label in messages, for the row on a line: "value", "Sheet1!C5: 数值"…; built once
# per layout (or per YAML record), asked only when a message is written.
Label = Callable[[int, str], str]


def read_submission(
    paths: Iterable[Path],
    plan: Plan,
    year: int | None = None,
    sheet: str | None = None,
    *,
    require_values: bool = True,
) -> Submission:
    """Every figure of every file. ``sheet``: the sheet to read in workbooks (default: the one
    Excel opens on). ``require_values``: a submission in which no indicator has a value is an
    error (exit 2), never a pass."""
    paths = list(paths)
    if sheet is not None and not any(_is_workbook(p) for p in paths):
        raise UserError(
            say("read.sheet_without_workbook", sheet=option_text(sheet)),
            paths[0] if paths else None,
        )
    builder = _Builder(plan, year)
    for n, path in enumerate(paths):
        if any(same_file(path, earlier) for earlier in paths[:n]):
            builder.errors.append(UserError(say("read.given_twice"), path))
            continue
        try:
            builder.read(path, sheet)
        except UserError as error:  # a file that cannot be read: the others are still read
            if len(builder.errors) >= MAX_ERRORS:  # the bad cells counted: said as they are
                raise
            found = error.errors if isinstance(error, UserErrors) else [error]
            builder.errors.extend(found[: MAX_ERRORS - len(builder.errors)])
            if len(builder.errors) >= MAX_ERRORS:
                raise builder.errors_said(complete=False) from None
    return builder.build(require_values)


def year_from_name(path: Path) -> int | None:
    """``2023.csv`` or ``xuhui-2023.csv`` say 2023; a name with no or two years says nothing."""
    found = _YEAR_IN_NAME.findall(path.stem)
    return int(found[0]) if len(found) == 1 else None


def _is_workbook(path: Path) -> bool:
    # Decided by name alone, so reading a CSV never imports the workbook reader.
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # a missing file is said by the reader, with its own message
        return False


class _FileContext:
    """What one file's rows share: its name, its year from the name, its unit rule."""

    def __init__(self, file: str, index: int, name_year: int | None) -> None:
        self.file, self.index, self.name_year = file, index, name_year
        self.rows = 0
        self.blank_unit: tuple[int, str] | None = None  # (line, label) of a row with no unit
        self.named_unit: tuple[int, str] | None = None  # (line, unit) of a row naming one
        self.unit_said = False  # the blank unit is reported once per file
        self.years: dict[object, int] = {}  # a year cell (text or None) → the row's year
        # A sheet's header that names the year (2023年 over its columns): the year, and its cell
        self.header_year: tuple[int, str] | None = None
        # While a YAML record is added: where each of its fields is (RawRecord.where)
        self.where: Where | None = None


class _Builder:
    """Every row's cells checked and kept, one tuple a row (``rows``); at the end, laid out as
    the Submission's cube (``build``)."""

    def __init__(self, plan: Plan, cli_year: int | None) -> None:
        self.plan, self.cli_year = plan, cli_year
        self.files: list[str] = []
        self.unnamed_files: set[int] = set()  # the files naming no unit: the plan's own unit
        self.unit_names: list[str] = []
        self.unit_column = False  # a file read had a unit column (or a YAML record a unit)
        self.unit_code: dict[str, int] = {}
        # Per unit: where it first appears (file, line, and a YAML record's way to its key: looked
        # up only for an error, since a large file's keys are read again for it), its label, and
        # its cell there as typed (for messages)
        self.unit_first: list[tuple[str, int, Where | None, str, str]] = []
        # Each row kept: (unit code, year, indicator, value, reference, rank, line, file index)
        # — one tuple a row, laid out as the submission's cube by ``build``.
        self.rows: list[tuple[int, int, int, float, float, float, int, int]] = []
        self.rows_note: dict[int, str] = {}
        self.errors: list[UserError] = []
        self._said: set[tuple[str, int, int | None, str]] = set()  # (file, line, column, message)
        self.warnings: list[str] = []
        self.skipped: list[str] = []  # the columns skipped, as headed: said if no figure is left
        self.sheets: dict[str, str] = {}
        self.layouts: dict[int, Layout] = {}  # a workbook's, by file index: its cells' names
        self.index = {ind.id: n for n, ind in enumerate(plan.indicators)}
        self.default_unit = plan.info.unit or ""
        self.references_only = False  # a --reference file: its reference column, nothing else
        # A --reference file's year when nothing in it or on the command line says one: the
        # submission's, when it is of one year
        self.default_year: int | None = None
        # Memos (see ``add``): a city's file repeats the same indicators, years, units, figures.
        self._keys: dict[str, int | None] = {}
        self._totals: dict[str, str] = {}  # a year cell → its text if a 合计, else ""
        self._unit_cells: dict[str, tuple[str, str]] = {}  # a unit cell → (合计 text, folded)
        self._years: dict[object, int | None] = {}
        self._values: list[dict[object, float]] = [{} for _ in plan.indicators]
        self._references: list[dict[object, float]] = [{} for _ in plan.indicators]
        # The file read is delimited by semicolons: a comma in a figure is its decimal mark
        # (values.py). Its figures are remembered apart: 98,5 is 98.5 there, no figure elsewhere.
        self.decimal_comma = False
        self._comma_memos: dict[bool, tuple[list[dict[object, float]], ...]] = {
            False: (self._values, self._references),
            True: ([{} for _ in plan.indicators], [{} for _ in plan.indicators]),
        }
        self._ranks: dict[object, int | str | None] = {}

    # --- reading files ---------------------------------------------------------------------

    def read(self, path: Path, sheet: str | None) -> None:
        file = str(path)
        context = _FileContext(file, len(self.files), year_from_name(path))
        self.files.append(file)
        self._decimal_comma(False)
        if _is_workbook(path):
            from plancheck.submission.read_xlsx import ExcelBook

            book = ExcelBook(path)
            name = book.choose(sheet).name
            grid, unreadable = book.grid(name)
            self.sheets[file] = name
            if not any(any(cell.strip() for cell in row) for row in grid):
                raise UserError(say("read.sheet_empty", name=name), file)
            header = sheet_header(grid, self.plan, file, name, book.across(name),
                                  self.references_only)  # fmt: skip
            layout = header.layout
            self.layouts[context.index] = layout
            above = None if header.year is None else (header.year, header.year_cell)
            self._header_year(context, layout, above)
            self._warn_unused(layout)
            numbered: Iterable[tuple[int, list[str]]] = islice(
                enumerate(grid, start=1), header.rows, None
            )
            dropped = self._unreadable_texts(context, layout, unreadable)
            dropped |= self._merged_figures(context, layout, book.down(name))
            if book.dated(name) and (year_at := layout.fields.get("year")) is not None:
                dropped |= self._date_years(context, layout, grid, header.rows, year_at,
                                            book.date1904)  # fmt: skip
            if dropped:
                numbered = ((n, row) for n, row in numbered if n not in dropped)
            layout.feed(self, context, numbered)
        else:
            text = read_text(path)
            if path.suffix.lower() in (".yaml", ".yml"):
                from plancheck.submission.read_yaml import read_yaml_submission

                records = 0
                submission = read_yaml_submission(text, file)
                try:
                    for record in submission:
                        self.add_record(context, record)
                        records += 1
                except UserError:  # a bad record: a YAML error later in the file is said first
                    submission.check_rest()
                    raise
                if records > SLOW_YAML_RECORDS:
                    self.warnings.append(say("read.slow_yaml", file=file, records=f"{records:,}"))
            else:
                rows = read_rows(
                    text, file, lambda cells: columns.looks_like_header(cells, self.plan),
                    titles=lambda cells: columns.is_data_row(cells, self.plan),
                )  # fmt: skip
                layout = Layout(rows.header, self.plan, file, rows.header_line, None,
                                self.references_only)  # fmt: skip
                _titles(rows.titles, layout)
                self._header_year(context, layout, None)
                self._warn_unused(layout)
                self._decimal_comma(rows.delimiter == ";")
                layout.feed(self, context, rows.records)
        if context.named_unit is None:
            self.unnamed_files.add(context.index)
        if context.rows == 0 and not self.errors:
            yaml = path.suffix.lower() in (".yaml", ".yml")
            raise UserError(say("read.no_figures_yaml" if yaml else "read.no_figures"), file)

    def _header_year(
        self, context: _FileContext, layout: Layout, above: tuple[int, tuple[int, int]] | None
    ) -> None:
        """The year a header gives the figures under it — over them (a sheet's 2023年 merged
        over 实际值: ``above``, the year and its cell, line from 1 and column from 0) or before
        a column's name (2024年实际值) — is their year, as a year column would be: --year must
        agree, and so must a year cell. Two years are figures side by side: refused."""
        named = {year: (layout.line, col) for year, col in layout.years.items()}
        if above is not None:
            named.setdefault(*above)
        if not named:
            return
        if len(named) > 1:
            listed = say("list").join(str(year) for year in sorted(named))
            line, col = named[max(named)]
            raise self._header_cell_error(layout, line, col,
                                          say("read.header_years", years=listed))  # fmt: skip
        ((year, (line, col)),) = named.items()
        if self.cli_year is not None and year != self.cli_year:
            message = say("read.year_disagrees", year=year, cli_year=self.cli_year)
            raise self._header_cell_error(layout, line, col, message)
        context.header_year = (year, self._header_cell_label(layout, line, col))

    @staticmethod
    def _header_cell_label(layout: Layout, line: int, col: int) -> str:
        """A header cell as a message names it: a sheet's cell (Sheet1!B1), a CSV's column."""
        if layout.cell_name is not None:
            return layout.cell_name(line, col)
        return shown(layout.header[col]) if col < len(layout.header) else str(col + 1)

    def _header_cell_error(self, layout: Layout, line: int, col: int, message: str) -> UserError:
        label = self._header_cell_label(layout, line, col)
        return UserError(say("cell", label=label, message=message), layout.file, line, col + 1)

    def _decimal_comma(self, comma: bool) -> None:
        """Read the next file's figures with a comma as their decimal mark, or not."""
        self.decimal_comma = comma
        self._values, self._references = self._comma_memos[comma]

    def _unreadable_texts(
        self, context: _FileContext, layout: Layout, cells: dict[tuple[int, int], str]
    ) -> set[int]:
        """A unit or a note that is an Excel error or a formula never computed is no text to
        take as it is (a figure's cell says so itself, when it is read as one): its row is
        reported and dropped. The lines dropped."""
        fields = {col: field for field, col in layout.fields.items() if field in ("unit", "note")}
        dropped: set[int] = set()
        for (line, col), shown_text in sorted(cells.items()):
            if line > layout.line and (field := fields.get(col)) is not None:
                dropped.add(line)
                message = unreadable(shown_text)
                assert message is not None  # what the scan shows of such a cell
                self.fail(context, line, say("cell", label=layout._label(line, col),
                                             message=message), field)  # fmt: skip
        return dropped

    def _merged_figures(
        self, context: _FileContext, layout: Layout, down: list[tuple[int, int, int]]
    ) -> set[int]:
        """A figure merged down over rows would count for each of them (another indicator's or
        unit's, where a unit or year merged down is meant for every row): each such cell is
        reported and the rows it covers dropped. The lines dropped."""
        from plancheck.submission.read_xlsx import column_letters

        fields = {col: field for field, col in layout.fields.items()
                  if field in ("value", "reference", "rank")}  # fmt: skip
        fields.update((col, "value") for col in layout.indicators)
        dropped: set[int] = set()
        for first, last, col in down:
            if last > layout.line and (field := fields.get(col)) is not None:
                first = max(first, layout.line + 1)
                dropped.update(range(first, last + 1))
                assert layout.cell_name is not None  # a sheet's layout names its cells
                cells = f"{layout.cell_name(first, col)}:{column_letters(col)}{last}"
                label = f"{cells}: {layout.header[col]}"
                message = say("cell", label=label, message=say("xlsx.merged_figure"))
                self.fail(context, first, message, field)
        return dropped

    def _date_years(
        self,
        context: _FileContext,
        layout: Layout,
        grid: list[list[str]],
        start: int,
        col: int,
        date1904: bool,
    ) -> set[int]:
        """A year typed as an Excel date (a date, or a number formatted as one) is the year it
        stands for (``read_xlsx.year_of_date``), written into ``grid`` for its row to be read;
        a date that stands for none is reported and its row dropped. ``start``: the rows of the
        header and above it; ``date1904``: the workbook counts its dates from 1904. The lines
        dropped."""
        from plancheck.submission.read_xlsx import DateCell, year_of_date

        dated: list[list[str]] = []
        lines: list[int] = []
        every_cell_a_date = True
        for line, row in islice(enumerate(grid, start=1), start, None):
            if col < len(row):
                if (cell := row[col]).__class__ is DateCell:
                    dated.append(row)
                    lines.append(line)
                elif every_cell_a_date and cell.strip():
                    every_cell_a_date = False
        dropped: set[int] = set()
        for line, row in zip(lines, dated, strict=True):
            date = row[col]
            assert isinstance(date, DateCell)
            year = year_of_date(date, every_cell_a_date, date1904)
            if year is not None:
                row[col] = str(year)
                continue
            dropped.add(line)
            message = say("read.date_not_year", date=date[:10], year=date[:4])
            self.fail(context, line, say("cell", label=layout._label(line, col), message=message),
                      "year")  # fmt: skip
        return dropped

    def _warn_unused(self, layout: Layout) -> None:
        for col, name in layout.unused:
            hint = self.plan.suggest(name) if not layout.long else None
            extra = say("read.did_you_mean", hint=hint) if hint else ""
            where = layout.where(layout.line, col)
            self.warnings.append(say("read.unused_column", where=where, name=shown(name)) + extra)
            self.skipped.append(shown(name))

    def keep_known(
        self,
        context: _FileContext,
        line: int,
        indicator: int,
        year: object,
        unit: object,
        value: object,
        reference: object,
    ) -> bool:
        """Keep a row (no note, no rank) whose every cell ``add`` has checked before — the same
        texts: a national file repeats a few thousand — as ``add`` keeps it, from ``add``'s own
        memos: no rule is written here. False: the row is for ``add``. ``unit`` _NO_UNIT: the
        row has none; ``value``, ``reference`` None: none."""
        year_number = context.years.get(year)
        unit_cell = _NO_UNIT if unit is _NO_UNIT else self._unit_cells.get(unit)  # type: ignore[call-overload]
        figure = NAN if value is None else self._values[indicator].get(value)
        ref = NAN if reference is None else self._references[indicator].get(reference)
        if (
            year_number is None
            or unit_cell is None
            or unit_cell[0]  # a 合计 row: add() warns
            or figure is None
            or ref is None
        ):
            return False
        # The unit rule of the file settled (its first blank or named unit seen).
        if unit_cell[1]:
            code = self.unit_code.get(unit_cell[1])
            settled = context.named_unit is not None and (
                context.blank_unit is None or context.unit_said
            )
        else:
            code = self.unit_code.get(self.default_unit)
            settled = context.blank_unit is not None and (
                context.named_unit is None or context.unit_said
            )
        if code is None or not settled:
            return False
        self.rows.append((code, year_number, indicator, figure, ref, NAN, line, context.index))
        context.rows += 1
        return True

    def add_record(self, context: _FileContext, record: RawRecord) -> None:
        """A YAML record: its cells by field."""
        cells = record.cells
        if (
            cells.keys() <= _KNOWN_FIELDS
            and (key := cells["indicator"][0]).__class__ is str
            and (indicator := self._keys.get(key)) is not None
            and Layout.keep_known_rows
            and self.keep_known(
                context, record.line, indicator,
                cells["year"][0] if "year" in cells else None,
                cells["unit"][0] if "unit" in cells else _NO_UNIT,
                cells["value"][0] if "value" in cells else None,
                cells["reference"][0] if "reference" in cells else None,
            )
        ):  # fmt: skip
            self.unit_column = self.unit_column or "unit" in cells
            return

        def label(line: int, field: str) -> str:
            return cells[field][1] if field in cells else field

        raw = [cells[f][0] if f in cells else None for f in FIELDS]
        self.unit_column = self.unit_column or "unit" in cells
        context.where = record.where
        other = cells.get("other_indicator")  # a second indicator key: the two must agree
        try:
            self.add(context, record.line, *raw, label=label, has_unit="unit" in cells,
                     other_key=None if other is None else other[0])  # fmt: skip
        finally:
            context.where = None

    # --- one row ---------------------------------------------------------------------------

    def fail(
        self, context: _FileContext, line: int, message: str, field: str | None = None
    ) -> None:
        """Report a bad cell: once, however many figures it is read for (a wide row's year, a
        YAML file's own ``year:``, each of its figures')."""
        line, column = _place(context, line, field)
        said = (context.file, line, column, message)
        if said in self._said:
            return
        self._said.add(said)
        self.errors.append(UserError(message, context.file, line, column))
        if len(self.errors) >= MAX_ERRORS:
            raise self.errors_said(complete=False)

    def add(
        self,
        context: _FileContext,
        line: int,
        key: object,
        value: object,
        reference: object,
        rank: object,
        year: object,
        unit: object,
        note: object,
        *,
        label: Label,
        has_unit: bool,
        other_key: object = None,
    ) -> None:
        """Check one row's cells and keep them; a bad cell is reported, the row dropped.

        A city's file repeats the same few thousand units, five years, 23 indicators and a few
        hundred figures: each distinct cell text is checked once (memos by exact type ``str``,
        the one a reader gives; other types are checked every time). Only results are
        remembered, never a problem: a bad cell is reported again, in file order, every row."""
        # The unit: its text folded, and whether it marks a 合计 row (checked before all else).
        if unit is None:
            unit_name = ""
        elif unit.__class__ is str:
            unit_cell = self._unit_cells.get(unit)
            if unit_cell is None:
                unit_cell = self._unit_cells[unit] = (_total_text(unit), fold(as_typed(unit)))
            total, unit_name = unit_cell
            if total:
                self._total_row(context, line, total)
                return
        else:
            if total := _total_text(unit):
                self._total_row(context, line, total)
                return
            unit_name = fold(as_typed(str(unit)))
        # The year, known good for this file when seen before (then it is no 合计 either).
        years = context.years
        year_number = years.get(year) if year.__class__ in _TEXT_OR_NONE else None
        if year_number is None and year is not None:
            year_total = self._totals.get(year) if year.__class__ is str else None
            if year_total is None:
                year_total = _total_text(year)
                if year.__class__ is str:
                    self._totals[year] = year_total
            if year_total:
                self._total_row(context, line, year_total)
                return
        text_key = key if key.__class__ is str else "" if key is None else str(key)
        indicator = self._keys.get(text_key, -1)
        if indicator == -1:
            indicator = self._indicator(context, line, text_key, label)
            if indicator is None:
                return
        elif indicator is None:
            self.fail(context, line, self._unknown(text_key, label(line, "indicator")), "indicator")
            return
        if other_key is not None and str(other_key).strip():
            other = columns.find_indicator(self.plan, fold(str(other_key)))
            if other is not None and self.index[other.id] != indicator:
                ind = self.plan.indicators[indicator]
                self.fail(context, line, say("cell", label=label(line, "indicator"), message=say(
                    "read.two_indicators", first=shown(text_key.strip()),
                    second=shown(str(other_key).strip()), first_id=ind.id, second_id=other.id)),
                    "other_indicator")  # fmt: skip
                return
        if year_number is None:
            year_number = self._year(context, line, year, label)
            if year_number is None:
                return
            if year.__class__ in _TEXT_OR_NONE:
                years[year] = year_number
        # The figures: each distinct text once per indicator and field.
        if value is None:
            figure: float | None = NAN
        else:
            figure = self._values[indicator].get(value) if value.__class__ in _CACHED else None
            if figure is None:
                figure = self._figure(context, line, value, indicator, "value", label)
        if reference is None:
            ref: float | None = NAN
        else:
            ref = (
                self._references[indicator].get(reference)
                if reference.__class__ in _CACHED
                else None
            )
            if ref is None:
                ref = self._figure(context, line, reference, indicator, "reference", label)
        place = NAN if rank is None else self._rank(context, line, rank, indicator, label)
        if figure is None or ref is None or place is None:
            return
        if not unit_name:
            if context.blank_unit is None:
                context.blank_unit = (line, label(line, "unit") if has_unit else "unit")
            unit_name = self.default_unit
        elif context.named_unit is None:
            context.named_unit = (line, unit_name)
        if context.blank_unit and context.named_unit and not context.unit_said:
            blank_line, blank_label = context.blank_unit
            self.fail(context, blank_line, say("cell", label=blank_label, message=say(
                "read.unit_blank", line=context.named_unit[0], unit=context.named_unit[1])))  # fmt: skip
            context.unit_said = True  # once per file
            return
        code = self.unit_code.get(unit_name)
        if code is None:
            code = self.unit_code[unit_name] = len(self.unit_names)
            self.unit_names.append(unit_name)
            typed = unit_name if unit is None else as_typed(str(unit)).strip()
            self.unit_first.append((context.file, line, context.where,
                                    label(line, "unit") if has_unit else "unit", typed))  # fmt: skip
        row = len(self.rows)
        self.rows.append((code, year_number, indicator, figure, ref, place, line, context.index))
        # A note is the words typed, kept as they are (full-width punctuation, a ZWJ in an
        # emoji, a bidi control the reports show escaped): only its outer spaces go.
        if note is not None and (text := as_typed(str(note).strip())):
            self.rows_note[row] = text
        context.rows += 1

    def _total_row(self, context: _FileContext, line: int, text: str) -> None:
        """A row of the table's own (合计, 说明…): skipped, with one warning however many of its
        cells are read (a wide row is read cell by cell)."""
        where = f"{context.file}:{line}"
        warning = say("read.total_row", where=where, text=shown(text))
        if not self.warnings or self.warnings[-1] != warning:
            self.warnings.append(warning)
            context.rows += 1  # the row was read; it is just not a figure

    def _indicator(self, context: _FileContext, line: int, key: str, label: Label) -> int | None:
        folded = fold(key)
        if not folded:
            self.fail(context, line, say("cell", label=label(line, "indicator"),
                                         message=say("read.indicator_empty")))  # fmt: skip
            return None
        if _is_total(normalise_key(folded)):
            self._total_row(context, line, key.strip())
            return None
        found = columns.find_indicator(self.plan, folded)
        self._keys[key] = None if found is None else self.index[found.id]
        if found is None:
            self.fail(context, line, self._unknown(key, label(line, "indicator")), "indicator")
            return None
        return self.index[found.id]

    def _unknown(self, key: str, label: str) -> str:
        if (number := columns.number_apart(self.plan, key)) is not None:
            return say("cell", label=label, message=_digits_apart(key, number))
        folded = fold(key)
        hint = self.plan.suggest(folded)
        extra = say("read.did_you_mean", hint=hint) if hint else ""
        return say("cell", label=label,
                   message=say("read.unknown_indicator", text=shown(key.strip()), hint=extra))  # fmt: skip

    def _year(self, context: _FileContext, line: int, raw: object, label: Label) -> int | None:
        cell = self._years.get(raw, -1) if isinstance(raw, str | int | type(None)) else -1
        if cell == -1:
            try:
                cell = parse_year(raw)
            except BadValue as exc:
                self.fail(
                    context, line, say("cell", label=label(line, "year"), message=exc), "year"
                )
                return None
            if isinstance(raw, str | int | type(None)):
                self._years[raw] = cell
        if context.header_year is not None:  # a year cell must agree; a blank one is its year
            header_year, header_cell = context.header_year
            if cell is not None and cell != header_year:
                self.fail(context, line, say("cell", label=label(line, "year"), message=say(
                    "read.year_disagrees_header", year=cell, header_year=header_year,
                    cell=header_cell)), "year")  # fmt: skip
                return None
            cell = header_year
        if cell is not None and self.cli_year is not None and cell != self.cli_year:
            # The file and --year disagree: said once, at the first row, not once a row.
            message = say("cell", label=label(line, "year"),
                          message=say("read.year_disagrees", year=cell, cli_year=self.cli_year))  # fmt: skip
            raise UserError(message, context.file, *_place(context, line, "year"))
        if cell is None and self.cli_year not in (None, context.name_year) and context.name_year:
            self._name_year_overruled(context)
        found = cell or self.cli_year or context.name_year or self.default_year
        if found is None:
            raise UserError(
                say("read.no_year"),
                context.file,
                line,
            )
        return found

    def _name_year_overruled(self, context: _FileContext) -> None:
        """--year wins over a year in the file's name (``2023.csv --year 2022``), said once a
        file: the figures of a file named for one year are judged as another's."""
        warning = say("read.year_not_name", file=context.file, name_year=context.name_year,
                      cli_year=self.cli_year)  # fmt: skip
        if warning not in self.warnings:
            self.warnings.append(warning)

    def _figure(
        self, context: _FileContext, line: int, raw: object, indicator: int, field: str,
        label: Label,
    ) -> float | None:  # fmt: skip
        """The figure (NaN for no figure), or None after reporting a bad cell. A good figure is
        remembered for its text (one memo per field and indicator), a problem never is."""
        found = _check_figure(raw, self.plan.indicators[indicator], field, self.decimal_comma)
        if isinstance(found, str):
            self.fail(context, line, say("cell", label=label(line, field), message=found), field)
            return None
        if raw.__class__ in _CACHED:
            memo = self._values if field == "value" else self._references
            memo[indicator][raw] = found
        return found

    def _rank(
        self, context: _FileContext, line: int, raw: object, indicator: int, label: Label
    ) -> float | None:
        ind = self.plan.indicators[indicator]
        found = self._ranks.get(raw, -1) if raw.__class__ in _CACHED else -1
        if found == -1:
            try:
                place = parse_rank(raw)
            except BadValue as exc:
                found = str(exc)
            else:
                found = place
            if raw.__class__ in _CACHED:
                self._ranks[raw] = found
        if isinstance(found, str):
            self.fail(context, line, say("cell", label=label(line, "rank"), message=found), "rank")
            return None
        if found is None:
            return NAN
        if problem := ind.target.input_problem(self.plan, "rank", found):
            self.fail(
                context, line, say("cell", label=label(line, "rank"), message=problem), "rank"
            )
            return None
        return float(found)

    # --- the whole -------------------------------------------------------------------------

    def errors_said(self, complete: bool = True) -> UserErrors:
        files = {name: n for n, name in enumerate(self.files)}
        ordered = sorted(self.errors, key=lambda e: (files.get(e.file or "", 0), e.line or 0))
        if not complete:
            ordered.append(UserError(say("read.more_errors", count=MAX_ERRORS)))
        return UserErrors(ordered)

    def build(self, require_values: bool) -> Submission:
        self._check_units()
        if self.errors:
            raise self.errors_said()
        order = {
            m: n for group in self.plan.peer_groups.values() for n, m in enumerate(group.members)
        }
        units = sorted(self.unit_names, key=lambda u: (order.get(u, len(order)), u))
        rows = self.rows
        years = sorted({row[1] for row in rows})
        where_unit = {name: n for n, name in enumerate(units)}
        position = [where_unit[name] for name in self.unit_names]
        year_index = {y: n for n, y in enumerate(years)}
        size = len(self.plan.indicators) * len(years) * len(units)
        value, reference, rank, line, file = blank_cells(size)
        notes: dict[int, str] = {}
        count_units, count_years = len(units), len(years)
        duplicates: list[UserError] = []
        rows_note = self.rows_note
        for row, (code, year, indicator, figure, ref, place, at, file_index) in enumerate(rows):
            u, y = position[code], year_index[year]
            cell = (indicator * count_years + y) * count_units + u
            if line[cell]:
                first_file, this_file = self.files[file[cell]], self.files[file_index]
                ident = self.plan.indicators[indicator].id
                where = self._row_place(file[cell], line[cell], ident)
                if first_file != this_file:
                    where = say("read.of_file", where=where, file=first_file)
                message = say("read.given_twice_for", id=ident, unit=units[u], year=year,
                              where=where)  # fmt: skip
                if first_file != this_file and {file[cell], file_index} <= self.unnamed_files:
                    # 长宁区/2023.csv and 徐汇区/2023.csv: a folder's name names no unit
                    message += say("read.twice_no_unit", unit=units[u])
                if (layout := self.layouts.get(file_index)) is not None:  # a sheet's cell
                    message = say("cell", label=layout.key_cell(at, ident), message=message)
                duplicates.append(UserError(message, this_file, at))
                if len(duplicates) >= MAX_ERRORS:
                    break
                continue
            value[cell] = figure
            reference[cell] = ref
            rank[cell] = place
            line[cell] = at
            file[cell] = file_index
            if rows_note and row in rows_note:
                notes[cell] = rows_note[row]
        if duplicates:
            self.errors = duplicates
            raise self.errors_said(complete=len(duplicates) < MAX_ERRORS)
        self._warn_fractions()
        # (unit, year) positions given: those of every row kept, each one's pair read once.
        reported = {(position[code], year_index[year]) for code, year in {row[:2] for row in rows}}
        if require_values and not any(v == v for v in value):
            # A column skipped may be where the figures were (a header not recognised): said
            # here, the warnings being lost with the run.
            skipped = say("list").join(say("quoted", text=name) for name in self.skipped[:5])
            said = say("read.no_value_skipped", names=skipped) if skipped else ""
            raise UserError(say("read.no_value") + said, self.files[0])
        return Submission(
            files=tuple(self.files),
            units=tuple(units),
            years=tuple(years),
            indicators=tuple(ind.id for ind in self.plan.indicators),
            value=value,
            reference=reference,
            rank=rank,
            line=line,
            file=file,
            reported=reported,
            notes=notes,
            warnings=tuple(self.warnings),
            sheets=self.sheets,
        )

    def _warn_fractions(self) -> None:
        """A warning when every figure of an indicator in % where more is better lies between 0
        and 1 (three at least): rates typed as fractions (0.95 for 95 %), as some systems export them, are read
        as what they say, 0.95 %, and would all fail — said, never silently taken either way."""
        # Rates where more is better (审查率 100 %): a rate where less is (败诉率) may well be
        # below 1 % everywhere.
        percent = {n for n, ind in enumerate(self.plan.indicators)
                   if ind.unit == "%" and ind.direction == "higher"}  # fmt: skip
        if not percent:
            return
        first: tuple[int, int, int] | None = None  # (file, line, indicator) of the first
        count = 0
        for _, _, indicator, figure, _, _, at, file_index in self.rows:
            if indicator in percent and figure == figure:  # NaN: no figure
                if not 0 <= figure <= 1:
                    return
                count += 1
                first = first or (file_index, at, indicator)
        if first is None or count < 3:
            return
        file_index, at, indicator = first
        ident = self.plan.indicators[indicator].id
        where = f"{self.files[file_index]}:{at}"
        if (layout := self.layouts.get(file_index)) is not None:  # a sheet's cell
            where = f"{where}: {layout.key_cell(at, ident)}"
        self.warnings.append(say("read.fractions", where=where, count=count, id=ident))

    def _row_place(self, file: int, line: int, indicator: str) -> str:
        """Where a row is, as a message says it: ``line 2``, or a sheet's cell, ``Sheet1!A2``."""
        layout = self.layouts.get(file)
        return say("read.line", line=line) if layout is None else layout.key_cell(line, indicator)

    def _check_units(self) -> None:
        """A unit not among the plan's peer group members is a typing mistake (徐汇 for 徐汇区),
        unless the plan admits other units or lists no members."""
        refused = False  # the rows without a unit are refused as such
        for name, (file, line, where, label, typed) in zip(
            self.unit_names, self.unit_first, strict=True
        ):
            if (problem := self.plan.unit_problem(name, typed)) is not None:
                message = say("cell", label=label, message=problem)
                found, column = where("unit") if where is not None else (None, None)
                self.errors.append(UserError(message, file, found or line, column))
                refused = refused or not name
        # Rows that name no unit, when the plan names none for them (a drafted plan), beside
        # rows that name one: a unit without a name, never the same as the one named (its
        # baselines would be lost to it, and it would be judged missing everywhere).
        if "" in self.unit_names and len(self.unit_names) > 1 and not refused:
            at = self.unit_names.index("")
            file, line, where, label, _ = self.unit_first[at]
            named = next(n for n, name in enumerate(self.unit_names) if name)
            other_file, other_line, *_ = self.unit_first[named]
            problem = say("read.unit_unnamed", file=other_file, line=other_line,
                          unit=shown(self.unit_names[named]))  # fmt: skip
            found, column = where("unit") if where is not None else (None, None)
            self.errors.append(UserError(say("cell", label=label, message=problem), file,
                                         found or line, column))  # fmt: skip


def _place(context: _FileContext, line: int, field: str | None) -> tuple[int, int | None]:
    """Line and column of a row's ``field``: in a YAML record the field's own (its key's, or
    the file's ``year:``/``unit:``), else the row's line."""
    if field is None or context.where is None:
        return line, None
    found, column = context.where(field)
    return found or line, column


def _total_text(cell: object) -> str:
    """The cell's text as typed when it marks a row of the table's own (合计, 说明…), else ""."""
    text = str(cell)
    return text.strip() if _is_total(normalise_key(fold(text))) else ""


def _is_total(key: str) -> bool:
    """A key (``normalise_key``) of a row of the table's own: 合计, 说明…, or the note under a
    table written after one of them, 注：数据截至2023年底 (full-width colon folded)."""
    return key in TOTALS or (":" in key and key.partition(":")[0] in TOTALS)


def _digits_apart(key: str, number: str) -> str:
    """Why a number with a space between its digits (``1 2``) names no indicator."""
    return say("read.digits_apart", text=shown(key.strip()), joined=number)


def _check_figure(
    raw: object, ind: Indicator, field: str, decimal_comma: bool = False
) -> float | str:
    """A figure of ``ind`` (NaN for no figure), or why it is not one (``decimal_comma``: its
    file is delimited by semicolons, ``values.parse_number``)."""
    try:
        number = parse_number(raw, ind.unit, decimal_comma=decimal_comma)
    except BadValue as exc:
        return say("read.of_indicator", message=exc, id=ind.id, name=ind.name)
    if number is None:
        return NAN
    low, high = ind.bounds
    unit = f" {ind.unit}" if ind.unit else ""
    if current() == "zh" and ind.unit in ("%", "‰"):
        unit = ind.unit  # 120%高于…, as a Chinese report writes a rate
    # Both figures with the decimals that tell them apart: never "100 % is above … 100".
    if low is not None and number < low:
        shown_number, shown_low = numbers_apart(number, low)
        problem = say("read.below", number=shown_number, unit=unit, low=shown_low)
        return say("read.of_indicator", message=problem, id=ind.id, name=ind.name)
    if high is not None and number > high:
        shown_number, shown_high = numbers_apart(number, high)
        problem = say("read.above", number=shown_number, unit=unit, high=shown_high)
        return say("read.of_indicator", message=problem, id=ind.id, name=ind.name)
    return number


@record(frozen=False)
class Layout:
    """What each column of a header means, long or wide (CSV and workbook sheets)."""

    header: list[str]
    plan: Plan
    file: str
    line: int
    cell_name: CellName | None
    # A --reference file's: its figures are in its reference column, never in a value column
    # (a submission given as one by mistake, or a unit's own figure beside a blank reference).
    references_only: bool = False
    # Rows whose cells were all checked before are kept from add()'s memos (off: every row
    # through add(), which the tests compare it with)
    keep_known_rows = True  # not annotated: a class attribute, no field

    def __post_init__(self) -> None:
        header = [cell.strip() for cell in self.header]
        self.header = header
        self.fields: dict[str, int] = {}  # canonical field → column
        self.second_indicator: int | None = None  # 序号 and 指标 both: they must agree
        self.indicators: dict[int, str] = {}  # wide form: column → indicator id
        self.blank: set[int] = set()
        self.unused: list[tuple[int, str]] = []
        if columns.looks_like_header(header, self.plan) == 0:
            found = ", ".join(h for h in header if h)
            raise UserError(
                say("read.header_not_recognised", found=found[:80]),
                self.file,
                self.line,
            )
        numbered = columns.is_long(header)  # a number column: a name beside it is only read
        self.long = numbered or any(normalise_key(h) in _NAMES for h in header)
        for col, name in enumerate(header):
            field = columns.field_of(name)
            if not name:
                self.blank.add(col)
            elif field == "indicator" and "indicator" in self.fields:
                if self.second_indicator is not None:
                    raise self._error(say("read.three_indicator_columns"), col)
                self.second_indicator = col
            elif field is not None:
                if field in self.fields:
                    raise self._error(say("read.two_columns", field=field), col)
                self.fields[field] = col
            elif not numbered and normalise_key(name) in _NAMES and "indicator" not in self.fields:
                self.fields["indicator"] = col
            elif columns.is_informational(name):
                continue
            elif not self.long and (indicator := columns.find_indicator(self.plan, name)):
                if indicator.id in self.indicators.values():
                    raise self._error(say("read.indicator_two_columns", id=indicator.id), col)
                self.indicators[col] = indicator.id
            elif not self.long and unicodedata.normalize("NFKC", fold(name)).isdecimal():
                # A number heads an indicator's column in a wide file: one the plan does not
                # have (or a footnote mark, ④, no number) is a typo or another plan's, never a
                # column to skip (its figures lost).
                raise self._error(say("read.unknown_indicator", text=shown(name), hint=""), col)
            elif not self.long and (number := columns.number_apart(self.plan, name)) is not None:
                raise self._error(_digits_apart(name, number), col)  # 1 2: 12, or 1 and 2?
            else:
                self.unused.append((col, name))
        # 单位 read as the unit of measure: its cells are checked not to name districts.
        self.measure_or_unit = next(
            (c for c, h in enumerate(header) if columns.is_measure_or_unit(h)), None
        )
        if "unit" in self.fields:
            self.measure_or_unit = None
        if not self.long:  # a row's figures are under their indicators' columns
            for field in ("value", "reference", "rank"):
                if (at := self.fields.get(field)) is not None:
                    name = shown(header[at])
                    raise self._error(say("read.wide_field", name=name, field=field), at)
        # The year a figures' column names before it (2024年实际值): the year of its figures.
        self.years: dict[int, int] = {}  # year → the first column naming it
        for field in ("value", "reference", "rank"):
            at = self.fields.get(field)
            if at is not None and (year := columns.year_before(header[at])) is not None:
                self.years.setdefault(year, at)
        if self.references_only and "reference" not in self.fields:
            raise UserError(say("read.no_reference_column"), self.file, self.line)
        if self.long and not {"value", "reference"} & set(self.fields):
            raise UserError(say("read.no_value_column"), self.file, self.line)
        if not self.long and not self.indicators:
            raise UserError(say("read.no_indicator_column"), self.file, self.line)

    def where(self, line: int, col: int) -> str:
        """``file:line:column`` of a cell, with the cell's name in a workbook."""
        place = f"{self.file}:{line}:{col + 1}"
        return f"{place}: {self.cell_name(line, col)}" if self.cell_name else place

    def key_cell(self, line: int, indicator: str) -> str:
        """The name of the cell that says a row's ``indicator`` in a workbook (``Sheet1!A2``):
        its indicator column's, or in a wide sheet the column under that indicator."""
        assert self.cell_name is not None  # a sheet's layout
        col = self.fields.get("indicator", 0)
        if not self.long:
            col = next(c for c, ident in self.indicators.items() if ident == indicator)
        return self.cell_name(line, col)

    def _error(self, message: str, col: int, line: int | None = None) -> UserError:
        at = self.line if line is None else line
        if self.cell_name:
            message = f"{self.cell_name(at, col)}: {message}"  # a location, as in English
        return UserError(message, self.file, at, col + 1)

    def _label(self, line: int, col: int) -> str:
        if self.cell_name is None:
            return self.header[col]
        return f"{self.cell_name(line, col)}: {self.header[col]}"

    def feed(
        self, builder: _Builder, context: _FileContext, rows: Iterable[tuple[int, list[str]]]
    ) -> None:
        """Every row to ``builder.add``: one call per figure (a wide row gives several)."""
        width = len(self.header)
        if self.measure_or_unit is not None:
            rows = self._no_place_as_measure(builder.default_unit, rows, self.measure_or_unit)
        positions = [self.fields.get(f, width) for f in FIELDS]  # width: the None after a row
        pick = operator.itemgetter(*positions)
        has_unit = "unit" in self.fields
        builder.unit_column = builder.unit_column or has_unit
        blank = self.blank
        other = self.second_indicator
        add, label = builder.add, self._field_label
        wide = [(col, ind, self._column_label(col)) for col, ind in self.indicators.items()]
        # A row whose every cell ``add`` has checked before (the same texts in the same
        # columns: a national file repeats a few thousand) is kept as ``add`` keeps it, from
        # ``add``'s own memos: no rule is written here. Anything else, a cell not seen yet, a
        # note, a rank, goes to ``add``.
        key_at, value_at, reference_at, _, year_at, unit_at, note_at = positions
        known = self.keep_known_rows and not wide and other is None and not blank
        known = known and key_at < width
        known = known and "rank" not in self.fields
        keys, keep_known = builder._keys, builder.keep_known
        for line, row in rows:
            # Blank and whitespace-only lines are skipped (a first cell with text is not one).
            if not (row and row[0] and not row[0].isspace()) and not "".join(row).strip():
                continue
            size = len(row)
            if (
                known
                and size == width
                and (code_of := keys.get(row[key_at])) is not None
                and (note_at == width or not row[note_at])
                and keep_known(context, line, code_of,
                               row[year_at] if year_at < width else None,
                               row[unit_at] if unit_at < width else _NO_UNIT,
                               row[value_at] if value_at < width else None,
                               row[reference_at] if reference_at < width else None)
            ):  # fmt: skip
                continue
            # A row as wide as the header, with no blank column to check, has its shape.
            if (size != width or blank) and (problem := self._shape(line, row, width)):
                builder.errors.append(problem)
                if len(builder.errors) >= MAX_ERRORS:
                    raise builder.errors_said(complete=False)
                continue
            if not wide:
                other_key = row[other] if other is not None and other < size else None
                # The row's cells in add()'s order: None for a field with no column, "" for a
                # cell a short row leaves out (the header's width, then one None to pick).
                picked: list[str | None] = row  # type: ignore[assignment]  # None: no column
                if size == width:
                    picked.append(None)
                else:
                    picked = [*row[:width], *[""] * (width - size), None]
                add(context, line, *pick(picked), label=label, has_unit=has_unit,
                    other_key=other_key)  # fmt: skip
                continue
            padded = (*row, None) if size == width else (*row[:width], *[""] * (width - size), None)
            cells = list(pick(padded))
            for col, indicator, wide_label in wide:
                cells[0] = indicator
                cells[1] = padded[col]
                add(context, line, *cells, label=wide_label, has_unit=has_unit)

    def _no_place_as_measure(
        self, default_unit: str, rows: Iterable[tuple[int, list[str]]], col: int
    ) -> Iterator[tuple[int, list[str]]]:
        """``rows``, refusing a row whose 单位 cell names a district other than the plan's own:
        that column is not read (the unit of measure), so the row's figures would be judged as
        the plan's unit's — another district's figures under 徐汇区."""
        allowed = {default_unit.replace(" ", "")}  # and the plan's own measures, as written
        allowed |= {fold(i.unit).replace(" ", "") for i in self.plan.indicators if i.unit}
        checked: set[str] = set()  # each distinct cell once (a national file repeats a few)
        for line, row in rows:
            text = str(row[col]) if col < len(row) else ""
            if text in checked:
                yield line, row
                continue
            checked.add(text)
            if columns.names_a_place(text) and fold(text).replace(" ", "") not in allowed:
                name = shown(self.header[col])
                raise self._error(
                    say("read.place_as_measure", name=name, text=shown(text)), col, line
                )
            yield line, row

    def _field_label(self, line: int, field: str) -> str:
        col = self.fields.get(field)
        return field if col is None else self._label(line, col)

    def _column_label(self, col: int) -> Label:
        """The labels of a wide row's figure in column ``col``: its value is that column's."""

        def label(line: int, field: str) -> str:
            if field in ("value", "indicator"):
                return self._label(line, col)
            return self._field_label(line, field)

        return label

    def _shape(self, line: int, row: list[str], width: int) -> UserError | None:
        if (problem := row_problem(row, width, self.blank)) is None:
            return None
        message, col = problem
        return self._error(message, col, line)


class SheetHeader(NamedTuple):
    """A sheet's header: its layout, the rows it and any title above it take (the data follow),
    and the year it names over the figures' columns, with that cell (line from 1, column from
    0), when it names one."""

    layout: Layout
    rows: int
    year: int | None = None
    year_cell: tuple[int, int] = (0, 0)


def sheet_header(
    grid: list[list[str]],
    plan: Plan,
    file: str,
    sheet: str,
    across: dict[int, list[tuple[int, int]]],
    references_only: bool = False,
) -> SheetHeader:
    """Where a sheet's table starts, as statisticians lay one out (``grid``: the sheet's cells
    from A1, with at least one that is not blank; ``across``: its cells merged over columns, by
    row, as ``ExcelBook.across`` gives them).

    - The header is the first row that names a column plancheck knows; up to
      ``columns.MAX_TITLE_ROWS`` rows with text above it are the table's title
      (徐汇区2023年法治指标实际值, 单位：%), read as nothing — but never a row with a figure
      under the header's figures' columns (that is a refusal: a figure is never dropped as a
      title). A CSV file's header is found by the same rule (``columns.find_header``).
    - A header over two rows: a cell merged over some of the table's columns (not all of them,
      as a title is) with the names of those columns below it (2023年 over 目标值 and 实际值).
      The lower row names the columns (a blank one takes the name above it, as 指标 is written
      once over both rows) and the merged cell may give the year of the figures under it; two
      years side by side, or names that make no table, are refused with what to change.

    Rows keep their numbers in the sheet: a message names the cell as Excel does."""

    def cell_name(line: int, col: int) -> str:
        from plancheck.submission.read_xlsx import cell_ref

        return cell_ref(sheet, line, col)

    def layout(cells: list[str], at: int) -> Layout:
        return Layout(cells, plan, file, at + 1, cell_name, references_only)

    filled = (n for n, row in enumerate(grid) if any(cell.strip() for cell in row))
    first = next(filled)  # the sheet has a cell with text
    found_at = columns.find_header(
        chain((first,), filled),
        lambda n: columns.looks_like_header(grid[n], plan) > 0,
        lambda n: columns.is_data_row(grid[n], plan),
    )
    at = first if found_at is None else found_at[1]
    if at > first and _over_columns(grid, at - 1, across):
        upper = at - 1  # a cell merged over some of the header's columns, above it
    else:
        try:
            found = layout(grid[at], at)
        except UserError:
            if not (at + 1 < len(grid) and _over_columns(grid, at, across)):
                raise
            upper, at = at, at + 1  # the header found is the upper row of two
        else:
            _titles(((n + 1, grid[n]) for n in range(first, at)), found)
            return SheetHeader(found, at + 1)
    lower = grid[at]
    merged = {col: first_col for first_col, last in across.get(upper + 1, ())
              for col in range(first_col, last + 1)}  # fmt: skip
    above = grid[upper]
    names: list[str] = []
    for col in range(max(len(lower), len(above))):
        name = lower[col] if col < len(lower) else ""
        if not name.strip() and col not in merged:
            name = above[col] if col < len(above) else ""
        names.append(name)
    try:
        found = layout(names, at)
    except UserError as refused:
        raise UserError(_two_rows(upper, at, refused.message), file, refused.line or at + 1,
                        refused.column) from None  # fmt: skip
    years: dict[int, tuple[int, int]] = {}  # a year above the figures' columns → its cell
    for col in _figure_columns(found):
        if not (col < len(lower) and lower[col].strip()):
            continue  # the column's name is the text above: no year over it
        where = merged.get(col, col)
        text = above[where] if where < len(above) else ""
        named = set(_YEAR_IN_NAME.findall(text))  # 2021—2025年 over them is no year of theirs
        if len(named) == 1:
            years.setdefault(int(named.pop()), (upper + 1, where))
    if len(years) > 1:
        listed = say("list").join(str(year) for year in sorted(years))
        problem = _two_rows(upper, at, say("read.header_years", years=listed))
        line, col = years[max(years)]
        raise UserError(say("cell", label=cell_name(line, col), message=problem),
                        file, line, col + 1)  # fmt: skip
    _titles(((n + 1, grid[n]) for n in range(first, upper)), found)
    if not years:
        return SheetHeader(found, at + 1)
    ((year, cell),) = years.items()
    return SheetHeader(found, at + 1, year, cell)


def _over_columns(
    grid: list[list[str]], row: int, across: dict[int, list[tuple[int, int]]]
) -> bool:
    """Whether the sheet's row ``row`` (from 0) has a cell merged over some of the table's
    columns but not all, with text below it: the upper row of a header over two rows. A title
    is merged over the whole table, or not merged at all."""
    below = grid[row + 1] if row + 1 < len(grid) else []
    texts = [col for line in (grid[row], below) for col, cell in enumerate(line) if cell.strip()]
    if not texts or not below:
        return False
    width = max(texts) - min(texts) + 1
    return any(
        last - first + 1 < width and any(cell.strip() for cell in below[first : last + 1])
        for first, last in across.get(row + 1, ())
    )


def _figure_columns(layout: Layout) -> list[int]:
    """The columns of a layout that hold figures: value, reference and rank, or the indicators'."""
    named = [layout.fields[f] for f in ("value", "reference", "rank") if f in layout.fields]
    return sorted([*named, *layout.indicators])


def _titles(rows: Iterable[tuple[int, list[str]]], layout: Layout) -> None:
    """The rows above a header (each with its line) are a title's: refused if one has a figure
    under a column of figures. A sheet's and a CSV file's alike."""
    for line, row in rows:
        for col in _figure_columns(layout):
            if col < len(row) and columns.is_figure(row[col]):
                problem = say("read.figure_above_header", text=shown(row[col].strip()),
                              line=layout.line)  # fmt: skip
                raise layout._error(problem, col, line)


def _two_rows(upper: int, lower: int, reason: str) -> str:
    return say("read.two_row_header", upper=upper + 1, lower=lower + 1, reason=reason)


def row_problem(row: list[str], width: int, blank: Iterable[int]) -> tuple[str, int] | None:
    """What is wrong with a CSV row's shape under a header ``width`` cells wide whose columns
    ``blank`` have no name, and the column (from 0) it is at; None when nothing is. The rows of
    submissions and progress reports are held to it: a row split by another delimiter than the
    header (one cell holding the other delimiter), a cell past the header's, a cell under no
    name."""
    if width > 1 and len(row) == 1 and (other := other_delimiter(row[0])):
        return say("read.mixed_delimiters", other=other), 0
    for col in range(width, len(row)):
        if row[col].strip():
            return say("read.more_cells", text=row[col].strip()[:40], column=col + 1), col
    for col in blank:
        if col < len(row) and row[col].strip():
            return say("read.value_without_header"), col
    return None


def read_references(
    path: Path, plan: Plan, year: int | None = None, submitted: tuple[int, ...] = ()
) -> tuple[dict[tuple[int, str], float], list[str]]:
    """Official reference values (e.g. city averages) per year and indicator, from a file read
    like a submission: its ``reference`` column (a ``value`` column is a submission's, not read);
    and the warnings of reading it (columns skipped, a unit column: a reference is every
    unit's). A file that says no year (no year column, no --year, none in its name) is of the
    submission's year, when the submission judges one year (``submitted``: the years judged)."""
    references: dict[tuple[int, str], float] = {}
    lines: dict[tuple[int, str], int] = {}
    builder = _Builder(plan, year)
    builder.references_only = True
    builder.default_year = submitted[0] if len(submitted) == 1 else None
    builder.read(path, None)
    rows = [(year, indicator, value, reference, line)
            for _, year, indicator, value, reference, _, line, _ in builder.rows]  # fmt: skip
    if builder.errors:
        raise builder.errors_said()
    values = False  # a figure in a value column: a unit's own, not read
    for row_year, indicator, value, reference, line in sorted(rows, key=lambda r: r[4]):
        values = values or value == value
        key = (row_year, plan.indicators[indicator].id)
        if key in lines:  # one official figure per year and indicator, whatever the unit column
            raise UserError(
                say("read.reference_twice", id=key[1], year=row_year, line=lines[key]),
                str(path),
                line,
            )
        lines[key] = line
        if reference == reference:
            references[key] = reference
    warnings = list(builder.warnings)
    if values:
        warnings.append(say("read.reference_values", file=str(path)))
    named = [name for name in builder.unit_names if name]
    if builder.unit_column and named:
        warnings.append(
            say("read.reference_units", file=str(path), units=say("list").join(named[:3]))
        )
    return references, warnings
