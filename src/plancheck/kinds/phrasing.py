"""The tools the kinds' phrase tables are written with: normalising a target text, the
comparison words, units, scope words, and ``Form`` — one row of a phrase table.

Each kind declares its own rows (``phrases``) in its module; ``plan/phrases.py`` reads a text by
trying every kind's rows in the registry's order. The conventions (Chinese legal usage, 民法典
第一千二百五十九条: "以上、以下、以内、届满, 包括本数; 不满、超过、以外, 不包括本数"):

    inclusive   以上 以下 以内 不低于 不少于 不小于 不高于 不超过 不多于 不大于 达到 保持 至少 ≥ ≤
    exclusive   高于 低于 超过 大于 多于 小于 少于 不足 不满 未达 > <
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

from plancheck.i18n import say
from plancheck.kinds.base import Op
from plancheck.record import record
from plancheck.safetext import LazyPattern

if TYPE_CHECKING:
    from plancheck.kinds import Target


@record
class ParsedTarget:
    """What a target text says: a machine target and the form that read it, or why not."""

    text: str
    target: Target | None
    form: str | None = None  # the name of the phrase row that read the text
    reason: str | None = None  # why the text is not understood
    unit: str | None = None  # the unit the indicator has once the phrase is read
    implicit: bool = False  # a bare number: the operator is plancheck's default, not written
    scope: str | None = None  # 全市/全区/… of a relative or rank target, as written
    default_best: bool = False  # 前列: `best` is plancheck's cut-off, not written
    notes: tuple[str, ...] = field(default=())  # readings a person should confirm
    other: str | None = None  # the name of another indicator the target is compared with
    secondary: str | None = None  # a clause beyond the target (力争…): a note, not judged
    over_period: bool = False  # the text says its change is a total over the period (累计…)

    @property
    def understood(self) -> bool:
        return self.target is not None


def not_understood(text: str, reason: str) -> ParsedTarget:
    return ParsedTarget(text, None, reason=reason)


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
NUM = r"\d+(?:\.\d+)?"
CN = r"[零〇一二两三四五六七八九十]+"


# --- text helpers -----------------------------------------------------------------------------


_NOTE_MARKS = LazyPattern(r"[\u2460-\u2473*＊#※]+$")  # ①…⑳, *: a note under the table


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), no spaces, no closing punctuation, ≧/≦ as ≥/≤; a note
    mark at the end (8①, 60.6*) is not part of the target (NFKC would make ① a 1)."""
    folded = unicodedata.normalize("NFKC", _NOTE_MARKS.sub("", text.strip()))
    folded = folded.replace("≧", "≥").replace("≦", "≤").replace("﹪", "%")
    folded = "".join(ch for ch in folded if not ch.isspace())
    folded = re.sub(r"\(含(?:本数|" + NUM + r"[%‰]?)?\)", "", folded)  # 95%(含)以上
    return re.sub(r"[。.;;,,]+$", "", folded)


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十五 → 15, 二十 → 20, 3 → 3; anything else None."""
    if text.isdecimal():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def to_number(text: str) -> float:
    return float(text)


def fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def unit_key(unit: str | None) -> str:
    return normalise(unit or "")


def fit_unit(
    value: float, magnitude: str, said: str, unit: str | None, text: str = ""
) -> tuple[float, str | None] | str:
    """Reconcile the unit a phrase writes (``said``, after 万/亿 ``magnitude``) with the unit.

    Returns the value and the indicator's unit, or a reason string when they disagree (quoting
    what the phrase ``text`` says as it is typed, not as ``normalise`` made it).
    """
    scale = {"": 1.0, "万": 1e4, "亿": 1e8}[magnitude]
    have = unit_key(unit)
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
    return say("phrase.other_unit", said=as_typed(magnitude + said, text), unit=unit)


def as_typed(part: str, text: str) -> str:
    """The characters of ``text`` that ``normalise`` made ``part`` ("%，保持全市前列" of
    "100%，保持全市前列" for "%,保持全市前列"); ``part`` itself when they cannot be told."""
    folded: list[str] = []
    origin: list[int] = []  # the character of ``text`` each folded one comes from
    for i, ch in enumerate(text):
        for f in unicodedata.normalize("NFKC", ch).replace("≧", "≥").replace("≦", "≤"):
            if not f.isspace():
                folded.append(f.replace("﹪", "%"))
                origin.append(i)
    at = "".join(folded).find(part) if part else -1
    if at < 0:
        return part
    return text[origin[at] : origin[at + len(part) - 1] + 1]


# --- the forms ---

Builder = Callable[[re.Match[str], str, str | None], ParsedTarget]


@record
class Form:
    """One row of the phrase table: a name, an example, what it reads as, and the pattern."""

    name: str
    example: str
    example_unit: str | None
    reading: str
    source: str  # the regular expression; compiled when first used (start-up pays for none)
    build: Builder
    # A broad pattern (any number with any unit words: the threshold) can match a text it then
    # cannot read; the parser then says what kind of phrase the text is, if it knows.
    broad: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)


def form(
    name: str,
    example: str,
    unit: str | None,
    reading: str,
    pattern: str,
    build: Builder,
    *,
    broad: bool = False,
) -> Form:
    """A row of the phrase table, declared in a kind's module."""
    return Form(name, example, unit, reading, pattern, build, broad)


SCOPE = "(?P<scope>" + "|".join(SCOPES) + ")"
PREFIX = "(?P<pre>" + "|".join(sorted(map(re.escape, PREFIX_OPS), key=len, reverse=True)) + ")"
SUFFIX = "(?P<post>" + "|".join(sorted(map(re.escape, SUFFIX_OPS), key=len, reverse=True)) + ")"
NEUTRAL_WORDS = "(?P<neutral>" + "|".join(sorted(NEUTRAL, key=len, reverse=True)) + ")"
LEAD = r"(?:位居|位列|稳居|保持在|保持|处于|进入|居于|居|达到|排名|排在|名列)?"
UP = "|".join(UP_VERBS)
DOWN = "|".join(DOWN_VERBS)
SINCE = r"(?P<since>(?:比|较|与)(?:(?P<year>\d{4})年(?:末|底)?|基期|基准年|期初)?(?:相比)?)?"


def comparison(match: re.Match[str]) -> tuple[Op | None, str | None]:
    """The operator of a prefix and a suffix together, or the reason they do not agree."""
    pre, post, neutral = match.group("pre"), match.group("post"), match.groupdict().get("neutral")
    ops = [PREFIX_OPS[pre]] if pre else []
    ops += [SUFFIX_OPS[post]] if post else []
    if len(ops) == 2 and ops[0] != ops[1]:
        return None, say("phrase.two_ops", pre=pre, post=post, first=ops[0], second=ops[1])
    if ops:
        return ops[0], None
    return (">=" if neutral else None), None
