"""Everything the seed brochures say is on the French and on the English site."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import SEEDS
from sitehtml import normalise, pages, site_text, soup, visible_text
from seed_items import ITEMS, NAMED_WITHOUT_ADDRESS, SEED_FILES, SEED_LANGUAGE

pytestmark = pytest.mark.slow

CASES = [(name, language) for name in ITEMS for language in ("fr", "en")]


def _seed_text(name: str) -> str:
    text = (SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown links: keep their text
    text = text.replace("\\*", "").replace("demande*", "demande")
    return normalise(text)


def _strip(item: str) -> str:
    return normalise(item).rstrip(";.")


def test_seed_lists_are_the_seeds_own_words() -> None:
    """The expected items in each seed's own language are taken word for word from it."""
    for name, language in SEED_LANGUAGE.items():
        seed = _seed_text(name).lower()
        for category, items in ITEMS[name][language].items():
            for item in items:
                if category == "phones":
                    continue  # formatted by the product's rules, checked below by digits
                if category == "emails":  # the seed breaks e-mail addresses over lines
                    assert item.lower() in seed.replace(" ", ""), f"{name}: {item!r} is not in the seed"
                    continue
                assert _strip(item).lower() in seed, f"{name}/{category}: {item!r} is not in the seed"


def test_every_bullet_of_the_seed_is_expected() -> None:
    """No bullet of a seed is forgotten by the lists above."""
    for name, language in SEED_LANGUAGE.items():
        raw = (SEEDS / SEED_FILES[name]).read_text(encoding="utf-8")
        expected = " ".join(_strip(item) for items in ITEMS[name][language].values() for item in items)
        for line in raw.splitlines():
            if line.startswith("- "):
                bullet = _strip(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:]))
                if bullet.startswith("Call "):  # phones are written by the product's rules
                    digits = {re.sub(r"\D", "", phone) for phone in ITEMS[name][language]["phones"]}
                    assert re.sub(r"\D", "", bullet) in digits, f"{name}: phone {bullet!r} not covered"
                    continue
                if bullet in NAMED_WITHOUT_ADDRESS:
                    continue  # an invitation with no address: shown nowhere (below)
                assert bullet.split(",")[0] in expected, f"{name}: bullet {bullet!r} not covered"


@pytest.mark.parametrize(("name", "language"), CASES)
def test_every_item_appears_on_the_site(built_sites: dict[str, Path], name: str, language: str) -> None:
    text = site_text(built_sites[name], language)
    missing = [
        f"{category}: {item}"
        for category, items in ITEMS[name][language].items()
        for item in items
        if _strip(item) not in text
    ]
    assert not missing, f"missing on the {language} site of {name}:\n" + "\n".join(missing)


def test_phone_and_email_are_links(built_sites: dict[str, Path]) -> None:
    home = soup(built_sites["laurentides"] / "contact" / "index.html")
    phone = home.find("a", href="tel:+14504332777,65139")
    assert phone is not None and normalise(phone.get_text()) == "Appeler le 450 433-2777, poste 65139"
    english = soup(built_sites["laurentides"] / "en" / "contact" / "index.html")
    phone = english.find("a", href="tel:+14504332777,65139")
    assert phone is not None and normalise(phone.get_text()) == "Call 450-433-2777, ext. 65139"
    assert english.find("a", href="mailto:psoc.ciSSLau@ssss.gouv.qc.ca") is not None
    outaouais = soup(built_sites["outaouais"] / "en" / "contact" / "index.html")
    assert outaouais.find("a", href="tel:+18199666484,6") is not None
    assert outaouais.find("a", href="mailto:07CISSO.soutiencommunaute.santepublique@ssss.gouv.qc.ca") is not None


def test_calls_to_action_without_address_are_shown_nowhere(built_sites: dict[str, Path]) -> None:
    """The Outaouais seed names a web page and a form without giving their addresses:
    neither is shown, as a link or as text (the e-mail and the phone it gives are)."""
    for page in pages(built_sites["outaouais"]):
        text = visible_text(page)
        for label in NAMED_WITHOUT_ADDRESS:
            assert label not in text, f"{page}: {label!r} points nowhere"
        for anchor in soup(page).find_all("a"):
            assert anchor.get("href") not in ("#", ""), f"{page}: empty link {anchor}"


def test_request_links_point_at_the_seed_addresses(built_sites: dict[str, Path]) -> None:
    """Non-ASCII characters are percent-encoded, the address is otherwise the seed's."""
    hrefs = {a.get("href") for a in soup(built_sites["laurentides"] / "contact" / "index.html").find_all("a")}
    base = "https://santelaurentides.gouv.qc.ca/espace-employes-et-partenaires/espace-partenaires/relations-a-la-communaut%C3%A9-et-organisation-communautaire"
    assert base in hrefs
    assert base + "/programme-de-soutien-aux-organismes-communautaires-psoc" in hrefs


def test_check_warns_of_a_sites_name_a_phones_header_would_cut(tmp_path: Path) -> None:
    """Without the team's acronym, a long name (with a signature beside it) cannot hold in
    a phone's header: check says so, and what to give; the shipped sets are not warned."""
    import shutil

    from conftest import CONTENT_SETS, load_in_process, run_offre

    content = shutil.copytree(CONTENT_SETS["fictif"], tmp_path / "content")
    for language in ("fr", "en"):
        path = content / language / "organisation.yaml"
        path.write_text(re.sub(r"\n  team_short: .*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_offre("check", "--content", str(content), env={**os.environ, "LC_ALL": "en_CA.UTF-8"})
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "phone's header" in line]
    assert len(said) == 1 and "fr/organisation.yaml:" in said[0], result.stderr  # the English name holds
    assert '"team_short"' in said[0] and "(69 characters)" in said[0], said
    for source in CONTENT_SETS.values():  # the loader decides: asked in this process, in French
        shipped = load_in_process(source)
        assert shipped.problems == [] and "l'en-tête d'un téléphone" not in shipped.said, shipped.said
