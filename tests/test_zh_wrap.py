"""禁则 (kinsoku) in every terminal wrapper: no wrapped line of Chinese starts with a closing mark
(、，。；：！？）」』】》〉…％) or ends with an opening one (（「『【《〈“), nothing is lost or
reordered, no line is wider than its column (a Chinese character takes two cells), and English
wraps as it did.

The wrappers: the evaluation report's lean layout (``grid.wrap``: its paragraphs and its table
cells), the rich console of the other terminal reports (``report/richwrap.py``: plan listings,
task checks, the diff) and the Chinese help (``help_zh.wrap``). Each breaks its lines with
``linebreak.line_breaks``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.help_zh import wrap as help_wrap
from plancheck.report.grid import wrap
from tests.conftest import SAMPLES, run

CLOSING = "、，。；：！？）」』】》〉…％”"
OPENING = "（「『【《〈“"
IDEOGRAPHS = "中文指标率是的年度报送"


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def grid_lines(text: str, width: int) -> list[str]:
    return ["".join(t for t, _ in line).rstrip() for line in wrap([(text, "")], width)]


def rich_lines(text: str, width: int) -> list[str]:
    from rich.text import Text

    from plancheck.report.richwrap import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, markup=False, highlight=False,
            emoji=False, legacy_windows=False).print(Text(text))  # fmt: skip
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


WRAPPERS = {"grid": grid_lines, "rich": rich_lines, "help": help_wrap}

# Chinese as the reports write it: a word of one to three characters, maybe opened by a bracket
# or a quote and closed by up to two marks (“一网通办”、 年）；): every line of ten cells or more
# holds a place 禁则 allows a break at.
SEGMENT = st.tuples(
    st.sampled_from(["", *OPENING]),
    st.text(alphabet=IDEOGRAPHS, min_size=1, max_size=3),
    st.text(alphabet=CLOSING, max_size=2),
).map("".join)
CHINESE = st.lists(SEGMENT, min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)  # the same examples in CI
@given(text=CHINESE, width=st.integers(10, 60), wrapper=st.sampled_from(sorted(WRAPPERS)))
def test_no_line_starts_with_a_closing_mark_nor_ends_with_an_opening_one(
    text: str, width: int, wrapper: str
) -> None:
    lines = [line.rstrip() for line in WRAPPERS[wrapper](text, width)]
    assert "".join(lines) == text  # nothing lost, nothing reordered
    assert all(cells(line) <= width for line in lines)
    assert [line for line in lines[1:] if line[0] in CLOSING] == []
    assert [line for line in lines[:-1] if line[-1] in OPENING] == []


ANY = st.text(alphabet=f"{IDEOGRAPHS}{CLOSING}{OPENING}ab1 2.%-—", max_size=60)


@settings(max_examples=300, deadline=None, derandomize=True)  # the same examples in CI
@given(text=ANY, width=st.integers(2, 40), wrapper=st.sampled_from(sorted(WRAPPERS)))
def test_any_text_keeps_its_characters_in_order_within_the_width(
    text: str, width: int, wrapper: str
) -> None:
    lines = WRAPPERS[wrapper](text, width)
    if wrapper != "help":  # the help may give a word longer than a line its own line
        assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_line_carries_the_character_before_a_closing_mark_down_with_it() -> None:
    # 推出: rich broke 70（目标年为2025年 | ）；无基数 (width 18): the 年 goes down with the ）
    text = "70（目标年为2025年）；无基数，无法衡量时序进度"
    assert grid_lines(text, 18) == ["70（目标年为2025", "年）；无基数，无法", "衡量时序进度"]
    assert rich_lines(text, 18) == grid_lines(text, 18)
    # an opening bracket goes down to the line of what it opens
    assert grid_lines("请填写全市平均值（参照值）", 16) == ["请填写全市平均值", "（参照值）"]
    # a figure is never cut: 年为2 | 025年 was
    assert grid_lines("目标年为2025年", 10) == ["目标年为", "2025年"]
    # between a closing and an opening quote is a place to break (no Western word's inside)
    for lines_of in WRAPPERS.values():
        assert lines_of("中、”“中”、", 10) == ["中、”", "“中”、"]


def test_english_wraps_as_rich_wraps_it() -> None:
    text = "62 below >= 70 (target year 2025); no baseline… “quoted” (x) a-very-long-word-here"
    for width in range(5, 40):
        assert rich_lines(text, width) == grid_lines(text, width) == plain_rich(text, width)


def plain_rich(text: str, width: int) -> list[str]:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, markup=False, highlight=False,
            emoji=False, legacy_windows=False).print(Text(text))  # fmt: skip
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


def test_a_line_of_nothing_but_marks_is_broken_where_it_must() -> None:
    assert grid_lines("（（（（（（甲", 8) == ["（（（（", "（（甲"]
    assert help_wrap("（（（（（（甲", 8) == ["（（（（", "（（甲"]
    # the help gives a word wider than a line its own line (click's rule), with its marks
    assert help_wrap("文件的日期（YYYY-MM-DD）。", 12) == ["文件的日期", "（YYYY-MM-DD）。"]


# --- the commands, as a user runs them ------------------------------------------------------

WRONG_START = re.compile(f"^[{CLOSING}]")
WRONG_END = re.compile(f"[{OPENING}]$")


def wrapped_wrongly(out: str) -> list[str]:
    """The cells and lines of a report that start with a closing mark or end with an opening
    one, on a line that continues the one above (a table's cell, a paragraph's next line)."""
    wrong = []
    lines = out.splitlines()
    for above, line in zip(["", *lines], lines, strict=False):
        if "│" in line or "┃" in line:
            parts = [p.strip() for p in re.split("[│┃]", line)]
            first = [p.strip() for p in re.split("[│┃]", above)] if "│" in above else []
            for n, part in enumerate(parts):
                continued = n < len(first) and first[n] and part
                if part and (WRONG_END.search(part) or (continued and WRONG_START.search(part))):
                    wrong.append(line)
        elif line.strip() and above.strip() and (WRONG_START.search(line.strip())):
            wrong.append(line)
    return wrong


def test_the_chinese_terminal_reports_obey_kinsoku_at_narrow_widths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from plancheck import cli

    options = cli._options
    width = 100
    # the width a terminal of that many columns gives (the runner's output is no terminal)
    monkeypatch.setattr(cli, "_options", lambda *a: replace(options(*a), width=width))
    commands = [
        ["evaluate", str(SAMPLES / "2023.csv")],
        ["evaluate", str(SAMPLES / "2023.csv"), "--details"],
        ["evaluate", str(SAMPLES / "2023.csv"), "--tasks", str(SAMPLES / "progress-2023.csv")],
        ["tasks"],
        ["indicators"],
        ["tasks", "check", str(SAMPLES / "progress-2023.csv")],
        ["diff", str(SAMPLES / "2022.csv"), str(SAMPLES / "2023.csv")],
    ]
    for args in commands:
        # at 60 columns the evaluation table's last column holds two characters: 年）； must
        # break somewhere there (and keeps the width)
        for width in (80, 100) if args[0] == "evaluate" else (60, 80, 100):
            out = run(*args, "--lang", "zh").stdout
            assert wrapped_wrongly(out) == [], (args, width)
            assert max(cells(line) for line in out.splitlines()) <= width, (args, width)
        if args[0] == "evaluate":
            width = 60
            out = run(*args, "--lang", "zh").stdout
            assert max(cells(line) for line in out.splitlines()) <= width, args


def test_a_word_wider_than_the_help_keeps_its_brackets() -> None:
    text = "固定的版本库引用（git+https://github.com/OWNER/plancheck@v0.1.0）或文件夹。"
    assert help_wrap(text, 40) == [
        "固定的版本库引用",
        "（git+https://github.com/OWNER/plancheck@v0.1.0）",
        "或文件夹。",
    ]


def test_the_chinese_help_obeys_kinsoku_within_the_terminal() -> None:
    from typer.testing import CliRunner

    from plancheck.cli import app

    commands = ["", "evaluate", "check", "diff", "template", "indicators", "tasks", "tasks check",
                "plan", "plan validate", "plan schema", "plan import", "init"]  # fmt: skip
    for width in (50, 60, 78):  # the help of a terminal of 52, 62, 80 columns or more
        for command in commands:
            args = [*command.split(), "--help", "--lang", "zh"]
            out = CliRunner().invoke(app, args, terminal_width=width).stdout
            lines = out.splitlines()
            assert lines[0].startswith("用法："), command
            wrong = [line for line in lines if WRONG_END.search(line.rstrip())]
            wrong += [line for line in lines if WRONG_START.search(line.strip())]
            assert wrong == [], (command, width)
            # a line wider than that holds a word wider than a line (an option's name and its
            # choices, a URL), which cannot break
            wide = [line for line in lines if cells(line) > width]
            assert all(max(map(cells, line.split())) > width - 40 for line in wide), wide
