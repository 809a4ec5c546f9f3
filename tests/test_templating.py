"""One rule for breaking an address, the same on the site and in the brochures
(generator/templating.py): a short address (32 characters or fewer) never broken, a longer
e-mail only after its @, a host or a domain kept whole, a path after / ? & = # and the
hyphens between words; everything escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import DictLoader

from generator.templating import breakable, environment


def _breaks(shown: str) -> list[str]:
    """The address cut where a line may end, as a reader would see it (tags and entities gone)."""
    text = re.sub(r"<(?!wbr>)[^>]+>", "", str(shown)).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text.split("<wbr>")


@pytest.mark.parametrize("address", ["aide@réseau-santé.québec", "santelaurentides.gouv.qc.ca/psoc"])
def test_a_short_address_is_never_broken(address: str) -> None:
    assert len(address) <= 32
    shown = breakable(address)
    assert _breaks(shown) == [address], "moved whole to the next line, never cut"
    assert shown == f'<span class="whole">{address}</span>'


def test_an_email_breaks_only_after_its_at_sign_and_its_domain_stays_whole() -> None:
    shown = breakable("marie-eve.tremblay@cisss-laurentides.gouv.qc.ca")
    assert _breaks(shown) == ["marie-eve.tremblay@", "cisss-laurentides.gouv.qc.ca"]
    assert '<span class="whole">cisss-laurentides.gouv.qc.ca</span>' in shown


def test_a_long_email_name_may_also_break_before_its_dots() -> None:
    """A line ending in a dot reads as a sentence's end: the dot starts the next line."""
    shown = breakable("organisation.communautaire.laurentides@cisss.example")
    assert _breaks(shown) == ["organisation", ".communautaire", ".laurentides@", "cisss.example"]


def test_a_long_path_breaks_after_its_separators_and_before_its_hyphens_never_in_its_host() -> None:
    """A line ending on a hyphen would read as a word hyphenated there: the hyphen starts
    the next line, and each piece is kept whole so that the layout cannot break after it."""
    address = "www.santelaurentides.gouv.qc.ca/organismes-communautaires/programme-psoc?annee=2026&langue=fr#demande"
    shown = breakable(address)
    assert "".join(_breaks(shown)) == address, "copied, the address is whole"
    assert _breaks(shown) == ["www.santelaurentides.gouv.qc.ca/", "organismes", "-communautaires/", "programme",
                              "-psoc?", "annee=", "2026&", "langue=", "fr#", "demande"]
    assert '<span class="whole">www.santelaurentides.gouv.qc.ca</span>' in shown
    assert '<span class="whole">-communautaires/</span>' in shown


@pytest.mark.parametrize("address", ["réseau-santé.québec/services/organisation-communautaire",
                                     "organisation.communautaire@réseau-santé.québec"])
def test_an_accented_host_is_kept_whole_and_as_written(address: str) -> None:
    shown = breakable(address)
    assert '<span class="whole">réseau-santé.québec</span>' in shown, shown
    assert "".join(_breaks(shown)) == address


def test_an_address_is_escaped() -> None:
    shown = breakable('a"<script>@x.example/<b>')
    assert "<script>" not in shown and "<b>" not in shown and "&lt;script&gt;" in shown


def test_the_site_and_the_brochure_templates_share_the_filters() -> None:
    """Both environments come from one factory: the same filter gives the same markup."""
    templates = DictLoader({"a.html": "{{ address|breakable }} {{ title|keep_compounds }}"})
    site, brochure = environment(Path("."), keep_trailing_newline=True), environment(Path("."))
    for env in (site, brochure):
        env.loader = templates
    values = {"address": "info@vallée-de-la-gatineau.example", "title": "Chaudière-Appalaches <b>"}
    assert site.get_template("a.html").render(values) == brochure.get_template("a.html").render(values)
    assert "&lt;b&gt;" in site.get_template("a.html").render(values)


def test_a_paragraphs_last_line_holds_more_than_a_word_or_two() -> None:
    from generator.templating import last_words_together

    assert last_words_together("Travailler avec les personnes ayant un handicap.") == \
        "Travailler avec les personnes ayant\u00a0un\u00a0handicap."
    assert last_words_together("from the idea to the review.") == "from the idea\u00a0to\u00a0the\u00a0review."
    assert last_words_together("Bien commun") == "Bien\u00a0commun"
    # never more than a line holds, and a heading (balanced apart) keeps its last two words only
    assert last_words_together("Il agit anticonstitutionnellement de ce fait.") == \
        "Il agit anticonstitutionnellement de\u00a0ce\u00a0fait."
    assert last_words_together("Programme de soutien aux organismes communautaires (PSOC)", 0) == \
        "Programme de soutien aux organismes communautaires\u00a0(PSOC)"
