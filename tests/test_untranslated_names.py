"""A plan drafted by ``plan import`` repeats its Chinese names as the English ones until someone
translates them: an English report then shows each name once, not ``X (X)`` or X above X."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SAMPLES, run

NAME = "法定审限内结案率"  # short: the terminal table does not wrap it
TITLE = "徐汇区全面依法治区第十四个五年规划"
CATEGORY = "依法行政"


@pytest.fixture(scope="module")
def untranslated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("untranslated")
    shutil.copy(ROOT / "data" / "tasks.yaml", folder / "tasks.yaml")
    plan = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    plan["plan"]["title_en"] = plan["plan"]["title"]
    for category in plan["categories"]:
        category["name_en"] = category["name"]
    for indicator in plan["indicators"]:
        indicator["name_en"] = indicator["name"]
    (folder / "indicators.yaml").write_text(
        yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_an_english_report_names_an_untranslated_name_once(untranslated: Path, fmt: str) -> None:
    result = run(
        "evaluate", SAMPLES / "2023.csv", "--plan", untranslated, "-f", fmt, "--lang", "en"
    )
    assert result.code in (0, 1), result.stderr
    text = result.stdout
    for twice in (f"{NAME} ({NAME})", f"{NAME}\n{NAME}", f"{NAME}<br>{NAME}", f"{TITLE} ({TITLE})",
                  f"{CATEGORY} · {CATEGORY}", f"{CATEGORY} {CATEGORY}", f"{CATEGORY} ({CATEGORY})",
                  f'{NAME}<br><span class="note">{NAME}</span>'):  # fmt: skip
        assert twice not in text, twice
    assert NAME in text


def test_the_bundled_plan_still_gives_both_names(untranslated: Path) -> None:
    text = run("evaluate", SAMPLES / "2023.csv", "-f", "markdown", "--lang", "en").stdout
    assert f"Court cases closed within the statutory time limit<br>{NAME}" in text


def test_plan_listings_and_the_task_check_name_it_once(untranslated: Path) -> None:
    listed = run("indicators", "--plan", untranslated, "-f", "markdown", "--lang", "en").stdout
    assert NAME in listed and f"{NAME} ({NAME})" not in listed
