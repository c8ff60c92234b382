"""Pydantic models of a plan: what a plan's two YAML files may say, strictly.

``indicators.yaml`` holds the plan's metadata, categories, peer groups, named references and its
indicators; ``tasks.yaml`` holds its numbered tasks and their milestones. Unknown keys are errors,
and nothing is coerced: a flag is YAML's ``true`` or ``false`` (not ``"yes"``, ``"no"`` or ``0``),
a number is a YAML number (not ``"100"``; a whole number where a decimal one is asked is fine), a
year or a size a whole number, a date a YAML date, and a name or a required text is not empty.
The cross-file checks (a task linking an unknown indicator, duplicate ids…) live in ``load.py``,
where every YAML value's line is known.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import Field

from plancheck.i18n import say
from plancheck.kinds.base import Better, Number, model
from plancheck.messages import decimals_written
from plancheck.record import record
from plancheck.safetext import LazyPattern
from plancheck.submission.values import compatible, is_number

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from plancheck.kinds import Target

M = TypeVar("M")


def validator(file_model: type[M]) -> TypeAdapter[M]:
    """The pydantic validator of a plan file's model (``IndicatorsFile``, ``TasksFile``), built
    when a plan is read afresh. ``Target`` — the union of every registered kind — is named in
    this module for pydantic to resolve the fields' annotations; it is built only then, so that
    a plan from the cache imports only the kinds it uses."""
    from pydantic import TypeAdapter

    from plancheck import kinds

    if file_model not in _VALIDATORS:  # building one costs more than validating a plan with it
        globals().setdefault("Target", kinds.Target)
        _VALIDATORS[file_model] = TypeAdapter(file_model)
    found: TypeAdapter[M] = _VALIDATORS[file_model]
    return found


_VALIDATORS: dict[type[Any], Any] = {}


def json_schema(file_model: type[Any], lang: str = "en") -> dict[str, Any]:
    """The JSON Schema of a plan file's model (``plan schema``), its descriptions in ``lang``:
    in Chinese each model's ``schema_zh`` (its own under ``""``, its fields' by name) in place
    of its docstring and its fields' ``description``."""
    adapter = validator(file_model)
    if lang != "zh":
        found: dict[str, Any] = adapter.json_schema()
        return found
    from pydantic.json_schema import GenerateJsonSchema

    class Chinese(GenerateJsonSchema):
        def dataclass_schema(self, schema: Any) -> Any:
            found = super().dataclass_schema(schema)
            said: dict[str, str] = getattr(schema["cls"], "schema_zh", {})
            if "description" in found and "" in said:
                found["description"] = said[""]
            for name, field_schema in found.get("properties", {}).items():
                if "description" in field_schema and name in said:
                    field_schema["description"] = said[name]
            return found

    chinese: dict[str, Any] = adapter.json_schema(schema_generator=Chinese)
    return chinese


def schema_texts() -> dict[str, dict[str, str]]:
    """Every description of the plan files' schemas by language and ``Model`` or
    ``Model.field``: the English one pydantic writes, the Chinese of ``schema_zh``, for the
    catalog tests (the same keys in both)."""
    catalog: dict[str, dict[str, str]] = {"en": {}, "zh": {}}
    for file_model in (IndicatorsFile, TasksFile):
        for lang, texts in catalog.items():
            for name, defined in json_schema(file_model, lang).get("$defs", {}).items():
                if "description" in defined:
                    texts[name] = defined["description"]
                for key, field_schema in defined.get("properties", {}).items():
                    if "description" in field_schema:
                        texts[f"{name}.{key}"] = field_schema["description"]
            found = json_schema(file_model, lang)
            texts[found["title"]] = found["description"]
    return catalog


def _filled(text: str) -> str:
    if not text.strip():
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("text_blank", say("plan.text_blank"))
    return text


def _some(items: list[M]) -> list[M]:
    """A plan's indicators: at least one (with none, every submission would be refused)."""
    if not items:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("list_empty", say("plan.no_indicators"))
    return items


# A date is a YAML date or, in a plan written as JSON, its ISO text (the schema's "format: date"):
# never a number, which pydantic would read as seconds since 1970 (0 is 1970-01-01).
_ISO_DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


def _dated(value: object) -> object:
    if isinstance(value, bool | int | float) or (
        isinstance(value, str) and not _ISO_DATE.fullmatch(value)
    ):
        from pydantic_core import PydanticKnownError

        raise PydanticKnownError("date_type")
    return value


class _Checked:
    """Pydantic metadata: ``check`` runs on the value before (or after) pydantic's own
    validation. Its schema is made only when a validator is built (``validator``), so that
    reading a cached plan costs nothing more. ``schema`` goes into the JSON Schema (a text's
    ``pattern``, a list's ``minItems``)."""

    def __init__(
        self, check: Any, *, before: bool = False, schema: dict[str, Any] | None = None
    ) -> None:
        self.check, self.before, self.schema = check, before, schema or {}

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        made = (
            core_schema.no_info_before_validator_function
            if self.before
            else core_schema.no_info_after_validator_function
        )
        return made(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        found = handler(schema)
        found.update(self.schema)
        return found


# What a plan's fields take, strictly: pydantic's lax mode would read "no" and 0 as false, "100"
# as 100, "16" and 16.0 as 16, and 0 as the date 1970-01-01. A name (or a text that is required)
# is not empty or blank.
Name = Annotated[str, _Checked(_filled, schema={"pattern": r"\S"})]
Flag = Annotated[bool, Field(strict=True)]
Whole = Annotated[int, Field(strict=True)]
Day = Annotated[dt.date, _Checked(_dated, before=True)]


def _rate_unit(unit: str) -> str:
    """A rate's unit typed with a Chinese input method (``％``, ``﹪``) or with spaces around it is
    ``%`` (and ``‰``): what every rule keyed on a rate (0–100, a value typed ``95%``) reads."""
    folded = unicodedata.normalize("NFKC", unit).strip()
    return folded if folded in ("%", "‰") else unit


Unit = Annotated[str, _Checked(_rate_unit)]


# --- indicators.yaml ------------------------------------------------------------------------


@model
class Baseline:
    year: Whole
    value: Number


_DECIMALS = LazyPattern(r"\d\.(\d+)")


@model
class Indicator:
    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "id": "指标在规划中的序号，如“1”。",
        "category": "规划的某个类别的名称。",
        "name": "指标在规划中的名称，照录原文。",
        "binding": "约束性为 true，预期性为 false。",
        "unit": "计量单位，如“%”“次/年”。",
        "target_text": "目标，照录规划表格的原文。",
        "better": "哪个方向为好；省略时根据目标推断。",
        "minimum": "最小有效值（默认：% 为 0）。",
        "maximum": "最大有效值（% 为 100）。",
        "floor": "法治指数中计 0 分的数值（默认：见 README）。",
        "weight": "在所属类别中计入指数的权重。",
        "aliases": "报送时也可使用的其他名称。",
    }

    id: Annotated[str, Field(description="The plan's own number for the indicator, e.g. '1'.")]
    category: Annotated[Name, Field(description="Name of one of the plan's categories.")]
    name: Annotated[Name, Field(description="The plan's own name, verbatim.")]
    name_en: Name
    binding: Annotated[Flag, Field(description="约束性 (binding) true, 预期性 (expected) false.")]
    unit: Annotated[Unit | None, Field(description="Unit of measure, e.g. '%', '次/年'.")] = None
    target_text: Annotated[
        str, Field(description="The target exactly as the plan's table writes it.")
    ]
    target: Target
    timing: Literal["annual", "by_target_year"]
    better: Annotated[
        Better | None, Field(description="Which way is good; derived from the target when omitted.")
    ] = None
    minimum: Annotated[
        Number | None, Field(description="Lowest valid value (default: 0 for %).")
    ] = None
    maximum: Annotated[Number | None, Field(description="Highest valid value (100 for %).")] = None
    baseline: Baseline | None = None
    floor: Annotated[
        Number | None,
        Field(description="Rule-of-law index: the value that scores 0 (default: see README)."),
    ] = None
    weight: Annotated[
        Number, Field(ge=0, description="Weight within its category in the index.")
    ] = 1.0
    aliases: Annotated[list[Name], Field(description="Other names accepted on input.")] = field(
        default_factory=list
    )
    notes: str | None = None

    @property
    def direction(self) -> Better:
        """Which way is good for this indicator: stated, else read from the target."""
        return self.better if self.better is not None else self.target.better()

    @property
    def decimals(self) -> int:
        """The plan's precision for this indicator: the most decimals among the figures its
        target text and baseline are written with (``98.5`` → 1), at most 4."""
        written = [len(d) for d in _DECIMALS.findall(self.target_text)]
        if self.baseline is not None:
            written.append(decimals_written(self.baseline.value))
        return min(4, max(written, default=0))

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """Valid range of a value: a rate is 0–100 (‰: 0–1000) unless the plan says otherwise."""
        low, high = self.minimum, self.maximum
        if self.unit == "%":
            return (0.0 if low is None else low, 100.0 if high is None else high)
        if self.unit == "‰":
            return (0.0 if low is None else low, 1000.0 if high is None else high)
        return (low, high)


@model
class Category:
    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "weight": "该类别在指数中的权重。",
    }

    name: Name
    name_en: Name
    weight: Annotated[Number, Field(ge=0, description="Weight of the category in the index.")] = 1.0


@model
class PeerGroup:
    """The units a rank or an average is taken over, e.g. Shanghai's 16 districts."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "排名或平均值所依据的单位范围，如上海市 16 个区。",
        "size": "该组的单位个数。",
    }

    name: Name
    name_en: Name
    size: Annotated[Whole | None, Field(ge=1, description="How many units the group has.")] = None
    members: list[Name] = field(default_factory=list)


@model
class Reference:
    """A named comparison value, e.g. 全市平均值 (the city average)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "有名称的参照值，如全市平均值。",
        "peers": "该平均值所依据的比较组。",
    }

    name: Name
    name_en: Name
    peers: Annotated[str | None, Field(description="Peer group it is the average of.")] = None


@model
class Period:
    start: Whole
    end: Whole


@model
class SourceDocument:
    """What the plan's text is: its stage (送审稿, 正式文本…), date and the occasion. Each may be
    left out: a report says only what the plan states (a drafted plan knows no date)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "规划文本的情况：所处阶段（送审稿、正式文本……）、日期和场合。各项均可省略：报告只写规划载明的内容（起草的规划没有日期）。",
    }

    stage: str = ""
    stage_en: str = ""
    date: Day | None = None
    occasion: str = ""
    occasion_en: str = ""
    source: str = ""


@model
class Midterm:
    """How a mid-term evaluation classes an indicator (提前实现 / 快于预期 / 基本符合预期 / 滞后).

    Defaults calibrated on the national 14th FYP's published 2021–2022 figures against the
    official mid-term evaluation of December 2023 (tests/fixtures/national/CALIBRATION.md)."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "中期评估如何给指标分类（提前实现、快于预期、基本符合预期、滞后）。\n\n默认值依据国家“十四五”规划已公布的 2021—2022年数据，对照 2023年12月的官方中期评估校准（tests/fixtures/national/CALIBRATION.md）。",
        "on_track": "计为基本符合预期的最低进度比（已完成差距的比例 ÷ 已过时间的比例）。",
        "ahead": "计为快于预期的最低进度比。",
        "annual_margin": "年度目标每年都达到、且平均超出这一幅度的，计为快于预期。",
    }

    on_track: Annotated[
        Number, Field(gt=0, description="Least pace (share of the way ÷ share of time) on track.")
    ] = 0.8
    ahead: Annotated[Number, Field(gt=0, description="Least pace counted ahead of schedule.")] = 1.2
    annual_margin: Annotated[
        Number,
        Field(
            ge=0, description="An annual target met every year by this much on average is ahead."
        ),
    ] = 1.0


@model
class PlanInfo:
    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "unit": "规划所属的单位（区）：报送文件默认的单位。",
        "other_units": "报送文件可以填写任何比较组都未列出的单位（否则这样的单位会被视为可能的笔误而拒绝）。",
        "office": "发布规划评估报告的单位（报告的发文单位）。",
        "index_name": "报告对规划指标综合指数的称呼（如法治指数）。",
        "index_name_en": "指数的英文名称。",
    }

    id: Name
    title: Name
    title_en: Name
    document: SourceDocument = field(default_factory=SourceDocument)
    period: Period
    unit: Annotated[
        Name | None,
        Field(description="The unit (district) the plan is for: a submission's default unit."),
    ] = None
    baseline_year: Whole
    target_year: Whole
    other_units: Annotated[
        Flag,
        Field(
            description="Submissions may name units that no peer group lists (else such a unit "
            "is refused as a likely typing mistake)."
        ),
    ] = False
    midterm: Midterm = field(default_factory=Midterm)
    office: Annotated[
        str | None,
        Field(description="The office that issues reports on the plan (a report's 发文单位)."),
    ] = None
    office_en: str | None = None
    index_name: Annotated[
        Name,
        Field(description="What reports call the plan's index of its indicators (法治指数)."),
    ] = "综合指数"
    index_name_en: Annotated[Name, Field(description="The index's name in English.")] = (
        "Composite index"
    )
    notes: str | None = None


@model
class IndicatorsFile:
    """The schema of ``indicators.yaml``."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "indicators.yaml 的结构。",
    }

    plan: PlanInfo
    categories: list[Category]
    peer_groups: dict[str, PeerGroup] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    indicators: Annotated[list[Indicator], _Checked(_some, schema={"minItems": 1})]


# --- tasks.yaml -----------------------------------------------------------------------------


@model
class Milestone:
    """A concrete, checkable commitment inside a task: a deadline, a quantity, or a yearly duty."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "任务中具体、可核查的节点：一个期限、一个数量或一项年度工作。",
        "id": "任务编号、一个点和一个数字：“19.1”。",
        "text": "节点在规划中的原文。",
        "due": "期限（含当日）。",
        "recurring": "annual 表示规划期内每年都要完成的工作（每年）。",
        "target": "量化节点的目标。",
        "indicator": "该节点衡量的指标。",
        "binding": "逾期的节点按约束性计。",
    }

    id: Annotated[Name, Field(description="Task id, a dot and a number: '19.1'.")]
    text: Annotated[Name, Field(description="The plan's own words for the milestone.")]
    text_en: str | None = None
    due: Annotated[Day | None, Field(description="Deadline (inclusive).")] = None
    recurring: Annotated[
        Literal["annual"] | None,
        Field(description="'annual' for a duty due every year of the period (每年)."),
    ] = None
    target: Annotated[Target | None, Field(description="For a quantitative milestone.")] = None
    unit: str | None = None
    indicator: Annotated[str | None, Field(description="Indicator the milestone measures.")] = None
    binding: Annotated[Flag, Field(description="Count an overdue milestone as binding.")] = False


@model
class Task:
    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "id": "规划正文为“1”……“35”，附件为“A1”……“A20”。",
    }

    id: Annotated[Name, Field(description="'1'…'35' in the plan body, 'A1'…'A20' in the annex.")]
    document: Literal["plan", "annex"]
    section: str
    title: Name
    title_en: str | None = None
    text: str
    indicators: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)


@model
class TasksFile:
    """The schema of ``tasks.yaml``."""

    schema_zh: ClassVar[dict[str, str]] = {  # plan schema --lang zh: the descriptions
        "": "tasks.yaml 的结构。",
    }

    tasks: list[Task]


# --- The plan as the rest of plancheck sees it ----------------------------------------------


def normalise_key(text: str) -> str:
    """Fold the ways people type an indicator: full-width forms, spaces, quotation marks, and
    invisible format characters (zero-width spaces, direction marks) a copy and paste brings."""
    folded = compatible(text)  # ④ is a footnote mark, not 4: the rule of figures
    return "".join(
        ch
        for ch in folded
        if not ch.isspace() and ch not in _QUOTES and unicodedata.category(ch) != "Cf"
    ).casefold()


_QUOTES = set("\"'“”‘’「」『』《》〈〉`")


@record
class Plan:
    """A loaded plan: the indicators file and, when read, the tasks file.

    Assembled from parts the file models already validated, so a plain dataclass: no second
    validation, and no validator to build at start-up.
    """

    info: PlanInfo
    categories: list[Category]
    peer_groups: dict[str, PeerGroup]
    references: dict[str, Reference]
    indicators: list[Indicator]
    source: str  # where the plan was read from ("bundled", or the path the user gave)
    tasks: list[Task] = field(default_factory=list)
    files: tuple[Path, ...] = ()  # the plan files read (an output must never replace one)

    @cached_property
    def _keys(self) -> dict[str, Indicator]:
        keys: dict[str, Indicator] = {}
        for indicator in self.indicators:
            for key in (indicator.id, indicator.name, indicator.name_en, *indicator.aliases):
                keys.setdefault(normalise_key(key), indicator)
        for indicator in self.indicators:  # a number is itself with or without leading zeros
            if is_number(number := normalise_key(indicator.id)):
                keys.setdefault(str(int(number)), indicator)
        return keys

    def find_indicator(self, key: str) -> Indicator | None:
        """The indicator a submission means by ``key``: its number, name, English name or alias.
        Numbers match with or without leading zeros ("01" and "1", "02" and "2")."""
        folded = normalise_key(key)
        found = self._keys.get(folded)
        if found is None and is_number(folded):  # 0–9 only: ١ and ④ are no number
            found = self._keys.get(str(int(folded)))
        return found

    def unit_problem(self, name: str, typed: str | None = None) -> str | None:
        """Why ``name`` cannot be a submitting unit, or None: a unit not among the peer groups'
        members (nor the plan's own unit) is a typing mistake (徐汇 for 徐汇区: the nearest is
        suggested), unless the plan admits other units or lists no members. ``typed``: the
        cell as typed, which the message quotes (``name`` is it folded, invisible characters
        gone)."""
        import difflib

        from plancheck.submission.values import shown

        members = [m for group in self.peer_groups.values() for m in group.members]
        if not members or self.info.other_units:
            return None
        known = set(members) | ({self.info.unit} if self.info.unit else set())
        if name in known:
            return None
        if not name:  # no unit column, and no plan unit to stand for the rows
            return say("read.no_unit_given")
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.3)
        hint = say("read.did_you_mean", hint=close[0]) if close else ""
        return say("read.not_a_unit", name=shown(name if typed is None else typed), hint=hint)

    def suggest(self, key: str) -> str | None:
        """The closest known indicator name, for a "did you mean" hint."""
        import difflib

        folded = normalise_key(key)
        if len(folded) > 200:  # no indicator name is this long; difflib would crawl
            return None
        names = {normalise_key(i.name): i for i in self.indicators}
        names.update({normalise_key(i.name_en): i for i in self.indicators})
        match = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.5)
        if not match:
            return None
        indicator = names[match[0]]
        return f"{indicator.id} {indicator.name}"

    def category(self, name: str) -> Category:
        return next(c for c in self.categories if c.name == name)
