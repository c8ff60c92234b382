"""``-f xlsx``: the rows of ``-f csv`` as a workbook a statistician opens and filters.

One sheet of results (a second and further sheets when there are more than Excel's 1,048,575 data
rows), the header row frozen and bold, an autofilter over every column, column widths to read
by; the year, the figure and the goal are numbers (blank when there is none), everything else
text (written as strings: nothing in a cell is ever read as a formula). Written by xlsxwriter in
its constant-memory mode (rows streamed to the file in order); a fixed creation date and
xlsxwriter's fixed zip timestamps make the same input give the same bytes.

Fast at a national file's size: the header is written through xlsxwriter, the rows of results
as the XML xlsxwriter writes for them (``RowWriter``: its cell per call took 0.1 ms a result,
most of the time of a national file), a text's cell made once per distinct text; a row
xlsxwriter would refuse (a figure not finite) goes through xlsxwriter. tests/test_xlsx_rows.py
holds the two to each other, byte for byte. A text is always text: xlsxwriter writes one that
looks like rich-text markup (``<r>…</r>``) into the sheet as markup, this writes it escaped.

An Excel cell holds 32,767 characters (UTF-16 units) at most: a longer text (a note pasted from
a report) is cut to fit and ends with a mark saying so, ``…（已截断：…）``, in the cell itself,
where the person reading the workbook sees it (``-f csv`` keeps the whole text).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from plancheck.evaluate.models import Evaluation
from plancheck.report import Options
from plancheck.report.csv import COLUMNS, header, rows
from plancheck.report.labels import label
from plancheck.safetext import visible_controls

MAX_ROWS = 1_048_575  # data rows of an Excel sheet below its header
CELL_LIMIT = 32_767  # UTF-16 units in one cell: xlsxwriter cuts a longer string there, silently
WIDTHS = {"unit": 12, "year": 7, "indicator": 8, "name": 36, "binding": 10, "target": 18,
          "status": 10, "value": 10, "goal": 10, "reference": 10, "rank": 7, "reason": 70,
          "note": 30}  # fmt: skip


def render_evaluation(evaluation: Evaluation, options: Options) -> bytes:
    try:
        import xlsxwriter  # type: ignore[import-untyped]
    except ImportError:  # a core dependency: only a broken install lacks it
        from plancheck.errors import UserError

        raise UserError("writing a workbook needs xlsxwriter: pip install xlsxwriter") from None
    lang = options.lang
    with tempfile.TemporaryDirectory(prefix="plancheck-") as folder:
        path = Path(folder) / "results.xlsx"
        # constant_memory: each row is written out when the next begins (no cell kept).
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": folder})
        book.set_properties({"title": label("results_title", lang, title=evaluation.plan.info.title),
                             "created": dt.datetime(2000, 1, 1)})  # fmt: skip
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        names = header(lang)
        sheet = None
        written = 0
        count = 0
        writer: RowWriter | None = None
        for row in rows(evaluation, lang, visible_controls):
            if sheet is None or written == MAX_ROWS:
                if sheet is not None:
                    sheet.autofilter(0, 0, written, len(COLUMNS) - 1)
                count += 1
                name = label("results_sheet", lang) + (f" {count}" if count > 1 else "")
                sheet = book.add_worksheet(name)
                for col, column in enumerate(COLUMNS):
                    sheet.set_column(col, col, WIDTHS[column])
                    sheet.write_string(0, col, names[col], bold)
                sheet.freeze_panes(1, 0)
                writer = RowWriter(sheet, lang)
                written = 0
            written += 1
            assert writer is not None
            writer.write(written, row)
        if sheet is None:  # nothing listed (--only): the header alone
            sheet = book.add_worksheet(label("results_sheet", lang))
            for col, column in enumerate(COLUMNS):
                sheet.set_column(col, col, WIDTHS[column])
                sheet.write_string(0, col, names[col], bold)
            sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, written, len(COLUMNS) - 1)
        book.close()
        data = path.read_bytes()
        os.unlink(path)
    return data


# The cells of a row of results that are numbers (blank when None); the others are text (the
# note left out when empty).
_NUMBERS = frozenset({1, 7, 8, 9, 10})
_MEMO_MOST = 1 << 14  # distinct texts whose cell a sheet keeps made: a bound, whatever the texts
_LONG = CELL_LIMIT // 2  # a text this long or shorter fits a cell whatever its characters
_PATTERNS: dict[str, re.Pattern[str]] = {}
# What RowWriter uses of an xlsxwriter worksheet in constant-memory mode beyond its public calls.
_XLSXWRITER_OWN = ("fh", "table", "_write_single_row", "_check_dimensions", "previous_row")


def _pattern(name: str) -> re.Pattern[str]:
    found = _PATTERNS.get(name)
    if found is None:
        source = {"escape": "(_x[0-9a-fA-F]{4}_)", "control": "([\x00-\x08\x0b-\x1f])"}[name]
        found = _PATTERNS[name] = re.compile(source)
    return found


class RowWriter:
    """A sheet's rows of results written as the XML xlsxwriter writes for its ``write_string``
    and ``write_number`` in constant-memory mode, into the file it keeps a sheet's rows in:
    ``<row r="2">``, each cell ``<c r="A2" t="inlineStr"><is><t>text</t></is></c>`` or
    ``<c r="B2"><v>2023</v></c>``, a text with Excel's ``_xHHHH_`` for control characters."""

    def __init__(self, sheet: Any, lang: str) -> None:
        self.sheet, self.lang = sheet, lang
        self._cells: dict[str, str] = {}  # a text's cell after its reference, made once
        # The rows go straight into xlsxwriter's row file through names of its own (3.x); an
        # xlsxwriter without them has each cell written through its public calls instead.
        if not all(hasattr(sheet, name) for name in _XLSXWRITER_OWN):
            self.write = self._through_xlsxwriter  # type: ignore[method-assign]

    def write(self, line: int, row: tuple[Any, ...]) -> None:
        (unit, year, number, name, binding, target, status, value, goal, reference, rank, why,
         note) = row  # fmt: skip
        r = str(line + 1)
        got, text = self._cells.get, self._text  # a text's cell, made once
        out = [f'<row r="{r}"><c r="A{r}"', got(unit) or text(unit),
               f'<c r="B{r}"><v>{year:.16G}</v></c><c r="C{r}"', got(number) or text(number),
               f'<c r="D{r}"', got(name) or text(name),
               f'<c r="E{r}"', got(binding) or text(binding),
               f'<c r="F{r}"', got(target) or text(target),
               f'<c r="G{r}"', got(status) or text(status)]  # fmt: skip
        if value is not None:
            out.append(f'<c r="H{r}"><v>{value:.16G}</v></c>')
        if goal is not None:
            out.append(f'<c r="I{r}"><v>{goal:.16G}</v></c>')
        if reference is not None:
            out.append(f'<c r="J{r}"><v>{reference:.16G}</v></c>')
        if rank is not None:
            out.append(f'<c r="K{r}"><v>{rank:.16G}</v></c>')
        out += (f'<c r="L{r}"', got(why) or text(why))
        if note:
            out += (f'<c r="M{r}"', got(note) or text(note))
        out.append("</row>")
        xml = "".join(out)
        # A figure not finite (INF, NAN): xlsxwriter refuses it, as it always did. No text can
        # hold "</v>": it is escaped.
        if "F</v>" in xml or "N</v>" in xml:
            self._through_xlsxwriter(line, row)
            return
        sheet = self.sheet
        if sheet.table:  # the header, or a row written through xlsxwriter, not yet out
            sheet._write_single_row(line)
        sheet.fh.write(xml)
        sheet._check_dimensions(line, 0)  # the sheet's extent: its last row
        sheet.previous_row = line  # the row xlsxwriter holds: none, this one is out

    def _text(self, value: str) -> str:
        """A text's cell after ``<c r="…"``, as xlsxwriter writes it (cut at the cell limit,
        with the mark); kept for the next cells of the same text."""
        if len(value) > _LONG and len(value.encode("utf-16-le", "surrogatepass")) > 2 * CELL_LIMIT:
            return _inline(truncated(value, self.lang))  # a cell of its own: not kept
        cell = _inline(value)
        if len(value) <= 1000:
            if len(self._cells) >= _MEMO_MOST:
                self._cells.clear()
            self._cells[value] = cell
        return cell

    def _through_xlsxwriter(self, line: int, row: tuple[Any, ...]) -> None:
        sheet = self.sheet
        for col, value in enumerate(row):
            if col in _NUMBERS:
                if value is not None:
                    sheet.write_number(line, col, value)
            elif (col != 12 or value) and sheet.write_string(line, col, value):
                sheet.write_string(line, col, truncated(value, self.lang))  # -2: cut at the limit


def _inline(text: str) -> str:
    """``text``'s inline-string cell after its reference, as xlsxwriter writes it: a control
    character as ``_xHHHH_`` (and a ``_xHHHH_`` typed as ``_x005F_xHHHH_``), U+FFFE and
    U+FFFF likewise, ``xml:space="preserve"`` when white space begins or ends it."""
    if "_x" in text:
        text = _pattern("escape").sub(r"_x005F\1", text)
    text = _pattern("control").sub(_control, text)
    if "\ufffe" in text or "\uffff" in text:
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _control(found: re.Match[str]) -> str:
    return f"_x{ord(found.group(1)):04X}_"


def truncated(text: str, lang: str) -> str:
    """``text`` cut to fit one cell with the mark that says so at its end: the whole within
    ``CELL_LIMIT`` UTF-16 units, never half of a character outside the Basic Multilingual Plane."""
    mark = label("cell_truncated", lang, limit=f"{CELL_LIMIT:,}", length=f"{len(text):,}")
    room = CELL_LIMIT - len(mark.encode("utf-16-le")) // 2
    # A surrogate pair cut in two leaves its first half, which decoding leaves out.
    return text.encode("utf-16-le")[: 2 * room].decode("utf-16-le", errors="ignore") + mark
