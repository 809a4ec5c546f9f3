"""Read one YAML file and remember where every key and value stands.

Validation errors are only useful to the communications team if they name a line, so
the parsed data comes with a map from each path (("services", 0, "title")) to its
line and column in the file.

The data is built here from the parser's stream of events, not by PyYAML's composer
and constructor, because a content file is untrusted input: building it step by step,
with no recursion, keeps every hostile shape bounded and told as a message — nesting
deeper than `MAX_DEPTH`, aliases that would expand past `MAX_VALUES` values ("billion
laughs") or refer to themselves, tags (`!foo`), keys that are lists, several documents
in one file, and characters that are not text (controls, lone surrogates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .limits import MAX_DEPTH, MAX_VALUES
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


class _Parser(yaml.SafeLoader):
    """PyYAML's own parser, in Python: only used to explain a syntax error, since its
    messages are the ones `_syntax_problem` knows."""


_FastParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: several times faster

# What YAML itself refuses, and what is not text: C0 controls but tab and line ends,
# DEL, C1 controls (NEL included), surrogates, U+FFFE and U+FFFF.
_NOT_TEXT = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The same, for a value once YAML's escapes ("\x01", "\e", "\ud800") are read; a line end
# may come from an escape ("\n") and is only a space once the text is folded.
_NOT_TEXT_VALUE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# YAML 1.1 reads `no`, `on`, `9:30`, `0450`, `2025` or `3.5` as booleans and numbers: for
# French text those readings are traps (a title "9:30" refused, an extension "0450"
# changed). The content has no numeric field, so only these plain words are not text.
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TEXT_TAGS = {None, "!", "tag:yaml.org,2002:str"}


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
    bad = _NOT_TEXT.search(text)
    if bad:
        line, column = _line_column(text, bad.start())
        return None, [Problem(path, line, column, "control_character", character=_code_point(bad.group()))]
    if "\t" in text:
        index = text.index("\t")
        line = text.count("\n", 0, index) + 1
        before = text[text.rfind("\n", 0, index) + 1 : index]
        if not before.strip():  # a tab used for indentation
            return None, [Problem(path, line, len(before) + 1, "tab_indent")]
    source = YamlSource(path=path, data=None)
    problems: list[Problem] = []
    try:
        source.data = _build(source, problems, _FastParser(text))
    except yaml.YAMLError:
        # libyaml refuses a few things PyYAML's parser reads (a "\ud800" escape, deep
        # nesting): build again with PyYAML's, whose syntax errors are the ones we explain.
        source, problems = YamlSource(path=path, data=None), []
        try:
            source.data = _build(source, problems, _Parser(text))
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_problem(path, text, error)]
        except yaml.YAMLError as error:
            return None, [Problem(path, 1, 1, "yaml_syntax", detail=str(error).splitlines()[0])]
    if problems:
        return (source if source.data is not None else None), problems
    if source.data is None:
        return None, [Problem(path, 1, 1, "empty_file")]
    return source, []


def _build(source: YamlSource, problems: list[Problem], parser: Any) -> Any:
    try:
        return _Builder(source, problems).build(parser)
    finally:
        parser.dispose()


class _Stop(Exception):
    """A problem after which the rest of the file cannot be read sensibly."""


_NO_KEY = object()


@dataclass
class _Open:
    """A mapping or list being built, and where it goes."""

    container: dict[Any, Any] | list[Any]
    path: PathKey
    anchor: str | None
    size: int = 1
    key: Any = _NO_KEY  # mappings: the key waiting for its value
    keep: bool = True  # False for the value of a duplicate key


class _Builder:
    """Builds the data of one YAML document from the parser's events, iteratively."""

    def __init__(self, source: YamlSource, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # name → (value, values it holds)
        self.total = 0
        self.root: Any = None

    def build(self, parser: Any) -> Any:
        documents = 0
        try:
            while parser.check_event():
                event = parser.get_event()
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self._stop(event, "several_documents")
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    self._start(event)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    frame = self.stack.pop()
                    if frame.anchor is not None:
                        self.anchors[frame.anchor] = (frame.container, frame.size)
                    self._place(frame.container, frame.size, frame.path, None)
                elif isinstance(event, yaml.ScalarEvent):
                    self._scalar(event)
                elif isinstance(event, yaml.AliasEvent):
                    self._alias(event)
        except _Stop:
            return None
        return self.root

    # --- events ---------------------------------------------------------------------------

    def _start(self, event: Any) -> None:
        if self._is_key():
            self._stop(event, "complex_key")
        self._check_tag(event, collection=True)
        if len(self.stack) >= MAX_DEPTH:
            self._stop(event, "too_deep", limit=MAX_DEPTH)
        path = self._child_path()
        self._count(event, 1)
        self.source.values[path] = _position(event)
        mapping = isinstance(event, yaml.MappingStartEvent)
        keep = not self.stack or (self.stack[-1].keep and self.stack[-1].key is not _DUPLICATE)
        self.stack.append(_Open({} if mapping else [], path, event.anchor, keep=keep))

    def _scalar(self, event: Any) -> None:
        value = event.value
        bad = _NOT_TEXT_VALUE.search(value)
        if bad:
            self._problem(event, "control_character", character=_code_point(bad.group()))
        if self._is_key():
            if event.anchor is not None or event.tag not in _TEXT_TAGS:
                self._check_tag(event)
            self._key(event, value)
            return
        self._check_tag(event)
        if event.implicit[0]:  # plain, untagged: the only place true/false/empty are not text
            value = _BOOLEANS.get(value, None if value in _NULLS else value)
        path = self._child_path()
        self._count(event, 1)
        self.source.values[path] = _position(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, 1, path, event)

    def _alias(self, event: Any) -> None:
        if self._is_key():
            self._stop(event, "complex_key")
        if event.anchor not in self.anchors:
            # Either never defined, or still open: an alias to its own parent (a loop).
            code = "recursive_alias" if any(f.anchor == event.anchor for f in self.stack) else "unknown_alias"
            self._stop(event, code, name=event.anchor)
        value, size = self.anchors[event.anchor]
        self._count(event, size)
        path = self._child_path()
        self.source.values[path] = _position(event)
        self._place(value, size, path, event)

    # --- helpers --------------------------------------------------------------------------

    def _is_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY

    def _key(self, event: Any, key: str) -> None:
        frame = self.stack[-1]
        position = _position(event)
        if key in frame.container:
            if frame.keep:
                self.problems.append(Problem(self.source.path, position.line, position.column,
                                             "duplicate_key", key=key))
            frame.key = _DUPLICATE
            return
        if frame.keep:
            self.source.keys[frame.path + (key,)] = position
        frame.key = key

    def _child_path(self) -> PathKey:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return frame.path + (len(frame.container),)
        return frame.path + (frame.key,) if frame.key is not _DUPLICATE else frame.path + ("<<duplicate>>",)

    def _place(self, value: Any, size: int, path: PathKey, event: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            if frame.key is not _DUPLICATE:
                frame.container[frame.key] = value
            frame.key = _NO_KEY

    def _count(self, event: Any, size: int) -> None:
        self.total += size
        if self.total > MAX_VALUES:
            self._stop(event, "too_many_values", limit=MAX_VALUES)

    def _check_tag(self, event: Any, *, collection: bool = False) -> None:
        tag = event.tag
        allowed = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"} if collection else _TEXT_TAGS
        if tag not in allowed:
            self._problem(event, "yaml_tag", tag=tag.replace("tag:yaml.org,2002:", "!!"))

    def _problem(self, event: Any, code: str, **params: Any) -> None:
        position = _position(event)
        self.problems.append(Problem(self.source.path, position.line, position.column, code, **params))

    def _stop(self, event: Any, code: str, **params: Any) -> None:
        self._problem(event, code, **params)
        raise _Stop


_DUPLICATE = object()


def _position(event: Any) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


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
        line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""  # type: ignore[union-attr]
        key = re.match(r"^(\s*)(?:-\s+)?[\w.-]+:", line)
        if key and key.end() - 1 == mark.column:  # type: ignore[union-attr]  # the line's own key: it is mis-indented
            return Problem(path, mark.line + 1, len(key.group(1)) + 1, "bad_indent")  # type: ignore[union-attr]
        return Problem(path, mark.line + 1, mark.column + 1, "colon_in_text")  # type: ignore[union-attr]
    if "expected <block end>" in problem or "expected <block end>" in context:
        return Problem(path, mark.line + 1, mark.column + 1, "bad_indent")  # type: ignore[union-attr]
    if "could not find expected ':'" in problem and error.context_mark is not None:
        mark = error.context_mark
        return Problem(path, mark.line + 1, mark.column + 1, "missing_colon")
    return Problem(
        path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml_syntax",
        detail=problem or context,
    )
