"""What a public host and a visitor get from the built site, read from its files:
precompressed twins beside every text file, no script, French typography, and the
"Date modified" of the footer following the content (SOURCE_DATE_EPOCH, else the last
commit of the content, else its files' times), in Québec's time zone."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest

from conftest import CONTENT_SETS, run_offre
from sitehtml import language_of, pages, soup

TEXT_FILES = (".html", ".css", ".svg", ".xml")


@pytest.mark.parametrize("name", ["laurentides", "outaouais"])
def test_every_text_file_has_its_precompressed_twins(built_sites, name) -> None:
    site = built_sites[name]
    checked = 0
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT_FILES or path.stat().st_size < 512:
            continue
        data = path.read_bytes()
        zipped, brotlied = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        assert zipped.is_file() and brotlied.is_file(), f"{path}: no precompressed copy"
        assert gzip.decompress(zipped.read_bytes()) == data, zipped
        assert brotli.decompress(brotlied.read_bytes()) == data, brotlied
        assert zipped.read_bytes()[4:8] == b"\0\0\0\0", f"{zipped}: dated (not reproducible)"
        assert len(brotlied.read_bytes()) < len(data)
        checked += 1
    assert checked >= 15
    for already in ("*.pdf.gz", "*.png.gz", "*.woff2.gz", "*.pdf.br", "*.woff2.br", "*.map.gz"):
        assert not list(site.rglob(already)), f"{already}: already compressed, nothing to gain"


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_no_page_loads_a_script(built_sites, name) -> None:
    """The menu opens with CSS alone; Material's scripts (search, instant loading) are
    neither loaded nor shipped."""
    site = built_sites[name]
    for page in pages(site):
        for script in soup(page).find_all("script"):
            assert not script.get("src"), f"{page}: loads {script.get('src')}"
    assert not (site / "assets" / "javascripts").exists()


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_french_pages_use_the_typographic_apostrophe(built_sites, name) -> None:
    """l’équipe, not l'équipe, in every French page's visible text (addresses and
    e-mails aside: they are written as they must be typed)."""
    site = built_sites[name]
    for page in pages(site):
        if language_of(site, page) != "fr":
            continue
        document = soup(page)
        for hidden in document(["script", "style"]):
            hidden.decompose()
        text = document.get_text(" ")
        text = re.sub(r"\S+@\S+|https?://\S+", "", text)
        straight = re.findall(r"\w'\w", text)
        assert not straight, f"{page}: straight apostrophes in {straight[:5]}"


@pytest.mark.parametrize("name", ["laurentides"])
def test_the_root_404_page_speaks_both_languages(built_sites, name) -> None:
    site = built_sites[name]
    root = soup(site / "404.html")
    assert root.html["lang"] == "fr"
    french, english = root.select_one("article [lang=fr]"), root.select_one("article [lang=en]")
    assert french is not None and english is not None
    assert "Page introuvable" in french.get_text() and "Retour à l’accueil" in french.get_text()
    assert "Page not found" in english.get_text() and "Back to the home page" in english.get_text()
    assert english.find("a")["hreflang"] == "en" and english.find("a")["href"].rstrip("/").endswith("en")
    only_english = soup(site / "en" / "404.html")
    assert only_english.html["lang"] == "en" and only_english.select_one("article [lang=fr]") is None


def _footer_date(site: Path, language: str) -> str:
    page = site / ("" if language == "fr" else "en") / "index.html"
    return soup(page).select_one("footer.offre-footer time")["datetime"]


def _small_content(target: Path) -> Path:
    shutil.copytree(CONTENT_SETS["outaouais"], target)
    return target


def test_date_modified_is_the_last_commit_of_the_content_in_quebec_time(tmp_path) -> None:
    """Committed at 20 h in Québec on 2025-03-14 (00 h UTC on the 15th): 2025-03-14."""
    content = _small_content(tmp_path / "repo" / "content")
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    git_env = {**env, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2025-03-15T00:30:00Z",
               "GIT_COMMITTER_DATE": "2025-03-15T00:30:00Z"}
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", "-C", str(tmp_path / "repo"), *command], check=True, env=git_env)
    result = run_offre("build", "--content", str(content), "--output", str(tmp_path / "site"), env=env)
    assert result.returncode == 0, result.stderr
    assert _footer_date(tmp_path / "site", "fr") == "2025-03-14"
    assert _footer_date(tmp_path / "site", "en") == "2025-03-14"


def test_date_modified_follows_source_date_epoch_then_the_files(tmp_path) -> None:
    content = _small_content(tmp_path / "content")
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    stamp = 1_600_000_000  # 2020-09-13 12:26 UTC
    for file in content.rglob("*"):
        os.utime(file, (stamp, stamp))
    english = content / "en" / "services.yaml"
    os.utime(english, (stamp + 86_400 * 3, stamp + 86_400 * 3))  # an English change, three days later
    result = run_offre("build", "--content", str(content), "--output", str(tmp_path / "site"), env=env)
    assert result.returncode == 0, result.stderr
    assert _footer_date(tmp_path / "site", "fr") == "2020-09-13"
    assert _footer_date(tmp_path / "site", "en") == "2020-09-16", "each language dates its own content"
    result = run_offre("build", "--content", str(content), "--output", str(tmp_path / "site"),
                       env={**env, "SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    assert _footer_date(tmp_path / "site", "fr") == _footer_date(tmp_path / "site", "en") == "2023-11-14"
