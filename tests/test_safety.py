"""Nothing written outside, nothing deleted that is not offre's, nothing damaged published.

A cloned repository may carry symbolic links, and OFFRE_CACHE_DIR may name a folder
shared with other files: offre writes its pipelines, starter, schemas and reference only
at real paths inside the project, and its cache removes only the entries it sealed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import os
import re
import shutil
import time
from pathlib import Path

import brotli
import pytest

from conftest import CONTENT_SETS, ROOT, run_offre
from git_history import FRENCH_SUMMARY, commit, edit, french_ahead, git, shipped_history
from generator import build_cache

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
    stale.write_bytes(build_cache.seal(f"pages/ff/{'f' * 64}.html", b"<html></html>"))
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


def test_dates_past_year_9999_are_ignored_or_refused(tmp_path: Path) -> None:
    """A commit dated after 9999 (a clock gone wrong, a hostile clone): ignored, no
    internal error. SOURCE_DATE_EPOCH past it: refused, naming the variable."""
    repository = shipped_history(tmp_path / "depot")
    edit(repository / "content" / "fr" / "services.yaml", FRENCH_SUMMARY,
         "summary: Un levier essentiel au développement des communautés.")
    git(repository, "add", "-A")
    stamp = "@253402300900 +0000"
    subprocess.run(["git", "-C", str(repository), "-c", "commit.gpgsign=false", "commit", "-qm", "Demain",
                    "--date", stamp], check=True, capture_output=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
                        "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"})
    result = _check(repository, tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    refused = _check(repository, tmp_path / "cache", SOURCE_DATE_EPOCH="253402300800")
    assert refused.returncode == 2 and "SOURCE_DATE_EPOCH" in refused.stderr, refused.stderr


def _heavy_history(root: Path, versions: int = 20) -> Path:
    """The shipped offer, then `versions` commits each writing a French services.yaml of
    nearly 1 MB (the most a content file may weigh), then the file as it was."""
    shipped_history(root)
    services = root / "content" / "fr" / "services.yaml"
    original = services.read_text(encoding="utf-8")
    for version in range(versions):
        items, size, index = [original.rstrip("\n")], len(original), 0
        while size < 950_000:
            item = (f"  - id: service-{version}-{index}\n    title: Service {index}, version {version}\n"
                    f"    summary: Le service {index} de la version {version}, pour la population du territoire.")
            items.append(item)
            size += len(item.encode("utf-8")) + 1
            index += 1
        services.write_text("\n".join(items) + "\n", encoding="utf-8")
        commit(root, f"2026-11-{version + 3:02d}")
    services.write_text(original, encoding="utf-8")
    commit(root, "2026-11-28")
    return root


def test_a_heavy_history_is_read_within_its_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twenty commits of a 950 KB file: the history read stops at its bytes and its
    deadline (one for every git call), so a cold `offre check` costs what it costs
    without that history, plus at most that deadline. The work is counted in CPU time
    (the command's and its git's); the wait, on the loader alone, in-process: two whole
    checks' wall-clock times differ by the machine's load more than by the deadline."""
    import resource

    from generator.content import freshness, git, load_content

    repository = _heavy_history(tmp_path / "lourd")
    light = shipped_history(tmp_path / "leger")

    def timed(folder: Path, cache: Path) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert _check(folder, cache).returncode == 0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    heavy_cpu = timed(repository, tmp_path / "cache-lourd")
    light_cpu = timed(light, tmp_path / "cache-leger")
    assert heavy_cpu < 5.0 and heavy_cpu - light_cpu < freshness.HISTORY_SECONDS, (heavy_cpu, light_cpu)

    monkeypatch.setattr(git, "_stalled_until", 0.0)  # a git stopped here stays this process's own affair

    def loaded(folder: Path) -> float:
        began = time.monotonic()
        load_content(folder / "content", [], cache=False)
        return time.monotonic() - began

    heavy_wall, light_wall = loaded(repository), loaded(light)
    assert heavy_wall - light_wall < freshness.HISTORY_SECONDS + 3.0, (heavy_wall, light_wall)  # slack: the load


def test_a_git_that_hangs_is_waited_for_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A git that never answers: `offre check` starts it once, stops it at its deadline
    (git.SECONDS, the one wait the command pays), and says no translation warning and no
    error. Counted rather than timed against a whole check (whose time is the machine's
    load): the git started writes its process id, and none is left once the check is done
    (waited for to its end, the check would take an hour: run_offre gives up at 600 s)."""
    from generator.content import git

    repository = french_ahead(tmp_path / "depot")
    hanging = tmp_path / "bin"
    hanging.mkdir()
    started = tmp_path / "started"
    (hanging / "git").write_text(f"#!/bin/sh\necho $$ >> '{started}'\nexec /bin/sleep 3600\n", encoding="utf-8")
    (hanging / "git").chmod(0o755)
    python_only = str(Path(sys.executable).parent)

    result = _check(repository, tmp_path / "cache", PATH=f"{hanging}:{python_only}")
    assert result.returncode == 0 and _behind(result.stderr) == [], result.stderr
    pids = started.read_text(encoding="utf-8").split()
    assert len(pids) == 1, f"git was started {len(pids)} times"
    with pytest.raises(ProcessLookupError):  # stopped at the deadline, not left to sleep
        os.kill(int(pids[0]), 0)

    # The wait itself is the deadline's: the call returns once it passes (slack for a
    # loaded machine's process start), and the next call does not start git again.
    monkeypatch.setenv("PATH", f"{hanging}:{python_only}")
    monkeypatch.setattr(git, "_stalled_until", 0.0)  # this process's own, put back after
    began = time.monotonic()
    assert git.git(repository, "status", until=git.deadline()) is None
    assert time.monotonic() - began < git.SECONDS + 3.0
    assert git.git(repository, "log") is None
    assert len(started.read_text(encoding="utf-8").split()) == 2, "git asked again after it let a deadline pass"


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
