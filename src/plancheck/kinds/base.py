"""What every kind of target declares, and what the engine gives it to judge with.

A kind of target is one module of ``plancheck.kinds``: a pydantic model (its form in the plan's
YAML, told apart by ``kind``) whose class attributes and methods say everything about it —

    phrases     the Chinese target phrases that produce it (``kinds/phrasing.py`` has the tools)
    messages    its reasons, in English and Chinese (keys of the reason catalog)
    texts       everything else it says, in both languages: its reading, what ``plan validate``
                refuses or warns of, why a phrase is not read, what ``plan import`` asks a person
                to check (said by ``said`` in the run's language; none of it in i18n.py)
    describe()  the one-line reading ``plan validate`` prints ("≥ 50", "< city_average")
    better()    which way is good, when the indicator does not say
    judge()     whether each unit's value meets it, and the goal it was held against — written
                over arrays (``evaluate/arrays.py``), the same for one unit or ten thousand
    reason()    why, for one result
    score()     its 0–100 score in the rule-of-law index
    problems()  what ``plan validate`` refuses in it (a reference that leads nowhere…)
    drafted()   what ``plan import`` makes of it on a table row (its column, the name's words)

The engine (``evaluate/engine.py``) calls these and nothing else: no code outside a kind's module
asks which kind a target is. ``kinds/__init__.py`` is the registry. Adding a kind is one module
and one line there (see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import asdict, field
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Literal,
    NamedTuple,
    Protocol,
    TypeVar,
    dataclass_transform,
)

from pydantic import ConfigDict, Field

from plancheck.i18n import current, fill
from plancheck.messages import (
    Reason,
    Text,
    fragment,
    number,
    numbers_apart,
    share,
    shares_apart,
    year_runs,
    year_span,
)
from plancheck.record import record

if TYPE_CHECKING:
    from plancheck.evaluate.arrays import Backend
    from plancheck.kinds.phrasing import Form, ParsedTarget
    from plancheck.plan.models import Indicator, IndicatorsFile, Plan

Op = Literal[">=", ">", "<=", "<", "=="]
Better = Literal["higher", "lower"]
Timing = Literal["annual", "by_target_year"]
# A number a plan may write: a YAML number (an integer is fine), never text ("100" is refused, as
# true is); NaN and infinities are refused (`.nan` in YAML would judge nothing).
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]

SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}

Array = Any  # a Vec (plain Python) or a numpy array: see evaluate/arrays.py
T = TypeVar("T")


def compare(op: str, a: Array, b: Array) -> Array:
    """``a OP b`` elementwise, for the five operators of a plan."""
    if op == ">=":
        return a >= b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    if op == "<":
        return a < b
    return a == b


class Facts(Protocol):
    """What the engine knows of one indicator in one year, as arrays over the units judged.

    The methods compute on demand: a kind that never asks for a rank costs no ranking.
    """

    xp: Backend
    size: int  # how many units
    year: int
    indicator: Indicator
    plan: Plan
    value: Array  # this year's figures; NaN where none was given

    def reference(self) -> Sourced:
        """The comparison value of a relative target: submitted, else from the reference
        file, else the mean of the units' figures (when two or more gave one)."""
        ...

    def rank(self) -> Sourced:
        """Each unit's place among the peers: submitted, else computed from the units."""
        ...

    def baseline(self) -> tuple[Array, Array]:
        """The baseline value and its year per unit: a submitted baseline-year figure, else
        the plan's ``baseline``; NaN when neither."""
        ...

    def figures(self, year: int) -> Array:
        """Each unit's figure for another year of the submission (NaN when not given)."""
        ...

    def other(self, indicator_id: str) -> Array:
        """Each unit's figure for another indicator of the plan, this year (NaN if none)."""
        ...


# The column of a national-style table that holds average and cumulative targets.
AVERAGE_COLUMN = "年均/累计"


class Draft(Protocol):
    """What ``plan import`` knows of a table row while it drafts the row's target
    (``plan/importers/reading.py``), for ``Kind.drafted``."""

    @property
    def ident(self) -> str:
        """The row's id in the draft."""
        ...

    @property
    def name(self) -> str:
        """The indicator's name, as the table writes it."""
        ...

    @property
    def column(self) -> str:
        """The column the target was read from: "level", or "average" (年均/累计)."""
        ...

    @property
    def average(self) -> str:
        """The 年均/累计 cell, verbatim."""
        ...

    @property
    def average_header(self) -> str:
        """The 年均/累计 column's header, verbatim (年均增长（%）, 年均/累计…)."""
        ...

    @property
    def parsed(self) -> ParsedTarget:
        """The target text as the phrase parser read it."""
        ...

    @property
    def baseline(self) -> tuple[int, float] | None:
        """The base-year column's figure, and its year."""
        ...

    @property
    def names(self) -> list[tuple[str, str]]:
        """Every row's (id, name): the indicators a phrase may name."""
        ...

    def todo(self, field: str, message: str) -> None:
        """Something a person must do before the indicator is judged."""
        ...

    def check(self, field: str, message: str) -> None:
        """A reading a person should confirm."""
        ...

    def note(self, text: str) -> None:
        """A line for the indicator's ``notes``."""
        ...

    def growth_word(self) -> str | None:
        """The word of the name that says its figure is a year's growth in % (增长…), if any."""
        ...

    def reduction_word(self) -> str | None:
        """The word of the name that says its figure is a year's fall in % (降低…), if any."""
        ...

    def flow_word(self) -> str | None:
        """The word of the name that says its figure is a year's flow (新增…), if any."""
        ...

    def rise_word(self) -> str | None:
        """The word of the name that says its level is to rise (提高…), if any."""
        ...

    def lower_is_better(self) -> bool:
        """The name says less is better (发案率, 败诉率…)."""
        ...

    def total(self) -> tuple[int, object] | None:
        """When the notes under the table say 〔〕 holds a total over years: how many, and
        the note."""
        ...


@record
class Sourced:
    """A figure per unit with where it came from: ``source`` SUBMITTED / FROM_FILE / COMPUTED
    (NaN where there is no figure), ``count`` the units a computed figure was taken over."""

    value: Array
    source: Array
    count: Array

    def shown(self, name: str) -> dict[str, Array]:
        return {name: self.value, f"{name}_source": self.source, f"{name}_count": self.count}


@record(frozen=False)
class Judged:
    """A kind's verdict over the units: ``met`` 1.0 / 0.0, NaN when it cannot be judged;
    ``goal`` the level held against (NaN when none); ``shown`` the figures its reasons cite
    (e.g. the reference and where it came from), each an array over the units."""

    met: Array
    goal: Array
    shown: dict[str, Array] = field(default_factory=dict)


class Row(NamedTuple):
    """One result's facts, for its reason: scalars, None where an array held NaN."""

    value: float
    goal: float | None
    met: bool | None
    year: int
    shown: dict[str, Any]

    def get(self, name: str) -> Any:
        return self.shown.get(name)


class Pace(NamedTuple):
    """时序进度 of one result: the share of the way done (None: not measured) against the share
    of time gone, from ``start`` in ``start_year``; ``gap``: the start left a way to go."""

    share: float | None
    time: float | None
    start: float | None
    start_year: int | None
    gap: bool

    @property
    def on_track(self) -> bool:
        from plancheck.evaluate.progress import TOLERANCE

        return (
            self.share is not None and self.time is not None and self.share >= self.time - TOLERANCE
        )

    @property
    def away(self) -> bool:
        """Further from the target than at the start (a negative share of the gap), and so
        behind schedule: said as moving away, never as "-300% of the gap closed"."""
        from plancheck.evaluate.progress import TOLERANCE

        return self.share is not None and self.share < -TOLERANCE and not self.on_track


@record
class Progress:
    """How far along the way to the target each unit is (时序进度): ``share`` of the way done
    (NaN where not measurable), from ``start`` (the baseline or 0) in ``start_year``."""

    share: Array
    start: Array
    start_year: Array
    held: Array | None = None  # the start already met the target: nothing to gain, only to keep


# How a reference or a rank was obtained (the code in ``shown``), and its wording.
SUBMITTED, FROM_FILE, COMPUTED = 1.0, 2.0, 3.0
SOURCE_KEYS = {SUBMITTED: "source_submitted", FROM_FILE: "source_file", COMPUTED: "source_computed"}


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def model(cls: type[T]) -> type[T]:
    """A model of the plan's YAML: a frozen dataclass (a ``record``: cheap to import and to
    unpickle from the plan cache) that pydantic validates strictly (unknown keys are errors:
    ``plan/load.py``)."""
    cls.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
    made: type[T] = record(kw_only=True)(cls)
    return made


@model
class Kind:
    """The base of every kind of target (see the module docstring). Each kind is a ``@model``
    subclass with a ``kind: Literal[...]`` field."""

    kind: str
    # Declared by each kind:
    phrases: ClassVar[tuple[Form, ...]] = ()
    messages: ClassVar[dict[str, tuple[str, str]]] = {}
    texts: ClassVar[dict[str, tuple[str, str]]] = {}
    # Its description and its fields' in Chinese, for `plan schema --lang zh` ("": its own).
    schema_zh: ClassVar[dict[str, str]] = {}
    # Submission columns it reads besides `value` (the template adds them): reference, rank.
    columns: ClassVar[tuple[str, ...]] = ()
    # A level to reach, so that progress over the years and against time can be measured.
    has_level: ClassVar[bool] = False
    # A total over the plan period (〔13.5〕): reached by the target year, whichever column of an
    # imported table holds it.
    over_period: ClassVar[bool] = False
    # Its figure closes a gap from the baseline toward its goal, on the goal's own scale (a
    # level, a band): 时序进度 is the share of that gap closed. A rank, a comparison with another
    # indicator, a direction or an average growth has no such gap — its goal is a place, another
    # figure, last year's figure or a rate — so before the target year its reason is its own
    # ("rank 7; the target is rank 5 or better…", not yet due) and no 时序进度 is measured.
    closes_gap: ClassVar[bool] = True

    # --- reading the plan ----------------------------------------------------------------

    @classmethod
    def said(cls, key: str, /, **params: object) -> str:
        """The kind's text ``key`` (``texts``) in the run's language, ``params`` filled in."""
        english, chinese = cls.texts[key]
        lang = current()
        return fill(lang, chinese if lang == "zh" else english, params)

    def describe(self) -> str:
        """One short line: what the target reads as."""
        raise NotImplementedError

    def better(self) -> Better:
        """Which way is good, when the indicator does not say."""
        return "higher"

    def says_which_way(self) -> Better | None:
        """Which way the target itself says is good (a floor: higher), so that an indicator's
        ``better`` cannot contradict it; None when it does not say (a rank, a band, 保持稳定)."""
        return None

    def default_timing(self, binding: bool, unit: str | None) -> Timing:
        """When a target read from a phrase is judged, by the bundled plan's rule (a level by
        the target year for expected indicators; binding ones and per-year counts annually)."""
        if binding or (unit or "").replace(" ", "").endswith("/年"):
            return "annual"
        return "by_target_year"

    def problems(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        """What ``plan validate`` refuses: (path under the indicator, message)."""
        return iter(())

    def warnings(
        self, indicator: Indicator, plan: IndicatorsFile
    ) -> Iterator[tuple[tuple[str, ...], str]]:
        """What ``plan validate`` warns of, the plan valid all the same (exit 0): a target it
        can never judge as written (path under the indicator, message)."""
        return iter(())

    def reference_used(self) -> str | None:
        """The key of the plan's ``references`` entry the target compares with, if any."""
        return None

    def peers_used(self) -> str | None:
        """The key of the plan's ``peer_groups`` entry the target ranks among, if any."""
        return None

    def input_problem(self, plan: Plan, field: str, figure: float) -> str | None:
        """Why a submitted figure (``value``, ``reference``, ``rank``) cannot be one for this
        target, or None."""
        return None

    def agrees(self, read: Kind, parsed: ParsedTarget, plan: IndicatorsFile) -> tuple[bool, str]:
        """Does the target ``read`` from the target text say what this declared one says?
        (agree, and "" — or why it is only a note, when it is one)."""
        return _same_fields(self, read), ""

    def drafted(self, draft: Draft) -> Kind:
        """The target ``plan import`` writes for a table row whose target text read as this
        one: what the row's column and name make of it (a bare number on a lower-is-better
        name is a ceiling, ＞7 in the 年均/累计 column on a growth an average growth…), with
        what a person must check or do said through ``draft``. The default keeps the target
        and passes on the phrase's own notes."""
        for note in draft.parsed.notes:
            draft.check("target", note)
        return self

    def flow(self) -> str:
        """The target as a YAML flow mapping, for a drafted plan."""
        parts = []
        for name, value in asdict(self).items():
            if value is None:
                continue
            parts.append(f"{name}: {_flow_value(value)}")
        return "{" + ", ".join(parts) + "}"

    # --- judging -------------------------------------------------------------------------

    def judge(self, facts: Facts) -> Judged:
        raise NotImplementedError

    def reason(self, row: Row, indicator: Indicator, plan: Plan) -> Reason:
        raise NotImplementedError

    def edges(self) -> tuple[float, ...]:
        """Figures the verdict turns at besides a result's goal (a band's bounds): a figure is
        never shown rounded onto one (6.0500001 is not "6.0500" beside a band up to 6.05)."""
        return ()

    def goal_symbol(self) -> str:
        """How ``not_yet`` writes the relation to the goal: "≥" for a threshold, else "→"."""
        return "→"

    def band(self) -> tuple[float, float] | None:
        """The band (low, high) a figure must lie in, for a target met from either side (a
        range, around, ``==``): its 时序进度 is the share of the distance to the band closed —
        a figure past the band's far side is as far from it as one short of it — and it has no
        trend (a line toward a goal from one side). None for a target met from one side."""
        return None

    def stated_in(self, unit: str | None) -> str | None:
        """The unit the target's own figure is in, on an indicator in ``unit`` — a report's
        target column writes it beside the plan's words: the indicator's, unless the target
        measures something else of it (a level's yearly growth is in %)."""
        return unit

    def behind(
        self, row: Row, pace: Pace, target_year: int, indicator: Indicator, plan: Plan
    ) -> Reason:
        """Why a target due by the target year is not met yet, with 时序进度 when measured."""
        if not self.closes_gap:
            return (
                *self.reason(row, indicator, plan),
                fragment("not_yet_due", year=str(target_year)),
            )
        if row.goal is None:
            value, goal = number(row.value), "?"
        else:
            value, goal = numbers_apart(row.value, row.goal)
        band = self.band()
        if band is not None and band[0] != band[1]:
            value = numbers_apart(row.value, band[0] if row.value < band[0] else band[1])[0]
            head = fragment("not_yet_band", value=value, low=number(band[0]),
                            high=number(band[1]), year=str(target_year))  # fmt: skip
        elif band is not None:  # == 100: neither above nor below it is "reached"
            head = fragment("not_yet_equal", value=value, goal=goal, year=str(target_year))
        else:
            head = fragment("not_yet", value=value, op=self.goal_symbol(), goal=goal,
                            year=str(target_year))  # fmt: skip
        if pace.share is None or pace.time is None:
            if pace.start is None or pace.start_year is None or not pace.gap:
                return head, fragment("no_baseline")
            key = "baseline_within" if band is not None else "baseline_met"
            return head, fragment(key, base_year=str(pace.start_year),
                                  baseline=number(pace.start))  # fmt: skip
        assert pace.start is not None
        if pace.share >= 1.0:  # the whole gap, yet not met: on a strict bound (> 10 of 10)
            return head, fragment("schedule_at_bound", goal=goal, time=share(pace.time),
                                  base_year=str(pace.start_year),
                                  baseline=number(pace.start))  # fmt: skip
        if pace.away:
            return head, fragment(moved_away(row.value, pace.start, band), time=share(pace.time),
                                  base_year=str(pace.start_year),
                                  baseline=number(pace.start))  # fmt: skip
        gap_text, time_text = shares_apart(pace.share, pace.time)
        key = "schedule_on" if pace.on_track else "schedule_off"
        return head, fragment(key, gap=gap_text, time=time_text, base_year=str(pace.start_year),
                              baseline=number(pace.start))  # fmt: skip

    def progress(self, facts: Facts, judged: Judged) -> Progress | None:
        """The share of the way done, for 时序进度 before the target year; None when the kind
        has no way to measure. The default measures from the baseline toward the goal (a
        band's, toward the band: ``band``); None for a kind that closes no gap (``closes_gap``)."""
        if not self.closes_gap:
            return None
        band = self.band()
        if band is not None:
            return band_progress(facts, *band)
        xp = facts.xp
        base, base_year = facts.baseline()
        goal = judged.goal
        higher = facts.indicator.direction == "higher"
        toward = (goal - base) if higher else (base - goal)
        measurable = ~xp.isnan(base) & (toward > 0)
        share = xp.where(measurable, (facts.value - base) / xp.where(measurable, goal - base, 1.0),
                         math.nan)  # fmt: skip
        return Progress(share, base, base_year, ~xp.isnan(base) & ~xp.isnan(goal) & (toward <= 0))

    def margin(self, facts: Facts, judged: Judged) -> Array | None:
        """How far each figure beats its goal, the way the indicator is good (a mid-term
        evaluation counts an annual target met every year by a margin as ahead); None for a
        kind whose goal is a band or a direction, which a figure meets or not."""
        return None

    def score(self, facts: Facts, judged: Judged, floor: float | None) -> Array:
        """0–100 per unit in the index; NaN when not scored. The default, for a level: where
        the value lies between the floor (0) and the goal (100), the way the indicator is good.
        The floor is the indicator's ``floor``, else 0 (higher is better) or twice the goal."""
        xp = facts.xp
        goal = judged.goal
        higher = facts.indicator.direction == "higher"
        low = (
            xp.full(facts.size, floor)
            if floor is not None
            else (0.0 * goal if higher else 2 * goal)
        )
        met = judged.met
        flat = low == goal
        fraction = (facts.value - low) / xp.where(flat, 1.0, goal - low)
        scored = xp.minimum(xp.maximum(fraction, 0.0), 1.0) * 100.0
        # No span to lie in (a goal of 0 for a rate that should be low): at the goal or beyond
        # it the good way is 100 — a strict target's own figure too, as elsewhere — else 0.
        reached = (facts.value >= goal) if higher else (facts.value <= goal)
        scored = xp.where(flat, xp.where((met == 1.0) | reached, 100.0, 0.0), scored)
        return xp.where(xp.isnan(met) | xp.isnan(goal), math.nan, scored)


def _flow_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{_flow_value(k)}: {_flow_value(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, str) and value.isidentifier():
        return value
    return json.dumps(value, ensure_ascii=False)


def _same_fields(a: Kind, b: Kind) -> bool:
    da, db = asdict(a), asdict(b)
    if da.keys() != db.keys():
        return False
    for key, x in da.items():
        y = db[key]
        if isinstance(x, float) and isinstance(y, float):
            if abs(x - y) > 1e-9 * max(1.0, abs(x)):
                return False
        elif x != y:
            return False
    return True


# --- helpers the kinds share ----------------------------------------------------------------


def loaded_messages(lang: str) -> dict[str, str]:
    """The reason sentences in ``lang`` of every kind imported so far."""
    found: dict[str, str] = {}
    pending: list[type[Kind]] = [Kind]
    while pending:
        kind = pending.pop()
        pending.extend(kind.__subclasses__())
        for key, (en, zh) in kind.messages.items():
            found[key] = zh if lang == "zh" else en
    return found


def figures_since_start(facts: Facts, through: int | None = None) -> tuple[list[Array], Array]:
    """Each year's figures from the period's first year to the year judged (its own last), or
    to ``through`` when that comes first, and which years have none: bit i of ``gaps`` is set
    where year start + i has no figure (a shown array, so that a reason names the years left
    blank: ``years_without``)."""
    xp = facts.xp
    gaps = xp.full(facts.size, 0.0)
    figures = []
    last = facts.year if through is None else min(facts.year, through)
    for i, year in enumerate(range(facts.plan.info.period.start, last + 1)):
        rate = facts.value if year == facts.year else facts.figures(year)
        gaps = gaps + xp.where(xp.isnan(rate), float(1 << i), 0.0)
        figures.append(rate)
    return figures, gaps


def band_progress(facts: Facts, low: float, high: float) -> Progress:
    """时序进度 toward a band: the share of the baseline's distance from it closed (1 inside it;
    past its far side, the distance counts again); a baseline inside the band is held."""
    xp = facts.xp
    base, base_year = facts.baseline()
    lows, highs, none = (
        xp.full(facts.size, low),
        xp.full(facts.size, high),
        xp.full(facts.size, 0.0),
    )

    def distance(x: Array) -> Array:
        return xp.maximum(lows - x, none) + xp.maximum(x - highs, none)

    start = distance(base)
    measurable = ~xp.isnan(base) & (start > 0.0)
    share = xp.where(measurable, 1.0 - distance(facts.value) / xp.where(measurable, start, 1.0),
                     math.nan)  # fmt: skip
    return Progress(share, base, base_year, ~xp.isnan(base) & (start <= 0.0))


def moved_away(value: float, start: float, band: tuple[float, float] | None = None) -> str:
    """The 时序进度 sentence of a figure further from its target than its start was
    (``Pace.away``): it fell where it had to rise, rose where it had to fall, or went past a
    band (or an ``==`` goal) from one side to lie further off the other."""
    if band is not None and (
        (start < band[0] and value > band[1]) or (start > band[1] and value < band[0])
    ):
        return "schedule_past"
    return "schedule_fell" if value < start else "schedule_rose"


def years_without(row: Row, start: int) -> Text:
    """The years ``figures_since_start`` found blank for this row, in runs: 2022–2024, 2026
    (2022—2024、2026 in Chinese: ``year_span``'s dash)."""
    gaps = int(row.get("gaps") or 0)
    runs = year_runs(start + i for i in range(row.year - start + 1) if gaps >> i & 1)
    en = ", ".join(year_span(first, last, "en") for first, last in runs)
    return Text(en, "、".join(year_span(first, last, "zh") for first, last in runs))


def level_margin(facts: Facts, judged: Judged, value: Array | None = None) -> Array:
    """``Kind.margin`` of a level: the figure (or ``value``) less the goal, the good way."""
    figure = facts.value if value is None else value
    if facts.indicator.direction == "higher":
        return figure - judged.goal
    return judged.goal - figure


def met_where(xp: Backend, known: Array, condition: Array) -> Array:
    """1.0 / 0.0 where ``known``, else NaN."""
    return xp.where(known, xp.where(condition, 1.0, 0.0), math.nan)


def source(row: Row, name: str) -> Text:
    """How a reference or rank in ``row.shown`` was obtained, in both languages."""
    from plancheck.messages import source_text

    code = row.get(f"{name}_source") or SUBMITTED
    key = SOURCE_KEYS[code]
    if code == COMPUTED:
        return source_text(key, count=str(int(row.get(f"{name}_count") or 0)))
    return source_text(key)


def level_reason(row: Row, op: str, met_key: str, missed_key: str) -> Reason:
    """ "{value} meets the target ≥ {goal}" / "misses" — the sentence of a level."""
    assert row.goal is not None
    value, goal = numbers_apart(row.value, row.goal)
    key = met_key if row.met else missed_key
    return (fragment(key, value=value, op=SYMBOL.get(op, op), goal=goal),)


def fmt(value: float) -> str:
    """A plan's number as written in a description: 50, 0.1, 13.5."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def figure_text(value: float) -> str:
    return number(value)


def peer_group_text(plan: Plan, key: str) -> Text:
    group = plan.peer_groups[key]
    return Text(group.name_en, group.name)


def reference_text(plan: Plan, key: str) -> Text:
    ref = plan.references[key]
    return Text(ref.name_en, ref.name)


def unknown(xp: Backend, size: int) -> Judged:
    """Nothing can be judged: every unit ``unknown``."""
    return Judged(xp.full(size, math.nan), xp.full(size, math.nan))


def all_problems(
    kinds: Iterable[tuple[Indicator, int]], plan: IndicatorsFile
) -> Iterator[tuple[int, tuple[str, ...], str]]:
    for indicator, n in kinds:
        for path, message in indicator.target.problems(indicator, plan):
            yield n, path, message
