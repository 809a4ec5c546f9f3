"""Every mistake the communications team can make ends in a message they can act on.

Each case is a small edit of the shipped content. The build must stop with exit
status 1, name the right file and line, show no Python traceback, and leave the
previous site exactly as it was.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONTENT_SETS, load_in_process, run_offre, tree_digest



@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A good build, made once: each broken build below must leave it untouched."""
    output = tmp_path_factory.mktemp("previous") / "site"
    result = run_offre("build", "--content", str(CONTENT_SETS["laurentides"]), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output, tree_digest(output)


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in `path`; return the line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


@dataclass
class Case:
    file: str  # the file the message must name, e.g. "fr/services.yaml"
    edit: Callable[[Path], int]  # edits the content folder, returns the line to be named
    says: str  # a fragment of the (French) message
    column: int | None = None


def _unclosed(c: Path) -> int:
    path = c / "fr/services.yaml"
    return replace(path, 'intro: "Nous avons pour rôle de :"', 'intro: "Nous avons pour rôle de :')


def _tab(c: Path) -> int:
    return replace(c / "fr/organisation.yaml", "  short_name: CISSS des Laurentides", "\tshort_name: CISSS des Laurentides")


def _wrong_type(c: Path) -> int:
    return replace(c / "en/contact.yaml", "    qr: true", "    qr: maybe")


def _unknown_key(c: Path) -> int:
    return replace(c / "en/services.yaml", "    summary: An important lever", "    summery: An important lever")


def _missing_translation(c: Path) -> int:
    path = c / "en/services.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: psoc")
    end = text.index("  - id: soutien-communautaire-logement-social")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return line_of(c / "fr/services.yaml", "  - id: psoc")


def _deleted_file(c: Path) -> int:
    (c / "en/contact.yaml").unlink()
    return 1


def _duplicate_id(c: Path) -> int:
    replace(c / "fr/services.yaml", "  - id: psoc", "  - id: organisation-communautaire")
    replace(c / "en/services.yaml", "  - id: psoc", "  - id: organisation-communautaire")
    return line_of(c / "fr/services.yaml", "title: Programme de soutien") - 1


def _duplicate_slug(c: Path) -> int:
    """Two services at one page address: the later one's slug is named."""
    return replace(c / "fr/services.yaml", "  - id: psoc\n", "  - id: psoc\n    slug: organisation-communautaire\n") + 1


def _javascript_url(c: Path) -> int:
    path = c / "fr/contact.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"url: (https://[^\n]*psoc)\n", text).group(1)
    return replace(path, old, "javascript:alert(document.cookie)")


def _bad_email(c: Path) -> int:
    return replace(c / "en/contact.yaml", "email: psoc.ciSSLau@ssss.gouv.qc.ca", "email: psoc.ciSSLau(at)ssss.gouv.qc.ca")


def _bad_phone(c: Path) -> int:
    return replace(c / "fr/contact.yaml", "phone: 450 433-2777", "phone: 433-2777")


def _empty_file(c: Path) -> int:
    (c / "fr/practice.yaml").write_text("", encoding="utf-8")
    return 1


def _latin1(c: Path) -> int:
    path = c / "fr/organisation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1", errors="replace"))
    return next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())


def _missing_field(c: Path) -> int:
    path = c / "fr/services.yaml"
    line = line_of(path, "  - id: psoc")
    replace(path, "    title: Programme de soutien aux organismes communautaires (PSOC)\n", "")
    return line


def _empty_text(c: Path) -> int:
    return replace(c / "fr/organisation.yaml", "  title: Agir ensemble", '  title: ""')


def _bad_id(c: Path) -> int:
    replace(c / "en/services.yaml", "  - id: psoc", "  - id: PSOC-é")
    return replace(c / "fr/services.yaml", "  - id: psoc", "  - id: PSOC-é")


def _unknown_link(c: Path) -> int:
    return replace(c / "fr/services.yaml", "      link: psoc", "      link: psco")


def _colon_in_text(c: Path) -> int:
    return replace(c / "fr/organisation.yaml", "  subtitle: Pour répondre aux besoins de la population",
                   "  subtitle: Pour répondre : aux besoins de la population")


def _bad_indent(c: Path) -> int:
    return replace(c / "fr/organisation.yaml", "  short_name: CISSS des Laurentides", "   short_name: CISSS des Laurentides")


def _extension_without_phone(c: Path) -> int:
    return replace(c / "fr/contact.yaml", "    email: psoc.ciSSLau@ssss.gouv.qc.ca",
                   "    email: psoc.ciSSLau@ssss.gouv.qc.ca\n    extension: 12") + 1


def _qr_without_url(c: Path) -> int:
    for language in ("fr", "en"):
        path = c / language / "contact.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"    url: https://[^\n]*psoc\n", "", text)
        path.write_text(text, encoding="utf-8")
    lines = (c / "fr/contact.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  - id: psoc")
    return next(n for n, line in enumerate(lines, start=1) if n > start and "qr: true" in line)


def _contact_with_no_way(c: Path) -> int:
    path = c / "en/contact.yaml"
    replace(path, "    email: psoc.ciSSLau@ssss.gouv.qc.ca\n", "")
    return line_of(path, "  - id: courriel-psoc")


def _duplicate_key(c: Path) -> int:
    return replace(c / "fr/organisation.yaml", "  region: Laurentides\n", "  region: Laurentides\n  region: Outaouais\n") + 1


def _text_instead_of_list(c: Path) -> int:
    path = c / "en/organisation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  paragraphs:\n    - >-\n      The health")
    end = text.index("\nteam:\n")
    path.write_text(text[:start] + "  paragraphs: The health of a community.\n" + text[end:], encoding="utf-8")
    return line_of(path, "  paragraphs: The health")


def _section_in_one_language_only(c: Path) -> int:
    path = c / "en/services.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    audiences:\n      intro: \"This service")
    end = text.index("    request:\n      text: \"To request")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return line_of(c / "fr/services.yaml", "    audiences:")


def _list_file(c: Path) -> int:
    (c / "en/practice.yaml").write_text("- values\n- territories\n", encoding="utf-8")
    return 1


def _empty_list(c: Path) -> int:
    return replace(c / "fr/services.yaml", "services:\n", "services: []\n_ignored:\n") and line_of(c / "fr/services.yaml", "services: []")


CASES: dict[str, Case] = {
    "unclosed quote": Case("fr/services.yaml", _unclosed, "guillemet"),
    "tab indentation": Case("fr/organisation.yaml", _tab, "tabulation", column=1),
    "wrong type": Case("en/contact.yaml", _wrong_type, "true ou false"),
    "misspelt key": Case("en/services.yaml", _unknown_key, "vouliez-vous dire « summary »"),
    "missing translation": Case("fr/services.yaml", _missing_translation, "« psoc » n'existe pas dans"),
    "deleted file": Case("en/contact.yaml", _deleted_file, "introuvable"),
    "duplicate id": Case("fr/services.yaml", _duplicate_id, "déjà utilisé"),
    "duplicate slug": Case("fr/services.yaml", _duplicate_slug, "est déjà celle du service de la ligne 6"),
    "javascript url": Case("fr/contact.yaml", _javascript_url, "javascript:alert(document.cookie)"),
    "bad e-mail": Case("en/contact.yaml", _bad_email, "adresse courriel"),
    "bad phone": Case("fr/contact.yaml", _bad_phone, "numéro de téléphone « 433-2777 »"),
    "empty file": Case("fr/practice.yaml", _empty_file, "vide"),
    "latin-1 file": Case("fr/organisation.yaml", _latin1, "UTF-8"),
    "missing field": Case("fr/services.yaml", _missing_field, "« title » manque"),
    "empty text": Case("fr/organisation.yaml", _empty_text, "vide"),
    "bad id": Case("fr/services.yaml", _bad_id, "identifiant « PSOC-é »"),
    "unknown link": Case("fr/services.yaml", _unknown_link, "vouliez-vous dire « psoc »"),
    "colon in text": Case("fr/organisation.yaml", _colon_in_text, "guillemets"),
    "bad indentation": Case("fr/organisation.yaml", _bad_indent, "retrait"),
    "extension without phone": Case("fr/contact.yaml", _extension_without_phone, "poste"),
    "qr without url": Case("fr/contact.yaml", _qr_without_url, "code QR"),
    "contact with no way to reach": Case("en/contact.yaml", _contact_with_no_way, "aucun moyen"),
    "duplicate key": Case("fr/organisation.yaml", _duplicate_key, "deux fois"),
    "text instead of list": Case("en/organisation.yaml", _text_instead_of_list, "une liste"),
    "section in one language only": Case("fr/services.yaml", _section_in_one_language_only, "« audiences » existe ici mais pas dans"),
    "list instead of keys": Case("en/practice.yaml", _list_file, "clés"),
    "empty list": Case("fr/services.yaml", _empty_list, "liste est vide"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_content_is_reported_at_its_place(name: str, tmp_path: Path) -> None:
    """What the loader says of each mistake (in this process: the loader decides it, no
    brochure is laid out); that the command stops and publishes nothing is the next test's."""
    case = CASES[name]
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    line = case.edit(content)
    loaded = load_in_process(content)
    assert loaded.problems, f"{name}: the loader let it through"
    assert not any("Traceback" in row for row in loaded.problems)
    where = f"{content / case.file}:{line}:"
    reported = [row for row in loaded.problems if row.startswith(where)]
    assert reported, f"no message at {where}\n{loaded.said}"
    assert any(case.says in row for row in reported), loaded.said
    assert all(" — " in row for row in reported), "each message says what to do"
    if case.column is not None:
        assert any(row.startswith(f"{where}{case.column}:") for row in reported)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["unclosed quote", "deleted file", "contact with no way to reach"])
def test_broken_content_is_reported_and_nothing_is_published(name: str, tmp_path: Path, previous_site) -> None:
    """The command, for a mistake of the YAML, of the files and of the model: exit status 1,
    the message at its place, no traceback, the previous site untouched."""
    output, digest = previous_site
    case = CASES[name]
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    line = case.edit(content)
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    where = f"{content / case.file}:{line}:"
    reported = [row for row in result.stderr.splitlines() if row.startswith(where)]
    assert reported, f"no message at {where}\n{result.stderr}"
    assert any(case.says in row for row in reported), result.stderr
    assert tree_digest(output) == digest, "the previous site was changed"


def test_every_problem_of_a_run_is_reported_at_once(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    _bad_phone(content)
    _bad_email(content)
    _unknown_key(content)
    result = run_offre("check", "--content", str(content))
    assert result.returncode == 1
    assert "fr/contact.yaml" in result.stderr and "en/contact.yaml" in result.stderr
    assert "en/services.yaml" in result.stderr
    assert "3 problème(s)" in result.stderr


def test_messages_are_in_english_when_the_locale_is_english(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    _unknown_key(content)
    env = {**os.environ, "LC_ALL": "en_CA.UTF-8", "LANG": "en_CA.UTF-8"}
    result = run_offre("check", "--content", str(content), env=env)
    assert result.returncode == 1
    assert 'there is no key "summery" (did you mean "summary"?) — correct its name or remove it' in result.stderr


def test_a_wrong_command_line_exits_with_2() -> None:
    assert run_offre("build", "--no-such-option").returncode == 2
    assert run_offre("publish").returncode == 2


@pytest.mark.slow
def test_check_writes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    before = tree_digest(tmp_path)
    result = run_offre("check", "--content", str(content), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path) == before


@pytest.mark.slow
def test_bom_and_windows_line_ends_are_accepted(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    for path in content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    output = tmp_path / "site"
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "Agir ensemble" in home and "\r" not in home.split("<main")[1][:2000]


@pytest.mark.slow
def test_script_in_a_description_is_shown_as_text(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from pdf import page_text

    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    payload = "<script>alert(1)</script> & <b>gras</b>"
    replace(content / "fr/services.yaml", "        Les intervenants utilisent une relation",
            f"        {payload} Les intervenants utilisent une relation")
    output = tmp_path / "site"
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    page = (output / "services" / "soutien-communautaire-logement-social" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<b>gras</b>" not in page
    assert payload in BeautifulSoup(page, "html.parser").get_text()
    assert payload in " ".join(page_text(output / "downloads" / "brochure-fr-office.pdf").split())


@pytest.mark.parametrize("typed", ["no", "Off", "on", "9:30", "0450", "2025", "3.5"])
def test_words_yaml_would_read_as_booleans_or_numbers_stay_text(tmp_path: Path, typed: str) -> None:
    from generator.content import load_content

    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    replace(content / "fr/organisation.yaml", "title: Agir ensemble", f"title: {typed}")
    assert load_content(content)["fr"].organisation.hero.title == typed
