"""When the content last changed: the date the brochures carry and the site shows.

Reproducible, not the time of the build: `SOURCE_DATE_EPOCH` when set (as for every
reproducible build), else the date of the last commit that touched the content folder
when it is in git and has no uncommitted change, else the newest content file's
modification time. The same content thus gives the same PDFs, byte for byte.
"""

from __future__ import annotations

import os
from datetime import date, datetime, UTC
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import git
from .problems import Problem

# Québec's time zone (America/Montreal is another name for it): a change committed at
# 20 h on the 14th is dated the 14th on the site, not the 15th as in UTC.
QUEBEC = "America/Toronto"
LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC: a later date (a commit's, a file's) is ignored


def content_date(content_dir: Path, warnings: list[Problem] | None = None) -> datetime:
    """The content's date (see above). A date past any calendar (SOURCE_DATE_EPOCH's, the
    last commit's) is left for the next source, and said in `warnings` (see said_once)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) <= LAST_SECOND:  # (the command line refuses any other: cli.py)
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    if epoch and warnings is not None:  # only when called from Python: the command line stops first
        warnings.append(Problem(Path(content_dir), 0, 0, "epoch_ignored", value=epoch))
    committed = _git_date(content_dir, warnings)
    if committed is not None:
        return committed
    return datetime.fromtimestamp(_newest_mtime(content_dir), tz=UTC).replace(microsecond=0)


def ignored_commit(path: Path, commit: str, stamp: str) -> Problem:
    """The warning for a commit whose date is past the year 9999: at a file it changed
    (or the folder), naming it (the commit's id) and the date as git gave it."""
    return Problem(path, 0, 0, "date_ignored", commit=commit[:12], value=stamp)


ONCE = ("date_ignored", "epoch_ignored")  # warnings said once per command, however often the date is asked


def said_once(warnings: list[Problem]) -> list[Problem]:
    """The warnings with each kind of ignored date said once: the first found stays (the
    others were found asking again, for another language or the history), and tells how
    many other commits were left out for their date."""
    kept: list[Problem] = []
    sources: dict[str, set[str]] = {}
    for warning in warnings:
        if warning.code in ONCE:
            sources.setdefault(warning.code, set()).add(str(warning.params.get("commit", warning.params.get("value"))))
            if any(other.code == warning.code for other in kept):
                continue
        kept.append(warning)
    others = len(sources.get("date_ignored", ())) - 1
    if others > 0:
        told = {"fr": f" (comme celles de {others} autre(s) commit(s))",
                "en": f" (as are those of {others} other commit(s))"}
        kept = [Problem(warning.path, warning.line, warning.column, warning.code, **{**warning.params, "others": told})
                if warning.code == "date_ignored" else warning for warning in kept]
    return kept


def _git_date(content_dir: Path, warnings: list[Problem] | None = None) -> datetime | None:
    """The last commit's date, when the folder is in git and clean (git asked within one
    deadline, see git.py); None too when that date is past any calendar (then said)."""
    until = git.deadline()
    status = git.git(content_dir, "status", "--porcelain", "--", ".", until=until)
    if status is None or status.strip():
        return None  # not in git, or edited since: the files' own times say when
    found = git.git(content_dir, "log", "-1", "--format=%ct %H", "--", ".", until=until)
    stamp, _, commit = (found.decode("ascii", "replace").strip() if found is not None else "").partition(" ")
    if not stamp.isdigit():
        return None
    if int(stamp) > LAST_SECOND:
        if warnings is not None:
            warnings.append(ignored_commit(Path(content_dir), commit, stamp))
        return None
    return datetime.fromtimestamp(int(stamp), tz=UTC)


def _newest_mtime(content_dir: Path) -> float:
    newest = 0.0
    for root, _, names in os.walk(content_dir):
        for name in names:
            try:
                saved = os.stat(os.path.join(root, name)).st_mtime
                if 0 <= saved <= LAST_SECOND:  # a time past any calendar is ignored
                    newest = max(newest, saved)
            except OSError:
                continue
    return newest


def local_day(moment: datetime) -> date:
    """The calendar day of `moment` in Québec, as "Date modified" shows it (in UTC when
    the system has no time zone data)."""
    try:
        return moment.astimezone(ZoneInfo(QUEBEC)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC).date()
