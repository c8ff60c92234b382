"""The HTML report: self-contained, escaped, complete — and rendered by a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from plancheck.cli import app
from plancheck.evaluate.models import Status
from plancheck.plan.load import load_plan
from plancheck.report.labels import status_word
from tests.test_injection import admitting_other_units

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def report(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["evaluate", *map(str, args), "-f", "html"], catch_exceptions=False
    )
    return result.exit_code, result.stdout


class Page(HTMLParser):
    """Every start tag with its attributes, the text, and the ids."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}


def test_self_contained_no_script_no_network() -> None:
    code, text = report(SAMPLES / "2022.csv", "--lang", "en")
    assert code == 1
    page = Page(text)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    assert "img" not in names  # the charts are inline SVG
    assert names.count("svg") >= 1 and "style" in names
    for _, attrs in page.tags:
        for key, value in attrs.items():
            assert not (key.startswith("on")), key  # no event handlers
            assert "http:" not in (value or "") and "https:" not in (value or "")
    assert "http://" not in text and "https://" not in text and "url(" not in text
    assert "@media print" in text and "size: A4" in text


def test_every_indicator_and_status_word_is_there() -> None:
    _, text = report(SAMPLES / "2022.csv", SAMPLES / "2023.csv", "--lang", "zh")
    page = Page(text)
    plan = load_plan(None)
    for indicator in plan.indicators:  # one row per indicator, its figures under their years
        assert f"indicator-徐汇区-{indicator.id}" in page.ids
    body = "".join(page.text)
    for indicator in plan.indicators:
        assert indicator.name in body
    for status in Status:
        assert status_word(status, "zh") in body
    assert "各年度指标状态" in body  # several years: the chart per year
    assert "合规" in body


def test_text_is_escaped(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    submission.write_text(
        'indicator,value,note\n1,90,"<script>alert(1)</script> & <img src=x onerror=alert(2)>"\n',
        encoding="utf-8",
    )
    _, text = report(submission)
    page = Page(text)
    assert "script" not in [tag for tag, _ in page.tags]
    assert "img" not in [tag for tag, _ in page.tags]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in text
    assert "<script>alert(1)</script> & <img src=x onerror=alert(2)>" in "".join(page.text)


def test_several_units_get_a_chart_per_unit(tmp_path: Path) -> None:
    submission = tmp_path / "2023.csv"
    submission.write_text("unit,indicator,value\n徐汇区,1,100\n长宁区,1,90\n", encoding="utf-8")
    _, text = report(submission, "--lang", "en")
    assert "Statuses by unit" in text
    assert "长宁区" in "".join(Page(text).text)


def test_row_ids_are_valid_html_and_one_per_unit_and_indicator(tmp_path: Path) -> None:
    """An id holds no white space (HTML's rule): a unit's space, '-' or '~' is written ~hex~, so
    units that differ only there keep rows of their own; a unit of letters stays as it is."""
    plan = tmp_path / "plan"
    plan.mkdir()
    data = SAMPLES.parent / "data"
    text = (data / "indicators.yaml").read_text(encoding="utf-8")
    (plan / "indicators.yaml").write_text(admitting_other_units(text), encoding="utf-8")
    (plan / "tasks.yaml").write_bytes((data / "tasks.yaml").read_bytes())
    units = ["a b", "a-b", "a~20~b", "a", "徐汇区", "a\tb", "a<b>&"]
    rows = "".join(f'"{unit}",{n},100\n' for unit in units for n in (1, 4))
    submission = tmp_path / "2023.csv"
    submission.write_text("unit,indicator,value\n" + rows, encoding="utf-8")
    _, text = report(submission, "--plan", plan)
    page = Page(text)
    ids = [a["id"] or "" for tag, a in page.tags if tag == "tr" and a.get("id")]
    assert len(ids) == len(set(ids)) == len(units) * len(load_plan(None).indicators)
    assert not [i for i in ids if any(c.isspace() for c in i) or "\\" in i]
    assert {"indicator-徐汇区-4", "indicator-a-4", "indicator-a~20~b-4", "indicator-a~2d~b-4",
            "indicator-a~7e~20~7e~b-4", "indicator-a~9~b-4", "indicator-a~3c~b~3e~~26~-4"} <= set(ids)  # fmt: skip


def test_deterministic() -> None:
    assert report(SAMPLES / "2023.csv") == report(SAMPLES / "2023.csv")


# --- a real browser --------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1000, 1400


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium not installed (CI installs it: .ci/run)",
)
def test_renders_in_headless_chromium(tmp_path: Path) -> None:
    image_module: Any = pytest.importorskip("PIL.Image")
    assert CHROMIUM is not None, "CI must have chromium: .ci/run installs it"
    page = tmp_path / "report.html"
    _, text = report(SAMPLES / "2022.csv", SAMPLES / "2023.csv", "--lang", "zh")
    page.write_text(text, encoding="utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with image_module.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=WIDTH * HEIGHT)
    assert colours is not None
    white = sum(count for count, colour in colours if min(colour) >= 250)
    assert white < 0.97 * WIDTH * HEIGHT, "the page is (nearly) blank"
    assert len(colours) > 50  # text, tables and charts, not a flat fill

    def near(target: tuple[int, int, int], tolerance: int = 12) -> int:
        return sum(
            c
            for c, rgb_ in colours
            if all(abs(a - b) <= tolerance for a, b in zip(rgb_, target, strict=True))
        )

    assert near((0x2E, 0x7D, 0x32)) > 500  # the chart's green "pass" bars were drawn
    assert near((0xE8, 0xF5, 0xE9), 3) > 5000  # the compliant verdict's green box


def test_the_task_counts_are_in_the_order_of_the_states() -> None:
    """Worst first, as every other format counts tasks (FindingStatus, TaskState), never the
    alphabetical order of the words."""
    from plancheck.report.labels import task_word
    from plancheck.tasks.models import FindingStatus

    progress = SAMPLES / "progress-2023.csv"
    for lang, heading in (("en", "<h2>Tasks</h2>"), ("zh", "<h2>任务</h2>")):
        _, html = report(SAMPLES / "2023.csv", "--tasks", progress, "--lang", lang)
        counts = html.split(heading + "\n<p>")[1].split("</p>")[0]
        words = [part.rsplit(" ", 1)[0] for part in counts.split(" · ")]
        order = [task_word(s.value, lang) for s in FindingStatus]
        assert len(words) > 3 and words == sorted(words, key=order.index), (lang, counts)
