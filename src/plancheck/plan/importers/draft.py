"""A draft plan: the rows and tasks an importer found → indicators.yaml and tasks.yaml text.

Every row is read by ``reading.py`` (its columns, the phrase parser, the notes under the table).
What cannot be read is written as a ``todo`` target — never judged — with a
``# TODO(plancheck import): …`` comment, and listed for the user as ``indicators.yaml:LINE: …``.
Readings that rest on a convention (全市前列 as rank 5, 〔〕 as a five-year total, 高于GDP增长 as
indicator 1) are written as ``# check: …`` comments and listed too. Nothing is guessed silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import field

from plancheck.i18n import say, year_span
from plancheck.kinds.phrasing import SCOPE_NAMES_EN, SCOPES
from plancheck.plan.importers.document import Metadata, TaskItem
from plancheck.plan.importers.notes import read as read_notes
from plancheck.plan.importers.reading import Reading, read_rows
from plancheck.plan.importers.table import Row, binding_of
from plancheck.record import record

TODO = "TODO(plancheck import)"
UNCATEGORISED = "未分类"


@record
class Finding:
    """A line of the end-of-run list: a TODO (not understood) or a check (a convention)."""

    file: str
    line: int
    kind: str  # "TODO" or "check"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


@record(frozen=False)
class Draft:
    source: str
    meta: Metadata
    period: tuple[int, int]
    rows: list[Row]
    tasks: list[TaskItem]
    notes: list[str] = field(default_factory=list)  # about the source as a whole
    tasks_note: str = ""  # written at the top of tasks.yaml (e.g. "no task text")
    dated: bool = False  # the table's target column names the target year (2025年)
    footnotes: list[str] = field(default_factory=list)  # the lines of the notes under the table


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


def indicators_yaml(draft: Draft) -> tuple[str, list[Finding]]:
    w = _Writer("indicators.yaml")
    meta, (start, end) = draft.meta, draft.period
    for line in say("import.header_indicators", source=draft.source).splitlines():
        w.add(line)
    w.add("")
    w.add("plan:")
    w.add(f"  id: {q(_plan_id(draft))}")
    title = meta.title or draft.source
    if not meta.title:
        w.todo("  ", say("import.no_title"))
    w.add(f"  title: {q(title)}")
    w.add(f"  title_en: {q(title)}")
    w.add("  document:")
    if meta.stage:  # a stage or a date the document does not state is not made up
        w.add(f"    stage: {q(meta.stage)}")
        w.add(f"    stage_en: {q(meta.stage)}")
    if meta.date is None:
        w.todo("    ", say("import.no_date"))
    else:
        w.add(f"    date: {meta.date.isoformat()}")
    w.add('    occasion: ""')
    w.add('    occasion_en: ""')
    w.add(f"    source: {q(draft.source)}")
    if meta.unit:
        w.todo("  ", say("import.unit_from_title", unit=meta.unit), kind="check")
        w.add(f"  unit: {q(meta.unit)}")
    else:
        w.todo("  ", say("import.no_unit"))
    if meta.period_from:
        w.todo("  ", say("import.period_from", period=year_span(start, end), source=meta.period_from),
               kind="check")  # fmt: skip
    w.add(f"  period: {{start: {start}, end: {end}}}")
    w.add(f"  baseline_year: {start - 1}")
    w.add(f"  target_year: {end}")
    footnotes = read_notes(draft.footnotes)
    readings = read_rows(draft.rows, footnotes, draft.dated, start - 1)
    if draft.footnotes:
        w.add(f"  notes: {q(''.join(line.strip() for line in draft.footnotes))}")
    w.add("")
    categories = list(dict.fromkeys(row.category or UNCATEGORISED for row in draft.rows))
    w.add("categories:")
    if UNCATEGORISED in categories:
        unnamed = [row.id or row.where for row in draft.rows if not row.category]
        w.todo("  ", say("import.no_category", ids=say("list").join(unnamed), name=UNCATEGORISED))
    for name in categories:
        w.add(f"  - {{name: {q(name)}, name_en: {q(name)}}}")
    w.add("")

    scopes = _scopes(readings)
    if scopes:
        w.add("peer_groups:")
        for key, scope in scopes.items():
            w.todo("  ", say("import.peer_group", key=key, scope=scope), kind="check")
            w.add(f"  {key}: {{name: {q(scope)}, name_en: {q(SCOPE_NAMES_EN[key][0])}}}")
        w.add("")
        references = {
            SCOPES[scope][1]: (scope, key)
            for key, scope in scopes.items()
            if any(
                r.target.reference_used() is not None and r.scope and SCOPES[r.scope][0] == key
                for r in readings
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
    first: dict[str, str] = {}  # each number of the table → where its first row is
    for row in draft.rows:
        first.setdefault(row.id, row.where)
    for row, reading in zip(draft.rows, readings, strict=True):
        _indicator(w, row, reading, first.get(row.id, row.where))
    if not draft.rows:
        w.add("  []")
    return w.text().rstrip("\n") + "\n", w.findings


def _indicator(w: _Writer, row: Row, reading: Reading, first: str) -> None:
    """The indicator's lines; ``first``: where the first row with its number in the table is."""
    label = say("import.label", id=reading.id)

    def remarks(field: str) -> None:
        for remark in reading.remarks:
            if remark.field == field:
                w.todo("    ", remark.message, kind=remark.kind)

    w.add(f"  - id: {q(reading.id)}")
    if not row.id:
        w.todo("    ", say("import.no_number", label=label, where=row.where, id=reading.id))
    elif reading.id != row.id:  # made unique (identify)
        w.todo("    ", say("import.number_repeated", label=label, where=row.where,
                           number=row.id, first=first, id=reading.id))  # fmt: skip
    w.add(f"    category: {q(row.category or UNCATEGORISED)}")
    w.add(f"    name: {q(row.name)}")
    w.add(f"    name_en: {q(row.name)}")
    if reading.aliases:
        w.add(f"    aliases: [{', '.join(q(alias) for alias in reading.aliases)}]")
    binding = binding_of(row.attribute)
    if binding is None:
        w.todo("    ", say("import.no_attribute", label=label, attribute=row.attribute))
    w.add(f"    binding: {'true' if binding else 'false'}")
    remarks("unit")
    if reading.unit is not None:
        w.add(f"    unit: {q(reading.unit)}")
    if reading.minimum is not None:
        w.add(f"    minimum: {num(reading.minimum)}  # {say('import.minimum')}")
    w.add(f"    target_text: {q(reading.target_text)}")
    remarks("target")
    w.add(f"    target: {reading.target.flow()}")
    w.add(f"    timing: {reading.timing}")
    if reading.better is not None:
        w.add(f"    better: {reading.better}")
    remarks("baseline")
    if reading.baseline is not None:
        year, value = reading.baseline
        w.add(f"    baseline: {{year: {year}, value: {num(value)}}}")
    if reading.notes:
        w.add(f"    notes: {q('；'.join(reading.notes))}")
    w.add("")


def _scopes(readings: list[Reading]) -> dict[str, str]:
    """Peer group key → scope word (全市…), for every relative or rank target."""
    found: dict[str, str] = {}
    for reading in readings:
        target = reading.target
        if (peers := target.peers_used()) is not None:
            found.setdefault(peers, reading.scope or "全市")
        elif target.reference_used() is not None and reading.scope:
            found.setdefault(SCOPES[reading.scope][0], reading.scope)
    return found


def _plan_id(draft: Draft) -> str:
    stem = re.sub(r"[^\w]+", "-", draft.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip("-")
    start, end = draft.period
    return f"{stem or 'plan'}-{start}-{end}"


def tasks_yaml(draft: Draft) -> tuple[str, list[Finding]]:
    w = _Writer("tasks.yaml")
    for line in say("import.header_tasks", source=draft.source).splitlines():
        w.add(line)
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
