"""Nothing written outside, nothing deleted that is not offre's, nothing damaged published.

A cloned repository may carry symbolic links, and OFFRE_CACHE_DIR may name a folder
shared with other files: offre writes its pipelines, starter, schemas and reference only
at real paths inside the project, and its cache removes only the entries it sealed.
"""

from __future__ import annotations

import json
import subprocess
import os
import re
import shutil
import time
from pathlib import Path

import brotli
import pytest

from conftest import CONTENT_SETS, ROOT, run_offre
from git_history import FRENCH_SUMMARY, edit, french_ahead, git, heavy_history, shipped_history
from generator import store

pytestmark = pytest.mark.slow

GITLAB, GITHUB = ".gitlab-ci.yml", ".github/workflows/offre.yml"
LINK = "offre n'écrit pas ici, car ce chemin est un lien symbolique"


def _project(folder: Path) -> Path:
    """A team's project: the generator's files in a Git repository (offre new asks for one)."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copyfile(ROOT / name, folder / name)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


def test_force_never_writes_through_a_link_to_a_file_elsewhere(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    assert run_offre("new", "contenu", cwd=project).returncode == 0
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("à moi\n", encoding="utf-8")
    (project / GITLAB).unlink()
    (project / GITLAB).symlink_to(elsewhere)
    result = run_offre("pipelines", "--content", "contenu", "--host", "gitlab", "--force", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f".gitlab-ci.yml\u00a0: {LINK}" in result.stderr and "écrit" not in result.stdout, result.stdout + result.stderr
    assert elsewhere.read_text(encoding="utf-8") == "à moi\n"
    assert (project / GITLAB).is_symlink()


def test_a_dangling_link_is_not_made_a_file_by_offre_new(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    target = tmp_path / "cree-ailleurs.yml"
    (project / GITLAB).symlink_to(target)
    result = run_offre("new", "contenu", cwd=project)
    assert result.returncode == 0, result.stderr
    assert LINK in result.stderr
    assert not target.exists() and not os.path.exists(project / GITLAB)
    assert (project / GITHUB).is_file()  # the other file, at a real path, is written


def test_a_folder_link_is_not_written_into(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    assert run_offre("new", "contenu", cwd=project).returncode == 0
    shutil.rmtree(project / ".github")
    elsewhere = tmp_path / "dossier"
    elsewhere.mkdir()
    (project / ".github").symlink_to(elsewhere, target_is_directory=True)
    result = run_offre("pipelines", "--content", "contenu", "--host", "github", "--force", cwd=project)
    assert result.returncode == 2 and LINK in result.stderr, result.stderr
    assert list(elsewhere.iterdir()) == []


def test_offre_new_schema_and_reference_refuse_links(tmp_path: Path) -> None:
    project = _project(tmp_path / "projet")
    empty = tmp_path / "vide"
    empty.mkdir()
    (project / "lien").symlink_to(empty, target_is_directory=True)
    new = run_offre("new", "lien", cwd=project)
    assert new.returncode == 3 and LINK in new.stderr, new.stderr
    assert list(empty.iterdir()) == []

    (project / ".offre").symlink_to(empty, target_is_directory=True)
    schema = run_offre("schema", cwd=project)
    assert schema.returncode == 3 and LINK in schema.stderr, schema.stderr
    (project / "guide").symlink_to(empty, target_is_directory=True)
    reference = run_offre("reference", cwd=project, env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert reference.returncode == 3 and "offre does not write here, as this path is a symbolic link" \
        in reference.stderr, reference.stderr
    assert list(empty.iterdir()) == []


# --- the cache: sealed entries, foreign files, links ----------------------------------------------

A_MONTH_AGO = time.time() - 30 * 24 * 3600
BEYOND_BASE = "Łódź"  # a character beyond the fonts' base set: the font subsets are cut and cached


def _counts(stdout: str) -> tuple[int, int, int, int]:
    """(brochures made, reused, pages made, reused), as `offre build` says them."""
    found = re.search(r"brochures : (\d+) faites, (\d+) reprises du cache; pages : (\d+) faites, (\d+) reprises",
                      stdout)
    assert found, stdout
    return tuple(int(number) for number in found.groups())  # type: ignore[return-value]


# WeasyPrint writes a random document id and the time it wrote a PDF/X-4 into its metadata
# (weasyprint/pdf/metadata.py), and the file's /ID, a hash of the file: the print PDFs of two builds
# differ by these alone.
_PDFX_STAMPS = re.compile(rb"<xmp:MetadataDate>[^<]*</xmp:MetadataDate><xmpMM:DocumentID>xmp\.did:[0-9a-f-]{36}<"
                          rb"|/ID \[\([0-9a-f]{32}\) \([0-9a-f]{32}\)\]")


def _same_files(built: Path, clean: Path) -> None:
    """Every file of `built` is in `clean` with the same bytes (but a PDF/X's stamps), and the other way round."""
    files = sorted(path.relative_to(built) for path in built.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(clean) for path in clean.rglob("*") if path.is_file())

    def read(path: Path) -> bytes:
        return _PDFX_STAMPS.sub(b"", path.read_bytes()) if path.suffix == ".pdf" else path.read_bytes()

    differing = [str(name) for name in files if read(built / name) != read(clean / name)]
    assert not differing, differing


def _build(content: Path, output: Path, cache: Path | None, *options: str, timings: Path | None = None):
    env = {**os.environ, "OFFRE_CACHE_DIR": str(cache or output.parent / "unused-cache")}
    if timings is not None:
        env["OFFRE_TIMINGS"] = str(timings)
    result = run_offre("build", *options, "--content", str(content), "--output", str(output), env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(content, a build that reused nothing, the cache a first build filled)."""
    base = tmp_path_factory.mktemp("sealed")
    content = base / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "communautés.", f"communautés, de {BEYOND_BASE} à Mont-Laurier.", 1), encoding="utf-8")
    clean = base / "clean"
    _build(content, clean, None, "--no-cache")
    _build(content, base / "first", base / "cache")
    return content, clean, base / "cache"


def _tamper_brochures(cache: Path) -> None:
    """The French and English office PDFs swapped; the print PDFs cut to 1 KB."""
    entries = sorted((cache / "brochures").iterdir())
    office = {path.name.split("-")[1]: path for path in entries if path.name.endswith("-office.pdf")}
    french, english = office["fr"].read_bytes(), office["en"].read_bytes()
    office["fr"].write_bytes(english)
    office["en"].write_bytes(french)
    for path in entries:
        if path.name.endswith("-print.pdf"):
            path.write_bytes(path.read_bytes()[:1024])


def _tamper_compressed(cache: Path) -> None:
    """Every kept .br cut in half, every .gz replaced by another page's."""
    copies = sorted((cache / "precompressed").rglob("*.*"))
    zipped = [path for path in copies if path.suffix == ".gz"]
    first = zipped[0].read_bytes()
    for path in copies:
        path.write_bytes(path.read_bytes()[:path.stat().st_size // 2] if path.suffix == ".br" else first)


def _tamper_pages(cache: Path) -> None:
    """Every two kept pages swapped: each under the other's name."""
    pages = sorted((cache / "pages").rglob("*.html"))
    for one, other in zip(pages[0::2], pages[1::2]):
        data = one.read_bytes()
        one.write_bytes(other.read_bytes())
        other.write_bytes(data)


def _tamper_measures(cache: Path) -> None:
    """The French measurements 200,000 brackets deep; the English ones' numbers halved."""
    for path in (cache / "measures").iterdir():
        if path.name.endswith("-fr.json"):
            path.write_bytes(b"[" * 200_000)
        else:
            text = path.read_bytes().decode("utf-8", "replace")
            path.write_text(re.sub(r"\d+\.\d+", lambda found: str(float(found.group()) / 2), text), encoding="utf-8")


def _tamper_fonts(cache: Path) -> None:
    """Every font subset cut short."""
    fonts = sorted((cache / "fonts").iterdir())
    assert fonts, "no font subset was cached"
    for path in fonts:
        path.write_bytes(path.read_bytes()[:2000])


@pytest.mark.parametrize("tamper", [_tamper_brochures, _tamper_compressed, _tamper_pages, _tamper_measures,
                                    _tamper_fonts], ids=["brochures", "compressed", "pages", "measures", "fonts"])
def test_a_damaged_swapped_or_foreign_cache_entry_is_made_again(cached, tmp_path: Path, tamper) -> None:
    """Whatever is done to a kept entry, the site published is the one a build reusing
    nothing makes, byte for byte: every damaged entry is a miss."""
    content, clean, first = cached
    cache = tmp_path / "cache"
    shutil.copytree(first, cache, symlinks=True)
    tamper(cache)
    timings = tmp_path / "timings.json"
    result = _build(content, tmp_path / "site", cache, timings=timings)
    _same_files(tmp_path / "site", clean)
    made_brochures, _, made_pages, _ = _counts(result.stdout)
    if tamper is _tamper_brochures:
        assert made_brochures == 4, result.stdout
    if tamper is _tamper_pages:
        assert made_pages >= 2 * (len(list((first / "pages").rglob("*.html"))) // 2), result.stdout
    if tamper is _tamper_measures:
        stages = json.loads(timings.read_text(encoding="utf-8"))["stages"]
        assert sum(stage.get("pieces", 0) for stage in stages if stage["stage"] == "brochures: measuring") > 10
    if tamper is _tamper_compressed:
        for path in (tmp_path / "site").rglob("*.br"):
            assert brotli.decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path
    # And the entries made again are kept whole: the next build reuses everything.
    again = _build(content, tmp_path / "again", cache)
    assert _counts(again.stdout)[0::2] == (0, 0), again.stdout


def test_a_shared_cache_folder_loses_none_of_its_other_files(cached, tmp_path: Path) -> None:
    """OFFRE_CACHE_DIR naming a folder that holds other files, a month old, whatever
    their names (a hash in them, offre's own kinds of names even): a build removes none,
    and removes its own entries no build used for a week."""
    content, _, first = cached
    cache = tmp_path / "cache"
    shutil.copytree(first, cache, symlinks=True)
    hexes = "0123456789abcdef" * 4
    foreign = [cache / "fonts" / f"report-{hexes[:24]}.ttf", cache / "pages" / "notes" / f"commit-{hexes[:24]}.md",
               cache / "brochures" / f"release-{hexes[:24]}" / "notes.txt",
               cache / "pages" / "00" / f"{hexes}.html",  # offre's kind of name, not offre's bytes
               cache / "brochures" / f"{hexes[:32]}-fr-print.pdf",
               *[cache / "translations" / f"{index:032x}.json" for index in range(30)]]
    for path in foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}\n", encoding="utf-8")
        os.utime(path, (A_MONTH_AGO, A_MONTH_AGO))
    stale = cache / "pages" / "ff" / ("f" * 64 + ".html")  # one of offre's, unused for a month
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(store.seal(f"pages/ff/{'f' * 64}.html", b"<html></html>"))
    os.utime(stale, (A_MONTH_AGO, A_MONTH_AGO))

    _build(content, tmp_path / "site", cache)
    check = run_offre("check", "--content", str(content), env={**os.environ, "OFFRE_CACHE_DIR": str(cache)})
    assert check.returncode == 0, check.stderr
    assert [path for path in foreign if not path.is_file()] == []
    assert not stale.exists()


def test_the_cache_never_follows_a_link_out_of_its_folder(cached, tmp_path: Path) -> None:
    """`cache/pages` a link to a folder elsewhere: nothing there is removed, no page is
    written there nor taken from there; the site is still the right one."""
    content, clean, first = cached
    cache = tmp_path / "cache"
    shutil.copytree(first, cache, symlinks=True)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(cache / "pages", elsewhere)  # offre's own pages, sealed: still not taken through the link
    backup = elsewhere / "00" / f"backup-{'0' * 24}.tar"
    backup.parent.mkdir(exist_ok=True)
    backup.write_bytes(b"keep me")
    os.utime(backup, (A_MONTH_AGO, A_MONTH_AGO))
    for path in elsewhere.rglob("*.html"):
        os.utime(path, (A_MONTH_AGO, A_MONTH_AGO))
    before = sorted(path.relative_to(elsewhere) for path in elsewhere.rglob("*"))
    (cache / "pages").symlink_to(elsewhere, target_is_directory=True)

    result = _build(content, tmp_path / "site", cache)
    assert _counts(result.stdout)[2:] == (16, 0), result.stdout  # none taken through the link
    _same_files(tmp_path / "site", clean)
    assert sorted(path.relative_to(elsewhere) for path in elsewhere.rglob("*")) == before  # none written, none removed
    assert backup.read_bytes() == b"keep me"


def test_request_form_pdfs_are_sealed_in_the_cache_and_cleaned(tmp_path: Path) -> None:
    """The request forms' PDFs kept in the cache are entries like the others: cut to
    1 KB, they are made again, never published; `cache/forms` a link elsewhere is neither
    read nor written; one of offre's unused for a month goes, a file of someone else's
    there stays."""
    content = CONTENT_SETS["outaouais"]
    cache = tmp_path / "cache"
    first = _build(content, tmp_path / "first", cache)
    forms = sorted((tmp_path / "first" / "downloads").glob("formulaire-fr-*.pdf"))
    kept = sorted((cache / "forms").iterdir())
    assert forms and len(kept) >= len(forms), (forms, kept)

    def published(site: Path) -> dict[str, bytes]:
        return {path.name: _PDFX_STAMPS.sub(b"", path.read_bytes()) for path in (site / "downloads").glob("*.pdf")
                if path.name.startswith(("formulaire-", "form-"))}

    for path in kept:
        path.write_bytes(path.read_bytes()[:1024])
    foreign = cache / "forms" / f"{'0123456789abcdef' * 2}.pdf"
    foreign.write_bytes(b"%PDF-1.7 not offre's\n")
    stale = cache / "forms" / f"{'f' * 32}.pdf"
    stale.write_bytes(store.seal(f"forms/{'f' * 32}.pdf", b"%PDF-1.7 old"))
    for path in (foreign, stale):
        os.utime(path, (A_MONTH_AGO, A_MONTH_AGO))
    _build(content, tmp_path / "again", cache)
    assert published(tmp_path / "again") == published(tmp_path / "first")
    assert foreign.read_bytes() == b"%PDF-1.7 not offre's\n" and not stale.exists()

    elsewhere = tmp_path / "elsewhere"
    shutil.move(cache / "forms", elsewhere)
    for path in elsewhere.glob("*.pdf"):  # sealed as offre seals, but wrong: published if read through the link
        path.write_bytes(store.seal(f"forms/{path.name}", b"%PDF-1.7 wrong"))
    before = {path.name: path.read_bytes() for path in elsewhere.iterdir()}
    (cache / "forms").symlink_to(elsewhere, target_is_directory=True)
    _build(content, tmp_path / "linked", cache)
    assert published(tmp_path / "linked") == published(tmp_path / "first")
    assert {path.name: path.read_bytes() for path in elsewhere.iterdir()} == before
    assert "Traceback" not in first.stderr


# --- the preview answers only its own names --------------------------------------------------------


def test_the_preview_answers_only_its_own_host_head_like_get_and_its_own_paths(tmp_path: Path) -> None:
    """A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) must not
    read the status, which holds local paths: only Host 127.0.0.1:PORT or localhost:PORT
    is answered. HEAD answers as GET does, a query string changes nothing on the
    preview's own paths, and /admin leads to /admin/."""
    import http.client

    from preview import get, serving, wait_for

    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    with serving(content, tmp_path) as (home, _):
        assert wait_for(lambda: "Agir ensemble" in get(home), timeout=120), "preview never came up"
        port = int(home.rsplit(":", 1)[1].strip("/"))

        def ask(method: str, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                connection.putrequest(method, path, skip_host=True)
                connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
                connection.endheaders()
                response = connection.getresponse()
                return response.status, dict(response.getheaders()), response.read()
            finally:
                connection.close()

        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", f"localhost:{port + 1}", ""):
            for path in ("/.offre-status", "/", "/admin/"):
                status, _, body = ask("GET", path, host)
                assert status == 403 and b"version" not in body, (host, path, status)
        assert ask("GET", "/.offre-status", f"localhost:{port}")[0] == 200
        status, headers, body = ask("GET", "/.offre-status")
        assert status == 200 and json.loads(body)["version"] >= 1
        for path in ("/.offre-status", "/.offre-status?x=1", "/.offre-status.js?v=2", "/", "/index.html?x"):
            got, got_headers, got_body = ask("GET", path)
            head, head_headers, head_body = ask("HEAD", path)
            assert got == head == 200, (path, got, head)
            assert head_body == b"" and head_headers["Content-Length"] == got_headers["Content-Length"] \
                == str(len(got_body)), path
        moved, headers, _ = ask("GET", "/admin")
        assert moved == 301 and headers["Location"] == "/admin/"
        assert ask("GET", "/admin/")[0] == 200


# --- the history: sealed, bounded, dates past any calendar ------------------------------------------


def _check(repository: Path, cache: Path, **env: str):
    result = run_offre("check", "--content", "content", cwd=repository,
                       env={**os.environ, "LC_ALL": "fr_CA.UTF-8", "OFFRE_CACHE_DIR": str(cache), **env})
    assert "Traceback" not in result.stderr and "erreur interne" not in result.stderr, result.stderr
    return result


def _behind(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "le français a changé" in line and "l'anglais pas depuis" in line]


def test_a_tampered_history_cache_is_read_again_and_foreign_files_stay(tmp_path: Path) -> None:
    """The history kept in `translations/` emptied, or 200,000 brackets deep: the warning
    is still given (the history is read again), never an internal error; 30 files of the
    team's own there are neither counted nor removed."""
    repository = french_ahead(tmp_path / "depot")
    cache = tmp_path / "cache"
    first = _check(repository, cache)
    assert first.returncode == 0 and len(_behind(first.stderr)) == 1, first.stderr
    theirs = [cache / "translations" / f"{index:032x}.json" for index in range(30)]
    for path in theirs:
        path.write_text("{}\n", encoding="utf-8")
        os.utime(path, (A_MONTH_AGO, A_MONTH_AGO))
    (kept,) = [path for path in (cache / "translations").iterdir() if path not in theirs]
    for tampered in (b"", b"[" * 200_000, kept.read_bytes().replace(b"2026", b"1999")):
        kept.write_bytes(tampered)
        again = _check(repository, cache)
        assert again.returncode == 0 and _behind(again.stderr) == _behind(first.stderr), again.stderr
    assert all(path.read_text(encoding="utf-8") == "{}\n" for path in theirs)


def _commit_dated(repository: Path, stamp: str, message: str) -> str:
    """Everything changed, committed at `stamp` (git's own form: @seconds +0000); its id."""
    git(repository, "add", "-A")
    subprocess.run(["git", "-C", str(repository), "-c", "commit.gpgsign=false", "commit", "-qm", message,
                    "--date", stamp], check=True, capture_output=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
                        "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"})
    return subprocess.run(["git", "-C", str(repository), "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_dates_past_year_9999_are_ignored_said_once_or_refused(tmp_path: Path) -> None:
    """Commits dated after 9999 (a clock gone wrong, a hostile clone): ignored, no
    internal error, and said once — one warning naming the newest such commit and the
    file it changed, counting the other — in French, and in English for an English
    locale; said again when the history comes from the cache. SOURCE_DATE_EPOCH past it:
    refused, naming the variable."""
    repository = shipped_history(tmp_path / "depot")
    edit(repository / "content" / "fr" / "services.yaml", FRENCH_SUMMARY,
         "summary: Un levier essentiel au développement des communautés.")
    _commit_dated(repository, "@253402300900 +0000", "Demain")
    edit(repository / "content" / "fr" / "services.yaml", "Un levier essentiel", "Un levier majeur")
    newest = _commit_dated(repository, "@253402301000 +0000", "Après-demain")
    for attempt in ("froid", "du cache"):
        result = _check(repository, tmp_path / "cache")
        assert result.returncode == 0, result.stderr
        said = [line for line in result.stderr.splitlines() if "après l'an 9999" in line]
        assert said == [f"content/fr/services.yaml: avertissement : le commit {newest[:12]} est daté après l'an "
                        "9999 (253402301000 secondes depuis 1970)\u00a0: sa date est ignorée (comme celles de 1 "
                        "autre(s) commit(s)) — l'horloge de l'ordinateur qui l'a fait était déréglée; rien n'est à "
                        "corriger dans le contenu"], (attempt, result.stderr)
    english = _check(repository, tmp_path / "cache", LC_ALL="en_CA.UTF-8", LANG="en_CA.UTF-8")
    said = [line for line in english.stderr.splitlines() if "year 9999" in line]
    assert len(said) == 1 and f"warning: commit {newest[:12]} is dated after the year 9999" in said[0], english.stderr
    refused = _check(repository, tmp_path / "cache", SOURCE_DATE_EPOCH="253402300800")
    assert refused.returncode == 2 and "SOURCE_DATE_EPOCH" in refused.stderr, refused.stderr


def test_a_date_ignored_in_a_build_from_python_is_said_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Called from Python (the command line refuses it first), a SOURCE_DATE_EPOCH past
    the year 9999 — asked for the build's key and for each language — is one warning,
    naming the variable, its value escaped."""
    from generator.content.dates import content_date, said_once

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800\n::error::x")
    warnings: list = []
    for folder in (CONTENT_SETS["laurentides"], CONTENT_SETS["laurentides"] / "fr", CONTENT_SETS["laurentides"] / "en"):
        assert content_date(folder, warnings).year < 10000
    (said,) = said_once(warnings)
    assert said.message("fr") == ("la variable d'environnement SOURCE_DATE_EPOCH («\u00a0253402300800\\u000a::error::x"
                                  "\u00a0») n'est pas un nombre de secondes depuis 1970 avant l'an 10000\u00a0: elle "
                                  "est ignorée — corrigez ou retirez cette variable")
    assert "environment variable SOURCE_DATE_EPOCH" in said.message("en")


def _timed_check(repository: Path, tmp_path: Path, name: str, **env: str):
    """`offre check` with OFFRE_TIMINGS: the result, the wall-clock seconds of the history
    read, and those of all its git calls together (what the user waited for git)."""
    timings = tmp_path / f"timings-{name}.json"
    result = _check(repository, tmp_path / f"cache-{name}", OFFRE_TIMINGS=str(timings), **env)
    stages = json.loads(timings.read_text(encoding="utf-8"))["stages"]
    (history,) = [stage["end"] - stage["start"] for stage in stages if stage["stage"] == "history"]
    return result, history, sum(stage["end"] - stage["start"] for stage in stages if stage["stage"] == "git")


CUT = "git n'a pas donné l'historique du contenu en"


def test_a_heavy_history_is_read_within_its_deadline(tmp_path: Path) -> None:
    """Twenty commits of a 950 KB file: the history read stops at its bytes and its
    deadline (one for every git call and the parsing), so what the user waits for it is
    bounded by that deadline (a generous margin for a busy machine: one version parsed
    past it, the process's start). Speed figures: bench/history.py."""
    from generator.content import freshness

    result, history, waited = _timed_check(heavy_history(tmp_path / "lourd"), tmp_path, "lourd")
    assert result.returncode == 0, result.stderr
    assert history < freshness.HISTORY_SECONDS + 3.0 and waited <= history, (history, waited)


def test_a_git_that_hangs_is_waited_for_once_and_said(tmp_path: Path) -> None:
    """A git that never answers (nor what it started): `offre check` waits for it once,
    within the one deadline of the history read, kills it with its children, finishes,
    and says the history was cut short (a translation behind may be missing), once."""
    from generator.content import freshness, git as offre_git

    repository = french_ahead(tmp_path / "depot")
    hanging = tmp_path / "bin"
    hanging.mkdir()
    started = tmp_path / "started"
    (hanging / "git").write_text(f"#!/bin/sh\n/bin/sleep 60 &\necho $! >> '{started}'\nwait\n", encoding="utf-8")
    (hanging / "git").chmod(0o755)
    result, history, waited = _timed_check(repository, tmp_path, "bloque", PATH=f"{hanging}:{os.environ['PATH']}")
    assert result.returncode == 0 and _behind(result.stderr) == [], result.stderr
    said = [line for line in result.stderr.splitlines() if CUT in line]
    assert said == [f"content: avertissement : {CUT} {offre_git.SECONDS:g}\u00a0s\u00a0: il n'a été lu qu'en partie, "
                    "ou pas du tout, et une traduction en retard peut ne pas être signalée cette fois — vérifiez que "
                    "«\u00a0git log\u00a0» répond dans ce dossier"], result.stderr
    assert history < freshness.HISTORY_SECONDS + 3.0 and waited < offre_git.SECONDS + 3.0, (history, waited)
    for pid in started.read_text(encoding="utf-8").split():  # what git started is not left running
        state = Path(f"/proc/{pid}/stat")
        assert not state.exists() or state.read_text().split(") ")[-1].startswith(("Z", "X")), pid


def test_a_place_is_escaped_like_a_value(tmp_path: Path) -> None:
    """A content folder whose name holds a newline: every place printed writes it
    \\u000a, so no line of the output starts with what follows it (in a GitHub step, a
    line starting with `::error` is a command)."""
    content = tmp_path / "c\n::error file=x::forged"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    services = content / "fr" / "services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace("summary:", "summery:", 1), encoding="utf-8")
    result = run_offre("check", "--content", str(content), env={**os.environ, "LC_ALL": "fr_CA.UTF-8"})
    assert result.returncode == 1, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith("::")], lines
    assert any("c\\u000a::error file=x::forged" in line and "services.yaml:" in line for line in lines), lines


HOSTILE = "c\n::error::x"  # a folder's name, a variable's value: printed raw, its second line is a workflow command
SHOWN = "c\\u000a::error::x"


def _said_safely(result) -> str:
    """The command's whole text output, once checked that no line of it starts a
    workflow command."""
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith("::")], lines
    return result.stdout + result.stderr


def test_every_place_and_environment_value_printed_is_escaped(tmp_path: Path) -> None:
    """`offre new` (done, and the folder not empty), the build's "built in" and "up to
    date", an output folder offre did not make, a hostile SOURCE_DATE_EPOCH and --port:
    each place or value from outside is printed escaped, like the content's values."""
    env = {**os.environ, "LC_ALL": "fr_CA.UTF-8", "OFFRE_CACHE_DIR": str(tmp_path / "cache")}
    made = run_offre("new", HOSTILE, cwd=tmp_path, env=env)
    assert made.returncode == 1 and f"Offre de départ écrite dans {SHOWN} (fr/" in _said_safely(made), made.stdout
    again = run_offre("new", HOSTILE, cwd=tmp_path, env=env)
    assert again.returncode == 2, again.stderr
    assert f"offre: {SHOWN} existe et n'est pas vide" in _said_safely(again), again.stderr
    shutil.copytree(CONTENT_SETS["laurentides"], tmp_path / "contenu")
    for said in ("Construit dans s\\u000a::error::x (brochures", "s\\u000a::error::x est à jour"):
        built = run_offre("build", "--content", "contenu", "--output", "s\n::error::x", cwd=tmp_path, env=env)
        assert built.returncode == 0 and said in _said_safely(built), built.stdout + built.stderr
    (tmp_path / "o\n::error::x").mkdir()
    (tmp_path / "o\n::error::x" / "notes.txt").write_text("à moi\n", encoding="utf-8")
    foreign = run_offre("build", "--content", "contenu", "--output", "o\n::error::x", cwd=tmp_path, env=env)
    assert foreign.returncode == 2, foreign.stderr
    assert "offre: o\\u000a::error::x existe et n'a pas été fait par offre" in _said_safely(foreign), foreign.stderr
    epoch = run_offre("check", "--content", "contenu", cwd=tmp_path, env={**env, "SOURCE_DATE_EPOCH": "1\n::error::x"})
    assert epoch.returncode == 2 and "pas « 1\\u000a::error::x »" in _said_safely(epoch), epoch.stderr
    port = run_offre("serve", "--port", "1\n::error::x", cwd=tmp_path, env=env)
    assert port.returncode == 2 and "pas « 1\\u000a::error::x »" in _said_safely(port), port.stderr
