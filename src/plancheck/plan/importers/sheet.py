"""Spreadsheets and CSV: the indicator table as a grid; rows above the header give the title.

.xlsx/.xlsm are read with python-calamine (the optional extra ``xlsx``, shared with Excel
submissions: ``submission/read_xlsx.py``, and checked first in the same way), the first visible
sheet that holds an indicator table (hidden sheets are not read); merged cells read as empty
below or beside their first cell, so categories are carried down. CSV and TSV
files are decoded and split into records like submissions (UTF-8, GB18030, UTF-16; each row
named by the line it starts on), with the first delimiter under which a row reads as the header.
"""

from __future__ import annotations

from pathlib import Path

from plancheck.plan.importers.table import Grid, RowName, header_at, located


def read_grid(path: Path) -> tuple[list[str], list[str], list[Grid]]:
    """(lines for the title and period, where each is, the grids) of a spreadsheet or CSV."""
    csv_file = path.suffix.lower() in (".csv", ".tsv")
    grids = [_csv_grid(path)] if csv_file else _sheets(path)
    lines: list[str] = []
    where: list[str] = []
    for grid, name in grids:
        for i, row in enumerate(grid):
            if header_at(grid, i) is not None:
                break
            text = " ".join(c.strip() for c in row if c.strip())
            if text:
                lines.append(text)
                where.append(name(i))
    return lines, where, grids


def _csv_grid(path: Path) -> Grid:
    """The grid of the first delimiter under which a row reads as the table's header, each row
    named by the line it starts on (a quoted cell may span lines)."""
    from plancheck.errors import UserError
    from plancheck.submission.read_csv import numbered_records
    from plancheck.textfile import read_text

    text = read_text(path)
    for delimiter in (",", "\t", ";", "|"):
        numbered: list[tuple[int, list[str]]] = []
        try:
            numbered.extend(numbered_records(text, delimiter, str(path), strict=False))
        except UserError:  # a quote never closed: the table's, if this delimiter splits it
            if _has_header(numbered):
                raise
            continue
        if _has_header(numbered):
            names = [located(path.name, n) for n, _ in numbered]
            return [row for _, row in numbered], RowName(names)
    return [], RowName([])


def _has_header(numbered: list[tuple[int, list[str]]]) -> bool:
    """Does a row of the CSV's records start an indicator table's header (``header_at``)?"""
    rows = [row for _, row in numbered]
    return any(header_at(rows, i) is not None for i in range(len(rows)))


def _sheets(path: Path) -> list[Grid]:
    from plancheck.submission.read_xlsx import ExcelBook, cell_ref

    book = ExcelBook(path, purpose="a plan's indicator table")
    grids: list[Grid] = []
    for name in book.visible() or [book.choose().name]:  # choose() says there is none visible
        grid, _ = book.grid(name)
        refs = [located(path.name, r + 1, cell_ref(name, r + 1, 0)) for r in range(len(grid))]
        grids.append((grid, RowName(refs)))
    return grids
