"""CSV (and TSV) submissions, long or wide, with comma, semicolon or tab delimiters.

The layout part (what each column of the header means, and one RawRecord per figure) works on
rows of strings and is shared with the Excel reader (read_xlsx.py): ``records_from_rows``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from plancheck.errors import UserError
from plancheck.plan.models import Plan, normalise_key
from plancheck.submission import columns
from plancheck.submission.models import RawRecord
from plancheck.submission.values import shown

DELIMITERS = (",", ";", "\t", "|")
MAX_HEADER = 100_000  # characters: a wide header of 23 indicators by name is about 1,000
NAME_COLUMNS = ("name", "指标名称", "name_en")  # used as the indicator key when no id column
csv.field_size_limit(64 * 1024 * 1024)  # one cell may be large; the file size is capped anyway

# Where a cell is, for messages: (line, column index) → prefix such as "Sheet1!C5" ("" for CSV).
CellName = Callable[[int, int], str]


def read_csv(text: str, file: str, plan: Plan) -> Iterator[RawRecord]:
    """Yield one RawRecord per figure, located at its line."""
    # Line ends kept: a quoted cell over two lines (a note) keeps its line break.
    lines = text.splitlines(keepends=True)
    header_index = next((i for i, line in enumerate(lines) if line.strip(" \t,;|\r\n")), None)
    if header_index is None:
        raise UserError("the file is empty: expected a header row and one row per indicator", file)
    header_line = lines[header_index].rstrip("\r\n")
    if len(header_line) > MAX_HEADER:  # each cell of a header is looked up: bound the work
        raise UserError(
            f"the header row has {len(header_line):,} characters (at most {MAX_HEADER:,}): "
            "not the header of a submission",
            file,
            header_index + 1,
        )
    delimiter = _delimiter(header_line, plan, file, header_index + 1)
    rows = csv.reader(lines[header_index:], delimiter=delimiter, strict=True)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        """Each record with the line it starts on (a quoted cell may run over several)."""
        while True:
            start = header_index + rows.line_num + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            yield start, row

    try:
        yield from records_from_rows(numbered(), file, plan)
    except csv.Error as exc:
        raise UserError(f"malformed CSV: {exc}", file, header_index + rows.line_num) from None


def records_from_rows(
    rows: Iterable[tuple[int, list[str]]],
    file: str,
    plan: Plan,
    cell_name: CellName | None = None,
) -> Iterator[RawRecord]:
    """The shared layout: the first non-blank row is the header, each later row gives figures.

    ``rows`` are (line number, cells as strings). ``cell_name`` names a cell for messages
    (a spreadsheet's ``Sheet1!C5``); without it messages name the column's header only.
    """
    iterator = iter(rows)
    first = next((row for row in iterator if any(cell.strip() for cell in row[1])), None)
    if first is None:
        raise UserError("the file is empty: expected a header row and one row per indicator", file)
    line, header_row = first
    header = [cell.strip() for cell in header_row]
    if columns.looks_like_header(header, plan) == 0:
        found = ", ".join(h for h in header if h)
        raise UserError(
            "header not recognised: expected columns 'indicator' and 'value' "
            f"(or one column per indicator), found '{found[:80]}'",
            file,
            line,
        )
    layout = _Layout(header, plan, file, line, cell_name)
    yield from layout.records(iterator)


def _delimiter(line: str, plan: Plan, file: str, number: int) -> str:
    """The delimiter under which the header row makes the most sense."""
    scores = {}
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except csv.Error as exc:
            raise UserError(f"malformed CSV: {exc}", file, number) from None
        scores[delimiter] = columns.looks_like_header(cells, plan)
    best = max(DELIMITERS, key=lambda d: scores[d])  # ties keep the first: comma
    if scores[best] == 0:
        raise UserError(
            "header not recognised: expected columns 'indicator' and 'value' "
            f"(or one column per indicator), found '{line.strip()[:80]}'",
            file,
            number,
        )
    return best


class _Layout:
    """What each column of a header means, long or wide."""

    def __init__(
        self, header: list[str], plan: Plan, file: str, line: int, cell_name: CellName | None
    ) -> None:
        self.file, self.header, self.plan, self.cell_name = file, header, plan, cell_name
        self.fields: dict[int, str] = {}  # column → canonical field
        self.indicators: dict[int, str] = {}  # wide form: column → indicator id
        self.blank: set[int] = set()
        long = columns.is_long(header) or any(normalise_key(h) in _NAMES for h in header)
        for col, name in enumerate(header):
            field = columns.field_of(name)
            if not name:
                self.blank.add(col)
            elif field is not None and not (field == "indicator" and "indicator" in self.seen):
                self._take(col, field, line)
            elif long and normalise_key(name) in _NAMES and "indicator" not in self.seen:
                self._take(col, "indicator", line)
            elif columns.is_informational(name) or field is not None:
                continue
            elif not long and (indicator := plan.find_indicator(name)) is not None:
                if indicator.id in self.indicators.values():
                    raise self._error(f"indicator {indicator.id} has two columns", line, col)
                self.indicators[col] = indicator.id
            else:
                hint = plan.suggest(name) if not long else None
                extra = f"; did you mean '{hint}'?" if hint else ""
                raise self._error(f"unknown column '{shown(name)}'{extra}", line, col)
        if long and not {"value", "reference"} & self.seen:
            raise UserError("no 'value' column in the header", file, line)
        if not long and not self.indicators:
            raise UserError("no 'indicator' column and no indicator columns", file, line)

    @property
    def seen(self) -> set[str]:
        return set(self.fields.values())

    def _error(self, message: str, line: int, col: int) -> UserError:
        prefix = f"{self.cell_name(line, col)}: " if self.cell_name else ""
        return UserError(prefix + message, self.file, line, col + 1)

    def _label(self, line: int, col: int) -> str:
        """How a message names a cell's field: its header, after the cell's name if known."""
        if self.cell_name is None:
            return self.header[col]
        return f"{self.cell_name(line, col)}: {self.header[col]}"

    def _take(self, col: int, field: str, line: int) -> None:
        if field in self.seen:
            raise self._error(f"two '{field}' columns in the header", line, col)
        self.fields[col] = field

    def records(self, rows: Iterable[tuple[int, list[str]]]) -> Iterator[RawRecord]:
        width = len(self.header)
        for line, row in rows:
            if not any(cell.strip() for cell in row):
                continue  # blank and whitespace-only lines
            if width > 1 and len(row) == 1 and (other := _other_delimiter(row[0])):
                raise self._error(
                    f"mixed delimiters: this row is split by '{other}' but the header is not",
                    line,
                    0,
                )
            for col in range(width, len(row)):
                if row[col].strip():
                    raise self._error(
                        f"more cells than the header has columns ('{row[col].strip()[:40]}' in "
                        f"column {col + 1}); quote values that contain the delimiter",
                        line,
                        col,
                    )
            for col in self.blank:
                if col < len(row) and row[col].strip():
                    raise self._error("a value in a column without a header", line, col)
            common: dict[str, tuple[object, str]] = {
                field: (row[col] if col < len(row) else "", self._label(line, col))
                for col, field in self.fields.items()
            }
            if not self.indicators:
                yield RawRecord(self.file, line, common)
                continue
            for col, indicator in self.indicators.items():
                cells = dict(common)
                cells["indicator"] = (indicator, self._label(line, col))
                cells["value"] = (row[col] if col < len(row) else "", self._label(line, col))
                yield RawRecord(self.file, line, cells)


_NAMES = {normalise_key(n) for n in NAME_COLUMNS}


def _other_delimiter(cell: str) -> str | None:
    """A delimiter inside a lone cell: the row was written with another one than the header."""
    shown = {"\t": "tab"}
    return next((shown.get(d, d) for d in DELIMITERS if d in cell), None)
