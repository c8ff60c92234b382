"""The columns a submission may have, in English or Chinese, and how a header is recognised.

Long form: one row per figure, with an ``indicator`` column. Wide form: one row per unit and year,
one column per indicator (its number or name). Columns only people read (name, target…) are
allowed and ignored, so a filled-in template is evaluated unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from plancheck.plan.models import Indicator, Plan, normalise_key
from plancheck.submission.values import BadValue, fold, parse_number

FIELDS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标", "指标序号", "指标编号", "序号", "id", "编号"),
    "value": ("value", "actual", "数值", "实际值", "完成值", "实际完成值", "值", "指标值"),
    "reference": (
        "reference",
        "参照值",
        "参考值",
        "平均值",
        "对比值",
        "全市平均值",
        "全区平均值",
        "全县平均值",
        "全省平均值",
        "全国平均值",
    ),
    "rank": ("rank", "排名", "名次"),
    "note": ("note", "notes", "备注", "说明"),
    "year": ("year", "年份", "年度"),
    "unit": (
        "unit",
        "district",
        "区",
        "地区",
        "行政区",
        "单位名称",
        "区县",
        "县区",
        "乡镇",
        "街镇",
        "街道",
    ),
}
# Shown to people, ignored on input ("unit" is the district; the unit of measure is "measure").
INFORMATIONAL = (
    "name", "name_en", "指标名称", "category", "类别", "binding", "属性", "measure", "计量单位",
    "单位", "target", "target_text", "指标目标", "目标", "timing",
    # what a results file (-f csv / xlsx) says beside the figures: read back without a word
    "status", "状态", "goal", "判定目标值", "reason", "判定理由",
)  # fmt: skip

MAX_TITLE_ROWS = 3  # rows above a table's header that may be its title (a name, a unit, a date)
T = TypeVar("T")

_FIELD_OF = {normalise_key(alias): field for field, aliases in FIELDS.items() for alias in aliases}
_IGNORED = {normalise_key(name) for name in INFORMATIONAL}
# A column named with what qualifies it, as Chinese tables head them: its unit of measure or a
# gloss in brackets after it (实际值（%）, 参照值（全市平均值）), its year before it
# (2024年实际值, 2024年度完成值). Matched on the folded header: full-width brackets are half-width.
_QUALIFIED = re.compile(
    r"(?:(\d{4})年度?)?(.+?)(?:\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕)?"
)


def _keys(header: str) -> tuple[str, str]:
    """The folded header, and the column it names without its qualifiers."""
    key = normalise_key(header)
    found = _QUALIFIED.fullmatch(key)
    return key, found.group(2) if found else key


def year_before(header: str) -> int | None:
    """The year a column's name gives before it (2024 of 2024年实际值, 2024年度完成值(%)), when
    the name is a field's with its year (not a field's name as it stands): its figures' year."""
    key = normalise_key(header)
    found = _QUALIFIED.fullmatch(key)
    if found is None or found.group(1) is None or key in _FIELD_OF or key in _IGNORED:
        return None
    year = int(found.group(1))
    return year if 1900 <= year <= 2099 else None


def field_of(header: str) -> str | None:
    """The canonical field a header names (``实际值（%）`` too), or None."""
    key, bare = _keys(header)
    return _FIELD_OF.get(key) or _FIELD_OF.get(bare)


def is_informational(header: str) -> bool:
    key, bare = _keys(header)
    return key in _IGNORED or bare in _IGNORED


# A column headed 单位 is the unit of measure (计量单位) and is not read; but 单位 also names the
# reporting unit (填报单位), and a cell naming a district there is a unit column misnamed.
_MEASURE_OR_UNIT = normalise_key("单位")
_PLACE = re.compile(r"[^/]+(?:省|市|区|县|镇|乡|街道|州|旗|盟)")


def is_measure_or_unit(header: str) -> bool:
    """Is the column headed 单位: ignored as the unit of measure, unless it names districts?"""
    key, bare = _keys(header)
    return _MEASURE_OR_UNIT in (key, bare)


def names_a_place(cell: str) -> bool:
    """Does a 单位 cell name a district, a city, a province (长宁区, 浙江省), not a measure?"""
    return _PLACE.fullmatch(fold(cell).replace(" ", "")) is not None


def is_long(headers: list[str]) -> bool:
    return any(field_of(h) == "indicator" for h in headers)


def looks_like_header(headers: list[str], plan: Plan) -> int:
    """How many cells of a candidate header row we recognise (to choose a delimiter)."""
    return sum(
        1
        for h in headers
        if h.strip() and (field_of(h) or is_informational(h) or find_indicator(plan, h))
    )


def find_header(
    rows: Iterable[T], is_header: Callable[[T], bool], is_data: Callable[[T], bool] | None = None
) -> tuple[list[T], T] | None:
    """A table's header among its rows with text (``rows``, in order; a sheet's or a CSV file's),
    and the rows above it: the first row that ``is_header``, past at most ``MAX_TITLE_ROWS`` —
    the table's title (徐汇区2023年法治指标实际值, 单位：%), read as nothing, which the caller
    holds to having no figure under the header's figures. None when no row is one — or when,
    below a title, a row that would pass for a header is one of figures (``is_data``: ``4,100``
    under a header mistyped): the figures begin, with no header above them."""
    titles: list[T] = []
    for row in rows:
        if is_header(row):
            if titles and is_data is not None and is_data(row):
                return None
            return titles, row
        if len(titles) == MAX_TITLE_ROWS:
            return None
        titles.append(row)
    return None


def is_figure(cell: str) -> bool:
    """Does a cell hold a figure (``parse_number``)?"""
    try:
        return parse_number(cell) is not None
    except BadValue:
        return False


def is_data_row(cells: list[str], plan: Plan) -> bool:
    """Is a row one of figures, not a header: every cell with text a figure (``1,2``), or one a
    figure that names no indicator (``4,100``: 100 heads no column). ``区,4,19`` heads a wide
    table; ``4,19`` alone, below a title, is taken for figures."""
    texts = [c for c in cells if c.strip()]
    figures = [is_figure(c) for c in texts]
    if all(figures):
        return bool(figures)
    return any(f and find_indicator(plan, c) is None for c, f in zip(texts, figures, strict=True))


# The plan's number and then its name, as the plan's table shows them: "4 重大行政决策合法性审查率",
# "4.…", "4、…", "(4)…" — what the "did you mean" hint suggests, too.
_NUMBER_THEN_NAME = re.compile(r"\(?([0-9]+)[\s.、:)]*([^0-9\s.、:)].*)")  # a name: no digit first


def find_indicator(plan: Plan, key: str) -> Indicator | None:
    """The indicator a cell or a header names: its number or its name (``Plan.find_indicator``),
    or its number and then its name, when the two name the same indicator. A key with a space
    between two digits (``1 2``) names none (``digits_apart``), unless it is a key of the
    plan's typed with that space."""
    found = plan.find_indicator(key)
    if found is not None and digits_apart(key) and not _typed_as(found, key):
        return None
    if found is None and (both := _NUMBER_THEN_NAME.fullmatch(fold(key))) is not None:
        number, name = both.groups()
        by_number = plan.find_indicator(number)
        if by_number is not None and plan.find_indicator(name) is by_number:
            return by_number
    return found


# Digits with a space between them, half- or full-width (``1 2``, ``１　２``): matching ignores
# spaces, so such a key would name indicator 12 — or were 1 and 2 run together? It names none.
# (compiled by ``re`` when first used: most runs never meet such a key)
_DIGITS_APART = r"[0-9]\s+[0-9]"
_NUMBER_APART = r"[0-9]+(?:\s+[0-9]+)+"


def digits_apart(key: str) -> bool:
    """Does ``key`` have a space between two of its digits (``1 2``, ``１　２``)?"""
    return re.search(_DIGITS_APART, fold(key)) is not None


def number_apart(plan: Plan, key: str) -> str | None:
    """The indicator number a key of digits with spaces between them would be read as (``12``
    for ``1 2``, ``１　２``), when the plan has it; None for any other key."""
    folded = fold(key)
    if not re.fullmatch(_NUMBER_APART, folded):
        return None
    found = plan.find_indicator(folded)
    return None if found is None else found.id


def _typed_as(indicator: Indicator, key: str) -> bool:
    """Is ``key`` one of the indicator's keys as the plan types it, spaces and all?"""
    typed = " ".join(fold(key).split()).casefold()
    keys = (indicator.id, indicator.name, indicator.name_en, *indicator.aliases)
    return any(" ".join(fold(k).split()).casefold() == typed for k in keys if k)
