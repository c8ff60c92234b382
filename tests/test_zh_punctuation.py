"""Chinese output punctuates its own sentences full-width (（）：，；), whatever the format.

The plan, the progress report and the submission are first rewritten with full-width
punctuation in every text of theirs, so that any half-width ( ) , : ; beside a Chinese
character left in a report is plancheck's own. File names, ``file:line`` locations, numbers and
ASCII identifiers stay as they are (the check is the one tests/test_i18n.py runs on the catalogs).
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, SAMPLES, run
from tests.test_i18n import half_width_beside_chinese

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_FULL = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})
_NEAR = re.compile(rf"[(),:;](?=[{_CJK}])|(?<=[{_CJK}])[(),:;]")


def full_width(text: str) -> str:
    """Half-width punctuation beside a Chinese character made full-width (a bracket pair too)."""
    text = re.sub(rf"\(([^()]*[{_CJK}][^()]*)\)", r"（\1）", text)
    return _NEAR.sub(lambda m: m.group().translate(_FULL), text)


def rewritten(data: Any) -> Any:
    if isinstance(data, str):
        return full_width(data)
    if isinstance(data, list):
        return [rewritten(x) for x in data]
    if isinstance(data, dict):
        return {rewritten(k): rewritten(v) for k, v in data.items()}
    return data


def dump(data: Any, path: Path) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("zh")
    plan = folder / "plan"
    plan.mkdir()
    for name in ("indicators.yaml", "tasks.yaml"):
        data = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
        dump(rewritten(data), plan / name)
    progress = folder / "progress-2023.yaml"
    dump(rewritten(yaml.safe_load((SAMPLES / "progress-2023.yaml").read_text("utf-8"))), progress)
    national = folder / "national"
    national.mkdir()
    for name in ("indicators.yaml", "tasks.yaml"):
        data = yaml.safe_load((NATIONAL / name).read_text(encoding="utf-8"))
        dump(rewritten(data), national / name)
    found = {"plan": plan, "progress": progress, "national": national}
    for name, source in [("submission", SAMPLES / "2023.csv"), ("2022", SAMPLES / "2022.csv"),
                         ("2021", SAMPLES / "2021.csv"),
                         ("districts", SAMPLES / "districts-2023.csv"),
                         ("national_sample", NATIONAL / "sample-2023.csv")]:  # fmt: skip
        found[name] = folder / name / source.name
        found[name].parent.mkdir()
        with source.open(encoding="utf-8", newline="") as given:
            rows = [[full_width(cell) for cell in row] for row in csv.reader(given)]
        with found[name].open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
    assert run("plan", "validate", plan).code == 0
    assert run("plan", "validate", national).code == 0
    return found


def text_of(fmt: str, output: str) -> str:
    """What a reader sees: the page's text, the workflow commands' titles and messages."""
    if fmt == "markdown":
        output = html.unescape(output)  # &lt; shows as <
    if fmt in ("html", "junit"):
        output = html.unescape(re.sub(r"<[^>]*>", "\n", output.replace('="', '=\n"')))
    if fmt == "github":
        lines = []
        for line in output.splitlines():
            command = re.match(r"::\w+ ?(.*?)::(.*)", line)
            if command:
                line = f"{command.group(1)}\n{command.group(2)}"
            lines.append(re.sub("%(25|3A|2C|0A|0D)", lambda m: bytes.fromhex(m[1]).decode(), line))
        output = "\n".join(lines)
    return output.replace("? 无法判断", "无法判断")  # the status's symbol, not a question mark


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        xml = book.read("word/document.xml").decode("utf-8")
    text = html.unescape(re.sub(r"</w:p>", "\n", re.sub(r"<(?!/w:p>)[^>]*>", "", xml)))
    return text.replace("? 无法判断", "无法判断")


def half_width(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if half_width_beside_chinese(line)]


FORMATS = ["table", "markdown", "html", "junit", "github"]
NATIONAL = SAMPLES / "plans" / "national-14th-fyp"


@pytest.mark.parametrize("fmt", FORMATS)
def test_evaluate_with_tasks(files: dict[str, Path], fmt: str) -> None:
    result = run("evaluate", files["submission"], "--plan", files["plan"], "--tasks",
                 files["progress"], "--lang", "zh", "-f", fmt)  # fmt: skip
    assert result.code in (0, 1), result.stderr
    assert half_width(text_of(fmt, result.stdout)) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_tasks_check(files: dict[str, Path], fmt: str) -> None:
    result = run("tasks", "check", files["progress"], "--plan", files["plan"], "--lang", "zh",
                 "-f", fmt)  # fmt: skip
    assert result.code in (0, 1), result.stderr
    assert half_width(text_of(fmt, result.stdout)) == []


def test_evaluate_with_tasks_in_word(files: dict[str, Path], tmp_path: Path) -> None:
    pytest.importorskip("docx")
    out = tmp_path / "report.docx"
    result = run("evaluate", files["submission"], "--tasks", files["progress"], "--plan",
                 files["plan"], "--lang", "zh", "-f", "docx", "-o", out)  # fmt: skip
    assert result.code in (0, 1), result.stderr
    assert half_width(docx_text(out.read_bytes())) == []


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_task_list(files: dict[str, Path], fmt: str) -> None:
    result = run("tasks", "--plan", files["plan"], "--lang", "zh", "-f", fmt)
    assert result.code == 0, result.stderr
    assert half_width(result.stdout) == []


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_the_template(files: dict[str, Path], fmt: str) -> None:
    result = run("template", "--plan", files["plan"], "--lang", "zh", "-f", fmt)
    assert result.code == 0, result.stderr
    text = result.stdout
    if fmt == "csv":  # the commas between the cells are the file's
        text = "\n".join("\t".join(row) for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert half_width(text) == []


EVALUATIONS = [(fmt, case) for case in ("years", "districts", "national") for fmt in FORMATS]


@pytest.mark.parametrize(("fmt", "case"), [*EVALUATIONS, ("table", "details")])
def test_evaluate(files: dict[str, Path], fmt: str, case: str) -> None:
    args: list[str | Path] = {
        "years": [files["2021"], files["2022"], files["submission"], "--plan", files["plan"]],
        "districts": [files["districts"], "--plan", files["plan"]],
        "national": [files["national_sample"], "--plan", files["national"]],
        "details": [files["districts"], "--plan", files["plan"], "--details"],  # the table's
    }[case]
    result = run("evaluate", *args, "--lang", "zh", "-f", fmt)
    assert result.code in (0, 1), result.stderr
    assert half_width(text_of(fmt, result.stdout)) == []


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_diff(files: dict[str, Path], fmt: str) -> None:
    result = run("diff", files["2022"], files["submission"], "--plan", files["plan"], "--lang",
                 "zh", "-f", fmt)  # fmt: skip
    assert result.code in (0, 1), result.stderr
    assert half_width(text_of(fmt, result.stdout)) == []


@pytest.mark.parametrize("fmt", ["table", "junit", "github"])
def test_check(files: dict[str, Path], fmt: str, tmp_path: Path) -> None:
    noted = tmp_path / "2023.csv"  # a column plancheck does not use: a warning
    with files["submission"].open(encoding="utf-8", newline="") as source:
        rows = [
            [*row, "数据来源" if n == 0 else "统计局"] for n, row in enumerate(csv.reader(source))
        ]
    with noted.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    result = run("check", noted, files["2022"], "--plan", files["plan"], "--lang", "zh",
                 "-f", fmt)  # fmt: skip
    assert result.code == 0, result.stderr
    if fmt != "github":  # whose ::warning is the workflow command's name
        assert "警告：" in result.stdout and "plancheck 不使用“数据来源”列" in result.stdout
        assert "warning" not in result.stdout
    assert half_width(text_of(fmt, result.stdout)) == []


def test_the_issues_examples(files: dict[str, Path]) -> None:
    """Issue: 区法院(配合单位:区司法局): 19.1: 未完成 and [◐ 推进中, 区司法局]."""
    shown = run("evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLES / "progress-2023.yaml",
                "--lang", "zh").stdout  # fmt: skip
    assert (
        "19 严格落实诉讼制度改革各项任务 — 区法院（配合单位：区司法局）：19.1：未完成"
        in shown.replace("\n", "")
    )  # as wrapped
    assert "10 以科技手段提升政府治理效能（◐ 推进中，区政务服务办）" in shown
    english = run("evaluate", SAMPLES / "2023.csv", "--tasks", SAMPLES / "progress-2023.yaml",
                  "--lang", "en").stdout  # fmt: skip
    assert "— 区法院 (partners: 区司法局): 19.1: not done" in english
    assert "[◐ in progress, 区政务服务办]" in english
    template = run("template", "-f", "yaml", "--lang", "zh").stdout
    assert "— 目标：100%" in template
