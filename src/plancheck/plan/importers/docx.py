"""Word .docx: the paragraphs as lines of text, and each table as a grid of cell texts.

python-docx (the optional extra ``docx``) is imported only here. A cell merged over several rows
or columns reads as its text in each of them, so a category merged down the table is carried
down as it is; a heading row merged across the table is a category too (``table.from_grid``).
"""

from __future__ import annotations

from pathlib import Path

from plancheck.errors import UserError
from plancheck.plan.importers.table import Grid, RowName

EXTRA_HINT = "pip install 'plancheck[docx]'"


def read_docx(path: Path) -> tuple[list[str], list[str], list[Grid]]:
    """(paragraph lines, where each line is, the tables' grids) in document order."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise UserError(
            f"reading Word documents needs the optional extra 'docx': {EXTRA_HINT}", path
        ) from None
    from plancheck.textfile import read_bytes

    data = read_bytes(path)  # refuses directories, FIFOs and oversized files first
    import io

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and package errors of several kinds
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise UserError(f"not a readable Word .docx file: {reason}", path) from None
    lines: list[str] = []
    where: list[str] = []
    grids: list[Grid] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            for part in block.text.splitlines() or [""]:
                lines.append(part)
                where.append(f"paragraph {len(where) + 1}")
        elif isinstance(block, Table):
            number = len(grids) + 1
            grid = [[c.text for c in row.cells] for row in block.rows]
            names = [f"table {number} row {r + 1}" for r in range(len(grid))]
            grids.append((grid, RowName(names)))
    return lines, where, grids
