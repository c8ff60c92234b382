"""The phrase parser: one table of target texts and what they read as, and plan validate's check."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.kinds import Target
from plancheck.kinds.around import Around
from plancheck.kinds.average_growth import AverageGrowth
from plancheck.kinds.change import Change
from plancheck.kinds.cumulative import Cumulative
from plancheck.kinds.qualitative import Qualitative
from plancheck.kinds.range import Range
from plancheck.kinds.rank import Rank
from plancheck.kinds.relative import Relative
from plancheck.kinds.threshold import Threshold
from plancheck.kinds.versus import Versus
from plancheck.kinds.yearly import Yearly
from plancheck.plan.phrases import FORMS, cleaned, default_timing, describe, parse_target

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))


def th(op: Any, value: float) -> Threshold:
    return Threshold(kind="threshold", op=op, value=value)


def rel(op: Any, reference: str) -> Relative:
    return Relative(kind="relative", op=op, reference=reference)


def rank(best: int, peers: str = "city") -> Rank:
    return Rank(kind="rank", peers=peers, best=best)


def change(measure: Any, amount: float) -> Change:
    return Change(kind="change", measure=measure, amount=amount)


def qual(direction: Any) -> Qualitative:
    return Qualitative(kind="qualitative", direction=direction)


# (target text, the indicator's unit, the target it reads as)
PHRASES: list[tuple[str, str | None, Target]] = [
    # bare numbers: a floor; a bare zero: a ceiling
    ("100", "%", th(">=", 100)),
    ("90", "%", th(">=", 90)),
    ("2", "次/年", th(">=", 2)),
    ("12", "人/万人", th(">=", 12)),
    ("0", "起", th("<=", 0)),
    ("100%", "%", th(">=", 100)),
    ("100％", "%", th(">=", 100)),
    # inclusive words
    ("50以上", "%", th(">=", 50)),
    ("0.1以上", "%", th(">=", 0.1)),
    ("90%及以上", "%", th(">=", 90)),
    ("90%(含)以上", "%", th(">=", 90)),
    ("5以下", "‰", th("<=", 5)),
    ("3‰以内", "‰", th("<=", 3)),
    ("不低于95%", "%", th(">=", 95)),
    ("不少于10次", "次/年", th(">=", 10)),
    ("不高于2%", "%", th("<=", 2)),
    ("不超过3‰", "‰", th("<=", 3)),
    ("达到95%", "%", th(">=", 95)),
    ("达到95%以上", "%", th(">=", 95)),
    ("保持100%", "%", th(">=", 100)),
    ("保持在95%以上", "%", th(">=", 95)),
    ("控制在3‰以内", "‰", th("<=", 3)),
    ("≥95%", "%", th(">=", 95)),
    ("≤3‰", "‰", th("<=", 3)),
    ("≥ 95 %", "%", th(">=", 95)),
    ("到2025年达到90%", "%", th(">=", 90)),
    # exclusive words
    ("高于50%", "%", th(">", 50)),
    ("超过50", "%", th(">", 50)),
    ("低于4.0", "%", th("<", 4)),
    ("不足5%", "%", th("<", 5)),
    ("不满18", "岁", th("<", 18)),
    (">90", "%", th(">", 90)),
    ("<5", "%", th("<", 5)),
    ("＞９０", "%", th(">", 90)),
    # units and magnitudes
    ("每万人12人", "人/万人", th(">=", 12)),
    ("12人/万人", "人/万人", th(">=", 12)),
    ("2次", "次/年", th(">=", 2)),
    ("5万人", "人", th(">=", 50000)),
    ("5万人", "万人", th(">=", 5)),
    ("全覆盖", "%", th(">=", 100)),
    ("实现全覆盖", "%", th(">=", 100)),
    # relative
    ("低于全市平均值", "%", rel("<", "city_average")),
    ("高于全区平均水平", "%", rel(">", "district_average")),
    ("不低于全国平均水平", "%", rel(">=", "national_average")),
    ("不高于全市平均值", "%", rel("<=", "city_average")),
    ("达到全市平均水平", "%", rel(">=", "city_average")),
    ("全市平均水平以上", "%", rel(">=", "city_average")),
    ("低于全县平均值", "%", rel("<", "county_average")),  # a county's plan
    # rank
    ("全市前列", "%", rank(5)),
    ("保持全市前列", "%", rank(5)),
    ("位居全区前列", None, rank(5, "district")),
    ("全县前3名", None, rank(3, "county")),
    ("全市前三", None, rank(3)),
    ("全市前3名", None, rank(3)),
    ("前10名", None, rank(10)),
    ("位居全市第一", None, rank(1)),
    ("全国首位", None, rank(1, "national")),
    # change against the baseline
    ("提高5个百分点", "%", change("points", 5)),
    ("下降5个百分点", "%", change("points", -5)),
    ("比2020年提高5个百分点", "%", change("points", 5)),
    ("累计提高5个百分点", "%", change("points", 5)),
    ("下降10%", None, change("percent", -10)),
    ("增长10%以上", None, change("percent", 10)),
    ("翻一番", None, change("factor", 2)),
    ("翻两番", None, change("factor", 4)),
    ("增长1倍", None, change("factor", 2)),
    ("提高到95%", "%", th(">=", 95)),
    ("降至3‰以下", "‰", th("<=", 3)),
    # qualitative: reported, never silently passed
    ("持续提升", None, qual("increase")),
    ("稳步提高", None, qual("increase")),
    ("逐步完善", None, qual("increase")),
    ("不断增强", None, qual("increase")),
    ("逐年下降", None, qual("decrease")),
    ("保持稳定", None, qual("maintain")),
    # against the year before: the unit's own figure of the year before, never an indicator
    ("高于上年", "%", qual("increase")),
    ("高于上年水平", "%", qual("increase")),
    ("超过上年", "%", qual("increase")),
    ("高于去年同期", "%", qual("increase")),
    ("比上年提高", "%", qual("increase")),
    ("较上年增长", "%", qual("increase")),
    ("较上年提升", "%", qual("increase")),
    ("比上年有所提高", "%", qual("increase")),
    ("与上年相比有所增加", "%", qual("increase")),
    ("低于上年", "‰", qual("decrease")),
    ("低于上年水平", "‰", qual("decrease")),
    ("比上年下降", "‰", qual("decrease")),
    ("较上年减少", "起", qual("decrease")),
    ("较上年有所下降", "‰", qual("decrease")),
    ("不低于上年", "%", qual("not_lower")),
    ("不低于上年水平", "%", qual("not_lower")),
    ("不低于去年", "%", qual("not_lower")),
    ("不低于上一年", "%", qual("not_lower")),
    ("不低于上一年度", "%", qual("not_lower")),
    ("不低于上年度", "%", qual("not_lower")),
    ("不低于前一年", "%", qual("not_lower")),
    ("不低于上年同期水平", "%", qual("not_lower")),
    ("不少于上年", "件", qual("not_lower")),
    ("到2025年不低于上年水平", "%", qual("not_lower")),
    ("不高于上年", "‰", qual("not_higher")),
    ("不高于上年水平", "‰", qual("not_higher")),
    ("不超过上年", "起", qual("not_higher")),
    ("不超过上年的水平", "起", qual("not_higher")),
    # the targets national and provincial tables set
    ("〔13.5〕", "%", Cumulative(kind="cumulative", amount=13.5)),
    ("〔1〕", "岁", Cumulative(kind="cumulative", amount=1)),
    ("年均增长5%", None, AverageGrowth(kind="average_growth", op=">=", value=5)),
    ("年均增长7%以上", "%", AverageGrowth(kind="average_growth", op=">=", value=7)),
    ("年均增长＞7%", "%", AverageGrowth(kind="average_growth", op=">", value=7)),
    ("高于GDP增长", "%", Versus(kind="versus", indicator="GDP增长", op=">")),
    ("与GDP增长基本同步", "%", Versus(kind="versus", indicator="GDP增长", op="~")),
    ("5.5%左右", "%", Around(kind="around", value=5.5)),
    ("95%左右", "%", Around(kind="around", value=95)),
    ("约95%", "%", Around(kind="around", value=95)),
    ("90-95", "%", Range(kind="range", low=90, high=95)),
    ("80–95%", "%", Range(kind="range", low=80, high=95)),
    ("80%~95%", "%", Range(kind="range", low=80, high=95)),
    ("80至95", "%", Range(kind="range", low=80, high=95)),
    ("保持在合理区间、各年度视情提出", "%", Yearly(kind="yearly")),
    # a secondary aim (力争…) is a note, not the target; a note mark is not part of it
    ("＞7、力争投入强度高于“十三五”时期实际", "%", th(">", 7)),
    ("8①", "%", th(">=", 8)),
    ("60.6*", "%", th(">=", 60.6)),
]

NOT_UNDERSTOOD: list[tuple[str, str | None, str]] = [
    ("累计培训1000人次", None, "cumulative"),
    ("每年提高5个百分点", None, "average yearly"),
    # 左右 on an average is no floor: an approximate average, read no more than 年均增长约6% is
    ("年均增长6%左右", "%", "average yearly"),
    ("年均增长约6%", "%", "average yearly"),
    ("优于全市平均值", "%", "better than"),
    ("95-90", "%", "down to"),
    ("接近95%", "%", "approximate"),
    ("超过50%以上", "%", "say different things"),
    ("≤3‰", "%", "the indicator's unit is '%'"),
    ("全市平均值", "%", "without a comparison word"),
    ("建立健全", None, "no known phrase form"),
    # the year before is no indicator: a phrase not read as a qualitative target is not read
    ("与上年基本同步", "%", "no known phrase form"),
    ("高于同期", "%", "no known phrase form"),
    ("与同期基本同步", "%", "no known phrase form"),
    ("高于上年GDP增长", "%", "no known phrase form"),
    # a number against the year before: no kind reads it (change is against the baseline)
    ("较上年增长5%", "%", "no known phrase form"),
    ("比上年提高2个百分点", "%", "no known phrase form"),
    ("比上年下降10%", None, "no known phrase form"),
    # 好于上年 hides which way is good, as 优于 does
    ("好于上年", "%", "better than"),
    ("", None, "empty"),
]


@pytest.mark.parametrize(("text", "unit", "expected"), PHRASES, ids=[p[0] for p in PHRASES])
def test_phrase_reads_as(text: str, unit: str | None, expected: Target) -> None:
    parsed = parse_target(text, unit)
    assert parsed.target == expected, parsed.reason
    assert parsed.reason is None


@pytest.mark.parametrize(
    ("text", "unit", "why"), NOT_UNDERSTOOD, ids=[p[0] or "empty" for p in NOT_UNDERSTOOD]
)
def test_phrase_not_understood_says_why(text: str, unit: str | None, why: str) -> None:
    parsed = parse_target(text, unit)
    assert parsed.target is None
    assert parsed.reason is not None and why in parsed.reason


@pytest.mark.parametrize(
    "indicator", BUNDLED["indicators"], ids=[i["id"] for i in BUNDLED["indicators"]]
)
def test_every_bundled_indicator_is_reproduced(indicator: dict[str, Any]) -> None:
    """The parser reads each curated target_text as the curated target, and the timing rule
    of the plan's header gives the curated timing."""
    parsed = parse_target(indicator["target_text"], indicator.get("unit"))
    assert parsed.target is not None, parsed.reason
    assert dataclasses.asdict(parsed.target) == indicator["target"]
    timing = default_timing(parsed.target, indicator["binding"], indicator.get("unit"))
    assert timing == indicator["timing"]


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_every_form_reads_its_own_example(form: Any) -> None:
    """The README's table is generated from FORMS: each example is read by its own row."""
    parsed = parse_target(form.example, form.example_unit)
    assert parsed.understood, parsed.reason
    assert parsed.form == form.name


def test_bare_number_is_marked_implicit_and_front_rank_as_default() -> None:
    assert parse_target("100", "%").implicit
    assert not parse_target("不低于100", "%").implicit
    assert parse_target("全市前列", None).default_best
    assert not parse_target("全市前三", None).default_best


def test_unit_comes_from_the_phrase_when_the_table_has_none() -> None:
    assert parse_target("不低于95%", None).unit == "%"
    assert parse_target("≤3‰", None).unit == "‰"
    assert parse_target("100", "%").unit == "%"


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (th(">=", 50), ">= 50"),
        (th("<", 0.1), "< 0.1"),
        (rel("<", "city_average"), "< city_average"),
        (rank(5), "rank <= 5 among city"),
        (change("points", 5), "change +5 points"),
        (change("percent", -10), "change -10%"),
        (change("factor", 2), "change x2"),
        (qual("increase"), "qualitative increase"),
        (qual("not_lower"), "qualitative not lower"),
        (qual("not_higher"), "qualitative not higher"),
    ],
)
def test_describe(target: Target, text: str) -> None:
    assert describe(target) == text


@pytest.mark.parametrize(
    ("target", "binding", "unit", "timing"),
    [
        (th(">=", 100), True, "%", "annual"),
        (th(">=", 90), False, "%", "by_target_year"),
        (th(">=", 2), False, "次/年", "annual"),
        (rel("<", "city_average"), False, "%", "annual"),
        (rank(3), False, "%", "annual"),
        (change("points", -5), False, "%", "by_target_year"),
        (qual("increase"), False, None, "annual"),
        (qual("not_lower"), False, "%", "annual"),
        (qual("not_higher"), True, "‰", "annual"),
    ],
)
def test_default_timing(target: Target, binding: bool, unit: str | None, timing: str) -> None:
    assert default_timing(target, binding, unit) == timing


# --- plan validate ------------------------------------------------------------------------------


def _plan(tmp_path: Path, replace: tuple[str, str] | None = None) -> Path:
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _validate(path: Path) -> Any:
    return CliRunner().invoke(app, ["plan", "validate", str(path)], catch_exceptions=False)


def test_validate_accepts_the_bundled_plan_without_notes() -> None:
    result = _validate(ROOT / "data")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_validate_reports_a_target_that_disagrees_with_its_text(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        (
            'target_text: 50以上\n    target: {kind: threshold, op: ">=", value: 50}',
            'target_text: 50以上\n    target: {kind: threshold, op: ">", value: 50}',
        ),
    )
    result = _validate(plan)
    assert result.exit_code == 2
    text = (plan / "indicators.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, 1) if 'op: ">", value: 50' in t)
    assert result.stderr.strip() == (
        f"{plan / 'indicators.yaml'}:{line}:5: indicator 20: target_text '50以上' reads as "
        ">= 50 but target says > 50"
    )


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            'target_text: 低于全市平均值\n    target: {kind: relative, op: "<"',
            'target_text: 低于全市平均值\n    target: {kind: relative, op: "<="',
            "reads as < city_average but target says <= city_average",
        ),
        (
            "target_text: 全市前列\n    target: {kind: rank, peers: city, best: 5}",
            'target_text: 全市前列\n    target: {kind: threshold, op: ">=", value: 5}',
            "reads as rank <= 5 among city but target says >= 5",
        ),
        (
            'target_text: "12"\n    target: {kind: threshold, op: ">=", value: 12}',
            'target_text: "12"\n    target: {kind: threshold, op: ">=", value: 10}',
            "reads as >= 12 but target says >= 10",
        ),
    ],
)
def test_validate_reports_other_disagreements(
    tmp_path: Path, old: str, new: str, says: str
) -> None:
    result = _validate(_plan(tmp_path, (old, new)))
    assert result.exit_code == 2
    assert says in result.stderr


def test_validate_accepts_a_stricter_front_rank_cut_off(tmp_path: Path) -> None:
    """全市前列's cut-off of 5 is plancheck's convention: an office may choose another."""
    old = "target: {kind: rank, peers: city, best: 5}"
    result = _validate(_plan(tmp_path, (old, "target: {kind: rank, peers: city, best: 3}")))
    assert result.exit_code == 0, result.stderr


def test_validate_notes_unknown_phrases_and_default_readings(tmp_path: Path) -> None:
    """A text the parser does not know is no error, but it is said; so is a bare number the
    plan reads otherwise than the default floor."""
    plan = _plan(
        tmp_path,
        (
            'target_text: "90"\n    target: {kind: threshold, op: ">=", value: 90}\n'
            "    timing: by_target_year\n    minimum: 0",
            'target_text: "基本建成"\n    target: {kind: threshold, op: ">=", value: 90}\n'
            "    timing: by_target_year\n    minimum: 0",
        ),
    )
    text = (plan / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace(
        'target_text: "2"\n    target: {kind: threshold, op: ">=", value: 2}',
        'target_text: "2"\n    target: {kind: threshold, op: "==", value: 2}',
    )
    (plan / "indicators.yaml").write_text(text, encoding="utf-8")
    result = _validate(plan)
    assert result.exit_code == 0
    notes = result.stderr.strip().splitlines()
    assert len(notes) == 2
    assert "note: indicator 2: target_text '2' reads as >= 2 but target says == 2" in notes[0]
    assert "note: indicator 23: target_text '基本建成' not understood" in notes[1]
    assert "its target is not checked" in notes[1]


def _readme_rows() -> list[tuple[str, str | None, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Target phrases", 1)[1]
    rows = []
    for line in section.splitlines():
        match = re.match(r"^\| [^|]+ \| `([^`]*)` \| ([^|]*) \| (.+) \|$", line)
        if match:
            rows.append((match.group(1), match.group(2).strip() or None, match.group(3).strip()))
    return rows


README_ROWS = _readme_rows()


def test_readme_table_lists_every_form() -> None:
    examples = {example for example, _, _ in README_ROWS}
    assert len(README_ROWS) > 60
    assert {form.example for form in FORMS} <= examples


@pytest.mark.parametrize(("text", "unit", "reads"), README_ROWS, ids=[r[0] for r in README_ROWS])
def test_readme_table_says_what_the_parser_does(text: str, unit: str | None, reads: str) -> None:
    parsed = parse_target(text, unit)
    if reads.startswith("not understood"):
        assert parsed.target is None
    else:
        assert parsed.target is not None, parsed.reason
        assert f"`{describe(parsed.target)}`" == reads


def test_a_secondary_aim_is_kept_as_a_note() -> None:
    parsed = parse_target("＞7、力争投入强度高于“十三五”时期实际", "%")
    assert parsed.secondary == "力争投入强度高于“十三五”时期实际"
    assert any("secondary aim" in note for note in parsed.notes)


def test_no_two_forms_read_the_same_text() -> None:
    """The forms are tried in the registry's order: a form ahead of another that also reads a
    text takes it silently, and a plan that wrote the other kind for it is refused by plan
    validate (介于80至95之间 read as a new band would no longer be the range it is). Every
    form's example and every README row is read by one form at most, but for the threshold's
    broad one (5.5%左右 fits any number with words after it; the around form is tried first)."""
    texts = {form.example for form in FORMS} | {text for text, _, _ in README_ROWS}
    shared = []
    for text in sorted(texts):
        found = [f.name for f in FORMS if not f.broad and f.pattern.match(cleaned(text))]
        if len(found) > 1:
            shared.append((text, found))
    assert shared == []


# --- targets against the year before in plan validate ------------------------------------------

KINDS_PLAN = ROOT / "tests" / "fixtures" / "plans" / "kinds" / "indicators.yaml"
NOT_LOWER = "target_text: 不低于上年\n    target: {kind: qualitative, direction: not_lower}"


def _kinds_plan(tmp_path: Path, text: str, target: str, extra: str = "") -> Path:
    """The kinds plan with indicator 27's text and target replaced (``extra``: lines after)."""
    plan = KINDS_PLAN.read_text(encoding="utf-8")
    assert plan.count(NOT_LOWER) == 1
    new = f"target_text: {text}\n    target: {target}{extra}"
    (tmp_path / "indicators.yaml").write_text(plan.replace(NOT_LOWER, new), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("高于上年", "increase"),
        ("较上年增长", "increase"),
        ("比上年下降", "decrease"),
        ("不低于上年水平", "not_lower"),
        ("不低于上一年度", "not_lower"),
        ("不高于上年", "not_higher"),
    ],
)
def test_validate_accepts_a_target_against_the_year_before(
    tmp_path: Path, text: str, direction: str
) -> None:
    plan = _kinds_plan(tmp_path, text, f"{{kind: qualitative, direction: {direction}}}")
    result = _validate(plan)
    assert result.exit_code == 0, result.stderr
    assert "indicator 27" not in result.stderr  # not even a note: the text reads as the target


@pytest.mark.parametrize(
    ("text", "target", "says"),
    [
        (
            "不低于上年",
            "{kind: qualitative, direction: maintain}",
            "target_text '不低于上年' reads as qualitative not lower but target says "
            "qualitative maintain",
        ),
        (
            "不高于上年",
            "{kind: qualitative, direction: maintain}",
            "reads as qualitative not higher but target says qualitative maintain",
        ),
        (
            "高于上年",
            "{kind: qualitative, direction: not_lower}",
            "reads as qualitative increase but target says qualitative not lower",
        ),
        (
            "不低于上年",
            "{kind: qualitative, direction: increase}",
            "reads as qualitative not lower but target says qualitative increase",
        ),
        # a plan that wrote the year before as another indicator: there is none of that name
        ("不低于上年", '{kind: versus, indicator: 上年, op: ">="}', "上年"),
    ],
)
def test_validate_refuses_a_target_that_disagrees_with_the_year_before(
    tmp_path: Path, text: str, target: str, says: str
) -> None:
    result = _validate(_kinds_plan(tmp_path, text, target))
    assert result.exit_code == 2, result.stdout
    assert "indicator 27" in result.stderr and says in result.stderr, result.stderr


def test_validate_refuses_a_better_the_year_before_contradicts(tmp_path: Path) -> None:
    """不高于上年 says lower is better: an indicator that says higher contradicts it."""
    target = "{kind: qualitative, direction: not_higher}"
    result = _validate(_kinds_plan(tmp_path, "不高于上年", target, "\n    better: higher"))
    assert result.exit_code == 2
    said = (
        "better: higher contradicts the target 'qualitative not higher', by which lower is better"
    )
    assert said in result.stderr, result.stderr
    target = "{kind: qualitative, direction: maintain}"  # 保持稳定 says neither way: accepted
    result = _validate(_kinds_plan(tmp_path, "保持稳定", target, "\n    better: lower"))
    assert result.exit_code == 0, result.stderr


# A phrase no form reads is explained by what it looks like (年均…, a range, 累计…, 左右): the
# explanation names the kind to write it as, one that exists (never "not a kind plancheck judges"
# once one is).
EXPLAINED = [
    ("年均增长6%左右", "average_growth"),
    ("年均增长约6%", "average_growth"),
    ("80%到95%之间左右", "range"),
    ("累计增长很多", "cumulative"),
    ("大约很多", "around"),
]


@pytest.mark.parametrize(("text", "kind"), EXPLAINED)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phrase_not_read_is_explained_by_a_kind_that_exists(
    text: str, kind: str, lang: str
) -> None:
    from plancheck import i18n
    from plancheck.kinds import REGISTRY

    previous = i18n.set_lang(lang)
    try:
        parsed = parse_target(text, "%")
    finally:
        i18n.set_lang(previous)
    assert parsed.target is None
    named = re.findall(r"kind: (\w+)", parsed.reason or "")
    assert named == [kind]
    assert kind in {name for name, _ in REGISTRY}
