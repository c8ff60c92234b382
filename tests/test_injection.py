"""Whatever people type into names, notes, unit names, titles and file names, every report format
still parses as itself and shows the text as text (hypothesis, derandomized, through the CLI).

Hostile text mixes rich markup (``[/b]``, ``[link=…]``), markdown, HTML, Mermaid (a fence, ``-->``,
``%%``), ESC sequences, CR, LF, U+2028 and bidi controls. It goes into a unit name, a note, the
submission's file name, the plan's title, an indicator's and a category's names, a task's title
and a progress report's lead department, note and evidence. Then:

- JSON parses and keeps every text exactly;
- markdown (markdown-it-py, GFM tables and strikethrough) has the block structure and the
  emphasis of the same report with plain text: no extra heading, list, HTML, link or code; every
  text shows (control characters as ``\\xNN``); nothing GitHub would link (URL, mention, emoji);
- HTML (html.parser) has the tags of the plain report and shows every text; JUnit parses as XML;
- GitHub: every line is a workflow command, with no raw control character;
- the terminal table has no raw control character and shows every text.

The shared checks are used by tests/test_hostile_render.py for the issue's concrete cases.
"""

from __future__ import annotations

import collections
import csv
import doctest
import functools
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from plancheck.report import escape
from plancheck.safetext import CONTROLS
from plancheck.submission.values import fold
from tests.conftest import ROOT, Run, run

EVALUATE_FORMATS = ("table", "markdown", "html", "json", "junit", "github")
TASKCHECK_FORMATS = ("table", "markdown", "json")
HOME_UNIT = "徐汇区"

FRAGMENTS = [
    "[b]", "[/b]", "[link=http://evil.example/x]here[/link]", "[red]", "[/]", "[bold red on white]",
    "```", "~~~", "-->", "%%", "%%{init: {'theme': 'dark'}}%%", "#35;", '"', "'", "`",
    "\x1b[31m", "\x1b]8;;http://evil.example\x1b\\", "\x1b[2J", "\r", "\n", "\r\n", "\t",
    "\u2028", "\u2029", "\u2066", "\u2069", "\x85", "\x9b", "\x7f", "\x07", "\x08", "\x0b",
    "<script>alert(1)</script>", "<b>", "</td></tr></table>", "<!--", "&amp;", "&lt;", "]]>",
    "# ", "## ", "- ", "+ ", "1. ", "> ", "---", "|", "||", "**", "__", "*", "_", "~~", "$x$",
    ":tada:", ":+1:", "@team", "someone@example.com", "http://x.example/a", "www.example.com",
    "[x](http://e.example)", "![i](http://e.example/i.png)", "\\", "%0A", "%25", "::error::",
    ",", ":", ";", "=", "徐汇区", "≥ 100%", "—",
]  # fmt: skip
_STRANGE = st.characters(
    blacklist_categories=("Cs",),  # lone surrogates cannot be in a file
    blacklist_characters="\x00",  # a NUL byte is a broken file (exit 2), not a name
)


def _settled(text: str) -> str:
    """The text as the reader keeps it (NFKC, invisible characters and outer spaces gone)."""
    return fold(text)


hostile = (
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(_STRANGE, min_size=1, max_size=4)),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .map(_settled)
    .filter(lambda text: bool(text) and _settled(text) == text)
)


@dataclass(frozen=True)
class Texts:
    """One hostile (or plain) text for every place a user can type one."""

    unit: str
    note: str
    file: str
    title: str
    indicator: str
    indicator_en: str
    category_en: str
    task: str
    lead: str
    task_note: str
    evidence: str

    def shown(self, path: Path) -> dict[str, list[str]]:
        """The texts each evaluation format shows in English (names: Chinese or English)."""
        every = [self.unit, str(path)]
        shared = [self.unit, path.name]  # a report to share names files without their folders
        return {
            "table": [*every, self.indicator],  # no notes
            "markdown": [*shared, self.note, self.indicator],
            "html": [*shared, self.note, self.indicator, self.indicator_en],
            "junit": [*every, self.note, self.indicator_en],
            "github": [*every, self.note, self.indicator_en],
        }


texts = st.builds(
    Texts,
    unit=hostile.filter(lambda u: u != HOME_UNIT),
    note=hostile,
    file=hostile.map(lambda f: f.replace("/", "_")[:60]).filter(lambda f: f not in (".", "..")),
    title=hostile,
    indicator=hostile,
    indicator_en=hostile,
    category_en=hostile,
    task=hostile,
    lead=hostile,
    task_note=hostile,
    evidence=hostile,
).filter(lambda t: t.indicator != t.indicator_en)  # one text twice is shown once: its own test
PLAIN = Texts(
    unit="长宁区",
    note="plain note",
    file="plain",
    title="plain title",
    indicator="plain indicator",
    indicator_en="plain indicator en",
    category_en="plain category",
    task="plain task",
    lead="plain lead",
    task_note="plain task note",
    evidence="plain evidence",
)


# --- writing the inputs ---------------------------------------------------------------------


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text`` (escapes for all but printables)."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _replace_line(text: str, line: str, value: str) -> str:
    """``line`` (``key: old``, whole) with its value replaced; it must occur exactly once."""
    assert text.count(f"\n{line}\n") == 1, line
    key = line.split(":", 1)[0]
    return text.replace(f"\n{line}\n", f"\n{key}: {yaml_quoted(value)}\n")


def admitting_other_units(indicators: str) -> str:
    """The plan's indicators.yaml, admitting units that no peer group lists (a hostile one)."""
    assert indicators.count("\n  unit: 徐汇区\n") == 1
    return indicators.replace("\n  unit: 徐汇区\n", "\n  unit: 徐汇区\n  other_units: true\n")


@dataclass(frozen=True)
class Inputs:
    plan: Path
    submission: Path
    progress: Path


def write_inputs(folder: Path, t: Texts) -> Inputs:
    plan = folder / "plan"
    plan.mkdir()
    indicators = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    for line, value in (
        ("  title: 徐汇区全面依法治区第十四个五年规划", t.title),
        ("    name: 重大行政决策合法性审查率", t.indicator),
        ("    name_en: Legality review rate of major administrative decisions", t.indicator_en),
        ("    name_en: Law-based administration", t.category_en),
    ):
        indicators = _replace_line(indicators, line, value)
    (plan / "indicators.yaml").write_text(admitting_other_units(indicators), encoding="utf-8")
    tasks = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    tasks = _replace_line(tasks, '    title: "严格落实诉讼制度改革各项任务"', t.task)
    (plan / "tasks.yaml").write_text(tasks, encoding="utf-8")

    progress = (ROOT / "samples" / "progress-2023.yaml").read_text(encoding="utf-8")
    progress = _replace_line(progress, "    lead: 区法院", t.lead)
    progress = _replace_line(progress, "    note: 跨域立案系统二期尚未上线(虚构)", t.task_note)
    progress = progress.replace(
        "    partners: [区司法局]\n",
        f"    partners: [区司法局]\n    evidence: [{yaml_quoted(t.evidence)}]\n",
        1,
    )
    (folder / "progress.yaml").write_text(progress, encoding="utf-8")

    # Two units, every indicator: the hostile one first in the file, the note on each of its rows
    # (indicator 4 fails: its name, note and unit go everywhere a failure goes).
    submission = folder / f"{t.file}.csv"
    with submission.open("w", encoding="utf-8", newline="") as out:
        # Every cell quoted: the reader splits unquoted lines at U+2028, \x1c and the like too.
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(["unit", "year", "indicator", "value", "reference", "rank", "note"])
        for unit, note in ((t.unit, t.note), (HOME_UNIT, "")):
            for number in range(1, 24):
                value = {"4": "90", "5": "3", "18": "95", "23": "N/A"}.get(str(number), "100")
                writer.writerow([unit, 2023, number, value, "", "", note])
    return Inputs(plan, submission, folder / "progress.yaml")


def evaluate(inputs: Inputs, fmt: str) -> Run:
    result = run(
        "evaluate", inputs.submission, "--plan", inputs.plan, "--tasks", inputs.progress,
        "-f", fmt, "--lang", "en",
    )  # fmt: skip
    assert result.code in (0, 1), (fmt, result.stderr)
    return result


def _stdout(inputs: Inputs, fmt: str) -> str:
    return evaluate(inputs, fmt).stdout


def tasks_check(inputs: Inputs, fmt: str) -> Run:
    result = run(
        "tasks", "check", inputs.progress, "--plan", inputs.plan, "-f", fmt, "--lang", "en"
    )
    assert result.code in (0, 1), (fmt, result.stderr)
    return result


# --- checks shared with tests/test_hostile_render.py ----------------------------------------


def raw_controls(text: str, allowed: str = "\n") -> set[str]:
    return {ch for ch in CONTROLS.findall(text) if ch not in allowed}


def squeezed(text: str) -> str:
    """Without whitespace: the terminal wraps long lines wherever it likes."""
    return re.sub(r"\s+", "", text)


def check_table(output: str, shown: list[str], *, one_line: bool = False) -> None:
    """``one_line``: a report whose every text stays on its line (``check``'s), a line break
    in a file name shown as ``\\x0d\\x0a``; else a table's cell, which may break it."""
    assert not raw_controls(output)
    flat = squeezed(output)
    for text in shown:
        expected = (
            escape.visible_controls(text, keep="\t") if one_line else escape.terminal(text).plain
        )
        assert squeezed(expected) in flat, text


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Markup that may only come from the report itself: its count must not depend on the text.
STRUCTURE = {
    "heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "fence",
    "code_block", "hr", "table_open", "tr_open", "th_open", "td_open", "paragraph_open",
    "strong_open", "em_open", "s_open", "code_inline", "link_open", "image", "html_block",
    "html_inline",
}  # fmt: skip
# What GitHub turns into a link, a mention or an emoji in rendered text.
LINKABLE = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*://|www\.|@[A-Za-z0-9]|:[A-Za-z0-9_+\-]+:", re.IGNORECASE
)


def tokens(markdown: str) -> list[Token]:
    def walk() -> Iterator[Token]:
        for token in MARKDOWN.parse(markdown):
            yield token
            yield from token.children or []

    return list(walk())


def structure(parsed: list[Token]) -> collections.Counter[str]:
    return collections.Counter(
        t.type
        for t in parsed
        if t.type in STRUCTURE and not (t.type == "html_inline" and t.content == "<br>")
    )


@functools.cache
def plain_structure(markdown: str) -> collections.Counter[str]:
    return structure(tokens(markdown))


class PageText(HTMLParser):
    """The text of an HTML page, and its tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: collections.Counter[str] = collections.Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page(markup: str) -> PageText:
    parser = PageText()
    parser.feed(markup)
    parser.close()
    return parser


def markdown_lines(text: str) -> list[str]:
    """How a text shows in markdown: its lines, trimmed, empty ones dropped, controls visible."""
    lines = (line.strip() for line in escape.visible_controls(text).split("\n"))
    return [line for line in lines if line]


def check_markdown(output: str, shown: list[str], plain: str | None = None) -> None:
    assert not raw_controls(output, allowed="\n\t")  # a tab is a space to markdown
    parsed = tokens(output)
    found = structure(parsed)
    assert not {"html_block", "link_open", "image", "code_inline", "s_open"} & set(found)
    assert all(t.content == "<br>" for t in parsed if t.type == "html_inline")
    if plain is not None:
        assert found == plain_structure(plain)
    for token in parsed:
        if token.type == "inline":
            assert not LINKABLE.search(token.content), token.content
        if token.type == "fence":  # the chart stays one chart of five lines
            assert token.info == "mermaid" and len(token.content.splitlines()) == 5
    rendered = "".join(page(MARKDOWN.render(output)).text).replace("\u200b", "")
    for text in shown:
        for line in markdown_lines(text):
            assert line in rendered, line


def check_html(output: str, shown: list[str], plain: str | None = None) -> None:
    assert not raw_controls(output, allowed="\n\t")
    parsed = page(output)
    assert parsed.tags["script"] == 0
    if plain is not None:
        assert parsed.tags == page(plain).tags
    text = "".join(parsed.text)
    for item in shown:
        assert escape.xml(item) in text, item


def check_junit(output: str, shown: list[str]) -> None:
    assert not raw_controls(output, allowed="\n\t")
    root = ET.fromstring(output.encode("utf-8"))
    everything = "\n".join(
        [value for element in root.iter() for value in element.attrib.values()]
        + [element.text or "" for element in root.iter()]
    )
    for text in shown:
        assert escape.xml(text) in everything, text


def check_github(output: str, shown: list[str]) -> None:
    lines = output.splitlines()
    assert lines
    for line in lines:
        assert line.startswith("::") and not raw_controls(line, allowed=""), line
    for text in shown:
        assert escape.github_message(text) in output or escape.github_property(text) in output


def check_json(output: str, t: Texts, inputs: Inputs) -> None:
    data = json.loads(output)
    assert str(inputs.submission) in data["files"]
    assert data["plan"]["title"] == t.title
    assert t.unit in data["units"]
    assert {r["note"] for r in data["results"] if r["unit"] == t.unit} == {t.note}
    four = {(r["name"], r["name_en"]) for r in data["results"] if r["id"] == "4"}
    assert four == {(t.indicator, t.indicator_en)}


def check_taskcheck_json(output: str, t: Texts) -> None:
    task = next(task for task in json.loads(output)["tasks"] if task["id"] == "19")
    assert (task["title"], task["lead"], task["note"]) == (t.task, t.lead, t.task_note)
    assert t.evidence in task["evidence"]


def check_evaluation(
    report: Callable[[str], str], shown: dict[str, list[str]], plain: dict[str, str] | None
) -> None:
    """Every format but JSON of ``report(format)``; markdown and HTML against a plain report."""
    plain = plain or {}
    check_table(report("table"), shown["table"])
    check_markdown(report("markdown"), shown["markdown"], plain.get("markdown"))
    check_html(report("html"), shown["html"], plain.get("html"))
    check_junit(report("junit"), shown["junit"])
    check_github(report("github"), shown["github"])


@functools.cache
def plain_reports() -> dict[str, str]:
    """The markdown and HTML reports of the same inputs with plain text: the structure to keep."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), PLAIN)
        reports = {fmt: evaluate(inputs, fmt).stdout for fmt in ("markdown", "html")}
        reports["taskcheck"] = tasks_check(inputs, "markdown").stdout
        return reports


# --- the properties -------------------------------------------------------------------------

INJECTION_SETTINGS = settings(
    derandomize=True,  # the same examples on every run and in CI
    max_examples=10,  # each runs the CLI three to nine times: about 30 s for the three
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.generate],  # no shrinking: minutes, and the texts are short
)


@INJECTION_SETTINGS
@given(t=texts)
def test_every_evaluate_format_shows_hostile_text_as_text(t: Texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), t)
        check_json(evaluate(inputs, "json").stdout, t, inputs)
        report = functools.partial(_stdout, inputs)
        check_evaluation(report, t.shown(inputs.submission), plain_reports())


@settings(INJECTION_SETTINGS, max_examples=8)
@given(t=texts)
def test_every_tasks_check_format_shows_hostile_text_as_text(t: Texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), t)
        shown = [t.task, t.lead, t.task_note, t.evidence]
        check_taskcheck_json(tasks_check(inputs, "json").stdout, t)
        check_table(tasks_check(inputs, "table").stdout, shown[:2])  # the rest is in table cells
        check_markdown(tasks_check(inputs, "markdown").stdout, shown, plain_reports()["taskcheck"])


@settings(INJECTION_SETTINGS, max_examples=5)  # the same renderers' other subjects: a few suffice
@given(t=texts)
def test_plan_listings_and_diff_show_hostile_text_as_text(t: Texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), t)

        def listing(subject: str, fmt: str) -> str:
            result = run(subject, "--plan", inputs.plan, "-f", fmt, "--lang", "en")
            assert result.code == 0, result.stderr
            return result.stdout

        indicators = json.loads(listing("indicators", "json"))
        assert next(i for i in indicators if i["id"] == "4")["name"] == t.indicator
        tasks = json.loads(listing("tasks", "json"))
        assert next(task for task in tasks if task["id"] == "19")["title"] == t.task
        check_table(listing("indicators", "table"), [t.title])  # the rest is in table cells
        check_table(listing("tasks", "table"), [t.title])
        check_markdown(listing("indicators", "markdown"), [t.title, t.indicator, t.indicator_en])
        check_markdown(listing("tasks", "markdown"), [t.title, t.task])

        old = inputs.submission.with_name("old.csv")
        old.write_bytes(inputs.submission.read_bytes())

        def diff(fmt: str) -> str:
            result = run("diff", old, inputs.submission, "--plan", inputs.plan, "-f", fmt)
            assert result.code == 0, result.stderr  # nothing newly fails
            return result.stdout

        changes = json.loads(diff("json"))
        assert changes["new"]["files"] == [str(inputs.submission)]
        assert t.unit in {row["unit"] for row in changes["rows"]}
        check_table(diff("table"), [str(inputs.submission)])
        check_markdown(diff("markdown"), [t.unit, t.indicator_en, str(inputs.submission)])


def test_the_plain_inputs_are_what_the_checks_expect() -> None:
    """The checks can fail: a plain report shows its texts, a broken one does not pass."""
    with tempfile.TemporaryDirectory() as folder:
        inputs = write_inputs(Path(folder), PLAIN)
        check_json(evaluate(inputs, "json").stdout, PLAIN, inputs)
        report = functools.partial(_stdout, inputs)
        check_evaluation(report, PLAIN.shown(inputs.submission), plain_reports())
    markdown = plain_reports()["markdown"]
    broken = markdown.replace("plain note", "plain note\n\n# heading <b>x</b>", 1)
    try:
        check_markdown(broken, PLAIN.shown(inputs.submission)["markdown"], markdown)
    except AssertionError:
        pass
    else:
        raise AssertionError("a heading and HTML injected into the markdown were not noticed")


def test_escape_docstring_examples_hold() -> None:
    assert doctest.testmod(escape).failed == 0


def test_every_escaping_function_has_an_example() -> None:
    names = ["terminal", "markdown_inline", "markdown_cell", "mermaid_label", "html", "xml",
             "github_message", "github_property", "visible_controls", "json_safe"]  # fmt: skip
    for name in names:
        assert ">>> " in (getattr(escape, name).__doc__ or ""), name
