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

# Québec's time zone (America/Montreal is another name for it): a change committed at
# 20 h on the 14th is dated the 14th on the site, not the 15th as in UTC.
QUEBEC = "America/Toronto"
LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC: a later date (a commit's, a file's) is ignored


def content_date(content_dir: Path) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and int(epoch) <= LAST_SECOND:  # (the command line refuses any other: cli.py)
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    committed = _git_date(content_dir)
    if committed is not None:
        return committed
    return datetime.fromtimestamp(_newest_mtime(content_dir), tz=UTC).replace(microsecond=0)


def _git_date(content_dir: Path) -> datetime | None:
    """The last commit's date, when the folder is in git and clean (git asked within one
    deadline, see git.py); None too when that date is past any calendar."""
    until = git.deadline()
    status = git.git(content_dir, "status", "--porcelain", "--", ".", until=until)
    if status is None or status.strip():
        return None  # not in git, or edited since: the files' own times say when
    found = git.git(content_dir, "log", "-1", "--format=%ct", "--", ".", until=until)
    stamp = found.decode("ascii", "replace").strip() if found is not None else ""
    return datetime.fromtimestamp(int(stamp), tz=UTC) if stamp.isdigit() and int(stamp) <= LAST_SECOND else None


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
