"""plan import, init and plan validate speak the run's language: with --lang zh what a person
must do or check, the drafted files' comments and each target's reading are Chinese, and the
draft itself (every value of the YAML) is the one the English run writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from plancheck import i18n
from plancheck.cli import app
from plancheck.kinds import KINDS
from plancheck.plan.load import load_plan

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "tests" / "fixtures" / "national" / "table.docx",
    ROOT / "tests" / "fixtures" / "import" / "changning.txt",
    ROOT / "tests" / "fixtures" / "seed.txt",
]
# English prose: two words of letters in a row (identifiers such as `targets_by_year`, `--period`
# or TODO(plancheck import) are single tokens; a finding's "TODO:"/"check:" marker is set aside).
ENGLISH = re.compile(r"(?<![\w`/-])[A-Za-z]{2,} [A-Za-z]{2,}(?![\w`])")
HAN = re.compile(r"[\u4e00-\u9fff]")


def run(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def english_prose(text: str) -> list[str]:
    text = re.sub(r"`[^`]*`", "", text)  # code: keys and commands
    for command in (
        "plancheck plan validate",
        "plancheck evaluate",
        "plancheck plan import",
        "TODO(plancheck import)",
    ):
        text = text.replace(command, "")
    return ENGLISH.findall(text)


def finding_messages(stdout: str) -> list[tuple[str, str]]:
    """(file:line, message) of each finding the run lists."""
    found = []
    for line in stdout.splitlines():
        if match := re.match(r"\s+(\S+:\d+): (?:TODO|check): (.*)", line):
            found.append((match[1], match[2]))
    return found


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_plan_import_in_chinese_drafts_the_same_plan_with_chinese_words(
    source: Path, tmp_path: Path
) -> None:
    english, chinese = tmp_path / "en", tmp_path / "zh"
    ran_en = run("plan", "import", source, "-o", english, "--lang", "en")
    ran_zh = run("plan", "import", source, "-o", chinese, "--lang", "zh")
    assert ran_en.exit_code == ran_zh.exit_code == 0, ran_zh.output

    # The same draft: every value, in the same place; the same findings at the same lines.
    for name in ("indicators.yaml", "tasks.yaml"):
        en_text = (english / name).read_text(encoding="utf-8")
        zh_text = (chinese / name).read_text(encoding="utf-8")
        assert yaml.safe_load(en_text) == yaml.safe_load(zh_text)
        assert len(en_text.splitlines()) == len(zh_text.splitlines())
        for comment in comments(zh_text):
            assert not english_prose(comment), (name, comment)
            assert HAN.search(comment), (name, comment)
    en_findings = finding_messages(ran_en.stdout)
    zh_findings = finding_messages(ran_zh.stdout)
    assert [where for where, _ in zh_findings] == [
        where.replace(str(english), str(chinese)) for where, _ in en_findings
    ]
    assert zh_findings, "each source asks a person to check something"
    for _, message in zh_findings:
        assert not english_prose(message), message
        assert HAN.search(message), message
    for line in ran_zh.stdout.splitlines():
        if not line.startswith(" "):  # the summary's own lines
            assert not english_prose(line.replace(str(source), "").replace(str(chinese), "")), line
    # The Chinese draft is a plan as it is: it validates.
    assert load_plan(chinese).indicators


def test_init_says_what_it_wrote_in_chinese(tmp_path: Path) -> None:
    ran = run("init", tmp_path / "plan", "--lang", "zh")
    assert ran.exit_code == 0, ran.output
    lines = ran.stdout.splitlines()
    assert lines[0].startswith("已写出 ")
    assert lines[-1].startswith("下一步：plancheck evaluate ")


def kinds_fixture_targets() -> list[Any]:
    plan = load_plan(ROOT / "tests" / "fixtures" / "plans" / "kinds")
    return [indicator.target for indicator in plan.indicators]


def test_every_kind_reads_in_chinese_and_in_english() -> None:
    targets = kinds_fixture_targets()
    assert {type(t) for t in targets} >= set(KINDS) - {t for t in KINDS if t.__name__ in (
        "Qualitative", "Change")}  # fmt: skip
    previous = i18n.set_lang("zh")
    try:
        chinese = [t.describe() for t in targets]
    finally:
        i18n.set_lang(previous)
    english = [t.describe() for t in targets]
    plan = load_plan(ROOT / "tests" / "fixtures" / "plans" / "kinds")
    keys = sorted({*plan.references, *plan.peer_groups}, key=len, reverse=True)
    for target, zh, en in zip(targets, chinese, english, strict=True):
        assert not english_prose(zh), zh
        # A symbol and a number (or a reference's key) read alike (>= 50, > national_average);
        # a word of English (range, around…) is said in Chinese, whichever kind says it.
        words = re.sub("|".join(keys), "", en)
        if re.search(r"[A-Za-z]{2,}", words):
            assert zh != en and HAN.search(zh), (target.kind, zh)
