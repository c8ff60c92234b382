"""CSV (and TSV) submissions, long or wide, with comma, semicolon or tab delimiters."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from plancheck.errors import UserError
from plancheck.plan.models import Plan, normalise_key
from plancheck.submission import columns
from plancheck.submission.models import RawRecord

DELIMITERS = (",", ";", "\t", "|")
NAME_COLUMNS = ("name", "指标名称", "name_en")  # used as the indicator key when no id column
csv.field_size_limit(64 * 1024 * 1024)  # one cell may be large; the file size is capped anyway


def read_csv(text: str, file: str, plan: Plan) -> Iterator[RawRecord]:
    """Yield one RawRecord per figure, located at its line."""
    lines = text.splitlines()
    header_index = next((i for i, line in enumerate(lines) if line.strip(" \t,;|")), None)
    if header_index is None:
        raise UserError("the file is empty: expected a header row and one row per indicator", file)
    delimiter = _delimiter(lines[header_index], plan, file, header_index + 1)
    rows = csv.reader(lines[header_index:], delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(rows)]
        layout = _Layout(header, plan, file, header_index + 1)
        yield from layout.records(rows, header_index)
    except csv.Error as exc:
        raise UserError(f"malformed CSV: {exc}", file, header_index + rows.line_num) from None


def _delimiter(line: str, plan: Plan, file: str, number: int) -> str:
    """The delimiter under which the header row makes the most sense."""
    scores = {}
    for delimiter in DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter))
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

    def __init__(self, header: list[str], plan: Plan, file: str, line: int) -> None:
        self.file, self.header, self.plan = file, header, plan
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
                    raise UserError(f"indicator {indicator.id} has two columns", file, line, col + 1)
                self.indicators[col] = indicator.id
            else:
                hint = plan.suggest(name) if not long else None
                extra = f"; did you mean '{hint}'?" if hint else ""
                raise UserError(f"unknown column '{name}'{extra}", file, line, col + 1)
        if long and "value" not in self.seen:
            raise UserError("no 'value' column in the header", file, line)
        if not long and not self.indicators:
            raise UserError("no 'indicator' column and no indicator columns", file, line)

    @property
    def seen(self) -> set[str]:
        return set(self.fields.values())

    def _take(self, col: int, field: str, line: int) -> None:
        if field in self.seen:
            raise UserError(f"two '{field}' columns in the header", self.file, line, col + 1)
        self.fields[col] = field

    def records(self, rows: Iterator[list[str]], offset: int) -> Iterator[RawRecord]:
        width = len(self.header)
        for row in rows:
            line = offset + getattr(rows, "line_num", 0)
            if not any(cell.strip() for cell in row):
                continue  # blank and whitespace-only lines
            for col in range(width, len(row)):
                if row[col].strip():
                    raise UserError(
                        f"more cells than the header has columns ('{row[col].strip()[:40]}' in "
                        f"column {col + 1}); quote values that contain the delimiter",
                        self.file,
                        line,
                        col + 1,
                    )
            for col in self.blank:
                if col < len(row) and row[col].strip():
                    raise UserError("a value in a column without a header", self.file, line, col + 1)
            common = {
                field: (row[col] if col < len(row) else "", self.header[col])
                for col, field in self.fields.items()
            }
            if not self.indicators:
                yield RawRecord(self.file, line, common)
                continue
            for col, indicator in self.indicators.items():
                cells = dict(common)
                cells["indicator"] = (indicator, self.header[col])
                cells["value"] = (row[col] if col < len(row) else "", self.header[col])
                yield RawRecord(self.file, line, cells)


_NAMES = {normalise_key(n) for n in NAME_COLUMNS}
