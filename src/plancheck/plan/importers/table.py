"""An indicator table → rows of cells (类别 / 序号 / 指标名称 / 属性 / 单位 / 指标目标).

Two shapes: a grid (a Word or Excel table, a CSV file, a text table with tabs or ``|``), and the
flattened text of a web page, where each cell stands on a line of its own, empty cells are gone,
and a category that spans rows appears once, sometimes split over two lines ("依法" / "执政").
Either way a category is carried down to the rows under it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from plancheck.plan.phrases import parse_target

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
_YEAR_HEADER = re.compile(r"^(?P<year>\d{4})年?(?:底|末)?(?P<what>目标值?|基数|基期值?|现状值?)?$")
_ALIASES = {
    unicodedata.normalize("NFKC", alias).casefold(): column
    for column, aliases in HEADERS.items()
    for alias in aliases
}
ATTRIBUTES = {"约束性": True, "预期性": False}


def binding_of(attribute: str) -> bool | None:
    """约束性 (or 约束性指标, 约束) → True; 预期性 → False; anything else None."""
    key = fold(attribute).removesuffix("指标")
    for word, binding in ATTRIBUTES.items():
        if key in (word, word[:2]):
            return binding
    return None


class RowName:
    """Names row ``i`` of a grid for messages: 'line 12', 'table 1 row 3', 'Sheet1!A5'."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)

    def __call__(self, i: int) -> str:
        return self.names[i] if i < len(self.names) else f"row {i + 1}"


Grid = tuple[list[list[str]], RowName]


@dataclass(frozen=True)
class Row:
    """One indicator's cells as the table writes them, and where the row is."""

    where: str
    category: str
    id: str
    name: str
    attribute: str
    unit: str
    target_text: str
    baseline: str = ""
    baseline_year: int | None = None


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    notes: list[str]
    target_year: int | None = None  # from a header such as 2025年目标


def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace()).casefold()


def cell(text: str) -> str:
    """A cell's text on one line: lines joined without spaces (Chinese), ends trimmed."""
    return "".join(part.strip() for part in text.splitlines())


def header_columns(cells: Sequence[str]) -> dict[str, int] | None:
    """Column of each known field when ``cells`` is an indicator table's header, else None."""
    found: dict[str, int] = {}
    years: list[tuple[int, int, str]] = []
    for col, raw in enumerate(cells):
        key = fold(raw)
        column = _ALIASES.get(key)
        if column is None and (match := _YEAR_HEADER.match(key)):
            years.append((int(match.group("year")), col, match.group("what") or ""))
            continue
        if column is None:
            if "目标" in key:
                column = "target"
            elif "基期" in key or "现状" in key:
                column = "baseline"
        if column is not None and column not in found:
            found[column] = col
    for year, col, what in sorted(years):
        # Two year columns: the earlier is the baseline, the later the target.
        if what.startswith("目标") or (years[-1][1] == col and "target" not in found):
            found.setdefault("target", col)
            found.setdefault("target_year", year)
        else:
            found.setdefault("baseline", col)
            found.setdefault("baseline_year", year)
    if "name" in found and "target" in found and len(set(found) & set(HEADERS)) >= 3:
        return found
    return None


def from_grid(grid: Sequence[Sequence[str]], where: Callable[[int], str]) -> Table | None:
    """Rows of the first indicator table in ``grid``; None when no row is its header.

    ``where(i)`` names row ``i`` of the grid for messages ("line 12", "table 1 row 3", "A5").
    """
    start, columns = next(
        ((i, found) for i, row in enumerate(grid) if (found := header_columns(row)) is not None),
        (0, None),
    )
    if columns is None:
        return None
    rows: list[Row] = []
    notes: list[str] = []
    category = ""
    baseline_year = columns.get("baseline_year")

    def get(row: Sequence[str], field: str) -> str:
        col = columns.get(field)
        return cell(row[col]) if col is not None and col < len(row) else ""

    for i in range(start + 1, len(grid)):
        row = grid[i]
        values = [cell(c) for c in row]
        filled = [v for v in values if v]
        if not filled:
            continue
        if header_columns(row) is not None:
            continue  # the header repeated at a page break
        if re.match(r"^(?:注|备注|说明)[:\uff1a]", filled[0]):
            break
        if len(set(filled)) == 1 and (len(filled) > 1 or not get(row, "name")):
            category = _category_name(filled[0])  # a heading row, merged across the table
            continue
        if get(row, "category"):
            category = _category_name(get(row, "category"))
        name = get(row, "name")
        if not name:
            notes.append(f"{where(i)}: a row without an indicator name was skipped")
            continue
        rows.append(
            Row(
                where=where(i),
                category=category,
                id=get(row, "id"),
                name=name,
                attribute=get(row, "attribute"),
                unit=get(row, "unit"),
                target_text=get(row, "target"),
                baseline=get(row, "baseline"),
                baseline_year=baseline_year,
            )
        )
    return Table(rows, notes, columns.get("target_year"))


def _category_name(text: str) -> str:
    """依法 执政 → 依法执政; 一、依法执政 → 依法执政."""
    joined = "".join(text.split())
    return re.sub(
        r"^(?:[一二三四五六七八九十]+[、.]|[(\uff08][一二三四五六七八九十]+[)\uff09])", "", joined
    )


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


def from_lines(lines: Sequence[str], first_line: int = 1) -> Table | None:
    """Rows of an indicator table flattened to one cell per line (the seed's shape).

    A row is: its number (the next in sequence), its name (one line or more), its attribute
    (约束性/预期性), then its unit when there is one, its baseline when the header has a baseline
    column and the row fills it, and its target. Lines between a row's target and the next number
    are the category of the rows that follow.
    """
    cells = [(n, line.strip()) for n, line in enumerate(lines, start=first_line) if line.strip()]
    found = _header_end(cells)
    if found is None:
        return None
    start, columns = found
    rows: list[Row] = []
    notes: list[str] = []
    category_parts: list[str] = []
    category = ""
    expected = 1
    i = start

    def is_next(k: int) -> bool:
        return k < len(cells) and _number(cells[k][1]) == str(expected)

    while i < len(cells):
        number, text = cells[i]
        if not is_next(i) and not (not rows and _number(text).isdigit()):
            if _END.match(text) or len(text) > 30:
                break
            category_parts.append(text)
            i += 1
            continue
        if category_parts:
            category = _category_name("".join(category_parts))
            category_parts = []
        row_id, where = _number(text), f"line {number}"
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
            notes.append(f"{where}: indicator {row_id} has no attribute (约束性/预期性)")
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
        rows.append(
            Row(
                where,
                category,
                row_id,
                "".join(name_parts),
                attribute,
                unit,
                target,
                baseline,
                columns.get("baseline_year"),
            )
        )
    if category_parts:
        notes.append(f"text after the table's last row was ignored: {''.join(category_parts)}")
    return Table(rows, notes, columns.get("target_year")) if rows else None


def _number(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _header_end(cells: Sequence[tuple[int, str]]) -> tuple[int, dict[str, int]] | None:
    """After a header of known column names one per line: where the rows start, and the columns."""
    for i in range(len(cells)):
        j = i
        while j < len(cells) and _is_header_cell(cells[j][1]):
            j += 1
        if j - i >= 3 and (columns := header_columns([text for _, text in cells[i:j]])):
            return j, columns
    return None


def _is_header_cell(text: str) -> bool:
    key = fold(text)
    return (
        key in _ALIASES
        or bool(_YEAR_HEADER.match(key))
        or (len(key) <= 12 and ("目标" in key or "基期" in key or "现状" in key))
    )


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
