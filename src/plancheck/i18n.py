"""What plancheck says outside the reports — errors, warnings, help — in English and Chinese.

One catalog: ``TEXTS`` holds every error and warning sentence by key in both languages, ``HELP``
the Chinese help of every command and option (the English help is the one written in cli.py).
``say(key, **params)`` renders a sentence in the language of this run, set once per process by
the CLI (``--lang``, else the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` set, starting with
``zh``) before any file is read; code run outside the CLI (tests, other programs) says English.

The reports' own words are catalogs too (``messages.py``: reasons; ``report/labels.py``: labels);
``catalogs()`` lists them all, so one test checks that both languages have the same keys and the
same placeholders everywhere, and that Chinese text uses full-width punctuation.

This module imports nothing heavy: ``plancheck --help`` loads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

LANGS = ("en", "zh")

_current = "en"


def current() -> str:
    """The language of this run: "en" or "zh"."""
    return _current


def set_lang(lang: str) -> str:
    """Make ``lang`` the language of what follows; return the one it replaces."""
    global _current
    previous, _current = _current, (lang if lang in LANGS else "en")
    return previous


def from_environment(environ: Mapping[str, str]) -> str:
    """The language the locale asks for messages in, as POSIX reads it: ``LC_ALL``, else
    ``LC_MESSAGES``, else ``LANG`` (an empty one is unset); zh_* gives Chinese, anything else
    English."""
    env = environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or ""
    return "zh" if env.lower().startswith("zh") else "en"


def from_arguments(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language of a command line: its last ``--lang en|zh`` (``--lang=zh``), else the
    environment's. Read before the arguments are parsed, so that errors found while parsing or
    loading — and ``--help`` — are in that language too."""
    given = [value for value in langs_given(args) if value in LANGS]
    return given[-1] if given else from_environment(environ)


def langs_given(args: Sequence[str]) -> list[str]:
    """Each ``--lang VALUE`` (``--lang=VALUE``) of a command line before a ``--``: its value,
    in order, a language or not (the CLI refuses two different ones, as any option of one
    value)."""
    found: list[str] = []
    position = 0
    while position < len(args):
        token = str(args[position])
        position += 1
        if token == "--":
            break
        if token == "--lang" and position < len(args):
            value = str(args[position])
            position += 1
        elif token.startswith("--lang="):
            value = token.removeprefix("--lang=")
        else:
            continue
        found.append(value)
    return found


def without_lang(args: Sequence[str]) -> list[str]:
    """``args`` without their ``--lang en|zh`` (``--lang=zh``) before a ``--``: what
    ``from_arguments`` has read for the whole run."""
    kept: list[str] = []
    position = 0
    while position < len(args):
        token = str(args[position])
        if token == "--":
            return [*kept, *map(str, args[position:])]
        if token == "--lang" and position + 1 < len(args) and str(args[position + 1]) in LANGS:
            position += 2
            continue
        if token.startswith("--lang=") and token.removeprefix("--lang=") in LANGS:
            position += 1
            continue
        kept.append(token)
        position += 1
    return kept


def say(key: str, /, **params: object) -> str:
    """The sentence ``key`` in this run's language, with ``params`` filled in."""
    return fill(_current, TEXTS[_current][key], params)


def say_in(lang: str, key: str, /, **params: object) -> str:
    """The sentence ``key`` in ``lang``."""
    lang = lang if lang in LANGS else "en"
    return fill(lang, TEXTS[lang][key], params)


def year_span(first: int, last: int, lang: str | None = None) -> str:
    """A span of years: ``2021–2025``, in Chinese ``2021—2025`` (the dash 《2021—2025年》 writes,
    with 年 right after it); one year alone when they are the same. ``lang``: this run's."""
    if first == last:
        return str(first)
    return f"{first}{'—' if (lang or _current) == 'zh' else '–'}{last}"


def option_text(text: str) -> str:
    """An option's value as a message quotes it after the option's name: as typed, or ``''``
    when it is empty or blank (``--date '': not a date``, not ``--date : not a date``)."""
    return text if text.strip() else repr(text)


def year_runs(years: Iterable[int]) -> list[tuple[int, int]]:
    """Years in runs of adjacent ones, each its first and last: 2020, 2022, 2023 are
    (2020, 2020) and (2022, 2023)."""
    runs: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def year_text(year: object, lang: str | None = None) -> str:
    """A year, or a span of them (``year_span``), as a label writes it: ``2023年``,
    ``2021—2023年`` in Chinese; ``2023`` as it is in English. ``lang``: this run's."""
    return f"{year}年" if (lang or _current) == "zh" else str(year)


def date_text(day: date, lang: str | None = None) -> str:
    """A date as a reader of ``lang`` (this run's) writes it: 2023年6月30日 in Chinese, the ISO
    2023-06-30 in English."""
    if (lang or _current) == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


# --- the plural rule ------------------------------------------------------------------------
# A catalog writes a count with its plural noun ("{tasks} tasks"); English says the singular of
# a count of 1 ("1 task"), and of the verb right after it ("1 member is listed"). Chinese has no
# plural. Every catalog is filled through ``fill``, so the rule is here once, not per message.
_SINGULAR = {
    "cells": "cell",
    "days": "day",
    "errors": "error",
    "figures": "figure",
    "files": "file",
    "findings": "finding",
    "indicators": "indicator",
    "members": "member",
    "milestones": "milestone",
    "results": "result",
    "rows": "row",
    "tasks": "task",
    "units": "unit",
    "years": "year",
}
_AGREEING = {"are": "is", "were": "was", "do": "does", "have": "has", "need": "needs"}
_BETWEEN = ("binding", "other")  # words that may stand between a count and its noun
_TRAILING = ",.;:)）"  # what may follow a noun in its word: "tasks," "tasks)"


@lru_cache(maxsize=4096)
def _counts(template: str) -> tuple[tuple[str, int, int], ...]:
    """The counts of ``template``: (placeholder, index of its noun among the template's words
    split at spaces, index of the verb agreeing with it or -1). A plain scan of the words, no
    regex to compile: ``say`` runs on every start-up."""
    if "} " not in template:
        return ()
    words = template.split(" ")
    found = []
    for n, word in enumerate(words[:-1]):
        opening = word.rfind("{")
        if opening < 0 or not word.endswith("}"):
            continue
        name = word[opening + 1 : -1]
        if not name.isidentifier():
            continue
        noun = n + 1
        if words[noun] in _BETWEEN and noun + 1 < len(words):
            noun += 1
        bare = words[noun].rstrip(_TRAILING)
        if bare not in _SINGULAR:
            continue
        verb = noun + 1
        agrees = bare == words[noun] and verb < len(words) and words[verb] in _AGREEING
        found.append((name, noun, verb if agrees else -1))
    return tuple(found)


@lru_cache(maxsize=1024)
def _singular(template: str, ones: tuple[str, ...]) -> str:
    """``template`` with the nouns (and verbs) that the placeholders ``ones`` count singular."""
    words = template.split(" ")
    for name, noun, verb in _counts(template):
        if name in ones:
            bare = words[noun].rstrip(_TRAILING)
            words[noun] = _SINGULAR[bare] + words[noun][len(bare) :]
            if verb >= 0:
                words[verb] = _AGREEING[words[verb]]
    return " ".join(words)


def _is_one(value: object) -> bool:
    return (value == 1 and not isinstance(value, bool)) or (isinstance(value, str) and value == "1")


def fill(lang: str, template: str, params: Mapping[str, object]) -> str:
    """``template`` of ``lang`` with ``params`` filled in, a count of 1 said in the singular;
    in Chinese without the space the template keeps beside a placeholder for a number or a
    Latin word (``另见 {where}``) when the value put there is Chinese (``另见第 2 行``)."""
    if lang == "en":
        counts = _counts(template)
        if counts:
            ones = tuple(name for name, _, _ in counts if _is_one(params.get(name)))
            if ones:
                template = _singular(template, ones)
    elif " {" in template or "} " in template:
        return _spaced(template, params)
    return template.format(**params)


@lru_cache(maxsize=1)
def _wide() -> re.Pattern[str]:
    """Chinese characters and full-width punctuation (“” too): no space is set between two of
    them. Compiled when first needed: a class this wide costs every run's start-up ~9 M
    instructions at import (re builds its charmap in Python)."""
    return re.compile(
        r"[“”‘’\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20]"
    )


@lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[tuple[str, str], ...]:
    """``template`` as (literal text, the placeholder after it, ``""`` after the last)."""
    import string

    found = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        literal = literal.replace("{", "{{").replace("}", "}}")
        if name is None:
            found.append((literal, ""))
            continue
        field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        found.append((literal, "{" + field + "}"))
    return tuple(found)


def _spaced(template: str, params: Mapping[str, object]) -> str:
    """A Chinese ``template`` filled in, a space beside a placeholder dropped when the value
    and the template's character across the space are both Chinese (or full-width)."""
    out: list[str] = []
    chinese = _wide()
    after = False  # the last value ended with a Chinese character
    for literal, field in _pieces(template):
        text = literal.format()
        if after and text.startswith(" ") and chinese.match(text, 1):
            text = text[1:]
        value = field.format(**params) if field else ""
        wide = value and chinese.match(value) and len(text) > 1 and text.endswith(" ")
        if wide and chinese.match(text, len(text) - 2):
            text = text[:-1]
        out.append(text)
        out.append(value)
        after = bool(value) and chinese.match(value, len(value) - 1) is not None
    return "".join(out)


def catalogs() -> Iterator[tuple[str, Mapping[str, object], Mapping[str, object]]]:
    """Every catalog of plancheck as (name, English, Chinese): errors and warnings, the reasons
    (the engine's and every kind's), the report labels and the status and trend words."""
    from plancheck import kinds
    from plancheck.messages import CATALOG, TREND_WORDS
    from plancheck.plan.models import schema_texts
    from plancheck.report import labels
    from plancheck.tasks import reasons

    yield "i18n.TEXTS", TEXTS["en"], TEXTS["zh"]
    yield "messages.CATALOG", CATALOG["en"], CATALOG["zh"]
    judged = kinds.messages()
    yield "kinds' messages", judged["en"], judged["zh"]
    said = kinds.texts()
    yield "kinds' texts", said["en"], said["zh"]
    yield "tasks.reasons.CATALOG", reasons.CATALOG["en"], reasons.CATALOG["zh"]
    described = schema_texts()
    yield "the plan schema's descriptions", described["en"], described["zh"]

    yield (
        "messages.TREND_WORDS",
        {k: v.en for k, v in TREND_WORDS.items()},
        {k: v.zh for k, v in TREND_WORDS.items()},
    )
    for name in dir(labels):
        table = getattr(labels, name)
        if isinstance(table, dict) and set(table) == set(LANGS):
            yield f"labels.{name}", table["en"], table["zh"]


# --- help ---------------------------------------------------------------------------------------

# The Chinese help, by command ("evaluate", "tasks check"; "" is plancheck itself) and by command
# and option ("evaluate --year") or argument ("evaluate files": the parameter's name). An option
# shared by many commands may be given once without its command ("--plan"); a command's own entry
# wins. A new command or option needs an entry here (tests/test_i18n.py checks every one).
HELP: dict[str, str] = {
    "": "对照规划的各项指标检查当年实际数据。",
    "--version": "显示版本号。",
    "--help": "显示本帮助并退出。",
    "--plan": "规划文件夹（indicators.yaml、tasks.yaml）或指标文件。默认：内置的徐汇区规划。",
    "--output": "将报告写入该文件（原子写入）；- 表示标准输出。",
    "--lang": "报告、错误、警告和帮助的语言。默认：取自 LC_ALL、LC_MESSAGES 或 LANG（zh_* 为中文）。",
    "evaluate": "对照规划评估报送数据；退出码 0 合规，1 不合规，2 输入有误。",
    "evaluate files": "报送文件（CSV、YAML 或 xlsx）。",
    "evaluate --year": "年度，文件未注明时使用。",
    "evaluate --strict": "任何一项指标未达标即为不合规。",
    "evaluate --unit": "报告此单位；所有单位共同参与比较。",
    "evaluate --reference": "官方参照值（如全市平均值），CSV 或 YAML 文件。",
    "evaluate --tasks": "规划任务的进展报告（YAML、CSV 或 xlsx）：增加任务部分；参见 plancheck tasks check。",
    "evaluate --only": "只列出未达标的结果，或只列出约束性指标的结果（汇总和结论仍计入全部）。",
    "evaluate --details": "多个单位或年度时，表格格式列出全部结果，而非简要的状态矩阵和汇总。",
    "evaluate --office": "共享报告（docx、html、markdown）所署的发文单位。默认：规划文件写明的发文单位（office）；'' 表示不署。",
    "evaluate --date": "共享报告所署的日期（YYYY-MM-DD）。默认：最近评估年度的12月31日。",
    "indicators": "列出规划的指标及其目标。",
    "tasks": "列出规划的任务及其节点；tasks check 检查进展报告。",
    "tasks check": "检查规划任务的进展报告；退出码 0 合规，1 不合规，2 输入有误。",
    "tasks check progress": "任务进展报告（YAML、CSV 或 xlsx）。",
    "tasks check --as-of": "文件未注明 as_of 时，报告所指的日期（YYYY-MM-DD）。默认：报告年度的12月31日。",
    "tasks check --strict": "有任何逾期、不一致或未报送即为不合规（默认：仅约束性节点逾期）。",
    "template": "输出一份空白报送模板，填写后交给 evaluate：列出每项指标，数值留空。",
    "template --year": "数据所属年度（写入模板）。",
    "template --format": "csv、yaml 或 xlsx。默认：按 -o 的扩展名。",
    "template --units": "要列出的单位，以逗号或顿号分隔：徐汇区、长宁区。",
    "template --force": "-o 所指的文件已存在时替换它（它可能已填写）。",
    "diff": "比较两份报送数据，或同一文件的两个年度：逐项指标的数值与状态变化；有指标新近未达标时退出码为 1。",
    "diff files": (
        "较早和较晚的报送文件（2022.csv 2023.csv），或一个含两个年度的文件"
        "（districts.csv --year 2022 --year 2023）。"
    ),
    "diff --year": (
        "一个文件时：要比较的两个年度，较早的在前（默认：最近的两个年度）。两个文件时：文件未注明年度时，"
        "给出两者共同的年度（一次）或各自的年度（两次）。"
    ),
    "diff --unit": "比较此单位；所有单位共同参与比较。",
    "--sheet": "xlsx 文件读取的工作表（默认：当前活动工作表，或第一个可见工作表）。",
    "check": (
        "检查报送文件的格式是否正确；正确时退出码为 0（无论是否达标），否则为 2。"
        "evaluate 拒绝的一切（结构、数值、计量单位、年度、重复）在这里同样拒绝；不作评估。"
        "每个文件一行：其数据、单位和年度。"
    ),
    "check files": "报送文件（CSV、YAML 或 xlsx）。",
    "check --year": "年度，文件未注明时使用。",
    "check --unit": "报送数据必须包含的单位。",
    "check --reference": "官方参照值（如全市平均值），CSV 或 YAML 文件：同样检查。",
    "plan": "检查并说明规划文件。",
    "plan validate": (
        "检查规划的 YAML 文件，逐条输出问题，格式为 file:line:column: message。"
        "同时检查每个机器目标是否与其 target_text 一致；短语解析器不认识的目标文本作为提示"
        "输出到标准错误，不算错误。"
    ),
    "plan validate path": "规划文件夹或 indicators.yaml（默认：内置规划）。",
    "plan schema": "输出 indicators.yaml（或 tasks.yaml）的 JSON Schema，供编辑器使用。",
    "plan schema which": "输出哪个文件的 Schema。",
    "plan import": "根据规划文本起草规划的 YAML 文件；列出需要人工核对的内容。",
    "plan import source": "规划文本：.docx、.xlsx、.csv 或纯文本。",
    "plan import notes": "表下注释（注：①……）单独保存时的文本文件。",
    "plan import --output": "存放 indicators.yaml 和 tasks.yaml 的文件夹。",
    "plan import --force": "覆盖文件夹中已有的 indicators.yaml 和 tasks.yaml。",
    "--period": "规划的年份范围，如 2021-2025，文本中未写明时使用。",
    "init": "从零开始建立规划：indicators.yaml、tasks.yaml、一份示例报送文件和一个 CI 任务。",
    "init folder": "存放规划的新文件夹或空文件夹。",
    "init --period": "规划的年份范围（默认 2026-2030）；示例报送文件为其第二年的数据。",
    "init --install": (
        "CI 任务从何处安装 plancheck：固定的版本库引用（git+https://github.com/OWNER/plancheck@v0.1.0）"
        "或文件夹（./plancheck）。默认：该引用，OWNER 和 REF 待填写。"
    ),
    # --format: the registry's formats, each described (report/__init__.py)
    "format table": "终端显示（默认）",
    "format markdown": "可分享的 GitHub 风格 markdown",
    "format json": "供脚本和 CI 使用的稳定格式",
    "format junit": "供 CI 使用的 JUnit XML",
    "format github": "GitHub 注释",
    "format html": "可分享、可打印的单个文件",
    "format docx": "Word 文档（A4）",
    "format csv": "每条结果一行（Excel 可直接打开）",
    "format xlsx": "同上，Excel 工作簿",
    # what click and typer print around the help
    "Usage": "用法",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]…",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "default": "默认",
    "required": "必填",
}


# What the Chinese help calls each argument (in the usage line, its row and a usage error:
# "缺少参数 '进展报告'"), by command and argument as in HELP; and the types typer shows
# after an option or an argument (``--plan <path>``). Choices (``<en|zh>``) are what is typed.
HELP_NAMES: dict[str, str] = {
    "evaluate files": "报送文件",
    "check files": "报送文件",
    "diff files": "较早文件 [较晚文件]",
    "tasks check progress": "进展报告",
    "plan validate path": "规划",
    "plan schema which": "文件",
    "plan import source": "规划文本",
    "plan import notes": "表注文件",
    "init folder": "文件夹",
    "<path>": "<路径>",
    "<Path>": "<路径>",  # a path read by a parser of plancheck's own (init's folder)
    "<str>": "<文本>",
    "<int>": "<整数>",
    "<list[Path]>": "<路径>…",
    "<list[int]>": "<整数>…",
}


# The English help's names of the types typer shows as Python's (``<list[Path]>``): an argument or
# an option that takes several values, as HELP_NAMES says them in Chinese (``<路径>…``).
HELP_TYPES_EN: dict[str, str] = {
    "<list[Path]>": "<path>…",
    "<list[int]>": "<int>…",
    "<Path>": "<path>",  # a path read by a parser of plancheck's own (init's folder)
}


def help_text(command: str, param: str | None = None) -> str | None:
    """The Chinese help of ``command`` (its path without "plancheck"), or of one of its options
    (``--year``) or arguments (``files``); None when the catalog has none."""
    if param is None:
        return HELP.get(command)
    found = HELP.get(f"{command} {param}".strip())
    if found is None and param.startswith("--"):
        found = HELP.get(param)
    return found


# --- errors and warnings ------------------------------------------------------------------------

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # submission/values.py: why a cell is not a figure
        "value.not_number": "'{text}' is not a number",
        "value.comma_either_way": "'{text}' reads two ways in a file delimited by semicolons, whose decimal mark is the comma: {decimal}, or {thousands} with a thousands comma? Write {decimal} or {thousands}",
        "value.not_finite": "'{text}' is not a finite number",
        "value.wrong_sign": "'{text}' has '{sign}' but the indicator is measured in {unit}",
        "value.wrong_sign_no_unit": "'{text}' has '{sign}' but the indicator has no unit",
        "value.excel_error": "'{text}' is an Excel error, not a number: fix the formula",
        "value.formula": "'{text}' is a formula Excel never computed: open and save the workbook",
        "value.underflow": "'{text}' is too small to tell from 0: write the figure as it is meant",
        "value.rank_not_whole": "rank '{text}' is not a whole number",
        "value.rank_not_from_1": "rank '{text}' is not a whole number from 1",
        "value.not_year": "'{text}' is not a year",
        # submission/read.py
        "cell": "{label}: {message}",
        "read.sheet_without_workbook": "--sheet {sheet}: only Excel workbooks (.xlsx) have sheets",
        "read.given_twice": "given twice on the command line",
        "read.sheet_empty": "the sheet '{name}' is empty: expected a header row and one row per indicator",
        "read.no_figures": "no figures in the file: only a header, or nothing at all",
        "read.no_figures_yaml": "no figures in the file: its 'values' and 'records' are empty",
        "read.unused_column": "{where}: column '{name}' is not used by plancheck: skipped",
        "read.place_as_measure": "{name}: '{text}' names a district, but a column headed '{name}' is the unit of measure and is not read: head it 地区 or 单位名称 (else the row is judged as the plan's own unit's)",
        "read.did_you_mean": "; did you mean '{hint}'?",
        "read.two_indicators": "'{first}' and '{second}' name different indicators ({first_id} and {second_id})",
        "read.unit_blank": "empty, but line {line} names its unit ({unit}); give the unit on every row",
        "read.unit_unnamed": "no unit given, and the plan names none (`unit:`) for rows without one, but {file}:{line} names {unit}: give the unit in every file, or the plan its `unit:`",
        "read.indicator_empty": "empty; every row needs the indicator's number or name",
        "read.fractions": "{where}: every figure of an indicator in % is between 0 and 1 ({count} of them, the first of indicator {id}): typed as fractions? They are read as percentages (0.95 is 0.95 %): write 95 or 95% for 95 %",
        "read.total_row": "{where}: a '{text}' row is the table's own (a total or a note), not figures: skipped",
        "read.slow_yaml": "{file}: {records} figures read from YAML, slowly at this size (each value with its line and column); the same rows as a CSV file or a workbook are read several times faster",
        "read.unknown_indicator": "unknown indicator '{text}'{hint}",
        "read.digits_apart": "'{text}' has a space between its digits: is it indicator {joined}, or two numbers run together? Write the indicator's number without spaces",
        "read.year_disagrees": "{year} disagrees with --year {cli_year}",
        "read.year_not_name": "{file}: its name says {name_year}, --year says {cli_year}: its figures are judged as {cli_year}'s",
        "read.no_year": "cannot tell the year: add a 'year' column, pass --year, or name the file like 2023.csv",
        "read.figure_above_header": "'{text}' is above the header (row {line}), where only a title may be: delete the row, or move the figure below the header",
        "read.two_row_header": "a header over two rows ({upper} and {lower}) is read with the columns named in its lower row and at most one year above them: {reason}. Name the columns in one row (指标, 实际值, 备注), and give the year in a 年份 column, a sheet of its own or the file's name (2023.xlsx)",
        "read.header_years": "it gives figures of {years} side by side",
        "read.year_disagrees_header": "{year} disagrees with {header_year} in the header ({cell})",
        "read.date_not_year": "{date} is a date, not a year: a date in a year column is read as its year on 1 January only (or when every cell of the column is a date); type the year ({year}) instead",
        "read.more_errors": "more errors follow: the first {count} are listed",
        "read.given_twice_for": "indicator {id} is given twice for {unit} {year} (also at {where})",
        "read.twice_no_unit": ": neither file names its unit, so both are {unit}'s: add a 'unit' column (单位) to each",
        "read.of_file": "{where} of {file}",
        "read.line": "line {line}",
        "read.no_value": "no indicator has a value: nothing to judge (empty cells and N/A are no figure)",
        "read.no_value_skipped": "; columns not read: {names}",
        "read.no_unit_given": "no unit given, and the plan names none (`unit:`) for rows without one: add a unit column",
        "read.not_a_unit": "'{name}' is not one of the plan's units{hint} (a plan that admits other units says `other_units: true`)",
        "template.no_units": "--units: no unit named: give the units separated by commas (徐汇区,长宁区)",
        "template.unit_not_plain": "'{name}' holds a control character: a unit's name is plain text",
        "template.suffix_unknown": "a template is written as .csv, .yaml (.yml) or .xlsx, not '{suffix}': give -o one of these extensions, or leave -o out to print it",
        "template.suffix_disagrees": "-f {fmt} disagrees with the extension '{suffix}' (-f {implied}): give the file the format's extension, or leave -f out",
        "report.suffix_disagrees": "-f {fmt} disagrees with the extension '{suffix}', which is {implied}'s: give the file the format's extension, or leave -f out and the extension says it",
        "report.suffix_not_written": "the extension '{suffix}' says {implied}, which this command does not write (it writes {formats}): give -f, or another extension",
        "read.of_indicator": "{message} (indicator {id} {name})",
        "read.below": "{number}{unit} is below the lowest valid value {low}",
        "read.above": "{number}{unit} is above the highest valid value {high}",
        "read.header_not_recognised": "header not recognised: expected columns 'indicator' and 'value' (or one column per indicator), found '{found}'",
        "read.three_indicator_columns": "three 'indicator' columns in the header",
        "read.two_columns": "two '{field}' columns in the header",
        "read.two_keys": "two '{field}' keys ({first}, {second})",
        "read.three_indicator_keys": "three 'indicator' keys ({keys})",
        "read.indicator_two_columns": "indicator {id} has two columns",
        "read.no_value_column": "no 'value' column in the header",
        "read.no_indicator_column": "no 'indicator' column and no indicator columns",
        "read.wide_field": "a '{name}' column beside one column per indicator: which indicator's {field} is it? Give one row per indicator instead (columns indicator, value, reference, rank)",
        "read.mixed_delimiters": "mixed delimiters: this row is split by '{other}' but the header is not",
        "read.more_cells": "more cells than the header has columns ('{text}' in column {column}); quote values that contain the delimiter",
        "read.value_without_header": "a value in a column without a header",
        "read.no_reference_column": "no 'reference' column in the header (a reference file gives each year's official figure of an indicator)",
        "read.reference_units": "{file}: a reference applies to every unit: its unit column ({units}) is not read (a unit's own reference goes in the submission's 'reference' column)",
        "read.reference_values": "{file}: its value column is not read: a reference file's figures are in its 'reference' column",
        "read.reference_empty": "{file}: holds no reference figure: nothing of it is used",
        "read.reference_unused": "{file}: holds no reference figure for the submission's years ({years}), only for {held}: none of its figures is used",
        "read.reference_twice": "indicator {id}: the reference for {year} is given twice (also at line {line})",
        # textfile.py
        "file.not_found": "file not found",
        "file.cannot_read": "cannot read file: {reason}",
        "file.permission_denied": "permission denied",
        "os.enospc": "No space left on device",
        "os.erofs": "Read-only file system",
        "os.enoent": "No such file or directory",
        "os.eisdir": "Is a directory",
        "os.enotdir": "Not a directory",
        "os.epipe": "Broken pipe",
        "os.enametoolong": "File name too long",
        "os.eloop": "Too many levels of symbolic links",
        "os.ebusy": "Device or resource busy",
        "os.eio": "Input/output error",
        "os.eexist": "File exists",
        "os.efbig": "File too large",
        "os.edquot": "Disk quota exceeded",
        "os.enxio": "No such device or address",
        "os.etxtbsy": "Text file busy",
        "file.is_directory": "is a directory, not a file",
        "file.not_regular": "not a regular file (a pipe, socket or device)",
        "file.too_large": "file too large ({size} bytes; the limit is {limit})",
        "file.not_text": "this is not a text file but {what}",
        "file.zip": "an Excel workbook or another zip file: give it the .xlsx extension, or save it as 'CSV UTF-8' from Excel",
        "file.xls": "an old Excel .xls (or Word .doc) file: save it as .xlsx or 'CSV UTF-8'",
        "file.pdf": "a PDF document: plancheck reads CSV, YAML or .xlsx submissions",
        "file.docx": "a Word document: plancheck reads CSV, YAML or .xlsx submissions (plancheck plan import drafts a plan from a Word document)",
        "file.undecodable": "cannot decode the file as UTF-8, UTF-16 or GB18030 (byte {byte}); save it as UTF-8 or 'CSV UTF-8' from Excel",
        "file.undecodable_yaml": "cannot decode the file as UTF-8, UTF-16 or GB18030 (byte {byte}); save it as UTF-8 (your editor's Save As, encoding UTF-8)",
        "file.other_encoding": "the file is not UTF-8, UTF-16 or GB18030 (GBK): read as GB18030 this line is garbled (Big5 or Shift-JIS?); save it as UTF-8 or 'CSV UTF-8' from Excel",
        "file.other_encoding_yaml": "the file is not UTF-8, UTF-16 or GB18030 (GBK): read as GB18030 this line is garbled (Big5 or Shift-JIS?); save it as UTF-8 (your editor's Save As, encoding UTF-8)",
        "file.truncated": "the file ends in the middle of a character: it was cut short (truncated?)",
        "file.mixed_encodings": "mixed encodings: earlier lines are UTF-8 but this line is not; save the whole file in one encoding",
        "file.mixed_encodings_gb": "mixed encodings: earlier lines are GB18030 (GBK) but this line is UTF-8; save the whole file in one encoding",
        "file.contains": "the file contains {what}",
        "file.nul": "a NUL byte (binary data?)",
        "file.bom_inside": "a byte-order mark in the middle of the file (were two files joined?)",
        # output.py
        "output.the_report": "the report",
        "output.the_file": "the file",
        "output.is_directory": "is a directory: give {what} a file name",
        "output.no_folder": "the output's folder does not exist",
        "output.cannot_write": "cannot write {what}: {reason}",
        "output.over_input": "refusing to write the report over an input file of this command{named}: give another file name",
        "output.named": " ({source})",
        "output.folder_name": "names a folder (it ends with '{end}'): give {what} a file name",
        "output.binary_terminal": "a binary file (a workbook or a document) is not for the terminal: give -o FILE",
        "output.read_only": "is read-only: not replacing it with {what}; make it writable or give another file name",
        "output.empty_name": "-o names no file (the name is empty): give {what} a file name",
        # submission/read_csv.py, read_xlsx.py, read_yaml.py
        "csv.empty": "the file is empty: expected a header row and one row per indicator",
        "csv.header_too_long": "the header row has {length} characters (at most {limit}): not the header of a submission",
        "csv.malformed": "malformed CSV: {reason}",
        "csv.end_in_quotes": "a quoted cell is never closed (unexpected end of data)",
        "csv.after_quote": "'{delimiter}' expected after the closing '\"' of a quoted cell",
        "csv.characters": "{limit:,} characters",
        "csv.cell_too_large": "the cell is larger than {size}: a cell holds at most {limit} characters",
        "xlsx.no_sheet": "no sheet '{sheet}' in the workbook (sheets: {listed})",
        "xlsx.no_sheets": "the workbook has no sheets",
        "xlsx.merged_figure": "merged over rows: a merged figure would count for every row it covers; unmerge the cells and give each row its own figure",
        "xlsx.no_visible_sheet": "the workbook has no visible sheet (hidden: {hidden})",
        "xlsx.sheets_differ": "its sheets read as {names} and as {listed}, two different lists",
        "yaml.submission_mapping": "expected a mapping with 'values' or 'records'",
        "yaml.unknown_top_key": "unknown key '{key}' (expected one of: year, unit, values, records)",
        "yaml.values_or_records": "expected 'values' or 'records'",
        "yaml.single_value": "{label}: expected a single value, not {kind}",
        "yaml.a_list": "a list",
        "yaml.a_mapping": "a mapping",
        "yaml.values_mapping": "'values' must map indicators to figures",
        "yaml.unknown_entry_key": "unknown key '{key}' (expected value, reference, rank, note, or a CSV header's name for one: 数值, 参考值, 排名, 备注…)",
        "yaml.entry_list": "indicator '{key}': expected a figure or a mapping, not a list",
        "yaml.records_list": "'records' must be a list of mappings",
        "yaml.record_mapping": "each record must be a mapping (indicator, value, …)",
        "yaml.unknown_key": "unknown key '{key}'",
        "yaml.record_no_indicator": "record has no 'indicator'",
        "yaml.record_year_disagrees": "{year} disagrees with the file's 'year: {file_year}' (line {line}); give a record its own year only when it is the file's, or give the year on each record and none at the top",
        "yaml.record_unit_disagrees": "'{unit}' disagrees with the file's 'unit: {file_unit}' (line {line}); give a record its own unit only when it is the file's, or give the unit on each record and none at the top",
        # app.py, evaluate/engine.py
        "app.plan_more": "{message} (and {more} more: plancheck plan validate{where})",
        "app.not_a_year": "{option} {year}: not a year (1900–2100)",
        "app.warning": "warning: {warning}",
        # report/__init__.py: a format slow at this size, said once on stderr
        "report.slow": "note: -f {name} lays out each of the {results} results one by one, slowly "
        "at this size (about {each} each); {faster}",
        "report.each_millisecond": "a millisecond",
        "report.faster_shared": "-f markdown, html or json write them in seconds",
        "app.unit_not_submitted": "--unit {unit}: not a unit of the submission{hint} (units: {units})",
        "app.exists": "exists already, and may be filled in; give --force to replace it",
        "template.year_disagrees": "--year {year} disagrees with the year {named} in the file's name: give one of them, or the same year",
        "list": ", ",
        "quoted": "'{text}'",
        "engine.history_only": "nothing to judge: {years} is before the plan period {period}; submit it together with a later year to use it as a baseline",
        "engine.unit_missing": "--unit {unit}: not in the submission (units: {units})",
        # yamlfile.py
        "yaml.invalid": "invalid YAML: {problem}",
        "yaml.too_deep": "YAML nested too deeply (more than {depth} levels)",
        "yaml.key_too_long": "a key of {length:,} characters: YAML reads a key of at most {limit:,} (PyYAML's limit); shorten the key",
        "yaml.aliases": "YAML anchors and aliases (&, *) are not supported",
        "yaml.tag": "unsupported YAML tag {tag}",
        "yaml.key_not_plain": "a mapping key must be a plain value",
        "yaml.merge_keys": "YAML merge keys (<<) are not supported",
        "yaml.duplicate_key": "duplicate key '{key}'",
        "yaml.invalid_value": "invalid value: {problem}",
        "yaml.invalid_value_of": "invalid value '{value}': {problem}",
        "yaml.no_such_date": "no such date (a date is YYYY-MM-DD)",
        "yaml.takes_bool": "a !!bool is true, false, yes, no, on or off",
        "yaml.takes_timestamp": "a !!timestamp is a date such as 2023-12-31, or a date and time",
        "yaml.takes_null": "a !!null is empty, ~ or null",
        "yaml.takes_number": "a {tag} is a number",
        "yaml.surrogate": "'{escape}' is half of a UTF-16 pair, not a character: write the character itself",
        "yaml.not_finite": "'{value}' is not a finite number",
        # PyYAML's own problems (yaml/scanner.py, parser.py, composer.py, reader.py), in its words:
        # matched by yaml_problem, which says them in Chinese; one no text here matches stays
        # English. {token} is a token's name, itself matched against the yaml.token.* texts.
        "yaml.problem.tab": "found character '\\t' that cannot start any token",
        "yaml.problem.cannot_start": "found character {char} that cannot start any token",
        "yaml.problem.no_colon": "could not find expected ':'",
        "yaml.problem.mapping_values": "mapping values are not allowed here",
        "yaml.problem.sequence_entries": "sequence entries are not allowed here",
        "yaml.problem.mapping_keys": "mapping keys are not allowed here",
        "yaml.problem.flow_sequence": "expected ',' or ']', but got {token}",
        "yaml.problem.flow_mapping": "expected ',' or '}}', but got {token}",
        "yaml.problem.block_end": "expected <block end>, but found {token}",
        "yaml.problem.node_content": "expected the node content, but found {token}",
        "yaml.problem.document_start": "expected '<document start>', but found {token}",
        "yaml.problem.another_document": "expected a single document in the stream, but found another document",
        "yaml.problem.end_of_stream": "found unexpected end of stream",
        "yaml.problem.document_separator": "found unexpected document separator",
        "yaml.problem.unknown_escape": "found unknown escape character {char}",
        "yaml.problem.hex_escape": "expected escape sequence of {count} hexadecimal numbers, but found {char}",
        "yaml.problem.line_break": "expected a comment or a line break, but found {char}",
        "yaml.problem.undefined_alias": "found undefined alias {alias}",
        "yaml.problem.special_character": "unacceptable character {code}: special characters are not allowed",
        "yaml.token.block_end": "'<block end>'",
        "yaml.token.block_mapping": "'<block mapping start>'",
        "yaml.token.block_sequence": "'<block sequence start>'",
        "yaml.token.scalar": "'<scalar>'",
        "yaml.token.stream_end": "'<stream end>'",
        "yaml.token.document_start": "'<document start>'",
        "yaml.token.document_end": "'<document end>'",
        "yaml.token.directive": "'<directive>'",
        "yaml.token.alias": "'<alias>'",
        "yaml.token.anchor": "'<anchor>'",
        "yaml.token.tag": "'<tag>'",
        "yaml.token.key": "'?'",
        "yaml.token.entry": "'-'",
        "yaml.misread_number": "'{value}' is read by YAML as {number}: write the number in decimal (no leading 0, 0x or ':'), or quote it",
        # plan/load.py
        "plan.no_indicators_file": "no {file} in this plan folder",
        "plan.not_found": "plan not found",
        "plan.tasks_given": "give the plan's folder or its {indicators}, not {tasks}",
        "plan.not_yaml": "a plan is its folder or its indicators.yaml, not a {suffix} file (plancheck plan import drafts a plan from its document)",
        "plan.top_mapping": "expected a YAML mapping at the top of the file",
        "plan.unknown_key": "unknown key '{key}'",
        "plan.required": "{field}: required key missing",
        "plan.problem": "{field}: {message}",
        "plan.expected_mapping": "{field}: expected a mapping of keys to values",
        "plan.expected_list": "{field}: expected a list",
        "pydantic.int_parsing": "expected a whole number",
        "pydantic.float_parsing": "expected a number",
        "pydantic.bool_parsing": "expected true or false",
        "pydantic.string_type": "expected text",
        "pydantic.literal_error": "expected {expected}",
        "pydantic.greater_than": "must be greater than {bound}",
        "pydantic.greater_than_equal": "must be at least {bound}",
        "pydantic.less_than": "must be less than {bound}",
        "pydantic.less_than_equal": "must be at most {bound}",
        "pydantic.date_parsing": "expected a date, YYYY-MM-DD",
        "plan.unknown_kind": "{field}: unknown kind '{kind}': the kinds are {kinds}",
        "plan.no_kind": "{field}: no kind given: write kind: one of {kinds}",
        "plan.text_blank": "must not be empty or blank",
        "plan.no_indicators": "the plan lists no indicator: a submission would have nothing to be judged against",
        "plan.name_taken": "'{name}' already names indicator {first}",
        "plan.weights_zero": "every category's weight is 0: the index needs one above 0",
        "plan.category_weights_zero": "every indicator of category '{category}' has weight 0: give one a weight, or the category weight 0",
        "plan.period_order": "period starts after it ends",
        "plan.target_year_outside": "target_year lies outside the period",
        "plan.baseline_year": "baseline_year must come before the period",
        "plan.indicator_baseline_year": "the baseline's year {year} must come before the period (it starts in {start})",
        "plan.midterm_order": "midterm: on_track ({on_track}) is above ahead ({ahead}): 基本符合预期 could never be said",
        "plan.better_contradicts": "better: {better} contradicts the target '{target}', by which {direction} is better",
        "plan.unknown_category": "unknown category '{category}'",
        "plan.maximum_below": "maximum {maximum} is below minimum {minimum}",
        "plan.member_twice": "a member is listed twice",
        "plan.size": "size {size} but {count} members are listed",
        "plan.unknown_peers": "unknown peer group '{peers}'",
        "plan.task_unknown_indicator": "task {task} links unknown indicator '{indicator}'",
        "plan.duplicate_milestone": "duplicate milestone id '{id}'",
        "plan.milestone_unknown_indicator": "milestone links unknown indicator '{indicator}'",
        "plan.recurring_due": "a recurring milestone has no single due date",
        "plan.milestone_unchecked": "milestone {id} has no 'due' date, no 'recurring: annual' and no 'target': nothing could tell whether it is met",
        "plan.due_outside_period": "due {due} is outside the plan's period {period}",
        "plan.duplicate": "duplicate {field} '{value}' (first at line {line})",
        # tasks/read.py: progress reports on the plan's tasks
        "tasks.none_reported": "no task is reported in the file",
        "tasks.plan_has_no_tasks": "this plan folder has {indicators} but no {tasks}, so there are no tasks to check progress against: add a {tasks} beside {indicators} ('plancheck plan schema tasks' prints its fields, 'plancheck init NEW_FOLDER' writes an example)",
        "tasks.plan_lists_none": "the plan's {tasks} lists no tasks, so there are none to check progress against",
        "tasks.listing_no_file": "{where}: note: this plan folder has no {tasks}, so it has no tasks to list: add a {tasks} beside {indicators} ('plancheck plan schema tasks' prints its fields)",
        "tasks.listing_lists_none": "{where}: note: the plan's {tasks} lists no tasks, so there are none to list",
        "tasks.not_a_date": "'{text}' is not a date (write it as 2023-12-31)",
        "tasks.not_calendar_date": "'{text}' is not a date of the calendar",
        "tasks.as_of_option": "--as-of: {problem}",
        "tasks.as_of_disagrees": "as_of {stated} disagrees with --as-of {given}",
        "tasks.no_date": "cannot tell the date the report speaks for: add 'as_of: 2023-12-31' (or a 'year') to the file, pass --as-of, or name the file like progress-2023.yaml",
        "tasks.no_date_csv": "cannot tell the date the report speaks for: add an 'as_of' column with 2023-12-31 on a row (or a 'year' column) to the file, pass --as-of, or name the file like progress-2023.csv",
        "tasks.milestone_not_task": "'{key}' is a milestone of task {owner}, not a task",
        "tasks.unknown_task": "unknown task '{text}'{hint}",
        "tasks.list_hint": " ('plancheck tasks' lists the plan's tasks)",
        "tasks.did_you_mean_task": "; did you mean '{id}' ({title})?",
        "tasks.milestone_elsewhere": "milestone {key} belongs to task {owner}, not to task {task}",
        "tasks.unknown_milestone": "unknown milestone '{key}'{hint}",
        "tasks.no_milestones": "task {task} has no milestones in the plan (not '{key}')",
        "tasks.no_such_milestone": "task {task} has no milestone '{key}' (its milestones: {ids}){hint}",
        "tasks.did_you_mean_key": "did you mean '{hint}'? ",
        "tasks.unknown_field": "unknown key '{name}' ({hint}expected one of: {allowed})",
        "tasks.top_mapping": "expected a mapping with 'tasks' (and 'as_of' or 'year')",
        "tasks.no_tasks_key": "expected 'tasks': the reported tasks by their id",
        "tasks.tasks_mapping": "'tasks' maps task ids to their reports, e.g. \"19\": {{status: done}}",
        "tasks.task_twice": "task {task} is given twice (also at line {line})",
        "tasks.task_list": "task {task}: expected its status or a mapping, not a list",
        "tasks.milestones_mapping": "'milestones' maps milestone ids to their state, value or years",
        "tasks.milestone_twice": "milestone {id} is given twice (also at line {line})",
        "tasks.csv_empty": "the file is empty: expected a header row and one row per task",
        "tasks.header_not_recognised": "header not recognised: expected columns such as task, milestone, status, lead, state, value, years; found '{found}'",
        "tasks.unknown_column": "unknown column '{name}' ({hint}expected: {allowed})",
        "tasks.no_task_column": "no 'task' (任务编号) or 'milestone' column in the header",
        "tasks.no_task": "the row names no task: fill in 'task' (任务编号)",
        "tasks.none": "none",
        "tasks.about_milestone": "'{label}' is about a milestone: fill in 'milestone' on this row (task {task}'s milestones: {ids})",
        "tasks.disagrees": "{label} '{value}' disagrees with '{known}' at line {line}",
        "tasks.disagrees_task": "{label}: '{value}' disagrees with '{known}' given for task {task} at line {line}",
        "tasks.no_status": "task {task}: no status; give one of {statuses}",
        "tasks.unknown_status": "task {task}: unknown status '{status}' (expected one of {statuses}, or 未启动, 推进中, 已完成, 已终止)",
        "tasks.dropped_reason": "task {task} is dropped: say why in 'reason' (终止原因)",
        "tasks.hint_annual": "milestone {id} is due every year: report the 'years' it was done",
        "tasks.hint_quantitative": "milestone {id} has a target: report its 'value'; whether it is met follows from the target",
        "tasks.hint_dated": "milestone {id} has a deadline: report its 'state' (done or not_done)",
        "tasks.quoted_label": "'{label}': {message}",
        "tasks.shape_quantitative": 'milestone {id} has a target: give its value, a number (86 or "86%") or a mapping (value: 86), not {given}',
        "tasks.shape_dated": "milestone {id} has a deadline: give its state, done or not_done, or a mapping (state: done, date: 2023-06-30), not {given}",
        "tasks.shape_annual": "milestone {id} is due every year: give the years it was done, a list ([2021, 2023]) or a mapping (years: [2021, 2023]), not {given}",
        "tasks.shape_texts": 'give a list of texts (["区司法局", "区教育局"]) or one text, not {given}',
        "tasks.shape_text": "give a text, not {given}",
        "tasks.given_list": "a list",
        "tasks.given_mapping": "a mapping",
        "tasks.given_nested": "a list holding a list or a mapping",
        "tasks.given_number": "a number ({text})",
        "tasks.date_without_done": "'{label}' is when it was done: give state: done too",
        "tasks.done_after_as_of": "done on {date}, after the report's as_of {as_of}",
        "tasks.not_a_state": "'{text}' is not a state (expected done or not_done, 已完成 or 未完成)",
        "tasks.of_milestone": "{message} (milestone {id})",
        "tasks.out_of_range": "{number} {unit} is out of range for milestone {id}",
        "tasks.outside_period": "{year} is outside the plan period {period}",
        "tasks.year_twice": "{year} is given twice",
        "tasks.done_before_period": "done on {date}, before the plan period {period}",
        "tasks.year_disagrees": "year {year} disagrees with as_of {as_of}",
        "tasks.after_as_of": "{year} is after the report's as_of {as_of}",
        # plan/importers: plancheck plan import, plancheck init
        "import.unknown_suffix": "unknown kind of file '{suffix}': give a .docx, .xlsx, .csv or text file",
        "import.rows_unreadable": "an indicator table's header, one cell per line, but its rows cannot be read: give every cell a line of its own, with — in the empty ones (or copy the table's rows with their tabs)",
        "import.name_repeats": "indicator {id}: name '{name}' repeats indicator {first}",
        "import.no_table": "no indicator table found: looked for a header row with 指标 (指标名称) and a target column (指标目标, 目标值, 2025年), beside 类别, 序号, 属性, 单位 or 2020年",
        "import.no_period": "cannot tell the plan's period from its title or text: give --period, e.g. --period 2021-2025",
        "import.bad_period": "--period {text}: expected two years from 1900 to 2099, e.g. 2021-2025",
        "import.period_reversed": "--period {text}: the start year comes first: give {start}-{end}",
        "import.not_folder": "the output is not a folder",
        "import.empty_folder_name": "-o names no folder (the name is empty): give the folder for the plan's files, e.g. -o plan",
        "init.empty_folder_name": "the name is empty, which names no folder: give the folder for the new plan, e.g. plancheck init my-plan",
        "import.exists": "{name} exists already; give --force to overwrite it",
        "import.cannot_make_folder": "cannot make the folder: {reason}",
        "import.cannot_write": "cannot write the draft into this folder: {reason}",
        "init.cannot_read_folder": "cannot read the folder: {reason}",
        "import.header_indicators": (
            "# Draft plan imported by `plancheck plan import` from {source}.\n"
            "# `name` and `target_text` are the table's own words; `target` is what plancheck reads\n"
            "# them as. Lines marked TODO(plancheck import) need a person; lines marked `check:` rest\n"
            "# on a convention. name_en/title_en repeat the Chinese: translate them for English\n"
            "# reports. Then run `plancheck plan validate` on this folder."
        ),
        "import.header_tasks": (
            "# Tasks imported by `plancheck plan import` from {source}: the numbered items of\n"
            "# its task chapters; ids 1, 2… in the plan body, A1, A2… in its annex. Add milestones\n"
            "# (dates, quantities, yearly duties) and the indicators each task drives by hand."
        ),
        "import.no_title": "no title found in the document: write the plan's title",
        "import.no_date": "no date found in the document: write the date of this text (date: YYYY-MM-DD)",
        "import.unit_from_title": "unit '{unit}' read from the title: the default unit of a submission",
        "import.no_unit": "no district/unit found in the title: add `unit:` (a submission's default unit)",
        "import.period_from": "period {period} read from {source}",
        "import.period_title": "'{text}' in the title",
        "import.period_text": "'到{year}年' in the text, read as a five-year plan",
        "import.period_header": "the table's header '{header}', read as a five-year plan",
        "import.period_given": "--period {given} used; the document says {said}",
        "import.no_category": "no category in the table for indicators {ids}: they are under '{name}'",
        "import.peer_group": "peer group '{key}' ({scope}): add its `size` and `members`",
        "import.label": "indicator {id}",
        "import.about": "{label}: {message}",
        "import.no_number": "{label} ({where}): no number in the table; numbered {id}",
        "import.number_repeated": "{label} ({where}): number {number} is already the row's at {first}; numbered {id}: give it a number of its own",
        "import.no_attribute": "{label}: attribute '{attribute}' is neither 约束性 nor 预期性; binding set to false",
        "import.minimum": "a yearly rate of change can be negative",
        "import.unit_restored": "unit '{unit}' read as '{restored}' (characters lost in extraction)",
        "import.unit_none": "unit '{unit}' read as no unit; add one if the figure has one",
        "import.unit_cut": "unit '{unit}' looks cut short; write the full unit (e.g. 人/万人)",
        "import.better_lower": "'{text}' does not say which way is good, and the name reads as one where less is better (发案率, 败诉率…): `better: lower` written, so the lowest figure ranks first; delete it if more is better",
        "import.unit_both": "the name says ({named}), the unit column '{unit}': the unit column's is used",
        "import.average_too": "the {column} column also says '{text}': kept in notes, not judged",
        "import.column_unread": "the column '{column}' is not read, yet its cell '{text}' reads as a target: name the column as plancheck reads it (2025年, 年均/累计, 指标目标) or move the target there",
        "import.no_target": "the table gives no target: write one (until then the indicator is never judged)",
        "import.secondary": "'{clause}' read as a secondary goal: kept in notes, not judged",
        "import.total_column": "'{text}' under the header '{header}' read as {total}: a total over the period",
        "import.not_understood": "target_text '{text}' not understood: {reason}; write its target (until then it is never judged)",
        "import.mark_unexplained": "'{text}' carries the mark '{mark}', which no note under the table explains",
        "import.baseline_nan": "baseline '{text}' is not a number",
        "import.baseline_year": "baseline '{text}' read as the {year} figure ({note})",
        "import.baseline_mark": "baseline '{text}' carries the mark '{mark}', which no note under the table explains",
        "import.row_skipped": "{where}: a row without an indicator name was skipped",
        "import.paragraph": "paragraph {n}",
        "import.table_row": "table {table} row {row}",
        "import.row_no_attribute": "{where}: indicator {id} has no attribute (约束性/预期性)",
        "import.after_table": "text after the table's last row was ignored: {text}",
        "import.task_repeats": "{where}: task number {id} repeats; its id is '{renamed}'",
        "import.sheet_no_tasks": "a spreadsheet holds the indicator table only: add the plan's tasks by hand",
        "import.no_tasks": "no numbered tasks found (looked for '1.…' items under a heading like '三、主要任务'): add the plan's tasks by hand",
        "import.wrote": "wrote {indicators} ({indicators_count} indicators) and {tasks} ({tasks_count} tasks) from {source}",
        "import.note": "note: {note}",
        "import.findings": "to do {todo}, to check {check}:",
        "import.next": "next: plancheck plan validate {folder}",
        "app.folder_not_file": "a file name, but {command} writes a folder (indicators.yaml, tasks.yaml): give a folder, such as {suggest}/",
        "init.wrote": "wrote {path}",
        "init.head_indicators": '# A new plan made by `plancheck init` — replace the examples with your plan\'s own table.\n# Each indicator: `name` and `target_text` are the plan\'s words, verbatim; `target` is the machine\n# reading (`plancheck plan validate` checks that the two agree); `timing` says when it is judged:\n# annual (every year) or by_target_year (a level to reach by {end}; before then an unmet one is\n# "behind", not "fail"). See `plancheck plan schema` and the README\'s table of phrase forms.',
        "init.head_tasks": "# The plan's numbered tasks, with the checkable commitments (milestones) inside them:\n# a deadline (`due`), a yearly duty (`recurring: annual`) or a quantity (`target`).",
        "init.head_ci": "# GitHub Actions: validate the plan and evaluate a submission on every push.\n# Copy this file to .github/workflows/plancheck.yml in the repository that holds {folder}.\n# `plancheck evaluate` exits 1 when a binding indicator is not met: the job then fails.\n#\n# plancheck is not published on a package index (asking PyPI for the name would fail, or give\n# someone else's package): it is installed from its repository, pinned to a tag or a commit.",
        "init.placeholder_note": "# Replace OWNER with the account that holds plancheck's repository and REF with the tag or commit\n# you checked (a commit's 40 hex digits pins it for good), or run `plancheck init --install …`.\n# When plancheck's source is in this repository, install it from its folder: pip install ./plancheck",
        "init.given_note": "# Written by `plancheck init --install {given}`.",
        "init.next": "next: plancheck evaluate {file} --plan {folder}",
        "init.short_period": "--period {start}-{end}: a plan needs at least two years",
        "init.not_folder": "exists and is not a folder",
        "init.not_empty": "the folder is not empty: init writes a new plan into an empty or new folder",
        "init.nothing_kept": "{message}; nothing is kept, run init again when it can be written",
        # plan/consistency.py: plancheck plan validate's notes
        "check.label": "indicator {id}: target_text '{text}'",
        "check.not_understood": "{label} not understood: {reason}; its target is not checked",
        "check.note": "{where}: note: {message}",
        "check.warning": "{where}: warning: {message}",
        "check.baseline_far": "baseline_year {year} is not the year before the period, which starts in {start}: progress is measured from that year's figures (the year before is {expected}); valid all the same",
        "check.disagrees": "{label} {message}",
        "check.reads_as": "reads as {read} but target says {declared}",
        "check.with_note": "{both} {note}",
        # ooxml.py: workbooks and Word documents checked before they are read
        "ooxml.excel_workbook": "Excel workbook",
        "ooxml.workbook": "workbook",
        "ooxml.word_file": "Word .docx file",
        "ooxml.document": "document",
        "ooxml.a_submission": "a submission",
        "ooxml.a_plan_document": "a plan document",
        "ooxml.a_plan_table": "a plan's indicator table",
        "ooxml.unreadable": "not a readable {readable}: {reason}",
        "ooxml.empty": "the file is empty (0 bytes)",
        "ooxml.cut_short_file": "the file is cut short (its end is missing): copy or download it again",
        "ooxml.old_office": "it is an old Office file (.xls or .doc) named {suffix}: open it and save it as {suffix}",
        "ooxml.text": "it is a text file (a CSV?) named {suffix}: give it the extension of what it holds (.csv, .yaml, .txt)",
        # expat's problems with an OOXML part (ErrorString of its code): xml_problem says them
        "xml.problem.syntax": "syntax error",
        "xml.problem.no_element": "no element found",
        "xml.problem.not_well_formed": "not well-formed (invalid token)",
        "xml.problem.unclosed_token": "unclosed token",
        "xml.problem.partial_character": "partial character",
        "xml.problem.mismatched_tag": "mismatched tag",
        "xml.problem.duplicate_attribute": "duplicate attribute",
        "xml.problem.junk_after": "junk after document element",
        "xml.problem.undefined_entity": "undefined entity",
        "xml.problem.invalid_character": "reference to invalid character number",
        "xml.problem.declaration_not_at_start": "XML or text declaration not at start of entity",
        "xml.problem.unknown_encoding": "unknown encoding",
        "xml.problem.encoding_incorrect": "encoding specified in XML declaration is incorrect",
        "xml.problem.unclosed_cdata": "unclosed CDATA section",
        "xml.problem.unbound_prefix": "unbound prefix",
        "xml.problem.declaration_malformed": "XML declaration not well-formed",
        # zipfile's problems with a damaged package, matched by their English text
        "zipfile.not_zip": "File is not a zip file",
        "zipfile.truncated": "Truncated file header",
        "zipfile.bad_header": "Bad magic number for file header",
        "zipfile.bad_directory": "Bad magic number for central directory",
        "ooxml.refuse": "not {purpose}",
        "ooxml.cut_short": "the part '{part}' is cut short",
        "ooxml.damaged": "the part '{part}' is damaged ({reason})",
        "ooxml.checksum": "the part '{part}' is damaged (its checksum differs)",
        "ooxml.no_local_header": "the part '{part}' has no local header",
        "ooxml.size_lie": "the part '{part}' holds more than the {size} bytes it declares",
        "ooxml.too_big": "the {noun} is {size} bytes (at most {limit}): {refuse}",
        "ooxml.too_many_files": "the {noun} holds {count} files (at most {limit}): {refuse}",
        "ooxml.directory_too_big": "the {noun}'s list of files takes {size} bytes (at most {limit}): {refuse}",
        "ooxml.two_parts": "it holds two parts named '{name}'",
        "ooxml.unpacks_to": "the {noun} unpacks to {size} bytes (at most {limit}): {refuse}",
        "ooxml.encrypted": "the part '{part}' is encrypted",
        "ooxml.compression": "the part '{part}' uses compression method {method}",
        "ooxml.ratio": "the {noun}'s part '{part}' is compressed {ratio} to 1 (at most {limit} to 1): {refuse}",
        "ooxml.dtd": "the part '{part}' has a DTD, which Office files never have",
        "ooxml.where": "line {line}, column {column}",
        "ooxml.not_xml_at": "the part '{part}' is not XML ({reason}, {where})",
        "ooxml.not_xml": "the part '{part}' is not XML ({reason})",
        "ooxml.other_workbook": "its workbook is '{office}', not {part}",
        "ooxml.no_part": "it has no {part}",
        "ooxml.no_main_part": "it has no main document part",
        "ooxml.document_over": "the document has over {what}: not {purpose}",
        "ooxml.elements": "{count} XML elements",
        "ooxml.pieces": "{count} paragraphs, runs and table cells",
        "ooxml.table_cells": "{count} table cells",
        "ooxml.sheet_no_part": "the sheet '{name}' has no part in the {noun}",
        "ooxml.sheet_too_large": "the sheet '{name}' spans A1:{end} ({cells} cells; at most {limit}): not {purpose}",
        "ooxml.outside_grid": "the part '{part}' names a cell '{ref}' outside Excel's grid A1:XFD1048576",
        "ooxml.row_outside_grid": "the part '{part}' names a row '{ref}' outside Excel's grid A1:XFD1048576",
        # an option of one value given twice (cli.py)
        "cli.option_twice": "Option '{name}' is given twice ('{first}', then '{second}'): it takes one value; give it once",
        "cli.empty_path": "Option '{name}' names no file (the name is empty): give its path",
        "cli.empty_argument": "Argument {number} names no file (the name is empty): give its path",
        # click's and typer's usage errors (process.py), matched by their English text
        "usage.see_help": "{path}: {message} (see '{path} --help')",
        "usage.missing_argument": "Missing argument {name}.",
        "usage.missing_option": "Missing option {name}.",
        "usage.missing_command": "Missing command.",
        "usage.no_such_option": "No such option: {name}",
        "usage.no_such_option_possible": "No such option: {name} (Possible options: {options})",
        "usage.no_such_command": "No such command {name}.",
        "usage.no_such_command_suggest": "No such command {name}. Did you mean {suggestion}?",
        "usage.invalid_value": "Invalid value for {name}: {message}",
        "usage.value_error": "Value error, {message}",
        "usage.not_one_of": "{value} is not one of {choices}.",
        "usage.not_integer": "Input should be a valid integer, unable to parse string as an integer",
        "usage.extra_arguments": "Got unexpected extra argument ({arguments})",
        "usage.extra_arguments_many": "Got unexpected extra arguments ({arguments})",
        "usage.extra_arguments_any": "Got unexpected extra argument(s) ({arguments})",
        "usage.requires_argument": "Option {name} requires an argument.",
        "usage.takes_no_value": "Option {name} does not take a value.",
        # kinds: a figure a target cannot take, and plan validate's problems of a target
        "kind.rank_beyond": "rank {rank} is beyond the {size} units of the peer group",
        "kind.unknown_peers": "unknown peer group '{peers}'",
        "kind.rank_always_met": "rank {best} or better among a group of {size} is always met",
        "kind.unknown_reference": "unknown reference '{reference}'",
        "kind.floor_side": "floor {floor} must lie {side} the target {value} ({direction} is better): the floor scores 0 in the index",
        "kind.never_met": "the target {target} can never be met by a valid figure ({low}–{high}: set minimum/maximum if the figures may go beyond)",
        "kind.below": "below",
        "kind.above": "above",
        "kind.higher_better": "higher",
        "kind.lower_better": "lower",
        "kind.unknown_indicator": "unknown indicator '{indicator}'",
        "kind.compared_with_itself": "an indicator cannot be compared with itself",
        "kind.other_unit": "indicator {other} is measured in {other_unit}, this one in {unit}",
        "kind.tolerance": 'a tolerance goes with op "~" (in step) only',
        "kind.year_outside": "{year} lies outside the period {period}",
        "kind.goal_not_understood": "the {year} goal '{text}' is not understood: {reason}",
        "kind.goal_no_level": "the {year} goal '{text}' must say a level",
        "kind.goal_problem": "the {year} goal '{text}': {problem}",
        "kind.total_every_year": "timing: annual contradicts the target '{target}', a total over the period reached by the target year: write timing: by_target_year",
        "kind.factor_not_positive": "a change by a factor of {factor} is no change of a level: the factor must be above 0 (翻一番 is 2, 减半 0.5)",
        "kind.fall_beyond_all": "a change of {amount}% takes more than the whole level: a fall is at most 100%",
        # kinds/*.py, plan/phrases.py: why a target phrase is not understood
        "phrase.empty": "the target is empty",
        "phrase.too_large": "a number too large to hold (above 1.8e308)",
        "phrase.no_form": "no known phrase form (see the README's table of phrase forms)",
        "phrase.better_than": "优于 (better than) depends on which way is good: write 高于 or 低于",
        "phrase.yearly_rate": "an average yearly rate (年均…) in a form not read (年均增长7%以上 "
        "and 年均增长7% are): write it as {{kind: average_growth, op: …, value: …}}, an "
        "approximate one (…左右) with the floor you hold it to",
        "phrase.a_range": "a range in a form not read: write it as {{kind: range, low: …, high: …}}",
        "phrase.approximate": "an approximate level (左右, 约…) in a form not read: write it as {{kind: around, value: …, tolerance: …}}",
        "phrase.cumulative": "a cumulative total over the period (累计…) in a form not read: "
        "write it as {{kind: cumulative, amount: …, compound: …}}",
        "phrase.two_ops": "'{pre}' and '{post}' say different things ({first} and {second})",
        "phrase.other_unit": "the phrase says '{said}' but the indicator's unit is '{unit}'",
        "phrase.two_ways": "'{verb}' and '{post}' pull two ways",
        "phrase.full_coverage": "full coverage is 100%, {problem}",
        "phrase.no_comparison": "an average without a comparison word (低于, 高于, 不低于…)",
        "phrase.equal_average": "'equal to the average' is not a target plancheck judges",
        "phrase.no_scope": "an average without a scope (全市, 全区…)",
        "phrase.not_a_rank": "'{text}' is not a rank",
        "phrase.not_a_number": "'{text}' is not a number",
        "phrase.equal_number": "an average equal to a number is not a target to judge",
        # process.py: what stops a run
        "process.stopped": "stopped by {signal}",
        "process.cannot_write": "cannot write to {target}: {reason}",
        "process.standard_output": "standard output",
        "process.closed": "it is closed",
        "process.aborted": "aborted",
        "process.internal_error": "internal error: {kind}: {error} — please report it at {address} ({variable}=1 shows the traceback)",
        "import.doc": "an old Word .doc file: save it as .docx (Word: File → Save As)",
        # errors.py: a package plancheck installs with itself is missing
        "deps.missing": "{what} needs {package}, which plancheck installs with itself but this installation lacks: reinstall plancheck the way it was installed",
        "deps.reading_word": "reading Word documents",
        "deps.reading_excel": "reading Excel workbooks",
        "deps.writing_template": "writing an Excel template",
        "init.install_unsafe": "--install {given}: not a VCS reference or a folder",
        "init.install_name": "--install {given}: plancheck is not on PyPI; give a VCS reference ({placeholder}) or a folder (./plancheck)",
        # plancheck diff (app.py, evaluate/diff.py)
        "diff.files": "diff compares two files, or two years of one file (--year A --year B)",
        "diff.same_file": "is the earlier file again: diff compares two files, or two years of one file (--year A --year B)",
        "diff.years_at_most_twice": "--year is given at most twice: the earlier year, then the later one",
        "diff.year_twice": "--year {year} is given twice: give two different years",
        "diff.years_reversed": "--year {first} --year {second}: give the earlier year first (--year {second} --year {first})",
        "diff.one_year": "--year {year}: one file needs two years to compare (--year A --year B), or give a second file",
        "diff.held_one": "holds the year {held} only: one file needs two years of the plan period to compare (--year A --year B), or give a second file",
        "diff.held_many": "holds the years {held} only: one file needs two years of the plan period to compare (--year A --year B), or give a second file",
        "diff.year_not_held": "--year {year}: the file holds no figures for it (years: {held})",
        "diff.year_before": "--year {year}: before the plan period {period}, a baseline, not judged: compare two years of the period",
        "app.not_a_date": "--date {text}: not a date (YYYY-MM-DD)",
        "app.valid_plan": "{source}: valid plan, {indicators} indicators, {tasks} tasks",
        "app.bundled_plan": "bundled",
        "plan.id_empty": "an indicator's id is empty or blank: give its number in the plan ('1')",
        "plan.id_not_plain": "id '{id}' is not a plain token: use letters, digits and '.', '-' or '_' (no spaces, '/', '\\' or control characters)",
        "plan.id_folds_to": "id '{id}' reads as id '{other}' (line {line}) in a submission, which folds full-width forms and leading zeros: give each indicator its own number",
        "plan.name_is_id": "'{name}' is the id of indicator {other}: a submission's row '{name}' would go to one of the two",
        "value.too_many_digits": "'{text}' has more digits than a figure holds (15 significant digits): round it, or it would be judged as {number}",
        "yaml.too_many_digits": "'{value}' has more digits than a number holds (15 significant digits): it would be read as {number}",
        "tasks.suffix_sheet": "cannot read a '{suffix}' progress file: give a .yaml, .csv or .xlsx file",
        "tasks.no_suffix_sheet": "a progress file is read by its extension, and this one has none: name it .yaml, .csv or .xlsx",
        "tasks.sheet_empty": "sheet '{name}' is empty: no task is reported in it",
    },
    "zh": {
        # submission/values.py: why a cell is not a figure
        "value.not_number": "“{text}”不是数字",
        "value.comma_either_way": "“{text}”有两种读法：以分号分隔的文件以逗号为小数点，它是 {decimal}，还是带千位分隔符的 {thousands}？请写成 {decimal} 或 {thousands}",
        "value.not_finite": "“{text}”不是有限的数字",
        "value.wrong_sign": "“{text}”带有“{sign}”，但该指标的计量单位是“{unit}”",
        "value.wrong_sign_no_unit": "“{text}”带有“{sign}”，但该指标没有计量单位",
        "value.excel_error": "“{text}”是 Excel 错误值，不是数字：请修正公式",
        "value.formula": "“{text}”是 Excel 从未计算过的公式：请在 Excel 中打开并保存该工作簿",
        "value.underflow": "“{text}”小到无法与 0 区分：请按本意填写数值",
        "value.rank_not_whole": "排名“{text}”不是整数",
        "value.rank_not_from_1": "排名“{text}”不是从 1 起的整数",
        "value.not_year": "“{text}”不是年份",
        # submission/read.py
        "cell": "{label}：{message}",
        "read.sheet_without_workbook": "--sheet {sheet}：只有 Excel 工作簿（.xlsx）才有工作表",
        "read.given_twice": "在命令行中给出了两次",
        "read.sheet_empty": "工作表“{name}”是空的：应有一行表头，每项指标一行",
        "read.no_figures": "文件中没有数据：只有表头，或什么都没有",
        "read.no_figures_yaml": "文件中没有数据：“values”和“records”都是空的",
        "read.unused_column": "{where}: plancheck 不使用“{name}”列，已跳过",
        "read.place_as_measure": "{name}：“{text}”是地区名称，但列名为“{name}”的列被视为计量单位、不予读取：请将列名改为“地区”或“单位名称”（否则该行会被当作本规划所属单位的数值）",
        "read.did_you_mean": "；是否应为“{hint}”？",
        "read.two_indicators": "“{first}”和“{second}”指向不同的指标（{first_id} 和 {second_id}）",
        "read.unit_blank": "为空，但第 {line} 行注明了单位（{unit}）；请在每一行填写单位",
        "read.unit_unnamed": "未填写单位，规划也未指定默认单位（`unit:`），但 {file}:{line} 注明了单位（{unit}）：请在每个文件中填写单位，或在规划中指定 `unit:`",
        "read.indicator_empty": "为空；每一行都需要填写指标序号或名称",
        "read.fractions": "{where}: 以 % 计的指标数值全部在 0 到 1 之间（共 {count} 个，第一个为指标 {id}）：是否按小数填写了百分比？这些数值按百分数读取（0.95 即 0.95%）：95% 请填写 95 或 95%",
        "read.total_row": "{where}: “{text}”行是表格自身的合计或说明，不是数据，已跳过",
        "read.slow_yaml": "{file}：从 YAML 读取了 {records} 个数值，这一规模下较慢（每个值都记下行号和列号）；同样的数据存为 CSV 文件或 Excel 工作簿，读取要快数倍",
        "read.unknown_indicator": "未知指标“{text}”{hint}",
        "read.digits_apart": "“{text}”的数字之间有空格：是指标 {joined}，还是两个数字连在了一起？请不带空格填写指标序号",
        "read.year_disagrees": "{year} 与 --year {cli_year} 不一致",
        "read.year_not_name": "{file}：文件名中的年份为{name_year}年，--year 为 {cli_year}：其数据按{cli_year}年评估",
        "read.no_year": "无法确定年度：请增加“year”（年份）列、使用 --year，或将文件命名为 2023.csv 这样的形式",
        "read.figure_above_header": "“{text}”位于表头（第 {line} 行）之上，而表头之上只能是标题：请删除此行，或将数值移到表头之下",
        "read.two_row_header": "两行表头（第 {upper} 行和第 {lower} 行）按下一行读取列名，上一行至多注明一个年份：{reason}。请将列名写在同一行（指标、实际值、备注），年份写在“年份”列、单独的工作表或文件名（2023.xlsx）中",
        "read.header_years": "表头并列了 {years}年的数值",
        "read.year_disagrees_header": "{year} 与表头（{cell}）中的 {header_year} 不一致",
        "read.date_not_year": "{date} 是日期而不是年份：年份列中的日期只有在1月1日（或整列都是日期）时才读作其年份；请直接填写年份（{year}）",
        "read.more_errors": "还有更多错误：只列出前 {count} 个",
        "read.given_twice_for": "指标 {id} 在{unit} {year}年重复填报（另见 {where}）",
        "read.twice_no_unit": "：两个文件都未写明单位，都按{unit}读取：请在每个文件中加“单位”（unit）列",
        "read.of_file": "{file} 的{where}",
        "read.line": "第 {line} 行",
        "read.no_value": "没有任何指标填报了数值：无可评估（空单元格和 N/A 都表示无数据）",
        "read.no_value_skipped": "；未读取的列：{names}",
        "read.no_unit_given": "未填写单位，规划也未指定默认单位（`unit:`）：请增加 unit（单位）列",
        "read.not_a_unit": "“{name}”不是规划所列的单位{hint}（允许其他单位的规划须写明 `other_units: true`）",
        "template.no_units": "--units：未给出单位：请以逗号或顿号分隔列出单位（徐汇区、长宁区）",
        "template.unit_not_plain": "“{name}”含有控制字符：单位名称须为纯文本",
        "template.suffix_unknown": "模板只能写成 .csv、.yaml（.yml）或 .xlsx 文件，不能写成“{suffix}”：请为 -o 使用其中一种扩展名，或省略 -o 直接输出",
        "template.suffix_disagrees": "-f {fmt} 与扩展名“{suffix}”（对应 -f {implied}）不符：请使用与格式相符的扩展名，或省略 -f",
        "report.suffix_disagrees": "-f {fmt} 与扩展名“{suffix}”（{implied} 的扩展名）不符：请使用该格式的扩展名，或省略 -f，由扩展名决定格式",
        "report.suffix_not_written": "扩展名“{suffix}”表示 {implied}，但此命令不输出该格式（可输出 {formats}）：请给出 -f，或换用其他扩展名",
        "read.of_indicator": "{message}（指标 {id} {name}）",
        "read.below": "{number}{unit}低于最小有效值 {low}",
        "read.above": "{number}{unit}高于最大有效值 {high}",
        "read.header_not_recognised": "无法识别表头：应有“indicator”（指标）和“value”（数值）列（或每项指标一列），实际为“{found}”",
        "read.three_indicator_columns": "表头中有三个“indicator”（指标）列",
        "read.two_columns": "表头中有两个“{field}”列",
        "read.two_keys": "有两个“{field}”键（{first}、{second}）",
        "read.three_indicator_keys": "有三个“indicator”（指标）键（{keys}）",
        "read.indicator_two_columns": "指标 {id} 有两列",
        "read.no_value_column": "表头中没有“value”（数值）列",
        "read.no_indicator_column": "既没有“indicator”（指标）列，也没有各项指标的列",
        "read.wide_field": "表格每项指标一列，旁边的“{name}”列不知是哪项指标的 {field}：请改为每项指标一行（indicator、value、reference、rank 各一列）",
        "read.mixed_delimiters": "分隔符不一致：此行以“{other}”分隔，但表头不是",
        "read.more_cells": "单元格多于表头的列数（第 {column} 列的“{text}”）；含分隔符的值请加引号",
        "read.value_without_header": "没有表头的列中有数值",
        "read.no_reference_column": "表头中没有“reference”（参照值）列（参照值文件给出各指标各年度的官方数值）",
        "read.reference_units": "{file}：参照值适用于所有单位，其单位列（{units}）不予读取（某一单位自己的参照值请填在报送文件的“reference”列）",
        "read.reference_values": "{file}：其 value（数值）列不予读取：参照值文件的数值填在“reference”（参照值）列",
        "read.reference_empty": "{file}：没有任何参照值，其内容均未使用",
        "read.reference_unused": "{file}：没有报送文件所属年度（{years}）的参照值，只有 {held}年的：其数值均未使用",
        "read.reference_twice": "指标 {id}：{year}年的参照值重复填报（另见第 {line} 行）",
        # textfile.py
        "file.not_found": "文件不存在",
        "file.cannot_read": "无法读取文件：{reason}",
        "file.permission_denied": "没有权限",
        "os.enospc": "磁盘空间不足",
        "os.erofs": "文件系统为只读",
        "os.enoent": "没有该文件或文件夹",
        "os.eisdir": "这是一个文件夹",
        "os.enotdir": "路径中有一项不是文件夹",
        "os.epipe": "管道已断开",
        "os.enametoolong": "文件名过长",
        "os.eloop": "符号链接层数过多",
        "os.ebusy": "设备或资源忙",
        "os.eio": "输入/输出错误",
        "os.eexist": "文件已存在",
        "os.efbig": "文件过大",
        "os.edquot": "超出磁盘配额",
        "os.enxio": "没有该设备或地址",
        "os.etxtbsy": "文件正被执行",
        "file.is_directory": "是文件夹，不是文件",
        "file.not_regular": "不是普通文件（而是管道、套接字或设备）",
        "file.too_large": "文件过大（{size} 字节；上限为 {limit}）",
        "file.not_text": "这不是文本文件，而是{what}",
        "file.zip": "Excel 工作簿或其他 zip 文件：请使用 .xlsx 扩展名，或在 Excel 中另存为“CSV UTF-8”",
        "file.xls": "旧版 Excel .xls（或 Word .doc）文件：请另存为 .xlsx 或“CSV UTF-8”",
        "file.pdf": "PDF 文档：plancheck 读取 CSV、YAML 或 .xlsx 报送文件",
        "file.docx": "Word 文档：plancheck 读取 CSV、YAML 或 .xlsx 报送文件（plancheck plan import 可根据 Word 文档起草规划）",
        "file.undecodable": "无法按 UTF-8、UTF-16 或 GB18030 解码该文件（第 {byte} 字节）；请保存为 UTF-8，或在 Excel 中另存为“CSV UTF-8”",
        "file.undecodable_yaml": "无法按 UTF-8、UTF-16 或 GB18030 解码该文件（第 {byte} 字节）；请在编辑器中将其另存为 UTF-8 编码",
        "file.other_encoding": "该文件不是 UTF-8、UTF-16 或 GB18030（GBK）编码：按 GB18030 读取，这一行是乱码（Big5 或 Shift-JIS？）；请保存为 UTF-8，或在 Excel 中另存为“CSV UTF-8”",
        "file.other_encoding_yaml": "该文件不是 UTF-8、UTF-16 或 GB18030（GBK）编码：按 GB18030 读取，这一行是乱码（Big5 或 Shift-JIS？）；请在编辑器中将其另存为 UTF-8 编码",
        "file.truncated": "文件在一个字符中间结束：文件不完整（被截断？）",
        "file.mixed_encodings": "编码不一致：前面的行是 UTF-8，而这一行不是；请将整个文件保存为同一种编码",
        "file.mixed_encodings_gb": "编码不一致：前面的行是 GB18030（GBK），而这一行是 UTF-8；请将整个文件保存为同一种编码",
        "file.contains": "文件中含有{what}",
        "file.nul": "NUL 字节（二进制数据？）",
        "file.bom_inside": "位于文件中间的字节顺序标记（BOM）（是否把两个文件拼接在了一起？）",
        # output.py
        "output.the_report": "报告",
        "output.the_file": "文件",
        "output.is_directory": "是文件夹：请为{what}指定文件名",
        "output.no_folder": "输出文件所在的文件夹不存在",
        "output.cannot_write": "无法写入{what}：{reason}",
        "output.over_input": "拒绝用报告覆盖本命令的输入文件{named}：请换一个文件名",
        "output.named": "（{source}）",
        "output.folder_name": "指向文件夹（以“{end}”结尾）：请为{what}指定文件名",
        "output.binary_terminal": "二进制文件（工作簿或文档）不能输出到终端：请用 -o 指定文件",
        "output.read_only": "是只读文件：不会用{what}替换它；请先使其可写，或换一个文件名",
        "output.empty_name": "-o 没有指定文件（文件名为空）：请为{what}指定文件名",
        # submission/read_csv.py, read_xlsx.py, read_yaml.py
        "csv.empty": "文件是空的：应有一行表头，每项指标一行",
        "csv.header_too_long": "表头行有 {length} 个字符（最多 {limit} 个）：不是报送文件的表头",
        "csv.malformed": "CSV 格式有误：{reason}",
        "csv.end_in_quotes": "带引号的单元格没有结束引号（文件意外结束）",
        "csv.after_quote": '带引号的单元格在结束引号“"”之后应为“{delimiter}”',
        "csv.characters": "{limit:,} 个字符",
        "csv.cell_too_large": "单元格超过 {size}：每个单元格最多 {limit} 个字符",
        "xlsx.no_sheet": "工作簿中没有工作表“{sheet}”（现有工作表：{listed}）",
        "xlsx.no_sheets": "工作簿中没有工作表",
        "xlsx.merged_figure": "跨行合并：合并的数值会计入其覆盖的每一行；请取消合并，为每一行填写各自的数值",
        "xlsx.no_visible_sheet": "工作簿中没有可见的工作表（隐藏的工作表：{hidden}）",
        "xlsx.sheets_differ": "其工作表读出为 {names} 和 {listed}，两份名单不一致",
        "yaml.submission_mapping": "应为含有“values”或“records”的映射",
        "yaml.unknown_top_key": "未知的键“{key}”（应为 year、unit、values、records 之一）",
        "yaml.values_or_records": "应有“values”或“records”",
        "yaml.single_value": "{label}：应为单个值，而不是{kind}",
        "yaml.a_list": "列表",
        "yaml.a_mapping": "映射",
        "yaml.values_mapping": "“values”必须是指标到数值的映射",
        "yaml.unknown_entry_key": "未知的键“{key}”（应为 value、reference、rank、note，或 CSV 表头中它们的名称：数值、参考值、排名、备注等）",
        "yaml.entry_list": "指标“{key}”：应为数值或映射，而不是列表",
        "yaml.records_list": "“records”必须是由映射组成的列表",
        "yaml.record_mapping": "每条记录都必须是映射（indicator、value……）",
        "yaml.unknown_key": "未知的键“{key}”",
        "yaml.record_no_indicator": "记录中没有“indicator”",
        "yaml.record_year_disagrees": "{year} 与文件顶部的“year: {file_year}”（第 {line} 行）不一致；记录自带的年份须与文件的年份相同，或者在每条记录中给出年份、不在顶部给出",
        "yaml.record_unit_disagrees": "“{unit}”与文件顶部的“unit: {file_unit}”（第 {line} 行）不一致；记录自带的单位须与文件的单位相同，或者在每条记录中给出单位、不在顶部给出",
        # app.py, evaluate/engine.py
        "app.plan_more": "{message}（另有 {more} 个问题：plancheck plan validate{where}）",
        "app.not_a_year": "{option} {year}：不是有效年份（应在1900年至2100年之间）",
        "app.warning": "警告：{warning}",
        # report/__init__.py: a format slow at this size, said once on stderr
        "report.slow": "提示：-f {name} 逐条排版全部 {results} 条结果，这一规模下较慢（每条约{each}）；"
        "{faster}",
        "report.each_millisecond": " 1 毫秒",
        "report.faster_shared": "-f markdown、html 或 json 几秒内即可写完",
        "app.unit_not_submitted": "--unit {unit}：报送数据中没有此单位{hint}（现有单位：{units}）",
        "app.exists": "文件已存在，且可能已填写；如要替换，请使用 --force",
        "template.year_disagrees": "--year {year} 与文件名中的年份 {named} 不一致：请只给出其一，或给出同一年份",
        "list": "、",
        "quoted": "“{text}”",
        "engine.history_only": "无可评估：{years}年早于规划期{period}年；请与之后的年度一并报送，作为基数使用",
        "engine.unit_missing": "--unit {unit}：不在报送数据中（现有单位：{units}）",
        # yamlfile.py
        "yaml.invalid": "YAML 格式有误：{problem}",
        "yaml.too_deep": "YAML 嵌套过深（超过 {depth} 层）",
        "yaml.key_too_long": "键长 {length:,} 个字符：YAML 的键最多 {limit:,} 个字符（PyYAML 的限制）；请缩短该键",
        "yaml.aliases": "不支持 YAML 锚点和别名（&、*）",
        "yaml.tag": "不支持的 YAML 标签 {tag}",
        "yaml.key_not_plain": "映射的键必须是普通值",
        "yaml.merge_keys": "不支持 YAML 合并键（<<）",
        "yaml.duplicate_key": "重复的键“{key}”",
        "yaml.invalid_value": "无效的值：{problem}",
        "yaml.invalid_value_of": "无效的值“{value}”：{problem}",
        "yaml.no_such_date": "没有这一天（日期应为 YYYY-MM-DD）",
        "yaml.takes_bool": "!!bool 只能是 true、false、yes、no、on 或 off",
        "yaml.takes_timestamp": "!!timestamp 应为日期（如 2023-12-31）或日期和时间",
        "yaml.takes_null": "!!null 只能为空、~ 或 null",
        "yaml.takes_number": "{tag} 应为数字",
        "yaml.surrogate": "“{escape}”是 UTF-16 代理对的一半，不是字符：请直接写出该字符",
        "yaml.not_finite": "“{value}”不是有限的数字",
        "yaml.problem.tab": "制表符（\\t）不能用于缩进，也不能作为值的开头：请改用空格",
        "yaml.problem.cannot_start": "字符 {char} 不能出现在值的开头：请给整个值加引号",
        "yaml.problem.no_colon": "找不到应有的冒号“:”：键与值之间须有半角冒号和空格",
        "yaml.problem.mapping_values": "此处不能出现映射的值：请检查缩进；值中若有半角冒号后跟空格，请给整个值加引号",
        "yaml.problem.sequence_entries": "此处不能出现列表项“-”：请检查缩进",
        "yaml.problem.mapping_keys": "此处不能出现映射的键“?”：请检查缩进",
        "yaml.problem.flow_sequence": "应为“,”或“]”，但遇到 {token}：方括号内的各项须以逗号分隔，并以“]”结束",
        "yaml.problem.flow_mapping": "应为“,”或“}}”，但遇到 {token}：花括号内的各项须以逗号分隔，并以“}}”结束",
        "yaml.problem.block_end": "此处应结束上一层，但遇到 {token}：请检查缩进是否对齐",
        "yaml.problem.node_content": "此处应有一个值，但遇到 {token}",
        "yaml.problem.document_start": "此处应为文档开头“---”，但遇到 {token}",
        "yaml.problem.another_document": "文件只能含一个文档，但遇到了另一个（“---”之后）",
        "yaml.problem.end_of_stream": "文件意外结束：有引号未闭合",
        "yaml.problem.document_separator": "引号内出现了文档分隔符（“---”或“...”）：引号未闭合",
        "yaml.problem.unknown_escape": "未知的转义字符 {char}：双引号内的反斜杠须写成两个，或改用单引号",
        "yaml.problem.hex_escape": "转义序列应为 {count} 位十六进制数字，但遇到 {char}",
        "yaml.problem.line_break": "此处应为注释或换行，但遇到 {char}",
        "yaml.problem.undefined_alias": "未定义的别名 {alias}",
        "yaml.problem.special_character": "不允许的字符 {code}（控制字符）：请删除它",
        "yaml.token.block_end": "“上一层的结束”",
        "yaml.token.block_mapping": "“新的一层映射”",
        "yaml.token.block_sequence": "“新的一层列表”",
        "yaml.token.scalar": "“一个值”",
        "yaml.token.stream_end": "“文件结尾”",
        "yaml.token.document_start": "“文档开头（---）”",
        "yaml.token.document_end": "“文档结尾（...）”",
        "yaml.token.directive": "“指令（%）”",
        "yaml.token.alias": "“别名（*）”",
        "yaml.token.anchor": "“锚点（&）”",
        "yaml.token.tag": "“标签（!）”",
        "yaml.token.key": "“一个键”",
        "yaml.token.entry": "“列表项（-）”",
        "yaml.misread_number": "YAML 会把“{value}”读作 {number}：请用十进制书写该数字（不带前导 0、0x 或“:”），或加引号",
        # plan/load.py
        "plan.no_indicators_file": "此规划文件夹中没有 {file}",
        "plan.not_found": "找不到规划",
        "plan.tasks_given": "请给出规划文件夹或其 {indicators}，而不是 {tasks}",
        "plan.not_yaml": "规划是其文件夹或其 indicators.yaml，而不是 {suffix} 文件（plancheck plan import 可根据规划文件起草规划）",
        "plan.top_mapping": "文件顶层应为 YAML 映射",
        "plan.unknown_key": "未知的键“{key}”",
        "plan.required": "{field}：缺少必需的键",
        "plan.problem": "{field}：{message}",
        "plan.expected_mapping": "{field}：应为键值映射",
        "plan.expected_list": "{field}：应为列表",
        "pydantic.int_parsing": "应为整数",
        "pydantic.float_parsing": "应为数字",
        "pydantic.bool_parsing": "应为 true 或 false",
        "pydantic.string_type": "应为文本",
        "pydantic.literal_error": "应为 {expected}",
        "pydantic.greater_than": "须大于 {bound}",
        "pydantic.greater_than_equal": "须不小于 {bound}",
        "pydantic.less_than": "须小于 {bound}",
        "pydantic.less_than_equal": "须不大于 {bound}",
        "pydantic.date_parsing": "应为日期（YYYY-MM-DD）",
        "plan.unknown_kind": "{field}：未知的目标类型（kind）“{kind}”：可用的类型为 {kinds}",
        "plan.no_kind": "{field}：缺少目标类型：请写 kind:，取值为 {kinds} 之一",
        "plan.text_blank": "不能为空，也不能只有空格",
        "plan.no_indicators": "规划未列出任何指标：报送的数据无从评判",
        "plan.name_taken": "“{name}”已是指标 {first} 的名称",
        "plan.weights_zero": "所有类别的权重都是 0：指数需要至少一个大于 0 的权重",
        "plan.category_weights_zero": "类别“{category}”的所有指标权重都是 0：请给其中一项指标设置权重，或将该类别的权重设为 0",
        "plan.period_order": "规划期的开始晚于结束",
        "plan.target_year_outside": "target_year 不在规划期内",
        "plan.baseline_year": "baseline_year 必须早于规划期",
        "plan.indicator_baseline_year": "基数年份 {year} 必须早于规划期（规划期始于 {start}年）",
        "plan.midterm_order": "midterm：on_track（{on_track}）高于 ahead（{ahead}），“基本符合预期”永远无法得出",
        "plan.better_contradicts": "better：{better} 与目标“{target}”相矛盾（{direction}）",
        "plan.unknown_category": "未知的类别“{category}”",
        "plan.maximum_below": "最大值 {maximum} 小于最小值 {minimum}",
        "plan.member_twice": "有成员重复列出",
        "plan.size": "规模为 {size}，但列出了 {count} 个成员",
        "plan.unknown_peers": "未知的比较组“{peers}”",
        "plan.task_unknown_indicator": "任务 {task} 关联了未知指标“{indicator}”",
        "plan.duplicate_milestone": "重复的节点编号“{id}”",
        "plan.milestone_unknown_indicator": "节点关联了未知指标“{indicator}”",
        "plan.recurring_due": "周期性节点没有单一的截止日期",
        "plan.milestone_unchecked": "节点 {id} 既没有截止日期（due），也不是每年任务（recurring: annual），也没有目标（target）：无法判断是否完成",
        "plan.due_outside_period": "截止日期 {due} 不在规划期{period}年内",
        "plan.duplicate": "重复的 {field}“{value}”（首次出现在第 {line} 行）",
        # tasks/read.py: progress reports on the plan's tasks
        "tasks.none_reported": "文件中没有报送任何任务",
        "tasks.plan_has_no_tasks": "此规划文件夹有 {indicators} 但没有 {tasks}，无法对照任务检查进展：请在 {indicators} 旁添加 {tasks}（plancheck plan schema tasks 可输出其字段，plancheck init 新文件夹 可生成示例）",
        "tasks.plan_lists_none": "规划的 {tasks} 中没有任何任务，无法对照任务检查进展",
        "tasks.listing_no_file": "{where}: 提示：此规划文件夹没有 {tasks}，因此没有任务可列出：请在 {indicators} 旁添加 {tasks}（plancheck plan schema tasks 可输出其字段）",
        "tasks.listing_lists_none": "{where}: 提示：规划的 {tasks} 中没有任何任务，因此没有任务可列出",
        "tasks.not_a_date": "“{text}”不是日期（请写成 2023-12-31）",
        "tasks.not_calendar_date": "“{text}”不是日历上存在的日期",
        "tasks.as_of_option": "--as-of：{problem}",
        "tasks.as_of_disagrees": "截至日期（as_of）{stated}与 --as-of {given} 不一致",
        "tasks.no_date": "无法确定报告所指的日期：请在文件中加上 as_of: 2023-12-31（或 year）、使用 --as-of，或将文件命名为 progress-2023.yaml 这样的形式",
        "tasks.no_date_csv": "无法确定报告所指的日期：请在文件中加上 as_of 列并在一行中填写 2023-12-31（或加上 year 列）、使用 --as-of，或将文件命名为 progress-2023.csv 这样的形式",
        "tasks.milestone_not_task": "“{key}”是任务 {owner} 的节点，不是任务",
        "tasks.unknown_task": "未知任务“{text}”{hint}",
        "tasks.list_hint": "（plancheck tasks 可列出规划的任务）",
        "tasks.did_you_mean_task": "；是否应为“{id}”（{title}）？",
        "tasks.milestone_elsewhere": "节点 {key} 属于任务 {owner}，而不是任务 {task}",
        "tasks.unknown_milestone": "未知节点“{key}”{hint}",
        "tasks.no_milestones": "规划中任务 {task} 没有节点（没有“{key}”）",
        "tasks.no_such_milestone": "任务 {task} 没有节点“{key}”（其节点为：{ids}）{hint}",
        "tasks.did_you_mean_key": "是否应为“{hint}”？",
        "tasks.unknown_field": "未知的键“{name}”（{hint}应为以下之一：{allowed}）",
        "tasks.top_mapping": "应为含有“tasks”（以及“as_of”或“year”）的映射",
        "tasks.no_tasks_key": "应有“tasks”：按编号列出报送的任务",
        "tasks.tasks_mapping": '“tasks”应为任务编号到其报告的映射，例如 "19": {{status: done}}',
        "tasks.task_twice": "任务 {task} 重复报送（另见第 {line} 行）",
        "tasks.task_list": "任务 {task}：应为其状态或映射，而不是列表",
        "tasks.milestones_mapping": "“milestones”应为节点编号到其状态、数值或年度的映射",
        "tasks.milestone_twice": "节点 {id} 重复报送（另见第 {line} 行）",
        "tasks.csv_empty": "文件是空的：应有一行表头，每项任务一行",
        "tasks.header_not_recognised": "无法识别表头：应有 task、milestone、status、lead、state、value、years 等列，实际为“{found}”",
        "tasks.unknown_column": "未知的列“{name}”（{hint}应为：{allowed}）",
        "tasks.no_task_column": "表头中没有“task”（任务编号）或“milestone”（节点）列",
        "tasks.no_task": "此行未指明任务：请填写“task”（任务编号）",
        "tasks.none": "无",
        "tasks.about_milestone": "“{label}”是关于节点的：请在此行填写“milestone”（任务 {task} 的节点：{ids}）",
        "tasks.disagrees": "{label}“{value}”与第 {line} 行的“{known}”不一致",
        "tasks.disagrees_task": "{label}：“{value}”与第 {line} 行为任务 {task} 填写的“{known}”不一致",
        "tasks.no_status": "任务 {task}：没有状态；请填写以下之一：{statuses}",
        "tasks.unknown_status": "任务 {task}：未知状态“{status}”（应为 {statuses} 之一，或未启动、推进中、已完成、已终止）",
        "tasks.dropped_reason": "任务 {task} 已终止：请在“reason”（终止原因）中说明原因",
        "tasks.hint_annual": "节点 {id} 每年都要完成：请报送完成的年度（years）",
        "tasks.hint_quantitative": "节点 {id} 有目标值：请报送其数值（value）；是否达标由目标判断",
        "tasks.hint_dated": "节点 {id} 有截止日期：请报送其状态（state：done 或 not_done）",
        "tasks.quoted_label": "“{label}”：{message}",
        "tasks.shape_quantitative": '节点 {id} 有目标值：请填写其数值（如 86 或 "86%"）或映射（value: 86），而不是{given}',
        "tasks.shape_dated": "节点 {id} 有截止日期：请填写其状态（done 或 not_done）或映射（state: done, date: 2023-06-30），而不是{given}",
        "tasks.shape_annual": "节点 {id} 每年都要完成：请填写完成的年度，即列表（[2021, 2023]）或映射（years: [2021, 2023]），而不是{given}",
        "tasks.shape_texts": '请填写文本列表（["区司法局", "区教育局"]）或一项文本，而不是{given}',
        "tasks.shape_text": "请填写文本，而不是{given}",
        "tasks.given_list": "列表",
        "tasks.given_mapping": "映射",
        "tasks.given_nested": "含有列表或映射的列表",
        "tasks.given_number": "数字（{text}）",
        "tasks.date_without_done": "“{label}”是完成日期：请同时填写 state: done",
        "tasks.done_after_as_of": "完成于{date}，晚于报告的截至日期（as_of）{as_of}",
        "tasks.not_a_state": "“{text}”不是状态（应为 done 或 not_done，已完成或未完成）",
        "tasks.of_milestone": "{message}（节点 {id}）",
        "tasks.out_of_range": "{number} {unit}超出节点 {id} 的有效范围",
        "tasks.outside_period": "{year}年不在规划期{period}年内",
        "tasks.year_twice": "{year}年重复填写",
        "tasks.done_before_period": "完成日期{date}早于规划期{period}年",
        "tasks.year_disagrees": "年份（year）{year}年与截至日期（as_of）{as_of}不一致",
        "tasks.after_as_of": "{year}年晚于报告的截至日期（as_of）{as_of}",
        # plan/importers: plancheck plan import, plancheck init
        "import.unknown_suffix": "未知的文件类型“{suffix}”：请给出 .docx、.xlsx、.csv 或文本文件",
        "import.rows_unreadable": "找到了指标表的表头（每个单元格一行），但读不出表格的各行：请让每个单元格各占一行，空单元格填“—”（或连同制表符复制表格的各行）",
        "import.name_repeats": "指标 {id}：名称“{name}”与指标 {first} 重复",
        "import.no_table": "没有找到指标表：查找的是含有“指标”（指标名称）和目标列（指标目标、目标值、2025年），并含有类别、序号、属性、单位或2020年的表头行",
        "import.no_period": "无法从标题或正文确定规划期：请使用 --period，例如 --period 2021-2025",
        "import.bad_period": "--period {text}：应为1900年至2099年之间的两个年份，例如 2021-2025",
        "import.period_reversed": "--period {text}：起始年份应在前：请写作 {start}-{end}",
        "import.not_folder": "输出位置不是文件夹",
        "import.empty_folder_name": "-o 没有给出文件夹（名称为空）：请给出存放规划文件的文件夹，例如 -o plan",
        "init.empty_folder_name": "名称为空，没有给出文件夹：请给出新规划的文件夹，例如 plancheck init my-plan",
        "import.exists": "{name} 已存在；如要覆盖，请使用 --force",
        "import.cannot_make_folder": "无法创建文件夹：{reason}",
        "import.cannot_write": "无法将草稿写入此文件夹：{reason}",
        "init.cannot_read_folder": "无法读取文件夹：{reason}",
        "import.header_indicators": (
            "# 由 `plancheck plan import` 从 {source} 导入的规划草稿。\n"
            "# `name` 和 `target_text` 是表格原文；`target` 是 plancheck 对它的理解。\n"
            "# 标有 `TODO(plancheck import)` 的行需要人工处理；标有 `check:` 的行依据惯例理解，\n"
            "# 请核对。name_en、title_en 暂与中文相同：如需英文报告，请翻译。\n"
            "# 然后对本文件夹运行 `plancheck plan validate`。"
        ),
        "import.header_tasks": (
            "# 由 `plancheck plan import` 从 {source} 导入的任务：各任务章节中编号的条目；\n"
            "# 规划正文中编号为 1、2…，附件中为 A1、A2…。请手工补充节点（日期、数量、\n"
            "# 年度要求）和每项任务推动的指标。"
        ),
        "import.no_title": "文件中没有找到标题：请写出规划名称",
        "import.no_date": "文件中没有找到日期：请写出本文本的日期（date: YYYY-MM-DD）",
        "import.unit_from_title": "单位“{unit}”取自标题：报送数据的默认单位",
        "import.no_unit": "标题中没有找到区县或单位：请添加 `unit:`（报送数据的默认单位）",
        "import.period_from": "规划期{period}年取自{source}",
        "import.period_title": "标题中的“{text}”",
        "import.period_text": "正文中的“到{year}年”，按五年规划理解",
        "import.period_header": "表头“{header}”，按五年规划理解",
        "import.period_given": "使用了 --period {given}；文件所写为 {said}",
        "import.no_category": "表中指标 {ids} 没有类别：归入“{name}”",
        "import.peer_group": "比较范围“{key}”（{scope}）：请添加其 `size` 和 `members`",
        "import.label": "指标 {id}",
        "import.about": "{label}：{message}",
        "import.no_number": "{label}（{where}）：表中没有序号；编为 {id}",
        "import.number_repeated": "{label}（{where}）：序号 {number} 与 {first} 一行的重复；编为 {id}：请另给序号",
        "import.no_attribute": "{label}：属性“{attribute}”既不是约束性也不是预期性；binding 设为 false",
        "import.minimum": "年度变化率可以为负",
        "import.unit_restored": "单位“{unit}”读作“{restored}”（提取时丢失了字符）",
        "import.unit_none": "单位“{unit}”读作无单位；如数值有单位，请补上",
        "import.unit_cut": "单位“{unit}”似乎不完整；请写出完整单位（如 人/万人）",
        "import.better_lower": "目标“{text}”未说明哪个方向为好，而指标名称读作越低越好（如发案率、败诉率）：已写入 `better: lower`，数值最低者排名第一；若越高越好，请删除该行",
        "import.unit_both": "名称中写的是（{named}），单位栏为“{unit}”：采用单位栏的单位",
        "import.average_too": "{column}栏还写有“{text}”：记入 notes，不作判断",
        "import.column_unread": "未读取“{column}”栏，但其单元格“{text}”可读作目标：请把该栏改为 plancheck 能读的栏名（2025年、年均/累计、指标目标），或把目标移到这些栏",
        "import.no_target": "表中没有目标：请写出目标（写出之前该指标不作判断）",
        "import.secondary": "“{clause}”读作次要目标：记入 notes，不作判断",
        "import.total_column": "表头“{header}”下的“{text}”读作{total}：规划期累计数",
        "import.not_understood": "target_text“{text}”无法理解（{reason}）：请写出其目标（写出之前不作判断）",
        "import.mark_unexplained": "“{text}”带有标记“{mark}”，但表下的注释没有解释它",
        "import.baseline_nan": "基期值“{text}”不是数字",
        "import.baseline_year": "基期值“{text}”读作 {year}年数据（{note}）",
        "import.baseline_mark": "基期值“{text}”带有标记“{mark}”，但表下的注释没有解释它",
        "import.row_skipped": "{where}: 没有指标名称的一行已跳过",
        "import.paragraph": "第 {n} 段",
        "import.table_row": "表 {table} 第 {row} 行",
        "import.row_no_attribute": "{where}: 指标 {id} 没有属性（约束性/预期性）",
        "import.after_table": "表格最后一行之后的文字已忽略：{text}",
        "import.task_repeats": "{where}: 任务编号 {id} 重复；其 id 改为“{renamed}”",
        "import.sheet_no_tasks": "电子表格只含指标表：请手工添加规划任务",
        "import.no_tasks": "没有找到编号的任务（查找的是“三、主要任务”之类标题下的“1.…”条目）：请手工添加规划任务",
        "import.wrote": "已从 {source} 写出 {indicators}（{indicators_count} 项指标）和 {tasks}（{tasks_count} 项任务）",
        "import.note": "提示：{note}",
        "import.findings": "待处理 {todo} 项，待核对 {check} 项：",
        "import.next": "下一步：plancheck plan validate {folder}",
        "app.folder_not_file": "这是文件名，但 {command} 写出的是一个文件夹（indicators.yaml、tasks.yaml）：请给出文件夹，例如 {suggest}/",
        "init.wrote": "已写出 {path}",
        "init.head_indicators": "# 由 `plancheck init` 生成的新规划——请把示例换成本规划自己的指标表。\n# 每项指标：`name` 和 `target_text` 照录规划原文；`target` 是机器读取的目标（`plancheck plan validate`\n# 检查两者是否一致）；`timing` 表示何时判断：annual（每年）或 by_target_year（{end}年前达到的水平；\n# 此前未达到的为“推进中”，不是“未达标”）。参见 `plancheck plan schema` 和 README 的目标表述表。",
        "init.head_tasks": "# 规划的编号任务，及其中可检查的节点（milestones）：\n# 截止日期（`due`）、每年任务（`recurring: annual`）或数量目标（`target`）。",
        "init.head_ci": "# GitHub Actions：每次推送时校验规划并评估一份报送数据。\n# 把本文件复制到存放 {folder} 的仓库的 .github/workflows/plancheck.yml。\n# 约束性指标未达标时 `plancheck evaluate` 退出码为 1，任务随之失败。\n#\n# plancheck 没有发布在软件包索引上（向 PyPI 索取该名称会失败，或得到别人的包）：\n# 从其代码仓库安装，并固定到某个标签或提交。",
        "init.placeholder_note": "# 把 OWNER 换成存放 plancheck 仓库的账号，把 REF 换成你核对过的标签或提交\n# （提交的 40 位十六进制哈希可永久固定），或运行 `plancheck init --install …`。\n# 如 plancheck 的源代码就在本仓库中，从其文件夹安装：pip install ./plancheck",
        "init.given_note": "# 由 `plancheck init --install {given}` 写入。",
        "init.next": "下一步：plancheck evaluate {file} --plan {folder}",
        "init.short_period": "--period {start}-{end}：规划至少需要两年",
        "init.not_folder": "已存在且不是文件夹",
        "init.not_empty": "文件夹不是空的：init 只在空文件夹或新文件夹中建立规划",
        "init.nothing_kept": "{message}；未保留任何文件，可写入时请重新运行 init",
        # plan/consistency.py: plancheck plan validate's notes
        "check.label": "指标 {id}：target_text“{text}”",
        "check.not_understood": "{label}无法理解（{reason}）；未检查其目标",
        "check.note": "{where}: 提示：{message}",
        "check.warning": "{where}: 警告：{message}",
        "check.baseline_far": "基期年份（baseline_year）{year}年不是规划期（始于{start}年）的前一年：进度按基期计算（前一年为{expected}年）；规划仍有效",
        "check.disagrees": "{label}{message}",
        "check.reads_as": "读作 {read}，但 target 为 {declared}",
        "check.with_note": "{both}；{note}",
        # ooxml.py: workbooks and Word documents checked before they are read
        "ooxml.excel_workbook": "Excel 工作簿",
        "ooxml.workbook": "工作簿",
        "ooxml.word_file": "Word .docx 文件",
        "ooxml.document": "文档",
        "ooxml.a_submission": "报送文件",
        "ooxml.a_plan_document": "规划文本",
        "ooxml.a_plan_table": "规划的指标表",
        "ooxml.unreadable": "不是可读取的{readable}：{reason}",
        "ooxml.empty": "文件为空（0 字节）",
        "ooxml.cut_short_file": "文件不完整（缺少结尾部分）：请重新复制或下载",
        "ooxml.old_office": "这是扩展名为 {suffix} 的旧版 Office 文件（.xls 或 .doc）：请打开后另存为 {suffix}",
        "ooxml.text": "这是扩展名为 {suffix} 的文本文件（CSV？）：请使用与内容相符的扩展名（.csv、.yaml、.txt）",
        "xml.problem.syntax": "语法错误",
        "xml.problem.no_element": "没有找到元素，文件可能不完整",
        "xml.problem.not_well_formed": "格式不正确（无效的记号）",
        "xml.problem.unclosed_token": "记号没有结束，文件可能不完整",
        "xml.problem.partial_character": "字符不完整",
        "xml.problem.mismatched_tag": "开始标签与结束标签不匹配",
        "xml.problem.duplicate_attribute": "属性重复",
        "xml.problem.junk_after": "文档元素之后还有多余内容",
        "xml.problem.undefined_entity": "未定义的实体",
        "xml.problem.invalid_character": "引用了无效的字符编号",
        "xml.problem.declaration_not_at_start": "XML 声明或文本声明不在开头",
        "xml.problem.unknown_encoding": "未知的编码",
        "xml.problem.encoding_incorrect": "XML 声明中的编码不正确",
        "xml.problem.unclosed_cdata": "CDATA 段没有结束",
        "xml.problem.unbound_prefix": "前缀未绑定命名空间",
        "xml.problem.declaration_malformed": "XML 声明格式不正确",
        "zipfile.not_zip": "不是 zip 文件（可能已截断或损坏）",
        "zipfile.truncated": "文件头不完整（文件已截断）",
        "zipfile.bad_header": "文件头标记错误（文件已损坏）",
        "zipfile.bad_directory": "中央目录标记错误（文件已损坏）",
        "ooxml.refuse": "不是{purpose}",
        "ooxml.cut_short": "部件“{part}”不完整",
        "ooxml.damaged": "部件“{part}”已损坏（{reason}）",
        "ooxml.checksum": "部件“{part}”已损坏（校验和不符）",
        "ooxml.no_local_header": "部件“{part}”没有本地文件头",
        "ooxml.size_lie": "部件“{part}”的内容超过其声明的 {size} 字节",
        "ooxml.too_big": "该{noun}有 {size} 字节（最多 {limit}）：{refuse}",
        "ooxml.too_many_files": "该{noun}包含 {count} 个文件（最多 {limit} 个）：{refuse}",
        "ooxml.directory_too_big": "该{noun}的文件列表占 {size} 字节（最多 {limit}）：{refuse}",
        "ooxml.two_parts": "其中有两个名为“{name}”的部件",
        "ooxml.unpacks_to": "该{noun}解压后有 {size} 字节（最多 {limit}）：{refuse}",
        "ooxml.encrypted": "部件“{part}”已加密",
        "ooxml.compression": "部件“{part}”使用了压缩方法 {method}",
        "ooxml.ratio": "该{noun}的部件“{part}”压缩比为 {ratio} 比 1（最多 {limit} 比 1）：{refuse}",
        "ooxml.dtd": "部件“{part}”含有 DTD，而 Office 文件从不含 DTD",
        "ooxml.where": "第 {line} 行第 {column} 列",
        "ooxml.not_xml_at": "部件“{part}”不是 XML（{reason}，{where}）",
        "ooxml.not_xml": "部件“{part}”不是 XML（{reason}）",
        "ooxml.other_workbook": "其工作簿是“{office}”，而不是 {part}",
        "ooxml.no_part": "其中没有 {part}",
        "ooxml.no_main_part": "其中没有文档主体部件",
        "ooxml.document_over": "该文档超过 {what}：不是{purpose}",
        "ooxml.elements": "{count} 个 XML 元素",
        "ooxml.pieces": "{count} 个段落、文本段和表格单元格",
        "ooxml.table_cells": "{count} 个表格单元格",
        "ooxml.sheet_no_part": "工作表“{name}”在该{noun}中没有对应的部件",
        "ooxml.sheet_too_large": "工作表“{name}”的范围为 A1:{end}（{cells} 个单元格；最多 {limit} 个）：不是{purpose}",
        "ooxml.outside_grid": "部件“{part}”指向 Excel 表格范围 A1:XFD1048576 之外的单元格“{ref}”",
        "ooxml.row_outside_grid": "部件“{part}”指向 Excel 表格范围 A1:XFD1048576 之外的行“{ref}”",
        # an option of one value given twice (cli.py)
        "cli.option_twice": "选项“{name}”给出了两次（“{first}”，然后是“{second}”）：它只取一个值，请只给出一次",
        "cli.empty_path": "选项“{name}”的路径为空，未指明文件：请给出其路径",
        "cli.empty_argument": "第{number}个参数的路径为空，未指明文件：请给出其路径",
        # click's and typer's usage errors (process.py), matched by their English text
        "usage.see_help": "{path}: {message}（参见 {path} --help）",
        "usage.missing_argument": "缺少参数{name}",
        "usage.missing_option": "缺少选项{name}",
        "usage.missing_command": "缺少命令",
        "usage.no_such_option": "没有此选项：{name}",
        "usage.no_such_option_possible": "没有此选项：{name}；可用的选项：{options}",
        "usage.no_such_command": "没有此命令：{name}",
        "usage.no_such_command_suggest": "没有此命令：{name}。是否应为{suggestion}？",
        "usage.invalid_value": "{name}的值无效：{message}",
        "usage.value_error": "{message}",
        "usage.not_one_of": "{value}不是{choices}之一",
        "usage.not_integer": "不是整数",
        "usage.extra_arguments": "多余的参数：{arguments}",
        "usage.extra_arguments_many": "多余的参数：{arguments}",
        "usage.extra_arguments_any": "多余的参数：{arguments}",
        "usage.requires_argument": "选项{name}需要一个值",
        "usage.takes_no_value": "选项{name}不接受值",
        # kinds: a figure a target cannot take, and plan validate's problems of a target
        "kind.rank_beyond": "排名 {rank} 超出了比较组的 {size} 个单位",
        "kind.unknown_peers": "未知的比较组“{peers}”",
        "kind.rank_always_met": "在 {size} 个单位的比较组中排名 {best} 或更好总能达到",
        "kind.unknown_reference": "未知的参照值“{reference}”",
        "kind.floor_side": "最低分值 {floor} 必须{side}目标 {value}（{direction}）：达到最低分值时指数计 0 分",
        "kind.never_met": "目标 {target} 在有效数值范围（{low}–{high}）内永远无法达到（如数值可超出该范围，请设置 minimum/maximum）",
        "kind.below": "低于",
        "kind.above": "高于",
        "kind.higher_better": "越高越好",
        "kind.lower_better": "越低越好",
        "kind.unknown_indicator": "未知的指标“{indicator}”",
        "kind.compared_with_itself": "指标不能与自身比较",
        "kind.other_unit": "指标 {other} 的计量单位是 {other_unit}，而本指标是 {unit}",
        "kind.tolerance": '容差只能与 op "~"（同步）一起使用',
        "kind.year_outside": "{year}年不在规划期{period}年内",
        "kind.goal_not_understood": "无法理解 {year}年的目标“{text}”（{reason}）",
        "kind.goal_no_level": "{year}年的目标“{text}”必须写明一个水平",
        "kind.goal_problem": "{year}年的目标“{text}”：{problem}",
        "kind.total_every_year": "timing: annual 与目标“{target}”矛盾：规划期累计数在目标年度达到，请写 timing: by_target_year",
        "kind.factor_not_positive": "变为基期的 {factor} 倍不是水平值的变化：倍数必须大于 0（翻一番为 2，减半为 0.5）",
        "kind.fall_beyond_all": "变化 {amount}% 超过了水平值的全部：降幅至多为 100%",
        # kinds/*.py, plan/phrases.py: why a target phrase is not understood
        "phrase.empty": "目标为空",
        "phrase.too_large": "数字过大，超过 1.8e308，无法表示",
        "phrase.no_form": "不是已知的表述形式，见 README 的表述形式表",
        "phrase.better_than": "“优于”取决于哪个方向为好：请写“高于”或“低于”",
        "phrase.yearly_rate": "“年均……”这种写法的年均增速无法识别，可识别的是“年均增长7%以上”“年均增长7%”："
        "请写作 {{kind: average_growth, op: …, value: …}}，约数如“……左右”请写所要求的下限",
        "phrase.a_range": "这种写法的区间无法识别：请写作 {{kind: range, low: …, high: …}}",
        "phrase.approximate": "这种写法的“左右”“约……”无法识别：请写作 {{kind: around, value: …, tolerance: …}}",
        "phrase.cumulative": "“累计……”这种写法的期内累计总量无法识别："
        "请写作 {{kind: cumulative, amount: …, compound: …}}",
        "phrase.two_ops": "“{pre}”是 {first}，“{post}”是 {second}，两者意思不同",
        "phrase.other_unit": "表述写的是“{said}”，但指标的计量单位是“{unit}”",
        "phrase.two_ways": "“{verb}”与“{post}”方向相反",
        "phrase.full_coverage": "全覆盖即 100%，{problem}",
        "phrase.no_comparison": "有平均值而没有低于、高于、不低于……这样的比较词",
        "phrase.equal_average": "“等于平均值”不是 plancheck 评判的目标",
        "phrase.no_scope": "平均值没有说明全市、全区……这样的范围",
        "phrase.not_a_rank": "“{text}”不是名次",
        "phrase.not_a_number": "“{text}”不是数字",
        "phrase.equal_number": "平均值等于某个数，不是可评判的目标",
        # process.py: what stops a run
        "process.stopped": "被 {signal} 信号终止",
        "process.cannot_write": "无法写入{target}：{reason}",
        "process.standard_output": "标准输出",
        "process.closed": "已关闭",
        "process.aborted": "已中止",
        "process.internal_error": "内部错误：{kind}：{error} —— 请报告至 {address}（设置 {variable}=1 可显示调用栈）",
        "import.doc": "旧版 Word .doc 文件：请另存为 .docx（Word：文件 → 另存为）",
        # errors.py: a package plancheck installs with itself is missing
        "deps.missing": "{what}需要 {package}，plancheck 安装时会一并安装它，但当前安装中缺少：请按原来的方式重新安装 plancheck",
        "deps.reading_word": "读取 Word 文档",
        "deps.reading_excel": "读取 Excel 工作簿",
        "deps.writing_template": "生成 Excel 模板",
        "init.install_unsafe": "--install {given}：既不是版本库引用，也不是文件夹",
        "init.install_name": "--install {given}：plancheck 不在 PyPI 上；请给出版本库引用（{placeholder}）或文件夹（./plancheck）",
        # plancheck diff (app.py, evaluate/diff.py)
        "diff.files": "diff 比较两个文件，或一个文件的两个年度（--year A --year B）",
        "diff.same_file": "与较早的文件是同一个文件：diff 比较两个文件，或一个文件的两个年度（--year A --year B）",
        "diff.years_at_most_twice": "--year 最多给出两次：先较早的年度，再较晚的年度",
        "diff.year_twice": "--year {year} 给出了两次：请给出两个不同的年度",
        "diff.years_reversed": "--year {first} --year {second}：请先给出较早的年份（--year {second} --year {first}）",
        "diff.one_year": "--year {year}：一个文件需要两个年度才能比较（--year A --year B），或再给出一个文件",
        "diff.held_one": "只有 {held}年的数据：一个文件需要规划期内的两个年度才能比较（--year A --year B），或再给出一个文件",
        "diff.held_many": "只有 {held}年的数据：一个文件需要规划期内的两个年度才能比较（--year A --year B），或再给出一个文件",
        "diff.year_not_held": "--year {year}：文件中没有该年度的数据（现有年度：{held}）",
        "diff.year_before": "--year {year}：早于规划期{period}年，是基数，不作评估：请比较规划期内的两个年度",
        "app.not_a_date": "--date {text}：不是日期（YYYY-MM-DD）",
        "app.valid_plan": "{source}: 规划有效，{indicators} 项指标，{tasks} 项任务",
        "app.bundled_plan": "内置规划",
        "plan.id_empty": "指标编号为空：请填写该指标在规划中的序号（如“1”）",
        "plan.id_not_plain": "编号“{id}”不是简单记号：只能使用字母、数字及“.”“-”“_”（不能含空格、“/”“\\”或控制字符）",
        "plan.id_folds_to": "编号“{id}”在报送文件中与编号“{other}”（第 {line} 行）无法区分（全角与半角、前导零视为相同）：请为每个指标设置不同的编号",
        "plan.name_is_id": "“{name}”是指标 {other} 的编号：报送文件中写“{name}”的行无法确定属于哪个指标",
        "value.too_many_digits": "“{text}”的有效数字超过 15 位，无法精确比较：请四舍五入，否则将按 {number} 判断",
        "yaml.too_many_digits": "“{value}”的有效数字超过 15 位，无法精确表示：将被读作 {number}",
        "tasks.suffix_sheet": "无法读取“{suffix}”类型的进展文件：请给出 .yaml、.csv 或 .xlsx 文件",
        "tasks.no_suffix_sheet": "进展文件按扩展名读取，此文件没有扩展名：请将其命名为 .yaml、.csv 或 .xlsx",
        "tasks.sheet_empty": "工作表“{name}”为空：其中没有报送任何任务",
    },
}


def usage(message: str) -> str:
    """A usage error of click or typer (English, from their code) in this run's language: found by
    matching the catalog's English ``usage.*`` texts; a message none matches stays as it is. In
    English, without the validator's own words ("Value error, ", "Input should be …")."""
    if _current == "en":
        english = TEXTS["en"]
        return message.replace(english["usage.value_error"].removesuffix("{message}"), "").replace(
            english["usage.not_integer"], "not a whole number"
        )
    return _matched(message, "usage.", lambda value: _options(_quoted(usage(value))))


def zip_problem(problem: str) -> str:
    """zipfile's problem with a damaged package (English, from its code) in this run's language,
    found by matching the catalog's English ``zipfile.*`` texts; else as zipfile says it."""
    return _matched(problem, "zipfile.", str)


def xml_problem(problem: str) -> str:
    """expat's problem with a part (English, ``ErrorString`` of its code) in this run's
    language, found by matching the catalog's English ``xml.problem.*`` texts; else as expat
    says it."""
    return _matched(problem, "xml.problem.", str)


def yaml_problem(problem: str) -> str:
    """PyYAML's problem with a document (English, from its code) in this run's language: found
    by matching the catalog's English ``yaml.problem.*`` texts, a token it names by the
    ``yaml.token.*`` ones; a problem none matches stays as PyYAML says it."""
    return _matched(
        problem, "yaml.problem.", lambda value: _quoted(_matched(value, "yaml.token.", str))
    )


def _matched(message: str, prefix: str, inner: Callable[[str], str]) -> str:
    """``message`` said by the first catalog text under ``prefix`` whose English it is, each
    placeholder's value passed through ``inner``; as it is in English, or when none matches."""
    if _current == "en":
        return message
    for key, pattern in _patterns(prefix):
        found = pattern.fullmatch(message)
        if found is not None:
            return say(key, **{name: inner(value) for name, value in found.groupdict().items()})
    return message


def _quoted(value: str) -> str:
    """click's 'x', 'a', 'b' and '-a' / '-b' (PyYAML's ':') as Chinese quotes them: “x”,
    “a”、“b” and “-a”/“-b” (no space beside a full-width quote)."""
    quoted = re.sub(r"'([^'\n]*)'", r"“\1”", value)
    return quoted.replace("”, “", "”、“").replace("” / “", "”/“")


def choices(text: str) -> str:
    """pydantic's 'a', 'b' or 'c' (a Literal's values) as Chinese lists them: “a”、“b”或“c”."""
    return _quoted(text).replace("” or “", "”或“")


def _options(value: str) -> str:
    """click's list of options, ``--unit, --unit-file``, as Chinese lists them: ``--unit、--unit-file``."""
    if re.fullmatch(r"--?[\w-]+(?:, --?[\w-]+)+", value):
        return value.replace(", ", "、")
    return value


_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
_NOT_MATCHED = {"usage.see_help"}  # said around a usage error, never matched


def _patterns(prefix: str) -> list[tuple[str, re.Pattern[str]]]:
    """The English texts under ``prefix`` as patterns, a placeholder matching any text: those
    without one first (an exact text), then the most specific (the longest) first."""
    if prefix not in _PATTERNS:
        found = []
        for key, text in TEXTS["en"].items():
            if key.startswith(prefix) and key not in _NOT_MATCHED:
                parts = re.split(r"\{(\w+)\}", text)
                pattern = "".join(
                    f"(?P<{part}>.+?)" if n % 2
                    else re.escape(part.replace("{{", "{").replace("}}", "}"))
                    for n, part in enumerate(parts)
                )  # fmt: skip
                found.append((key, re.compile(pattern, re.DOTALL)))
        found.sort(key=lambda each: (each[1].groups > 0, -len(each[1].pattern)))
        _PATTERNS[prefix] = found
    return _PATTERNS[prefix]
