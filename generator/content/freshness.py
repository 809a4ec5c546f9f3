"""Translations that stay in step: which text changed in one language after its twin
last changed in the other, read from the content's Git history.

Québec's law asks the French to be complete and current, and a bilingual site's usual
failure is an English text that quietly falls behind a French edit (or the reverse).
Each translatable text is keyed the same in both languages — its file, its keys, its
items' ids: `services.yaml/services/psoc/summary` — so its history in French and in
English can be compared. A text "changes" when its value changes: the browser editor
rewriting a whole file (folding lines, dropping comments) or an item moved in its list
changes nothing. Values the same in both languages by design (ids, phone numbers,
e-mail and postal addresses, hours, switches: `same=True` in the models), addresses
(web addresses, page slugs) and file names are not translations and are left out.

When each text last changed in each language: the commit time of the last commit whose
change (against its parent) altered it, among the last `MAX_COMMITS` commits touching
the content; an uncommitted edit counts from its file's time, as the team previews
before committing. All blobs come from one `git cat-file --batch`. What the commits say
depends only on HEAD (commits never change): it is kept by HEAD in memory (the preview
rebuilds often) and in `.offre/cache/translations/` (each `offre check` is a new
process), so a run costs one `git rev-parse` and the comparison of the files being
edited. Outside a Git repository, without git, or when git fails: no warning, never an
error.

`content/translations.yaml` says which changes needed no translation: a text and the
day it was reviewed; a change made that day or before is not reported any more.
"""

from __future__ import annotations

import functools
import json
import os
import time
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime, UTC
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import store
from ..timings import stage
from ..project import Project
from ..strings import LANGUAGES, entry, format_day, message
from . import git, models
from .dates import ignored_commit, local_day
from .limits import MAX_FILE_BYTES
from .models import FILES, field_words
from .problems import Problem, display_path
from .values import Text as TextValue, Title as TitleValue
from .yaml_source import PathKey, YamlSource, decode, parse

MAX_COMMITS = 300  # the history read: enough for years of a team's edits, bounded in time
MAX_HISTORY_BYTES = 2_000_000  # the past versions parsed, at most (HEAD's first, then newest first)
HISTORY_SECONDS = git.SECONDS  # one deadline for the whole read: every git command and the parsing
LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC: a commit dated later is ignored
MAX_MEMO = 4096  # parsed blobs kept in memory
PER_LANGUAGE = {"slug", "pages"}  # page addresses: each language has its own
TRANSLATIONS_FILE = "translations.yaml"

TextKey = tuple[str, ...]  # ("services.yaml", "services", "psoc", "summary")


@dataclass(frozen=True)
class TextValueAt:
    """One translatable text of a file: its value (a list of paragraphs is one text) and
    where it stands in the YAML data (with list indexes, for its line)."""

    value: str | tuple[str, ...]
    path: PathKey
    label: dict[str, str] = field(default_factory=dict, compare=False)  # the field's, as the editor shows it
    item: str = field(default="", compare=False)  # the title (name, label) of the item it belongs to

    def named(self, language: str) -> str:
        """The text as the team knows it, in the messages' language: « Résumé » de « Organisation
        communautaire »."""
        label = self.label.get(language, "")
        if not label:
            return ""
        if self.item:
            return message(language, "freshness.named_of", label=label, item=self.item) + " "
        return message(language, "freshness.named", label=label) + " "


@dataclass(frozen=True)
class Review:
    """One line of translations.yaml: this text was reviewed on this day."""

    key: str
    day: date
    path: Path
    line: int
    column: int


def text_key(key: TextKey) -> str:
    """How a text is named in the warnings and in translations.yaml."""
    return "/".join(key)


# --- which values are translations -----------------------------------------------------------------


@functools.cache
def _shape(model: type[BaseModel]) -> dict[str, tuple[str, Any]]:
    """Field name → what it holds, for the fields worth comparing across languages:
    ("text", None), ("texts", None) a list of paragraphs, ("section", Model),
    ("items", Model) a list of items with ids. Other fields are not translations."""
    hints = typing.get_type_hints(model, globalns=vars(models), include_extras=True)
    shape: dict[str, tuple[str, Any]] = {}
    for name, info in model.model_fields.items():
        if field_words(info).get("same") or name in PER_LANGUAGE:
            continue
        for part in _without_none(hints[name]):
            listed = typing.get_origin(part) is list
            inner = typing.get_args(part)[0] if listed else part
            if inner == TextValue or inner == TitleValue:
                shape[name] = ("texts" if listed else "text", None)
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                shape[name] = ("items" if listed else "section", inner)
    return shape


def _without_none(annotation: Any) -> list[Any]:
    """The types an optional field holds (Phone, itself `str | int` inside Annotated, stays whole)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [argument for argument in typing.get_args(annotation) if argument is not type(None)]
    return [annotation]


def texts(name: str, data: Any) -> dict[TextKey, TextValueAt]:
    """Every translatable text of one content file's data, by key."""
    found: dict[TextKey, TextValueAt] = {}
    model = FILES.get(name)
    if model is not None:
        _walk(data, model, (name,), (), found)
    return found


def _walk(data: Any, model: type[BaseModel], key: TextKey, path: PathKey, found: dict[TextKey, TextValueAt],
          item: str = "") -> None:
    if not isinstance(data, dict):
        return
    for name, (kind, inner) in _shape(model).items():
        value = data.get(name)
        if value is None:
            continue
        label = field_words(model.model_fields[name]).get("label", {})
        if kind == "text" and isinstance(value, str):
            found[key + (name,)] = TextValueAt(_folded(value), path + (name,), label, item)
        elif kind == "texts" and isinstance(value, list):
            found[key + (name,)] = TextValueAt(tuple(_folded(line) for line in value), path + (name,), label, item)
        elif kind == "section":
            _walk(value, inner, key + (name,), path + (name,), found, item)
        elif kind == "items" and isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    _walk(entry, inner, key + (name, entry["id"]), path + (name, index), found, _title(entry))


def _title(item: dict[str, Any]) -> str:
    """What an item is called (its title, name or label; else its text), kept short."""
    for name in ("title", "name", "label", "text"):
        if isinstance(item.get(name), str) and item[name].strip():
            words = _folded(item[name])
            return words if len(words) <= 60 else words[:59].rstrip() + "…"
    return ""


def _folded(value: Any) -> str:
    """The text as the site shows it: a `>-` block and the one line the editor writes
    are the same text."""
    return " ".join(str(value).split())


# --- warnings ---------------------------------------------------------------------------------------



def stale_translations(content_dir: Path, sources: dict[str, dict[str, YamlSource]],
                       reviews: list[Review], *, cache: bool = True) -> list[Problem]:
    """A warning for each text changed in one language after its twin last changed in
    the other (and not reviewed since), at the twin to update; and one for each line of
    translations.yaml that names no text."""
    languages = list(sources)
    if len(languages) != 2:
        return []
    current = {language: {name: texts(name, source.data) for name, source in sources[language].items()}
               for language in languages}
    known = {text_key(key) for files in current.values() for found in files.values() for key in found}
    warnings = [Problem(review.path, review.line, review.column, "review_unknown", value=review.key)
                for review in reviews if review.key not in known]
    read = history(content_dir, sources, current, cache=cache)
    if git.stalled() or (read is not None and read.cut):  # said, not silent: warnings may be missing
        warnings.append(Problem(Path(content_dir), 0, 0, "history_cut", seconds=f"{HISTORY_SECONDS:g}"))
    if read is None:
        return warnings
    warnings += [ignored_commit(Path(path), commit, stamp) for commit, stamp, path in read.ignored]
    reviewed: dict[str, date] = {}
    for review in reviews:
        reviewed[review.key] = max(review.day, reviewed.get(review.key, review.day))
    first, second = languages
    for name in FILES:
        mine, theirs = current[first].get(name, {}), current[second].get(name, {})
        for key in sorted(mine.keys() & theirs.keys()):
            times = {language: read.changes[language].get(key, []) for language in languages}
            leading = ahead(times)
            if leading is None:
                continue
            language, stamp = leading
            behind = second if language == first else first
            changed = local_day(datetime.fromtimestamp(stamp, tz=UTC))
            key_name = text_key(key)
            if reviewed.get(key_name, date.min) >= changed:
                continue  # marked reviewed on the day of the change or later
            last = max(times[behind], default=read.since)
            there = sources[behind][name]
            here = sources[language][name]
            at = there.position(current[behind][name][key].path)
            other = here.position(current[language][name][key].path)
            warnings.append(behind_warning(
                there.path, (at.line, at.column), f"{display_path(here.path)}:{other.line}",
                current[behind][name][key], key_name, (behind, language), (last, stamp), changed,
                Path(content_dir) / TRANSLATIONS_FILE))
    return warnings


def behind_warning(path: Path, at: tuple[int, int], other_place: str, text: TextValueAt, key_name: str,
                   languages: tuple[str, str], stamps: tuple[float, float], changed: date, marks: Path) -> Problem:
    """The warning for one text behind its twin, read at a glance (two short lines): the
    text as the team knows it (its label, its item), when the other language changed and
    since when this one has not — with the time of day when both fall on one date, which
    would otherwise read as a contradiction. The internal key and translations.yaml's
    line come only with `--verbose` (`translation_behind_verbose`)."""
    behind, ahead_language = languages
    moments = [datetime.fromtimestamp(stamp, tz=UTC) for stamp in stamps]  # (behind's, ahead's)
    same_day = local_day(moments[0]) == local_day(moments[1])
    when = {language: _spelled_moment(moments[1], language, day=True, hour=same_day) for language in LANGUAGES}
    since = {language: _spelled_moment(moments[0], language, day=not same_day, hour=same_day, on=False)
             for language in LANGUAGES}
    what = {language: (text.named(language).strip() or key_name) for language in LANGUAGES}
    mark = f"- {{text: {key_name}, date: {changed.isoformat()}}}"
    return Problem(path, at[0], at[1], "translation_behind", what=what, key=dict.fromkeys(LANGUAGES, key_name),
                   behind=_the_language(behind), ahead=_the_language(ahead_language), when=when, since=since,
                   other=dict.fromkeys(LANGUAGES, other_place), marks=marks, mark=dict.fromkeys(LANGUAGES, mark))


def _the_language(spoken_of: str) -> dict[str, str]:
    """« le français », "the English": a language as each language names it."""
    return {language: entry(language, f"freshness.the_language.{spoken_of}") for language in LANGUAGES}


def _spelled_moment(moment: datetime, language: str, *, day: bool, hour: bool, on: bool = True) -> str:
    """« le 3 décembre 2026 à 14 h 05 », « 10 h 30 »; "on December 3, 2026 at 2:05 p.m.", "10:30 a.m."
    (`on`: false after "since")."""
    from ..text import format_time  # the site's own way to write an hour

    local = _in_quebec(moment)
    clock = format_time(f"{local.hour:02d}:{local.minute:02d}", language)
    if not day:
        return clock
    spelled = message(language, "freshness.on_day" if on else "freshness.since_day",
                      day=spelled_day(local.date())[language])
    return spelled + (message(language, "freshness.at_time", time=clock) if hour else "")


def _in_quebec(moment: datetime) -> datetime:
    """`moment` on Québec's clocks, as local_day reads its date (UTC without time zone data)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from .dates import QUEBEC

    try:
        return moment.astimezone(ZoneInfo(QUEBEC))
    except (ZoneInfoNotFoundError, ValueError):
        return moment


def spelled_day(day: date) -> dict[str, str]:
    """A day as each language writes it (the catalog, Babel): « 1er décembre 2026 », "December 1, 2026"."""
    return {language: format_day(day, language) for language in LANGUAGES}


# --- history -------------------------------------------------------------------------------------------

Changes = dict[str, dict[TextKey, list[float]]]  # language → text → when it changed (seconds, oldest first)
Ignored = tuple[str, str, str]  # a commit dated past any calendar: (its id, its time as git gave it, a path it changed)


@dataclass(frozen=True)
class History:
    """When each text changed in each language, and since when the history read goes
    back (a text unchanged in it is dated from there); the commits left out for their
    date, and whether git's deadline cut the read short (both said as warnings)."""

    changes: Changes
    since: float
    ignored: tuple[Ignored, ...] = ()
    cut: bool = False


@dataclass(frozen=True)
class Committed:
    """What the commits say, the same for as long as HEAD is: when each text changed,
    since when the history read goes back, and each text's value at HEAD; the commits
    left out for their date; whether the deadline cut the read (then it is not kept)."""

    changes: Changes
    since: float
    head: dict[str, dict[str, dict[TextKey, str | tuple[str, ...]]]]  # language → file → text → value
    ignored: tuple[Ignored, ...] = ()
    cut: bool = False


def history(content_dir: Path, sources: dict[str, dict[str, YamlSource]],
            current: dict[str, dict[str, dict[TextKey, TextValueAt]]], *, cache: bool = True) -> History | None:
    """When each text changed in each language, edits not yet committed included (from
    their file's time); None when the content is not in a Git repository with commits
    (or git cannot tell). `current`: the texts of `sources` (see texts())."""
    until = git.deadline(HISTORY_SECONDS)  # one for every git command, from HEAD's name to the last version
    with stage("history"):  # OFFRE_TIMINGS: what the read cost, at most about HISTORY_SECONDS
        where = _repository(content_dir, until)
        committed = _committed(*where, list(current), until, cache=cache) if where is not None else None
    if committed is None or where is None:
        return None
    changes: Changes = {language: {key: list(stamps) for key, stamps in found.items()}
                        for language, found in committed.changes.items()}
    for language, files in current.items():
        for name, found in files.items():
            head = committed.head.get(language, {}).get(name)
            edited = _mtime(sources[language][name].path)
            for key, text in found.items():
                if head is None or head.get(key) != text.value:  # not committed yet
                    changes.setdefault(language, {}).setdefault(key, []).append(edited)
    ignored = tuple((commit, stamp, str(where[0] / path)) for commit, stamp, path in committed.ignored)
    return History(changes, committed.since, ignored, committed.cut)


_COMMITTED: dict[str, Committed] = {}  # by repository, folder and HEAD: a preview reads it once per commit


def _committed(root: Path, prefix: str, head: str, languages: list[str], until: float, *,
               cache: bool = True) -> Committed | None:
    """What the commits say, from memory, from `.offre/cache/translations/`, or from git
    (only from git when `cache` is false: `offre build --no-cache`)."""
    key = store.ARTIFACTS["translations"].key(format=CACHE_VERSION, code=_code_digest(), repository=str(root),
                                              folder=prefix, head=head, languages=languages, commits=MAX_COMMITS)
    if cache and key in _COMMITTED:
        return _COMMITTED[key]
    folder = Project.find().cache
    found = _load(store.take(folder, store.entry_name("translations", key, ".json"))) if cache else None
    if found is None:
        found = _read_history(root, prefix, languages, until)
        if found is None:
            return None
        if found.cut:
            return found  # read short of time: neither kept nor remembered, the next run reads it again
        _store(folder, key, found)
    if len(_COMMITTED) >= 8:
        _COMMITTED.clear()
    _COMMITTED[key] = found
    return found


def _read_history(root: Path, prefix: str, languages: list[str], deadline: float) -> Committed | None:
    """What the commits say, read within bounds: the last MAX_COMMITS commits touching the
    content, the versions they changed parsed newest first up to MAX_HISTORY_BYTES, and
    all of it (git's commands and the parsing) within HISTORY_SECONDS. Past a bound the
    history read simply ends at the last commit whose versions were all parsed, as it
    ends at MAX_COMMITS. None when HEAD's own files cannot be read within them."""
    paths = {f"{prefix}{language}/{name}": (language, name) for language in languages for name in FILES}
    log = git.git(root, "-c", "core.quotePath=false", "log", f"-n{MAX_COMMITS}", "--no-renames", "--raw",
               "--no-abbrev", "--format=%x01%ct %H", "--", *(f":(literal){path}" for path in paths), until=deadline)
    if log is None:
        return None
    commits, ignored = _commits(log.decode("utf-8", "replace"), paths)
    heads = {f"HEAD:{path}": name for path, (_, name) in paths.items()}
    blobs = [{blob: paths[path][1] for path, pair in changed.items() for blob in pair if blob}
             for _, changed in commits]
    order: dict[str, str] = dict(heads)  # what to read first: HEAD's files, then each commit's, newest first
    for found in blobs:
        for blob, name in found.items():
            order.setdefault(blob, name)
    ids, read = _read_blobs(root, order, deadline)
    if not all(name in read for name in heads if name in ids):
        return None  # HEAD's own files not read: nothing to compare with
    complete = 0
    while complete < len(commits) and all(blob in read for blob in blobs[complete]):
        complete += 1
    cut = commits[complete - 1][0] if complete else (commits[0][0] if commits else 0.0)
    short = complete < len(commits) and (time.monotonic() > deadline or git.stalled())  # not the bytes' bound
    commits = commits[:complete]
    changes: Changes = {language: {} for language in languages}
    for stamp, changed in reversed(commits):  # oldest first
        for path, (before, after) in changed.items():
            language, name = paths[path]
            new = _texts_of(name, after)
            old = _texts_of(name, before) if before else {}
            if new is None or old is None:
                continue  # a revision that cannot be read: only it is skipped
            for key, text in new.items():
                previous = old.get(key)
                if previous is None or previous.value != text.value:
                    changes[language].setdefault(key, []).append(stamp)
    head: dict[str, dict[str, dict[TextKey, str | tuple[str, ...]]]] = {language: {} for language in languages}
    for path, (language, name) in paths.items():
        found = _texts_of(name, ids.get(f"HEAD:{path}"))  # type: ignore[assignment]
        if found is not None:
            head[language][name] = {key: text.value for key, text in found.items()}  # type: ignore[attr-defined, misc]
    return Committed(changes, min((stamp for stamp, _ in commits), default=cut), head, tuple(ignored), short)


# --- the cache: what the commits say, by HEAD (commits never change) ------------------------------------

CACHE_VERSION = "1"


@functools.cache
def _code_digest() -> str:
    """What decides which values are texts: a cache made by other code is not used."""
    return store.key(Path(models.__file__), Path(__file__))


def _load(kept: bytes | None) -> Committed | None:
    """A history kept in the cache (sealed: see store.py), or None to read it again."""
    if kept is None:
        return None
    try:
        data = json.loads(kept.decode("utf-8"))
        changes = {language: {tuple(key.split("/")): [float(stamp) for stamp in stamps]
                              for key, stamps in found.items()} for language, found in data["changes"].items()}
        head = {language: {name: {tuple(key.split("/")): tuple(value) if isinstance(value, list) else str(value)
                                  for key, value in found.items()} for name, found in files.items()}
                for language, files in data["head"].items()}
        ignored = tuple((str(commit), str(stamp), str(path)) for commit, stamp, path in data["ignored"])
        return Committed(changes, float(data["since"]), head, ignored)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None  # not one of ours after all: read the history again


def _store(folder: Path, key: str, committed: Committed) -> None:
    """Kept sealed, whole or not at all; the oldest of offre's own beyond the newest the store
    keeps (ARTIFACTS["translations"].newest) removed (no other file is ever counted nor removed). A read-only project is simply
    not cached."""
    data = {"since": committed.since,
            "changes": {language: {text_key(key): stamps for key, stamps in found.items()}
                        for language, found in committed.changes.items()},
            "head": {language: {name: {text_key(key): value for key, value in found.items()}
                                for name, found in files.items()} for language, files in committed.head.items()},
            "ignored": [list(commit) for commit in committed.ignored]}
    store.keep(folder, store.entry_name("translations", key, ".json"),
               json.dumps(data, ensure_ascii=False).encode("utf-8"))
    store.keep_newest(folder, "translations")


def ahead(times: dict[str, list[float]]) -> tuple[str, float] | None:
    """Which language is ahead of the other for one text, and since its last change:
    a change made while both were in step puts its language ahead; a change in the
    other language then brings them back in step (it followed), as does a change of
    both at once. None when in step."""
    events: dict[float, set[str]] = {}
    for language, stamps in times.items():
        for stamp in stamps:
            events.setdefault(stamp, set()).add(language)
    leading: tuple[str, float] | None = None
    for stamp in sorted(events):
        languages = events[stamp]
        if len(languages) > 1:
            leading = None
        else:
            (language,) = languages
            leading = (language, stamp) if leading is None or leading[0] == language else None
    return leading


def _repository(content_dir: Path, until: float) -> tuple[Path, str, str] | None:
    """The repository's root, the content folder's path in it ("content/") and HEAD."""
    found = git.git(Path(content_dir), "rev-parse", "--show-toplevel", "--show-prefix", "--verify", "-q", "HEAD",
                    until=until)
    if found is None:
        return None
    lines = found.decode("utf-8", "replace").split("\n")
    if len(lines) < 3 or not lines[0] or not lines[2]:
        return None
    return Path(lines[0]), lines[1], lines[2]


def _commits(log: str, paths: dict[str, tuple[str, str]]
             ) -> tuple[list[tuple[float, dict[str, tuple[str | None, str | None]]]], list[Ignored]]:
    """Newest first: (commit time, path → (blob before, blob after)); None for a file
    added or removed. And the commits left out because dated past the year 9999 (a
    clock gone wrong, a hostile clone), to be said."""
    commits: list[tuple[float, dict[str, tuple[str | None, str | None]]]] = []
    ignored: list[Ignored] = []
    for chunk in log.split("\x01")[1:]:
        lines = chunk.strip("\n").split("\n")
        header = lines[0].split()
        if len(header) != 2 or not header[0].isdigit():
            continue
        changed: dict[str, tuple[str | None, str | None]] = {}
        for line in lines[1:]:
            if not line.startswith(":") or "\t" not in line:
                continue
            fields, path = line.split("\t", 1)
            parts = fields.split()
            if len(parts) < 5 or path not in paths:
                continue
            before, after = (None if set(blob) == {"0"} else blob for blob in parts[2:4])
            changed[path] = (before, after)
        if not changed:
            continue
        if int(header[0]) > LAST_SECOND:  # a date no calendar can show: ignored, and said
            ignored.append((header[1], header[0], sorted(changed)[0]))
        else:
            commits.append((float(header[0]), changed))
    return commits, ignored


_MEMO: dict[tuple[str, str], dict[TextKey, TextValueAt] | None] = {}  # (file name, blob) → its texts


def _texts_of(name: str, object_id: str | None) -> dict[TextKey, TextValueAt] | None:
    """The texts of one stored version of a file (None when it could not be read)."""
    return _MEMO.get((name, object_id)) if object_id else None


def _read_blobs(root: Path, names: dict[str, str], deadline: float) -> tuple[dict[str, str], set[str]]:
    """Parse the blobs named (an object id or HEAD:path → the content file it is a
    version of), in the order given, into `_MEMO`, but those already there, missing or
    larger than a content file may be; stop before MAX_HISTORY_BYTES of new ones, or at
    `deadline`. Return each name's object id, and the names read (or known unreadable)."""
    asked = list(names)
    if not asked:
        return {}, set()
    sizes = git.git(root, "cat-file", "--batch-check", stdin="".join(f"{name}\n" for name in asked).encode("utf-8"),
                    until=deadline)
    if sizes is None:
        return {}, set()
    ids: dict[str, str] = {}
    read: set[str] = set()
    fetch: dict[str, str] = {}  # object id → file name, within the budget
    budget = MAX_HISTORY_BYTES
    for name, line in zip(asked, sizes.decode("utf-8", "replace").split("\n")):
        parts = line.split()
        if len(parts) != 3 or parts[1] != "blob" or not parts[2].isdigit():
            read.add(name)  # missing: nothing to read
            continue
        ids[name] = parts[0]
        if (names[name], parts[0]) in _MEMO or parts[0] in fetch:
            continue
        size = int(parts[2])
        if size > MAX_FILE_BYTES:
            _MEMO[(names[name], parts[0])] = None
        elif size <= budget:
            budget -= size
            fetch[parts[0]] = names[name]
        else:
            budget = -1  # the rest, older, is not read: the history ends here
    if fetch:
        if len(_MEMO) + len(fetch) > MAX_MEMO:  # forget what this run does not need
            needed = {(names[name], object_id) for name, object_id in ids.items()}
            for memo in [memo for memo in _MEMO if memo not in needed]:
                del _MEMO[memo]
        output = git.git(root, "cat-file", "--batch", stdin="".join(f"{object_id}\n" for object_id in fetch).encode(),
                         until=deadline)
        position = 0
        for object_id, name in fetch.items() if output is not None else ():
            if time.monotonic() > deadline:
                break
            end = output.find(b"\n", position)  # type: ignore[union-attr]
            header = output[position:end].split() if end >= 0 else []  # type: ignore[index]
            if len(header) != 3 or not header[2].isdigit():
                break
            size = int(header[2])
            text, _ = decode(Path(name), output[end + 1:end + 1 + size])  # type: ignore[index]
            source = parse(Path(name), text)[0] if text is not None else None
            _MEMO[(name, object_id)] = texts(name, source.data) if source is not None else None
            position = end + 1 + size + 1
    read |= {name for name, object_id in ids.items() if (names[name], object_id) in _MEMO}
    return ids, read


def _mtime(path: Path) -> float:
    """When a file was saved; now, when that cannot be told (or is past any calendar)."""
    try:
        saved = os.stat(path).st_mtime
    except OSError:
        return time.time()
    return saved if 0 <= saved <= LAST_SECOND else time.time()
