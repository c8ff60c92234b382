"""Read submission files into Observations: pick the reader, settle the year, check every cell."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from plancheck.errors import UserError
from plancheck.plan.models import Indicator, Plan
from plancheck.submission.models import Observation, RawRecord, Submission
from plancheck.submission.values import BadValue, fold, parse_number, parse_rank, parse_year, shown
from plancheck.textfile import read_text

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def read_submission(
    paths: Iterable[Path],
    plan: Plan,
    year: int | None = None,
    sheet: str | None = None,
    *,
    require_values: bool = True,
) -> Submission:
    """All observations of all files; duplicates across files are errors too.

    ``sheet``: the sheet to read in Excel workbooks (default: the first one).
    ``require_values``: a submission in which no indicator has a value is an error (exit 2),
    never a pass.
    """
    observations: list[Observation] = []
    seen: dict[tuple[str, int, str], Observation] = {}
    files: list[str] = []
    paths = list(paths)
    if sheet is not None and not any(_is_workbook(p) for p in paths):
        raise UserError(
            f"--sheet {sheet}: only Excel workbooks (.xlsx) have sheets",
            paths[0] if paths else None,
        )
    for n, path in enumerate(paths):
        if any(_same_file(path, earlier) for earlier in paths[:n]):
            raise UserError("given twice on the command line", path)
        files.append(str(path))
        count = 0
        for observation in _observations(path, plan, year, sheet):
            count += 1
            key = (observation.unit, observation.year, observation.indicator)
            if (first := seen.get(key)) is not None:
                where = f"line {first.line}" + (
                    "" if first.file == observation.file else f" of {first.file}"
                )
                raise UserError(
                    f"indicator {observation.indicator} is given twice for {observation.unit} "
                    f"{observation.year} (also at {where})",
                    observation.file,
                    observation.line,
                )
            seen[key] = observation
            observations.append(observation)
        if count == 0:
            raise UserError("no figures in the file: only a header, or nothing at all", path)
    if require_values and not any(o.value is not None for o in observations):
        raise UserError(
            "no indicator has a value: nothing to judge (empty cells and N/A are no figure)",
            files[0],
        )
    return Submission(tuple(observations), tuple(files))


def year_from_name(path: Path) -> int | None:
    """``2023.csv`` or ``xuhui-2023.csv`` say 2023; a name with no or two years says nothing."""
    found = _YEAR_IN_NAME.findall(path.stem)
    return int(found[0]) if len(found) == 1 else None


def _is_workbook(path: Path) -> bool:
    # Decided by name alone, so reading a CSV never imports the workbook reader.
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def _records(path: Path, plan: Plan, sheet: str | None = None) -> Iterator[RawRecord]:
    if _is_workbook(path):
        from plancheck.submission.read_xlsx import read_xlsx

        return read_xlsx(path, plan, sheet)
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from plancheck.submission.read_yaml import read_yaml_submission

        return read_yaml_submission(text, str(path))
    from plancheck.submission.read_csv import read_csv

    return read_csv(text, str(path), plan)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:  # a missing file is said by the reader, with its own message
        return False


def _observations(
    path: Path, plan: Plan, cli_year: int | None, sheet: str | None = None
) -> Iterator[Observation]:
    name_year = year_from_name(path)
    default_unit = plan.info.unit or ""
    # An empty unit cell is the plan's own unit only when no row of the file names one: in a
    # file of several units it is a unit left out, not 徐汇区.
    named: Observation | None = None
    blank: RawRecord | None = None
    for record in _records(path, plan, sheet):
        observation = _observation(record, plan, cli_year, name_year, default_unit)
        cell = record[2].get("unit")  # None: no unit column (CSV) or key (a YAML record)
        if cell is None or cell[0] is None or not fold(str(cell[0])):
            blank = blank or record
        else:
            named = named or observation
        if blank and named:
            file, line, cells = blank
            raise UserError(
                f"{cells.get('unit', (None, 'unit'))[1]}: empty, but line {named.line} names "
                f"its unit ({named.unit}); give the unit on every row",
                file,
                line,
            )
        yield observation


def _observation(
    record: RawRecord, plan: Plan, cli_year: int | None, name_year: int | None, default_unit: str
) -> Observation:
    file, line, cells = record

    def fail(field: str, message: str) -> UserError:
        label = cells[field][1] if field in cells else field
        return UserError(f"{label}: {message}", file, line)

    def text(field: str) -> str:
        raw = cells.get(field, (None, field))[0]
        return "" if raw is None else fold(str(raw))

    key = text("indicator")
    if not key:
        raise fail("indicator", "empty; every row needs the indicator's number or name")
    indicator = plan.find_indicator(key)
    if indicator is None:
        hint = plan.suggest(key)
        extra = f"; did you mean '{hint}'?" if hint else ""
        raise fail("indicator", f"unknown indicator '{shown(key)}'{extra}")

    try:
        year = parse_year(cells["year"][0]) if "year" in cells else None
    except BadValue as exc:
        raise fail("year", str(exc)) from None
    if year is not None and cli_year is not None and year != cli_year:
        raise fail("year", f"{year} disagrees with --year {cli_year}")
    year = year or cli_year or name_year
    if year is None:
        raise UserError(
            "cannot tell the year: add a 'year' column, pass --year, or name the file like 2023.csv",
            file,
            line,
        )

    try:
        value = _figure(cells, "value", indicator)
        reference = _figure(cells, "reference", indicator)
        rank = parse_rank(cells["rank"][0]) if "rank" in cells else None
    except _FieldError as exc:
        raise fail(exc.field, exc.message) from None
    except BadValue as exc:
        raise fail("rank", str(exc)) from None
    if rank is not None and (problem := indicator.target.input_problem(plan, "rank", rank)):
        raise fail("rank", problem)

    unit = text("unit") or default_unit
    return Observation(unit, year, indicator.id, value, reference, rank, text("note"), file, line)


class _FieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        self.field, self.message = field, message


def _figure(cells: dict[str, tuple[object, str]], field: str, indicator: Indicator) -> float | None:
    if field not in cells:
        return None
    try:
        number = parse_number(cells[field][0], indicator.unit)
    except BadValue as exc:
        raise _FieldError(field, f"{exc} (indicator {indicator.id} {indicator.name})") from None
    if number is None:
        return None
    low, high = indicator.bounds
    unit = f" {indicator.unit}" if indicator.unit else ""
    if low is not None and number < low:
        raise _FieldError(
            field,
            f"{number:.15g}{unit} is below the lowest valid value {low:g} "
            f"(indicator {indicator.id} {indicator.name})",
        )
    if high is not None and number > high:
        raise _FieldError(
            field,
            f"{number:.15g}{unit} is above the highest valid value {high:g} "
            f"(indicator {indicator.id} {indicator.name})",
        )
    return number


def read_references(
    path: Path, plan: Plan, year: int | None = None
) -> dict[tuple[int, str], float]:
    """Official reference values (e.g. city averages) per year and indicator, from a file read
    like a submission: its ``reference`` column, or else its ``value`` column."""
    references: dict[tuple[int, str], float] = {}
    lines: dict[tuple[int, str], int] = {}
    for o in _observations(path, plan, year):
        key = (o.year, o.indicator)
        if key in lines:  # one official figure per year and indicator, whatever the unit column
            raise UserError(
                f"indicator {o.indicator}: the reference for {o.year} is given twice "
                f"(also at line {lines[key]})",
                o.file,
                o.line,
            )
        lines[key] = o.line
        figure = o.reference if o.reference is not None else o.value
        if figure is not None:
            references[key] = figure
    return references
