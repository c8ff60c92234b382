"""The markdown report renders through a CommonMark renderer with GFM tables, every table intact:
each row has as many cells as its header, whatever the notes contain."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import SAMPLES, run


class Tables(HTMLParser):
    """Collects each <table> as a list of rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.scripts = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rendered(markdown: str) -> Tables:
    parser = Tables()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    return parser


def assert_intact(tables: Tables) -> None:
    assert tables.tables
    for table in tables.tables:
        widths = {len(row) for row in table}
        assert len(widths) == 1, widths


@pytest.mark.parametrize("sample", ["2023.csv", "districts-2023.csv"])
def test_sample_reports_render_with_every_table_intact(sample: str) -> None:
    tables = rendered(run("evaluate", SAMPLES / sample, "-f", "markdown").stdout)
    assert_intact(tables)
    body_rows = sum(len(t) - 1 for t in tables.tables if "Binding" in t[0])  # the categories
    results = run("evaluate", SAMPLES / sample, "-f", "json").json()["results"]
    assert body_rows == len({(r.get("unit"), r["id"]) for r in results})  # a row per indicator


def test_hostile_notes_cannot_break_a_table(tmp_path: Path) -> None:
    note = "a | b\\| c <script>alert(1)</script> *bold* [link](http://x) `code` &amp; &lt;"
    source = tmp_path / "2023.csv"
    source.write_text(f'indicator,value,note\n4,100,"{note}\nsecond line"\n', encoding="utf-8")
    tables = rendered(run("evaluate", source, "-f", "markdown", "--lang", "en").stdout)
    assert_intact(tables)
    assert tables.scripts == 0
    cells = [cell for table in tables.tables for row in table for cell in row]
    # GitHub would link the URL: a zero-width space after "http:" keeps it text
    assert any(
        "a | b\\| c <script>alert(1)</script> *bold* [link](http:\u200b//x) `code` &amp; &lt;" in c
        for c in cells
    )


def test_the_summary_sentence_counts_one_apart_in_english(tmp_path: Path) -> None:
    """One behind, one unit not compliant: "1 is not yet met", "1 of 2 units does not meet"."""
    lines = (SAMPLES / "2023.csv").read_text(encoding="utf-8").splitlines()
    met = {"7": "70", "11": "100", "12": "90", "15": "90", "19": "12"}  # 22 stays behind
    rows = []
    for line in lines[1:]:
        cells = line.split(",")
        cells[2] = met.get(cells[0], cells[2])
        rows.append(cells)
    one = tmp_path / "2023.csv"
    one.write_text("\n".join([lines[0], *(",".join(c) for c in rows)]) + "\n", encoding="utf-8")
    summary = run("evaluate", one, "-f", "markdown", "--lang", "en").stdout
    assert ", 1 is not yet met (due by 2025)," in summary
    assert "are not yet met" not in summary
    two = tmp_path / "districts-2023.csv"
    with two.open("w", encoding="utf-8") as out:
        out.write("unit," + lines[0] + "\n")
        for unit in ("徐汇区", "长宁区"):
            for cells in rows:  # indicator 4 (binding) fails in 长宁区 only
                value = "90" if unit == "长宁区" and cells[0] == "4" else cells[2]
                out.write(",".join([unit, *cells[:2], value, *cells[3:]]) + "\n")
    summary = run("evaluate", two, "-f", "markdown", "--lang", "en").stdout
    assert "1 of 2 units does not meet every binding indicator: 长宁区." in summary


def shown_text(markdown: str) -> str:
    """What a markdown viewer shows: the rendered HTML's text, its entities read."""
    import html
    import re

    page = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "\n", page))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "args",
    [["evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLES / "progress-2023.yaml"],
     ["evaluate", SAMPLES / "districts-2023.csv"],
     ["tasks", "check", SAMPLES / "progress-2023.yaml"],
     ["diff", SAMPLES / "2022.csv", SAMPLES / "2023.csv"], ["indicators"]],
)  # fmt: skip
def test_a_viewer_shows_no_escape(args: list[str | Path], lang: str) -> None:
    """The markdown source escapes what markdown would read (``\\[✘ OVERDUE\\]``); a viewer
    shows the brackets, and no backslash anywhere (the samples type none)."""
    report = run(*args, "-f", "markdown", "--lang", lang)
    assert report.code in (0, 1), report.stderr
    text = shown_text(report.stdout)
    assert "\\" not in text
    if args[0] == "tasks":
        assert ("[✘ OVERDUE] 19.1: not done" if lang == "en" else "【✘ 逾期】 19.1：未完成") in text
