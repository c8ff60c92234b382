"""Regenerate samples/districts-2023.csv: invented, seeded sample figures for Shanghai's 16
districts in 2023, with 2021–2022 series for four of them (one on track, one going backwards).

    python samples/make_districts.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from plancheck.plan.load import load_plan

DISTRICTS = load_plan().peer_groups["city"].members  # Shanghai's 16, in the plan's order
# indicator: (low, high, decimals) of the invented 2023 figures
SPEC = {
    "1": (98, 100, 0), "2": (2, 4, 0), "3": (96, 100, 0), "4": (97, 100, 0), "5": (0.8, 3.5, 1),
    "6": (97, 100, 1), "7": (45, 80, 0), "8": (2.0, 6.0, 1), "9": (97, 100, 1), "10": (90, 100, 0),
    "11": (92, 100, 1), "12": (75, 95, 0), "13": (97, 100, 1), "14": (84, 94, 0), "15": (75, 95, 0),
    "16": (1.5, 3.5, 1), "17": (90, 100, 0), "18": (86, 97, 1), "19": (6, 40, 1), "20": (35, 65, 0),
    "21": (85, 100, 0), "22": (0.05, 0.14, 2), "23": (84, 95, 1),
}  # fmt: skip
BINDING_AT_TARGET = {"1", "3", "4", "6", "9", "13"}
SERIES = {  # unit: indicator: 2021, 2022, 2023
    "徐汇区": {
        "7": (52, 57, 62),
        "12": (78, 82, 86),
        "15": (81, 81.5, 82),
        "19": (10.1, 10.8, 11.4),
    },
    "长宁区": {"7": (58, 63, 67), "12": (80, 84, 88), "15": (86, 87, 88)},
    "静安区": {"7": (66, 62, 58), "12": (88, 86, 83), "15": (84, 82, 80)},  # going backwards
    "浦东新区": {"7": (50, 52, 53), "12": (82, 83, 84)},  # lagging
}
FIXED_2023 = {("徐汇区", "5"): 1.2, ("徐汇区", "8"): 3.1, ("徐汇区", "16"): 2.1,
              ("徐汇区", "18"): 95.2, ("虹口区", "13"): 98.9, ("崇明区", "23"): ""}  # fmt: skip


def figure(rng: random.Random, indicator: str) -> float:
    low, high, decimals = SPEC[indicator]
    if indicator in BINDING_AT_TARGET:
        return high
    value = rng.uniform(low, high)
    return round(value, decimals) if decimals else round(value)


LOWER_IS_BETTER = {"5", "8", "16"}


def earlier(indicator: str, value: float, years_back: int) -> float:
    """A steady improvement towards 2023: each year back, 2% of the range worse."""
    low, high, decimals = SPEC[indicator]
    if indicator in BINDING_AT_TARGET or indicator == "2":
        return value
    step = (high - low) * 0.02 * years_back
    moved = value + step if indicator in LOWER_IS_BETTER else value - step
    moved = min(max(moved, low), high)
    return round(moved, decimals) if decimals else round(moved)


def main() -> None:
    rng = random.Random(2023)
    latest = {
        (unit, indicator): FIXED_2023.get((unit, indicator), figure(rng, indicator))
        for unit in DISTRICTS
        for indicator in SPEC
    }
    rows: list[list[object]] = []
    for year in (2021, 2022, 2023):
        for unit in DISTRICTS:
            if year < 2023 and unit not in SERIES:
                continue
            for indicator in SPEC:
                value = latest[(unit, indicator)]
                if indicator in SERIES.get(unit, {}):
                    value = SERIES[unit][indicator][year - 2021]
                elif year < 2023 and isinstance(value, int | float):
                    value = earlier(indicator, value, 2023 - year)
                rows.append([unit, year, indicator, value, ""])
    rows[0][4] = "示例数据(虚构) sample data: invented figures"
    target = Path(__file__).with_name("districts-2023.csv")
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["unit", "year", "indicator", "value", "note"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
