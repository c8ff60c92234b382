"""A progress file's partners (配合单位): a YAML list keeps its items as typed; one string is
split at the separators the README names — 、 , ; (full-width ，； too) — and a line break,
never at "/", which may be part of a department's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run


def partners(tmp_path: Path, name: str, text: str) -> dict[str, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("tasks", "check", path, "-f", "json")
    assert result.code in (0, 1), result.stderr
    return {t["id"]: t["partners"] for t in result.json()["tasks"] if t["partners"]}


def test_the_items_of_a_list_are_kept_as_typed(tmp_path: Path) -> None:
    found = partners(tmp_path, "p.yaml", (
        "as_of: 2023-12-31\n"
        "tasks:\n"
        '  "19": {status: in_progress, partners: ["区司法局/区法院", "A/B", "C、D"]}\n'
    ))  # fmt: skip
    assert found == {"19": ["区司法局/区法院", "A/B", "C、D"]}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("区司法局/区法院", ["区司法局/区法院"]),
        ("区司法局/区法院、区检察院", ["区司法局/区法院", "区检察院"]),
        ("区民政局,区妇联;团区委", ["区民政局", "区妇联", "团区委"]),
        ("区民政局，区妇联；团区委", ["区民政局", "区妇联", "团区委"]),
        ("区民政局\\n区妇联", ["区民政局", "区妇联"]),
    ],
)
def test_one_string_splits_at_the_documented_separators(
    tmp_path: Path, written: str, expected: list[str]
) -> None:
    found = partners(tmp_path, "p.yaml", (
        "as_of: 2023-12-31\n"
        "tasks:\n"
        f'  "19": {{status: in_progress, partners: "{written}"}}\n'
    ))  # fmt: skip
    assert found == {"19": expected}


def test_a_csv_cell_splits_as_one_string(tmp_path: Path) -> None:
    found = partners(tmp_path, "p.csv", (
        "task,status,lead,partners,as_of\n"
        '19,in_progress,区法院,"区司法局/区法院、区检察院",2023-12-31\n'
    ))  # fmt: skip
    assert found == {"19": ["区司法局/区法院", "区检察院"]}


def test_the_samples_read_as_before() -> None:
    yaml = run("tasks", "check", SAMPLES / "progress-2023.yaml", "-f", "json").json()
    csv = run("tasks", "check", SAMPLES / "progress-2023.csv", "-f", "json").json()
    of = {t["id"]: t["partners"] for t in yaml["tasks"]}
    assert of["2"] == ["区司法局", "区教育局"]
    assert of == {t["id"]: t["partners"] for t in csv["tasks"]}
