"""A draft plan: the rows and tasks an importer found → indicators.yaml and tasks.yaml text.

Every indicator goes through the phrase parser. What the parser (or the table) cannot say is
written with a ``# TODO(plancheck import): …`` comment and a placeholder that validates — a
qualitative target, flagged again in the indicator's ``notes`` — and is listed for the user as
``indicators.yaml:LINE: …``. Readings that rest on a convention (全市前列 as rank 5) are written
as ``# check: …`` comments and listed too. Nothing is guessed silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace

from plancheck.kinds import Target
from plancheck.kinds.phrasing import SCOPE_NAMES_EN, SCOPES, ParsedTarget
from plancheck.kinds.qualitative import Qualitative
from plancheck.plan.importers.document import Metadata, TaskItem
from plancheck.plan.importers.table import Row, binding_of
from plancheck.plan.phrases import default_timing, parse_target

TODO = "TODO(plancheck import)"
# Units that lose characters when a web page is turned into text ("次/年" → "/"), restored only
# when the indicator's name says what was lost.
LOST_UNITS: list[tuple[str, str, str]] = [
    # (unit as extracted, a word the name must hold, the unit restored)
    ("/", "次数", "次/年"),
    ("/万人", "每万人", "人/万人"),
]
UNCATEGORISED = "未分类"
SAME_UNITS = {"百分比": "%", "百分率": "%", "千分比": "‰", "千分率": "‰"}
NOT_APPLICABLE = {"", "/", "-", "—", "——", "无", "不适用"}


@dataclass(frozen=True)
class Finding:
    """A line of the end-of-run list: a TODO (not understood) or a check (a convention)."""

    file: str
    line: int
    kind: str  # "TODO" or "check"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


@dataclass
class Draft:
    source: str
    meta: Metadata
    period: tuple[int, int]
    rows: list[Row]
    tasks: list[TaskItem]
    notes: list[str] = field(default_factory=list)  # about the source as a whole
    tasks_note: str = ""  # written at the top of tasks.yaml (e.g. "no task text")


class _Writer:
    """Lines of YAML, and the findings that point at them."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: list[str] = []
        self.findings: list[Finding] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def todo(self, indent: str, message: str, kind: str = "TODO") -> None:
        label = TODO if kind == "TODO" else "check"
        self.add(f"{indent}# {label}: {message}")
        self.findings.append(Finding(self.file, len(self.lines) + 1, kind, message))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def restore_unit(raw: str, name: str) -> tuple[str | None, str | None]:
    """The indicator's unit, and a note when it was restored or is doubtful."""
    unit = "".join(unicodedata.normalize("NFKC", raw).split())  # ％ is %
    unit = SAME_UNITS.get(unit, unit)
    for lost, word, restored in LOST_UNITS:
        if unit == lost and word in name:
            return restored, f"unit '{unit}' read as '{restored}' (characters lost in extraction)"
    if unit in NOT_APPLICABLE:
        note = None if not unit else f"unit '{unit}' read as no unit; add one if the figure has one"
        return None, note
    if unit.startswith("/") or unit.endswith("/"):
        return unit, f"unit '{unit}' looks cut short; write the full unit (e.g. 人/万人)"
    return unit, None


def indicators_yaml(draft: Draft) -> tuple[str, list[Finding]]:
    w = _Writer("indicators.yaml")
    meta, (start, end) = draft.meta, draft.period
    w.add(f"# Draft plan imported by `plancheck plan import` from {draft.source}.")
    w.add("# `name` and `target_text` are the table's own words; `target` is what plancheck reads")
    w.add(
        "# them as. Lines marked TODO(plancheck import) need a person; lines marked `check:` rest"
    )
    w.add("# on a convention. name_en/title_en repeat the Chinese: translate them for English")
    w.add("# reports. Then run `plancheck plan validate` on this folder.")
    w.add("")
    w.add("plan:")
    w.add(f"  id: {q(_plan_id(draft))}")
    title = meta.title or draft.source
    if not meta.title:
        w.todo("  ", "no title found in the document: write the plan's title")
    w.add(f"  title: {q(title)}")
    w.add(f"  title_en: {q(title)}")
    w.add("  document:")
    w.add(f"    stage: {q(meta.stage or '正式文本')}")
    w.add(f"    stage_en: {q(meta.stage or 'adopted text')}")
    date = meta.date
    if date is None:
        w.todo("    ", "no date found in the document: write the date of this text")
        date = dt.date(start, 1, 1)
    w.add(f"    date: {date.isoformat()}")
    w.add('    occasion: ""')
    w.add('    occasion_en: ""')
    w.add(f"    source: {q(draft.source)}")
    if meta.unit:
        w.todo("  ", f"unit '{meta.unit}' read from the title: the default unit of a submission",
               kind="check")  # fmt: skip
        w.add(f"  unit: {q(meta.unit)}")
    else:
        w.todo(
            "  ", "no district/unit found in the title: add `unit:` (a submission's default unit)"
        )
    if meta.period_from:
        w.todo("  ", f"period {start}–{end} read from {meta.period_from}", kind="check")
    w.add(f"  period: {{start: {start}, end: {end}}}")
    w.add(f"  baseline_year: {start - 1}")
    w.add(f"  target_year: {end}")
    w.add("")

    parsed = [_read_row(row) for row in draft.rows]
    categories = list(dict.fromkeys(row.category or UNCATEGORISED for row in draft.rows))
    w.add("categories:")
    if UNCATEGORISED in categories:
        unnamed = [row.id or row.where for row in draft.rows if not row.category]
        w.todo("  ", f"no category in the table for indicators {', '.join(unnamed)}: they are "
               f"under '{UNCATEGORISED}'")  # fmt: skip
    for name in categories:
        w.add(f"  - {{name: {q(name)}, name_en: {q(name)}}}")
    w.add("")

    scopes = _scopes(parsed)
    if scopes:
        w.add("peer_groups:")
        for key, scope in scopes.items():
            w.todo(
                "  ", f"peer group '{key}' ({scope}): add its `size` and `members`", kind="check"
            )
            w.add(f"  {key}: {{name: {q(scope)}, name_en: {q(SCOPE_NAMES_EN[key][0])}}}")
        w.add("")
        references = {
            SCOPES[scope][1]: (scope, key)
            for key, scope in scopes.items()
            if any(
                p.target is not None
                and p.target.reference_used() is not None
                and p.scope
                and SCOPES[p.scope][0] == key
                for p, _, _ in parsed
            )
        }
        if references:
            w.add("references:")
            for ref_key, (scope, peers) in references.items():
                name_en = SCOPE_NAMES_EN[peers][1]
                w.add(f"  {ref_key}: {{name: {q(scope + '平均值')}, name_en: {q(name_en)}, "
                      f"peers: {peers}}}")  # fmt: skip
            w.add("")

    w.add("indicators:")
    used: set[str] = set()
    for n, (row, (reading, unit, notes)) in enumerate(zip(draft.rows, parsed, strict=True)):
        ident = row.id or str(n + 1)
        if ident in used:
            ident = f"{ident}-{n + 1}"
        used.add(ident)
        label = f"indicator {ident}"
        w.add(f"  - id: {q(ident)}")
        if not row.id:
            w.todo("    ", f"{label} ({row.where}): no number in the table; numbered {ident}")
        w.add(f"    category: {q(row.category or UNCATEGORISED)}")
        w.add(f"    name: {q(row.name)}")
        w.add(f"    name_en: {q(row.name)}")
        binding = binding_of(row.attribute)
        if binding is None:
            w.todo("    ", f"{label}: attribute '{row.attribute}' is neither 约束性 nor 预期性; "
                   "binding set to false")  # fmt: skip
        w.add(f"    binding: {'true' if binding else 'false'}")
        for note in notes:
            w.todo("    ", f"{label}: {note}", kind="check")
        if unit is not None:
            w.add(f"    unit: {q(unit)}")
        w.add(f"    target_text: {q(row.target_text)}")
        notes_field = None
        if reading.target is None:
            message = f"{label}: target_text '{row.target_text}' not understood ({reading.reason})"
            w.todo("    ", f"{message}; the target below is a placeholder")
            target: Target = Qualitative(kind="qualitative", direction="increase")
            notes_field = f"{TODO}: placeholder target; the plan says '{row.target_text}'"
        else:
            target = reading.target
            for note in reading.notes:
                w.todo("    ", f"{label}: {note}", kind="check")
        w.add(f"    target: {target.flow()}")
        w.add(f"    timing: {default_timing(target, bool(binding), unit)}")
        baseline = _baseline(row, start - 1)
        if baseline is not None:
            w.add(f"    baseline: {{year: {baseline[0]}, value: {num(baseline[1])}}}")
        elif row.baseline:
            w.todo("    ", f"{label}: baseline '{row.baseline}' is not a number")
        if notes_field:
            w.add(f"    notes: {q(notes_field)}")
        w.add("")
    if not draft.rows:
        w.add("  []")
    return w.text().rstrip("\n") + "\n", w.findings


def _read_row(row: Row) -> tuple[ParsedTarget, str | None, list[str]]:
    unit, unit_note = restore_unit(row.unit, row.name)
    notes = [unit_note] if unit_note else []
    reading = parse_target(row.target_text, unit)
    if reading.understood and reading.unit and not unit:
        unit = reading.unit  # the phrase states it: 不低于95%
    target = reading.target
    if reading.implicit and target is not None and lower_is_better(row.name):
        # A bare "3" on 万人刑事案件发案率 is a ceiling, not a floor (only a bare number, a
        # threshold, is implicit).
        ceiling = replace(target, op="<=")  # type: ignore[call-arg]
        reading = replace(reading, target=ceiling)
        notes.append(
            f"the bare number '{row.target_text}' read as {ceiling.describe()}: the name "
            "says lower is better (a floor would be >=)"
        )
    return reading, unit, notes


# Names of indicators where less is better: a bare number on them is a ceiling.
_LOWER = re.compile(
    r"发案率|发生率|败诉率|纠错率|差错率|改判|发回|事故|死亡|犯罪|投诉|逾期|超期|积案|不合格|"
    r"失信|上访|信访量|复发|违法率|违规率|案件数|起数|亡人"
)
_HIGHER = re.compile(r"查处|办结|化解|合格率|覆盖|满意|知晓|结案|审查率|答复|出庭|落实|整改|成功")


def lower_is_better(name: str) -> bool:
    return bool(_LOWER.search(name)) and not _HIGHER.search(name)


def _scopes(parsed: list[tuple[ParsedTarget, str | None, list[str]]]) -> dict[str, str]:
    """Peer group key → scope word (全市…), for every relative or rank target."""
    found: dict[str, str] = {}
    for reading, _, _ in parsed:
        target = reading.target
        if target is None:
            continue
        if (peers := target.peers_used()) is not None:
            found.setdefault(peers, reading.scope or "全市")
        elif target.reference_used() is not None and reading.scope:
            found.setdefault(SCOPES[reading.scope][0], reading.scope)
    return found


def _baseline(row: Row, baseline_year: int) -> tuple[int, float] | None:
    """The table's baseline figure: of its column's year, else (基期值) of the plan's."""
    if not row.baseline:
        return None
    try:
        return row.baseline_year or baseline_year, float(row.baseline.rstrip("%‰"))
    except ValueError:
        return None


def _plan_id(draft: Draft) -> str:
    stem = re.sub(r"[^\w]+", "-", draft.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip("-")
    start, end = draft.period
    return f"{stem or 'plan'}-{start}-{end}"


def tasks_yaml(draft: Draft) -> tuple[str, list[Finding]]:
    w = _Writer("tasks.yaml")
    w.add(f"# Tasks imported by `plancheck plan import` from {draft.source}: the numbered items of")
    w.add("# its task chapters; ids 1, 2… in the plan body, A1, A2… in its annex. Add milestones")
    w.add("# (dates, quantities, yearly duties) and the indicators each task drives by hand.")
    if draft.tasks_note:
        w.todo("", draft.tasks_note)
    if not draft.tasks:
        w.add("tasks: []")
        return w.text(), w.findings
    w.add("tasks:")
    for task in draft.tasks:
        w.add(f"  - id: {q(task.id)}")
        w.add(f"    document: {task.document}")
        w.add(f"    section: {q(task.section)}")
        w.add(f"    title: {q(task.title)}")
        w.add(f"    text: {q(task.text)}")
    return w.text(), w.findings
