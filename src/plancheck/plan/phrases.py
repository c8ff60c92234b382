"""Chinese target phrases → machine targets: every kind's phrase table, or a plain "cannot".

``parse_target("50以上", "%")`` reads the text of a plan's 指标目标 cell and returns a
``ParsedTarget``: the machine target (one of the kinds of ``plancheck.kinds``) and the row of the
phrase table that read it — or no target and the reason why not. Each kind declares its rows in
its own module (``phrases``); they are tried in the registry's order. Nothing is guessed: a
phrase that fits no row, or fits one only half (a unit that disagrees with the indicator's, a
prefix and a suffix that pull two ways), is not understood. The conventions are those of
``kinds/phrasing.py`` (Chinese legal usage: 以上/以下 include the number, 高于/低于 exclude it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from plancheck.i18n import say
from plancheck.kinds import KINDS, Target
from plancheck.kinds.base import Timing
from plancheck.kinds.phrasing import (
    NUM,
    SINCE,
    Form,
    ParsedTarget,
    normalise,
    not_understood,
)

FORMS: list[Form] = [form for kind in KINDS for form in kind.phrases]

# 降至 is 下降到 in short; 提至 likewise.
_SHORT_VERBS = {"降至": "下降至", "降到": "下降到", "升至": "上升至", "增至": "增加至"}

# Phrases recognised only to say plainly why they are not read: before the forms (优于 hides
# which way is good) and, when no row read a text, to explain what kind of target it is.
# (pattern, the i18n key of the reason): refused before the phrase forms are tried, or
# explained when none of them reads the text.
_REFUSE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"优于|好于|差于|劣于"), "phrase.better_than"),
]
_EXPLAIN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"年均|平均每年|每年(?:提高|提升|增长|增加|下降|降低|减少)"), "phrase.yearly_rate"),
    (re.compile(rf"{NUM}[%‰]?[-~—–至到]{NUM}"), "phrase.a_range"),
    (re.compile(r"左右|大约|约|接近|上下$"), "phrase.approximate"),
    (re.compile(r"^累计"), "phrase.cumulative"),
]  # fmt: skip


# A secondary clause after the target — ＞7、力争投入强度高于“十三五”时期实际 — says what the plan
# strives for beyond it: kept as a note, not judged.
_SECONDARY = re.compile(r"^(?P<main>.+?)[、,，;；](?P<aim>(?:力争|争取|努力).+)$")


def parse_target(text: str, unit: str | None = None) -> ParsedTarget:
    """Read a target text on an indicator with ``unit`` (e.g. ``"%"``); never raises."""
    secondary = _SECONDARY.match(text.strip())
    if secondary is not None:
        main = parse_target(secondary.group("main"), unit)
        if main.understood:
            aim = secondary.group("aim")
            note = f"'{aim}' is a secondary aim: kept in notes, not judged"
            return replace(main, text=text, notes=(*main.notes, note), secondary=aim)
        return main
    clean = cleaned(text)
    if not clean:
        return not_understood(text, say("phrase.empty"))
    for pattern, reason in _REFUSE:
        if pattern.search(clean):
            return not_understood(text, say(reason))
    parsed: ParsedTarget | None = None
    for form in FORMS:
        match = form.pattern.match(clean)
        if match is not None:
            parsed = form.build(match, text, unit)
            if parsed.target is not None and not _finite(parsed.target):
                return not_understood(text, say("phrase.too_large"))
            if parsed.understood or not form.broad:
                return parsed
            break
    for pattern, reason in _EXPLAIN:
        if pattern.search(clean):
            return not_understood(text, say(reason))
    if parsed is not None:
        return parsed
    return not_understood(text, say("phrase.no_form"))


def cleaned(text: str) -> str:
    """The text the forms' patterns are matched against: normalised, without the target year
    it begins with (到2025年…), a short verb written out (降至 as 下降至)."""
    clean = re.sub(r"^(?:到|至)?\d{4}年(?:底|末)?(?:前)?,?(?=.)", "", normalise(text))
    for short, long in _SHORT_VERBS.items():
        if re.match(rf"^{SINCE}{short}", clean):
            clean = clean.replace(short, long, 1)
    return clean


def _finite(target: Target) -> bool:
    """Every number of a target a phrase read is finite (400 digits read as a float are inf)."""
    import math
    from dataclasses import asdict

    return all(math.isfinite(v) for v in asdict(target).values() if isinstance(v, float))


def default_timing(target: Target, binding: bool, unit: str | None = None) -> Timing:
    """When a target read from a phrase is judged, by the rule of the bundled plan's header.

    annual: binding (约束性) indicators, relative, rank and qualitative targets, and per-year
    counts (a unit ending in /年); by_target_year: expected (预期性) indicators with a level or a
    change to reach by the target year. Each kind says which of the rules applies to it.
    """
    return target.default_timing(binding, normalise(unit) if unit else None)


def describe(target: Target) -> str:
    """A target in one short line: '>= 50', '< city_average', 'rank <= 5 among city'."""
    return target.describe()
