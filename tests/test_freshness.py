"""Translations that stay in step: from the content's Git history, `offre check` warns
when a text changed in one language after its twin last changed in the other, and the
warning goes when the twin is edited or the change is marked reviewed.

Each test builds a small history in a temporary repository (commits dated with
GIT_AUTHOR_DATE / GIT_COMMITTER_DATE, in Québec's time zone) from the shipped content.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT_SETS, load_in_process, run_offre
from git_history import ENGLISH_SUMMARY, FRENCH_SUMMARY, KEY, commit, edit, shipped_history
from generator.content import load_content
from generator.content.freshness import MAX_COMMITS, ahead, spelled_day
from preview import get, serving, wait_for

pytestmark = pytest.mark.slow

ENGLISH = {**os.environ, "LC_ALL": "en_CA.UTF-8", "LANG": "en_CA.UTF-8"}
FRENCH = {**os.environ, "LC_ALL": "fr_CA.UTF-8", "LANG": "fr_CA.UTF-8"}
NAMED = "«\u00a0Résumé\u00a0» de «\u00a0Community organizing\u00a0»"  # the summary, as the team knows it


def place(path: Path, needle: str) -> str:
    """`content/…/file.yaml:line:column` of the value after `needle`'s key."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            column = line.index(needle) + needle.index(": ") + 3
            return f"{path.parent.parent.name}/{path.parent.name}/{path.name}:{number}:{column}"
    raise AssertionError(needle)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The shipped offer, committed once on 2 November 2026."""
    return shipped_history(tmp_path / "offre-equipe")


def check(repository: Path, env: dict[str, str] = FRENCH, *options: str) -> subprocess.CompletedProcess[str]:
    result = run_offre("check", "--content", "content", *options, cwd=repository, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def freshness_lines(output: str) -> list[str]:
    """Each translation warning, its lines joined by "\n" (the first names the text)."""
    warnings: list[str] = []
    for line in output.splitlines():
        if re.search(r" a changé (le|\d)| changed (on|\d)", line) and ": " in line:
            warnings.append(line)
        elif line.startswith("    ") and warnings:
            warnings[-1] += "\n" + line
    return warnings


def behind(repository: Path) -> list[str]:
    """The translation warnings the loader gives, in this process (in French, each as
    "file:line:column: message"): for the states between two of `offre check`'s, whose
    printed lines the tests read where they matter, without laying out the brochures
    again for each."""
    return [line for line in load_in_process(repository / "content").warnings if re.search(r" a changé (le|\d)", line)]


def without_column(place: str) -> str:
    return place.rsplit(":", 1)[0]


def test_a_french_edit_warns_until_the_english_follows(repository: Path) -> None:
    assert behind(repository) == []
    french, english = repository / "content" / "fr" / "services.yaml", repository / "content" / "en" / "services.yaml"
    edit(french, FRENCH_SUMMARY, "summary: Un levier essentiel au développement des communautés.")
    commit(repository, "2026-11-20")

    lines = freshness_lines(check(repository).stderr)
    assert len(lines) == 1, lines
    here, there = place(english, "summary: "), without_column(place(french, "summary: "))
    # Issue 28: two short lines, the text as the team knows it, no internal key.
    assert lines[0] == (f"{here}: avertissement : «\u00a0Résumé\u00a0» de «\u00a0Community organizing\u00a0»\u00a0: "
                        f"le français a changé le 20 novembre 2026, l'anglais pas depuis le 2 novembre 2026\n"
                        f"    → mettez l'anglais à jour d'après {there}, ou marquez-le vérifié si rien n'était "
                        f"à traduire (offre check --verbose)"), lines[0]
    assert KEY not in lines[0]
    first, second = lines[0].split("\n")
    assert len(first.split(": avertissement : ", 1)[1]) <= 130 and len(second) <= 150, lines[0]  # at a glance

    verbose = freshness_lines(check(repository, FRENCH, "--verbose").stderr)
    assert verbose[0].startswith(lines[0] + "\n    clé\u00a0: " + KEY), verbose
    assert f"«\u00a0reviewed:\u00a0»\u00a0: - {{text: {KEY}, date: 2026-11-20}}" in verbose[0]
    assert "content/translations.yaml" in verbose[0] and "Traductions vérifiées" in verbose[0]

    lines = freshness_lines(check(repository, ENGLISH).stderr)
    assert len(lines) == 1, lines
    assert lines[0] == (f'{here}: warning: "Summary" of "Community organizing": the French changed on November 20, '
                        f"2026; the English has not since November 2, 2026\n"
                        f"    → update the English from {there}, or mark it reviewed if nothing needed "
                        f"translating (offre check --verbose)"), lines[0]

    edit(english, ENGLISH_SUMMARY, "summary: An essential lever for community development.")
    commit(repository, "2026-11-24")
    assert behind(repository) == []


def test_a_change_marked_reviewed_is_no_longer_reported_until_the_next_one(repository: Path) -> None:
    french = repository / "content" / "fr" / "services.yaml"
    edit(french, FRENCH_SUMMARY, "summary: Un levier important pour le développement des communautés.")
    commit(repository, "2026-11-20")
    warning = freshness_lines(check(repository, FRENCH, "--verbose").stderr)[0]
    line = re.search(r"(- \{text: .*?\})$", warning).group(1)  # the exact line the warning gives
    (repository / "content" / "translations.yaml").write_text(f"reviewed:\n  {line}\n", encoding="utf-8")
    commit(repository, "2026-11-21", "Traduction vérifiée")
    assert behind(repository) == []

    edit(french, "pour le développement", "pour le développement durable")  # a later change: told again
    commit(repository, "2026-11-27")
    lines = behind(repository)
    assert len(lines) == 1 and "27 novembre 2026" in lines[0], lines


def test_an_english_only_edit_warns_the_other_way(repository: Path) -> None:
    english = repository / "content" / "en" / "services.yaml"
    edit(english, ENGLISH_SUMMARY, "summary: A key lever for community development.")
    commit(repository, "2026-12-01")
    lines = freshness_lines(check(repository).stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{place(repository / 'content' / 'fr' / 'services.yaml', 'summary: ')}: "
                               f"avertissement : «\u00a0Résumé\u00a0» de «\u00a0Organisation communautaire\u00a0»\u00a0: "
                               f"l'anglais a changé le 1er décembre 2026, le français pas depuis le 2 novembre 2026\n"
                               f"    → mettez le français à jour d'après "
                               f"{without_column(place(english, 'summary: '))}"), lines[0]


def test_both_changes_on_one_day_are_told_apart_by_the_time_of_day(repository: Path) -> None:
    """Issue 28, 4: « n'a pas changé depuis le 3 décembre, mais le français a changé le
    3 décembre » read as a contradiction: on one day, the hours say which came first."""
    english = repository / "content" / "en" / "services.yaml"
    edit(english, ENGLISH_SUMMARY, "summary: A key lever for community development.")
    commit(repository, "2026-11-02T15:45:00")
    lines = freshness_lines(check(repository).stderr)
    assert len(lines) == 1, lines
    assert ": l'anglais a changé le 2 novembre 2026 à 15\u00a0h\u00a045, le français pas depuis " in lines[0], lines
    english_lines = freshness_lines(check(repository, ENGLISH).stderr)
    assert "the English changed on November 2, 2026 at 3:45\u00a0p.m.; the French has not since " in \
        english_lines[0], english_lines


def test_an_uncommitted_edit_counts_from_when_it_was_saved(repository: Path) -> None:
    french = repository / "content" / "fr" / "services.yaml"
    edit(french, FRENCH_SUMMARY, "summary: Un levier essentiel au développement des communautés.")
    saved = 1_795_700_000  # 2026-11-26 in Québec
    os.utime(french, (saved, saved))
    lines = freshness_lines(check(repository).stderr)
    assert len(lines) == 1 and "le français a changé le 26 novembre 2026" in lines[0], lines


def test_what_is_not_a_translation_is_not_compared(repository: Path) -> None:
    """A phone number changed in one language only (the same in both by design: the
    editor copies it), a file rewritten the editor's way (comments dropped, long texts
    on one line), an item moved in its list: no freshness warning."""
    content = repository / "content"
    for language in ("fr", "en"):  # both: a phone that differs between the twins is an error (issue 28)
        edit(content / language / "contact.yaml", "phone: 450 433-2777", "phone: 450 433-2778")
    french = content / "fr" / "services.yaml"
    data = yaml.safe_load(french.read_text(encoding="utf-8"))
    roles = data["services"][0]["roles"]["items"]
    roles[0], roles[1] = roles[1], roles[0]
    french.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    commit(repository, "2026-11-20")
    warnings: list = []
    load_content(content, warnings)
    assert [warning for warning in warnings if warning.code == "translation_behind"] == []


def test_outside_git_or_without_git_there_is_no_warning_and_no_error(tmp_path: Path, repository: Path) -> None:
    plain = tmp_path / "plain" / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], plain)
    result = run_offre("check", "--content", str(plain), cwd=tmp_path, env=FRENCH)
    assert result.returncode == 0 and freshness_lines(result.stderr) == [], result.stderr

    edit(repository / "content" / "fr" / "services.yaml", FRENCH_SUMMARY, "summary: Un autre résumé.")
    commit(repository, "2026-11-20")
    no_git = {**FRENCH, "PATH": str(tmp_path / "nowhere")}
    result = run_offre("check", "--content", "content", cwd=repository, env=no_git)
    assert result.returncode == 0 and freshness_lines(result.stderr) == [], result.stderr
    assert "Traceback" not in result.stderr


def test_a_revision_that_cannot_be_read_is_skipped(repository: Path) -> None:
    english = repository / "content" / "en" / "services.yaml"
    good = english.read_text(encoding="utf-8")
    english.write_text(good + "\n\tbroken: [\n", encoding="utf-8")
    commit(repository, "2026-11-10", "Cassé")
    english.write_text(good, encoding="utf-8")
    commit(repository, "2026-11-11", "Réparé")
    edit(repository / "content" / "fr" / "services.yaml", FRENCH_SUMMARY, "summary: Un autre résumé.")
    commit(repository, "2026-11-20")
    warnings: list = []
    load_content(repository / "content", warnings)
    behind = [warning for warning in warnings if warning.code == "translation_behind"]
    assert len(behind) == 1 and str(behind[0].path).endswith("en/services.yaml"), behind


def test_translations_yaml_is_checked_like_the_rest(repository: Path) -> None:
    marks = repository / "content" / "translations.yaml"
    marks.write_text("reviewed:\n  - text: services.yaml/services/nulle-part/summary\n    date: 2026-11-20\n"
                     "  - text: services.yaml/services/psoc/summary\n    date: 2026-11-31\n", encoding="utf-8")
    result = run_offre("check", "--content", "content", cwd=repository, env=FRENCH)
    assert result.returncode == 1, result.stderr
    assert ("content/translations.yaml:5:11: la date «\u00a0"
            "2026-11-31\u00a0» n'est pas valide — écrivez-la sous la forme année-mois-jour") in result.stderr
    marks.write_text("reviewed:\n  - text: services.yaml/services/nulle-part/summary\n    date: 2026-11-20\n",
                     encoding="utf-8")
    result = check(repository)
    assert ("content/translations.yaml:2:5: avertissement : «\u00a0services.yaml/services/nulle-part/summary\u00a0» "
            "ne désigne aucun texte du contenu") in result.stderr


def test_the_preview_shows_the_warnings_apart_from_problems(repository: Path, tmp_path: Path) -> None:
    french = repository / "content" / "fr" / "services.yaml"
    edit(french, FRENCH_SUMMARY, "summary: Un levier essentiel au développement des communautés.")
    commit(repository, "2026-11-20")
    with serving(repository / "content", tmp_path) as (root, log):
        def status() -> dict:
            return json.loads(get(root + ".offre-status"))

        assert wait_for(lambda: any(NAMED in line for line in status()["warnings"]), timeout=120), \
            log.read_text(encoding="utf-8")
        assert status()["problems"] == []
        said = next(line for line in status()["warnings"] if NAMED in line)
        assert KEY not in said and "\n    → mettez l'anglais à jour d'après " in said  # as the terminal says it
        script = get(root + ".offre-status.js")
        assert "À vérifier" in script and "textContent" in script and "innerHTML" not in script
        # The English follows, committed: the warning goes without any other save.
        edit(repository / "content" / "en" / "services.yaml", ENGLISH_SUMMARY,
             "summary: An essential lever for community development.")
        commit(repository, "2026-11-22")
        assert wait_for(lambda: not any(NAMED in line for line in status()["warnings"]), timeout=120), \
            log.read_text(encoding="utf-8")


def test_the_history_read_is_bounded() -> None:
    assert 100 <= MAX_COMMITS <= 1000


@pytest.mark.parametrize(("french", "english", "expected"), [
    ([1.0], [1.0], None),  # written together
    ([1.0, 5.0], [1.0], ("fr", 5.0)),  # French changed since
    ([1.0, 5.0, 7.0], [1.0], ("fr", 7.0)),  # and again: dated from the last change
    ([1.0, 5.0], [1.0, 6.0], None),  # the English followed
    ([1.0], [1.0, 3.0], ("en", 3.0)),  # an English-only change
    ([1.0, 3.0], [1.0, 3.0], None),  # both changed at once
    ([1.0, 5.0, 9.0], [1.0, 6.0], ("fr", 9.0)),  # followed once, then ahead again
    ([], [], None),
])
def test_which_language_is_ahead(french: list[float], english: list[float], expected) -> None:
    assert ahead({"fr": french, "en": english}) == expected


def test_days_are_written_as_each_language_writes_them() -> None:
    assert spelled_day(date(2026, 12, 1)) == {"fr": "1er décembre 2026", "en": "December 1, 2026"}
    assert spelled_day(date(2026, 8, 20)) == {"fr": "20 août 2026", "en": "August 20, 2026"}
