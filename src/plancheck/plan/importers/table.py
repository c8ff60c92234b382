"""An indicator table → rows of cells (类别 / 序号 / 指标 / 属性 / 单位 / 2020年 / 2025年 / 年均/累计).

Shapes: a grid (a Word or Excel table, a CSV file, text rows split at tabs, ``|`` or runs of
spaces: ``text_grids``), and the flattened text of a web page, where each cell stands on a line
of its own — every cell there, "—" in the empty ones (``from_cells``), or the empty ones gone
(``from_lines``). A category that spans rows is written once: merged down (Word, Excel), left
out of the rows after the first (a web page's copied rows), on a line of its own, sometimes
split over two ("依法" / "执政"), or as a heading row of its own ("一、经济发展", "**（二）绿色发展**",
merged across or in one cell: ``is_heading``); it is carried down to the rows under it. A name's
number ("1.", "（一）") is its id and a unit in its closing brackets ("（％）") its unit. The notes
printed under the table ("注：①〔〕内为5年累计数。②带*的为2019年数据。") are kept with it
(``footnotes``). Headers name the columns (``HEADERS``, the 年均/累计 column's variants, years);
a lone year beside 年均/累计 is told base or target by the plan's period (``header_columns``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field

from plancheck.i18n import say
from plancheck.kinds.phrasing import cn_number
from plancheck.plan.phrases import parse_target
from plancheck.record import record

# Column → the headers that name it (compared after NFKC and without spaces).
HEADERS: dict[str, tuple[str, ...]] = {
    "category": ("类别", "指标类别", "分类", "领域", "类型", "一级指标", "维度", "板块"),
    "id": ("序号", "编号", "序", "指标序号", "指标编号", "No.", "No"),
    "name": ("指标名称", "指标", "名称", "二级指标", "指标内容", "具体指标", "主要指标"),
    "attribute": ("属性", "指标属性", "性质", "指标性质", "指标类型"),
    "unit": ("单位", "计量单位", "指标单位"),
    "target": ("指标目标", "目标", "目标值", "规划目标", "预期目标", "目标任务"),
    "baseline": ("基期值", "基数", "现状值", "基准值", "基期", "现状"),
}
# The national tables' column of yearly averages and totals over the period (＞7, 〔13.5〕), as
# headers write it: 年均/累计, 年均, 累计, 五年累计, 年均增长, 年均增速, 年均增长[累计], 年均增长〔累计〕,
# 年均（累计）, 年均增长(%)… (compared folded, as HEADERS are).
_AVERAGE_HEADER = re.compile(
    r"^(?:五年)?(?:年均|累计)(?:增长率?|增速|增幅)?"
    r"(?:[/、]?[\[〔【(]?(?:五年)?累计(?:增长率?|增速|增幅)?[\]〕】)]?)?"
    r"(?:[(\[〔【](?:%|‰)[)\]〕】])?$"
)
FIELDS = (*HEADERS, "average")
# Keys of ``header_columns`` that are facts about the header, not columns.
HEADER_FACTS = ("target_year", "target_year_column", "baseline_year", "dated")
# Target headers that name the level for the end of the period, as 2025年 does (Table.dated).
DATED_TARGETS = ("目标值", "期末值", "规划目标值", "末期值")
_YEAR_HEADER = re.compile(r"^(?P<year>\d{4})年?(?:底|末)?(?P<what>目标值?|基数|基期值?|现状值?)?$")
_ALIASES = {
    unicodedata.normalize("NFKC", alias).casefold(): column
    for column, aliases in HEADERS.items()
    for alias in aliases
}
ATTRIBUTES = {"约束性": True, "预期性": False}
# What a table writes in a cell it leaves empty (compared after NFKC and without spaces).
EMPTY = frozenset(("", "—", "——", "-", "--", "–", "/", "无", "不适用"))
# Marks a cell may carry, explained by the notes under the table (notes.py).
MARKS = "*＊#＃※△▲☆★①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
FOOTNOTE = re.compile(r"^[>*_\s]*(?:注|备注|说明)\s*[:\uff1a]|^[①②③④⑤⑥⑦⑧⑨⑩]")
# A line that goes on with the notes: "②…", "2.…", "(2)…".
NUMBERED_NOTE = re.compile(
    r"^\s*(?:[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|\(?\d{1,2}[).、．]|[\uff08]\d{1,2}[\uff09])"
)
# A name's number: "1." / "1、" / "（一）" / "一、" (not "3岁以下…" nor "1.5倍").
NUMBER_PREFIX = re.compile(
    r"^\s*(?:(?P<digits>\d{1,3})\s*[.．、](?!\d)|[(\uff08]\s*(?P<bracketed>[一二三四五六七八九十]+|\d{1,3})"
    r"\s*[)\uff09]|(?P<chinese>[一二三四五六七八九十]+)\s*、)\s*(?=\S)"
)
_UNIT_BRACKET = re.compile(
    r"[(\uff08](?:单位[:\uff1a]\s*)?(?P<unit>[^()\uff08\uff09]{1,10})[)\uff09]\s*$"
)
# The last character of a unit of measure: 件, 人, 亿吨标准煤, 个/万人…
_MEASURES = "元吨人个件岁年天日时米亩次户所张床分项家名座处台辆套本篇克升瓦煤%‰"


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace()).casefold()


def is_empty(text: str) -> bool:
    """ "—", "-", "/" and blank say a cell is empty."""
    return fold(text) in EMPTY


def binding_of(attribute: str) -> bool | None:
    """约束性 (or 约束性指标, 约束) → True; 预期性 → False; anything else None."""
    key = fold(attribute).removesuffix("指标")
    for word, binding in ATTRIBUTES.items():
        if key in (word, word[:2]):
            return binding
    return None


class RowName:
    """Names row ``i`` of a grid for messages, where the source has it: 't.csv:12',
    'plan.docx: table 1 row 3', 't.xlsx:5: Sheet1!A5' (``located``)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)

    def __call__(self, i: int) -> str:
        return self.names[i] if i < len(self.names) else f"row {i + 1}"


Grid = tuple[list[list[str]], RowName]


def located(source: str, line: int | None = None, place: str = "") -> str:
    """Where something of the source is, for messages, as locations are written: 't.csv:12'
    (a line), 't.xlsx:5: Sheet1!A5' (a line and its cell), 'plan.docx: table 1 row 3'."""
    head = source if line is None else f"{source}:{line}"
    return f"{head}: {place}" if place else head


@record
class Row:
    """One indicator's cells as the table writes them, and where the row is."""

    where: str
    category: str
    id: str
    name: str  # without its number and without a unit in closing brackets
    attribute: str
    unit: str  # the unit column's cell
    target_text: str  # the target (or target-year) column's cell
    baseline: str = ""
    baseline_year: int | None = None
    average: str = ""  # the 年均/累计 column's cell
    average_header: str = ""  # that column's header, as written (年均/累计, 年均增长（%）…)
    written_name: str = ""  # the name cell without its number, as written (with its unit)
    name_unit: str = ""  # the unit the name's brackets give
    unread: tuple[tuple[str, str], ...] = ()  # (header, cell) of the columns no field reads


@record
class Table:
    rows: list[Row]
    notes: list[str]
    target_year: int | None = None  # from a header such as 2025年目标
    year_header: str = ""  # that header, as written
    # The target column names the end of the period (2025年, 2025年目标, 目标值): a level in it
    # is reached by then. A plain 指标目标 column says nothing about when.
    dated: bool = False
    footnotes: list[str] = field(default_factory=list)  # the notes under the table, as lines
    # The rows of its grid (lines of a text) the table takes, from its header to its last row
    # or note, both included: none of them is the document's text (a heading row among them is
    # a category, not a chapter).
    span: tuple[int, int] | None = None


def cell(text: str) -> str:
    """A cell's text on one line: lines joined without spaces (Chinese), ends trimmed."""
    return "".join(part.strip() for part in text.splitlines())


def split_name(text: str) -> tuple[str, str, str, str]:
    """The name cell → (number, name, unit, as written without the number).

    "1.国内生产总值（GDP）增长（％）" → ("1", "国内生产总值（GDP）增长", "%", "国内生产总值（GDP）增长（％）").
    """
    number = ""
    if found := NUMBER_PREFIX.match(text):
        digits = found["digits"] or found["bracketed"] or found["chinese"]
        value = cn_number(unicodedata.normalize("NFKC", digits))
        number = str(value) if value is not None else ""
        text = text[found.end() :]
    written = text.strip()
    name, unit = written, ""
    if (bracket := _UNIT_BRACKET.search(written)) and bracket.start() > 0:
        inner = "".join(unicodedata.normalize("NFKC", bracket["unit"]).split())
        if inner and not any(ch.isdigit() for ch in inner) and inner[-1] in _MEASURES:
            name, unit = written[: bracket.start()].rstrip(), inner
    return number, name, unit, written


def numbered(text: str) -> bool:
    """Does the cell start like a numbered name ("2.全员劳动生产率增长")? A category may start
    with 一、 or （一）, a name's number in figures is the start of a row."""
    found = NUMBER_PREFIX.match(text)
    return found is not None and found["digits"] is not None


def column_named(key: str) -> str | None:
    """The field a header (folded) names, if any; a year (2025年) is told by ``header_columns``."""
    if (column := _ALIASES.get(key)) is not None:
        return column
    if _AVERAGE_HEADER.match(key):
        return "average"
    if "目标" in key:
        return "target"
    if "基期" in key or "现状" in key:
        return "baseline"
    return None


def header_columns(
    cells: Sequence[str], period: tuple[int, int] | None = None
) -> dict[str, int] | None:
    """Column of each known field when ``cells`` is an indicator table's header, else None.

    Besides columns: ``target_year``/``baseline_year`` (the years the headers name; the
    column of the first: ``target_year_column``) and ``dated`` (1 when the target column names
    the end of the period). ``period``: the plan's, when the title or --period says it.
    """
    found: dict[str, int] = {}
    years: list[tuple[int, int, str]] = []
    for col, raw in enumerate(cells):
        key = fold(raw)
        if (match := _YEAR_HEADER.match(key)) and _ALIASES.get(key) is None:
            years.append((int(match.group("year")), col, match.group("what") or ""))
            continue
        column = column_named(key)
        if column == "average" and "average" in found and "totals" not in found:
            found["totals"] = col  # 年均 and 累计 side by side: a row fills one or the other
        elif column is not None and column not in found:
            found[column] = col
            if column == "target" and key in DATED_TARGETS:
                found["dated"] = 1
    for year, col, what in sorted(years):
        # Two year columns: the earlier is the baseline, the later the target.
        if what.startswith("目标") or (
            years[-1][1] == col and "target" not in found and not _base_year(years, found, period)
        ):
            if "target" not in found:
                found["target"] = col
                found["dated"] = 1
            if "target_year" not in found:
                found["target_year"], found["target_year_column"] = year, col
        else:
            found.setdefault("baseline", col)
            found.setdefault("baseline_year", year)
    targets = "target" in found or "average" in found
    if "name" in found and targets and len(set(found) & set(FIELDS)) >= 3:
        return found
    return None


def _base_year(
    years: Sequence[tuple[int, int, str]], found: dict[str, int], period: tuple[int, int] | None
) -> bool:
    """Is a lone year column (2020年) beside a 年均/累计 column the base year? It is unless the
    plan's period, when known, makes it the target year: both a 2020年 base and a 2025年 target
    stand beside such a column, and the year alone cannot tell (the 13th plan's ended in 2020)."""
    if len(years) != 1 or years[0][2] or "average" not in found:
        return False
    return period is None or years[0][0] < period[0]


def make_row(
    where: str,
    category: str,
    cells: dict[str, str],
    baseline_year: int | None,
    unread: tuple[tuple[str, str], ...] = (),
    average_header: str = "",
    totals_header: str = "",
) -> Row:
    """A row from its cells by field (the name split into number, name and unit), and the
    cells of the columns no field reads, by header. A table with a 年均 and a 累计 column side
    by side (``totals_header``: the second's) reads a row's average from the one it fills."""
    number, name, name_unit, written = split_name(cells.get("name", ""))
    average = cells.get("average", "")
    if is_empty(average) and not is_empty(cells.get("totals", "")):
        average, average_header = cells["totals"], totals_header
    row_id = unicodedata.normalize("NFKC", cells.get("id", "")).strip().rstrip(".、")
    return Row(
        where=where,
        category=category,
        id=row_id or number,
        name=name,
        attribute=cells.get("attribute", ""),
        unit=cells.get("unit", ""),
        target_text=cells.get("target", ""),
        baseline=cells.get("baseline", ""),
        baseline_year=baseline_year,
        average=average,
        average_header=average_header,
        written_name=written if written != name else "",
        name_unit=name_unit,
        unread=unread,
    )


def from_grid(
    grid: Sequence[Sequence[str]],
    where: Callable[[int], str],
    period: tuple[int, int] | None = None,
) -> Table | None:
    """Rows of the first indicator table in ``grid``; None when no row is its header.

    ``where(i)`` names row ``i`` of the grid for messages ("line 12", "table 1 row 3", "A5");
    ``period`` is the plan's, when known (``header_columns``).
    """
    header, columns, start = next(
        (found for i in range(len(grid)) if (found := header_at(grid, i, period)) is not None),
        ([], None, 0),
    )
    if columns is None:
        return None
    width = len(header)
    rows: list[Row] = []
    notes: list[str] = []
    footnotes: list[str] = []
    category = ""
    fields = _fields(columns)
    headers = [cell(c) for c in header]
    unread_columns = [
        (col, header)
        for col, header in enumerate(headers)
        if header and (col >= len(fields) or fields[col] is None)
    ]

    last = start  # the table's last row (or note) in the grid
    for i in range(start + 1, len(grid)):
        values = _aligned([cell(c) for c in grid[i]], columns, width)
        filled = [v for v in values if v]
        if not filled:
            continue
        if header_columns(values) is not None:
            continue  # the header repeated at a page break
        if FOOTNOTE.match(filled[0]):
            footnotes, offset = _footnotes(
                ["".join(c for c in (cell(x) for x in r) if c) for r in grid[i:]]
            )
            last = i + offset
            break
        if len(filled) == 1 and (filled[0].startswith("#") or "。" in filled[0][:-1]):
            break  # a heading or a paragraph of the text after the table
        by_field = {f: values[col] for col, f in enumerate(fields) if f and col < len(values)}
        if len(set(filled)) == 1 and (
            len(filled) > 1 or not by_field.get("name") or is_heading(filled[0])
        ):
            # A heading row: merged across the table (Word), or its one cell a heading
            # ("一、经济发展", "**二、绿色发展**"), wherever it stands.
            category = _category_name(filled[0])
            continue
        if by_field.get("category"):
            category = _category_name(by_field["category"])
        if not by_field.get("name"):
            notes.append(say("import.row_skipped", where=where(i)))
            last = i
            continue
        unread = tuple(
            (header, values[col])
            for col, header in unread_columns
            if col < len(values) and not is_empty(values[col])
        )
        rows.append(make_row(where(i), category, by_field, columns.get("baseline_year"), unread,
                             _average_header(headers, columns),
                             _average_header(headers, columns, "totals")))  # fmt: skip
        last = i
    return _table(rows, notes, columns, footnotes, headers, (start, last))


def header_at(
    grid: Sequence[Sequence[str]], i: int, period: tuple[int, int] | None = None
) -> tuple[Sequence[str], dict[str, int], int] | None:
    """The header starting at row ``i`` of ``grid``, its columns and its last row, or None when
    row ``i`` starts none. A header may stand over two rows: a cell merged across some columns
    (指标值, 规划目标) over their names (2020年, 2025年), the other cells merged down both rows
    (repeated in the lower one) or left empty there (a markdown table's |---| may stand between
    the two). It is then read by the lower row's names — a year above (2025年) kept with its
    name below (目标值) — when that row names more columns."""
    found = header_columns(grid[i], period)
    lower = i + 1
    while lower < len(grid) and not grid[lower]:  # markdown's |---|
        lower += 1
    if lower < len(grid) and (merged := _over_two_rows(grid[i], grid[lower])) is not None:
        both = header_columns(merged, period)
        if (
            both is not None
            and (found is None or _named(both) > _named(found))
            # The upper row names the indicator column (指标) too: else it is a title.
            and both["name"] < len(grid[i])
            and merged[both["name"]] == cell(grid[i][both["name"]])
        ):
            return merged, both, lower
    return None if found is None else (grid[i], found, i)


def _named(columns: dict[str, int]) -> int:
    """How many of a table's fields a header names."""
    return len(set(columns) & set(FIELDS))


def _over_two_rows(upper: Sequence[str], lower: Sequence[str]) -> list[str] | None:
    """The header's names when ``lower`` is the second row of a header over two rows: each of
    its cells empty, as above, or a column's name (a year, 目标值, 基期值…); None otherwise
    (a row of figures, a category, a repeated header)."""
    above = [cell(c) for c in upper]
    below = [cell(c) for c in lower]
    names: list[str] = []
    lower_names = False
    for col in range(max(len(above), len(below))):
        top = above[col] if col < len(above) else ""
        name = below[col] if col < len(below) else ""
        if not name or name == top:
            names.append(top)
            continue
        if not (_YEAR_HEADER.match(fold(name)) or column_named(fold(name))):
            return None
        lower_names = True
        names.append(top + name if _YEAR_HEADER.match(fold(top)) else name)
    return names if lower_names else None


def _average_header(headers: Sequence[str], columns: dict[str, int], field: str = "average") -> str:
    """The 年均/累计 column's header, as written ("" when the table has none); ``field``
    "totals": the second such column's, beside it (年均, 累计)."""
    col = columns.get(field)
    return headers[col] if col is not None and col < len(headers) else ""


def _fields(columns: dict[str, int]) -> list[str | None]:
    """The field of each column of the header, in order (None: a column plancheck ignores)."""
    placed = {col: name for name, col in columns.items() if name not in HEADER_FACTS}
    width = max(placed, default=-1) + 1
    return [placed.get(col) for col in range(width)]


def _table(
    rows: list[Row],
    notes: list[str],
    columns: dict[str, int],
    footnotes: list[str],
    headers: Sequence[str],
    span: tuple[int, int] | None = None,
) -> Table:
    """The table of ``rows`` under the header ``headers`` (its cells, as written), over the
    rows ``span`` of its grid or text."""
    year = columns.get("target_year")
    header = headers[columns["target_year_column"]] if year is not None else ""
    return Table(rows, notes, year, header, "dated" in columns, footnotes, span)


def _aligned(values: list[str], columns: dict[str, int], width: int) -> list[str]:
    """A row copied from a web page lacks the category cell that spans the rows above it: put
    an empty one in its place, so that each cell stands under its header."""
    category = columns.get("category")
    if category is None or len(values) != width - 1:
        return values
    shifted = [*values[:category], "", *values[category:]]
    attribute = columns.get("attribute")
    if attribute is not None:
        # Where the attribute (约束性/预期性) lands tells: else a cell at the end is missing.
        return shifted if binding_of(shifted[attribute]) is not None else values
    first = values[category] if category < len(values) else ""
    return shifted if numbered(first) or _number(first).isdigit() else values


def text_grids(lines: Sequence[str], where: Sequence[str]) -> Iterator[Grid]:
    """A text's lines as grids, by each way a copied table separates its cells: tabs or ``|``
    (a markdown table), runs of two or more spaces (or an ideographic space), single spaces.
    ``where[n]`` names line n (from 0) for messages."""
    names = RowName(where)
    yield [_tab_cells(line) for line in lines], names
    yield (
        [re.split(r"\s{2,}|\u3000", line.strip()) if line.strip() else [] for line in lines],
        names,
    )
    yield [line.split() for line in lines], names


def _tab_cells(line: str) -> list[str]:
    """A line's cells split at tabs (a leading tab is an empty first cell) or at ``|``."""
    text = line.strip(" \r\n\u3000")
    if "\t" in text:
        return [c.strip() for c in text.split("\t")]
    if "|" in text:
        # One "|" at each end, not a run: a row's first or last cells may be empty (|||2020年|).
        text = text.removeprefix("|").removesuffix("|")
        cells = [c.strip() for c in text.split("|")]
        return [] if all(set(c) <= set("-: ") for c in cells) else cells  # markdown's |---|
    return [line]


def _footnotes(texts: Sequence[str]) -> tuple[list[str], int]:
    """The notes under a table: the line "注：…", and the numbered lines that follow it; and
    the offset in ``texts`` of the last of them."""
    first = texts[0].strip()
    found = [first]
    last = 0
    for k, text in enumerate(texts[1:], start=1):
        if not text.strip():
            continue
        if not NUMBERED_NOTE.match(text):
            break
        found.append(text.strip())
        last = k
    return found, last


def is_heading(text: str) -> bool:
    """Is a row's one cell a heading of the rows under it: a Chinese ordinal ("一、经济发展",
    "（二）绿色发展") or bold ("**绿色发展**")? A name's number in figures ("1.") is not one."""
    plain = text.strip()
    return bool(_BOLD.match(plain) or _ORDINAL.match(_BOLD.sub(r"\g<text>", plain)))


def _category_name(text: str) -> str:
    """依法 执政 → 依法执政; 一、依法执政 → 依法执政; **二、绿色发展** → 绿色发展."""
    joined = _BOLD.sub(r"\g<text>", "".join(text.split()))
    return _ORDINAL.sub("", joined)


# A heading's Chinese ordinal, and markdown's bold around a cell.
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.\uff0e]|[(\uff08]\s*[一二三四五六七八九十]+\s*[)\uff09])\s*(?=\S)"
)
_BOLD = re.compile(r"^(\*\*|__)(?P<text>.+)\1$")


# --- the flattened table of a web page's text --------------------------------------------------

_END = re.compile(
    r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+章|[(\uff08][一二三四五六七八九十]+[)\uff09]|\d+[.、\uff0e][^\d\s]|注[:\uff1a]|备注|附件)"
)
_UNIT = re.compile(r"^[^\d\s]{0,6}$")
COMMON_UNITS = frozenset(
    ("个", "家", "人", "次", "件", "项", "元", "万元", "亿元", "分", "天", "日", "小时", "岁", "年",
     "户", "所", "座", "处", "公里", "平方米", "亩", "吨", "名", "人次", "万人次", "次/年", "人/万人",
     "个/万人", "张/千人", "万人")
)  # fmt: skip


def from_cells(
    lines: Sequence[str], where: Sequence[str], period: tuple[int, int] | None = None
) -> Table | None:
    """Rows of an indicator table one cell per line, every cell there ("—" in the empty ones),
    as a web page's text gives a table that prints a dash in its empty cells.

    Each row has a cell per column of the header, except the category, written only on the
    first row of its group (sometimes over two lines: "依法" / "执政"). A row is read only when
    every cell fits its column (an attribute is 约束性/预期性, a baseline a number…); a table
    where one does not is not of this shape (None) — ``from_lines`` reads tables whose empty
    cells are gone.
    """
    cells = _cells(lines)
    found = _header_end(cells, period)
    if found is None:
        return None
    i, columns, width = found
    headers = [text for _, text in cells[i - width : i]]
    first = last = cells[i - width][0] - 1  # the lines the table takes (from 0)
    fields = _fields(columns) + [None] * width
    fields = fields[:width]
    if "attribute" not in columns and "id" not in columns:
        return None  # nothing to tell a row's cells from the next row's
    rows: list[Row] = []
    footnotes: list[str] = []
    category = ""
    while i < len(cells):
        text = cells[i][1]
        if FOOTNOTE.match(text):
            footnotes, offset = _footnotes([t for _, t in cells[i:]])
            last = cells[i + offset][0] - 1
            break
        read = _row_cells(cells, i, fields)
        if read is None and is_heading(text) and _row_cells(cells, i + 1, fields) is not None:
            category = _category_name(text)  # a heading line over the rows that follow it
            i += 1
            continue
        if read is None:
            if rows and (_END.match(text) or len(text) > 30):
                break  # the text after the table
            return None
        by_field, used = read
        if by_field.get("category"):
            category = _category_name(by_field["category"])
        here = where[cells[i][0] - 1]
        rows.append(make_row(here, category, by_field, columns.get("baseline_year"),
                             average_header=_average_header(headers, columns),
                             totals_header=_average_header(headers, columns, "totals")))  # fmt: skip
        last = cells[i + used - 1][0] - 1
        i += used
    return _table(rows, [], columns, footnotes, headers, (first, last)) if rows else None


def _row_cells(
    cells: Sequence[tuple[int, str]], i: int, fields: Sequence[str | None]
) -> tuple[dict[str, str], int] | None:
    """The row at ``i`` by field, and how many lines it takes; None when no reading fits."""
    texts = [text for _, text in cells[i : i + len(fields) + 1]]
    candidates: list[list[str]] = [texts[: len(fields)]]
    if "category" in fields:
        at = fields.index("category")
        candidates.append([*texts[:at], "", *texts[at : len(fields) - 1]])  # left out
        if at == 0:
            candidates.append(["".join(texts[:2]), *texts[2 : len(fields) + 1]])  # over two lines
    for n, values in enumerate(candidates):
        if len(values) < len(fields):
            continue
        left_out = n == 1
        if all(
            _fits(f, v) or (left_out and f == "category")
            for f, v in zip(fields, values, strict=True)
        ):
            used = len(fields) - (1 if n == 1 else 0) + (1 if n == 2 else 0)
            return {f: v for f, v in zip(fields, values, strict=True) if f}, used
    return None


_NUMBER = re.compile(r"^[+\-]?\d+(?:\.\d+)?[%‰]?$")


def _fits(column: str | None, text: str) -> bool:
    """Can ``text`` be the cell of ``column`` (the check that keeps a row's cells in line)?"""
    plain = _number(text.strip().strip(MARKS))  # NFKC would make ① a 1
    if column == "attribute":
        return binding_of(text) is not None
    if binding_of(text) is not None or FOOTNOTE.match(text):
        return False
    if column == "category":
        return (
            not is_empty(text)
            and not _NUMBER.match(plain)
            and not numbered(text)
            and len(text) <= 15
        )
    if column == "id":
        return bool(re.fullmatch(r"[(]?(?:\d{1,3}|[一二三四五六七八九十]+)[.、)]?", plain))
    if column == "name":
        return not is_empty(text) and not _NUMBER.match(plain) and len(text) <= 60
    if column == "baseline":
        return is_empty(text) or bool(_NUMBER.match(plain))
    if column == "unit":
        return is_empty(text) or (
            len(text) <= 8
            and not any(ch.isdigit() for ch in text)
            and not parse_target(text, None).understood
        )
    if column in ("target", "average"):
        # A dash, a figure or a phrase the parser knows: a word such as 法治 is the next
        # row's category, and the row is not of this shape.
        return (
            len(text) <= 80
            and not numbered(text)
            and (
                is_empty(text) or any(ch.isdigit() for ch in text) or parse_target(text).understood
            )
        )
    return len(text) <= 80 and not numbered(text)


def from_lines(
    lines: Sequence[str], where: Sequence[str], period: tuple[int, int] | None = None
) -> Table | None:
    """Rows of an indicator table flattened to one cell per line (the seed's shape).

    A row is: its number (the next in sequence), its name (one line or more), its attribute
    (约束性/预期性), then its unit when there is one, its baseline when the header has a baseline
    column and the row fills it, and its target. Lines between a row's target and the next number
    are the category of the rows that follow.
    """
    cells = _cells(lines)
    found = _header_end(cells, period)
    if found is None:
        return None
    start, columns, width = found
    headers = [text for _, text in cells[start - width : start]]
    first = last = cells[start - width][0] - 1  # the lines the table takes (from 0)
    rows: list[Row] = []
    notes: list[str] = []
    footnotes: list[str] = []
    category_parts: list[str] = []
    category = ""
    expected = 1
    i = start

    def is_next(k: int) -> bool:
        return k < len(cells) and _number(cells[k][1]) == str(expected)

    while i < len(cells):
        number, text = cells[i]
        if not is_next(i) and not (not rows and _number(text).isdigit()):
            if FOOTNOTE.match(text):
                footnotes, offset = _footnotes([t for _, t in cells[i:]])
                last = cells[i + offset][0] - 1
                break
            if (_END.match(text) and not (is_heading(text) and is_next(i + 1))) or len(text) > 30:
                break  # the text after the table, not a heading over the rows that follow it
            category_parts.append(text)
            i += 1
            continue
        if category_parts:
            category = _category_name("".join(category_parts))
            category_parts = []
        row_id, here = _number(text), where[number - 1]
        expected = int(row_id) + 1
        i += 1
        name_parts: list[str] = []
        while i < len(cells) and binding_of(cells[i][1]) is None and len(name_parts) < 3:
            if is_next(i) or ("attribute" not in columns and name_parts):
                break
            name_parts.append(cells[i][1])
            i += 1
        attribute = ""
        if i < len(cells) and binding_of(cells[i][1]) is not None:
            attribute = cells[i][1]
            i += 1
        elif "attribute" in columns:
            notes.append(say("import.row_no_attribute", where=here, id=row_id))
        unit, baseline, target = "", "", ""
        has_baseline = "baseline" in columns
        if "unit" in columns and i < len(cells) and _is_unit(cells, i, expected, has_baseline):
            unit = cells[i][1]
            i += 1
        if "baseline" in columns and _is_baseline(cells, i, expected):
            baseline = cells[i][1]
            i += 1
        if i < len(cells) and not is_next(i) and not _END.match(cells[i][1]):
            target = cells[i][1]
            i += 1
        written = {"id": row_id, "name": "".join(name_parts), "attribute": attribute}
        written |= {"unit": unit, "target": target, "baseline": baseline}
        rows.append(make_row(here, category, written, columns.get("baseline_year")))
        last = cells[i - 1][0] - 1
    if category_parts:
        notes.append(say("import.after_table", text="".join(category_parts)))
    return _table(rows, notes, columns, footnotes, headers, (first, last)) if rows else None


def _cells(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The text's non-empty lines, each with its number (from 1)."""
    return [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]


def _number(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def header_line(lines: Sequence[str]) -> int | None:
    """The line (from 1) where a header of column names one per line starts, if any."""
    cells = _cells(lines)
    found = _header_end(cells)
    return None if found is None else cells[found[0] - found[2]][0]


def _header_end(
    cells: Sequence[tuple[int, str]], period: tuple[int, int] | None = None
) -> tuple[int, dict[str, int], int] | None:
    """After a header of known column names one per line: where the rows start, the columns,
    and how many there are."""
    for i in range(len(cells)):
        j = i
        while j < len(cells) and _is_header_cell(cells[j][1]):
            j += 1
        if j - i >= 3 and (columns := header_columns([text for _, text in cells[i:j]], period)):
            return j, columns, j - i
    return None


def _is_header_cell(text: str) -> bool:
    key = fold(text)
    return bool(_YEAR_HEADER.match(key)) or (len(key) <= 12 and column_named(key) is not None)


def _is_baseline(cells: Sequence[tuple[int, str]], i: int, next_id: int) -> bool:
    """A baseline cell is a number followed by the row's target (a number or a phrase)."""
    if i + 1 >= len(cells) or not re.match(r"^[\d.]+[%‰]?$", _number(cells[i][1])):
        return False
    following = cells[i + 1][1]
    if _number(following) == str(next_id) or _END.match(following):
        return False
    return bool(re.search(r"\d", following)) or parse_target(following, None).understood


def _is_unit(cells: Sequence[tuple[int, str]], i: int, next_id: int, baseline: bool) -> bool:
    """Is the cell after a row's attribute its unit (else it is the target; the unit is empty)?

    A unit is short, has no digits, and is not a target phrase; and a target follows it.
    """
    text = cells[i][1]
    if not _UNIT.match(text) or parse_target(text, None).understood:
        return False
    if not (set(text) & set("/%‰") or text in COMMON_UNITS or len(text) <= 2):
        return False
    if i + 1 >= len(cells):
        return False
    following = cells[i + 1][1]
    if _END.match(following):
        return False
    if _number(following) != str(next_id):
        return True
    # The next cell reads like the next row's number, yet is this row's baseline or target when
    # a target follows it, or the number comes again (a target of 2 before row 2).
    after = cells[i + 2][1] if i + 2 < len(cells) else ""
    return _number(after) == str(next_id) or (baseline and _is_baseline(cells, i + 1, next_id))
