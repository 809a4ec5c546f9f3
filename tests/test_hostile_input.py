"""Hostile and careless input: no injection, no hang, no traceback, nothing left behind.

A corpus of content an attacker or a hurried editor could write, and of states the
machine can be in. Each case runs `offre` as a user would and asserts the exit status,
the message (file, line, what to do, in a second or two — never after minutes of
layout), that no Python traceback is shown, and that the previous site is untouched.
Injections must build, and the built HTML must parse back to the very text the content
holds: no markup of the content's ever becomes markup of the page.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import CONTENT_SETS, ROOT, run_offre, tree_digest
from hostile import INJECTIONS, inject, replace
from generator.content import limits

pytestmark = pytest.mark.slow

CONTENT = CONTENT_SETS["laurentides"]


# --- helpers ---------------------------------------------------------------------------------


def both(content: Path, name: str, old: str, new: str) -> int:
    """The same edit in French and English (parity); the French line is returned."""
    replace(content / "en" / name, old, new)
    return replace(content / "fr" / name, old, new)


def french_line(content: Path, name: str, text: str) -> int:
    for number, line in enumerate((content / "fr" / name).read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(text)


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("previous") / "site"
    result = run_offre("build", "--content", str(CONTENT), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output, tree_digest(output)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert 'File "' not in result.stderr, result.stderr


# --- content that is refused, with a message ---------------------------------------------------


@dataclass
class Refused:
    edit: Callable[[Path], int | None]  # edits a copy of the content; returns the line to be named
    file: str  # the file the message names ("fr/services.yaml")
    says: str  # a fragment of the French message


def _billion_laughs(c: Path) -> int:
    lines = ['a0: &a0 "lol"']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    (c / "fr" / "practice.yaml").write_text("\n".join(lines) + "\nvalues: *a9\n", encoding="utf-8")
    return None


def _deep_nesting(c: Path) -> int:
    (c / "fr" / "practice.yaml").write_text("values: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    return 1


def _recursive_alias(c: Path) -> int:
    (c / "fr" / "practice.yaml").write_text("values: &loop\n  - *loop\n", encoding="utf-8")
    return 2


def _unknown_alias(c: Path) -> int:
    (c / "fr" / "practice.yaml").write_text("values: *nowhere\n", encoding="utf-8")
    return 1


def _big_file(c: Path) -> int:
    path = c / "fr" / "organisation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * limits.MAX_FILE_BYTES + "\n", encoding="utf-8")
    return 1


def _megabyte_paragraph(c: Path) -> int:
    """(Named at the list item, the line before the text.)"""
    return replace(c / "fr" / "services.yaml", "        Les intervenants utilisent une relation",
                   "        " + "bla " * 200_000 + "Les intervenants utilisent une relation") - 1


def _too_many_items(c: Path) -> int:
    items = "".join(f"  - id: valeur-{n}\n    text: Valeur {n}\n" for n in range(limits.MAX_ITEMS + 1))
    for language in ("fr", "en"):
        path = c / language / "practice.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("values: []\n", "values:\n" + items), encoding="utf-8")
    return french_line(c, "practice.yaml", "values:") + 1


def _too_much_for_the_brochure(c: Path) -> int:
    paragraph = "Un paragraphe assez long pour remplir la brochure. " * 30
    extra = "".join(f"      - >-\n        {paragraph}\n" for _ in range(30))
    for language in ("fr", "en"):
        replace(c / language / "services.yaml", "    description:\n", "    description:\n" + extra)
    return None


def _tag(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", "  title: !foo Agir ensemble")


def _python_tag(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble",
                   "  title: !!python/object/apply:os.system ['echo pwned']")


def _raw_nul(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", "  title: Agir\x00ensemble")


def _raw_bell(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", "  title: Agir\x07ensemble")


def _raw_c1(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", "  title: Agir\x9bensemble")


def _escaped_control(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", '  title: "Agir\\x01ensemble"')


def _escaped_escape(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", '  title: "Agir\\e[31mensemble"')


def _lone_surrogate(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "  title: Agir ensemble", '  title: "Agir\\ud800ensemble"')


def _complex_key(c: Path) -> int:
    path = c / "fr" / "organisation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "[a]: b\n", encoding="utf-8")
    return len(path.read_text(encoding="utf-8").splitlines())


def _two_documents(c: Path) -> int:
    path = c / "fr" / "practice.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "---\nvalues: []\n", encoding="utf-8")
    return len(path.read_text(encoding="utf-8").splitlines()) - 1


def _long_id(c: Path) -> int:
    return both(c, "services.yaml", "  - id: psoc\n", "  - id: " + "p" * 250 + "\n")


def _long_title(c: Path) -> int:
    return replace(c / "fr" / "services.yaml", "    title: Organisation communautaire",
                   "    title: " + "Organisation communautaire " * 20)


def _qr_too_long(c: Path) -> int:
    long = "https://exemple.qc.ca/" + "a" * 500
    for language in ("fr", "en"):
        path = c / language / "contact.yaml"
        path.write_text(re.sub(r"url: https://[^\n]*-psoc\n", f"url: {long}\n", path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    return french_line(c, "contact.yaml", long)


def _javascript(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "url: https://santelaurentides", "url: javascript:alert(1)//santelaurentides")


def _data_url(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "url: https://santelaurentides",
                   "url: data:text/html,<script>alert(1)</script>//santelaurentides")


def _credentials(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "url: https://santelaurentides", "url: https://user:secret@santelaurentides")


def _quote_in_url(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "url: https://santelaurentides", 'url: https://sante"laurentides')


def _public_url_injection(c: Path) -> int:
    path = c / "fr" / "organisation.yaml"
    return replace(path, "site:\n", "site:\n  public_url: 'https://exemple.org/\"><script>alert(1)</script>'\n") + 1


def _public_url_with_query(c: Path) -> int:
    return replace(c / "fr" / "organisation.yaml", "site:\n", "site:\n  public_url: https://exemple.org/?a=1&b=2\n") + 1


def _bad_host(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "url: https://santelaurentides.gouv.qc.ca", "url: https://sante_laurentides..gouv.qc.ca")


def _other_script_digits(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "phone: 450 433-2777", "phone: ٤٥٠ ٤٣٣-٢٧٧٧")


def _fullwidth_extension(c: Path) -> int:
    return replace(c / "fr" / "contact.yaml", "extension: 65139", "extension: ６５１３９")


def _symlink_loop(c: Path) -> int:
    path = c / "fr" / "contact.yaml"
    path.unlink()
    path.symlink_to(path.name)
    return 1


def _folder_instead_of_file(c: Path) -> int:
    path = c / "fr" / "contact.yaml"
    path.unlink()
    path.mkdir()
    return 1


def _named_pipe(c: Path) -> int:
    path = c / "fr" / "contact.yaml"
    path.unlink()
    os.mkfifo(path)
    return 1


REFUSED: dict[str, Refused] = {
    "billion laughs": Refused(_billion_laughs, "fr/practice.yaml", "alias"),
    "deep nesting": Refused(_deep_nesting, "fr/practice.yaml", "imbriquées"),
    "recursive alias": Refused(_recursive_alias, "fr/practice.yaml", "boucle"),
    "unknown alias": Refused(_unknown_alias, "fr/practice.yaml", "aucune ancre"),
    "file over 1 MB": Refused(_big_file, "fr/organisation.yaml", "octets"),
    "1 MB paragraph": Refused(_megabyte_paragraph, "fr/services.yaml", "caractères, la limite est de 2000"),
    "too many items": Refused(_too_many_items, "fr/practice.yaml", "éléments, la limite"),
    "too much for the brochure": Refused(_too_much_for_the_brochure, "", "brochure: false"),
    "unknown tag": Refused(_tag, "fr/organisation.yaml", "étiquette YAML « !foo »"),
    "python tag": Refused(_python_tag, "fr/organisation.yaml", "python/object"),
    "raw NUL byte": Refused(_raw_nul, "fr/organisation.yaml", "U+0000"),
    "raw control byte": Refused(_raw_bell, "fr/organisation.yaml", "U+0007"),
    "raw C1 control": Refused(_raw_c1, "fr/organisation.yaml", "U+009B"),
    "escaped control": Refused(_escaped_control, "fr/organisation.yaml", "U+0001"),
    "escaped escape": Refused(_escaped_escape, "fr/organisation.yaml", "U+001B"),
    "lone surrogate": Refused(_lone_surrogate, "fr/organisation.yaml", "U+D800"),
    "complex key": Refused(_complex_key, "fr/organisation.yaml", "simple mot"),
    "two documents": Refused(_two_documents, "fr/practice.yaml", "plusieurs documents"),
    "id of 250 characters": Refused(_long_id, "fr/services.yaml", "la limite est de 60"),
    "title too long": Refused(_long_title, "fr/services.yaml", "la limite est de 200"),
    "QR address too long": Refused(_qr_too_long, "fr/contact.yaml", "code QR"),
    "javascript: address": Refused(_javascript, "fr/contact.yaml", "https://"),
    "data: address": Refused(_data_url, "fr/contact.yaml", "caractère interdit"),
    "password in an address": Refused(_credentials, "fr/contact.yaml", "mot de passe"),
    "quote in an address": Refused(_quote_in_url, "fr/contact.yaml", "caractère interdit"),
    "markup in the public URL": Refused(_public_url_injection, "fr/organisation.yaml", "caractère interdit"),
    "query in the public URL": Refused(_public_url_with_query, "fr/organisation.yaml", "adresse du site lui-même"),
    "invalid host": Refused(_bad_host, "fr/contact.yaml", "adresse"),
    "digits of another script": Refused(_other_script_digits, "fr/contact.yaml", "numéro de téléphone"),
    "full-width extension": Refused(_fullwidth_extension, "fr/contact.yaml", "poste"),
    "symlink loop": Refused(_symlink_loop, "fr/contact.yaml", "boucle"),
    "folder instead of a file": Refused(_folder_instead_of_file, "fr/contact.yaml", "pas un fichier ordinaire"),
    "named pipe": Refused(_named_pipe, "fr/contact.yaml", "pas un fichier ordinaire"),
}


# Through the command, as a team meets them: a few cases of each kind (exit code, no
# traceback, the last site untouched, told before any layout). The others are asked of
# what `offre build` runs first — the loader, then the brochures' text budget — in this
# process: the same messages, the lines the command prints, without starting a build each.
THROUGH_THE_COMMAND = ("billion laughs", "file over 1 MB", "too much for the brochure", "raw NUL byte", "javascript: address",
                       "named pipe")


def _refused_here(content: Path) -> list[str]:
    """The lines `offre build` would print for `content`'s problems (before any layout)."""
    from generator.brochure.render import BrochureOverflow
    from generator.content import ContentProblems, load_content
    from generator.downloads import check_brochure_budget

    try:
        check_brochure_budget(load_content(content, []))
    except ContentProblems as problems:
        return [str(problem) for problem in problems.problems]
    except BrochureOverflow as overflow:
        return overflow.messages()
    raise AssertionError("not refused")


@pytest.mark.parametrize("name", list(REFUSED))
def test_hostile_content_is_refused_at_once_with_a_message(name: str, tmp_path: Path, previous_site) -> None:
    output, digest = previous_site
    case = REFUSED[name]
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    line = case.edit(content)
    started = time.monotonic()
    if name in THROUGH_THE_COMMAND:
        result = run_offre("build", "--content", str(content), "--output", str(output))
        assert result.returncode == 1, result.stdout + result.stderr
        no_traceback(result)
        said = result.stderr.splitlines()
    else:
        said = _refused_here(content)
    elapsed = time.monotonic() - started
    if case.file:
        where = f"{content / case.file}:" + (f"{line}:" if line else "")
        reported = [row for row in said if row.startswith(where)]
        assert reported, f"no message at {where}\n" + "\n".join(said)
    else:
        reported = said
    assert any(case.says in row for row in reported), "\n".join(said)
    assert all(" — " in row for row in reported), "each message says what to do"
    assert elapsed < 20, f"{elapsed:.1f} s: the limit must be told before any layout"
    assert tree_digest(output) == digest, "the previous site was changed"


def test_limits_are_told_well_under_a_second(tmp_path: Path) -> None:
    """Loading is what stops hostile content, before it costs anything: in-process, without
    the command's start-up, the work counted as this process's CPU time (what the loader
    spends, whatever else the machine runs meanwhile; wall-clock time measures the load)."""
    from generator.content import ContentProblems, load_content

    for edit in (_billion_laughs, _deep_nesting, _megabyte_paragraph, _big_file, _recursive_alias):
        content = tmp_path / edit.__name__
        shutil.copytree(CONTENT, content)
        edit(content)
        started = time.process_time()
        with pytest.raises(ContentProblems):
            load_content(content)
        assert time.process_time() - started < 0.5, edit.__name__


def test_messages_about_limits_are_in_english_too(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    _billion_laughs(content)
    _long_title(content)
    result = run_offre("check", "--content", str(content), env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert result.returncode == 1
    assert "do not use aliases" in result.stderr and "the limit is 200" in result.stderr, result.stderr


def test_the_readme_lists_every_limit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## When something goes wrong"):]
    for name in dir(limits):
        if name.startswith("MAX_"):
            value = getattr(limits, name)
            assert f"{value:,}" in section or str(value) in section, f"{name} = {value} is not in the README"


# --- injections: built, and shown as typed ---------------------------------------------------------

@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("injected")
    content = base / "content"
    shutil.copytree(CONTENT, content)
    shown = inject(content)
    replace(content / "fr" / "organisation.yaml", "site:\n", "site:\n  public_url: https://exemple.org/a&b/\n")
    replace(content / "en" / "organisation.yaml", "site:\n", "site:\n  public_url: https://exemple.org/a&b/\n")
    output = base / "site"
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output, shown


def _texts_and_attributes(page: Path) -> list[str]:
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = [" ".join(text.split()) for text in document.find_all(string=True)]
    for element in document.find_all(True):
        found += [" ".join(value.split()) for value in element.attrs.values() if isinstance(value, str)]
    return found


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_injected_text_is_shown_as_typed_and_never_becomes_markup(injected_site, name: str) -> None:
    site, shown = injected_site
    expected = " ".join(shown[name].split())
    seen = 0
    for page in sorted(site.rglob("*.html")):
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = [s.get_text() for s in document.find_all("script") if "alert" in s.get_text()]
        assert not scripts, f"{page}: a script from the content"
        assert not document.find("meta", attrs={"http-equiv": True}) or "qr" in page.parts
        for element in document.find_all(True):
            assert not any(attribute.startswith("on") for attribute in element.attrs), f"{page}: {element}"
            assert not str(element.get("href", "")).lower().startswith(("javascript:", "data:"))
        texts = _texts_and_attributes(page)
        seen += sum(expected in text for text in texts)
    assert seen, f"{expected!r} is nowhere on the site as text"


def test_sitemaps_stay_well_formed_with_an_ampersand_in_the_public_url(injected_site) -> None:
    site, _ = injected_site
    for path in (site / "sitemap.xml", site / "en" / "sitemap.xml"):
        root = ElementTree.parse(path).getroot()  # raises on ill-formed XML
        assert root[0][0].text.startswith("https://exemple.org/a&b/")
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("link", rel="canonical")["href"] == "https://exemple.org/a&b/"


def test_an_internationalised_host_is_written_in_punycode(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for language in ("fr", "en"):
        replace(content / language / "contact.yaml", "url: https://santelaurentides.gouv.qc.ca", "url: https://bücher.example",
                count=2)
    output = tmp_path / "site"
    result = run_offre("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    hrefs = {a.get("href", "") for a in BeautifulSoup((output / "contact" / "index.html").read_text(encoding="utf-8"),
                                                         "html.parser").find_all("a")}
    assert any(href.startswith("https://xn--bcher-kva.example/espace") for href in hrefs), hrefs
    assert not any("b%C3%BCcher" in href or "bücher" in href for href in hrefs)
    from pdf import scan
    codes = [code.text for code in scan(output / "downloads" / "brochure-fr-print.pdf")]
    assert codes and all(code.startswith("https://xn--bcher-kva.example/") for code in codes), codes


# --- the machine: files, folders, disks, signals -------------------------------------------------------


def _as_nobody() -> list[str]:
    """Run as an unprivileged user when we are root: root ignores file permissions."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("setpriv is needed to test permissions as root")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


def _offre_as_nobody(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_as_nobody(), sys.executable, "-m", "generator", *arguments], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(cwd)})


def _open_to_all(path: Path) -> None:
    for folder in [path, *path.parents]:
        if folder == Path("/"):
            break
        folder.chmod(folder.stat().st_mode | stat.S_IXOTH | stat.S_IROTH)


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    _open_to_all(tmp_path)
    for path in content.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (content / "en" / "services.yaml").chmod(0)
    result = _offre_as_nobody("check", "--content", str(content), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    no_traceback(result)
    assert "content/en/services.yaml:1:1: le fichier ne peut pas être lu : permission refusée — " in result.stderr


def test_a_read_only_output_folder_is_an_environment_problem(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    locked = tmp_path / "locked"
    locked.mkdir()
    _open_to_all(tmp_path)
    for path in content.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    locked.chmod(0o555)
    env_root = tmp_path  # the project is found from ROOT; its .offre must be writable or skipped
    result = _offre_as_nobody("build", "--content", str(content), "--output", str(locked / "site"), cwd=env_root)
    assert result.returncode == 3, result.stdout + result.stderr
    no_traceback(result)
    assert "permission refusée" in result.stderr and str(locked) in result.stderr


def test_an_output_path_under_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run_offre("build", "--content", str(CONTENT), "--output", str(tmp_path / "a-file" / "site"))
    assert result.returncode == 3, result.stderr
    no_traceback(result)
    assert "est un fichier, pas un dossier" in result.stderr


def test_an_output_folder_offre_did_not_make_is_refused_in_french_and_english(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("keep me", encoding="utf-8")
    french = run_offre("build", "--content", str(CONTENT), "--output", str(mine))
    english = run_offre("build", "--content", str(CONTENT), "--output", str(mine),
                        env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert french.returncode == english.returncode == 2
    assert "n'a pas été fait par offre" in french.stderr and "was not made by offre" in english.stderr
    assert (mine / "thesis.docx").read_text(encoding="utf-8") == "keep me"


def test_a_full_disk_is_an_environment_problem(tmp_path: Path) -> None:
    """A 1 MB disk (tmpfs, when we may mount one), else a file size limit: writing fails."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True).returncode == 0
    try:
        def limit() -> None:
            if not mounted:
                import resource
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

        result = subprocess.run([sys.executable, "-m", "generator", "build", "--no-cache", "--content", str(CONTENT),
                                 "--output", str(disk / "site")], cwd=ROOT, capture_output=True, text=True,
                                timeout=300, preexec_fn=limit, env={**os.environ, "OFFRE_CACHE_DIR": str(disk / "cache")})
        assert result.returncode == 3, result.stdout + result.stderr
        no_traceback(result)
        assert ("le disque est plein" if mounted else "taille") in result.stderr, result.stderr
        assert not [p for p in disk.iterdir() if p.name.startswith(".offre-work-")], "work folder left behind"
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)], check=False)


def test_a_missing_content_folder(tmp_path: Path) -> None:
    result = run_offre("check", "--content", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    no_traceback(result)
    assert "le dossier de contenu est introuvable" in result.stderr


def test_a_bad_port_and_a_bad_date_are_command_line_mistakes() -> None:
    port = run_offre("serve", "--port", "99999")
    assert port.returncode == 2 and "de 1 à 65535" in port.stderr
    no_traceback(port)
    epoch = run_offre("check", env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"})
    assert epoch.returncode == 2 and "SOURCE_DATE_EPOCH" in epoch.stderr
    no_traceback(epoch)


def test_a_port_in_use_is_an_environment_problem(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_offre("serve", "--port", str(port), "--output", str(tmp_path / "preview"))
    assert result.returncode == 3
    no_traceback(result)
    assert "déjà utilisé" in result.stderr


def _offre_processes() -> set[int]:
    """Process ids of every running `python -m generator` (the command and its workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
                state = (entry / "stat").read_text().split(")")[-1].split()[0]
            except OSError:
                continue
            if b"generator" in command and b"-m" in command and state != "Z":
                found.add(int(entry.name))
    return found


def _wait_until(predicate: Callable[[], bool], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _children(parent: int) -> set[int]:
    """The live processes whose parent is `parent` (this build's own, never another
    test's or another user's)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().split(")")[-1].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[1]) == parent:
                found.add(int(entry.name))
    return found


def _descendants(parent: int) -> set[int]:
    """`parent`'s children, theirs, and so on (the print worker and its helpers)."""
    found, generation = set(), _children(parent)
    while generation:
        found |= generation
        generation = set().union(*(_children(pid) for pid in generation)) - found
    return found


def _ignores_ctrl_c(pid: int) -> bool:
    """Whether `pid` ignores SIGINT: the print worker does from its first step on."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next((line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), "0")
    return bool(int(mask, 16) & (1 << (signal.SIGINT - 1)))


def _start_build(output: Path, tmp_path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--no-cache", "--content", str(CONTENT),
                                "--output", str(output)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True,
                               env={**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")})
    # Mid-build, whatever the machine's load: the work folder exists and this build's print
    # worker has taken its first step (it leaves Ctrl-C to the build). Only this build's own
    # processes are looked at: a build started by another test or user never counts.
    assert _wait_until(lambda: any(_ignores_ctrl_c(child) for child in _children(process.pid))
                       and any(p.name.startswith(".offre-work-") for p in output.parent.iterdir()), 60)
    return process


def test_ctrl_c_stops_cleanly_with_one_line(tmp_path: Path, previous_site) -> None:
    output = tmp_path / "site"
    shutil.copytree(previous_site[0], output)
    digest = tree_digest(output)
    process = _start_build(output, tmp_path)
    os.killpg(process.pid, signal.SIGINT)  # as the terminal does: the whole group
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "Interrompu — rien n'a été publié; le site précédent est intact.", stderr
    assert _wait_until(lambda: not [p for p in output.parent.iterdir() if p.name.startswith(".offre-work-")], 10)
    assert tree_digest(output) == digest


def test_a_killed_build_leaves_no_process_and_its_folder_goes_with_the_next_build(tmp_path: Path) -> None:
    output = tmp_path / "site"
    process = _start_build(output, tmp_path)
    workers = _descendants(process.pid)
    assert workers, "the print worker was forked"
    process.kill()
    process.wait()
    assert _wait_until(lambda: not (workers & _offre_processes()), 10), "print workers outlived their parent"
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".offre-work-")]
    assert leftovers, "a SIGKILL leaves its work folder (nothing can remove it then)"
    result = run_offre("build", "--content", str(CONTENT), "--output", str(output),
                       env={**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".offre-work-")], "left-overs not removed"


def test_sigterm_stops_cleanly(tmp_path: Path) -> None:
    output = tmp_path / "site"
    process = _start_build(output, tmp_path)
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    no_traceback(subprocess.CompletedProcess([], process.returncode, "", stderr))
    assert _wait_until(lambda: not [p for p in tmp_path.iterdir() if p.name.startswith(".offre-work-")], 10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_refuses_nul_in_a_request_and_removes_its_folder_when_stopped(tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    leftover = temporary / ".offre-serve-999999-old"  # from a preview killed long ago
    leftover.mkdir()
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--content", str(CONTENT), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(temporary)})
    try:
        def up() -> bool:
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200
            except OSError:
                return False
        assert _wait_until(up, 120), "the preview never came up"
        assert not leftover.exists(), "a dead preview's folder is removed"
        for path in ("/%00", "/services/%00/", "/%0a"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
            assert refused.value.code == 400
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr, stderr
    assert "Aperçu arrêté." in stdout
    assert list(temporary.iterdir()) == [], "the preview's temporary folder is removed"


# --- caches ------------------------------------------------------------------------------------


def test_source_date_epoch_is_part_of_the_cache_keys(tmp_path: Path) -> None:
    import pikepdf

    env = {**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")}
    output = tmp_path / "site"
    dates = {}
    for epoch in ("1700000000", "1800000000"):
        result = run_offre("build", "--content", str(CONTENT), "--output", str(output),
                           env={**env, "SOURCE_DATE_EPOCH": epoch})
        assert result.returncode == 0, result.stderr
        with pikepdf.open(output / "downloads" / "brochure-fr-print.pdf") as pdf:
            dates[epoch] = str(pdf.docinfo["/CreationDate"])
    assert dates["1700000000"].startswith("D:2023") and dates["1800000000"].startswith("D:2027"), dates


def test_four_builds_sharing_one_cache_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "cache")}
    processes = [subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(CONTENT),
                                   "--output", str(tmp_path / f"site-{n}")], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(4)]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    pdfs = {(tmp_path / f"site-{n}" / "downloads" / "brochure-fr-print.pdf").read_bytes() for n in range(4)}
    assert len(pdfs) == 1
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.name.startswith(".")], "half-written entries"


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    result = run_offre("build", "--content", str(CONTENT), "--output", str(tmp_path / "site"),
                       env={**os.environ, "OFFRE_CACHE_DIR": str(tmp_path / "not-a-folder" / "cache")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "downloads" / "brochure-fr-print.pdf").is_file()


def test_no_errno_is_left_without_words() -> None:
    from generator.oserrors import reason

    for number in (errno.EACCES, errno.ENOSPC, errno.EROFS, errno.ELOOP, errno.ENOTDIR, errno.EFBIG):
        words = reason(OSError(number, os.strerror(number)))
        assert words["fr"] and words["en"] and " — " in words["fr"] and " — " in words["en"]
