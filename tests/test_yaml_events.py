"""Data files (submissions, progress reports) in plain YAML are read from libyaml's events as they
come, with no node tree: the data and the marks (line and column of every path) must be exactly
those of the node-by-node reading, and anything not plain must go node by node, which says what
is wrong (the messages themselves: tests/cases/hostile/yaml_*)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plancheck import yamlfile
from plancheck.yamlfile import read_yaml


def node_by_node(text: str) -> tuple[Any, dict[Any, tuple[int, int]]]:
    """What the pure-Python composer and the node builder give (independent of libyaml)."""
    node = yaml.compose(text, Loader=yamlfile._TEXT_NUMBER_LOADERS[0])
    if node is None:
        return None, {}
    builder = yamlfile._Builder("t.yaml", yamlfile._Lines(text))
    return builder.build(node, (), 0), builder.marks


PLAIN = {
    "records": 'records:\n  - {unit: 徐汇区, year: 2023, indicator: "1", value: 98}\n'
    "  - {unit: 长宁区, year: 2023, indicator: 规范性文件审查纠错率, value: 1.2, note: 第三方}\n",
    "values": 'year: 2023\nunit: 徐汇区\nvalues:\n  "1": 100\n  规范性文件审查纠错率: {value: 1.2, '
    "reference: 1.8}\n  \"18\":\n    value: 92\n    rank: 3\n    note: '第三方测评'\n",
    "scalars": 'a: ~\nb: yes\nc: 2023-12-31\nd: 0100\ne: "quoted: text"\nf: |\n  two\n  lines\n'
    "g: [1, [2, [3, {h: 4}]]]\n~: null key\ntrue: bool key\n? plain\n: explicit key\n",
    "same_text_twice": "a: 2023\nb: '2023'\nc: 2023\nd: [\"2023\", 2023, '2023']\n",
    "explicit_document": "---\n- 1\n- - 2\n  - 3\n...\n",
    "tagged_plainly": "a: !!str 5\nb: !!map {c: 1}\nd: !!seq [e]\nf: ! text\n",
    "empty": "",
    "comments_only": "# nothing\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "wide_characters_before_values": "指标名称: {数值: 1, 说明: 备注, 年份: 2023}\n",
}


@pytest.mark.parametrize("name", list(PLAIN))
def test_a_plain_document_reads_from_events_as_node_by_node(name: str) -> None:
    text = PLAIN[name]
    assert yamlfile._read_events(text, yamlfile._Lines(text)) is not None, "read from events"
    doc = read_yaml(text, "t.yaml", numbers_as_text=True)
    assert (doc.data, doc.marks) == node_by_node(text)


def test_many_records_read_from_events_as_node_by_node() -> None:
    text = "records:\n" + "".join(
        f'  - {{unit: 县{n // 115:05d}, year: {2021 + n % 5}, indicator: "{n % 23 + 1}", '
        f"value: {n % 97}.5}}\n"
        for n in range(3000)
    )
    doc = read_yaml(text, "t.yaml", numbers_as_text=True)
    assert (doc.data, doc.marks) == node_by_node(text)
    assert doc.marks[("records", 2999, "value")] == (3001, 49)  # the key, counted in characters


NOT_PLAIN = {
    "alias": "a: &x 1\nb: *x\n",
    "anchor": "a: &x 1\n",
    "python_tag": "a: !!python/object:os.system ls\n",
    "number_tag": "a: !!int '5'\n",
    "merge_key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "duplicate_key": "a: 1\na: 2\n",
    "complex_key": "? [1, 2]\n: x\n",
    "too_deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "two_documents": "a: 1\n---\nb: 2\n",
    "line_separator": "a: one\u2028two\n",
    "syntax": "a: [1, 2\n",
    "impossible_date": "a: 2023-02-30\n",
    "surrogate": 'a: "\\ud800"\n',
    "text_not_of_its_tag": "a: !!null x\n",  # read so it would be None: said node by node
    "bool_tag_on_a_number": "a: !!bool '100'\n",
}


@pytest.mark.parametrize("name", list(NOT_PLAIN))
def test_a_document_that_is_not_plain_goes_node_by_node(name: str) -> None:
    text = NOT_PLAIN[name]
    assert yamlfile._read_events(text, yamlfile._Lines(text)) is None


def test_a_large_documents_marks_are_its_records_and_deeper_ones_are_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past SHALLOW_FROM characters only the marks of records are kept (hundreds of megabytes at
    a national file's size); a deeper path's line and column, an error's, are those of reading
    every mark, read again from the text the first time one is asked for."""
    text = "records:\n" + "".join(
        f'  - {{unit: 县{n:05d}, year: 2023, indicator: "{n % 23 + 1}", value: {n % 97}}}\n'
        for n in range(500)
    )
    full = read_yaml(text, "t.yaml", numbers_as_text=True)
    monkeypatch.setattr(yamlfile, "SHALLOW_FROM", 0)
    shallow = read_yaml(text, "t.yaml", numbers_as_text=True)
    assert shallow.data == full.data
    assert shallow.marks == {p: m for p, m in full.marks.items() if len(p) <= 2}
    assert len(shallow.marks) < len(full.marks) / 4
    for path in full.marks:
        assert shallow.where(path) == full.where(path)
    deeper = ("records", 499, "value", "x")  # a path past the marks: its deepest known prefix
    assert shallow.where(deeper) == full.where(deeper) == full.marks[deeper[:3]]


def test_an_error_deep_in_a_large_submission_names_its_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from tests.conftest import run

    records = [
        f'  - {{unit: 徐汇区, year: 2023, indicator: "{n + 1}", value: 90}}\n' for n in range(23)
    ]
    records[17] = '  - {unit: 徐汇区, year: 2023, indicator: "18", valeu: 90}\n'
    path = tmp_path / "2023.yaml"
    path.write_text("records:\n" + "".join(records), encoding="utf-8")
    first = run("evaluate", path)
    monkeypatch.setattr(yamlfile, "SHALLOW_FROM", 0)
    second = run("evaluate", path)
    assert first.code == second.code == 2
    assert first.stderr == second.stderr and f"{path}:19:" in first.stderr, first.stderr


def test_a_submission_is_read_once_one_record_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A YAML submission is read from its events once, its records one at a time as they
    come: never the whole file's data (``read_yaml``), nor a second pass for its units'
    places (each record comes with its own marks)."""
    from plancheck import yamlfile
    from plancheck.plan.load import load_plan
    from plancheck.submission.read import read_submission

    reads: list[int] = []
    real = yamlfile.PlainEvents.entries
    monkeypatch.setattr(yamlfile.PlainEvents, "entries", lambda s: reads.append(1) or real(s))
    monkeypatch.setattr(yamlfile, "_read_events", lambda *a, **k: pytest.fail("read whole"))
    held: list[int] = []
    real_entry = yamlfile.PlainEvents._entries

    def entries(events: yamlfile.PlainEvents) -> Any:
        for entry in real_entry(events):
            held.append(len(events.root["records"]))
            yield entry

    monkeypatch.setattr(yamlfile.PlainEvents, "_entries", entries)
    source = tmp_path / "2023.yaml"
    source.write_text(
        'records:\n  - {unit: 徐汇区, indicator: "4", value: 100}\n'
        '  - {unit: 长宁区, indicator: "4", value: 90}\n',
        encoding="utf-8",
    )
    submission = read_submission([source], load_plan(None), None)
    assert len(reads) == 1
    assert held == [0, 0]  # the records list holds none of them
    assert len(submission.observations) == 2


def _plan_of_any_units(tmp_path: Path) -> Path:
    """The bundled plan admitting units beyond its peer group (县0001…)."""
    from tests.conftest import ROOT

    text = (ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "indicators.yaml").write_text(
        text.replace("\nplan:\n", "\nplan:\n  other_units: true\n", 1), encoding="utf-8"
    )
    return plan


def test_a_large_yaml_submission_reports_as_the_same_figures_in_csv(tmp_path: Path) -> None:
    """Read one record at a time, a large YAML submission gives the very report its figures
    give as a CSV file: values, notes, lines, the units' order, a figure typed ``095`` (95)
    and an indicator ``010`` (indicator 10), a record without a value."""
    from tests.conftest import run

    plan = _plan_of_any_units(tmp_path)
    csv_rows, yaml_rows = ["unit,year,indicator,value,note\n"], ["records:\n"]
    for n in range(2760):  # 40 units × 3 years × 23 indicators
        unit, year, indicator = f"县{n // 69 + 1:04d}", 2021 + n // 23 % 3, n % 23 + 1
        value = "" if n % 97 == 5 else f"{n * 37 % 1000 / 10:g}" if indicator != 7 else "095"
        note = "第三方测评" if n % 11 == 0 else ""
        key = f"0{indicator}" if indicator == 10 else f'"{indicator}"'
        csv_rows.append(f"{unit},{year},{key.strip(chr(34))},{value},{note}\n")
        fields = [f"unit: {unit}", f"year: {year}", f"indicator: {key}"]
        fields += [f"value: {value}"] if value else []
        fields += [f"note: {note}"] if note else []
        yaml_rows.append("  - {" + ", ".join(fields) + "}\n")
    as_csv, as_yaml = tmp_path / "all.csv", tmp_path / "all.yaml"
    as_csv.write_text("".join(csv_rows), encoding="utf-8")
    as_yaml.write_text("".join(yaml_rows), encoding="utf-8")
    reports = []
    for source in (as_csv, as_yaml):
        result = run("evaluate", source, "--plan", plan, "-f", "json")
        assert result.code in (0, 1), result.stderr
        reports.append(result.stdout.replace(str(source), "FILE"))
    assert reports[0] == reports[1]
    assert '"value": 95, ' in reports[0] and '"id": "10"' in reports[0]


def test_a_yaml_error_anywhere_is_said_before_a_bad_record(tmp_path: Path) -> None:
    """Read as it comes, a file's first records are checked before its last are read: what is
    wrong with the YAML further on (an anchor, broken syntax) is still what is said, as when
    the file was read whole first — after a bad record, and after the 50 bad cells that stop
    the reading."""
    from tests.conftest import run

    good = [f'  - {{unit: 徐汇区, year: 2023, indicator: "{n % 23 + 1}", value: 90}}\n'
            for n in range(200)]  # fmt: skip
    for late in ("  - &a {unit: 徐汇区, year: 2023, indicator: \"4\", value: 90}\n",
                 "  - {unit: 徐汇区, year: 2023, indicator: \"4\", value: [90}\n"):  # fmt: skip
        alone = tmp_path / "alone.yaml"
        alone.write_text("records:\n" + "".join(good) + late, encoding="utf-8")
        said = run("evaluate", alone)
        assert said.code == 2 and f"{alone}:202:" in said.stderr, said.stderr
        for bad in ('  - {unit: 徐汇区, year: 2023, indicator: "4", valeu: 90}\n',
                    '  - {unit: 徐汇区, year: 2023, indicator: "4", value: 约68}\n'):  # fmt: skip
            both = tmp_path / "both.yaml"
            both.write_text("records:\n" + bad * 60 + "".join(good[60:]) + late, "utf-8")
            result = run("evaluate", both)
            assert (result.code, result.stderr) == (2, said.stderr.replace(str(alone), str(both)))


def test_a_files_year_after_its_records_is_the_records_year(tmp_path: Path) -> None:
    """A top-level key after ``records:`` (known only at the file's end) is read as before:
    the file is read whole first, its ``year:`` every record's, its unknown key an error."""
    from tests.conftest import run

    records = 'records:\n  - {indicator: "4", value: 100}\n  - {indicator: "6", value: 90}\n'
    late = tmp_path / "late.yaml"
    late.write_text(records + "year: 2023\n", encoding="utf-8")
    result = run("evaluate", late, "-f", "json")
    assert result.code in (0, 1), result.stderr
    assert result.json()["years"] == [2023] and result.statuses()["4"] == "pass"
    late.write_text(records + "yaer: 2023\n", encoding="utf-8")
    result = run("evaluate", late)
    assert result.code == 2 and result.stderr.startswith(f"{late}:4:1: unknown key 'yaer'")


def test_a_record_yaml_reads_by_its_own_rules_reads_from_there_on(tmp_path: Path) -> None:
    """A record the events leave to YAML's own rules (an explicit ``!!int``) after records
    already read: the file reads node by node from there, each record once."""
    from tests.conftest import run

    text = (
        'year: 2023\nrecords:\n  - {indicator: "4", value: 100}\n  - {indicator: "6", value: 90}\n'
    )
    plain, tagged = tmp_path / "plain.yaml", tmp_path / "tagged.yaml"
    plain.write_text(text, encoding="utf-8")
    tagged.write_text(text.replace("value: 90", "value: !!int 90"), encoding="utf-8")
    reports = [run("evaluate", p, "-f", "json") for p in (plain, tagged)]
    assert [r.code for r in reports] == [1, 1], reports[1].stderr
    assert reports[0].stdout.replace("plain", "tagged") == reports[1].stdout


SPLIT = {
    "flow_records": PLAIN["records"],
    "block_records": "year: 2023\nrecords:\n  - unit: 徐汇区\n    indicator: '1'\n    value: 0100\n"
    "  # a comment\n  - {unit: 长宁区, indicator: 规范性文件审查纠错率, note: 'two\n"
    "      lines'\n    }\n  - note: |\n      a block\n    value: 1\n  -\n  - 5\n"
    "  - {value: [1, {a: 2}], b: {c: [d]}}\n  - []\n",
    "values": PLAIN["values"],
    "values_in_flow": 'unit: 徐汇区\nvalues: {"1": 100, "4": {数值: 90}, "5": ~}\n',
    "empty_collections": "records: []\nvalues: {}\n",
    "no_collections": "year: 2023\nunit: [a, b]\n",
    "root_list": "- records\n- [1, 2]\n",
}


@pytest.mark.parametrize("name", list(SPLIT))
def test_entries_split_off_as_they_come_are_the_documents_own(name: str) -> None:
    """The entries of ``records:`` and ``values:`` yielded one by one (with their own marks),
    put back into the root left without them, are the document node by node reads."""
    text = SPLIT[name]
    events = yamlfile.plain_events(text, frozenset({"records", "values"}))
    marks: dict[Any, tuple[int, int]] = {}
    entries = []
    for path, value, own in events.entries():
        assert all(p[: len(path)] == path for p in own), "an entry's marks are its own"
        entries.append((path, value))
        marks.update(own)
    root = events.root
    for (key, at), value in entries:
        if isinstance(root[key], list):
            assert at == len(root[key])
            root[key].append(value)
        else:
            root[key][at] = value
    assert (root, {**events.marks, **marks}) == node_by_node(text)
