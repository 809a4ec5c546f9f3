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
from bs4 import BeautifulSoup

from conftest import CONTENT_SETS, run_offre
from sitehtml import pages, soup

pytestmark = pytest.mark.slow

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
    neither loaded nor shipped. A request form's page alone loads one: the site's own
    small script that prepares the e-mail (assets/scripts/offre-form.js)."""
    site = built_sites[name]
    for page in pages(site):
        form = set(page.relative_to(site).parts) & {"formulaires", "forms"}
        for script in soup(page).find_all("script"):
            if form and (script.get("src") or "").endswith("/assets/scripts/offre-form.js"):
                continue
            assert not script.get("src"), f"{page}: loads {script.get('src')}"
    assert not (site / "assets" / "javascripts").exists()


@pytest.mark.parametrize("name", list(CONTENT_SETS))
def test_pages_use_the_typographic_apostrophe(built_sites, name) -> None:
    """l’équipe and the team’s, not l'équipe nor the team's, in every page's visible
    text, in both languages (addresses and e-mails aside: they are written as they must
    be typed)."""
    site = built_sites[name]
    for page in pages(site):
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
    for page in (root, only_english):  # a page not found has no content to date
        assert page.select_one("footer.offre-footer time") is None


@pytest.mark.parametrize("name", ["laurentides", "outaouais"])
def test_an_email_address_wraps_only_after_its_at_sign(built_sites, name) -> None:
    """On a phone, an address wraps where a reader expects (a short one not at all, a longer
    one after "@"), never mid-word nor inside its domain, as on paper (one rule:
    generator/templating.py); copied, it is whole."""
    site = built_sites[name]
    raw = (site / "contact" / "index.html").read_text(encoding="utf-8")
    buttons = re.findall(r'<span class="offre-action__text offre-address">(.*?)</span></a>', raw)
    assert buttons, "no e-mail button on the contact page"
    for shown in buttons:
        address = BeautifulSoup(shown, "html.parser").get_text()
        if len(address) <= 32:  # moved whole to the next line, never broken
            assert shown == f'<span class="whole">{address}</span>', shown
            continue
        local, at, domain = shown.partition("@<wbr>")
        assert at, shown
        assert "<" not in local or len(BeautifulSoup(local, "html.parser").get_text()) > 24, shown
        assert re.fullmatch(r'<span class="whole">[^<>]+</span>', domain), shown
    css = (site / "assets" / "stylesheets" / "offre.css").read_text(encoding="utf-8")
    assert re.search(r"\.offre-address \.whole \{\s*white-space: nowrap;", css), "the domain is not kept whole"


def test_the_kit_names_each_file_and_shows_no_long_address(built_sites) -> None:
    """A screen reader's list of links tells the QR files apart; the page shows where a
    code leads by its site's name, not a 150-character address."""
    kit = soup(built_sites["laurentides"] / "trousse-communications" / "index.html")
    names = [" ".join(link.get_text(" ").split()) for link in kit.select("article a[download]")]
    qr_names = [name for name in names if "Code QR" in name]
    assert len(qr_names) == 8 and len(set(qr_names)) == 8, qr_names
    assert any(name.startswith("Code QR en français — Programme de soutien")
               and name.endswith("SVG (vectoriel, pour l’impression)") for name in qr_names), qr_names
    text = kit.select_one("article").get_text(" ")
    assert "santelaurentides.gouv.qc.ca" in text
    assert "espace-partenaires" not in text
    outaouais = soup(built_sites["outaouais"] / "trousse-communications" / "index.html").get_text(" ")
    assert "codes QR" not in outaouais  # it has none: none promised


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
