"""The pure-Python bound: the least program in plain Python (the standard library and PyYAML
only) that does the scale floor's job — read the long CSV with ``csv.reader``, join the plan's
targets, decide each figure's status and write one JSON line per result with the floor's
fields (``scale.py``'s, no reason). No plancheck code, no checks of cells, no reasons, no
时序进度, no trends, no index: every step is the least Python can do, written for speed.

    python benchmarks/floors/pure_python.py benchmarks/data/345k.csv benchmarks/data/plan.yaml out.jsonl

It is not a peer and sets no target. It answers one question: can a program whose per-result
work is Python (as plancheck's reasons, trends and lines are) come within the 1.5× of the
Polars floor that issue 14 asks? ``benchmarks/run.py`` prints its ratio to that floor beside
plancheck's: where this bound is itself near or past 1.5×, only native code per result can be.
"""

from __future__ import annotations

import csv
import json
import operator
import sys
from collections import defaultdict
from pathlib import Path

import yaml

OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
       "==": operator.eq}  # fmt: skip
ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def main(data: Path, plan_path: Path, out: Path) -> None:
    plan = yaml.load(plan_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    indicators = {str(ind["id"]): ind for ind in plan["indicators"]}
    with data.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        at = {name: n for n, name in enumerate(header)}
        u, y, i, v = at["unit"], at["year"], at["indicator"], at["value"]
        units, years, ids, values = [], [], [], []
        for row in rows:
            units.append(row[u])
            years.append(int(row[y]))
            ids.append(row[i])
            values.append(float(row[v]) if row[v] else None)
    # Each indicator-year's figures: the city mean (relative) and the places (rank).
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for n, key in enumerate(zip(ids, years, strict=True)):
        groups[key].append(n)
    reference: list[float | None] = [None] * len(values)
    rank: list[float | None] = [None] * len(values)
    for (ident, _), members in groups.items():
        target = indicators[ident]["target"]
        given = [n for n in members if values[n] is not None]
        if target["kind"] == "relative" and given:
            mean = sum(values[n] for n in given) / len(given)  # type: ignore[misc]
            for n in members:
                reference[n] = mean
        elif target["kind"] == "rank":
            lower = indicators[ident].get("direction") == "lower"
            ordered = sorted(values[n] for n in given)  # type: ignore[type-var]
            if not lower:
                ordered.reverse()
            place: dict[float, int] = {}
            for p, x in enumerate(ordered, 1):
                place.setdefault(x, p)  # ties share the better place
            for n in given:
                rank[n] = float(place[values[n]])  # type: ignore[index]
    # Each indicator's fields encoded once; each result's line from its own few fields.
    heads = {
        ident: ENCODE({"id": ident, "name": ind["name"], "name_en": ind["name_en"],
                       "category": ind["category"], "binding": bool(ind["binding"]),
                       "timing": ind.get("timing"), "measure": ind.get("unit"),
                       "target_text": ind["target_text"]})[1:-1]
        for ident, ind in indicators.items()
    }  # fmt: skip
    file = ENCODE(str(data))
    # Each figure's text made once (a national file's figures repeat), None as null.
    texts: dict[float | None, str] = {None: "null"}
    for x in (*values, *reference, *rank):
        if x not in texts:
            texts[x] = repr(x)
    judged = []
    for n, (ident, value) in enumerate(zip(ids, values, strict=True)):
        target = indicators[ident]["target"]
        kind = target["kind"]
        if value is None:
            judged.append("missing")
            continue
        compared = rank[n] if kind == "rank" else value
        goal = (reference[n] if kind == "relative" else
                target["best"] if kind == "rank" else target["value"])  # fmt: skip
        op = OPS[target.get("op", "<=")]
        judged.append("unknown" if compared is None or goal is None else
                      "pass" if op(compared, goal) else "fail")  # fmt: skip
    # The line's pieces, column by column, joined by C loops (map, zip, str.join).
    head = {unit: f'{{"unit":{ENCODE(unit)},"year":' for unit in set(units)}
    body = {
        (ident, status): f',{heads[ident]},"status":"{status}","value":'
        for ident in heads
        for status in ("pass", "fail", "missing", "unknown")
    }
    tail = f',"file":{file},"line":'
    pieces = zip(
        map(head.__getitem__, units),
        map(str, years),
        map(body.__getitem__, zip(ids, judged, strict=True)),
        map(texts.__getitem__, values),
        [',"reference":'] * len(values),
        map(texts.__getitem__, reference),
        [',"rank":'] * len(values),
        map(texts.__getitem__, rank),
        [tail] * len(values),
        map(str, range(2, len(values) + 2)),
        ["}\n"] * len(values),
        strict=True,
    )
    with out.open("w", encoding="utf-8") as f:
        f.write("".join(map("".join, pieces)))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1].strip())
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
