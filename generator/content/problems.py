"""Content problems, told the way the communications team can act on them.

Every problem names the file, the line and the column, says what is wrong and what
to do, in French by default and in English when the user's locale is English:
`content/en/services.yaml:14:7: <what is wrong> — <what to do>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..printable import display_path, shown  # (imported from here by the content's modules)
from ..strings import LANGUAGES, format_number, message_language, section


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one content file."""

    path: Path
    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, path: Path, line: int, column: int, code: str, **params: Any) -> None:
        object.__setattr__(self, "path", Path(path))
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    def message(self, language: str | None = None, *, verbose: bool = False) -> str:
        """What is wrong and what to do; `verbose` (`--verbose`): with the internal keys
        a message keeps for those who ask (a `<code>_verbose` entry of the catalog's `problems`)."""
        language = language or message_language()
        messages = section(language, "problems")
        template = messages[self.code]
        if verbose:
            template += messages.get(self.code + "_verbose", "")
        params = {key: _localise(value, language) for key, value in self.params.items()}
        return template.format_map(_Defaults(params))

    def place(self) -> str:
        """Where, as editors and terminals link it: `file:line:column` (the file alone
        for a problem about a folder or a whole file)."""
        if self.line == 0:
            return display_path(self.path)
        return f"{display_path(self.path)}:{self.line}:{self.column}"

    def __str__(self) -> str:
        return f"{self.place()}: {self.message()}"


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _localise(value: Any, language: str) -> Any:
    """Params may carry one text per language (a dict with one key per language)."""
    if isinstance(value, dict) and set(value) == set(LANGUAGES):
        return value[language]
    if isinstance(value, Path):
        return display_path(value)
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:  # 800 161 / 800,161
        return format_number(value, language)
    return value


class ContentProblems(Exception):
    """Raised with every problem found in one run, never only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.column))
        super().__init__("\n".join(str(problem) for problem in self.problems))
