"""The start-up floor: the least program on the design card's stack that does plancheck's job
for one district — parse evaluate's options with typer, load data/indicators.yaml with PyYAML
(libyaml) into pydantic models, read the CSV, judge each threshold and print the 23-row table
with rich. No plancheck code. ``benchmarks/run.py`` measures plancheck against it.

    python benchmarks/floors/startup.py evaluate samples/2023.csv [-f json]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import BaseModel, ConfigDict

ROOT = Path(__file__).resolve().parents[2]


class Model(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Indicator(Model):
    id: str
    category: str
    name: str
    name_en: str
    binding: bool
    unit: str | None = None
    target_text: str
    target: dict[str, Any]
    timing: str


class IndicatorsFile(Model):
    plan: dict[str, Any]
    categories: list[dict[str, Any]]
    indicators: list[Indicator]


app = typer.Typer(add_completion=False)


@app.callback()
def main() -> None:
    """The floor."""


@app.command()
def evaluate(
    files: list[Path],
    plan: Annotated[Path | None, typer.Option("--plan")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    unit: Annotated[str | None, typer.Option("--unit")] = None,
    reference: Annotated[Path | None, typer.Option("--reference")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet")] = None,
    tasks: Annotated[Path | None, typer.Option("--tasks")] = None,
) -> None:
    text = (plan or ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    loaded = IndicatorsFile.model_validate(yaml.load(text, Loader=yaml.CSafeLoader))
    with files[0].open(encoding="utf-8-sig", newline="") as handle:
        values = {row["indicator"]: row["value"] for row in csv.DictReader(handle)}
    rows = []
    for ind in loaded.indicators:
        raw, target = values.get(ind.id, ""), ind.target
        if not raw or raw == "N/A" or target["kind"] != "threshold":
            status = "missing" if not raw or raw == "N/A" else "unknown"
        else:
            ops = {">=": float.__ge__, ">": float.__gt__, "<=": float.__le__, "<": float.__lt__}
            met = ops.get(target["op"], float.__eq__)(float(raw), float(target["value"]))
            status = "pass" if met else "fail"
        rows.append((ind.id, ind.name, ind.target_text, raw, status))
    if fmt == "json":
        keys = ("id", "name", "target_text", "value", "status")
        sys.stdout.write(json.dumps([dict(zip(keys, r, strict=True)) for r in rows],
                                    ensure_ascii=False) + "\n")  # fmt: skip
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=loaded.plan["title"])
    for column in ("id", "indicator", "target", "actual", "status"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console(width=100).print(table)


if __name__ == "__main__":
    app()
