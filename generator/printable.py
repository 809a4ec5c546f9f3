"""Text from outside (a content value, a path, an environment variable, an error) made
safe to print: every message of offre's text output goes through here.

A control character printed as it is could clear the screen (an escape sequence), and a
newline could start a line of its own — in a GitHub step, a line starting with `::error`
is a workflow command. Such characters, and lone surrogates (a file name that is not
UTF-8: printed as it is, it would stop the command), are written \\uXXXX instead.
Imports nothing heavy: the command line uses it before it loads the content's models.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_UNPRINTABLE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
SHOWN_LENGTH = 80


def shown(value: str) -> str:
    """A value from the content, safe to print in a terminal: control characters (an
    escape sequence could clear the screen) and lone surrogates written as \\uXXXX,
    and a long value cut to its first 80 characters."""
    if len(value) > SHOWN_LENGTH:
        value = value[:SHOWN_LENGTH] + "…"
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", value)


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to where they stand, when it can be;
    escaped as values are (a folder's name may hold a newline: printed, it could start a
    line of its own, a pipeline's command), but never cut."""
    try:  # abspath, not resolve: a loop of symbolic links must not stop a message
        shown_path = os.path.relpath(os.path.abspath(path)) if os.path.abspath(path).startswith(os.getcwd() + os.sep) \
            else str(path)
    except (ValueError, OSError):
        shown_path = str(path)
    return escaped(shown_path)


def escaped(value: str) -> str:
    """`value` with control characters and lone surrogates written as \\uXXXX (see shown)."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", value)
