"""Read a progress submission (YAML or CSV) on the plan's tasks into a ``Progress``.

YAML — one entry per reported task, keyed by the plan's task id (quote ids: ``"19.1"``)::

    as_of: 2023-12-31            # optional: the date the report speaks for
    year: 2023                   # optional: as_of defaults to the end of this year
    tasks:
      "19":
        status: in_progress      # not_started | in_progress | done | dropped
        lead: 区法院              # 牵头单位, the lead department
        partners: [区司法局]       # 配合单位 (a list, or one string split at 、,;)
        evidence: [...]          # a string or a list of strings
        note: ...
        milestones:
          "19.1": {state: not_done, note: ...}     # a dated milestone: done | not_done
      "10": {status: in_progress, milestones: {"10.1": 86}}          # quantitative: its value
      "34": {status: in_progress, milestones: {"34.1": [2021, 2023]}}  # annual: years done
      "8": {status: dropped, reason: ...}           # a dropped task needs its reason
      "25": done                                    # shorthand for {status: done}

A milestone's entry is a mapping (``state``/``date``/``note`` for a dated milestone, ``value``/
``note`` for a quantitative one — or its ``state`` when there is no figure; the figure decides
when both are given — ``years``/``note`` for an annual duty, a list or ``{2021: done, …}``) or
just its state, value or years. Chinese keys are accepted too (状态, 牵头单位, 配合单位, 完成情况, 完成年度 …, see
``FIELDS``); a field given under two keys (``status`` and ``状态``) is an error at the second.

CSV — one row per task and/or per milestone (comma, semicolon, tab or ``|``; lines starting with
``#`` are comments; up to three title lines above the header are skipped, as a submission's)::

    task,milestone,status,lead,partners,state,value,years,date,reason,evidence,note
    19,,in_progress,区法院,区司法局,,,,,,,
    19,19.1,,,,not_done,,,,,,one note per row
    10,10.1,in_progress,区政务服务办,,,86,,,,,
    34,34.1,in_progress,区委依法治区办,,,,2021;2023,,,,

A row with an empty ``milestone`` speaks for the task; a row with a milestone speaks for that
milestone and may carry the task's columns too (a task's column given on two rows must agree).
``task`` may be left empty on a milestone row. ``as_of`` and ``year`` may be columns (every
filled cell must agree). Columns only people read (title, 任务名称, due, 期限 …) are ignored.

The as_of date: the file's ``as_of``; else ``--as-of``; else 31 December of the report's year
(the file's ``year``, else a year in the file name such as ``progress-2023.yaml``, else the
year of the evaluated figures with ``evaluate --tasks``). A file's ``as_of`` that disagrees with
``--as-of`` is an error, and so is a file from which no date can be told. Every problem is a
UserError located at its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path

from plancheck.errors import UserError
from plancheck.i18n import date_text, say, year_span
from plancheck.plan.models import Milestone, Plan, Task, normalise_key
from plancheck.record import record
from plancheck.submission.columns import find_header
from plancheck.submission.read_csv import read_rows
from plancheck.submission.values import BadValue, fold, parse_number, parse_year
from plancheck.tasks.models import (
    MilestoneKind,
    MilestoneReport,
    Progress,
    TaskReport,
    TaskStatus,
    kind_of,
)
from plancheck.textfile import must_be_file, read_text
from plancheck.yamlfile import MarkedYaml, read_yaml

# canonical field → the names accepted for it (YAML keys and CSV headers, English or Chinese)
FIELDS: dict[str, tuple[str, ...]] = {
    "task": ("task", "task_id", "任务", "任务编号", "任务序号", "序号", "编号"),
    "milestone": ("milestone", "milestone_id", "节点", "节点编号", "里程碑"),
    "status": ("status", "状态", "任务状态", "进展状态", "推进状态"),
    "lead": ("lead", "lead_department", "牵头单位", "牵头部门", "责任单位"),
    "partners": ("partners", "配合单位", "协同单位", "参与单位", "配合部门"),
    "reason": ("reason", "终止原因", "取消原因", "原因"),
    "evidence": ("evidence", "佐证材料", "证明材料", "完成依据"),
    "note": ("note", "notes", "备注", "说明"),
    "state": ("state", "完成情况", "节点状态", "是否完成"),
    "value": ("value", "数值", "完成值", "实际值", "当前值"),
    "years": ("years", "done_years", "完成年度", "已完成年度"),
    "date": ("date", "done_on", "完成日期", "完成时间"),
    "as_of": ("as_of", "截至日期", "截止日期", "统计截至"),
    "year": ("year", "年度", "年份"),
    "milestones": ("milestones", "节点情况"),
}
# Shown to people, ignored on input: a filled-in template is read unchanged.
INFORMATIONAL = (
    "title", "title_en", "任务名称", "任务内容", "text", "section", "章节", "milestone_text",
    "节点内容", "due", "期限", "完成时限", "target", "目标", "document",
)  # fmt: skip

TASK_FIELDS = ("status", "lead", "partners", "reason", "evidence", "note")
MILESTONE_FIELDS = ("state", "value", "years", "date", "note")
_TOP_FIELDS = ("as_of", "year", "tasks")

STATUS_WORDS: dict[TaskStatus, tuple[str, ...]] = {
    TaskStatus.NOT_STARTED: ("not_started", "not started", "未启动", "未开始", "尚未启动"),
    TaskStatus.IN_PROGRESS: ("in_progress", "in progress", "ongoing", "推进中", "进行中", "实施中"),
    TaskStatus.DONE: ("done", "completed", "complete", "已完成", "完成"),
    TaskStatus.DROPPED: ("dropped", "cancelled", "canceled", "已终止", "终止", "已取消", "取消"),
}
STATE_WORDS: dict[bool, tuple[str, ...]] = {
    True: ("done", "yes", "true", "已完成", "完成", "是"),
    False: ("not_done", "not done", "no", "false", "未完成", "否"),
}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# One string of partners is split at 、 , ; (full-width ，； too) and at line breaks (a
# spreadsheet cell with a department a line) — not at "/", which no one documents as a separator
# and a name may hold. The items of a YAML list are kept as typed, never split.
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")
_YEARS_SPLIT = re.compile(r"[\s、,，;；/]+")


def _word(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", fold(text).casefold())


_FIELD_OF = {normalise_key(alias): name for name, aliases in FIELDS.items() for alias in aliases}
_IGNORED = {normalise_key(name) for name in INFORMATIONAL}
_STATUS_OF = {_word(w): status for status, words in STATUS_WORDS.items() for w in words}
_STATE_OF = {_word(w): done for done, words in STATE_WORDS.items() for w in words}


# --- raw entries, as either reader found them -------------------------------------------------


@record
class Cell:
    """A value as written, with the name it was given under and where it stands."""

    value: object
    label: str
    line: int | None
    column: int | None = None


@record(frozen=False)
class _RawMilestone:
    milestone: Milestone
    where: Cell
    cells: dict[str, Cell] = field(default_factory=dict)


@record(frozen=False)
class _RawTask:
    task: Task
    where: Cell
    cells: dict[str, Cell] = field(default_factory=dict)
    milestones: list[_RawMilestone] = field(default_factory=list)


@record(frozen=False)
class _RawProgress:
    tasks: list[_RawTask]
    as_of: Cell | None = None
    year: Cell | None = None
    decimal_comma: bool = False  # a CSV file delimited by semicolons: 98,5 is 98.5


class _Located:
    """Make located errors for one file (``decimal_comma``: a CSV file delimited by semicolons,
    whose figures have a decimal comma, ``values.parse_number``)."""

    def __init__(self, file: str, decimal_comma: bool = False) -> None:
        self.file, self.decimal_comma = file, decimal_comma

    def error(self, cell: Cell, message: str) -> UserError:
        return UserError(message, self.file, cell.line, cell.column)


# --- entry point ------------------------------------------------------------------------------


def read_progress(
    path: Path,
    plan: Plan,
    *,
    as_of: str | dt.date | None = None,
    year: int | None = None,
) -> Progress:
    """Read one progress file. ``as_of``: the --as-of option; ``year``: the last-resort year."""
    from plancheck.submission.read import WORKBOOK_SUFFIXES

    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv", ".tsv", ".txt", *WORKBOOK_SUFFIXES):
        # A missing file or a folder is said so first, as for a submission, whatever its name.
        must_be_file(path)
        if not suffix:
            raise UserError(say("tasks.no_suffix_sheet"), file)
        raise UserError(say("tasks.suffix_sheet", suffix=suffix), file)
    if suffix in WORKBOOK_SUFFIXES:
        raw = _read_workbook(path, plan)
    else:
        text = read_text(path)
        raw = (
            _read_yaml(text, file, plan)
            if suffix in (".yaml", ".yml")
            else _read_csv(text, file, plan)
        )
    if not raw.tasks:
        raise UserError(say("tasks.none_reported"), file)
    here = _Located(file, raw.decimal_comma)
    when, source = _as_of(raw, here, path, as_of, year)
    reports = tuple(_task_report(entry, here, plan, when) for entry in raw.tasks)
    return Progress(reports=reports, as_of=when, as_of_source=source, files=(file,))


def parse_date(raw: object) -> dt.date:
    """A date written 2023-12-31, 2023/12/31, 2023.12.31 or 2023年12月31日; BadValue otherwise."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = fold(str(raw))
    found = _DATE.fullmatch(text)
    if found is None:
        raise BadValue(say("tasks.not_a_date", text=raw))
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise BadValue(say("tasks.not_calendar_date", text=raw)) from None


def _as_of(
    raw: _RawProgress, here: _Located, path: Path, option: str | dt.date | None, year: int | None
) -> tuple[dt.date, str]:
    given: dt.date | None = None
    if option is not None:
        try:
            given = parse_date(option)
        except BadValue as exc:
            raise UserError(say("tasks.as_of_option", problem=exc)) from None
    if raw.as_of is not None:
        try:
            stated = parse_date(raw.as_of.value)
        except BadValue as exc:
            raise here.error(raw.as_of, say("cell", label=raw.as_of.label, message=exc)) from None
        if given is not None and given != stated:
            raise here.error(raw.as_of, say("tasks.as_of_disagrees", stated=date_text(stated),
                                            given=date_text(given)))  # fmt: skip
        if raw.year is not None and _file_year(raw, here) not in (None, stated.year):
            raise here.error(raw.year, say("tasks.year_disagrees", year=_file_year(raw, here),
                                           as_of=date_text(stated)))  # fmt: skip
        return stated, "file"
    if given is not None:
        return given, "option"
    from plancheck.submission.read import year_from_name

    chosen = _file_year(raw, here) or year_from_name(path) or year
    if chosen is None:  # the hint in the file's own form: a YAML key, a CSV column
        yaml = path.suffix.lower() in (".yaml", ".yml")
        raise UserError(say("tasks.no_date" if yaml else "tasks.no_date_csv"), here.file)
    return dt.date(chosen, 12, 31), "year"


def _file_year(raw: _RawProgress, here: _Located) -> int | None:
    """The year the file says it reports on (its ``year``), if it says one."""
    if raw.year is None:
        return None
    try:
        return parse_year(raw.year.value)
    except BadValue as exc:
        raise here.error(raw.year, say("cell", label=raw.year.label, message=exc)) from None


# --- finding tasks and milestones by id -------------------------------------------------------


def _task_key(raw: object) -> str:
    text = fold(str(raw)).upper()
    return str(int(text)) if text.isdecimal() else text


def find_task(plan: Plan, raw: object, here: _Located, where: Cell) -> Task:
    key = _task_key(raw)
    for task in plan.tasks:
        if task.id == key:
            return task
    owner = _milestone_owner(plan, key)
    if owner is not None:
        raise here.error(where, say("tasks.milestone_not_task", key=key, owner=owner.id))
    raise here.error(
        where, say("tasks.unknown_task", text=fold(str(raw)), hint=_did_you_mean(plan, key))
    )


def _did_you_mean(plan: Plan, key: str) -> str:
    ids = {t.id: t for t in plan.tasks}
    match = difflib.get_close_matches(key, list(ids), n=1, cutoff=0.5)
    if not match:
        titles = {normalise_key(t.title): t for t in plan.tasks}
        by_title = difflib.get_close_matches(normalise_key(key), list(titles), n=1, cutoff=0.5)
        match = [titles[by_title[0]].id] if by_title else []
    if not match:
        return say("tasks.list_hint")
    task = ids[match[0]]
    return say("tasks.did_you_mean_task", id=task.id, title=task.title)


def _milestone_owner(plan: Plan, key: str) -> Task | None:
    return next((t for t in plan.tasks for m in t.milestones if m.id == key), None)


def find_milestone(
    plan: Plan, task: Task | None, raw: object, here: _Located, where: Cell
) -> Milestone:
    key = _task_key(raw)
    owner = _milestone_owner(plan, key)
    if owner is not None and (task is None or owner.id == task.id):
        return next(m for m in owner.milestones if m.id == key)
    if owner is not None and task is not None:
        raise here.error(
            where, say("tasks.milestone_elsewhere", key=key, owner=owner.id, task=task.id)
        )
    if task is None:
        ids = [m.id for t in plan.tasks for m in t.milestones]
        match = difflib.get_close_matches(key, ids, n=1, cutoff=0.5)
        hint = say("read.did_you_mean", hint=match[0]) if match else ""
        raise here.error(where, say("tasks.unknown_milestone", key=key, hint=hint))
    if not task.milestones:
        raise here.error(where, say("tasks.no_milestones", task=task.id, key=key))
    ids = [m.id for m in task.milestones]
    match = difflib.get_close_matches(key, ids, n=1, cutoff=0.3)
    hint = say("read.did_you_mean", hint=match[0]) if match else ""
    raise here.error(where, say("tasks.no_such_milestone", task=task.id, key=key,
                                ids=say("list").join(ids), hint=hint))  # fmt: skip


def field_of(name: str) -> str | None:
    return _FIELD_OF.get(normalise_key(name))


def _unknown_field(name: str, allowed: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    hint = say("tasks.did_you_mean_key", hint=match[0]) if match else ""
    return say("tasks.unknown_field", name=name, hint=hint, allowed=say("list").join(allowed))


# --- YAML -------------------------------------------------------------------------------------

_YamlPath = tuple[str | int, ...]


def _read_yaml(text: str, file: str, plan: Plan) -> _RawProgress:
    # Ids and figures stay the text typed: 24.10 is not milestone 24.1, 1:30 is not 90.
    # An impossible date (2023-02-30) is a located UserError there.
    doc = read_yaml(text, file, numbers_as_text=True)
    here = _Located(file)

    def cell(path: _YamlPath, value: object, label: str) -> Cell:
        line, column = doc.where(path)
        return Cell(value, label, line, column)

    data = doc.data
    if not isinstance(data, dict):
        raise UserError(say("tasks.top_mapping"), file, 1, 1)
    top: dict[str, tuple[str, object]] = {}
    for key, value in data.items():
        name = field_of(key)
        if name not in _TOP_FIELDS and key != "tasks":
            raise doc.error((key,), _unknown_field(key, _TOP_FIELDS))
        name = "tasks" if key == "tasks" else str(name)
        if name in top:  # as_of and 截至日期
            raise doc.two_keys((), name, top[name][0], key)
        top[name] = (key, value)
    if "tasks" not in top:
        raise UserError(say("tasks.no_tasks_key"), file, 1, 1)
    raw = _RawProgress([])
    for name in ("as_of", "year"):
        if name in top:
            key, value = top[name]
            setattr(raw, name, cell((key,), value, key))
    tasks = top["tasks"][1]
    if tasks is None:
        return raw
    if not isinstance(tasks, dict):
        raise doc.error(("tasks",), say("tasks.tasks_mapping"))
    seen: dict[str, Cell] = {}  # "9", "09" and "９" are one task: two reports of it disagree
    for key, entry in tasks.items():
        path: _YamlPath = ("tasks", key)
        task = find_task(plan, key, here, cell(path, key, "tasks"))
        item = _RawTask(task, cell(path, key, "task"))
        if (first := seen.setdefault(task.id, item.where)) is not item.where:
            raise doc.error(path, say("tasks.task_twice", task=task.id, line=first.line))
        if not isinstance(entry, dict):
            if isinstance(entry, list):
                raise doc.error(path, say("tasks.task_list", task=task.id))
            item.cells["status"] = cell(path, entry, "status")
            raw.tasks.append(item)
            continue
        allowed = (*TASK_FIELDS, "milestones")
        given: dict[str, str] = {}  # field → the key the entry gives it under
        for field_key, value in entry.items():
            name = field_of(field_key)
            if name not in allowed:
                raise doc.error((*path, field_key), _unknown_field(field_key, allowed))
            if (earlier := given.setdefault(str(name), field_key)) != field_key:  # status, 状态
                raise doc.two_keys(path, str(name), earlier, field_key)
            if name == "milestones":
                item.milestones = _yaml_milestones(doc, (*path, field_key), value, plan, task, cell)
            else:
                item.cells[str(name)] = cell((*path, field_key), value, field_key)
        raw.tasks.append(item)
    return raw


def _yaml_milestones(
    doc: MarkedYaml,
    path: _YamlPath,
    value: object,
    plan: Plan,
    task: Task,
    cell: Callable[[_YamlPath, object, str], Cell],
) -> list[_RawMilestone]:
    here = _Located(doc.file)
    if value is None:
        return []
    if not isinstance(value, dict):
        raise doc.error(path, say("tasks.milestones_mapping"))
    found: list[_RawMilestone] = []
    seen: dict[str, Cell] = {}
    for key, entry in value.items():
        at = (*path, key)
        milestone = find_milestone(plan, task, key, here, cell(at, key, "milestone"))
        item = _RawMilestone(milestone, cell(at, key, "milestone"))
        if (first := seen.setdefault(milestone.id, item.where)) is not item.where:
            raise doc.error(at, say("tasks.milestone_twice", id=milestone.id, line=first.line))
        if isinstance(entry, dict) and _years_given(entry):  # {2021: done}: {years: {…}}
            item.cells["years"] = cell(at, entry, milestone.id)
        elif isinstance(entry, dict):
            for field_key, field_value in entry.items():
                name = field_of(field_key)
                if name not in MILESTONE_FIELDS:
                    raise doc.error((*at, field_key), _unknown_field(field_key, MILESTONE_FIELDS))
                if (known := item.cells.get(str(name))) is not None:  # state and 完成情况
                    raise doc.two_keys(at, str(name), known.label, field_key)
                item.cells[str(name)] = cell((*at, field_key), field_value, field_key)
        else:
            item.cells["_"] = cell(at, entry, milestone.id)
        found.append(item)
    return found


def _years_given(entry: dict[str, object]) -> bool:
    """Is a milestone's mapping its years, ``{2021: done, 2022: not_done}`` — every key a year —
    rather than its fields? Then it is read as ``{years: {2021: done, 2022: not_done}}``."""
    try:
        return bool(entry) and all(parse_year(key) is not None for key in entry)
    except BadValue:
        return False


# --- CSV --------------------------------------------------------------------------------------


def _read_csv(text: str, file: str, plan: Plan) -> _RawProgress:
    """A progress report's rows, read by the one CSV reader (delimiter, header, line numbers)
    and held to the shape a submission's are (``row_problem``: one delimiter, no cell past the
    header or under no name); lines beginning with ``#`` are notes people leave, skipped."""
    # Up to columns.MAX_TITLE_ROWS lines of a title above the header (Excel saves a sheet's
    # title row as "徐汇区2023年任务进展,,"), as a submission's: no row below a title passes for
    # a progress header but one that names its columns.
    rows = read_rows(text, file, _header_score, comments=True, titles=_no_figures,
                     empty="tasks.csv_empty", unrecognised="tasks.header_not_recognised")  # fmt: skip
    return _read_table(
        rows.header, rows.header_line, rows.records, file, plan, rows.delimiter == ";"
    )


def _read_workbook(path: Path, plan: Plan) -> _RawProgress:
    """A progress report kept in Excel: the sheet Excel opens on, read as a CSV file's rows (its
    header found past up to three title rows, as in a CSV file or a submission's sheet). A cell
    Excel holds as a date is its day (2023-06-30); a line is the sheet's row, a column its
    column (A is 1)."""
    from plancheck.submission.read_xlsx import DateCell, ExcelBook

    file = str(path)
    book = ExcelBook(path, purpose="a progress report")
    name = book.choose().name
    grid, _ = book.grid(name)
    for row in grid:
        for col, cell in enumerate(row):
            if isinstance(cell, DateCell) and cell[10:] in ("", "T00:00:00"):
                row[col] = cell[:10]  # a date cell, or a date and time at midnight: the day
    numbered = [(n, row) for n, row in enumerate(grid, start=1)]
    filled = (item for item in numbered if any(c.strip() for c in item[1]))
    found = find_header(filled, lambda item: _header_score(item[1]) > 0)
    if found is None:
        first = next((row for _, row in numbered if any(c.strip() for c in row)), None)
        if first is None:
            raise UserError(say("tasks.sheet_empty", name=name), file)
        shown = ",".join(first).strip(" ,")[:80]
        raise UserError(say("tasks.header_not_recognised", found=shown), file, 1)
    _, (line, header) = found
    return _read_table(header, line, iter(numbered[line:]), file, plan, False)


def _read_table(
    header_cells: list[str],
    header_line: int,
    records: Iterator[tuple[int, list[str]]],
    file: str,
    plan: Plan,
    decimal_comma: bool,
) -> _RawProgress:
    """A progress report's rows under their header, from a CSV file or a sheet."""
    from plancheck.submission.read import row_problem

    here = _Located(file)
    header = [h.strip() for h in header_cells]
    columns = _columns(header, here, header_line)
    blank = [col for col, name in enumerate(header) if not name]
    raw = _RawProgress([], decimal_comma=decimal_comma)
    by_id: dict[str, _RawTask] = {}
    seen_milestones: dict[str, int | None] = {}
    for line, row in records:
        if not any(c.strip() for c in row) or row[0].strip().startswith("#"):
            continue
        if (problem := row_problem(row, len(header), blank)) is not None:
            raise UserError(problem[0], file, line, problem[1] + 1)
        _csv_row(row, line, header, columns, here, plan, raw, by_id, seen_milestones)
    return raw


def _no_figures(cells: list[str]) -> bool:
    """A progress report has no row of figures a header could be mistaken for."""
    return False


def _header_score(cells: list[str]) -> int:
    """How many of a header's cells name a progress report's columns."""
    return sum(1 for c in cells if c.strip() and (field_of(c) or normalise_key(c) in _IGNORED))


def _columns(header: list[str], here: _Located, line: int) -> dict[int, str]:
    columns: dict[int, str] = {}
    allowed = ("task", "milestone", *TASK_FIELDS, *MILESTONE_FIELDS[:-1], "as_of", "year")
    for col, name in enumerate(header):
        if not name or normalise_key(name) in _IGNORED:
            continue
        canonical = field_of(name)
        if canonical is None or canonical == "milestones":
            raise UserError(_unknown_column(name, allowed), here.file, line, col + 1)
        if canonical in columns.values():
            raise UserError(say("read.two_columns", field=canonical), here.file, line, col + 1)
        columns[col] = canonical
    if "task" not in columns.values() and "milestone" not in columns.values():
        raise UserError(say("tasks.no_task_column"), here.file, line)
    return columns


def _unknown_column(name: str, allowed: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    hint = say("tasks.did_you_mean_key", hint=match[0]) if match else ""
    known = say("list").join(dict.fromkeys(allowed))
    return say("tasks.unknown_column", name=name, hint=hint, allowed=known)


def _csv_row(
    row: list[str],
    line: int,
    header: list[str],
    columns: dict[int, str],
    here: _Located,
    plan: Plan,
    raw: _RawProgress,
    by_id: dict[str, _RawTask],
    seen_milestones: dict[str, int | None],
) -> None:
    cells: dict[str, Cell] = {}
    for col, text in enumerate(row):  # its shape checked (row_problem): every cell has a name
        if text.strip() and col in columns:
            cells[columns[col]] = Cell(text.strip(), header[col], line, col + 1)
    for name in ("as_of", "year"):
        if name in cells:
            _agree(raw, name, cells.pop(name), here)
    task_cell, milestone_cell = cells.pop("task", None), cells.pop("milestone", None)
    task = find_task(plan, task_cell.value, here, task_cell) if task_cell else None
    milestone = None
    if milestone_cell is not None:
        milestone = find_milestone(plan, task, milestone_cell.value, here, milestone_cell)
        task = task or _milestone_owner(plan, milestone.id)
    if task is None:
        if not cells:
            return  # a row with only an as_of or a year
        raise UserError(say("tasks.no_task"), here.file, line)
    entry = by_id.get(task.id)
    if entry is None:
        where = task_cell or milestone_cell
        assert where is not None
        entry = by_id[task.id] = _RawTask(task, where)
        raw.tasks.append(entry)
    for name in TASK_FIELDS:
        if name == "note" and milestone is not None:
            continue
        if name in cells:
            _merge(entry.cells, name, cells.pop(name), task, here)
    if milestone is None:
        if cells:
            name, stray = next(iter(cells.items()))
            ids = say("list").join(m.id for m in task.milestones) or say("tasks.none")
            raise here.error(
                stray, say("tasks.about_milestone", label=stray.label, task=task.id, ids=ids)
            )
        return
    if milestone.id in seen_milestones:
        raise here.error(
            milestone_cell or Cell(None, "", line),
            say("tasks.milestone_twice", id=milestone.id, line=seen_milestones[milestone.id]),
        )
    seen_milestones[milestone.id] = line
    assert milestone_cell is not None
    entry.milestones.append(_RawMilestone(milestone, milestone_cell, cells))


def _agree(raw: _RawProgress, name: str, cell: Cell, here: _Located) -> None:
    known: Cell | None = getattr(raw, name)
    if known is None:
        setattr(raw, name, cell)
    elif fold(str(known.value)) != fold(str(cell.value)):
        raise here.error(cell, say("tasks.disagrees", label=cell.label, value=cell.value,
                                   known=known.value, line=known.line))  # fmt: skip


def _merge(cells: dict[str, Cell], name: str, cell: Cell, task: Task, here: _Located) -> None:
    known = cells.get(name)
    if known is None:
        cells[name] = cell
    elif fold(str(known.value)) != fold(str(cell.value)):
        raise here.error(
            cell,
            say(
                "tasks.disagrees_task",
                label=cell.label,
                value=cell.value,
                known=known.value,
                task=task.id,
                line=known.line,
            ),
        )


# --- from raw cells to reports ----------------------------------------------------------------


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    if isinstance(cell.value, list):
        return "、".join(fold(str(v)) for v in cell.value if v is not None)
    return fold(str(cell.value))


def _typed(cell: Cell | None) -> str:
    """What a person wrote for others to read (a lead, a note, a reason), as typed: only its
    outer spaces go — never folded, so that （虚构）and ，stay full-width in the reports (which
    show any control character in it as text)."""
    if cell is None or cell.value is None:
        return ""
    if isinstance(cell.value, list):
        return "、".join(str(v).strip() for v in cell.value if v is not None)
    return str(cell.value).strip()


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _given(value: object) -> str | None:
    """What a value that should be one text or figure is instead (a list, a mapping), if so."""
    if isinstance(value, dict):
        return say("tasks.given_mapping")
    if isinstance(value, list):
        return say("tasks.given_list")
    return None


def _nested(items: object) -> bool:
    """Does a list (or a mapping's values) hold a list or a mapping?"""
    values = list(items.values()) if isinstance(items, dict) else items
    return isinstance(values, list) and any(isinstance(v, list | dict) for v in values)


def _one_text(cell: Cell | None, here: _Located, listed: bool = True) -> None:
    """A text people write (a status, a lead, a note) given as a mapping — or as a list where
    only one is taken (``listed=False``), or a list holding lists — is refused, saying so."""
    if cell is None:
        return
    given = _given(cell.value)
    if isinstance(cell.value, list) and listed:
        given = say("tasks.given_nested") if _nested(cell.value) else None
    if given is not None:
        raise here.error(cell, say("cell", label=cell.label,
                                   message=say("tasks.shape_text", given=given)))  # fmt: skip


def _texts(cell: Cell | None, split: bool, here: _Located) -> tuple[str, ...]:
    """Names or items (partners, evidence) as typed (``_typed``), a string of them split. A
    mapping, a list in the list or a number (``partners: 3``) is refused: a list of texts."""
    if cell is None or cell.value is None:
        return ()

    def refused(given: str) -> UserError:
        problem = say("tasks.shape_texts", given=given)
        return here.error(cell, say("cell", label=cell.label, message=problem))

    if isinstance(cell.value, dict):
        raise refused(say("tasks.given_mapping"))
    listed = isinstance(cell.value, list)  # a list's items are kept as typed
    items = cell.value if isinstance(cell.value, list) else [cell.value]
    found: list[str] = []
    for item in items:
        if isinstance(item, list | dict):
            raise refused(say("tasks.given_nested"))
        text = str(item).strip() if item is not None else ""
        parts = _LIST_SPLIT.split(text) if split and not listed else [text]
        for part in (p.strip() for p in parts):
            if _NUMBER.fullmatch(fold(part)):
                raise refused(say("tasks.given_number", text=part))
            if part:
                found.append(part)
    return tuple(dict.fromkeys(found))


def _task_report(raw: _RawTask, here: _Located, plan: Plan, as_of: dt.date) -> TaskReport:
    task = raw.task
    status_cell = raw.cells.get("status")
    _one_text(status_cell, here, listed=False)
    for name in ("lead", "reason", "note"):
        _one_text(raw.cells.get(name), here)
    if status_cell is None or _text(status_cell) == "":
        raise here.error(
            status_cell or raw.where,
            say(
                "tasks.no_status",
                task=task.id,
                statuses=say("list").join(s.value for s in TaskStatus),
            ),
        )
    status = _STATUS_OF.get(_word(_text(status_cell)))
    if status is None:
        raise here.error(
            status_cell,
            say(
                "tasks.unknown_status",
                task=task.id,
                status=_text(status_cell),
                statuses=say("list").join(s.value for s in TaskStatus),
            ),
        )
    reason = _typed(raw.cells.get("reason"))
    if status is TaskStatus.DROPPED and not reason:
        raise here.error(status_cell, say("tasks.dropped_reason", task=task.id))
    milestones = tuple(_milestone_report(m, here, plan, as_of) for m in raw.milestones)
    return TaskReport(
        task=task.id,
        status=status,
        lead=_typed(raw.cells.get("lead")),
        partners=_texts(raw.cells.get("partners"), split=True, here=here),
        reason=reason,
        evidence=_texts(raw.cells.get("evidence"), split=False, here=here),
        note=_typed(raw.cells.get("note")),
        milestones=milestones,
        file=here.file,
        line=raw.where.line,
    )


_KIND_FIELDS = {
    MilestoneKind.DATED: ("state", "date", "note"),
    MilestoneKind.QUANTITATIVE: ("value", "state", "date", "note"),
    MilestoneKind.ANNUAL: ("years", "note"),
}
_SHORTHAND = {
    MilestoneKind.DATED: "state",
    MilestoneKind.QUANTITATIVE: "value",
    MilestoneKind.ANNUAL: "years",
}


_SHAPE = {
    MilestoneKind.DATED: "tasks.shape_dated",
    MilestoneKind.QUANTITATIVE: "tasks.shape_quantitative",
    MilestoneKind.ANNUAL: "tasks.shape_annual",
}


def _kind_hint(milestone: Milestone, kind: MilestoneKind) -> str:
    if kind is MilestoneKind.ANNUAL:
        return say("tasks.hint_annual", id=milestone.id)
    if kind is MilestoneKind.QUANTITATIVE:
        return say("tasks.hint_quantitative", id=milestone.id)
    return say("tasks.hint_dated", id=milestone.id)


def _milestone_report(
    raw: _RawMilestone, here: _Located, plan: Plan, as_of: dt.date
) -> MilestoneReport:
    milestone = raw.milestone
    kind = kind_of(milestone)
    cells = dict(raw.cells)
    if "_" in cells:
        shorthand = cells.pop("_")
        field_name = _SHORTHAND[kind]
        if kind is MilestoneKind.QUANTITATIVE and _is_state(shorthand.value):
            field_name = "state"  # "10.1": done — reported done without a figure
        cells[field_name] = shorthand
    for name, cell in cells.items():
        if name not in _KIND_FIELDS[kind]:
            raise here.error(
                cell,
                say("tasks.quoted_label", label=cell.label, message=_kind_hint(milestone, kind)),
            )
    for name, cell in cells.items():  # the shapes a milestone's entry takes, else which to give
        if name == "note":
            _one_text(cell, here)
            continue
        given = _given(cell.value)
        if name == "years":
            given = say("tasks.given_nested") if _nested(cell.value) else None
        if given is not None:
            problem = say(_SHAPE[kind], id=milestone.id, given=given)
            raise here.error(cell, say("cell", label=cell.label, message=problem))
    done = _state(cells.get("state"), here) if "state" in cells else None
    value = _value(cells["value"], milestone, here) if "value" in cells else None
    years = _years(cells["years"], plan, as_of, here) if "years" in cells else ()
    date = None
    if "date" in cells:
        cell = cells["date"]
        try:
            date = parse_date(cell.value)
        except BadValue as exc:
            raise here.error(cell, say("cell", label=cell.label, message=exc)) from None
        if done is not True:
            raise here.error(cell, say("tasks.date_without_done", label=cell.label))
        if date > as_of:
            raise here.error(cell, say("tasks.done_after_as_of", date=date_text(date),
                                       as_of=date_text(as_of)))  # fmt: skip
        period = plan.info.period
        if date.year < period.start:
            raise here.error(cell, say("tasks.done_before_period", date=date_text(date),
                                       period=year_span(period.start, period.end)))  # fmt: skip
    return MilestoneReport(
        id=milestone.id,
        done=done,
        value=value,
        years=years,
        date=date,
        note=_typed(cells.get("note")),
        file=here.file,
        line=raw.where.line,
    )


def _is_state(value: object) -> bool:
    return isinstance(value, bool) or (isinstance(value, str) and _word(value) in _STATE_OF)


def _state(cell: Cell | None, here: _Located) -> bool | None:
    if cell is None or cell.value is None or _text(cell) == "":
        return None
    if isinstance(cell.value, bool):
        return cell.value
    state = _STATE_OF.get(_word(_text(cell)))
    if state is None:
        raise here.error(cell, say("cell", label=cell.label,
                                   message=say("tasks.not_a_state", text=_text(cell))))  # fmt: skip
    return state


def _value(cell: Cell, milestone: Milestone, here: _Located) -> float | None:
    try:
        number = parse_number(cell.value, milestone.unit, decimal_comma=here.decimal_comma)
    except BadValue as exc:
        problem = say("tasks.of_milestone", message=exc, id=milestone.id)
        raise here.error(cell, say("cell", label=cell.label, message=problem)) from None
    if number is None:
        return None
    high = {"%": 100.0, "‰": 1000.0}.get(milestone.unit or "")
    if number < 0 or (high is not None and number > high):
        problem = say("tasks.out_of_range", number=f"{number:g}", unit=milestone.unit or "",
                      id=milestone.id)  # fmt: skip
        raise here.error(cell, say("cell", label=cell.label, message=problem))
    return number


def _years(cell: Cell, plan: Plan, as_of: dt.date, here: _Located) -> tuple[int, ...]:
    items: list[object]
    if isinstance(cell.value, dict):  # {2021: done, 2022: not_done}
        items = [
            year
            for year, state in cell.value.items()
            if _state(Cell(state, f"{cell.label} {year}", cell.line, cell.column), here)
        ]
    elif isinstance(cell.value, list):
        items = list(cell.value)
    elif isinstance(cell.value, int) and not isinstance(cell.value, bool):
        items = [cell.value]
    elif cell.value is None:
        items = []
    else:
        items = [p for p in _YEARS_SPLIT.split(fold(str(cell.value))) if p]
    years: set[int] = set()
    period = plan.info.period
    for item in items:
        try:
            year = parse_year(item)
        except BadValue as exc:
            raise here.error(cell, say("cell", label=cell.label, message=exc)) from None
        if year is None:
            continue
        if not period.start <= year <= period.end:
            problem = say(
                "tasks.outside_period", year=year, period=year_span(period.start, period.end)
            )
            raise here.error(cell, say("cell", label=cell.label, message=problem))
        if year in years:
            problem = say("tasks.year_twice", year=year)
            raise here.error(cell, say("cell", label=cell.label, message=problem))
        if year > as_of.year:
            problem = say("tasks.after_as_of", year=year, as_of=date_text(as_of))
            raise here.error(cell, say("cell", label=cell.label, message=problem))

        years.add(year)
    return tuple(sorted(years))
