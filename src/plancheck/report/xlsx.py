"""``-f xlsx``: the rows of ``-f csv`` as a workbook a statistician opens and filters.

One sheet of results (a second and further sheets when there are more than Excel's 1,048,575 data
rows), the header row frozen and bold, an autofilter over every column, column widths to read
by; the year, the figure and the goal are numbers (blank when there is none), everything else
text (written as strings: nothing in a cell is ever read as a formula). Written by xlsxwriter in
its constant-memory mode (rows streamed to the file in order); a fixed creation date and
xlsxwriter's fixed zip timestamps make the same input give the same bytes.

An Excel cell holds 32,767 characters (UTF-16 units) at most: a longer text (a note pasted from
a report) is cut to fit and ends with a mark saying so, ``…（已截断：…）``, in the cell itself,
where the person reading the workbook sees it (``-f csv`` keeps the whole text).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

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
        write_string, write_number = None, None

        def cut(line: int, col: int, text: str) -> None:
            """Write again a cell xlsxwriter cut at the limit (its write said -2), marked."""
            assert write_string is not None
            write_string(line, col, truncated(text, lang))

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
                write_string, write_number = sheet.write_string, sheet.write_number
                written = 0
            written += 1
            (unit, year, number, name_, binding, target, status, value, goal, reference, rank, why,
             note) = row  # fmt: skip
            assert write_string is not None and write_number is not None
            # A write returns 0, or -2 when it cut the text at the cell limit: then it is
            # written again with the mark (a test of the value returned, no work per cell).
            if write_string(written, 0, unit):
                cut(written, 0, unit)
            write_number(written, 1, year)
            if write_string(written, 2, number):
                cut(written, 2, number)
            if write_string(written, 3, name_):
                cut(written, 3, name_)
            if write_string(written, 4, binding):
                cut(written, 4, binding)
            if write_string(written, 5, target):
                cut(written, 5, target)
            if write_string(written, 6, status):
                cut(written, 6, status)
            if value is not None:
                write_number(written, 7, value)
            if goal is not None:
                write_number(written, 8, goal)
            if reference is not None:
                write_number(written, 9, reference)
            if rank is not None:
                write_number(written, 10, rank)
            if write_string(written, 11, why):
                cut(written, 11, why)
            if note and write_string(written, 12, note):
                cut(written, 12, note)
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


def truncated(text: str, lang: str) -> str:
    """``text`` cut to fit one cell with the mark that says so at its end: the whole within
    ``CELL_LIMIT`` UTF-16 units, never half of a character outside the Basic Multilingual Plane."""
    mark = label("cell_truncated", lang, limit=f"{CELL_LIMIT:,}", length=f"{len(text):,}")
    room = CELL_LIMIT - len(mark.encode("utf-16-le")) // 2
    # A surrogate pair cut in two leaves its first half, which decoding leaves out.
    return text.encode("utf-16-le")[: 2 * room].decode("utf-16-le", errors="ignore") + mark
