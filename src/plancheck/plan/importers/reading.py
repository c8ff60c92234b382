"""A row of an indicator table → what the draft says of it: its target and when it is judged,
its unit, baseline and notes, and what a person must do or check.

Which cell holds the target, and what it means, follows the table's columns:

- a level in the target-year column (2025年: 65, ＞6.5) is read by the phrase parser: a
  threshold to reach by the target year (``by_target_year``), binding or not — unless its kind
  holds every year (a rank, an average, a count per year);
- on an indicator whose figure is a year's rate in % (地区生产总值增长, 单位GDP能耗降低:
  ``yearly_rate``), a target that is no total over the period holds every year (``annual``),
  in whichever column it stands: ＞5 is each year's growth;
- the 年均/累计 column, when the target-year cell is empty: 〔13.5〕 is a total over the period
  (cumulative: a compounded reduction when the name says 降低/下降, a growth when it says 增长,
  else the change of a level from its baseline), due by the target year; ＞7 on a growth is an
  average yearly growth; ＜5.5 on a level a threshold; 高于GDP增长 / 与GDP增长基本同步 a
  comparison with the indicator the words name; 各年度视情提出 the plan's goal of each year —
  all of these hold every year (``annual``);
- a change said to be a total (累计下降13.5%) is one over the period in either column, due by
  the target year: on a name that says 降低/增长 the yearly rates compounded, as 〔13.5〕; on a
  level its change from the baseline;
- a single target column (指标目标) says nothing about when: the bundled plan's rule (binding
  indicators every year, expected ones by the target year);
- a clause after 、力争… is a secondary goal: kept in ``notes``, not judged;
- a baseline is the base-year column's figure, of the year a mark's note names (60.6* with
  "带*的为2019年数据" is 60.6 in 2019); a mark on a target ("8①") refers to a note, which joins
  the indicator's ``notes``, and is not part of its ``target_text``;
- a note under the table that names the indicator joins its ``notes`` too;
- what cannot be read is a ``todo`` target: never judged, and listed for a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import field

from plancheck.i18n import say
from plancheck.kinds import Target
from plancheck.kinds.base import AVERAGE_COLUMN, Better, Timing
from plancheck.kinds.phrasing import ParsedTarget
from plancheck.kinds.todo import Todo
from plancheck.plan.importers.notes import Footnotes, Note, split_marks
from plancheck.plan.importers.table import EMPTY, Row, binding_of, is_empty
from plancheck.plan.phrases import default_timing, parse_target
from plancheck.record import record

# Units that lose characters when a web page is turned into text ("次/年" → "/"), restored only
# when the indicator's name says what was lost.
LOST_UNITS: list[tuple[str, str, str]] = [
    # (unit as extracted, a word the name must hold, the unit restored)
    ("/", "次数", "次/年"),
    ("/万人", "每万人", "人/万人"),
]
SAME_UNITS = {"百分比": "%", "百分率": "%", "千分比": "‰", "千分率": "‰"}
# A name that says its figure is a year's change in %: 增长 (not 增加值, value added), 降低…
GROWTH = re.compile(r"增长|增速|增加(?!值)")
REDUCTION = re.compile(r"降低|下降|减少")
# A name that says its figure is a year's flow, summed over the period: 新增城镇就业, 累计培训人数.
FLOW = re.compile(r"新增|累计.*?(?:人数|人次)")
# A name that says its level is to rise: 人均预期寿命提高.
RISE = re.compile(r"提高|提升|上升")
# A secondary goal after the target: "＞7、力争投入强度高于“十三五”时期实际".
SECONDARY = re.compile(r"^(?P<main>.+?)\s*[、,，;；]\s*(?P<clause>(?:并?力争|争取|努力).+)$")
# Names of indicators where less is better: a bare number on them is a ceiling.
_LOWER = re.compile(
    r"发案率|发生率|败诉率|纠错率|差错率|改判|发回|事故|死亡|犯罪|投诉|逾期|超期|积案|不合格|"
    r"失信|上访|信访量|复发|违法率|违规率|刑事案件数|治安案件数|发案数|事故起数|火灾|亡人|浓度|"
    r"失业率|能耗|能源消耗|排放|劣[ⅤV]类"
)
# …and where more is: a count of work done (法律援助案件数, 受理…) is not a count of harm.
_HIGHER = re.compile(
    r"查处|办结|化解|合格率|覆盖|满意|知晓|结案|审查率|答复|出庭|落实|整改|成功|达标|援助|受理|"
    r"办理|调解|服务"
)


@record
class Remark:
    """Something a person must do (``TODO``) or confirm (``check``), and the field it is about."""

    kind: str  # "TODO" or "check"
    field: str  # "unit", "target" or "baseline": the draft writes it above that line
    message: str


@record
class Reading:
    id: str
    target: Target
    target_text: str  # the cell the target was read from, verbatim
    timing: Timing
    unit: str | None
    scope: str | None  # 全市… of a relative or rank target
    better: Better | None = None  # written only where the target does not say it
    baseline: tuple[int, float] | None = None
    minimum: float | None = None  # -100 for a yearly rate of change in %
    aliases: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # the indicator's `notes`
    remarks: tuple[Remark, ...] = field(default=())


def yearly_rate(name: str, unit: str | None) -> bool:
    """Is the indicator's figure a year's rate of change in % (地区生产总值增长, 单位GDP能耗降低)?
    It can be negative, and a target that is no total over the period holds for each year."""
    return unit == "%" and bool(GROWTH.search(name) or REDUCTION.search(name))


def lower_is_better(name: str) -> bool:
    """Less is better on the indicator's level (PM2.5浓度, 城镇调查失业率) — not on a name whose
    figure is the fall itself (单位GDP能耗降低: the more it falls, the better)."""
    return bool(_LOWER.search(name)) and not _HIGHER.search(name) and not REDUCTION.search(name)


def restore_unit(raw: str, name: str) -> tuple[str | None, str | None]:
    """The indicator's unit, and a note when it was restored or is doubtful."""
    unit = "".join(unicodedata.normalize("NFKC", raw).split())  # ％ is %
    unit = SAME_UNITS.get(unit, unit)
    for lost, word, restored in LOST_UNITS:
        if unit == lost and word in name:
            return restored, say("import.unit_restored", unit=unit, restored=restored)
    if unit in EMPTY:
        note = None if not unit else say("import.unit_none", unit=unit)
        return None, note
    if unit.startswith("/") or unit.endswith("/"):
        return unit, say("import.unit_cut", unit=unit)
    return unit, None


def identify(rows: Sequence[Row]) -> list[str]:
    """Each row's id: its number in the table, else its position; a repeated one made unique
    (and listed as a TODO: ``draft.py``)."""
    used: set[str] = set()
    ids = []
    for n, row in enumerate(rows):
        ident = row.id or str(n + 1)
        if ident in used:
            ident = f"{ident}-{n + 1}"
        used.add(ident)
        ids.append(ident)
    return ids


def read_rows(
    rows: Sequence[Row], footnotes: Footnotes, dated: bool, baseline_year: int
) -> list[Reading]:
    """Every row's reading. ``dated``: the target column names the target year (2025年);
    ``baseline_year``: the plan's, for a baseline column that names none (基期值)."""
    ids = identify(rows)
    names = [(ident, row.name) for ident, row in zip(ids, rows, strict=True)]
    about = footnotes.naming([row.name for row in rows])
    return [
        _Reader(row, ident, names, footnotes, about.get(n, []), dated, baseline_year).read()
        for n, (ident, row) in enumerate(zip(ids, rows, strict=True))
    ]


class _Reader:
    """Reads one row: collects its notes and findings on the way."""

    def __init__(
        self,
        row: Row,
        ident: str,
        names: list[tuple[str, str]],
        footnotes: Footnotes,
        about: list[Note],
        dated: bool,
        baseline_year: int,
    ) -> None:
        self.row, self.ident, self.names = row, ident, names
        self.footnotes, self.dated, self.baseline_year = footnotes, dated, baseline_year
        self.label = say("import.label", id=ident)
        self.remarks: list[Remark] = []
        self.notes: list[str] = [str(note) for note in about]

    def todo(self, field: str, message: str) -> None:
        self.remarks.append(
            Remark("TODO", field, say("import.about", label=self.label, message=message))
        )

    def check(self, field: str, message: str) -> None:
        self.remarks.append(
            Remark("check", field, say("import.about", label=self.label, message=message))
        )

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def read(self) -> Reading:
        row = self.row
        unit, unit_note = restore_unit(row.unit, row.name)
        if unit is None and row.name_unit:
            unit, unit_note = restore_unit(row.name_unit, row.name)  # 常住人口城镇化率（％）
        elif row.name_unit and restore_unit(row.name_unit, row.name)[0] != unit:
            self.check("unit", say("import.unit_both", named=row.name_unit, unit=row.unit))
        if unit_note:
            self.check("unit", unit_note)
        baseline = self.baseline()
        for header, text in row.unread:
            if parse_target(text).understood:  # a target in a column no field reads
                self.check("target", say("import.column_unread", column=header, text=text))
        level, average = self.marked(row.target_text), self.marked(row.average)
        if not is_empty(level):
            column, text, written = "level", level, level
            if not is_empty(average):
                header = row.average_header or AVERAGE_COLUMN  # the table's own header
                self.note(f"{header}：{row.average}")
                self.check("target", say("import.average_too", column=header,
                                         text=row.average))  # fmt: skip
        elif not is_empty(average):
            column, text, written = "average", average, average
            if _growth_in_percent(text, unit, row.average_header):
                text = text.rstrip("%％ ")  # 6% under 年均增长（%） on 亿元: the growth's unit
            elif _total_column(text, unit, row.average_header):
                # 10 under 累计 (not 年均/累计): a total over the period, as 〔10〕 is.
                text = f"〔{text.strip().rstrip('%％').strip()}〕"
                self.check("target", say("import.total_column", text=written,
                                         header=row.average_header, total=text))  # fmt: skip
        else:
            written = row.target_text or row.average
            self.todo("target", say("import.no_target"))
            return self.result(Todo(kind="todo", text=written), written, "annual", unit, None,
                               baseline)  # fmt: skip
        if found := SECONDARY.match(text):
            text = found["main"]
            self.note(found["clause"])
            self.check("target", say("import.secondary", clause=found["clause"]))
        parsed = parse_target(text, unit)
        if parsed.target is None:
            self.todo("target", say("import.not_understood", text=written, reason=parsed.reason))
            return self.result(Todo(kind="todo", text=written), written, "annual", unit, None,
                               baseline)  # fmt: skip
        if parsed.unit and not unit:
            unit = parsed.unit  # the phrase states it: 不低于95%
        target = self.kind(parsed, column, baseline)
        over_period = target.over_period or parsed.over_period  # 〔13.5〕, 累计下降13.5%
        if yearly_rate(row.name, unit) and not over_period:
            # Each year's growth (＞5 in the 2025年 column) is a rate of that year, not a level
            # reached by the end of the period.
            timing: Timing = "annual"
        elif over_period:  # a total is reached by the end of the period, whatever its column
            timing = "by_target_year"
        elif column == "level" and self.dated:
            # Reached by the end of the period, binding or not, unless the kind holds every year.
            timing = target.default_timing(False, unit)
        elif column == "average":
            timing = "annual"
        else:
            timing = default_timing(target, binding_of(row.attribute) is True, unit)
        better: Better | None = None
        if target.says_which_way() is None and lower_is_better(row.name):
            # 全市前列 on 发案率: ranked as the plan means it, the lowest rate first.
            better = "lower"
            self.check("target", say("import.better_lower", text=written))
        return self.result(target, written, timing, unit, parsed.scope, baseline, better)

    def marked(self, text: str) -> str:
        """A cell without its marks; each mark's note joins the indicator's notes. The mark is
        a reference to a note, not part of the target: "8①" is written as target_text "8"."""
        plain, marks = split_marks(text)
        for mark in dict.fromkeys(marks):
            note = self.footnotes.explaining(mark)
            if note is None:
                self.check("target", say("import.mark_unexplained", text=text, mark=mark))
            elif self.footnotes.year(mark) is None:  # a baseline's year is said at the baseline
                self.note(str(note))
        return plain

    def kind(self, parsed: ParsedTarget, column: str, baseline: tuple[int, float] | None) -> Target:
        """The target a phrase reads as, made what the column and the name say it is (each
        kind's ``drafted``)."""
        target = parsed.target
        assert target is not None
        return target.drafted(_Draft(self, column, parsed, baseline))

    def baseline(self) -> tuple[int, float] | None:
        """The base-year column's figure, and its year: the column's, a mark's, or the plan's."""
        text = self.row.baseline
        plain, marks = split_marks(text)
        if is_empty(plain):
            return None
        try:
            value = float(unicodedata.normalize("NFKC", plain).rstrip("%‰"))
        except ValueError:
            self.todo("baseline", say("import.baseline_nan", text=text))
            return None
        year = self.row.baseline_year or self.baseline_year
        for mark in dict.fromkeys(marks):
            if found := self.footnotes.year(mark):
                year = found[0]
                self.note(str(found[1]))
                self.check("baseline", say("import.baseline_year", text=text, year=year,
                                           note=found[1]))  # fmt: skip
            elif (note := self.footnotes.explaining(mark)) is not None:
                self.note(str(note))
            else:
                self.check("baseline", say("import.baseline_mark", text=text, mark=mark))
        return year, value

    def result(
        self,
        target: Target,
        written: str,
        timing: Timing,
        unit: str | None,
        scope: str | None,
        baseline: tuple[int, float] | None,
        better: Better | None = None,
    ) -> Reading:
        row = self.row
        return Reading(
            id=self.ident,
            target=target,
            target_text=written,
            timing=timing,
            better=better,
            unit=unit,
            scope=scope,
            baseline=baseline,
            minimum=-100.0 if yearly_rate(row.name, unit) else None,
            aliases=(row.written_name,) if row.written_name else (),
            notes=tuple(self.notes),
            remarks=tuple(self.remarks),
        )


# A bare rate with its sign: 6%, ＞7％, ≥6.5% (not 累计下降13.5%, a phrase of its own).
_A_RATE = re.compile(r"^\s*(?:[<>≤≥]=?)?\s*\d+(?:\.\d+)?\s*%\s*$")
_A_FIGURE = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?P<percent>[%％])?\s*$")


def _total_column(text: str, unit: str | None, header: str) -> bool:
    """Is ``10`` (or ``13.5%`` on a rate in %) a bare figure under a header of totals only (累计,
    五年累计, 累计（%）), where 年均/累计 leaves it a yearly figure?"""
    plain = "".join(header.split())
    if "累计" not in plain or "年均" in plain or not (found := _A_FIGURE.match(text)):
        return False
    return not found["percent"] or unit in (None, "%", "％")


def _growth_in_percent(text: str, unit: str | None, header: str) -> bool:
    """Is ``6%`` in a column of yearly averages (年均增长（%）) on a level in a unit of its own
    (亿元): the % is the yearly growth's, as the header says, not a level's unit?"""
    if not _A_RATE.match(unicodedata.normalize("NFKC", text)) or "年均" not in header or not unit:
        return False
    return unit not in ("%", "％", "‰") and "率" not in unit and "百分点" not in unit


@record(frozen=False)
class _Draft:
    """``kinds.base.Draft``: one row as a kind drafting its target sees it."""

    reader: _Reader
    column: str
    parsed: ParsedTarget
    baseline: tuple[int, float] | None

    @property
    def ident(self) -> str:
        return self.reader.ident

    @property
    def name(self) -> str:
        return self.reader.row.name

    @property
    def average(self) -> str:
        return self.reader.row.average

    @property
    def average_header(self) -> str:
        return self.reader.row.average_header

    @property
    def names(self) -> list[tuple[str, str]]:
        return self.reader.names

    def todo(self, field: str, message: str) -> None:
        self.reader.todo(field, message)

    def check(self, field: str, message: str) -> None:
        self.reader.check(field, message)

    def note(self, text: str) -> None:
        self.reader.note(text)

    def _word(self, pattern: re.Pattern[str]) -> str | None:
        """The word of the name ``pattern`` finds (增长, 下降, 新增…), if any."""
        found = pattern.search(self.name)
        return found[0] if found else None

    def growth_word(self) -> str | None:
        return self._word(GROWTH)

    def reduction_word(self) -> str | None:
        return self._word(REDUCTION)

    def flow_word(self) -> str | None:
        return self._word(FLOW)

    def rise_word(self) -> str | None:
        return self._word(RISE)

    def lower_is_better(self) -> bool:
        return lower_is_better(self.name)

    def total(self) -> tuple[int, object] | None:
        return self.reader.footnotes.total()
