"""What ``plancheck check`` says of well-formed submissions: per file, its figures, units, years.

A file is described by the cells it gave (a row read for an indicator of a unit and year): how
many carry a figure, how many say there is none (an empty cell, N/A, —), and which units and
years they speak of. Warnings (columns and rows skipped) are kept with the file they name.
"""

from __future__ import annotations

import math
import re

from plancheck.plan.models import Plan
from plancheck.record import record
from plancheck.submission.models import Submission

_LINE_COLUMN = re.compile(r"(\d+)(?::(\d+))?:")
_COLONS = (":", "：")  # after a file's name in a warning, in English and in Chinese


@record
class FileSummary:
    file: str
    figures: int  # cells with a figure
    empty: int  # cells given without a figure (empty, N/A, —): missing when judged
    units: tuple[str, ...]  # in the submission's order
    years: tuple[int, ...]  # ascending
    sheet: str | None = None  # the sheet read, for a workbook
    warnings: tuple[str, ...] = ()  # "FILE:LINE: …" lines naming this file


@record
class CheckSummary:
    """Every file of a submission that reads without an error (``plancheck check``)."""

    plan: Plan
    files: tuple[FileSummary, ...]
    warnings: tuple[str, ...] = ()  # warnings that name no file of the submission
    history: tuple[int, ...] = ()  # years before the plan period: baselines, never judged
    # Files read besides the submission's (a --reference file): their warnings are in
    # ``warnings``, placed at them (``warning_place``)
    others: tuple[str, ...] = ()

    @property
    def figures(self) -> int:
        return sum(f.figures for f in self.files)


def warning_place(
    warning: str, files: tuple[str, ...]
) -> tuple[str | None, int | None, int | None, str]:
    """The file (one of ``files``), line and column a reader's warning starts with, when it names
    them, and what it says after them: ``2023.csv:1:7: column 'x' is not used`` →
    (``2023.csv``, 1, 7, ``column 'x' is not used``). A file is followed by a colon, or by a
    full-width one in Chinese (``ref.csv：其 value（数值）列不予读取…``)."""
    for file in sorted(files, key=len, reverse=True):  # "a/2023.csv" before "2023.csv"
        if warning.startswith(file) and warning[len(file) : len(file) + 1] in _COLONS:
            found = _LINE_COLUMN.match(warning, len(file) + 1)
            if found is None:
                return file, None, None, warning[len(file) + 1 :].lstrip()
            column = found.group(2)
            rest = warning[found.end() :].lstrip()
            return file, int(found.group(1)), int(column) if column else None, rest
    return None, None, None, warning


def summarise(
    plan: Plan,
    submission: Submission,
    warnings: tuple[str, ...] | None = None,
    others: tuple[str, ...] = (),
) -> CheckSummary:
    """Count each file's cells, units and years from the submission's arrays. ``warnings``: the
    reading's (default: the submission's), with those of ``others``, the files read besides
    the submission (a reference file)."""
    files = submission.files
    count_units, count_years = len(submission.units), len(submission.years)
    figures = [0] * len(files)
    empty = [0] * len(files)
    units: list[set[int]] = [set() for _ in files]
    years: list[set[int]] = [set() for _ in files]
    value, where = submission.value, submission.file
    for cell, line in enumerate(submission.line):
        if not line:
            continue
        n = where[cell]
        if math.isnan(value[cell]):
            empty[n] += 1
        else:
            figures[n] += 1
        units[n].add(cell % count_units)
        years[n].add((cell // count_units) % count_years)
    by_file: dict[str, list[str]] = {file: [] for file in files}
    loose: list[str] = []
    for warning in submission.warnings if warnings is None else warnings:
        file, *_ = warning_place(warning, files)
        (by_file[file] if file is not None else loose).append(warning)
    start = plan.info.period.start
    summaries = tuple(
        FileSummary(
            file=file,
            figures=figures[n],
            empty=empty[n],
            units=tuple(submission.units[u] for u in sorted(units[n])),
            years=tuple(submission.years[y] for y in sorted(years[n])),
            sheet=submission.sheets.get(file),
            warnings=tuple(by_file[file]),
        )
        for n, file in enumerate(files)
    )
    history = tuple(y for y in submission.years if y < start)
    return CheckSummary(plan, summaries, tuple(loose), history, others)
