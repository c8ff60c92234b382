"""Word .docx: the paragraphs as lines of text, and each table as a grid of cell texts.

python-docx (the optional extra ``docx``) is imported only here, and sees a document only after
``plancheck.ooxml`` checked its package and counted its XML. A cell merged over several rows
or columns reads as its text in each of them, so a category merged down the table is carried
down as it is; a heading row merged across the table is a category too (``table.from_grid``).
The notes printed under a table ("注：①〔〕内为5年累计数。") are read as the last rows of its grid.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plancheck.errors import missing_dependency
from plancheck.i18n import say
from plancheck.plan.importers.table import FOOTNOTE, NUMBERED_NOTE, Grid, RowName, located


def read_docx(path: Path) -> tuple[list[str], list[str], list[Grid]]:
    """(paragraph lines, where each line is, the tables' grids) in document order."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise missing_dependency("python-docx", "reading Word documents", path) from None
    from plancheck.ooxml import DOCUMENT, check_document, open_package

    package = open_package(path, DOCUMENT, "a plan document")
    check_document(package, "a plan document")
    lines: list[str] = []
    where: list[str] = []
    grids: list[Grid] = []
    try:  # python-docx raises zip, XML and package errors of several kinds, loading or reading
        document = docx.Document(io.BytesIO(package.data))
        numbers = _Numbering(document)
        # The notes under a table ("注：①…", and numbered lines after it) go with it, as rows of
        # its grid: "under" is what the paragraph after a table may be.
        under: re.Pattern[str] | None = None
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = numbers.label(block) + block.text
                for part in text.splitlines() or [""]:
                    lines.append(part)
                    where.append(located(path.name, None, say("import.paragraph",
                                                              n=len(where) + 1)))  # fmt: skip
                    if under is None or not part.strip():
                        continue
                    if under.match(part):
                        table, row_names = grids[-1]
                        table.append([part])
                        row_names.names.append(where[-1])
                        under = NUMBERED_NOTE
                    else:
                        under = None
            elif isinstance(block, Table):
                number = len(grids) + 1
                grid = table_grid(block._tbl)
                names = [
                    located(path.name, None, say("import.table_row", table=number, row=r + 1))
                    for r in range(len(grid))
                ]
                grids.append((grid, RowName(names)))
                under = FOOTNOTE
    except Exception as exc:
        raise package.unreadable(" ".join(str(exc).split()) or type(exc).__name__) from None
    return lines, where, grids


def table_grid(table: Any) -> list[list[str]]:
    """A w:tbl's rows of cell texts, as python-docx's ``row.cells`` gives them, in one pass: a
    cell spanning n columns (gridSpan) is n cells, and a cell continuing a vertical merge
    (vMerge) has the text of the cell it continues. (python-docx finds that cell again for
    every row, recursively: quadratic, and a RecursionError on a tall merge.)"""
    grid: list[list[str]] = []
    above: dict[int, str] = {}  # grid column where a cell of the row above starts → its text
    for tr in table.findall(f"{{{W}}}tr"):
        row: list[str] = []
        here: dict[int, str] = {}
        column = _number(tr.find(f"{{{W}}}trPr/{{{W}}}gridBefore"), 0)
        for tc in tr.findall(f"{{{W}}}tc"):
            properties = tc.find(f"{{{W}}}tcPr")
            span = max(_number(_child(properties, "gridSpan"), 1), 1)
            merge = _child(properties, "vMerge")
            if merge is not None and merge.get(f"{{{W}}}val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = "\n".join(p.text for p in tc.findall(f"{{{W}}}p"))
            here[column] = text
            row.extend([text] * span)
            column += span
        above = here
        grid.append(row)
    return grid


def _child(element: Any, name: str) -> Any:
    return None if element is None else element.find(f"{{{W}}}{name}")


def _number(element: Any, default: int) -> int:
    """A w:val="3" as 3 (``plancheck.ooxml.check_document`` bounded it); else the default."""
    value = "" if element is None else element.get(f"{{{W}}}val", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else default


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CHINESE = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 35 → 三十五, 101 → 一百零一, 1010 → 一千零一十; from 10,000
    in digits."""
    if n < 10:
        return _CHINESE[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CHINESE[tens]) + "十" + ("" if ones == 0 else _CHINESE[ones])
    if n >= 10_000:
        return str(n)
    digits, out, gap = str(n), "", False
    for place, digit in zip(range(len(digits) - 1, -1, -1), digits, strict=True):
        if digit == "0":
            gap = True
            continue
        out += ("零" if gap else "") + _CHINESE[int(digit)] + ("", "十", "百", "千")[place]
        gap = False
    return out


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
        # Each paragraph style's own pPr, by id, and the default style's: read once, because
        # python-docx's paragraph.style walks every style of the document for each paragraph.
        self.style_ppr: dict[str, Any] = {}
        self.default_ppr: Any = None
        try:
            styles = document.styles.element  # type: ignore[attr-defined]
        except (AttributeError, KeyError, NotImplementedError):
            styles = None
        for style in styles.findall(f"{{{W}}}style") if styles is not None else []:
            if style.get(f"{{{W}}}type") != "paragraph":
                continue
            ppr = style.find(f"{{{W}}}pPr")
            self.style_ppr.setdefault(style.get(f"{{{W}}}styleId", ""), ppr)
            if style.get(f"{{{W}}}default") in ("1", "true", "on"):
                self.default_ppr = ppr  # the last default style counts (python-docx, the spec)
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
                    _number(start, 1),
                    fmt.get(f"{{{W}}}val", "") if fmt is not None else "",
                    text.get(f"{{{W}}}val", "") if text is not None else "",
                )

    def label(self, paragraph: object) -> str:
        found = self._num_pr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        abstract = self.abstract.get(num_id)
        if abstract is None or (abstract, str(ilvl)) not in self.levels or not 0 <= ilvl < 9:
            return ""  # Word has levels 0 to 8
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

    def _num_pr(self, paragraph: object) -> tuple[str, int] | None:
        """numId and level of a paragraph's numbering, its own or its style's."""
        element = paragraph._p  # type: ignore[attr-defined]
        own = element.find(f"{{{W}}}pPr")
        style = own.find(f"{{{W}}}pStyle") if own is not None else None
        if style is None:
            style_ppr = self.default_ppr
        else:  # an unknown style id is the default style, as in python-docx and Word
            style_ppr = self.style_ppr.get(style.get(f"{{{W}}}val", ""), self.default_ppr)
        candidates = [own, style_ppr]
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
            return num_id, _number(lvl, 0)
        return None
