"""Import a plan from the document it is written in: ``plancheck plan import SOURCE -o DIR``.

Sources: text as people copy it from a web page (the indicator table's rows split at tabs or
runs of spaces, one cell per line, or a markdown table), Word ``.docx`` (python-docx), Excel
``.xlsx`` (python-calamine) and ``.csv``. The result is a draft ``indicators.yaml`` and
``tasks.yaml`` that ``plancheck plan validate`` accepts, with what could not be read marked
``TODO(plancheck import)`` and listed (see ``draft.py``; how the table's columns are read:
``table.py`` and ``reading.py``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from plancheck.errors import UserError, UserErrors, os_reason
from plancheck.i18n import option_text, say
from plancheck.plan.importers.document import Metadata, metadata, tasks
from plancheck.plan.importers.draft import Draft, Finding, indicators_yaml, tasks_yaml
from plancheck.plan.importers.table import (
    Grid,
    Row,
    Table,
    from_cells,
    from_grid,
    from_lines,
    header_line,
    located,
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
    notes: list[str]  # about the source as a whole (skipped rows, text after the table…)
    counts: tuple[int, int]  # indicators, tasks


def import_plan(
    source: Path, period: tuple[int, int] | None = None, notes: Sequence[Path] = ()
) -> Imported:
    """Read ``source`` and draft the plan's two files (not written: see ``write``). ``notes``:
    text files holding the notes printed under the table (注：①〔〕内为5年累计数。②带*的为2019年数据),
    when they were kept apart from it; they are read as if they followed it."""
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

        lines = split_lines(read_text(source))  # line N as an editor counts it
        where = [located(source.name, n) for n in range(1, len(lines) + 1)]
        grids = list(text_grids(lines, where))
    else:
        raise UserError(say("import.unknown_suffix", suffix=source.suffix), source)
    meta = metadata(lines, where)
    # The period the title (or --period) gives tells the header's lone year column (2020年
    # beside 年均/累计) a base year from a target year.
    table = _table(lines, where, grids, period or meta.period)
    unread = table is None or not table.rows
    if unread and suffix in TEXT_SUFFIXES and (line := header_line(lines)) is not None:
        raise UserError(
            say("import.rows_unreadable"),
            source,
            line,
        )
    if table is None or not table.rows:
        raise UserError(say("import.no_table"), source)
    # The table's lines of a text are no task's: a grid of a Word or Excel file is not in lines.
    span = table.span if suffix in TEXT_SUFFIXES else None
    footnotes = [*table.footnotes, *_notes_kept_apart(notes)]
    _names_once(table.rows, source)
    found_tasks, task_notes = tasks(lines, where, span)
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
        footnotes=footnotes,
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


def _names_once(rows: Sequence[Row], source: Path) -> None:
    """Each name (and the name as written, its unit with it) leads to one indicator, as ``plan
    validate`` requires: a name the table repeats is an error at the row that repeats it."""
    import re

    from plancheck.plan.importers.reading import identify
    from plancheck.plan.models import normalise_key

    owner: dict[str, str] = {}
    errors: list[UserError] = []
    for row, ident in zip(rows, identify(rows), strict=True):
        for name in dict.fromkeys(n for n in (row.name, row.written_name) if n):
            first = owner.setdefault(normalise_key(name), ident)
            if first != ident:
                message = say("import.name_repeats", id=ident, name=name, first=first)
                found = re.fullmatch(r"(?P<file>.+):(?P<line>\d+)", row.where)
                if found is None:
                    errors.append(UserError(message, row.where))
                    continue
                file = str(source) if found["file"] == source.name else found["file"]
                errors.append(UserError(message, file, int(found["line"])))
                break
    if errors:
        raise UserErrors(errors)


def _notes_kept_apart(files: Sequence[Path]) -> list[str]:
    """The lines of each notes file that have text, as the notes under a table are kept."""
    from plancheck.textfile import read_text, split_lines

    return [line.strip() for file in files for line in split_lines(read_text(file)) if line.strip()]


def _no_tasks(suffix: str) -> str:
    if suffix in SHEET_SUFFIXES:
        return say("import.sheet_no_tasks")
    return say("import.no_tasks")


def _table(
    lines: Sequence[str],
    where: Sequence[str],
    grids: Sequence[Grid],
    period: tuple[int, int] | None,
) -> Table | None:
    """The first indicator table: of a grid (a table, or text rows split at tabs or spaces),
    else of the text one cell per line (every cell there, else the empty ones gone)."""
    for grid, name in grids:
        table = from_grid(grid, name, period)
        if table is not None and table.rows:
            return table
    return from_cells(lines, where, period) or from_lines(lines, where, period)


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
        meta.period_from = say("import.period_header", header=table.year_header)
        return (year - 4, year), None
    return None, None


def parse_period(text: str) -> tuple[int, int]:
    """``2021-2025`` (or 2021—2025, 2021:2025) → (2021, 2025); a UserError otherwise."""
    import re

    found = re.fullmatch(r"\s*((?:19|20)\d\d)\s*[-—–:~至]\s*((?:19|20)\d\d)\s*", text)
    if not found:
        raise UserError(say("import.bad_period", text=option_text(text)))
    if int(found.group(1)) > int(found.group(2)):  # two years, the wrong way round
        raise UserError(say("import.period_reversed", text=text, start=found[2], end=found[1]))
    return int(found.group(1)), int(found.group(2))


def write(
    imported: Imported,
    folder: Path,
    source: Path,
    force: bool = False,
    validate: Callable[[Path], object] | None = None,
) -> list[Path]:
    """Write the two files into ``folder`` (made if missing), never over a file without force.

    All or nothing: the draft is written into a temporary folder inside ``folder`` first and
    checked there with ``validate(temporary_folder)`` (``plan validate``'s load, say); only a
    draft that passes replaces anything, each file in one rename. When anything fails, or a
    signal stops the command, ``folder`` is as it was: the temporary folder is removed, and so
    are the folders this call made (when they are still empty). Errors of the check name the
    files as they would have been written (``folder/indicators.yaml:LINE``).
    """
    from plancheck.output import check_target, give_mode, refuse_inputs, write_report
    from plancheck.textfile import files_read, looked_up

    def refused(reason: str) -> UserError:
        return UserError(say("import.cannot_write", reason=reason), folder)

    found = looked_up(folder, refused)
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise UserError(say("import.not_folder"), folder)
    names = ("indicators.yaml", "tasks.yaml")
    targets = [folder / name for name in names]
    for path in targets:
        refuse_inputs(path, [source, *files_read()])
        if not force and looked_up(path, refused) is not None:
            raise UserError(say("import.exists", name=path.name), path)
    made = _missing_folders(folder)
    scratch: Path | None = None
    done = False
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(say("import.cannot_make_folder", reason=os_reason(exc)),
                            folder) from None  # fmt: skip
        try:
            scratch = Path(tempfile.mkdtemp(prefix=".plancheck-", dir=folder))
        except OSError as exc:
            raise refused(os_reason(exc)) from None
        drafts = [scratch / name for name in names]
        for path, text in zip(drafts, (imported.indicators, imported.tasks), strict=True):
            write_report(text, path, [source], what="the file")
        if validate is not None:
            try:
                validate(scratch)
            except UserError as error:
                _as_written(error, scratch, folder)
                raise
        # Where each file goes (through a symbolic link, as a report is written): not a folder,
        # nor a read-only file.
        places = [check_target(target, "the file") for target in targets]
        for draft, target, place in zip(drafts, targets, places, strict=True):
            if place.parent != scratch.resolve().parent:  # a link out of the folder
                write_report(draft.read_bytes(), target, [source], what="the file")
                continue
            give_mode(str(draft), place)
            try:
                os.replace(draft, place)
            except OSError as exc:
                raise UserError(say("output.cannot_write", what=say("output.the_file"),
                                    reason=os_reason(exc)), target) from None  # fmt: skip
        done = True
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        if not done:
            for created in reversed(made):
                with contextlib.suppress(OSError):
                    created.rmdir()  # only if empty: nothing of anyone else's goes
    return targets


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, outermost first."""
    from plancheck.textfile import looked_up

    def refused(reason: str) -> UserError:
        return UserError(say("import.cannot_make_folder", reason=reason), folder)

    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if looked_up(candidate, refused) is not None:
            break
        missing.append(candidate)
    return missing[::-1]


def _as_written(error: UserError, scratch: Path, folder: Path) -> None:
    """The check's errors located in ``folder``, where the files were to be written, rather
    than in the temporary folder they were checked in."""
    for problem in error.errors if isinstance(error, UserErrors) else [error]:
        if problem.file is not None and Path(problem.file).parent == scratch:
            problem.file = str(folder / Path(problem.file).name)
    if isinstance(error, UserErrors) and error.errors:
        error.file = error.errors[0].file
