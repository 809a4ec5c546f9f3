"""`offre check --format gitlab|github`: the check's messages where a reviewer reads them.

A pipeline runs `offre check` on every commit and merge request; its human lines are in
the job's log, which a reviewer seldom opens. The same findings, in the forms the hosts
show beside the change:

- `gitlab`: a Code Quality report (Code Climate JSON: description, check_name,
  fingerprint, severity, location.path and location.lines.begin), which GitLab shows in
  the merge request. Written alone on standard output (`… > gl-code-quality-report.json`),
  the human lines still going to standard error, for the job's log.
- `github`: workflow commands (`::error file=…,line=…,col=…::message`), which GitHub
  shows as annotations on the pull request's files and the run's summary, in place of
  the human lines.

Every place is a content file, relative to the folder the command runs in (the
repository's root in a pipeline). A brochure that overflows points at the section that
does not fit when it is known, else at the file that holds what is too long (the back
panel's contacts, the cover's banner) in that brochure's language.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .store import digest
from .strings import LANGUAGES

if TYPE_CHECKING:
    from .brochure.render import Overflow
    from .content.problems import Problem

FORMATS = ("text", "gitlab", "github")
ERROR, WARNING = "error", "warning"
_CODE_CLIMATE_SEVERITY = {ERROR: "blocker", WARNING: "minor"}  # an error stops publishing: it blocks
# The file holding what overflows when no section is named: the back panel holds the
# contacts, the cover the banner; anything else flows from the sections.
_PANEL_FILE = {"back": "contact.yaml", "cover": "organisation.yaml"}


@dataclass(frozen=True)
class Finding:
    """One message of the check, at one place of one content file (line 0: the file as a whole)."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str


def from_problem(problem: Problem, severity: str = ERROR) -> Finding:
    """A content problem (or a warning), at its file, line and column."""
    return Finding(_relative(problem.path), problem.line, problem.column if problem.line else 0, severity,
                   problem.code, problem.message())


def from_overflow(overflow: Overflow, message: str, content: Path) -> Finding:
    """A brochure that does not fit (render.Overflow and its message), at the section's line."""
    where = ""
    if overflow.section is not None and overflow.section.where:
        where = overflow.section.where
    elif overflow.services:
        where = overflow.services[0][0].where
    elif overflow.longest:
        where = overflow.longest[0][0].where
    path, line = _split_where(where)
    if not path:
        file = _PANEL_FILE.get(overflow.panel, "organisation.yaml")
        path = _relative(Path(content) / (overflow.language or LANGUAGES[0]) / file)
    return Finding(path, line, 0, ERROR, f"brochure_{overflow.kind}", message)


def for_language(content: Path, language: str, message: str, code: str, severity: str = WARNING) -> Finding:
    """A message about a whole brochure (a sparse panel): at its language's organisation.yaml."""
    return Finding(_relative(Path(content) / language / "organisation.yaml"), 0, 0, severity, code, message)


def gitlab(findings: list[Finding]) -> str:
    """A GitLab Code Quality report. Fingerprints leave the line out, so a problem that
    moves with an edit above it is still the same problem to the merge request's widget."""
    seen: Counter[str] = Counter()
    issues = []
    for finding in findings:
        key = f"{finding.path}\0{finding.code}\0{finding.message}"
        seen[key] += 1
        issues.append({
            "type": "issue",
            "check_name": f"offre/{finding.code}",
            "description": finding.message,
            "categories": ["Bug Risk"],
            "severity": _CODE_CLIMATE_SEVERITY[finding.severity],
            "fingerprint": digest(f"{key}\0{seen[key]}"),
            "location": {"path": finding.path, "lines": {"begin": max(finding.line, 1)}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def github(findings: list[Finding]) -> str:
    """GitHub workflow commands, one line each: a message can never end its line early
    nor start a command of its own (newlines, `%`, and in properties `:` and `,` are
    escaped as GitHub documents)."""
    lines = []
    for finding in findings:
        properties = [f"file={_property(finding.path)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
            if finding.column:
                properties.append(f"col={finding.column}")
        properties.append(f"title={_property('offre check')}")
        lines.append(f"::{finding.severity} {','.join(properties)}::{_data(finding.message)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: Path) -> str:
    """The path as the pipeline's tools expect it: relative, with '/'."""
    from .content.problems import display_path

    return PurePosixPath(*Path(display_path(Path(path))).parts).as_posix()


def _split_where(where: str) -> tuple[str, int]:
    """'content/fr/services.yaml:48' → ('content/fr/services.yaml', 48)."""
    path, _, line = where.rpartition(":")
    if path and line.isdigit():
        return _relative(Path(path)), int(line)
    return (_relative(Path(where)), 0) if where else ("", 0)
