"""YAML submissions. Two shapes, documented in the README:

year: 2023            # optional when --year or the file name says it
unit: 徐汇区           # optional; the plan's own unit by default
values:               # indicator number or name → figure, or a mapping with more
  "1": 100
  规范性文件审查纠错率: {value: 1.2, reference: 1.8}
  "18": {value: 92, rank: 3, note: 第三方测评}

records:              # the long form: the same fields as the CSV columns
  - {unit: 徐汇区, year: 2023, indicator: "5", value: 1.2, reference: 1.8}

As in a CSV header, a record gives each field once (``value`` and ``数值`` both: an error at the
second key), but for the indicator's number and name (序号 and 指标), which must agree. A
record's own year beside the file's ``year:`` must be the same year (an error at the record's
key): a year that silently overrode the file's was most likely a slip.

Figures and keys are read as the text typed, as a CSV cell is (``yamlfile``'s numbers_as_text):
``0100`` is 100 and the key ``010`` indicator 10, never YAML 1.1's octal 64 and 8.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from plancheck.errors import UserError
from plancheck.i18n import say
from plancheck.submission import columns
from plancheck.submission.models import RawRecord
from plancheck.submission.values import BadValue, parse_year, shown
from plancheck.yamlfile import MarkedYaml, read_yaml

_TOP_KEYS = {"year", "unit", "values", "records"}
_ENTRY_KEYS = {"value", "reference", "rank", "note"}


def read_yaml_submission(text: str, file: str) -> Iterator[RawRecord]:
    doc = read_yaml(text, file, numbers_as_text=True)
    data = doc.data
    if not isinstance(data, dict):
        raise UserError(say("yaml.submission_mapping"), file, 1, 1)
    for key in data:
        if key not in _TOP_KEYS:
            raise doc.error((key,), say("yaml.unknown_top_key", key=shown(key)))
    if "values" not in data and "records" not in data:
        raise UserError(say("yaml.values_or_records"), file, 1, 1)
    common: dict[str, tuple[object, str]] = {
        field: (_scalar(doc, (field,), data[field], field), field)
        for field in ("year", "unit")
        if field in data
    }
    if "values" in data:
        yield from _values(doc, data["values"], common)
    if "records" in data:
        yield from _records(doc, data["records"], common)


def _scalar(doc: MarkedYaml, path: tuple[str | int, ...], value: object, label: str) -> object:
    """A cell is one value: a list or mapping where a figure, unit or note goes is an error."""
    if isinstance(value, list | dict):
        kind = say("yaml.a_list") if isinstance(value, list) else say("yaml.a_mapping")
        raise doc.error(path, say("yaml.single_value", label=label, kind=kind))
    return value


def _where(
    doc: MarkedYaml,
    path: tuple[str | int, ...],
    keys: dict[str, str] | None,
    common: dict[str, tuple[object, str]],
) -> Callable[[str], tuple[int | None, int | None]]:
    """Where a field of the entry at ``path`` is: its own key's place (``keys``: field → the
    key it was given under, 数值 for value); else, for one the file gives once (its ``year:``,
    ``unit:``), that key's — one place, one error, never one per figure; else the entry's
    (a bare value's line, ``"4": 100``: its key and its value, ``keys`` None)."""

    def where(field: str) -> tuple[int | None, int | None]:
        if keys is not None and field in keys:
            return doc.where((*path, keys[field]))
        if field in common:
            return doc.where((field,))
        if keys is None:
            return doc.where(path)[0], None
        return doc.where((*path, field))

    return where


def _second(
    doc: MarkedYaml, path: tuple[str | int, ...], keys: dict[str, str], field: str, key: str
) -> str:
    """The field a record's second key for ``field`` gives: as in a CSV header, a second
    indicator (序号 and 指标: the number and the name) is ``other_indicator``, which must name
    the same indicator; a third, or any other field given twice, is an error at its key."""
    if field == "indicator":
        if "other_indicator" not in keys:
            return "other_indicator"
        named = say("list").join((keys["indicator"], keys["other_indicator"], key))
        raise doc.error((*path, key), say("read.three_indicator_keys", keys=named))
    raise doc.two_keys(path, field, keys[field], key)


def _same_year(
    doc: MarkedYaml, path: tuple[str | int, ...], year: object, file_year: object
) -> None:
    """A record's own year (at ``path``) and the file's ``year:`` both given: an error at the
    record's key when they are two years (``2023`` and ``2023年`` are one). A year that is no
    year is said where the rows are read, as any bad cell."""
    try:
        own, top = parse_year(year), parse_year(file_year)
    except BadValue:
        return
    if own is not None and top is not None and own != top:
        line, _ = doc.where(("year",))
        message = say("yaml.record_year_disagrees", year=own, file_year=top, line=line)
        raise doc.error(path, say("cell", label=str(path[-1]), message=message))


def _line(doc: MarkedYaml, path: tuple[str | int, ...]) -> int:
    mark = doc.marks.get(path)  # a record's or an entry's own mark, as where() finds it first
    line, _ = mark if mark is not None else doc.where(path)
    return line or 1


def _values(
    doc: MarkedYaml, values: object, common: dict[str, tuple[object, str]]
) -> Iterator[RawRecord]:
    if values is None:
        return
    if not isinstance(values, dict):
        raise doc.error(("values",), say("yaml.values_mapping"))
    for key, entry in values.items():
        path = ("values", key)
        cells = dict(common)
        cells["indicator"] = (key, "values")
        if isinstance(entry, dict):
            for field in entry:
                if field not in _ENTRY_KEYS:
                    raise doc.error((*path, field), say("yaml.unknown_entry_key", key=field))
            cells.update({f: (_scalar(doc, (*path, f), v, f), f) for f, v in entry.items()})
            cells.setdefault("value", (None, "value"))
        elif isinstance(entry, list):
            raise doc.error(path, say("yaml.entry_list", key=shown(key)))
        else:
            cells["value"] = (entry, "value")
        keys = {f: f for f in entry} if isinstance(entry, dict) else None
        yield RawRecord(doc.file, _line(doc, path), cells, _where(doc, path, keys, common))


def _records(
    doc: MarkedYaml, records: object, common: dict[str, tuple[object, str]]
) -> Iterator[RawRecord]:
    if records is None:
        return
    if not isinstance(records, list):
        raise doc.error(("records",), say("yaml.records_list"))
    fields: dict[str, str] = {}  # a key → its field, "" for a column only people read
    for n, entry in enumerate(records):
        path = ("records", n)
        if not isinstance(entry, dict):
            raise doc.error(path, say("yaml.record_mapping"))
        cells = dict(common)
        keys: dict[str, str] = {}  # field → the key the record gives it under
        for key, value in entry.items():
            field = fields.get(key)  # the same few keys on every record: each looked up once
            if field is None:
                field = columns.field_of(str(key))
                if field is None:
                    if not columns.is_informational(str(key)):
                        raise doc.error((*path, key), say("yaml.unknown_key", key=shown(key)))
                    field = ""
                fields[key] = field
            if not field:
                continue
            if field in keys:  # a field given twice: refused, but for a number and a name
                field = _second(doc, path, keys, field, key)
            keys[field] = key
            cells[field] = (_scalar(doc, (*path, key), value, str(key)), str(key))
            if field == "year" and "year" in common:
                _same_year(doc, (*path, key), value, common["year"][0])
        if "indicator" not in cells:
            raise doc.error(path, say("yaml.record_no_indicator"))

        cells.setdefault("value", (None, "value"))
        yield RawRecord(doc.file, _line(doc, path), cells, _where(doc, path, keys, common))
