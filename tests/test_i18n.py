"""One catalog for every text (issue 16, item 2): errors, warnings and help follow --lang / LANG;
both languages have the same keys and placeholders; Chinese text uses full-width punctuation."""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plancheck import i18n
from plancheck.cli import app
from plancheck.help_zh import parameters
from plancheck.report import FORMATS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args: str | Path, env: Mapping[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=dict(env or {}))
    return result.exit_code, result.stdout, result.stderr


# --- the catalog ----------------------------------------------------------------------------


def placeholders(text: object) -> list[tuple[str, str, str]]:
    """The fields of a template, with their format spec and conversion, sorted."""
    if not isinstance(text, str):
        return []
    return sorted(
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


CATALOGS = list(i18n.catalogs())


def test_the_catalogs_are_all_there() -> None:
    names = [name for name, _, _ in CATALOGS]
    for expected in ("i18n.TEXTS", "messages.CATALOG", "kinds' messages", "labels.LABELS",
                     "labels.STATUS_WORD", "labels.TASK_WORD"):  # fmt: skip
        assert expected in names
    assert all(en for _, en, _ in CATALOGS)


@pytest.mark.parametrize("name, en, zh", CATALOGS, ids=[c[0] for c in CATALOGS])
def test_both_languages_have_the_same_keys_and_placeholders(
    name: str, en: Mapping[str, object], zh: Mapping[str, object]
) -> None:
    assert sorted(map(str, en)) == sorted(map(str, zh)), name
    differ = {k: (en[k], zh[k]) for k in en if placeholders(en[k]) != placeholders(zh[k])}
    assert differ == {}, name


def test_a_key_or_placeholder_missing_in_one_language_is_found() -> None:
    assert placeholders("{value} 尚未达到 {op} {goal}") != placeholders("{value} not {op} {goal:g}")
    assert placeholders("'{text}' is not a number") == placeholders("“{text}”不是数字")


# --- full-width punctuation -----------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HALF = "(),:;!?"
_BESIDE = re.compile(rf"[{_CJK}] *[{re.escape(_HALF)}]|[{re.escape(_HALF)}] *[{_CJK}]")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def half_width_beside_chinese(text: str) -> list[str]:
    """Half-width ( ) , : ; ! ? next to a Chinese character. Placeholders are set aside, so
    what is inside them ({x:,}) and a number, time, file:line or --option beside them pass, and
    so does the ": " after a location ("{where}: …"), which stays as in English."""
    return _BESIDE.findall(_PLACEHOLDER.sub("\x00", text).replace("\x00: ", "\x00 "))


def chinese_texts() -> list[tuple[str, str]]:
    found = [(f"{name}[{key}]", str(text)) for name, _, zh in CATALOGS for key, text in zh.items()]
    return found + [(f"HELP[{key}]", text) for key, text in i18n.HELP.items()]


def test_the_punctuation_check_finds_half_width_beside_chinese() -> None:
    assert half_width_beside_chinese("(目标年 {year})") == ["(目"]
    assert half_width_beside_chinese("已完成差距的 {gap},时间已过") == [",时"]
    assert half_width_beside_chinese("报送模板:{title}") == ["板:"]
    assert half_width_beside_chinese("请使用 --unit 徐汇区") == []
    assert half_width_beside_chinese("共 1,000 项，{x:,} 个；10:30，2023.csv:4:2") == []
    assert half_width_beside_chinese("（目标年 {year}）：符合") == []
    assert half_width_beside_chinese("{where}: “合计”行") == []  # a location stays as it is


def test_chinese_texts_use_full_width_punctuation() -> None:
    bad = {
        where: hits for where, text in chinese_texts() if (hits := half_width_beside_chinese(text))
    }
    assert bad == {}


_YEAR_APART = re.compile(r"(?:\{\w+\}|\d) 年|\d 月 \d|\d 日|上年 \{")
_NAME_APART = re.compile(r"(?:工作表|规划|规划期) \{|\{year\} 不在")


def test_chinese_texts_write_a_year_and_a_name_as_chinese_does() -> None:
    """2023年, not 2023 年 ({year} 年); 工作表“Sheet1” and 规划“…”, not 工作表 Sheet1: Chinese
    puts no space between a label and its value."""
    from plancheck.report.check import WORDS

    texts = [*chinese_texts(), *((f"check.WORDS[{k}]", v) for k, v in WORDS["zh"].items())]
    bad = {where: text for where, text in texts
           if _YEAR_APART.search(text) or _NAME_APART.search(text)}  # fmt: skip
    assert bad == {}


# --- help -----------------------------------------------------------------------------------


def command_tree() -> list[tuple[str, str | None, object]]:
    return list(parameters(typer.main.get_command(app)))


def test_every_command_option_and_argument_has_chinese_help() -> None:
    missing = []
    for path, key, obj in command_tree():
        if key == "--format" and i18n.help_text(path, key) is None:
            continue  # built from the registry's formats: checked below
        if i18n.help_text(path, key) is None and getattr(obj, "help", None) is not None:
            missing.append(f"{path} {key or ''}".strip() or "plancheck")
    assert missing == []
    assert [name for name in FORMATS if f"format {name}" not in i18n.HELP] == []


def test_no_chinese_help_for_a_command_or_option_that_does_not_exist() -> None:
    known = {f"{path} {key}".strip() if key else path for path, key, _ in command_tree()}
    options = {key for _, key, _ in command_tree() if key and key.startswith("--")}
    layout = {"Usage", "[OPTIONS]", "COMMAND [ARGS]...", "Arguments", "Options", "Commands",
              "default", "required"}  # fmt: skip
    stale = [
        key
        for key in i18n.HELP
        if key not in known | options | layout | {f"format {n}" for n in FORMATS}
        and key != "--help"
    ]
    assert stale == []


def test_every_argument_and_type_has_a_chinese_name() -> None:
    arguments = [f"{path} {key}" for path, key, obj in command_tree()
                 if key and getattr(obj, "param_type_name", "") == "argument"]  # fmt: skip
    assert sorted(name for name in i18n.HELP_NAMES if not name.startswith("<")) == sorted(arguments)


@pytest.mark.parametrize(
    "command",
    [c for c in sorted({path for path, _, _ in command_tree()}) if c],
)
def test_chinese_help_names_arguments_and_types_in_chinese(command: str) -> None:
    """Issue: the Chinese help said folder <path>, progress <path>."""
    code, out, _ = run(*command.split(), "--help", env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert code == 0 and out.startswith("用法：")
    english = re.findall(r"<(?:path|str|int|float|list\[\w+\])>", out)
    names = [n for n in ("folder", "progress", "FILE", "OLD", "NEW", "source", "which", "path")
             if re.search(rf"(?<![\w/.-]){n}(?![\w/.-])", out)]  # fmt: skip
    assert (english, names) == ([], [])


def test_chinese_help_shows_the_arguments_chinese_name() -> None:
    _, out, _ = run("init", "--help", "--lang", "zh")
    assert "{文件夹}" in out.splitlines()[0] and "  文件夹 <路径>  存放规划的新文件夹" in out
    _, out, _ = run("tasks", "check", "--help", "--lang", "zh")
    assert "  进展报告 <路径>  任务进展报告" in out and "--as-of <文本>" in out
    _, out, _ = run("init", "--help", "--lang", "en")
    assert "  folder <path>  A new or empty folder" in out  # English as typer says it


def test_a_new_option_without_chinese_help_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(i18n.HELP, "evaluate --strict")
    assert i18n.help_text("evaluate", "--strict") is None


def test_help_in_chinese_with_lang_zh() -> None:
    code, out, _ = run("evaluate", "--help", "--lang", "zh")
    assert code == 0
    assert out.splitlines()[0].endswith(" evaluate [选项] {报送文件}…")
    for text in ("参数：", "选项：", "报送文件（CSV、YAML 或 xlsx）（必填）。", "年度，文件未注明时使用。",
                 "显示本帮助并退出。", "table：终端显示（默认）", "（默认：table）", "（必填）"):  # fmt: skip
        assert text in out
    assert "Show this message" not in out and "Options:" not in out


def test_lang_before_the_command_is_understood() -> None:
    code, out, _ = run("--lang", "zh", "--help", env={"LANG": "C"})
    assert code == 0 and "命令：" in out
    assert out.splitlines()[0].endswith(" [选项] 命令 [参数]…")
    code, _, err = run("--lang=zh", "evaluate", "no-such-file.csv", env={"LANG": "C"})
    assert code == 2 and "no-such-file.csv" in err and "文件不存在" in err


def test_help_in_chinese_with_a_chinese_lang_variable() -> None:
    code, out, _ = run("--help", env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert code == 0
    assert "命令：" in out and "对照规划的各项指标检查当年实际数据。" in out
    assert "evaluate    对照规划评估报送数据" in out  # the command list's short help
    code, out, _ = run("tasks", "check", "--help", env={"LANG": "zh_CN.UTF-8"})
    assert "检查规划任务的进展报告" in out and "--as-of" in out


def test_help_stays_english_by_default_and_with_lang_en() -> None:
    for args, env in ((("evaluate", "--help"), {"LANG": "C"}),
                      (("evaluate", "--help", "--lang", "en"), {"LANG": "zh_CN.UTF-8"})):  # fmt: skip
        code, out, _ = run(*args, env=env)
        assert code == 0
        assert out.startswith("Usage: ") and "Show this message and exit." in out
        assert "用法" not in out


def test_chinese_help_imports_neither_pydantic_models_nor_rich() -> None:
    probe = (
        "import json, sys\nfrom plancheck.cli import app\n"
        "try:\n    app(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    done = subprocess.run([sys.executable, "-c", probe, "--help"], env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert "用法：" in done.stdout and "命令：" in done.stdout

    modules = json.loads(done.stdout.splitlines()[-1])
    heavy = [m for m in modules if m.startswith(("rich", "pydantic.main", "plancheck.plan.models"))]
    assert heavy == []


# --- errors and warnings --------------------------------------------------------------------


@pytest.fixture
def approximate(tmp_path: Path) -> Path:
    path = tmp_path / "2024.csv"
    path.write_text("indicator,value\n4,100\n5,约68\n", encoding="utf-8")
    return path


def test_an_error_while_reading_is_in_chinese_with_lang_zh(approximate: Path) -> None:
    code, _, err = run("evaluate", approximate, "--lang", "zh")
    assert code == 2
    assert err.startswith(f"{approximate}:3: value：“约68”不是数字（指标 5 ")
    code, _, err = run("evaluate", approximate, "--lang", "en")
    assert code == 2
    assert err.startswith(f"{approximate}:3: value: '约68' is not a number (indicator 5 ")


def test_lang_variable_gives_chinese_errors_and_lang_en_overrides_it(approximate: Path) -> None:
    code, _, err = run("evaluate", approximate, env={"LANG": "zh_CN.UTF-8"})
    assert code == 2 and "不是数字" in err
    code, _, err = run("evaluate", approximate, "--lang=en", env={"LANG": "zh_CN.UTF-8"})
    assert code == 2 and "is not a number" in err
    code, _, err = run("evaluate", approximate, env={"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN"})
    assert code == 2 and "不是数字" in err  # LC_ALL comes first, as in cli._lang


def test_errors_before_any_file_is_read_are_in_chinese(tmp_path: Path) -> None:
    code, _, err = run("evaluate", tmp_path / "none.csv", "--lang", "zh")
    assert (code, err.strip()) == (2, f"{tmp_path / 'none.csv'}: 文件不存在")
    code, _, err = run("evaluate", SAMPLES / "2023.csv", "--year", "1800", "--lang", "zh")
    assert (code, err.strip()) == (2, "--year 1800：不是有效年份（应在1900年至2100年之间）")
    code, _, err = run("evaluate", SAMPLES / "2023.csv", "--plan", tmp_path / "x", "--lang", "zh")
    assert (code, err.strip()) == (2, f"{tmp_path / 'x'}: 找不到规划")


def test_a_plan_files_problems_are_in_chinese(tmp_path: Path) -> None:
    """What pydantic finds in a plan (it speaks English only) is said in the run's language."""
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace("    binding: true", "    binding: maybe", 1)
    text = text.replace("    timing: annual", "    timing: yearly", 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("plan", "validate", tmp_path, "--lang", "zh")
    assert code == 2
    assert "binding：应为 true 或 false" in err and "timing：应为“annual”或“by_target_year”" in err
    code, _, err = run("plan", "validate", tmp_path, "--lang", "en")
    assert "binding: Input should be a valid boolean" in err  # English stays pydantic's own


@pytest.mark.parametrize(
    ("target_text", "zh", "en"),
    [
        ("优于全市平均值", "“优于”取决于哪个方向为好", "优于 (better than) depends on"),
        ("建立健全", "不是已知的表述形式", "no known phrase form"),
        ("95-90", "区间从 95 降到 90", "a range from 95 down to 90"),
    ],
)
def test_why_a_target_text_is_not_understood_is_in_the_runs_language(
    tmp_path: Path, target_text: str, zh: str, en: str
) -> None:
    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace('    target_text: "100"', f'    target_text: "{target_text}"', 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    code, _, err = run("plan", "validate", tmp_path, "--lang", "zh")
    assert code == 0 and f"target_text“{target_text}”无法理解（{zh}" in err, err
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", err.split("无法理解", 1)[1]), err
    code, _, err = run("plan", "validate", tmp_path, "--lang", "en")
    assert code == 0 and f"target_text '{target_text}' not understood: {en}" in err, err


def test_warnings_are_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "2023.csv"
    rows = (SAMPLES / "2023.csv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([rows[0] + ",数据来源", *(r + ",统计局" for r in rows[1:]),
                               "合计,,,,,"]) + "\n", encoding="utf-8")  # fmt: skip
    code, _, err = run("evaluate", path, "-f", "json", "--lang", "zh")
    assert code in (0, 1), err
    lines = err.splitlines()
    assert any(line.startswith("警告：") and "plancheck 不使用“数据来源”列，已跳过" in line
               for line in lines)  # fmt: skip
    assert any(
        line.startswith("警告：") and "“合计”行是表格自身的合计或说明，不是数据，已跳过" in line
        for line in lines
    )
    code, _, err = run("evaluate", path, "-f", "json", "--lang", "en")
    assert "warning: " in err and "column '数据来源' is not used by plancheck: skipped" in err


def test_several_errors_at_once_are_all_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "2024.csv"
    path.write_text("indicator,value\n4,约95\n5,约68\n不存在的指标,1\n", encoding="utf-8")
    code, _, err = run("evaluate", path, "--lang", "zh")
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 3
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4)]
    assert "未知指标“不存在的指标”" in lines[2]


def test_a_progress_report_error_is_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text('as_of: 2023-12-31\ntasks:\n  "999": done\n', encoding="utf-8")
    code, _, err = run("tasks", "check", path, "--lang", "zh")
    assert code == 2
    assert err.startswith(f"{path}:3:3: 未知任务“999”")


def test_the_language_of_a_run_ends_with_it(approximate: Path) -> None:
    run("evaluate", approximate, "--lang", "zh")
    assert i18n.current() == "en"  # a library call after a Chinese run still says English


@pytest.mark.parametrize(
    "args, env, lang",
    [
        (["evaluate", "x.csv"], {}, "en"),
        (["evaluate", "x.csv"], {"LANG": "zh_CN.UTF-8"}, "zh"),
        (["evaluate", "x.csv", "--lang", "zh"], {}, "zh"),
        (["evaluate", "x.csv", "--lang=zh", "--lang", "en"], {"LANG": "zh_TW"}, "en"),
        (["evaluate", "--", "--lang", "zh"], {}, "en"),
        (["evaluate", "--lang", "fr"], {"LANG": "zh_CN"}, "zh"),
    ],
)
def test_the_language_is_read_from_the_arguments_before_they_are_parsed(
    args: list[str], env: dict[str, str], lang: str
) -> None:
    assert i18n.from_arguments(args, env) == lang


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C"}, "zh"),
        ({"LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_the_locale_is_read_as_posix_reads_it_lc_all_then_lc_messages_then_lang(
    env: dict[str, str], lang: str
) -> None:
    assert i18n.from_environment(env) == lang


def test_lc_messages_gives_chinese_errors_and_help(approximate: Path) -> None:
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8"}
    code, _, err = run("evaluate", approximate, env=env)
    assert code == 2 and "不是数字" in err
    code, out, _ = run("evaluate", "--help", env=env)
    assert code == 0 and out.startswith("用法：")


def test_usage_errors_are_in_chinese(tmp_path: Path) -> None:
    code, _, err = run("tasks", "check", "--lang", "zh")
    assert code == 2
    assert err.strip() == "root tasks check: 缺少参数“进展报告”（参见 root tasks check --help）"
    code, _, err = run("evaluate", tmp_path / "x.csv", "--lang", "fr", env={"LANG": "zh_CN"})
    assert "“--lang”的值无效：“fr”不是“en”、“zh”之一（参见" in err
    code, _, err = run("evaluate", "--bogus", "--lang", "zh")
    assert "没有此选项：--bogus" in err
    code, _, err = run("tasks", "check", "--lang", "en")
    assert (
        err.strip()
        == "root tasks check: Missing argument 'progress'. (see 'root tasks check --help')"
    )


def test_a_usage_error_no_catalog_text_matches_stays_as_it_is() -> None:
    previous = i18n.set_lang("zh")
    try:
        assert i18n.usage("Something new happened.") == "Something new happened."
        assert i18n.usage("Missing argument 'FILE'.") == "缺少参数“FILE”"
    finally:
        i18n.set_lang(previous)


def test_chinese_help_fits_the_terminal_width_a_chinese_character_takes_two_columns() -> None:
    from plancheck.help_zh import width, wrap

    assert width("报送a") == 5
    assert wrap("年度，文件未注明时使用。", 10) == ["年度，文件", "未注明时使", "用。"]
    assert wrap("参见 plancheck tasks check。", 16) == ["参见 plancheck", "tasks check。"]
    commands = (["--help"], ["evaluate", "--help"], ["tasks", "check", "--help"],
                ["plan", "--help"], ["plan", "validate", "--help"])  # fmt: skip
    for args in commands:
        _, out, _ = run(*args, env={"LANG": "zh_CN.UTF-8"})
        too_wide = [line for line in out.splitlines() if width(line) > 80 and "<" not in line]
        assert out.startswith("用法：") and too_wide == [], args


def test_chinese_help_never_ends_a_line_with_an_opening_bracket_nor_starts_one_with_a_closing_one() -> (
    None
):
    from plancheck.help_zh import wrap

    assert wrap("文件的日期（YYYY-MM-DD）。", 12) == ["文件的日期", "（YYYY-MM-DD）。"]
    assert wrap("（（（（（（甲", 8) == ["（（（（", "（（甲"]  # nothing but openers: as it was
    commands = ["", "evaluate", "check", "diff", "template", "indicators", "tasks", "tasks check",
                "plan", "plan validate", "plan schema", "plan import", "init"]  # fmt: skip
    for command in commands:
        _, out, _ = run(*command.split(), "--help", "--lang", "zh")
        wrong = [line for line in out.splitlines()
                 if re.search(r"[（“「《]$", line) or re.match(r"\s+[）”」》，。、；：]", line)]  # fmt: skip
        assert out.startswith("用法：") and wrong == [], command


def said() -> list[tuple[str, str, set[str]]]:
    """Every ``say("key", name=…)`` in plancheck's code: (where, key, the names it passes)."""
    import ast

    found = []
    for path in sorted((Path(i18n.__file__).parent).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "say" and node.args and isinstance(node.args[0], ast.Constant):
                names = {k.arg for k in node.keywords if k.arg is not None}
                found.append((f"{path.name}:{node.lineno}", node.args[0].value, names))
    return found


def test_every_key_the_code_says_is_in_the_catalog_with_the_placeholders_it_fills() -> None:
    calls = said()
    assert len(calls) > 150
    wrong = [
        (where, key)
        for where, key, names in calls
        if key not in i18n.TEXTS["en"]
        or {p[0] for p in placeholders(i18n.TEXTS["en"][key])} != names
    ]
    assert wrong == []


def test_every_catalog_text_is_said_somewhere() -> None:
    """A key is said by name, or named in a table of keys (the kinds of file a workbook is…)."""
    import ast

    named = set()
    for path in (Path(i18n.__file__).parent).rglob("*.py"):
        if path.name != "i18n.py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            named |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    usage = {  # matched, not said
        key
        for key in i18n.TEXTS["en"]
        if key.startswith(("usage.", "yaml.problem.", "yaml.token.", "zipfile.", "xml.problem."))
    }
    assert sorted(set(i18n.TEXTS["en"]) - named - usage) == []


def test_a_usage_errors_quoted_choices_are_quoted_as_chinese_quotes_them() -> None:
    result = CliRunner().invoke(app, ["evaluate", "x.csv", "--only", "x", "--lang", "zh"])
    assert "“--only”的值无效：“x”不是“failing”、“binding”之一（参见" in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["evaluate"], "缺少参数“报送文件”（参见"),
        (["evaluate", "x.csv", "--year"], "选项“--year”需要一个值（参见"),
        (["evaluate", "x.csv", "--strict=yes"], "选项“--strict”不接受值（参见"),
        (["evaluate", "x.csv", "--year", "abc"], "“--year”/“-y”的值无效：不是整数（参见"),
        (["evaluate", "x.csv", "-f", "x"], "“--format”/“-f”的值无效：“x”不是“table”、"),
        (["evaluate", "x.csv", "--s"], "没有此选项：--s；可用的选项：--sheet、--tasks（参见"),
        (["evalute"], "没有此命令：“evalute”。是否应为“evaluate”？（参见"),
        (["init", "a", "b"], "多余的参数：b（参见"),
        (["evaluate", "x.csv", "--unit", "a", "--unit", "b"], "选项“--unit”给出了两次（“a”，"),
    ],
)
def test_a_chinese_usage_error_puts_no_space_beside_a_full_width_quote(
    args: list[str], said: str
) -> None:
    """Chinese sets no space between a word and a full-width quote, ends the sentence before
    its （参见 …） without a 。, lists with 、 and keeps one bracket pair beside another apart."""
    code, _, err = run(*args, "--lang", "zh")
    assert code == 2 and said in err, err
    message = err.partition(": ")[2]  # after the command's name
    assert re.search(r" [“”]|[“”] ", message) is None, err
    assert "。（" not in err and "）（" not in err and ", " not in err, err


# --- PyYAML's problems ----------------------------------------------------------------------

# A document for each PyYAML problem the catalog says in Chinese (yaml.problem.*).
YAML_PROBLEMS = {
    "tab": "a:\n\tb: 1\n",
    "cannot_start": "a: @x\n",
    "no_colon": "a: 1\nb\n",
    "mapping_values": "a: b: c\n",
    "sequence_entries": "a: - b\n",
    "mapping_keys": "a: ? b\n",
    "flow_sequence": "a: [1\nb: 2\n",
    "flow_mapping": "a: {b: 1 c: 2}\n",
    "block_end": "a:\n  b: 1\n c: 2\n",
    "node_content": "a: [- b]\n",
    "document_start": "%YAML 1.1\na: 1\n",
    "another_document": "a: 1\n---\nb: 2\n",
    "end_of_stream": 'a: "x\n',
    "document_separator": 'a: "x\n---\n"\n',
    "unknown_escape": 'a: "\\q"\n',
    "hex_escape": 'a: "\\x4"\n',
    "line_break": "a: |1 x\n  b\n",
    "undefined_alias": "a: *x\n",
    "special_character": "a: b\x07\n",
}


def yaml_error(text: str, lang: str) -> str:
    from plancheck.errors import UserError
    from plancheck.yamlfile import read_yaml

    previous = i18n.set_lang(lang)
    try:
        with pytest.raises(UserError) as caught:
            read_yaml(text, "f.yaml")
    finally:
        i18n.set_lang(previous)
    return str(caught.value)


def test_a_second_document_is_said_as_a_whole_sentence() -> None:
    """PyYAML's problem alone read "invalid YAML: but found another document"."""
    said = yaml_error(YAML_PROBLEMS["another_document"], "en")
    assert said == (
        "f.yaml:2:1: invalid YAML: expected a single document in the stream, "
        "but found another document"
    )


def test_every_pyyaml_problem_in_the_catalog_is_one_pyyaml_says() -> None:
    keys = {
        k.removeprefix("yaml.problem.") for k in i18n.TEXTS["en"] if k.startswith("yaml.problem.")
    }
    assert sorted(keys) == sorted(YAML_PROBLEMS)
    for key, text in YAML_PROBLEMS.items():
        english, chinese = yaml_error(text, "en"), yaml_error(text, "zh")
        pattern = re.escape(i18n.TEXTS["en"][f"yaml.problem.{key}"].replace("}}", "}"))
        assert re.search(re.sub(r"\\\{\w+\\\}", ".+", pattern), english), (key, english)
        said = chinese.split("YAML 格式有误：", 1)[-1]
        assert "YAML 格式有误：" in chinese and not re.search("[A-Za-z]{4,}", said), (
            key,
            chinese,
        )


def test_pyyamls_problems_are_said_in_chinese() -> None:
    """Issue: YAML 格式有误：expected ',' or ']', but got ':' and found character '\\t' that cannot
    start any token were left in English under --lang zh."""
    assert yaml_error("a: [1\nb: 2\n", "zh") == (
        "f.yaml:2:2: YAML 格式有误：应为“,”或“]”，但遇到“:”：方括号内的各项须以逗号分隔，并以“]”结束"
    )
    assert yaml_error("a:\n\tb: 1\n", "zh") == (
        "f.yaml:2:1: YAML 格式有误：制表符（\\t）不能用于缩进，也不能作为值的开头：请改用空格"
    )
    assert "但遇到“新的一层映射”" in yaml_error("a:\n  b: 1\n c: 2\n", "zh")  # a token's name
    assert yaml_error("a: [1\nb: 2\n", "en") == (
        "f.yaml:2:2: invalid YAML: expected ',' or ']', but got ':'"  # English: PyYAML's words
    )


def test_a_pyyaml_problem_the_catalog_does_not_know_stays_english() -> None:
    previous = i18n.set_lang("zh")
    try:
        assert i18n.yaml_problem("found something new") == "found something new"
        assert i18n.yaml_problem("expected ',' or ']', but got '<foo>'") == (
            "应为“,”或“]”，但遇到“<foo>”：方括号内的各项须以逗号分隔，并以“]”结束"
        )
    finally:
        i18n.set_lang(previous)


def test_a_character_yaml_refuses_is_located() -> None:
    assert yaml_error("a: 1\nb: x\x07\n", "en") == (
        "f.yaml:2:5: invalid YAML: unacceptable character #x0007: special characters are not allowed"
    )
    assert yaml_error("a: 1\r\nb: x\x07\n", "zh") == (
        "f.yaml:2:5: YAML 格式有误：不允许的字符 #x0007（控制字符）：请删除它"
    )


def test_a_plans_yaml_problem_is_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text("plan:\n\tid: x\n", encoding="utf-8")
    code, _, err = run("plan", "validate", tmp_path, "--lang", "zh")
    assert code == 2 and "制表符" in err and "cannot start" not in err


@pytest.mark.parametrize(
    "command",
    [c for c in sorted({path for path, _, _ in command_tree()}) if c],
)
def test_english_help_names_types_as_the_chinese_does_not_as_python(command: str) -> None:
    """Issue: the English help said FILE <list[Path]> and --year <list[int]>."""
    code, out, _ = run(*command.split(), "--help", env={"LANG": "C", "LC_ALL": ""})
    assert code == 0 and out.startswith("Usage: ")
    assert "list[" not in out


def test_english_help_says_several_values_with_an_ellipsis() -> None:
    python_named = {k for k in i18n.HELP_NAMES if k.startswith("<list[") or k == "<Path>"}
    assert python_named == set(i18n.HELP_TYPES_EN)
    _, out, _ = run("init", "--help", "--lang", "en")  # its folder's parser is plancheck's
    assert "  folder <path>  A new or empty folder" in out
    _, out, _ = run("evaluate", "--help", "--lang", "en")
    assert "  FILE <path>…  Submission files" in out
    _, out, _ = run("diff", "--help", "--lang", "en")
    assert "-y, --year <int>…" in out and "OLD [NEW] <path>…" in out


@pytest.mark.parametrize(
    "args, lines",
    [
        (["--help", "--lang", "en"],
         ["  evaluate    Judge a submission's figures against the plan\n",
          "  template    Print a blank submission to fill in and pass to evaluate\n",
          "  init        Start a plan from scratch\n",
          "  tasks       List the plan's tasks\n"]),
        (["plan", "--help", "--lang", "en"],
         ["  schema    Print the JSON Schema of indicators.yaml for editors\n"]),
        (["plan", "--help", "--lang", "zh"], ["  schema    输出 indicators.yaml 的 JSON Schema\n"]),
    ],
)  # fmt: skip
def test_a_commands_line_in_its_groups_list_is_its_helps_first_clause_never_cut_in_a_word(
    args: list[str], lines: list[str]
) -> None:
    """Audit: the English list cut each help after 45 characters ("…against the plan; exit 0...",
    "…tasks.yaml, a..."), the Chinese one "…（或 tasks.yaml）的 JSO…" in the middle of a word."""
    code, out, _ = run(*args, env={"LANG": "C", "LC_ALL": ""})
    assert code == 0
    assert [line for line in lines if line not in out] == []
    listed = out[out.index("Commands:" if "en" in args else "命令：") :]
    assert "..." not in listed and "…" not in listed


def test_inits_period_says_its_default_and_the_offices_default_is_the_plans_office() -> None:
    """Audit: init's --period said "when the text does not say" (init reads no text) and not its
    default; the Chinese --office said its default was 规划中的单位 (a unit, not the office)."""
    from plancheck.plan.importers.starter import DEFAULT_PERIOD

    period = "-".join(map(str, DEFAULT_PERIOD))
    for lang in ("en", "zh"):
        _, out, _ = run("init", "--help", "--lang", lang)
        said = "".join(out.split())
        assert f"(default{period})" in said or f"（默认{period}）" in said
        assert "doesnotsay" not in said and "未写明" not in said
    _, out, _ = run("plan", "import", "--help", "--lang", "en")
    assert "when the text does not say" in " ".join(out.split())  # import reads a text: kept
    _, out, _ = run("evaluate", "--help", "--lang", "zh")
    said = "".join(out.split())
    assert "规划中的单位" not in said and "发文单位（office）" in said


# --- spacing in Chinese ---------------------------------------------------------------------


def test_a_chinese_value_takes_no_space_the_template_keeps_for_a_number_or_latin_word() -> None:
    assert i18n.fill("zh", "（另见 {where}）", {"where": "第 2 行"}) == "（另见第 2 行）"
    assert i18n.fill("zh", "（另见 {where}）", {"where": "Sheet1!C2"}) == "（另见 Sheet1!C2）"
    assert i18n.fill("zh", "指标 {id} 有两列", {"id": "4"}) == "指标 4 有两列"
    assert i18n.fill("zh", "{a} {b} 年", {"a": "徐汇区", "b": "区"}) == "徐汇区 区年"
    assert i18n.fill("zh", "{name} 逐条", {"name": "表格"}) == "表格逐条"
    assert i18n.fill("zh", "共 {n:,} 项", {"n": 1000}) == "共 1,000 项"
    assert i18n.fill("zh", "{{x}} {n} 项", {"n": "五"}) == "{x} 五项"
    assert i18n.fill("en", "also at {where}", {"where": "第 2 行"}) == "also at 第 2 行"


def test_a_row_given_twice_is_said_with_no_stray_space_in_chinese(tmp_path: Path) -> None:
    first, second = tmp_path / "a-2023.csv", tmp_path / "b-2023.csv"
    first.write_text("indicator,value\n4,100\n5,1.2\n4,99\n", encoding="utf-8")
    code, _, err = run("evaluate", first, "--lang", "zh")
    assert code == 2 and err.endswith(":4: 指标 4 在徐汇区 2023年重复填报（另见第 2 行）\n"), err
    second.write_text("indicator,value\n4,98\n", encoding="utf-8")
    first.write_text("indicator,value\n4,100\n", encoding="utf-8")
    code, _, err = run("evaluate", first, second, "--lang", "zh")
    hint = "：两个文件都未写明单位，都按徐汇区读取：请在每个文件中加“单位”（unit）列"
    assert code == 2 and err.endswith(f"重复填报（另见 {first} 的第 2 行）{hint}\n"), err


@pytest.mark.parametrize("which", ["indicators", "tasks"])
def test_plan_schema_in_chinese_describes_every_model_and_field_in_chinese(which: str) -> None:
    import json

    def descriptions(data: object) -> list[str]:
        if isinstance(data, dict):
            return [
                *([data["description"]] if isinstance(data.get("description"), str) else []),
                *(d for value in data.values() for d in descriptions(value)),
            ]
        if isinstance(data, list):
            return [d for value in data for d in descriptions(value)]
        return []

    code, out, _ = run("plan", "schema", which, "--lang", "zh")
    chinese = descriptions(json.loads(out))
    code_en, out_en, _ = run("plan", "schema", which, "--lang", "en")
    english = descriptions(json.loads(out_en))
    assert code == code_en == 0 and len(chinese) == len(english) > 10
    assert [d for d in chinese if not re.search(f"[{_CJK}]", d) or d in english] == []


def test_a_rate_out_of_range_is_said_as_chinese_writes_a_rate(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    submission.write_text("indicator,value\n4,120\n", encoding="utf-8")
    code, _, err = run("evaluate", submission, "--lang", "zh")
    assert code == 2 and err.endswith(
        ":2: value：120%高于最大有效值 100（指标 4 重大行政决策合法性审查率）\n"
    )
    code, _, err = run("evaluate", submission, "--lang", "en")
    assert code == 2 and "120 % is above the highest valid value 100" in err


def test_a_plan_fields_choices_are_quoted_as_chinese_quotes_them(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    for name in ("indicators.yaml", "tasks.yaml"):
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        (plan / name).write_text(text.replace("timing: annual", "timing: yearly", 1), "utf-8")
    code, _, err = run("plan", "validate", plan, "--lang", "zh")
    assert code == 2 and "].timing：应为“annual”或“by_target_year”\n" in err, err


def test_a_reason_said_in_brackets_holds_no_brackets_of_its_own_in_chinese() -> None:
    """Chinese nests no bracket pair in another of its kind (（…（…）…）): a phrase's reason is
    said in brackets (无法理解（{reason}）), so it has none."""
    bracketed = {key: text for key, text in i18n.TEXTS["zh"].items()
                 if key.startswith("phrase.") and re.search("[（）]", text)}  # fmt: skip
    assert bracketed == {}


@pytest.mark.parametrize("source", ["changning.txt", "national/table.md"])
def test_plan_imports_findings_nest_no_brackets_in_chinese(source: str, tmp_path: Path) -> None:
    code, out, err = run("plan", "import", ROOT / "tests" / "fixtures" / "import" / source,
                         "-o", tmp_path / "plan", "--lang", "zh")  # fmt: skip
    assert code == 0, err
    written = "".join(path.read_text("utf-8") for path in sorted((tmp_path / "plan").iterdir()))
    for line in [*out.splitlines(), *written.splitlines()]:
        assert not re.search(r"（[^）]*（", line), line
    assert "无法理解" in out or "读作指标" in out


def test_chinese_help_says_a_default_or_required_before_the_full_stop_and_no_ascii_ellipsis() -> (
    None
):
    _, out, _ = run("plan", "schema", "--help", "--lang", "zh")
    assert "输出哪个文件的 Schema（默认：indicators）。" in out
    _, out, _ = run("evaluate", "--help", "--lang", "zh")
    assert "报送文件（CSV、YAML 或 xlsx）（必填）。" in out and "。（" not in out
    assert out.startswith("用法：root evaluate [选项] {报送文件}…")


@pytest.mark.parametrize("day", ["2023-13-01", "2023-02-30"])
def test_a_date_that_does_not_exist_is_said_in_chinese_not_in_pythons_words(
    day: str, tmp_path: Path
) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(f'as_of: {day}\ntasks:\n  "1": {{status: 推进中}}\n', encoding="utf-8")
    code, _, err = run("tasks", "check", progress, "--lang", "zh")
    assert code == 2 and err.endswith(f":1:8: 无效的值“{day}”：没有这一天（日期应为 YYYY-MM-DD）\n")
    code, _, err = run("tasks", "check", progress, "--lang", "en")
    assert code == 2 and err.endswith(
        f"invalid value '{day}': no such date (a date is YYYY-MM-DD)\n"
    )
