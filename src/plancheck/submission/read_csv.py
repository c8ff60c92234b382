"""The one CSV reader: delimiter, header and line numbers, for submissions, references, progress
reports and the tables ``plan import`` reads (``numbered_records``: records and their lines).

``read_rows(text, file, score)`` finds the header (the first line that is not blank; for a
submission, past up to three lines of a title, as a sheet's), picks the delimiter under which
the header makes the most sense (``score`` counts the header cells the caller recognises: comma,
semicolon, tab or ``|``; Excel's ``sep=;`` first line says it outright) and yields every later
record with the line it starts on. Lines are counted as editors count
them — ``\\n``, ``\\r\\n`` and ``\\r`` end a line, nothing else (U+2028, form feeds and the like
are text) — and a quoted cell over two lines keeps its line break.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence

from plancheck.errors import UserError
from plancheck.i18n import say
from plancheck.record import record
from plancheck.safetext import LazyPattern
from plancheck.submission import columns
from plancheck.submission.values import shown
from plancheck.textfile import split_lines

DELIMITERS = (",", ";", "\t", "|")
MAX_HEADER = 100_000  # characters: a wide header of 23 indicators by name is about 1,000
MAX_CELL = 64 * 1024 * 1024  # characters (README "Limits": 64 MiB); the file size is capped too
csv.field_size_limit(MAX_CELL)  # one cell may be large, not larger

_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$")


@record(frozen=False)
class Rows:
    """A CSV file's header and its records, each with the line it starts on; the lines of a
    title above the header (``read_rows(titles=True)``), each with its cells."""

    file: str
    delimiter: str
    header: list[str]
    header_line: int
    records: Iterator[tuple[int, list[str]]]
    titles: tuple[tuple[int, list[str]], ...] = ()


def read_rows(
    text: str,
    file: str,
    score: Callable[[list[str]], int],
    *,
    comments: bool = False,
    titles: Callable[[list[str]], bool] | None = None,
    empty: str = "csv.empty",
    unrecognised: str = "read.header_not_recognised",
) -> Rows:
    """Header and records of a CSV text (see the module docstring). ``comments``: lines before
    the header that begin with ``#`` are notes, not the header (a progress report's).
    ``titles``: up to ``columns.MAX_TITLE_ROWS`` lines with text in which ``score`` finds
    nothing may be a title above the header, as a sheet's (``columns.find_header``: Excel saves
    a sheet's title row as ``徐汇区2023年法治指标实际值,,``), and ``titles(cells)`` says which
    line is a row of figures, never the header below a title; the lines of the title are
    ``Rows.titles``, for the caller to hold to having no figure. ``empty`` and ``unrecognised`` are the catalog keys
    said when no line has text, and when ``score`` finds nothing it knows in the header."""
    all_lines = split_lines(text, keepends=True)

    def header_from(start: int) -> int | None:
        return next(filled_from(start), None)

    def filled_from(start: int) -> Iterator[int]:
        for n in range(start, len(all_lines)):
            content = all_lines[n].strip(" \t,;|\r\n")
            if content and not (comments and content.startswith("#")):
                yield n

    first = header_from(0)
    if first is None:
        raise UserError(say(empty), file)
    declared = None
    if (sep := _SEP_LINE.match(all_lines[first].rstrip("\r\n"))) is not None:
        declared = sep.group(1)  # Excel's "sep=;" line: the delimiter, then the header
        first = header_from(first + 1)
        if first is None:
            raise UserError(say(empty), file)
    chosen: dict[int, str] = {}  # a line → the delimiter under which it is a header

    def is_header(n: int) -> bool:
        line = all_lines[n].rstrip("\r\n")
        if len(line) > MAX_HEADER:  # each cell of a header is looked up: bound the work
            raise UserError(
                say("csv.header_too_long", length=f"{len(line):,}", limit=f"{MAX_HEADER:,}"),
                file,
                n + 1,
            )
        delimiter, found = _delimiter(
            line, file, n + 1, score, (declared,) if declared else DELIMITERS
        )
        if found:
            chosen[n] = delimiter
        return found > 0

    def is_data(n: int) -> bool:
        assert titles is not None
        return titles(_cells(all_lines[n], chosen[n], file, n + 1))

    above: list[int] = []
    if titles is None:
        is_header(first)
    elif (found := columns.find_header(filled_from(first), is_header, is_data)) is not None:
        above, first = found
    if first not in chosen:
        if declared is None:  # no line a header: said of the first
            raise UserError(
                say(unrecognised, found=all_lines[first].rstrip("\r\n").strip()[:80]),
                file,
                first + 1,
            )
        chosen[first] = declared  # the header is the first line: the reader says what is wrong
    delimiter = chosen[first]
    numbered = numbered_records(
        "".join(all_lines[first:]), delimiter, file, first, header_first=True
    )
    _, header = next(numbered)  # the header line has text: it is a record
    title_cells = tuple((n + 1, _cells(all_lines[n], delimiter, file, n + 1)) for n in above)
    return Rows(file, delimiter, header, first + 1, numbered, title_cells)


def _cells(line: str, delimiter: str, file: str, number: int) -> list[str]:
    """The cells of one line of a title."""
    try:
        return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
    except csv.Error as exc:
        raise UserError(say("csv.malformed", reason=csv_reason(exc)), file, number) from None


def numbered_records(
    text: str,
    delimiter: str,
    file: str,
    skipped: int = 0,
    *,
    strict: bool = True,
    header_first: bool = False,
) -> Iterator[tuple[int, list[str]]]:
    """Each record of a CSV text with the line it starts on, counted as editors count lines
    (``skipped``: lines before ``text`` in its file); a malformed record is a located
    UserError. ``strict=False`` lets a stray quote pass (``"十四五"时期`` is 十四五时期) — but
    never a quote that is not closed, which would take the rest of the file into one cell: that
    is an error at the line its record starts on, as it is in strict mode. A cell over the
    field limit (64 MiB) is an error at its record's line and its column, named by the first
    record when ``header_first``."""
    buffer = io.StringIO(text, newline="")
    reader = csv.reader(buffer, delimiter=delimiter, strict=strict)
    # Excel's text-forcing ="0123" (what systems export for Excel to keep a text as typed): the
    # text. Looked for once in the whole text, so a file without one costs nothing per row.
    rows: Iterator[list[str]] = map(_unforced, reader) if '="' in text else reader
    start = skipped + 1  # the line the next record starts on
    header: list[str] = []
    try:
        if strict:
            for row in rows:
                if header_first and not header:
                    header = row
                yield start, row
                start = skipped + reader.line_num + 1
            return
        at = 0  # where the next record starts in ``text``
        for row in rows:
            if buffer.tell() >= len(text):
                _closed(text[at:], delimiter, file, start)  # the last record
            if header_first and not header:
                header = row
            yield start, row
            start, at = skipped + reader.line_num + 1, buffer.tell()
    except csv.Error as exc:
        if _FIELD_LIMIT.fullmatch(str(exc)):
            buffer.seek(0)
            for _ in range(start - skipped - 1):
                buffer.readline()  # lines as the reader counts them: \n, \r\n, \r
            at = buffer.tell()  # where the record starts
            raise _too_large(text, at, delimiter, file, start, header) from None
        end_of_data = str(exc) == "unexpected end of data"  # a quote never closed
        line = start if end_of_data else skipped + max(reader.line_num, 1)
        raise UserError(say("csv.malformed", reason=csv_reason(exc)), file, line) from None


_FIELD_LIMIT = LazyPattern(r"field larger than field limit \(\d+\)")
_FORCED = LazyPattern(r'="((?:[^"]|"")*)"')  # ="0123", ="a""b" (a"b)


def _unforced(row: list[str]) -> list[str]:
    """A record's cells, each ``="text"`` (Excel's way to force a text in a CSV file) as its
    text: ``="4"`` is 4, ``="0123"`` is 0123; a formula that computes is left as it is."""
    for n, cell in enumerate(row):
        if cell.startswith('="') and (found := _FORCED.fullmatch(cell)) is not None:
            row[n] = found.group(1).replace('""', '"')
    return row


def _too_large(
    text: str, at: int, delimiter: str, file: str, line: int, header: Sequence[str] = ()
) -> UserError:
    """A cell over the csv module's field limit (README "Limits": 64 MiB), located at its
    record's line and, when it can be told, its column (named by ``header``). The column is
    found by stepping over the record's cells from ``at`` with a pattern, not by reading the
    record again without the limit: that would hold the whole cell, however large."""
    limit = csv.field_size_limit()
    column = _large_cell(text, at, delimiter, limit)
    size = f"{limit >> 20} MiB" if limit % (1 << 20) == 0 else say("csv.characters", limit=limit)
    message = say("csv.cell_too_large", size=size, limit=f"{limit:,}")
    if column is not None and column < len(header) and header[column].strip():
        message = say("cell", label=shown(header[column].strip()), message=message)
    return UserError(message, file, line, None if column is None else column + 1)


def _large_cell(text: str, at: int, delimiter: str, limit: int) -> int | None:
    """The column of the first cell of the record at ``at`` whose text is longer than ``limit``
    (a quoted cell counted with its quotes), or None."""
    if delimiter in '"\r\n':
        return None
    d = re.escape(delimiter)
    # A quoted cell (line breaks and doubled quotes inside), then what follows its closing quote
    # up to the delimiter; or a cell without quotes. Possessive: no backtracking over 64 MiB.
    cell = re.compile(rf'"(?:[^"]++|"")*+"?[^{d}\r\n]*+|[^{d}\r\n]*+')
    column = 0
    while (found := cell.match(text, at)) is not None:
        if found.end() - at > limit:
            return column
        at = found.end()
        if text[at : at + 1] != delimiter:
            return None  # the record ends
        at, column = at + 1, column + 1
    return None


def _closed(text: str, delimiter: str, file: str, line: int) -> None:
    """A located UserError when the record ``text`` (the file's last, from ``line``) opens a
    quote it never closes; any other finding of the strict reader is let pass."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if str(exc) == "unexpected end of data":
            raise UserError(say("csv.malformed", reason=csv_reason(exc)), file, line) from None


def _delimiter(
    line: str,
    file: str,
    number: int,
    score: Callable[[list[str]], int],
    delimiters: Sequence[str] = DELIMITERS,
) -> tuple[str, int]:
    """The delimiter under which a header row makes the most sense, and its score (0: none)."""
    scores = {}
    for delimiter in delimiters:
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except csv.Error as exc:
            if _FIELD_LIMIT.fullmatch(str(exc)):
                raise _too_large(line, 0, delimiter, file, number) from None
            raise UserError(say("csv.malformed", reason=csv_reason(exc)), file, number) from None
        scores[delimiter] = score(cells)
    best = max(delimiters, key=lambda d: scores[d])  # ties keep the first: comma
    return best, scores[best]


_QUOTE_THEN = LazyPattern(r"^'(.)' expected after '\"'$")


def csv_reason(exc: csv.Error) -> str:
    """What the csv module found, in the run's language (its two common findings; any other
    in its own words)."""
    text = str(exc)
    if text == "unexpected end of data":
        return say("csv.end_in_quotes")  # a quote opened and never closed
    if found := _QUOTE_THEN.match(text):
        return say("csv.after_quote", delimiter=found.group(1))
    return text


def other_delimiter(cell: str) -> str | None:
    """A delimiter inside a lone cell: the row was written with another one than the header."""
    shown = {"\t": "tab"}
    return next((shown.get(d, d) for d in DELIMITERS if d in cell), None)
