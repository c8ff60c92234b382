"""plancheck tasks check in the html, junit and github formats: the committee's file, the CI
dashboard's report and the pull request's annotations, with the exit code of the table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plancheck.report import choices
from tests.conftest import SAMPLES, run

SAMPLE = SAMPLES / "progress-2023.yaml"
ANNOTATION = re.compile(r"::(error|warning|notice)(?: ([^:]*))?::(.*)")


def test_the_formats_are_offered() -> None:
    assert {"html", "junit", "github"} <= set(choices("taskcheck"))


@pytest.mark.parametrize("fmt", ["html", "junit", "github"])
@pytest.mark.parametrize("strict", [False, True])
def test_exit_code_is_the_tables(fmt: str, strict: bool) -> None:
    flags = ["--strict"] if strict else []
    table = run("tasks", "check", SAMPLE, *flags)
    other = run("tasks", "check", SAMPLE, "-f", fmt, *flags)
    assert other.code == table.code == (1 if strict else 0)
    assert other.stderr == ""


def annotations(stdout: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for line in stdout.splitlines():
        match = ANNOTATION.fullmatch(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group(2).split(",")) if match.group(2) else {}
        found.append((match.group(1), props, match.group(3)))
    return found


def test_github_annotates_what_needs_attention_at_its_line() -> None:
    found = annotations(run("tasks", "check", SAMPLE, "-f", "github", "--lang", "en").stdout)
    *findings, last = found
    assert last == (
        "notice",
        {"title": "plancheck"},
        "COMPLIANT: no binding milestone is overdue; 2 overdue, not binding (--strict counts them)",
    )
    overdue = next(f for f in findings if f[1]["title"].startswith("19.1 "))
    assert overdue[0] == "warning"  # not binding: reported, not failed
    assert overdue[1]["line"] == "44" and overdue[1]["title"].endswith("%3A OVERDUE")
    assert overdue[2].startswith("not done; the deadline 2022-12-31 passed")
    assert all(level == "warning" for level, _, _ in findings)
    titles = [props["title"].split(" ")[0] for _, props, _ in findings]
    assert {"19.1", "23", "7", "A20"} <= set(titles)
    assert not any(t.startswith("10.1") for t in titles)  # open, not yet due: not annotated


def test_github_strict_makes_them_errors() -> None:
    found = annotations(run("tasks", "check", SAMPLE, "-f", "github", "--strict").stdout)
    assert {level for level, _, _ in found} == {"error"}


def test_junit_is_valid_and_maps_the_findings(tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(Path(__file__).parent / "fixtures" / "junit" / "junit.xsd")
    out = tmp_path / "tasks.xml"
    assert run("tasks", "check", SAMPLE, "-f", "junit", "-o", out, "--lang", "en").code == 0
    text = out.read_text(encoding="utf-8")
    schema.validate(text)
    root = ET.fromstring(text)
    assert root.get("name", "").startswith("plancheck: ")
    assert "2023-12-31" in root.get("name", "")
    cases = {c.get("name", "").split(" ")[0]: c for c in root.iter("testcase")}
    assert cases["19.1"].find("failure") is not None  # overdue
    assert cases["19.1"].get("classname") == "plancheck.tasks.19"
    assert cases["10.1"].find("skipped") is not None  # open
    assert cases["23"].find("failure") is not None  # inconsistent
    assert cases["7"].find("skipped") is not None  # unreported, not blocking
    suites = root.findall("testsuite")
    assert all(s.get("name", "").startswith("Tasks · ") for s in suites)
    assert int(root.get("tests", "")) == sum(int(s.get("tests", "")) for s in suites)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_the_committees_report(tmp_path: Path) -> None:
    out = tmp_path / "tasks.html"
    assert run("tasks", "check", SAMPLE, "-f", "html", "-o", out, "--lang", "zh").code == 0
    html = out.read_text(encoding="utf-8")
    parser = _Parser()
    parser.feed(html)
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in html
    assert not {"script", "img", "link", "iframe"} & set(parser.tags)
    text = "".join(parser.text)
    assert "跨域立案系统二期尚未上线(虚构)" in text  # a note
    assert "区法院" in text  # a lead department
    sections = [t for t in parser.text if "主要任务" in t]
    assert sections  # tasks grouped by the plan's sections
    assert run("tasks", "check", SAMPLE, "-f", "html", "--lang", "zh").stdout == html


def test_html_and_github_show_typed_text_as_text(tmp_path: Path) -> None:
    progress = tmp_path / "progress-2023.yaml"
    progress.write_text(
        'as_of: 2023-12-31\ntasks:\n  "19":\n    status: in_progress\n'
        '    lead: "<script>alert(1)</script>"\n    note: "50% \\u001b[31mred"\n'
        '    milestones: {"19.1": not_done}\n',
        encoding="utf-8",
    )
    html = run("tasks", "check", progress, "-f", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\\x1b[31m" in html
    github = run("tasks", "check", progress, "-f", "github").stdout
    assert "\x1b" not in github
    annotations(github)  # every line one workflow command


def test_evaluate_with_tasks_annotates_the_tasks_as_tasks_check_does() -> None:
    """The same task annotations, an unreported task's on the progress file too."""
    alone = run("tasks", "check", SAMPLE, "-f", "github", "--lang", "en").stdout.splitlines()
    evaluated = run(
        "evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLE, "-f", "github", "--lang", "en"
    ).stdout.splitlines()
    tasks = [line for line in alone if "title=plancheck::" not in line]  # not the verdict
    assert tasks and all(line in evaluated for line in tasks)
    unreported = [
        props for _, props, _ in annotations("\n".join(tasks)) if "unreported" in props["title"]
    ]
    assert unreported and all(props["file"].endswith("progress-2023.yaml") for props in unreported)


# Each finding line of a task's row says its state in words beside the symbol (a printed page,
# a screen reader): as the State column and the indicators' rows do.
WORDED = {
    "en": [("[✘ OVERDUE] ", "19.1: not done"), ("[◌ open] ", "23.1: not done yet"),
           ("[≠ inconsistent] ", "reported done, but milestone 23.1"),
           ("[✔ done] ", "34.1 2021: done"), ("[∅ unreported] ", "no progress report for this task")],
    "zh": [("【✘ 逾期】 ", "19.1：未完成"), ("【◌ 未到期】 ", "23.1：尚未完成"),
           ("【≠ 报送不一致】 ", "报送为已完成，但节点 23.1"), ("【✔ 已完成】 ", "34.1 2021年：已完成"),
           ("【∅ 未报送】 ", "该任务未报送进展")],
}  # fmt: skip


def _text(fmt: str, lang: str, tmp_path: Path) -> str:
    if fmt == "docx":
        from docx import Document

        out = tmp_path / f"tasks-{lang}.docx"
        assert run("evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLE, "-o", out,
                   "--lang", lang).code in (0, 1)  # fmt: skip
        cells = [c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells]
        return "\n".join(cells)
    shown = run("tasks", "check", SAMPLE, "-f", fmt, "--lang", lang)
    assert shown.code == 0, shown.stderr
    if fmt == "markdown":  # what it shows: a typed bracket is escaped in markdown's text
        return shown.stdout.replace("\\[", "[").replace("\\]", "]")
    return shown.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "docx"])
def test_a_task_rows_findings_say_their_state_in_words(fmt: str, lang: str, tmp_path: Path) -> None:
    text = _text(fmt, lang, tmp_path)
    for tag, said in WORDED[lang]:
        if fmt == "table":  # a narrow cell wraps its text after the state
            assert f"│ {tag.strip()}" in text, (fmt, tag)
        else:
            assert tag + said in text, (fmt, tag, said)
    assert not re.search(r"[✘◌≠✔∅] (19\.1|23\.1|34\.1|no progress|该任务)", text)


INCONSISTENT = {"en": "inconsistent", "zh": "报送不一致"}  # labels.TASK_WORD's


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "junit", "github"])
@pytest.mark.parametrize("command", ["tasks", "evaluate"])
def test_one_word_for_a_state_in_every_format(command: str, fmt: str, lang: str) -> None:
    """Task 23 is reported done with a milestone not: every format calls that state as the
    table does (报送不一致), github's annotations, junit's cases and the HTML's list too
    (they said 前后不一致)."""
    args = (["tasks", "check", SAMPLE] if command == "tasks"
            else ["evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLE])  # fmt: skip
    shown = run(*args, "-f", fmt, "--lang", lang)
    assert shown.code in (0, 1), shown.stderr
    assert INCONSISTENT[lang] in shown.stdout
    assert "前后不一致" not in shown.stdout


def test_the_labels_have_no_second_word_for_a_task_state() -> None:
    from plancheck.report.labels import LABELS, TASK_WORD

    for lang, words in TASK_WORD.items():
        assert not {f"finding_{state}" for state in words} & set(LABELS[lang])


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "junit", "github", "json"])
def test_task_findings_say_dates_as_a_chinese_reader_writes_them(fmt: str) -> None:
    """One date helper (i18n.date_text) for every finding: 2022年12月31日 in Chinese, never the
    ISO 2022-12-31 of the file; English keeps ISO. The JSON's own date fields stay ISO."""
    zh = run("tasks", "check", SAMPLE, "-f", fmt, "--lang", "zh").stdout
    assert "期限为2022年12月31日，已逾期 365 天" in zh, zh[:2000]
    assert "2023年12月31日" in zh or fmt in ("github", "json")  # as of
    said = zh
    if fmt == "json":
        said = " ".join(re.findall(r'"reason": "([^"]*)"', zh))
    assert not re.search(r"期限 \d{4}-\d\d-\d\d", said)
    en = run("tasks", "check", SAMPLE, "-f", fmt, "--lang", "en").stdout
    assert "the deadline 2022-12-31 passed" in en
