"""Read one YAML file and remember where every key and value stands.

Validation errors are only useful to the communications team if they name a line, so
the parsed data comes with a map from each path (("services", 0, "title")) to its
line and column in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import re

import yaml

from .problems import Problem

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlSource:
    """A parsed file: its data and the position of each path in it."""

    path: Path
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def position(self, path: PathKey, *, key: bool = False) -> Position:
        """The position of `path`, or of its nearest parent that has one."""
        table = self.keys if key else self.values
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Position(1, 1)


class _Loader(yaml.SafeLoader):
    """Safe loading, but every scalar stays text except true, false and an empty value.

    YAML 1.1 reads `no`, `on`, `off` or `yes` as booleans, `9:30` as 570 (minutes, in
    base 60), `0450` as an octal number, `2025` or `3.5` as numbers. The content has no
    numeric field, and for French text those readings are traps: a title "9:30" would be
    refused, an extension "0450" silently changed.
    """


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml: several times faster. A file it refuses is read again
    by `_Loader`, whose error messages `_syntax_problem` knows."""


_NOT_TEXT = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
for _loader_class in (_Loader, _FastLoader):
    _loader_class.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_TEXT]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
    }
    _loader_class.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
_SCALARS = yaml.constructor.SafeConstructor()


def decode(path: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM), Windows line ends accepted."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(path, line, column, "not_utf8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse(path: Path, text: str) -> tuple[YamlSource | None, list[Problem]]:
    """Parse `text`; on a syntax error, say where the real cause most likely is."""
    if "\t" in text:
        index = text.index("\t")
        line = text.count("\n", 0, index) + 1
        before = text[text.rfind("\n", 0, index) + 1 : index]
        if not before.strip():  # a tab used for indentation
            return None, [Problem(path, line, len(before) + 1, "tab_indent")]
    try:
        node = _compose(_FastLoader, text)
    except yaml.MarkedYAMLError:
        try:
            node = _compose(_Loader, text)
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_problem(path, text, error)]
    if node is None:
        return None, [Problem(path, 1, 1, "empty_file")]
    source = YamlSource(path=path, data=None)
    problems: list[Problem] = []
    source.data = _construct(node, (), source, problems)
    return source, problems


def _compose(loader_class: type, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(node: yaml.Node, path: PathKey, source: YamlSource, problems: list[Problem]) -> Any:
    source.values[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            where = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                problems.append(Problem(source.path, where.line, where.column, "duplicate_key", key=key))
                continue
            source.keys[path + (key,)] = where
            result[key] = _construct(value_node, path + (key,), source, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(child, path + (index,), source, problems)
            for index, child in enumerate(node.value)
        ]
    return _SCALARS.construct_object(node, deep=True)


_QUOTE_START = re.compile(r"""^(\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?)(["'])""")


def _first_unclosed_quote(text: str, last_line: int) -> tuple[int, int] | None:
    """The first line, up to `last_line`, whose value opens a quote and does not close it.

    YAML lets a quoted text run over several lines, so the parser only complains much
    later; the content never needs that (long texts use `>-`), so such a line is the
    mistake.
    """
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        match = _QUOTE_START.match(line)
        if not match:
            continue
        quote = match.group(2)
        rest = line[match.end():]
        if quote == '"':
            rest = rest.replace('\\\\', "").replace('\\"', "")
        else:
            rest = rest.replace("''", "")
        if quote not in rest:
            return number, match.end()
    return None


def _syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """Point at the cause, not where the parser gave up.

    An unclosed quote makes the parser fail lines later, at the end of the file or at
    the next quote; the line where the quoted scalar started is where the fix goes.
    """
    mark = error.problem_mark or error.context_mark
    context = error.context or ""
    problem = error.problem or ""
    unclosed = _first_unclosed_quote(text, mark.line + 1 if mark else len(text.splitlines()))
    if unclosed is not None:
        return Problem(path, unclosed[0], unclosed[1], "unclosed_quote")
    if "quoted scalar" in context and error.context_mark is not None:
        mark = error.context_mark
        return Problem(path, mark.line + 1, mark.column + 1, "unclosed_quote")
    if "mapping values are not allowed" in problem:
        line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        key = re.match(r"^(\s*)(?:-\s+)?[\w.-]+:", line)
        if key and key.end() - 1 == mark.column:  # the line's own key: it is mis-indented
            return Problem(path, mark.line + 1, len(key.group(1)) + 1, "bad_indent")
        return Problem(path, mark.line + 1, mark.column + 1, "colon_in_text")
    if "expected <block end>" in problem or "expected <block end>" in context:
        return Problem(path, mark.line + 1, mark.column + 1, "bad_indent")
    if "could not find expected ':'" in problem and error.context_mark is not None:
        mark = error.context_mark
        return Problem(path, mark.line + 1, mark.column + 1, "missing_colon")
    return Problem(
        path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml_syntax",
        detail=problem or context,
    )
