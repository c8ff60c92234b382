"""--lang en: no Chinese in any report except the plan's own words and the submission's notes."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.plan.load import load_plan
from tests.conftest import run

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def allowed_text() -> str:
    """Everything a report may quote in Chinese: the plan's own names, targets, units and notes,
    and the notes of the samples."""
    plan = load_plan(None)
    info = plan.info
    texts = [info.title, info.unit or "", info.document.stage, info.document.occasion,
             info.document.source, info.notes or ""]  # fmt: skip
    texts += [c.name for c in plan.categories]
    for group in plan.peer_groups.values():
        texts += [group.name, *group.members]
    texts += [r.name for r in plan.references.values()]
    for i in plan.indicators:
        texts += [i.name, i.target_text, i.unit or "", i.notes or "", *i.aliases]
    # (no task texts: these reports carry no tasks section, and the long task texts would
    # hide short untranslated labels)
    for sample in ("2022.csv", "2023.csv"):
        with open(SAMPLES / sample, encoding="utf-8") as handle:
            texts += [row["note"] for row in csv.DictReader(handle)]
    return "\n".join(texts)


ALLOWED = allowed_text()


def untranslated(text: str) -> list[str]:
    """Runs of Chinese characters that are not part of the plan's or the notes' own words."""
    return sorted({run for run in CJK.findall(text) if run not in ALLOWED})


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "junit", "github", "json"])
def test_english_reports_have_no_untranslated_chinese(fmt: str) -> None:
    for files in (["2022.csv"], ["2022.csv", "2023.csv"]):
        args = ["evaluate", *(str(SAMPLES / f) for f in files), "-f", fmt, "--lang", "en"]
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code in (0, 1), result.stderr
        assert untranslated(result.stdout) == [], (fmt, files)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_english_diff_has_no_untranslated_chinese(fmt: str) -> None:
    args = ["diff", str(SAMPLES / "2022.csv"), str(SAMPLES / "2023.csv"), "-f", fmt, "--lang", "en"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert untranslated(result.stdout) == []


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "junit", "github"])
def test_chinese_reports_use_chinese_labels(fmt: str) -> None:
    args = ["evaluate", str(SAMPLES / "2022.csv"), "-f", fmt, "--lang", "zh"]
    text = CliRunner().invoke(app, args, catch_exceptions=False).stdout
    assert "不合规" in text  # the verdict
    assert "未达标" in text  # a status word
    assert "NOT COMPLIANT" not in text and "FAIL" not in text


def test_the_check_itself_finds_an_untranslated_label() -> None:
    assert untranslated("Verdict: 合规 — 徐汇区, 依法执政") == ["合规"]
    assert untranslated("Status: 未达标; 约束性") == ["未达标", "约束性"]


def test_the_systems_and_the_csv_modules_reasons_are_said_in_chinese(tmp_path: Path) -> None:
    import errno

    from plancheck import i18n
    from plancheck.errors import os_reason

    previous = i18n.set_lang("zh")
    try:
        assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
        assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "文件系统为只读"
        assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
            "Invalid cross-device link"  # one a person hardly meets: the system's words
        )
    finally:
        i18n.set_lang(previous)
    source = tmp_path / "2023.csv"
    source.write_text('indicator,value\n1,"100\n', encoding="utf-8")
    result = run("evaluate", source, "--lang", "zh")
    assert (
        result.stderr == f"{source}:2: CSV 格式有误：带引号的单元格没有结束引号（文件意外结束）\n"
    )


def test_the_files_read_are_listed_as_chinese_lists(tmp_path: Path) -> None:
    first, second = tmp_path / "2022.csv", tmp_path / "2023.csv"
    first.write_bytes((SAMPLES / "2022.csv").read_bytes())
    second.write_bytes((SAMPLES / "2023.csv").read_bytes())
    table = run("evaluate", first, second, "--lang", "zh").stdout
    assert "2022.csv、" in table and "2022.csv, " not in table
    markdown = run("evaluate", first, second, "--lang", "zh", "-f", "markdown").stdout
    assert "2022.csv、2023.csv" in markdown


def test_plan_validate_names_the_bundled_plan_in_chinese() -> None:
    assert (
        run("plan", "validate", "--lang", "zh").stdout
        == "内置规划: 规划有效，23 项指标，55 项任务\n"
    )
    assert run("plan", "validate").stdout == "bundled: valid plan, 23 indicators, 55 tasks\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "zh", "evaluate", str(SAMPLES / "2023.csv")],  # before the command
        ["evaluate", str(SAMPLES / "2023.csv"), "--lang", "zh"],
    ],
)
def test_lang_before_or_after_the_command_gives_a_chinese_report(args: list[str]) -> None:
    result = run(*args)
    assert result.code == 0, result.stderr
    assert "报送文件：" in result.stdout and "Submission:" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--help", "--lang", "zh"],
        ["--help", "--lang", "zh"],
        ["plan", "--lang", "zh", "validate"],
    ],
)
def test_groups_take_lang_too(args: list[str]) -> None:
    result = run(*args)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert CJK.search(result.stdout)
    assert "Usage:" not in result.stdout and "Options:" not in result.stdout


@pytest.mark.parametrize(
    ("lang", "diff", "units"),
    [("en", "or two years of one", "(or 、)"), ("zh", "或同一文件的两个年度", "以逗号或顿号分隔")],
)
def test_both_languages_help_says_the_same(lang: str, diff: str, units: str) -> None:
    """The Chinese `diff` help left out one file's two years; the English `--units` help the
    、 it takes as well as a comma."""
    assert diff in run("--help", "--lang", lang).stdout
    assert diff in run("diff", "--help", "--lang", lang).stdout
    assert units in " ".join(run("template", "--help", "--lang", lang).stdout.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_group_given_alone_prints_the_help_its_help_option_prints(lang: str) -> None:
    """`plancheck plan` printed click's own help, each command's line cut with "..." (in
    English: "validate  Check a plan's YAML files; print every problem as..."), unlike
    `plancheck plan --help`."""
    alone = run("plan", "--lang", lang)
    asked = run("plan", "--help", "--lang", lang)
    assert alone.code == 2 and asked.code == 0
    assert alone.stderr == asked.stdout
    assert not re.search(r"\w\.\.\.$", alone.stderr, re.MULTILINE)  # no line cut short


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--lang", "en", "--lang", "zh", "evaluate", SAMPLES / "2023.csv"],
         "plancheck evaluate: 选项“--lang”给出了两次（“en”，然后是“zh”）：它只取一个值，请只给出一次"
         "（参见 plancheck evaluate --help）"),
        (["evaluate", SAMPLES / "2023.csv", "--lang", "zh", "--lang=en"],
         "plancheck evaluate: Option '--lang' is given twice ('zh', then 'en'): it takes one "
         "value; give it once (see 'plancheck evaluate --help')"),
        (["plan", "--lang", "zh", "validate", "--lang", "en"],
         "plancheck plan validate: Option '--lang' is given twice ('zh', then 'en'): it takes "
         "one value; give it once (see 'plancheck plan validate --help')"),
        (["evaluate", SAMPLES / "2023.csv", "--lang", "fr", "--lang", "en"],
         "plancheck evaluate: Option '--lang' is given twice ('fr', then 'en'): it takes one "
         "value; give it once (see 'plancheck evaluate --help')"),
    ],
)  # fmt: skip
def test_lang_given_twice_with_two_values_is_refused(args: list[str | Path], line: str) -> None:
    """The last --lang was kept without a word, where any other option of one value given
    twice with two values is a usage error: the same rule, wherever each --lang stands."""
    result = CliRunner().invoke(app, [str(a) for a in args], prog_name="plancheck")
    assert (result.exit_code, result.stderr, result.stdout) == (2, line + "\n", "")


def test_lang_given_twice_with_one_value_is_that_language() -> None:
    result = run("--lang", "zh", "evaluate", SAMPLES / "2023.csv", "--lang=zh")
    assert result.code == 0, result.stderr
    assert "报送文件：" in result.stdout


def test_a_damaged_workbook_and_a_missing_sheet_are_said_in_chinese(tmp_path: Path) -> None:
    workbook = tmp_path / "t.xlsx"
    assert run("template", "-f", "xlsx", "-o", workbook).code == 0
    damaged = tmp_path / "2023.xlsx"
    damaged.write_bytes(workbook.read_bytes()[:1500])
    result = run("evaluate", damaged, "--lang", "zh")
    assert result.code == 2
    assert (
        result.stderr
        == f"{damaged}: 不是可读取的Excel 工作簿：文件不完整（缺少结尾部分）：请重新复制或下载\n"
    )
    result = run("evaluate", workbook, "--sheet", "无此表", "--lang", "zh")
    assert result.code == 2
    assert result.stderr.endswith("（现有工作表：“submission”）\n") and "'" not in result.stderr
