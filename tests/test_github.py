"""GitHub workflow-command annotations: levels, locations and GitHub's escaping rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.report.escape import github_message, github_property
from plancheck.report.github import command

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
COMMAND = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)")


def annotations(
    *args: object, command: str = "evaluate"
) -> tuple[int, list[tuple[str, dict[str, str], str]]]:
    result = CliRunner().invoke(
        app, [command, *map(str, args), "-f", "github"], catch_exceptions=False
    )
    parsed = []
    for line in result.stdout.splitlines():
        match = COMMAND.fullmatch(line)
        assert match, line  # every line is a workflow command
        props = dict(p.split("=", 1) for p in match.group(2).split(",")) if match.group(2) else {}
        parsed.append((match.group(1), props, match.group(3)))
    return result.exit_code, parsed


def test_a_failed_binding_indicator_is_an_error_at_its_line() -> None:
    code, found = annotations(SAMPLES / "2022.csv", "--lang", "en")
    assert code == 1
    level, props, message = found[0]
    assert level == "error"
    assert props["file"] == str(SAMPLES / "2022.csv").replace(":", "%3A").replace(",", "%2C")
    assert props["line"] == "14"  # indicator 13 is on line 14 of 2022.csv
    assert props["title"].startswith("13 ") and props["title"].endswith("%3A FAIL")
    assert message.startswith("99.2 misses the target ≥ 100")
    behind = [f for f in found if f[1].get("line") == "8"]  # indicator 7: behind schedule
    assert behind[0][0] == "notice"
    assert found[-1] == (
        "error",
        {"title": "plancheck"},
        "NOT COMPLIANT: 1 binding indicator not met",
    )


def test_a_compliant_run_ends_with_a_notice_and_expected_fails_warn(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    # 8: expected, relative target below its reference → fail, but not blocking
    submission.write_text("indicator,value,reference\n1,100,\n8,3.5,3.1\n", encoding="utf-8")
    code, found = annotations(submission)
    levels = {props.get("line"): level for level, props, _ in found}
    assert levels["3"] == "warning"
    # indicator 2 has no row: missing, binding → an error pointing at the file, no line
    missing = [f for f in found if f[1].get("title", "").startswith("2 ")]
    assert missing[0][0] == "error" and "line" not in missing[0][1]
    assert code == 1


def test_escaping_follows_githubs_rules() -> None:
    assert github_message("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("error", "x: y, z", file="dir/a,b.csv", line=3, title="t: 1") == (
        "::error file=dir/a%2Cb.csv,line=3,title=t%3A 1::x: y, z"
    )
    assert command("notice", "m") == "::notice::m"


def test_notes_with_line_breaks_stay_on_one_line(tmp_path: Path) -> None:
    submission = tmp_path / "2023.yaml"
    submission.write_text(
        'values:\n  "1": {value: 90, note: "first line\\nsecond, 100%"}\n', encoding="utf-8"
    )
    _, found = annotations(submission)
    message = next(m for _, props, m in found if props.get("title", "").startswith("1 "))
    assert "first line%0Asecond, 100%25" in message


def test_a_checks_warning_is_placed_by_its_properties_not_its_text(tmp_path: Path) -> None:
    source = tmp_path / "2023.csv"
    source.write_text("indicator,value,foo\n1,100,x\n", encoding="utf-8")
    code, found = annotations(source, command="check")
    assert code == 0
    warnings = [(props, text) for kind, props, text in found if kind == "warning"]
    assert warnings == [
        ({"file": str(source), "line": "1", "col": "3"},
         "column 'foo' is not used by plancheck: skipped"),
    ]  # fmt: skip


def test_the_runs_warnings_are_annotations_at_their_place_and_still_on_stderr(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "a,b"  # a comma in a property is escaped, as a result's file is
    folder.mkdir()
    source = folder / "2023.csv"
    source.write_text("indicator,value,x%y\n1,100,1\n合计,,\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["evaluate", str(source), "-f", "github", "--lang", "en"], catch_exceptions=False
    )
    assert result.exit_code == 1
    file = github_property(str(source))
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        f"::warning file={file},line=1,col=3::column 'x%25y' is not used by plancheck: skipped",
        f"::warning file={file},line=3::a '合计' row is the table's own (a total or a note), "
        "not figures: skipped",
    ]
    assert all(COMMAND.fullmatch(line) for line in lines)
    assert result.stderr.splitlines() == [
        f"warning: {source}:1:3: column 'x%y' is not used by plancheck: skipped",
        f"warning: {source}:3: a '合计' row is the table's own (a total or a note), not figures: "
        "skipped",
    ]
    # The other formats leave the warnings to stderr: their reports are as they were.
    table = CliRunner().invoke(app, ["evaluate", str(source), "--lang", "en"])
    assert "not used by plancheck" not in table.stdout and "warning: " in table.stderr


def test_annotations_point_at_the_file_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In GitHub Actions a file named by an absolute path, from a sub-folder or with ``../`` is
    placed from the workspace's root, or GitHub attaches the annotation to no file of the pull
    request; a file outside the workspace stays as given."""
    data = tmp_path / "repo" / "submissions"
    data.mkdir(parents=True)
    inside = data / "2022.csv"
    inside.write_bytes((SAMPLES / "2022.csv").read_bytes())
    outside = tmp_path / "elsewhere-2022.csv"
    outside.write_bytes((SAMPLES / "2022.csv").read_bytes())
    bad = data / "bad-2023.csv"
    bad.write_text("indicator,value\n4,abc\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    monkeypatch.chdir(data)
    for given in (inside, "2022.csv", "../submissions/2022.csv"):
        code, found = annotations(given, "--lang", "en")
        assert code == 1
        assert found[0][1]["file"] == "submissions/2022.csv", given
        assert found[0][1]["line"] == "14"
    code, found = annotations(outside, "--lang", "en")
    assert found[0][1]["file"] == str(outside).replace(":", "%3A").replace(",", "%2C")
    code, found = annotations(inside, command="check")
    assert code == 0 and found[0][1]["file"] == "submissions/2022.csv"
    code, found = annotations(bad, command="check")
    assert code == 2
    assert found[0][1] == {"file": "submissions/bad-2023.csv", "line": "2"}
