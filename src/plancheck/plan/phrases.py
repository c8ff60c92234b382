"""Chinese target phrases → machine targets, one table of forms, or a plain "cannot".

``parse_target("50以上", "%")`` reads the text of a plan's 指标目标 cell and returns a
``ParsedTarget``: the machine target (one of the Target models of ``plan/models.py``) and the row of
``FORMS`` that read it — or no target and the reason why not. Nothing is guessed: a phrase that
fits no row, or fits one only half (a unit that disagrees with the indicator's, a prefix and a
suffix that pull two ways), is not understood.

The conventions (Chinese legal usage, 民法典 第一千二百五十九条: "以上、以下、以内、届满, 包括本数;
不满、超过、以外, 不包括本数"):

    inclusive   以上 以下 以内 不低于 不少于 不小于 不高于 不超过 不多于 不大于 达到 保持 至少 ≥ ≤
    exclusive   高于 低于 超过 大于 多于 小于 少于 不足 不满 未达 > <
    bare number a floor: "100" on a rate is >= 100, "2" times a year is >= 2; a bare "0" is a
                ceiling (zero tolerance: <= 0). The operator is not written, so ``implicit`` is set.
    relative    低于全市平均值 is < city_average (全区 → district_average, 全县 → county_average,
                全省 → province_average, 全国 → national_average)
    rank        全市前列 is rank 5 or better among the peer group "city" (the top third of 16
                districts: ``default_best``); 全市前三 is 3; 位居全市第一 is 1; 前N名 without a scope
                is over "city"
    change      against the plan's baseline: 提高5个百分点 (points +5), 下降10% (percent -10),
                翻一番 (factor 2), 增长1倍 (factor 2); 累计 before a change means the same change over
                the period; 累计 before a count (累计培训1000人次) is not understood
    qualitative 持续提升, 稳步提高, 逐步完善 (increase), 逐年下降 (decrease), 保持稳定 (maintain)

``default_timing`` is the rule the bundled plan's header states for when a target is judged.
``describe`` renders a target the way ``plan validate`` prints both readings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from plancheck.plan.models import (
    Change,
    Op,
    Qualitative,
    Rank,
    Relative,
    Target,
    Threshold,
)

Timing = Literal["annual", "by_target_year"]

# The scope words of relative and rank targets, and the keys plancheck gives them.
SCOPES: dict[str, tuple[str, str]] = {
    # scope: (peer group key, reference key)
    "全市": ("city", "city_average"),
    "本市": ("city", "city_average"),
    "全区": ("district", "district_average"),
    "本区": ("district", "district_average"),
    "全县": ("county", "county_average"),
    "本县": ("county", "county_average"),
    "全省": ("province", "province_average"),
    "本省": ("province", "province_average"),
    "全国": ("national", "national_average"),
}
# English names for the peer groups and references an importer writes.
SCOPE_NAMES_EN: dict[str, tuple[str, str]] = {
    "city": ("the city's units", "city average"),
    "district": ("the district's units", "district average"),
    "county": ("the county's units", "county average"),
    "province": ("the province's units", "province average"),
    "national": ("the country's units", "national average"),
}
DEFAULT_PEERS = "city"
FRONT_RANK = 5  # 前列: the top third of Shanghai's 16 districts

# How a comparison word reads. Prefixes stand before the number, suffixes after it.
PREFIX_OPS: dict[str, Op] = {
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "大于等于": ">=", "大于或等于": ">=",
    "至少": ">=", "≥": ">=", ">=": ">=",
    "不高于": "<=", "不超过": "<=", "不多于": "<=", "不大于": "<=", "小于等于": "<=",
    "小于或等于": "<=", "至多": "<=", "最多": "<=", "控制在": "<=", "≤": "<=", "<=": "<=",
    "高于": ">", "超过": ">", "大于": ">", "多于": ">", ">": ">",
    "低于": "<", "小于": "<", "少于": "<", "不足": "<", "不满": "<", "未达": "<", "<": "<",
    "等于": "==", "=": "==",
}  # fmt: skip
SUFFIX_OPS: dict[str, Op] = {
    "及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
}  # fmt: skip
# Words that state a level without a direction of their own: 达到95% is >= 95.
NEUTRAL = ("力争达到", "确保达到", "保持在", "稳定在", "维持在", "达到", "保持", "维持", "实现")

UP_VERBS = ("提高", "提升", "增加", "增长", "上升")
DOWN_VERBS = ("下降", "降低", "减少", "压降", "缩减")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_NUM = r"\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十]+"


@dataclass(frozen=True)
class ParsedTarget:
    """What a target text says: a machine target and the form that read it, or why not."""

    text: str
    target: Target | None
    form: str | None = None  # the name of the FORMS row that read the text
    reason: str | None = None  # why the text is not understood
    unit: str | None = None  # the unit the indicator has once the phrase is read
    implicit: bool = False  # a bare number: the operator is plancheck's default, not written
    scope: str | None = None  # 全市/全区/… of a relative or rank target, as written
    default_best: bool = False  # 前列: `best` is plancheck's cut-off, not written
    notes: tuple[str, ...] = field(default=())  # readings a person should confirm

    @property
    def understood(self) -> bool:
        return self.target is not None


def not_understood(text: str, reason: str) -> ParsedTarget:
    return ParsedTarget(text, None, reason=reason)


# --- text helpers -----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), no spaces, no closing punctuation, ≧/≦ as ≥/≤."""
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("≧", "≥").replace("≦", "≤").replace("﹪", "%")
    folded = "".join(ch for ch in folded if not ch.isspace())
    folded = re.sub(r"\(含(?:本数|" + _NUM + r"[%‰]?)?\)", "", folded)  # 95%(含)以上
    return re.sub(r"[。.;;,,]+$", "", folded)


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十五 → 15, 二十 → 20, 3 → 3; anything else None."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _number(text: str) -> float:
    return float(text)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _unit_key(unit: str | None) -> str:
    return normalise(unit or "")


def fit_unit(
    value: float, magnitude: str, said: str, unit: str | None
) -> tuple[float, str | None] | str:
    """Reconcile the unit a phrase writes (``said``, after 万/亿 ``magnitude``) with the unit.

    Returns the value and the indicator's unit, or a reason string when they disagree.
    """
    scale = {"": 1.0, "万": 1e4, "亿": 1e8}[magnitude]
    have = _unit_key(unit)
    if not said and not magnitude:
        return value, unit
    if not have:
        return value, (magnitude + said) or None  # the phrase states the unit
    if magnitude and normalise(magnitude + said) == have:
        return value, unit  # 5万人 on 万人
    if said == have or (said and have.split("/")[0] == said):
        return value * scale, unit  # 2次 on 次/年; 5万人 on 人 is 50000
    if not said and magnitude and not have.startswith(("万", "亿")):
        return value * scale, unit
    return f"the phrase says '{magnitude + said}' but the indicator's unit is '{unit}'"


# --- the forms --------------------------------------------------------------------------------

Builder = Callable[[re.Match[str], str, str | None], ParsedTarget]


@dataclass(frozen=True)
class Form:
    """One row of the phrase table: a name, an example, what it reads as, and the pattern."""

    name: str
    example: str
    example_unit: str | None
    reading: str
    pattern: re.Pattern[str]
    build: Builder


FORMS: list[Form] = []


def _form(
    name: str, example: str, unit: str | None, reading: str, pattern: str
) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        FORMS.append(Form(name, example, unit, reading, re.compile(pattern), build))
        return build

    return register


_SCOPE = "(?P<scope>" + "|".join(SCOPES) + ")"
_PREFIX = "(?P<pre>" + "|".join(sorted(map(re.escape, PREFIX_OPS), key=len, reverse=True)) + ")"
_SUFFIX = "(?P<post>" + "|".join(sorted(map(re.escape, SUFFIX_OPS), key=len, reverse=True)) + ")"
_NEUTRAL = "(?P<neutral>" + "|".join(sorted(NEUTRAL, key=len, reverse=True)) + ")"
_LEAD = r"(?:位居|位列|稳居|保持在|保持|处于|进入|居于|居|达到|排名|排在|名列)?"
_UP = "|".join(UP_VERBS)
_DOWN = "|".join(DOWN_VERBS)
_SINCE = r"(?P<since>(?:比|较|与)(?:(?P<year>\d{4})年(?:末|底)?|基期|基准年|期初)?(?:相比)?)?"


def _comparison(match: re.Match[str]) -> tuple[Op | None, str | None]:
    """The operator of a prefix and a suffix together, or the reason they do not agree."""
    pre, post, neutral = match.group("pre"), match.group("post"), match.groupdict().get("neutral")
    ops = [PREFIX_OPS[pre]] if pre else []
    ops += [SUFFIX_OPS[post]] if post else []
    if len(ops) == 2 and ops[0] != ops[1]:
        return None, f"'{pre}' and '{post}' say different things ({ops[0]} and {ops[1]})"
    if ops:
        return ops[0], None
    return (">=" if neutral else None), None


@_form(
    "threshold",
    "不低于95%",
    "%",
    ">= 95 (以上/以下/以内/不低于/不少于/不高于/不超过/达到/保持 include the number; "
    "高于/低于/超过/不足/不满 exclude it; ≥ ≤ > < as written)",
    rf"^{_NEUTRAL}?{_PREFIX}?(?P<num>{_NUM})(?P<mag>万|亿)?(?P<unit>[^\d<>=≥≤]*?){_SUFFIX}?$",
)
def _threshold(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op, problem = _comparison(match)
    if problem:
        return not_understood(text, problem)
    value = _number(match.group("num"))
    fitted = fit_unit(value, match.group("mag") or "", match.group("unit"), unit)
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    value, unit = fitted
    if op is None:  # a bare number
        bare: Op = "<=" if value == 0 else ">="
        form = "bare zero" if value == 0 else "bare number"
        return ParsedTarget(text, Threshold(kind="threshold", op=bare, value=value), form,
                            unit=unit, implicit=True)  # fmt: skip
    return ParsedTarget(
        text, Threshold(kind="threshold", op=op, value=value), "threshold", unit=unit
    )


@_form(
    "per",
    "每万人12人",
    "人/万人",
    ">= 12 per 10,000 people (每万人/每年… before the number: the unit is 人/万人, 次/年…)",
    rf"^每(?P<per>万人|千人|百人|十万人|年|月|季度){_NEUTRAL}?{_PREFIX}?"
    rf"(?:拥有|有)?(?P<num>{_NUM})(?P<unit>[^\d<>=≥≤]*?){_SUFFIX}?$",
)
def _per(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    said = f"{match.group('unit')}/{match.group('per')}" if match.group("unit") else ""
    rewritten = f"{match.group('num')}{said}"
    parsed = _threshold(_threshold_match(rewritten, match), text, unit)
    return replace(parsed, form="per" if parsed.understood else None)


def _threshold_match(rewritten: str, match: re.Match[str]) -> re.Match[str]:
    prefix = (match.group("neutral") or "") + (match.group("pre") or "")
    found = FORMS[0].pattern.match(prefix + rewritten + (match.group("post") or ""))
    assert found is not None
    return found


@_form(
    "relative",
    "低于全市平均值",
    "%",
    "< city_average (全区平均值 → district_average, 全国平均水平 → national_average; "
    "a comparison word before, or 以上/以下 after)",
    rf"^{_NEUTRAL}?{_PREFIX}?{_SCOPE}(?:同期|同类)?平均(?:值|水平|数)?{_SUFFIX}?$",
)
def _relative(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op, problem = _comparison(match)
    if problem:
        return not_understood(text, problem)
    if op is None:
        return not_understood(text, "an average without a comparison word (低于, 高于, 不低于…)")
    if op == "==":
        return not_understood(text, "'equal to the average' is not a target plancheck judges")
    scope = match.group("scope")
    target = Relative(kind="relative", op=op, reference=SCOPES[scope][1])
    return ParsedTarget(text, target, "relative", unit=unit, scope=scope)


@_form(
    "rank: among the best",
    "全市前列",
    None,
    "rank 5 or better among the peer group city (前列/前茅/领先; change `best` if your office "
    "uses another cut-off)",
    rf"^{_LEAD}{_SCOPE}(?:排名|排位)?(?:前列|前茅|领先|领先水平|第一方阵)$",
)
def _front(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    scope = match.group("scope")
    target = Rank(kind="rank", peers=SCOPES[scope][0], best=FRONT_RANK)
    note = (
        f"'{text}' read as rank {FRONT_RANK} or better; change `best` if your office uses another"
    )
    return ParsedTarget(text, target, "rank: among the best", unit=unit, scope=scope,
                        default_best=True, notes=(note,))  # fmt: skip


@_form(
    "rank: top N",
    "全市前三",
    None,
    "rank 3 or better among city (前N, 前N名, 前N位; without 全市/全区… the peers are city)",
    rf"^{_LEAD}{_SCOPE}?(?:排名|排位)?前(?P<n>\d+|{_CN})(?:名|位)?(?:以内)?$",
)
def _top(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    return _rank(match, text, unit, "rank: top N")


@_form(
    "rank: place N",
    "位居全市第一",
    None,
    "rank 1 among city (第N, 第N名, 首位; a place is read as that place or better)",
    rf"^{_LEAD}{_SCOPE}?(?:排名|排位)?(?:第(?P<n>\d+|{_CN})(?:名|位)?|(?P<first>首位|首名|榜首))$",
)
def _place(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    return _rank(match, text, unit, "rank: place N")


def _rank(match: re.Match[str], text: str, unit: str | None, form: str) -> ParsedTarget:
    best = 1 if match.groupdict().get("first") else cn_number(match.group("n"))
    if best is None or best < 1:
        return not_understood(text, f"'{match.group('n')}' is not a rank")
    scope = match.group("scope")
    peers = SCOPES[scope][0] if scope else DEFAULT_PEERS
    notes = () if scope else (f"'{text}' names no peer group: read as among '{DEFAULT_PEERS}'",)
    target = Rank(kind="rank", peers=peers, best=best)
    return ParsedTarget(text, target, form, unit=unit, scope=scope, notes=notes)


@_form(
    "change: points",
    "提高5个百分点",
    "%",
    "+5 points from the baseline (下降/降低/减少: -; 比2020年/较基期/累计 before it: the same)",
    rf"^(?:累计)?{_SINCE}(?:累计)?(?P<verb>{_UP}|{_DOWN})(?:了)?(?P<num>{_NUM})个?百分点(?:及?以上)?$",
)
def _points(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    return _change(match, text, unit, "points", "change: points")


@_form(
    "change: percent",
    "下降10%",
    None,
    "-10% of the baseline (提高/增长/增加/上升: +)",
    rf"^(?:累计)?{_SINCE}(?:累计)?(?P<verb>{_UP}|{_DOWN})(?:了)?(?P<num>{_NUM})%(?:及?以上)?$",
)
def _percent(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    return _change(match, text, unit, "percent", "change: percent")


def _change(
    match: re.Match[str], text: str, unit: str | None, measure: Literal["points", "percent"],
    form: str,
) -> ParsedTarget:  # fmt: skip
    amount = _number(match.group("num"))
    if match.group("verb") in DOWN_VERBS:
        amount = -amount
    notes = _since_notes(match, text)
    target = Change(kind="change", measure=measure, amount=amount)
    return ParsedTarget(text, target, form, unit=unit, notes=notes)


def _since_notes(match: re.Match[str], text: str) -> tuple[str, ...]:
    year = match.groupdict().get("year")
    return (
        (f"'{text}' is measured from {year}: the plan's baseline_year should be {year}",)
        if year
        else ()
    )


@_form(
    "change: factor",
    "翻一番",
    None,
    "x2 the baseline (翻两番 x4; 增长1倍 x2, 提高2倍 x3)",
    rf"^(?:累计)?{_SINCE}(?:累计)?(?:翻(?P<times>\d+|{_CN})番|(?P<verb>{_UP})(?:了)?(?P<n>{_NUM}|{_CN})倍)$",
)
def _factor(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    if match.group("times"):
        times = cn_number(match.group("times"))
        if times is None:
            return not_understood(text, f"'{match.group('times')}' is not a number")
        factor = float(2**times)
    else:
        raw = match.group("n")
        number = cn_number(raw) if not re.fullmatch(_NUM, raw) else _number(raw)
        if number is None:
            return not_understood(text, f"'{raw}' is not a number")
        factor = 1.0 + float(number)
    target = Change(kind="change", measure="factor", amount=factor)
    return ParsedTarget(text, target, "change: factor", unit=unit, notes=_since_notes(match, text))


@_form(
    "change: to a level",
    "降至3‰以下",
    "‰",
    "<= 3 (提高到/提升至…: >=; 下降到/降低至…: <=)",
    rf"^{_SINCE}(?P<verb>{_UP}|{_DOWN})(?:到|至)(?P<num>{_NUM})(?P<mag>万|亿)?"
    rf"(?P<unit>[^\d<>=≥≤]*?){_SUFFIX}?$",
)
def _to_level(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    op: Op = ">=" if match.group("verb") in UP_VERBS else "<="
    post = match.group("post")
    if post and SUFFIX_OPS[post] != op:
        return not_understood(text, f"'{match.group('verb')}' and '{post}' pull two ways")
    fitted = fit_unit(
        _number(match.group("num")), match.group("mag") or "", match.group("unit"), unit
    )
    if isinstance(fitted, str):
        return not_understood(text, fitted)
    value, unit = fitted
    target = Threshold(kind="threshold", op=op, value=value)
    return ParsedTarget(text, target, "change: to a level", unit=unit)


@_form(
    "full coverage",
    "全覆盖",
    "%",
    ">= 100 on a % indicator (实现全覆盖, 100%覆盖)",
    r"^(?:实现|达到)?(?:全覆盖|100%覆盖|全面覆盖)$",
)
def _coverage(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
    fitted = fit_unit(100.0, "", "%", unit)
    if isinstance(fitted, str):
        return not_understood(text, f"full coverage is 100%, {fitted}")
    target = Threshold(kind="threshold", op=">=", value=100.0)
    return ParsedTarget(text, target, "full coverage", unit=fitted[1])


# 降至 is 下降到 in short; 提至 likewise.
_SHORT_VERBS = {"降至": "下降至", "降到": "下降到", "升至": "上升至", "增至": "增加至"}

_QUAL_MOD = (
    r"(?:持续|稳步|稳定|不断|逐步|逐年|进一步|有所|明显|显著|大幅|全面|继续|切实|较大幅度|大力)*"
)
_QUAL_UP = (
    r"(?:提升|提高|上升|增长|增加|改善|优化|完善|健全|增强|扩大|加强|加大|拓展|深化|向好|好转)"
)
_QUAL_DOWN = r"(?:下降|降低|减少|压降|缩小|减轻|回落|缩减)"


def _qualitative(direction: Literal["increase", "decrease", "maintain"]) -> Builder:
    """The builder of a direction without a number: the same for every direction."""

    def build(match: re.Match[str], text: str, unit: str | None) -> ParsedTarget:
        target = Qualitative(kind="qualitative", direction=direction)
        return ParsedTarget(text, target, f"qualitative: {direction}", unit=unit)

    return build


_form(
    "qualitative: increase",
    "持续提升",
    None,
    "rising: judged against the year before, never silently passed (稳步提高, 逐步完善, 不断增强…)",
    rf"^{_QUAL_MOD}{_QUAL_UP}(?:{_QUAL_MOD}{_QUAL_UP})*$|^稳中有(?:升|进|增)$",
)(_qualitative("increase"))
_form(
    "qualitative: decrease",
    "逐年下降",
    None,
    "falling: judged against the year before (持续降低, 逐步减少…)",
    rf"^{_QUAL_MOD}{_QUAL_DOWN}$|^稳中有降$",
)(_qualitative("decrease"))
_form(
    "qualitative: maintain",
    "保持稳定",
    None,
    "held: no worse than the year before (保持平稳, 基本稳定, 巩固…)",
    r"^(?:保持|总体|基本|持续)?(?:稳定|平稳)(?:向好)?$|^(?:持续)?巩固(?:提升)?$|^保持$",
)(_qualitative("maintain"))


# Phrases recognised only to say plainly why they are not read: before the forms (a number with
# 左右 is no threshold) and after them (累计 before a change is read; before a count it is not).
_REFUSE_FIRST: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"年均|平均每年|每年(?:提高|提升|增长|增加|下降|降低|减少)"),
        "an average yearly rate "
        "(年均…) is not a target kind plancheck judges; write the level for the target year instead",
    ),
    (
        re.compile(r"优于|好于|差于|劣于"),
        "优于 (better than) depends on which way is good: write 高于 or 低于",
    ),
    (re.compile(rf"{_NUM}[%‰]?[-~—–至到]{_NUM}"), "a range: write its floor or its ceiling"),
    (re.compile(r"左右|大约|约|接近|上下$"), "an approximate level (左右, 约…) gives no bound"),
]
_REFUSE_LAST: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^累计"), "a cumulative total over the period (累计…) is not a target kind "
     "plancheck judges; submit the running total and write a threshold, or a change"),
]  # fmt: skip


def parse_target(text: str, unit: str | None = None) -> ParsedTarget:
    """Read a target text on an indicator with ``unit`` (e.g. ``"%"``); never raises."""
    clean = normalise(text)
    clean = re.sub(
        r"^(?:到|至)?\d{4}年(?:底|末)?(?:前)?,?(?=.)", "", clean
    )  # 到2025年… : the target year
    for short, long in _SHORT_VERBS.items():
        if re.match(rf"^{_SINCE}{short}", clean):
            clean = clean.replace(short, long, 1)
    if not clean:
        return not_understood(text, "the target is empty")
    for pattern, reason in _REFUSE_FIRST:
        if pattern.search(clean):
            return not_understood(text, reason)
    for form in FORMS:
        match = form.pattern.match(clean)
        if match is not None:
            return form.build(match, text, unit)
    for pattern, reason in _REFUSE_LAST:
        if pattern.search(clean):
            return not_understood(text, reason)
    return not_understood(text, "no known phrase form (see the README's table of phrase forms)")


# --- timing and description -------------------------------------------------------------------


def default_timing(target: Target, binding: bool, unit: str | None = None) -> Timing:
    """When a target is judged, by the rule of the bundled plan's header.

    annual: binding (约束性) indicators, relative, rank and qualitative targets, and per-year
    counts (a unit ending in /年); by_target_year: expected (预期性) indicators with a level or a
    change to reach by the target year.
    """
    if binding or isinstance(target, Relative | Rank | Qualitative):
        return "annual"
    if unit and normalise(unit).endswith("/年"):
        return "annual"
    return "by_target_year"


def describe(target: Target) -> str:
    """A target in one short line: '>= 50', '< city_average', 'rank <= 5 among city'."""
    if isinstance(target, Threshold):
        return f"{target.op} {_fmt(target.value)}"
    if isinstance(target, Relative):
        return f"{target.op} {target.reference}"
    if isinstance(target, Rank):
        return f"rank <= {target.best} among {target.peers}"
    if isinstance(target, Change):
        if target.measure == "points":
            return f"change {target.amount:+g} points"
        if target.measure == "percent":
            return f"change {target.amount:+g}%"
        return f"change x{_fmt(target.amount)}"
    return f"qualitative {target.direction}"
