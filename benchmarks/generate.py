"""Generate large, seeded long-format submissions for the benchmarks.

    python benchmarks/generate.py            # every file of benchmarks/data/ (below)
    python benchmarks/generate.py --units 500 --out /tmp/small.csv

Columns ``unit,year,indicator,value`` (no reference or rank: city averages and ranks are computed
from the units themselves), for every indicator of the bundled plan. Each unit has a level and a
yearly drift per indicator, so the trends run every way (on track, lagging, going backwards);
about one value in a hundred is left empty (a missing figure). Same seed, same file, byte for byte.

benchmarks/data/ then holds:
    plan.yaml         the bundled plan admitting other units (``other_units: true``): its peer
                      group lists Shanghai's 16 districts, and 县00001… are refused otherwise
    345k.csv, 1m.csv  3,000 and 8,696 units × 5 years × 23 indicators
    345k-quoted.csv   the 345k rows with every cell quoted
    345k.xlsx         the 345k rows as a workbook (numbers as numbers)
    345k.yaml         the 345k rows as a YAML submission (``records:``)
    reference.csv     official reference values (``--reference``) for every indicator and year
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
BUNDLED_PLAN = HERE.parent / "data" / "indicators.yaml"
YEARS = (2021, 2022, 2023, 2024, 2025)
# The benchmark files: 3,000 units × 5 years × 23 indicators = 345,000 rows, and 8,696 units →
# 1,000,040 rows.
SIZES = {"345k.csv": 3_000, "1m.csv": 8_696}

# indicator: (low, high, decimals) of the invented figures, within each indicator's valid range
SPEC: dict[str, tuple[float, float, int]] = {
    "1": (96, 100, 0), "2": (1, 4, 0), "3": (94, 100, 0), "4": (95, 100, 0), "5": (0.8, 3.5, 1),
    "6": (95, 100, 1), "7": (45, 80, 0), "8": (2.0, 6.0, 1), "9": (95, 100, 1), "10": (88, 100, 0),
    "11": (90, 100, 1), "12": (75, 95, 0), "13": (95, 100, 1), "14": (84, 94, 0), "15": (75, 95, 0),
    "16": (1.5, 3.5, 1), "17": (88, 100, 0), "18": (86, 97, 1), "19": (6, 40, 1), "20": (35, 65, 0),
    "21": (85, 100, 0), "22": (0.05, 0.14, 2), "23": (84, 95, 1),
}  # fmt: skip
RATES = {i for i in SPEC if i not in ("2", "19", "22")}  # in %: at most 100


def unit_names(count: int) -> list[str]:
    return [f"县{n:05d}" for n in range(1, count + 1)]


def rows(
    units: Sequence[str],
    years: Sequence[int] = YEARS,
    *,
    seed: int = 2025,
    missing: float = 0.01,
    indicators: Iterable[str] = SPEC,
) -> Iterable[tuple[str, int, str, str]]:
    """(unit, year, indicator, value as text) in unit, year, indicator order."""
    rng = random.Random(seed)
    chosen = list(indicators)
    for unit in units:
        paths = {}
        for indicator in chosen:
            low, high, _ = SPEC[indicator]
            span = high - low
            paths[indicator] = (rng.uniform(low, high), rng.uniform(-0.08, 0.12) * span)
        for n, year in enumerate(years):
            for indicator in chosen:
                if rng.random() < missing:
                    yield unit, year, indicator, ""
                    continue
                low, high, decimals = SPEC[indicator]
                level, drift = paths[indicator]
                noise = rng.gauss(0, 0.03 * (high - low))
                value = level + drift * n + noise
                value = max(0.0, min(100.0 if indicator in RATES else 10 * high, value))
                yield unit, year, indicator, _text(value, decimals)


def _text(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def write(path: Path, units: Sequence[str], years: Sequence[int] = YEARS, **options: object) -> int:
    """Write a long CSV; return the number of data rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("unit,year,indicator,value\n")
        batch: list[str] = []
        for unit, year, indicator, value in rows(units, years, **options):  # type: ignore[arg-type]
            batch.append(f"{unit},{year},{indicator},{value}\n")
            if len(batch) >= 10_000:
                out.write("".join(batch))
                count += len(batch)
                batch = []
        out.write("".join(batch))
        count += len(batch)
    return count


def write_plan(path: Path, source: Path = BUNDLED_PLAN) -> None:
    """The bundled plan, admitting units beyond its peer group's members (县00001…)."""
    text = source.read_text(encoding="utf-8")
    if "\nplan:\n" not in text:
        raise SystemExit(f"{source}: no 'plan:' section")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("\nplan:\n", "\nplan:\n  other_units: true\n", 1), "utf-8")


def write_quoted(path: Path, units: Sequence[str], **options: object) -> int:
    """The same rows with every cell quoted (as some exporters write them)."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(["unit", "year", "indicator", "value"])
        for row in rows(units, **options):  # type: ignore[arg-type]
            writer.writerow(row)
            count += 1
    return count


def write_yaml(path: Path, units: Sequence[str], **options: object) -> int:
    """The same rows as a YAML submission's ``records``; an empty value is left out."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("records:\n")
        batch: list[str] = []
        for unit, year, indicator, value in rows(units, **options):  # type: ignore[arg-type]
            figure = f", value: {value}" if value else ""
            batch.append(f'  - {{unit: {unit}, year: {year}, indicator: "{indicator}"{figure}}}\n')
            if len(batch) >= 10_000:
                out.write("".join(batch))
                count += len(batch)
                batch = []
        out.write("".join(batch))
        count += len(batch)
    return count


def write_xlsx(path: Path, units: Sequence[str], **options: object) -> int:
    """The same rows as a workbook: figures as numbers, an empty value as an empty cell."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("data")
    sheet.write_row(0, 0, ["unit", "year", "indicator", "value"])
    count = 0
    for n, (unit, year, indicator, value) in enumerate(rows(units, **options), start=1):  # type: ignore[arg-type]
        sheet.write_string(n, 0, unit)
        sheet.write_number(n, 1, year)
        sheet.write_string(n, 2, indicator)
        if value:
            sheet.write_number(n, 3, float(value))
        count += 1
    book.close()
    return count


def write_reference(path: Path, years: Sequence[int] = YEARS) -> int:
    """An official reference value for every indicator and year (the middle of its range)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("year,indicator,reference\n")
        for year in years:
            for indicator, (low, high, decimals) in SPEC.items():
                out.write(f"{year},{indicator},{_text((low + high) / 2, decimals)}\n")
    return len(years) * len(SPEC)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, help="one file with this many units (with --out)")
    parser.add_argument("--out", type=Path, help="where to write that file")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    if args.units:
        out = args.out or DATA / f"{args.units}-units.csv"
        print(f"{out}: {write(out, unit_names(args.units), seed=args.seed)} rows")
        return
    write_plan(DATA / "plan.yaml")
    print(f"{DATA / 'plan.yaml'}: the bundled plan with other_units: true")
    for name, units in SIZES.items():
        out = DATA / name
        print(f"{out}: {write(out, unit_names(units), seed=args.seed)} rows")
    names = unit_names(SIZES["345k.csv"])
    for name, writer in (("345k-quoted.csv", write_quoted), ("345k.yaml", write_yaml),
                         ("345k.xlsx", write_xlsx)):  # fmt: skip
        out = DATA / name
        print(f"{out}: {writer(out, names, seed=args.seed)} rows")
    print(f"{DATA / 'reference.csv'}: {write_reference(DATA / 'reference.csv')} rows")


if __name__ == "__main__":
    main()
