"""Word .docx: the paragraphs as lines of text, and each table as a grid of cell texts.

python-docx (the optional extra ``docx``) is imported only here. A cell merged over several rows
or columns reads as its text in each of them, so a category merged down the table is carried
down as it is; a heading row merged across the table is a category too (``table.from_grid``).
The notes printed under a table ("注：①〔〕内为5年累计数。") are read as the last rows of its grid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from plancheck.errors import UserError
from plancheck.plan.importers.table import FOOTNOTE, NUMBERED_NOTE, Grid, RowName

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
    numbers = _Numbering(document)
    # The notes under a table ("注：①…", and numbered lines after it) go with it, as rows of
    # its grid: "under" is what the paragraph after a table may be.
    under: re.Pattern[str] | None = None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = numbers.label(block) + block.text
            for part in text.splitlines() or [""]:
                lines.append(part)
                where.append(f"paragraph {len(where) + 1}")
                if under is None or not part.strip():
                    continue
                if under.match(part):
                    table_grid, row_names = grids[-1]
                    table_grid.append([part])
                    row_names.names.append(where[-1])
                    under = NUMBERED_NOTE
                else:
                    under = None
        elif isinstance(block, Table):
            number = len(grids) + 1
            grid = [[c.text for c in row.cells] for row in block.rows]
            names = [f"table {number} row {r + 1}" for r in range(len(grid))]
            grids.append((grid, RowName(names)))
            under = FOOTNOTE
    return lines, where, grids


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_CHINESE = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99)."""
    if n < 10:
        return _CHINESE[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CHINESE[tens]) + "十" + ("" if ones == 0 else _CHINESE[ones])


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalFullWidth": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": chinese_number,
    "chineseCountingThousand": chinese_number,
    "ideographTraditional": chinese_number,
    "taiwaneseCounting": chinese_number,
    "japaneseCounting": chinese_number,
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
}


class _Numbering:
    """The labels Word draws before automatically numbered paragraphs ("1.", "三、", "(一)").

    Word keeps them out of the text; a plan whose tasks are numbered this way would otherwise
    lose its task numbers. Counters run per list definition and level, a level restarting when
    a higher one advances. Bullets and unknown formats get no label.
    """

    def __init__(self, document: object) -> None:
        self.levels: dict[tuple[str, str], tuple[int, str, str]] = {}
        self.abstract: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (AttributeError, KeyError, NotImplementedError):
            return
        for num in root.findall(f"{{{W}}}num"):
            ref = num.find(f"{{{W}}}abstractNumId")
            if ref is not None:
                self.abstract[num.get(f"{{{W}}}numId", "")] = ref.get(f"{{{W}}}val", "")
        for abstract in root.findall(f"{{{W}}}abstractNum"):
            key = abstract.get(f"{{{W}}}abstractNumId", "")
            for lvl in abstract.findall(f"{{{W}}}lvl"):
                start = lvl.find(f"{{{W}}}start")
                fmt = lvl.find(f"{{{W}}}numFmt")
                text = lvl.find(f"{{{W}}}lvlText")
                self.levels[(key, lvl.get(f"{{{W}}}ilvl", "0"))] = (
                    int(start.get(f"{{{W}}}val", "1")) if start is not None else 1,
                    fmt.get(f"{{{W}}}val", "") if fmt is not None else "",
                    text.get(f"{{{W}}}val", "") if text is not None else "",
                )

    def label(self, paragraph: object) -> str:
        found = self._num_pr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract = self.abstract.get(num_id)
        if abstract is None or (abstract, str(ilvl)) not in self.levels:
            return ""
        counters = self.counters.setdefault(abstract, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        _, fmt, pattern = self.levels[(abstract, str(ilvl))]
        if fmt not in _FORMATS or not pattern:
            return ""
        label = pattern
        for level in range(ilvl + 1):
            start, level_fmt, _ = self.levels.get((abstract, str(level)), (1, fmt, ""))
            value = start - 1 + max(counters[level], 1)
            render = _FORMATS.get(level_fmt, str)
            label = label.replace(f"%{level + 1}", render(value))
        return label

    @staticmethod
    def _num_pr(paragraph: object) -> tuple[str, int] | None:
        """numId and level of a paragraph's numbering, its own or its style's."""
        element = paragraph._p  # type: ignore[attr-defined]
        candidates = [element.find(f"{{{W}}}pPr")]
        style = getattr(paragraph, "style", None)
        if style is not None:
            candidates.append(style.element.find(f"{{{W}}}pPr"))
        for ppr in candidates:
            if ppr is None:
                continue
            num_pr = ppr.find(f"{{{W}}}numPr")
            if num_pr is None:
                continue
            num = num_pr.find(f"{{{W}}}numId")
            lvl = num_pr.find(f"{{{W}}}ilvl")
            if num is None:
                continue
            num_id = num.get(f"{{{W}}}val", "")
            if num_id == "0":
                return None  # numbering switched off
            return num_id, int(lvl.get(f"{{{W}}}val", "0")) if lvl is not None else 0
        return None
