"""Every sentence plancheck says about a verdict, in English and Chinese.

The evaluator records *what* it found as fragments (a key and its facts); reports render them in
the reader's language. A fragment's parameters are plain strings or a ``Text`` with both languages
(for names taken from the plan).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from plancheck.i18n import date_text, fill, year_runs, year_span, year_text

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "date_text",
    "year_runs",
    "year_span",
    "year_text",
]  # said here for the reports too: one helper, i18n's

LANGS = ("en", "zh")


class Text(NamedTuple):
    en: str
    zh: str


Param = str | Text


class Fragment(NamedTuple):
    key: str
    params: tuple[tuple[str, Param], ...] = ()


def fragment(key: str, **params: Param) -> Fragment:
    return Fragment(key, tuple(params.items()))


Reason = tuple[Fragment, ...]

# The sentences of the status ladder, 时序进度 and trends; each kind of target adds its own
# (``Kind.messages``, merged in by ``catalog()``).
CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "missing": "no value submitted",
        "unit_absent": "no figures of the unit on this side",
        "not_yet": "{value} has not yet reached {op} {goal}, due by {year}",
        "not_yet_band": "{value} is not yet within {low}–{high}, due by {year}",
        "not_yet_equal": "{value} is not yet {goal}, due by {year}",
        "not_yet_due": "not due yet: the target is for {year}",
        "schedule_on": (
            "{gap} of the gap from the {base_year} baseline ({baseline}) closed with {time} of the "
            "time gone: on schedule"
        ),
        "schedule_off": (
            "{gap} of the gap from the {base_year} baseline ({baseline}) closed with {time} of the "
            "time gone: behind schedule"
        ),
        "schedule_fell": (
            "fell from the {base_year} baseline ({baseline}) instead of rising, away from the "
            "target, with {time} of the time gone: behind schedule"
        ),
        "schedule_rose": (
            "rose from the {base_year} baseline ({baseline}) instead of falling, away from the "
            "target, with {time} of the time gone: behind schedule"
        ),
        "schedule_past": (
            "went past the target from the {base_year} baseline ({baseline}), further from it "
            "than before, with {time} of the time gone: behind schedule"
        ),
        "schedule_at_bound": (
            "on the bound {goal}, which the target excludes: the gap from the {base_year} "
            "baseline ({baseline}) is closed only past it, with {time} of the time gone"
        ),
        "no_baseline": "no baseline to measure progress against time",
        "baseline_met": (
            "the {base_year} baseline ({baseline}) was already at or past the target: "
            "no gap to measure progress against time"
        ),
        "baseline_within": (
            "the {base_year} baseline ({baseline}) was already within the target: "
            "no gap to measure progress against time"
        ),
        "trend": "trend: {verdict}, {projection} projected for {year}",
        "source_submitted": "submitted",
        "source_file": "from the reference file",
        "source_computed": "computed from {count} units",
    },
    "zh": {
        "missing": "未报送数值",
        "unit_absent": "此方没有该单位的数据",
        "not_yet": "{value} 尚未达到 {op} {goal}（目标年为{year}年）",
        "not_yet_band": "{value} 尚未进入 {low}–{high} 区间（目标年为{year}年）",
        "not_yet_equal": "{value} 尚未等于 {goal}（目标年为{year}年）",
        "not_yet_due": "尚未到期（目标年为{year}年）",
        "schedule_on": "较 {base_year}年基数 {baseline} 已完成差距的 {gap}，时间已过 {time}：符合时序进度",
        "schedule_off": "较 {base_year}年基数 {baseline} 已完成差距的 {gap}，时间已过 {time}：落后于时序进度",
        "schedule_fell": "较 {base_year}年基数 {baseline} 不升反降（差距扩大），时间已过 {time}：落后于时序进度",
        "schedule_rose": "较 {base_year}年基数 {baseline} 不降反升（差距扩大），时间已过 {time}：落后于时序进度",
        "schedule_past": (
            "较 {base_year}年基数 {baseline} 越过目标，偏离更远（差距扩大），时间已过 {time}：落后于时序进度"
        ),
        "schedule_at_bound": (
            "恰在界值 {goal}，目标不含该值：较 {base_year}年基数 {baseline} 的差距须越过该值方为完成，"
            "时间已过 {time}"
        ),
        "no_baseline": "无基数，无法衡量时序进度",
        "baseline_met": "{base_year}年基数 {baseline} 已达到或超过目标，无差距可衡量时序进度",
        "baseline_within": "{base_year}年基数 {baseline} 已在目标区间内，无差距可衡量时序进度",
        "trend": "趋势：{verdict}，预计 {year}年为 {projection}",
        "source_submitted": "报送值",
        "source_file": "参照文件",
        "source_computed": "由 {count} 个单位计算",
    },
}


TREND_WORDS = {
    "achieved": Text("achieved", "已达标"),
    "on_track": Text("on track", "进度正常"),
    "lagging": Text("lagging", "滞后"),
    "seriously_lagging": Text("seriously lagging", "严重滞后"),
    "going_backwards": Text("going backwards", "倒退"),
}


_CATALOGS: dict[str, dict[str, str]] = {}


def catalog(lang: str) -> dict[str, str]:
    """Every reason sentence in ``lang``: the engine's and every kind's that is loaded (a reason
    comes from a kind of the plan, so its kind is loaded; the others need not be imported)."""
    found = _CATALOGS.get(lang)
    if found is None:
        from plancheck.kinds.base import loaded_messages

        found = _CATALOGS[lang] = {**CATALOG[lang], **loaded_messages(lang)}
    return found


def template(key: str, lang: str) -> str:
    """The sentence of a reason's ``key`` in ``lang``."""
    templates = catalog(lang)
    if key not in templates:  # a kind loaded after the catalog was made
        _CATALOGS.pop(lang, None)
        templates = catalog(lang)
    return templates[key]


def render(reason: Reason, lang: str = "en") -> str:
    """A reason as one sentence in ``lang`` ("en" or "zh")."""
    parts = []
    for key, params in reason:
        values = {
            name: (value.zh if lang == "zh" else value.en) if isinstance(value, Text) else value
            for name, value in params
        }
        parts.append(template(key, lang).format(**values))
    return ("；" if lang == "zh" else "; ").join(parts)


def source_text(key: str, **params: str) -> Text:
    """How a reference or rank was obtained, in both languages (used inside other fragments)."""
    return Text(fill("en", CATALOG["en"][key], params), fill("zh", CATALOG["zh"][key], params))


@lru_cache(maxsize=65536)
def number(x: float) -> str:
    """A figure as people write it: 100, 0.1, 1.2345 (four decimals at most); one of 10¹⁵ or
    more with its own digits, 1e+23 (not the 99999999999999991611392 a double holds)."""
    x = float(x)
    if abs(x) >= 1e15:
        text = repr(x)  # the shortest digits that are this double
        return text.removesuffix(".0")
    if x.is_integer():
        return str(int(x))
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{x:.3g}"


def mean_decimals(decimals: int) -> int:
    """The decimals a mean of the units is shown with, beside figures of ``decimals``: one
    finer, two at least (2.62 of figures 2.6, 2.50 of figures 1, 2, 4 — for a relative target
    the mean is the goal, and a figure rounded onto it would read as meeting it)."""
    return max(decimals, 1) + 1


def derived_decimals(decimals: int) -> int:
    """The decimals a figure plancheck computed (an average growth, a total since the base year)
    is shown with, of an indicator of ``decimals``: its own, two when it has fewer (6.5% of a
    6.4988% average, not 6.4988%)."""
    return max(decimals, 2)


def rounded(x: float, places: int) -> str:
    """``number`` of a figure rounded to ``places`` decimals: 6.4988 at 2 is 6.5."""
    return number(round(x, places))


def apart_from_edges(
    x: float,
    places: int,
    edges: Iterable[float | None],
    shown_at: Callable[[float, int], str] = rounded,
) -> str:
    """A figure at ``places`` decimals (``shown_at``: a reason's ``rounded``, a report's
    fixed column), with more only where they tell it from a figure its verdict turns at
    (``edges``: its goal, a band's bounds) that it would print as: never "7" of 6.9996 beside a
    goal of 7. A figure rounded past an edge would print as that edge too, so none is."""
    shown = shown_at(x, places)
    for edge in edges:
        if edge is not None and x != edge and shown == shown_at(edge, places):
            return numbers_apart(x, edge)[0]
    return shown


def decimals_written(x: float) -> int:
    """How many decimals a figure was typed with, as far as a float tells (at most 4):
    98.5 → 1, 100 → 0."""
    text = repr(float(x))
    if "e" in text or "inf" in text or "nan" in text:
        return 4 if "e-" in text else 0
    return min(4, len(text.split(".")[1].rstrip("0")))


def numbers_apart(x: float, y: float) -> tuple[str, str]:
    """``number`` of two figures a reason compares, with as many more decimals as it takes when
    they differ but would print alike: never "2 is not < city average 2" of 2 and 2.0000033.

    >>> numbers_apart(2.0, 2.0000033)
    ('2', '2.000003')
    """
    a, b = number(x), number(y)
    if a != b or x == y:
        return a, b
    for digits in range(5, 18):
        a = f"{x:.{digits}f}".rstrip("0").rstrip(".")
        b = f"{y:.{digits}f}".rstrip("0").rstrip(".")
        if a != b:
            return a, b
    return repr(x), repr(y)


def shares_apart(x: float, y: float) -> tuple[str, str]:
    """``share`` of the two fractions 时序进度 compares (gap closed, time gone), with decimals
    when they differ beyond the comparison's tolerance but would print alike: 59.99% and 60%."""
    a, b = share(x), share(y)
    if a != b or abs(x - y) <= 1e-9:  # progress.TOLERANCE: within it they are equal
        return a, b
    for digits in range(1, 14):
        a = f"{x * 100:.{digits}f}".rstrip("0").rstrip(".") + "%"
        b = f"{y * 100:.{digits}f}".rstrip("0").rstrip(".") + "%"
        if a != b:
            return a, b
    return f"{x * 100!r}%", f"{y * 100!r}%"


def share(x: float) -> str:
    """A fraction as a whole percentage: 0.456 → 46%; one short of the whole, or above or below
    none, with the decimals that keep it so (0.9999 → 99.99%, never "100% of the gap closed" of
    a target not reached; -0.001 → -0.1%, never "-0%")."""
    text = f"{x * 100:.0f}%"
    if text in ("0%", "-0%") and abs(x) <= 1e-9:  # progress.TOLERANCE: none (and -0.0 too)
        return "0%"
    if (text == "100%" and x < 1) or (text in ("0%", "-0%") and x != 0):
        for digits in range(1, 14):
            text = f"{x * 100:.{digits}f}".rstrip("0").rstrip(".") + "%"
            if text not in ("100%", "0%", "-0%"):
                return text
    return text


def dates(day: dt.date) -> Text:
    """``date_text`` in both languages, for a reason: 2023-06-30, 2023年6月30日."""
    return Text(date_text(day, "en"), date_text(day, "zh"))


def year_spans(first: int, last: int) -> Text:
    """``year_span`` in both languages, for a reason."""
    return Text(year_span(first, last, "en"), year_span(first, last, "zh"))
