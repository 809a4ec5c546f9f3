"""When the content last changed: the date the brochures carry and the site shows.

Reproducible, not the time of the build: `SOURCE_DATE_EPOCH` when set (as for every
reproducible build), else the date of the last commit that touched the content folder
when it is in git and has no uncommitted change, else the newest content file's
modification time. The same content thus gives the same PDFs, byte for byte.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Québec's time zone (America/Montreal is another name for it): a change committed at
# 20 h on the 14th is dated the 14th on the site, not the 15th as in UTC.
QUEBEC = "America/Toronto"


def content_date(content_dir: Path) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    committed = _git_date(content_dir)
    if committed is not None:
        return committed
    return datetime.fromtimestamp(_newest_mtime(content_dir), tz=timezone.utc).replace(microsecond=0)


def _git_date(content_dir: Path) -> datetime | None:
    """The last commit's date, when the folder is in git and clean."""
    try:
        def git(*arguments: str) -> str:
            return subprocess.run(["git", "-C", str(content_dir), *arguments], capture_output=True, text=True,
                                  timeout=10, check=True).stdout.strip()

        if git("status", "--porcelain", "--", ".") != "":
            return None  # edited since: the files' own times say when
        stamp = git("log", "-1", "--format=%ct", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    return datetime.fromtimestamp(int(stamp), tz=timezone.utc) if stamp.isdigit() else None


def _newest_mtime(content_dir: Path) -> float:
    newest = 0.0
    for root, _, names in os.walk(content_dir):
        for name in names:
            try:
                newest = max(newest, os.stat(os.path.join(root, name)).st_mtime)
            except OSError:
                continue
    return newest


def local_day(moment: datetime) -> date:
    """The calendar day of `moment` in Québec, as "Date modified" shows it (in UTC when
    the system has no time zone data)."""
    try:
        return moment.astimezone(ZoneInfo(QUEBEC)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(timezone.utc).date()
