"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives each node a start mark; we build plain Python data from the nodes and keep
a map from each value's path (``("indicators", 3, "target")``) to its 1-based line and column, so a
pydantic error or a bad value can be reported as ``file:line:column``. Only plain YAML is accepted:
no Python tags, no anchors/aliases (which also rules out alias bombs), no duplicate keys, bounded
nesting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plancheck.errors import UserError

MAX_DEPTH = 64
_PLAIN_SCALAR_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class MarkedYaml:
    """The data of one YAML document, and the line/column where each path starts."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the deepest known prefix of ``path`` (pydantic adds union tags)."""
        best: tuple[int, int] | None = self.marks.get(())
        known: Path_ = ()
        for step in path:
            candidate = (*known, step)
            if candidate in self.marks:
                known = candidate
                best = self.marks[candidate]
        return best if best is not None else (None, None)

    def error(self, path: Path_, message: str) -> UserError:
        line, column = self.where(path)
        return UserError(message, self.file, line, column)


def read_yaml(text: str, file: str | Path) -> MarkedYaml:
    """Parse one YAML document from ``text``; raise a located UserError on anything unsafe."""
    name = str(file)
    node = _compose_fast(text)
    try:
        if node is None:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise UserError(f"invalid YAML: {problem}", name) from None
        raise UserError(f"invalid YAML: {problem}", name, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise UserError(f"invalid YAML: {exc}", name) from None
    except RecursionError:
        raise UserError(f"YAML nested too deeply (more than {MAX_DEPTH} levels)", name) from None
    if node is None:
        return MarkedYaml(None, name, {})
    builder = _Builder(name)
    data = builder.build(node, (), 0)
    return MarkedYaml(data, name, builder.marks)


_FLOW = re.compile(r"[\[\]{}]")


def _compose_fast(text: str) -> Any:
    """Compose with libyaml (10× faster than PyYAML's own composer) when it is safe to.

    libyaml composes nested nodes by recursion on the C stack, which a deeply nested document
    could overflow; it is used only when the nesting is provably shallow (short indentation bounds
    the block nesting, few brackets the flow nesting). On any problem the pure-Python composer runs
    again, so messages, marks and limits are exactly those of PyYAML. Returns None to mean "use
    PyYAML"; a document with no node composes to the same None either way.
    """
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None or len(text) > _FAST_LIMIT or not _shallow(text):
        return None
    try:
        return yaml.compose(text, Loader=loader)
    except Exception:
        return None


_FAST_LIMIT = 4 * 1024 * 1024


def _shallow(text: str) -> bool:
    """Block nesting needs indentation or a leading "- " per level; flow nesting a bracket."""
    prefixes = (len(line) - len(line.lstrip(" -")) for line in text.splitlines())
    if max(prefixes, default=0) > 400:
        return False
    depth = deepest = 0
    for match in _FLOW.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(depth, deepest)
    return deepest <= MAX_DEPTH


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> UserError:
        return UserError(message, self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"YAML nested too deeply (more than {MAX_DEPTH} levels)")
        if id(node) in self.seen:
            raise self.fail(node, "YAML anchors and aliases (&, *) are not supported")
        self.seen.add(id(node))
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self.fail(node, f"unsupported YAML tag {node.tag}")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "a mapping key must be a plain value")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "YAML merge keys (<<) are not supported")
                key = str(self.scalar(key_node))
                if key in result:
                    raise self.fail(key_node, f"duplicate key '{key}'")
                child = (*path, key)
                self.marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, f"unsupported YAML tag {node.tag}")
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag not in _PLAIN_SCALAR_TAGS:
            raise self.fail(node, f"unsupported YAML tag {node.tag}")
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.fail(node, f"invalid value: {getattr(exc, 'problem', exc)}") from None
        except (ValueError, OverflowError) as exc:  # e.g. the date 2023-02-30
            raise self.fail(node, f"invalid value '{node.value}': {exc}") from None
