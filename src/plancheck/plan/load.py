"""Load a plan from its YAML files, with every problem located as ``file:line:column``.

A plan is a folder holding ``indicators.yaml`` and (optionally) ``tasks.yaml``, or the path of an
``indicators.yaml`` (its sibling ``tasks.yaml`` is read when present). With no path, the bundled
Xuhui plan is used.
"""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from plancheck.errors import UserError, UserErrors
from plancheck.i18n import say, year_span
from plancheck.plan import cache
from plancheck.plan.models import IndicatorsFile, Plan, TasksFile, normalise_key
from plancheck.safetext import LazyPattern
from plancheck.textfile import looked_up, read_bytes, read_text

if TYPE_CHECKING:
    from pydantic import ValidationError

    from plancheck.yamlfile import MarkedYaml

M = TypeVar("M")
# An extra check of the indicators file (``plan validate`` adds the target-text check).
Check = Callable[[IndicatorsFile, "MarkedYaml"], Iterable[UserError]]

INDICATORS_FILE = "indicators.yaml"
TASKS_FILE = "tasks.yaml"


def bundled_plan_dir() -> Path:
    """The folder of the plan shipped with plancheck (the Xuhui District plan)."""
    # The package's own folder: installed as files (never zipped), so no importlib.resources
    # (its readers cost a run more than the rest of finding the plan).
    data = importlib.import_module("plancheck.data")  # top-level data/, packaged under plancheck
    return Path(str(data.__file__)).parent


def plan_files(path: Path | None) -> tuple[Path, Path | None]:
    """The indicators file and the tasks file (if any) that ``--plan PATH`` means.

    A folder the user may not search (its files cannot be looked at) is ``cannot read file``,
    as an unreadable file in it is, never a crash."""
    if path is None:
        path = bundled_plan_dir()
    found = _looked_up(path)
    if found is not None and stat.S_ISDIR(found.st_mode):
        indicators = path / INDICATORS_FILE
        if not _is_file(indicators):
            _refuse_unreadable(indicators)  # there, but a folder or a link to nothing
            raise UserError(say("plan.no_indicators_file", file=INDICATORS_FILE), path)
        tasks = path / TASKS_FILE
        return indicators, tasks if _is_file(tasks) else None
    if found is None:
        raise UserError(say("plan.not_found"), path)
    sibling = path.with_name(TASKS_FILE)
    if path.name == TASKS_FILE:
        raise UserError(say("plan.tasks_given", indicators=INDICATORS_FILE, tasks=TASKS_FILE), path)
    if path.suffix.lower() in _NOT_A_PLAN:  # else read as YAML: "invalid YAML" at a cell
        raise UserError(say("plan.not_yaml", suffix=path.suffix), path)
    return path, sibling if _is_file(sibling) else None


# A submission's, a table's or a document's file: never a plan (YAML, or JSON, which YAML reads).
_NOT_A_PLAN = frozenset({".csv", ".tsv", ".txt", ".md", ".xlsx", ".xlsm", ".xls", ".docx",
                         ".doc", ".pdf"})  # fmt: skip


def _looked_up(path: Path) -> os.stat_result | None:
    return looked_up(path, lambda reason: UserError(say("file.cannot_read", reason=reason), path))


def _refuse_unreadable(file: Path) -> None:
    """A plan file that is there but is no file to read — a folder, a link to nothing — is an
    error at its path: never a plan of no tasks (``plan validate`` said "valid plan, 0 tasks"),
    nor "no indicators.yaml in this plan folder" of a folder that shows one."""
    found = _looked_up(file)
    if found is None:
        if os.path.islink(file):  # a link to nothing: the file it named is not there
            raise UserError(say("file.not_found"), file)
        return
    if stat.S_ISDIR(found.st_mode):
        raise UserError(say("file.is_directory"), file)
    if not stat.S_ISREG(found.st_mode):
        raise UserError(say("file.not_regular"), file)


def _is_file(path: Path) -> bool:
    found = _looked_up(path)
    return found is not None and stat.S_ISREG(found.st_mode)


def load_plan(
    path: Path | None = None, *, checks: Sequence[Check] = (), tasks: bool = True
) -> Plan:
    """Load and validate a plan; raise UserErrors listing every problem found.

    ``checks`` run after the cross-checks, on a schema-valid indicators file. ``tasks=False``
    leaves ``tasks.yaml`` unread (the plan then has no tasks): for commands that never look at
    tasks, such as ``evaluate`` without ``--tasks``, it is most of the start-up time.
    """
    indicators_path, tasks_path = plan_files(path)
    if not tasks:
        tasks_path = None
    elif tasks_path is None:
        _refuse_unreadable(indicators_path.with_name(TASKS_FILE))
    files = (indicators_path, *([tasks_path] if tasks_path else []))
    source = "bundled" if path is None else str(path)
    # A plan validated before, with no extra checks asked for, comes from the cache.
    contents = [read_bytes(f) for f in files] if not checks else []
    name = cache.key(contents) if contents else None
    if name is not None and (cached := cache.load(name)) is not None:
        return replace(cached, source=source, files=files)
    plan = _load(path, indicators_path, tasks_path, checks)
    plan = replace(plan, source=source, files=files)
    if name is not None:
        cache.store(name, plan)
    return plan


def _load(
    path: Path | None, indicators_path: Path, tasks_path: Path | None, checks: Sequence[Check]
) -> Plan:
    problems: list[UserError] = []
    indicators_doc = _read(indicators_path)
    indicators = _validate(IndicatorsFile, indicators_doc, problems)
    tasks_doc = _read(tasks_path) if tasks_path else None
    tasks_file = _validate(TasksFile, tasks_doc, problems) if tasks_doc else None
    if indicators is not None:
        problems.extend(_cross_check(indicators, indicators_doc, tasks_file, tasks_doc))
        for check in checks:
            problems.extend(check(indicators, indicators_doc))
    if problems:
        raise UserErrors(problems)
    assert indicators is not None
    return Plan(
        info=indicators.plan,
        categories=indicators.categories,
        peer_groups=indicators.peer_groups,
        references=indicators.references,
        indicators=indicators.indicators,
        # No TasksFile is made without a tasks.yaml: building its validator costs start-up.
        tasks=tasks_file.tasks if tasks_file else [],
        # Reports name the plan as the user gave it (the bundled one by name): the same report
        # on every machine, whatever the install path.
        source="bundled" if path is None else str(path),
    )


def _read(path: Path) -> MarkedYaml:
    from plancheck.yamlfile import read_yaml  # PyYAML only when a plan is read afresh

    doc = read_yaml(read_text(path), path)
    if not isinstance(doc.data, dict):
        raise UserError(say("plan.top_mapping"), path, 1, 1)
    return doc


def _validate(model: type[M], doc: MarkedYaml, problems: list[UserError]) -> M | None:
    from pydantic import ValidationError

    from plancheck.plan.models import validator

    try:
        return validator(model).validate_python(doc.data)
    except ValidationError as exc:
        problems.extend(_located(exc, doc))
        return None


def _located(exc: ValidationError, doc: MarkedYaml) -> Iterator[UserError]:
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field = _dotted(loc)
        kind = error["type"]
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            message = say("plan.unknown_key", key=loc[-1])
        elif kind in ("missing", "missing_keyword_only_argument", "missing_argument"):
            message = say("plan.required", field=field)
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            message = _kind_problem(error, field)
        elif kind in (
            "model_type",
            "model_attributes_type",
            "dict_type",
            "dataclass_type",
            "dataclass_args_type",
        ):
            message = say("plan.expected_mapping", field=field)  # not pydantic's class name
        elif kind == "list_type":
            message = say("plan.expected_list", field=field)
        else:
            message = say("plan.problem", field=field, message=_said(error))
        yield doc.error(loc, message)


def _kind_problem(error: Any, field: str) -> str:
    """A target's kind misspelt or left out, said in the run's language with the kinds there are
    (pydantic's own words, 'Input tag … found using …', speak of its machinery)."""
    from plancheck.i18n import current
    from plancheck.kinds import REGISTRY

    names = sorted(module for module, _ in REGISTRY)  # each kind's module is named by it
    kinds = "、".join(f"“{n}”" for n in names) if current() == "zh" else ", ".join(names)
    tag = (error.get("ctx") or {}).get("tag")
    if tag is None:
        return say("plan.no_kind", field=field, kinds=kinds)
    return say("plan.unknown_kind", field=field, kind=tag, kinds=kinds)


# pydantic's messages of the kinds a plan's author meets, in the run's language (pydantic itself
# speaks English only); any other is pydantic's own.
_PYDANTIC = {
    "int_parsing": "pydantic.int_parsing",
    "int_type": "pydantic.int_parsing",
    "int_from_float": "pydantic.int_parsing",
    "float_parsing": "pydantic.float_parsing",
    "float_type": "pydantic.float_parsing",
    "bool_parsing": "pydantic.bool_parsing",
    "bool_type": "pydantic.bool_parsing",
    "string_type": "pydantic.string_type",
    "literal_error": "pydantic.literal_error",
    "greater_than": "pydantic.greater_than",
    "greater_than_equal": "pydantic.greater_than_equal",
    "less_than": "pydantic.less_than",
    "less_than_equal": "pydantic.less_than_equal",
    "date_parsing": "pydantic.date_parsing",
    "date_from_datetime_parsing": "pydantic.date_parsing",
    "date_type": "pydantic.date_parsing",
}
_BOUNDS = ("gt", "ge", "lt", "le")


def _said(error: Any) -> str:
    from plancheck.i18n import current

    key = _PYDANTIC.get(error["type"])
    if key is None or current() == "en":
        return str(error["msg"])
    ctx = error.get("ctx") or {}
    if key == "pydantic.literal_error":
        from plancheck.i18n import choices

        return say(key, expected=choices(str(ctx.get("expected", ""))))
    bound = next((name for name in _BOUNDS if name in ctx), None)
    if bound is not None:
        return say(key, bound=str(ctx[bound]))
    return say(key)


def _dotted(loc: Iterable[Any]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _names_taken_twice(indicators: IndicatorsFile, doc: MarkedYaml) -> Iterator[UserError]:
    """A name or alias must lead to one indicator: a submission's row would go to the first."""
    owner: dict[str, str] = {}
    for n, indicator in enumerate(indicators.indicators):
        names: list[tuple[tuple[str | int, ...], str]] = [
            (("name",), indicator.name),
            (("name_en",), indicator.name_en),
            *((("aliases", k), alias) for k, alias in enumerate(indicator.aliases)),
        ]
        for path, name in names:
            first = owner.setdefault(normalise_key(name), indicator.id)
            if first != indicator.id:
                yield doc.error(
                    ("indicators", n, *path), say("plan.name_taken", name=name, first=first)
                )


# An indicator id is a plain token: a submission names it in a cell, a report in a file name or
# an anchor. Letters and digits of any script, then also '.', '-' and '_' (19.1, A-3, 4_b).
_PLAIN_ID = LazyPattern(r"\w[\w.\-]*")


def _id_key(text: str) -> str:
    """How a submission tells indicators apart: width-folded (NFKC), case, spaces and quotation
    marks aside, and a number with or without leading zeros ("１", "01" and "1" are one)."""
    key = normalise_key(text)
    return str(int(key)) if key.isdecimal() else key


def _visible(text: str) -> str:
    """Every character a reader could not see (a line break, a zero-width space) as its
    escape: an id is quoted as it must be told apart."""
    return "".join(
        c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in text
    )


def _ids(indicators: IndicatorsFile, doc: MarkedYaml) -> Iterator[UserError]:
    """Every id a plain token that a submission can tell from every other id and every name:
    not empty, no spaces, '/' or control characters, not equal to another id once folded as a
    submission's cell is (１ and 1), and not another indicator's name or alias."""
    owner: dict[str, tuple[str, int]] = {}
    for n, indicator in enumerate(indicators.indicators):
        ident, here = indicator.id, ("indicators", n, "id")
        if not ident.strip():
            yield doc.error(here, say("plan.id_empty"))
            continue
        if not _PLAIN_ID.fullmatch(ident):
            yield doc.error(
                here,
                say("plan.id_not_plain", id=_visible(ident)),
            )
            continue
        key = _id_key(ident)
        first = owner.get(key)
        if first is None:
            owner[key] = (ident, n)
        elif first[0] != ident:  # the very same id is a duplicate, said once by _duplicates
            line, _ = doc.where(("indicators", first[1], "id"))
            yield doc.error(
                here,
                say("plan.id_folds_to", id=ident, other=first[0], line=line),
            )
    for n, indicator in enumerate(indicators.indicators):
        names: list[tuple[tuple[str | int, ...], str]] = [
            (("name",), indicator.name),
            (("name_en",), indicator.name_en),
            *((("aliases", k), alias) for k, alias in enumerate(indicator.aliases)),
        ]
        for path, name in names:
            other = owner.get(_id_key(name))
            if other is not None and other[0] != indicator.id:
                yield doc.error(
                    ("indicators", n, *path),
                    say("plan.name_is_id", name=name, other=other[0]),
                )


def _index_weights(indicators: IndicatorsFile, doc: MarkedYaml) -> Iterator[UserError]:
    """The rule-of-law index averages by weight: a weighted category needs a weighted indicator,
    and the plan a weighted category, or every unit would score 0."""
    categories = indicators.categories
    if categories and not any(c.weight for c in categories):
        yield doc.error(
            ("categories", 0, "weight"),
            say("plan.weights_zero"),
        )
    for n, category in enumerate(categories):
        members = [i for i in indicators.indicators if i.category == category.name]
        if category.weight and members and not any(i.weight for i in members):
            yield doc.error(
                ("categories", n, "name"),
                say("plan.category_weights_zero", category=category.name),
            )


def _cross_check(
    indicators: IndicatorsFile,
    doc: MarkedYaml,
    tasks: TasksFile | None,
    tasks_doc: MarkedYaml | None,
) -> Iterator[UserError]:
    """What one model cannot see alone: duplicate ids and references that lead nowhere."""
    info = indicators.plan
    if info.period.start > info.period.end:
        yield doc.error(("plan", "period"), say("plan.period_order"))
    if not info.period.start <= info.target_year <= info.period.end:
        yield doc.error(("plan", "target_year"), say("plan.target_year_outside"))
    if info.baseline_year >= info.period.start:
        yield doc.error(("plan", "baseline_year"), say("plan.baseline_year"))
    if info.midterm.on_track > info.midterm.ahead:
        yield doc.error(("plan", "midterm", "on_track"), say("plan.midterm_order",
                                                             on_track=f"{info.midterm.on_track:g}",
                                                             ahead=f"{info.midterm.ahead:g}"))  # fmt: skip

    yield from _duplicates(doc, "categories", [c.name for c in indicators.categories], "name")
    yield from _duplicates(doc, "indicators", [i.id for i in indicators.indicators], "id")
    yield from _ids(indicators, doc)
    categories = {c.name for c in indicators.categories}
    for n, indicator in enumerate(indicators.indicators):
        here: tuple[str | int, ...] = ("indicators", n)
        if indicator.category not in categories:
            yield doc.error(
                (*here, "category"), say("plan.unknown_category", category=indicator.category)
            )
        for path, message in indicator.target.problems(indicator, indicators):
            yield doc.error((*here, *path), message)
        said = indicator.target.says_which_way()
        if indicator.better is not None and said is not None and indicator.better != said:
            way = say("kind.higher_better" if said == "higher" else "kind.lower_better")
            yield doc.error((*here, "better"), say("plan.better_contradicts",
                                                   better=indicator.better, direction=way,
                                                   target=indicator.target.describe()))  # fmt: skip
        if indicator.baseline is not None and indicator.baseline.year >= info.period.start:
            yield doc.error((*here, "baseline", "year"), say("plan.indicator_baseline_year",
                                                             year=indicator.baseline.year,
                                                             start=info.period.start))  # fmt: skip
        if (
            indicator.minimum is not None
            and indicator.maximum is not None
            and indicator.minimum > indicator.maximum
        ):
            yield doc.error(
                (*here, "maximum"),
                say(
                    "plan.maximum_below",
                    maximum=f"{indicator.maximum:g}",
                    minimum=f"{indicator.minimum:g}",
                ),
            )
    yield from _index_weights(indicators, doc)
    yield from _names_taken_twice(indicators, doc)
    for key, group in indicators.peer_groups.items():
        if len(set(group.members)) != len(group.members):
            yield doc.error(("peer_groups", key, "members"), say("plan.member_twice"))
        if group.size is not None and len(group.members) > group.size:
            yield doc.error(
                ("peer_groups", key, "size"),
                say("plan.size", size=group.size, count=len(group.members)),
            )
    for key, reference in indicators.references.items():
        if reference.peers is not None and reference.peers not in indicators.peer_groups:
            yield doc.error(
                ("references", key, "peers"), say("plan.unknown_peers", peers=reference.peers)
            )

    if tasks is None or tasks_doc is None:
        return
    known = {i.id for i in indicators.indicators}
    yield from _duplicates(tasks_doc, "tasks", [t.id for t in tasks.tasks], "id")
    milestone_ids: set[str] = set()
    for n, task in enumerate(tasks.tasks):
        for k, linked in enumerate(task.indicators):
            if linked not in known:
                yield tasks_doc.error(
                    ("tasks", n, "indicators", k),
                    say("plan.task_unknown_indicator", task=task.id, indicator=linked),
                )
        for m, milestone in enumerate(task.milestones):
            where: tuple[str | int, ...] = ("tasks", n, "milestones", m)
            if milestone.id in milestone_ids:
                yield tasks_doc.error(
                    (*where, "id"), say("plan.duplicate_milestone", id=milestone.id)
                )
            milestone_ids.add(milestone.id)
            if milestone.indicator is not None and milestone.indicator not in known:
                yield tasks_doc.error(
                    (*where, "indicator"),
                    say("plan.milestone_unknown_indicator", indicator=milestone.indicator),
                )
            if milestone.due is not None and milestone.recurring is not None:
                yield tasks_doc.error((*where, "due"), say("plan.recurring_due"))
            if milestone.due is None and milestone.recurring is None and milestone.target is None:
                yield tasks_doc.error(where, say("plan.milestone_unchecked", id=milestone.id))
            period = indicators.plan.period
            if milestone.due is not None and not period.start <= milestone.due.year <= period.end:
                yield tasks_doc.error((*where, "due"), say(
                    "plan.due_outside_period", due=milestone.due.isoformat(),
                    period=year_span(period.start, period.end)))  # fmt: skip


def _duplicates(doc: MarkedYaml, key: str, values: list[str], field: str) -> Iterator[UserError]:
    seen: dict[str, int] = {}
    for n, value in enumerate(values):
        if value in seen:
            first_line, _ = doc.where((key, seen[value], field))
            yield doc.error(
                (key, n, field), say("plan.duplicate", field=field, value=value, line=first_line)
            )
        else:
            seen[value] = n
