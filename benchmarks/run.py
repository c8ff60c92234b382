"""The performance table: start-up and scale of plancheck against their floors, in one run.

    python benchmarks/generate.py && python benchmarks/run.py [--runs 10] [--skip-scale]

Start-up: the median of N runs of ``plancheck evaluate samples/2023.csv`` and ``plancheck
--help`` against ``python -c "import typer, pydantic, yaml"`` (what our own dependencies cost).
Scale: ``plancheck evaluate FILE --format json -o out.json`` on the 345k-row and 1M-row files
(benchmarks/generate.py) against the stdlib floor measured in the same run: ``csv.reader`` over the
same file, converting every value to float. Peak memory is each child's maximum resident set
(``resource.getrusage``). Growth: time per row of the 1M file over that of the 345k file.

Every command runs as a fresh process, as a user would run it. The ratios are the figures to
compare across machines; the seconds are this machine's.

Rows marked "context" have no target: they measure, in the same run, what the stack costs
before plancheck does any work of its own — typer running a command (it builds its parameters'
validators with pydantic), rich's table, importing Polars and numpy, and writing a report's bytes
— so the gap between a figure and its target can be read against what is irreducible.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
PYTHON = sys.executable
FLOOR_SCRIPT = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    next(rows)
    for row in rows:
        for cell in row[3:]:
            if cell:
                float(cell)
"""
TARGETS = {"start-up": 1.3, "scale": 3.0, "growth": 2.2, "memory": 400.0}
# What running any typer 0.29 command with an option imports (typer validates every parameter
# with a pydantic TypeAdapter, built in typer._adapters), and what a rich table adds to that.
TYPER_COMMAND = "import typer, pydantic, yaml, typer._adapters"
RICH_TABLE = TYPER_COMMAND + ", rich.console, rich.table"
ENGINE = "import polars, numpy"
WRITE_SCRIPT = """
import os, sys
size, block = int(sys.argv[2]), b"x" * (1 << 24)
with open(sys.argv[1], "wb") as handle:
    for _ in range(size >> 24):
        handle.write(block)
    handle.write(block[: size & ((1 << 24) - 1)])
    handle.flush()
    os.fsync(handle.fileno())
"""


def timed(command: list[str]) -> tuple[float, float, int]:
    """Seconds, peak resident MiB and exit code of one run of ``command`` in a fresh process."""
    start = time.perf_counter()
    pid = os.posix_spawn(command[0], command, os.environ.copy(), file_actions=_quiet())
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _quiet() -> list[tuple[int, int, str, int, int]]:
    return [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]


def median(command: list[str], runs: int) -> tuple[float, float]:
    results = [timed(command) for _ in range(runs)]
    for _, _, code in results:
        if code not in (0, 1):
            sys.exit(f"failed ({code}): {' '.join(command)}")
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def plancheck() -> list[str]:
    found = Path(PYTHON).with_name("plancheck")
    return [str(found)] if found.exists() else [PYTHON, "-m", "plancheck"]


def main() -> None:
    parser = argparse.ArgumentParser(description="Print plancheck's performance table.")
    parser.add_argument("--runs", type=int, default=10, help="runs per start-up figure (median)")
    parser.add_argument("--scale-runs", type=int, default=3, help="runs per scale figure (median)")
    parser.add_argument("--skip-scale", action="store_true", help="start-up only")
    args = parser.parse_args()
    os.chdir(ROOT)
    # An installed package carries compiled bytecode; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile plancheck on every run. Compile it once, as pip does.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    cmd = plancheck()
    rows: list[tuple[str, str, str, str, str]] = []
    verdicts: list[bool] = []

    def add(name: str, seconds: float, floor: float, mib: float, target: float) -> None:
        ratio = seconds / floor
        verdicts.append(ratio <= target)
        mark = "ok" if ratio <= target else "OVER"
        rows.append(
            (
                name,
                f"{seconds:.3f}",
                f"{floor:.3f}",
                f"{ratio:.2f}× (≤ {target}× {mark})",
                f"{mib:.0f}",
            )
        )

    def context(name: str, seconds: float, floor: float, mib: float) -> None:
        rows.append(
            (name, f"{seconds:.3f}", f"{floor:.3f}", f"{seconds / floor:.2f}×", f"{mib:.0f}")
        )

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.platform()}")  # fmt: skip
    floor, floor_mib = median([PYTHON, "-c", "import typer, pydantic, yaml"], args.runs)
    rows.append(
        ("import typer, pydantic, yaml (floor)", f"{floor:.3f}", "", "", f"{floor_mib:.0f}")
    )
    seconds, mib = median([*cmd, "evaluate", "samples/2023.csv"], args.runs)
    add("plancheck evaluate samples/2023.csv", seconds, floor, mib, TARGETS["start-up"])
    seconds, mib = median([*cmd, "--help"], args.runs)
    add("plancheck --help", seconds, floor, mib, TARGETS["start-up"])
    for name, script in (("typer running a command", TYPER_COMMAND),
                         ("  + rich's table", RICH_TABLE)):  # fmt: skip
        seconds, mib = median([PYTHON, "-c", script], args.runs)
        context(f"context: {name} (imports only)", seconds, floor, mib)

    per_row: dict[str, float] = {}
    if not args.skip_scale:
        engine_s, engine_mib = median([PYTHON, "-c", ENGINE], args.runs)
        with tempfile.TemporaryDirectory(dir=DATA if DATA.is_dir() else None) as folder:
            for name in ("345k.csv", "1m.csv"):
                data = DATA / name
                if not data.exists():
                    sys.exit(f"{data} missing: run python benchmarks/generate.py first")
                count = sum(1 for _ in data.open(encoding="utf-8")) - 1
                floor_s, floor_mib = median(
                    [PYTHON, "-c", FLOOR_SCRIPT, str(data)], args.scale_runs
                )
                rows.append((f"stdlib floor, {name} ({count:,} rows)", f"{floor_s:.3f}", "", "",
                             f"{floor_mib:.0f}"))  # fmt: skip
                out = str(Path(folder) / "out.json")
                command = [*cmd, "evaluate", str(data), "--format", "json", "-o", out]
                seconds, mib = median(command, args.scale_runs)
                add(f"plancheck evaluate {name} -f json -o out.json", seconds, floor_s, mib,
                    TARGETS["scale"])  # fmt: skip
                verdicts.append(mib <= TARGETS["memory"])
                if mib > TARGETS["memory"]:
                    rows.append((f"  peak memory over {TARGETS['memory']:.0f} MiB", "", "", "", ""))
                per_row[name] = seconds / count
                size = Path(out).stat().st_size
                seconds, mib = median(
                    [PYTHON, "-c", WRITE_SCRIPT, str(Path(folder) / "bytes"), str(size)],
                    args.scale_runs,
                )
                Path(folder, "bytes").unlink()
                context("context: import polars, numpy", engine_s, floor_s, engine_mib)
                context(f"context: writing {size / 1e6:.0f} MB (out.json's size)", seconds,
                        floor_s, mib)  # fmt: skip
        growth = per_row["1m.csv"] / per_row["345k.csv"]
        verdicts.append(growth * 2 <= TARGETS["growth"])
        rows.append(("growth: time per row, 1M over 345k (2× rows → time ×)", "", "",
                     f"{growth * 2:.2f}× for 2× rows (≤ {TARGETS['growth']}×)", ""))  # fmt: skip

    header = ("command", "seconds", "floor", "ratio", "peak MiB")
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(5)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(widths[k]) for k, cell in enumerate(row)).rstrip())
    print("all targets met" if all(verdicts) else "some targets not met")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
