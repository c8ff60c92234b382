"""The scale floor: the least program that does plancheck's job on a national file, with Polars
(a columnar engine written in Rust) — read the long CSV, join the plan's targets, decide each
figure's status and write one JSON line per result with the same fields as plancheck's results.
No plancheck code. ``benchmarks/run.py`` measures plancheck against it.

    python benchmarks/floors/scale.py benchmarks/data/345k.csv benchmarks/data/plan.yaml out.jsonl

Thresholds are compared with their operator; a relative target against the mean of the units in
that year (the computed city average); a rank target by the units' places (ties share the better
place). What plancheck does beyond this — reasons in words, 时序进度, trends, the index, mid-term
classes, line numbers checked cell by cell — the floor does not do: it is the bar, not a peer.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import yaml

OPS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "==": "eq"}


def targets(plan_path: Path) -> pl.DataFrame:
    plan = yaml.load(plan_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    rows = []
    for ind in plan["indicators"]:
        target = ind["target"]
        kind = target.get("kind")
        rows.append(
            {
                "indicator": str(ind["id"]),
                "name": ind["name"],
                "name_en": ind["name_en"],
                "category": ind["category"],
                "binding": bool(ind["binding"]),
                "timing": ind.get("timing"),
                "measure": ind.get("unit"),
                "target_text": ind["target_text"],
                "kind": kind,
                "op": target.get("op", "<=" if kind == "rank" else None),
                "goal": float(target["value"]) if kind == "threshold" else None,
                "best": float(target["best"]) if kind == "rank" else None,
                "higher": ind.get("direction", "higher") != "lower",
            }
        )
    return pl.DataFrame(rows)


def main(data: Path, plan_path: Path, out: Path) -> None:
    figures = pl.read_csv(
        data,
        schema_overrides={
            "unit": pl.Utf8,
            "year": pl.Int64,
            "indicator": pl.Utf8,
            "value": pl.Float64,
        },
    ).with_row_index("line", offset=2)
    joined = figures.join(targets(plan_path), on="indicator", how="left")
    value = pl.col("value")
    mean = value.mean().over("year", "indicator")
    place = (
        pl.when(pl.col("higher"))
        .then(-value)
        .otherwise(value)
        .rank("min")
        .over("year", "indicator")
        .cast(pl.Float64)
    )
    goal = (
        pl.when(pl.col("kind") == "relative")
        .then(mean)
        .when(pl.col("kind") == "rank")
        .then(pl.col("best"))
        .otherwise(pl.col("goal"))
    )
    compared = pl.when(pl.col("kind") == "rank").then(place).otherwise(value)
    met = pl.lit(None, dtype=pl.Boolean)
    for op, method in OPS.items():
        met = pl.when(pl.col("op") == op).then(getattr(compared, method)(goal)).otherwise(met)
    status = (
        pl.when(value.is_null())
        .then(pl.lit("missing"))
        .when(met.is_null())
        .then(pl.lit("unknown"))
        .when(met)
        .then(pl.lit("pass"))
        .otherwise(pl.lit("fail"))
    )
    report = joined.select(
        "unit",
        "year",
        pl.col("indicator").alias("id"),
        "name",
        "name_en",
        "category",
        "binding",
        "timing",
        "measure",
        "target_text",
        status.alias("status"),
        "value",
        pl.when(pl.col("kind") == "relative").then(mean).alias("reference"),
        pl.when(pl.col("kind") == "rank").then(place).alias("rank"),
        pl.lit(str(data)).alias("file"),
        "line",
    )
    report.write_ndjson(out)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1].strip())
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
