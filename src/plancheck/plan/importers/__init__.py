"""Import a plan from the document it is written in: ``plancheck plan import SOURCE -o DIR``.

Sources: text as people copy it from a web page (the indicator table's rows split at tabs or
runs of spaces, one cell per line, or a markdown table), Word ``.docx`` (python-docx), Excel
``.xlsx`` (python-calamine) and ``.csv``. The result is a draft ``indicators.yaml`` and
``tasks.yaml`` that ``plancheck plan validate`` accepts, with what could not be read marked
``TODO(plancheck import)`` and listed (see ``draft.py``; how the table's columns are read:
``table.py`` and ``reading.py``).
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

from plancheck.errors import UserError, os_reason
from plancheck.i18n import say
from plancheck.plan.importers.document import Metadata, metadata, tasks
from plancheck.plan.importers.draft import Draft, Finding, indicators_yaml, tasks_yaml
from plancheck.plan.importers.table import (
    Grid,
    Table,
    from_cells,
    from_grid,
    from_lines,
    header_line,
    text_grids,
)
from plancheck.record import record

TEXT_SUFFIXES = (".txt", ".text", ".md", "")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv")


@record
class Imported:
    indicators: str  # the text of indicators.yaml
    tasks: str  # the text of tasks.yaml
    findings: list[Finding]
    notes: list[str]  # about the source as a whole (skipped rows, repeated numbers…)
    counts: tuple[int, int]  # indicators, tasks


def import_plan(source: Path, period: tuple[int, int] | None = None) -> Imported:
    """Read ``source`` and draft the plan's two files (not written: see ``write``)."""
    suffix = source.suffix.lower()
    if suffix == ".doc":
        raise UserError(say("import.doc"), source)

    if suffix == ".docx":
        from plancheck.plan.importers.docx import read_docx

        lines, where, grids = read_docx(source)
    elif suffix in SHEET_SUFFIXES:
        from plancheck.plan.importers.sheet import read_grid

        lines, where, grids = read_grid(source)
    elif suffix in TEXT_SUFFIXES:
        from plancheck.textfile import read_text, split_lines

        lines = split_lines(read_text(source))  # "line N" as an editor counts it
        where = [f"line {n}" for n in range(1, len(lines) + 1)]
        grids = list(text_grids(lines))
    else:
        raise UserError(say("import.unknown_suffix", suffix=source.suffix), source)
    table = _table(lines, where, grids)
    unread = table is None or not table.rows
    if unread and suffix in TEXT_SUFFIXES and (line := header_line(lines)) is not None:
        raise UserError(
            say("import.rows_unreadable"),
            source,
            line,
        )
    if table is None or not table.rows:
        raise UserError(say("import.no_table"), source)
    meta = metadata(lines, where)
    found_tasks, task_notes = tasks(lines, where)
    chosen, note = _period(meta, period, table)
    if chosen is None:
        raise UserError(say("import.no_period"), source)
    draft = Draft(
        source=source.name,
        meta=meta,
        period=chosen,
        rows=table.rows,
        tasks=found_tasks,
        notes=[*table.notes, *task_notes, *([note] if note else [])],
        tasks_note="" if found_tasks else _no_tasks(suffix),
        dated=table.dated,
        footnotes=table.footnotes,
    )
    indicators_text, indicator_findings = indicators_yaml(draft)
    tasks_text, task_findings = tasks_yaml(draft)
    return Imported(
        indicators_text,
        tasks_text,
        indicator_findings + task_findings,
        draft.notes,
        (len(table.rows), len(found_tasks)),
    )


def _no_tasks(suffix: str) -> str:
    if suffix in SHEET_SUFFIXES:
        return say("import.sheet_no_tasks")
    return say("import.no_tasks")


def _table(lines: Sequence[str], where: Sequence[str], grids: Sequence[Grid]) -> Table | None:
    """The first indicator table: of a grid (a table, or text rows split at tabs or spaces),
    else of the text one cell per line (every cell there, else the empty ones gone)."""
    for grid, name in grids:
        table = from_grid(grid, name)
        if table is not None and table.rows:
            return table
    return from_cells(lines) or from_lines(lines)


def _period(
    meta: Metadata, given: tuple[int, int] | None, table: Table
) -> tuple[tuple[int, int] | None, str | None]:
    if given is not None:
        if meta.period is not None and meta.period != given:
            start, end = meta.period
            return given, say("import.period_given", given=f"{given[0]}-{given[1]}",
                              said=f"{start}-{end}")  # fmt: skip
        meta.period_from = ""
        return given, None
    if meta.period is not None:
        return meta.period, None
    if table.target_year is not None:
        year = table.target_year
        meta.period_from = say("import.period_header", year=year)
        return (year - 4, year), None
    return None, None


def parse_period(text: str) -> tuple[int, int]:
    """``2021-2025`` (or 2021—2025, 2021:2025) → (2021, 2025); a UserError otherwise."""
    import re

    found = re.fullmatch(r"\s*((?:19|20)\d\d)\s*[-—–:~至]\s*((?:19|20)\d\d)\s*", text)
    if not found or int(found.group(1)) > int(found.group(2)):
        raise UserError(say("import.bad_period", text=text))
    return int(found.group(1)), int(found.group(2))


def write(imported: Imported, folder: Path, source: Path, force: bool = False) -> list[Path]:
    """Write the two files into ``folder`` (made if missing), never over a file without force."""
    from plancheck.output import write_report
    from plancheck.textfile import looked_up

    def refused(reason: str) -> UserError:
        return UserError(say("import.cannot_write", reason=reason), folder)

    found = looked_up(folder, refused)  # a folder on the way that cannot be searched: said
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise UserError(say("import.not_folder"), folder)
    targets = [folder / "indicators.yaml", folder / "tasks.yaml"]
    if not force:
        for path in targets:
            if looked_up(path, refused) is not None:
                raise UserError(say("import.exists", name=path.name), path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(say("import.cannot_make_folder", reason=os_reason(exc)), folder) from None

    for path, text in zip(targets, (imported.indicators, imported.tasks), strict=True):
        write_report(text, path, [source])
    return targets
