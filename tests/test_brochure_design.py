"""The brochure as a designer signs it: no hole in any text panel, type as large as the
content allows, one cover title size in both languages, and addresses and codes printed
the way a reader types and scans them — for offers from half the Outaouais text to
the most the brochure holds. Everything is measured from the PDFs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import content_sets
from brochure_pages import cover_band, font_sizes, panel_bands, panel_text, quote_gap, text_sizes
from conftest import CONTENT_SETS, run_offre, with_public_url
from pdf import page_text, scan
from generator.brochure.plan import BODY_SIZES, Measurement, NoFit, SectionShape, SizeMeasure, choose_plan

pytestmark = pytest.mark.slow

BAND_MM = 25.0
DESIGNED = ("laurentides", "outaouais", "half", "near_limit")
FILLED = ("laurentides", "outaouais", "fictif", "near_limit")  # text enough for six panels


def _pdf(site: Path, language: str, variant: str = "office") -> Path:
    return site / "downloads" / f"brochure-{language}-{variant}.pdf"


@pytest.fixture(scope="module")
def designed_sites(built_sites, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped offer, the Outaouais example, half the Outaouais text and an offer
    that barely fits at the smallest size, built (the last two with --print-only: only
    their brochures are read, made as a whole build makes them)."""
    sites = {name: built_sites[name] for name in ("laurentides", "outaouais", "fictif")}
    for name, make in (("half", content_sets.half_outaouais), ("near_limit", content_sets.near_limit)):
        base = tmp_path_factory.mktemp(name)
        result = run_offre("build", "--content", str(make(base / "content")), "--output", str(base / "site"),
                           "--print-only")
        assert result.returncode == 0, f"{name}: {result.stderr}"
        sites[name] = base / "site"
    return sites


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", sorted({*FILLED, *DESIGNED}))
def test_no_text_panel_keeps_an_empty_band_taller_than_25_mm(designed_sites, name, language) -> None:
    """From the longest offer to half the Outaouais text — whose lists are then designed
    (a line each between hairlines, examples on cards), whose back says again how to ask
    and what its form asks, and whose flap holds the pull quote."""
    bands = panel_bands(_pdf(designed_sites[name], language))
    assert set(bands) == {"flap", "back", "inside_1", "inside_2", "inside_3"}
    holes = {panel: f"{band:.0f} mm" for panel, band in bands.items() if band > BAND_MM}
    assert not holes, f"{name} ({language}): empty bands taller than {BAND_MM:g} mm: {holes}"


@pytest.mark.parametrize("name", DESIGNED)
def test_body_at_least_9_5_pt_and_as_large_as_the_content_allows(designed_sites, name) -> None:
    bodies = {language: font_sizes(_pdf(designed_sites[name], language)).most_common(1)[0][0]
              for language in ("fr", "en")}
    assert all(body >= 9.5 for body in bodies.values()), bodies
    if name == "near_limit":
        assert bodies["fr"] <= 10.0, bodies  # the most text: the smallest sizes
    if name == "half":
        assert min(bodies.values()) >= 12.5, bodies  # short: large type first


@pytest.mark.parametrize("name", ("laurentides", "outaouais", "near_limit"))
def test_a_section_continued_on_the_next_panel_is_named_at_its_top(designed_sites, name) -> None:
    """A panel that opens mid-section starts with its running head, « Section (suite) »,
    and only there: the two bullets at the top of inside 2 belong to something."""
    for language, word in (("fr", "(suite)"), ("en", "(cont.)")):
        heads = 0
        for panel in ("inside_1", "inside_2", "inside_3"):
            pdf = _pdf(designed_sites[name], language)
            top = panel_text(pdf, panel, within=(0.45, 0.7))  # the content box's first line
            assert panel_text(pdf, panel).count(word) == top.count(word) <= 1, (panel, top)
            heads += word in top
        assert heads >= 1, f"{name} ({language}): its plan cuts a section between inside panels"


def test_a_running_head_too_long_for_its_line_is_the_acronym_its_title_ends_with(designed_sites) -> None:
    """« Programme de soutien aux organismes communautaires (PSOC) (suite) » does not fit
    a line: « PSOC (suite) » — the name the reader has just met in full — rather than a
    title cut short by an ellipsis, which reads as a mistake."""
    for language, word in (("fr", "(suite)"), ("en", "(cont.)")):
        pdf = _pdf(designed_sites["laurentides"], language)
        tops = [panel_text(pdf, panel, within=(0.45, 0.7)) for panel in ("inside_1", "inside_2", "inside_3")]
        assert f"PSOC {word}" in tops, tops
        assert not any("…" in top for top in tops), tops


def test_a_short_offers_back_says_again_how_to_ask(designed_sites) -> None:
    """The back of a short offer has the room: under its contacts, how to ask for the
    service — its means, not its sentence again. A long offer's back has no room for it."""
    for language, heading, form, sentence in (("fr", "Faire une demande", "Formulaire", "Pour demander du soutien"),
                                              ("en", "Make a request", "Form", "To ask for support")):
        back = panel_text(_pdf(designed_sites["half"], language), "back")
        assert heading in back and form in back and "ssss.gouv.qc.ca" in back, back
        assert sentence not in back, back
        inside = "".join(panel_text(_pdf(designed_sites["half"], language), panel)
                         for panel in ("inside_1", "inside_2", "inside_3"))
        assert sentence in inside, "the service keeps its own request inside"
        assert heading not in panel_text(_pdf(designed_sites["laurentides"], language), "back")


def test_an_offer_too_short_for_six_panels_is_told_how_much_text_is_missing(tmp_path) -> None:
    """A third of the Outaouais text (half of it, without its examples) fills about three
    panels even at its large size, with the pull quote, designed lists and the white
    shared out: check says so, and by how much, in both brochures. (Half the Outaouais
    text now fills its panels: test_no_text_panel_keeps_an_empty_band_taller_than_25_mm.)"""
    content = content_sets.third_outaouais(tmp_path / "content")
    result = run_offre("check", "--content", str(content))
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "le contenu est court pour ses panneaux" in line]
    assert len(said) == 2, result.stderr
    for line in said:
        missing = re.search(r"il manque environ (\d+)\u00a0mm de texte \(panneaux? (.+), en (\d+(?:,\d)?)\u00a0pt\)", line)
        assert missing and int(missing.group(1)) > 0 and "«\u00a0" in missing.group(2), line
        assert float(missing.group(3).replace(",", ".")) >= 12.5, line  # at the large sizes a short offer gets
        assert "ajoutez une introduction" in line


def test_shorter_offers_are_set_larger(designed_sites) -> None:
    body = {name: font_sizes(_pdf(designed_sites[name], "fr")).most_common(1)[0][0] for name in DESIGNED}
    assert body["near_limit"] <= body["laurentides"] <= body["outaouais"] <= body["half"], body


@pytest.mark.parametrize("name", ["laurentides", "outaouais", "near_limit"])
def test_the_covers_title_is_read_in_a_rack_and_its_circles_fill_the_blue(designed_sites, name) -> None:
    """The cover's title stands in the top 45 % of the panel, above what a brochure rack's
    pocket hides (it stood at the foot, 140 mm down); without a cover image, the two
    circles stand midway in the blue under it: no stretch of plain blue taller than 30 mm
    (at the top, they left 43 to 51 mm of empty blue above the title)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    pdf = _pdf(designed_sites[name], "fr")
    band = cover_band(pdf)
    assert band <= 30, f"{name}: {band:.0f} mm of plain blue"
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        text = page.get_textpage()
        sizes = [pdfium_raw.FPDFText_GetFontSize(text.raw, index) for index in range(text.count_chars())]
        largest = sizes.index(max(sizes))  # the cover's title: the largest type of the outside sheet
        top = page.get_height() - text.get_charbox(largest)[3]
        assert top <= 0.45 * page.get_height(), f"{name}: the title {top / 72 * 25.4:.0f} mm down the cover"
    finally:
        document.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_flap_with_room_to_spare_sets_its_introduction_as_a_lead(designed_sites, language) -> None:
    """The shipped offer's flap holds its introduction alone (its inside is full at 9.5 pt):
    its paragraphs are set a step larger than the body (1.1 em), not pushed 13 to 22 mm apart by
    white. An offer that fills its flap (near the limit: the introduction and the team)
    keeps them at the body size."""
    needle = "ensemble de facteurs" if language == "fr" else "individual and collective"
    for name, lead in (("laurentides", True), ("near_limit", False)):
        pdf = _pdf(designed_sites[name], language)
        body = font_sizes(pdf).most_common(1)[0][0]
        size = max(text_sizes(pdf, needle))
        assert (1.08 * body <= size <= 1.12 * body) if lead else (size == body), (name, size, body)


def test_a_summary_that_says_the_flaps_title_again_is_left_out(designed_sites) -> None:
    """The shipped offer's first service is summed up by the words that title its
    introduction, on the flap beside it once the brochure is opened: printed once."""
    words = "Un levier important au développement des communautés"
    text = " ".join(page_text(_pdf(designed_sites["laurentides"], "fr")).replace("\xa0", " ").split())
    assert text.count(words) == 1, text.count(words)
    page = designed_sites["laurentides"] / "services" / "organisation-communautaire" / "index.html"
    assert words in page.read_text(encoding="utf-8"), "the service's page on the site keeps its summary"


def _title(content: Path, language: str) -> str:
    return yaml.safe_load((content / language / "organisation.yaml").read_text(encoding="utf-8"))["hero"]["title"]


@pytest.mark.parametrize("name", ["laurentides", "outaouais", "fictif"])
def test_the_cover_title_has_one_size_in_both_languages(built_sites, name) -> None:
    sizes = {}
    for language in ("fr", "en"):
        first_word = _title(CONTENT_SETS[name], language).split()[0]
        sizes[language] = max(text_sizes(_pdf(built_sites[name], language), first_word))
    assert sizes["fr"] == sizes["en"], sizes


def _quote(content: Path, language: str) -> str | None:
    hero = yaml.safe_load((content / language / "organisation.yaml").read_text(encoding="utf-8"))["hero"]
    return next((text for text in (hero.get("tagline"), hero.get("subtitle"))
                 if text and len(text.split()) >= 4 and len(text) <= 120), None)


@pytest.mark.parametrize("name", FILLED)
def test_the_pull_quote_is_set_in_both_languages_or_in_neither(designed_sites, name) -> None:
    """The pull quote is the offer's, not one translation's: where one brochure sets it
    large, the other does too, at the same size."""
    sizes = {}
    for language in ("fr", "en"):
        quote = _quote(CONTENT_SETS.get(name, CONTENT_SETS["laurentides"]), language)  # near_limit: the shipped hero
        opening = " ".join(quote.split()[:2]) if quote else None
        sizes[language] = (max(text_sizes(_pdf(designed_sites[name], language), opening), default=0.0)
                           if opening else 0.0)
    large = {language: size for language, size in sizes.items() if size >= 16}
    assert not large or (len(large) == 2 and large["fr"] == large["en"]), sizes


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_phone_of_the_backs_contacts_is_set_large(designed_sites, language) -> None:
    """The number the person holding the brochure looks for, whether it ends the contact's
    sentence (the shipped offer: "…composez le") or follows its label (the Outaouais
    example: "Téléphone :", which stood at the body size, bold)."""
    for name, number in (("laurentides", "450 433-2777"), ("outaouais", "819 966-6484")):
        number = number if language == "fr" else number.replace(" ", "-")  # as each language writes it
        pdf = _pdf(designed_sites[name], language)
        body = font_sizes(pdf).most_common(1)[0][0]
        assert min(text_sizes(pdf, number)) >= 1.3 * body, (name, text_sizes(pdf, number), body)


@pytest.mark.parametrize("name", ("laurentides", "outaouais"))
def test_the_pull_quote_fills_its_flap_but_stays_under_the_cover_title(designed_sites, name) -> None:
    """Set large (the white around it, not between the flap's paragraphs): a quarter
    larger than the body at least (the Outaouais back, whose phone is set large, leaves
    it 16 pt beside 12.5), but smaller than the cover's title: the cover is read first."""
    for language in ("fr", "en"):
        pdf = _pdf(designed_sites[name], language)
        body = font_sizes(pdf).most_common(1)[0][0]
        hero = yaml.safe_load((CONTENT_SETS[name] / language / "organisation.yaml").read_text(encoding="utf-8"))["hero"]
        quote, title = _quote(CONTENT_SETS[name], language), hero["title"]
        quoted = max(text_sizes(pdf, " ".join(quote.split()[:2])), default=0.0) if quote else 0.0
        titled = max(text_sizes(pdf, title.split()[0]))
        assert 1.25 * body <= quoted < titled, (language, body, quoted, titled)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pull_quote_keeps_its_white_above_it(designed_sites, language) -> None:
    """The quote stands in the white under the panel's text, 6 mm of it at least (4 mm
    from the glyphs), never against it: a heading drawn a line taller than measured
    once pushed the flap's text down onto it (2 mm)."""
    for name in DESIGNED:
        gap = quote_gap(_pdf(designed_sites[name], language))
        assert gap is None or gap >= 4.0, (name, gap)


def test_the_pull_quotes_lines_end_as_phrases_do(designed_sites) -> None:
    """Set large, the pull quote's lines never end on « de », « la », "of", "the"…:
    « Pour répondre / aux besoins / de la population », not « … aux besoins / de la /
    population »."""
    for language, leading in (("fr", {"de", "la", "le", "les", "des", "du", "aux", "au", "à", "et", "ou", "en"}),
                              ("en", {"of", "the", "a", "an", "and", "or", "to", "in", "on", "for"})):
        for name in ("laurentides", "outaouais"):
            quote = " ".join(_quote(CONTENT_SETS[name], language).replace("\u00a0", " ").split())
            lines = [line.replace("\u00a0", " ") for line in _lines(_pdf(designed_sites[name], language))]
            start = next(index for index, line in enumerate(lines) if quote.startswith(line + " "))
            set_as, end = [], start
            while " ".join(set_as) != quote:
                set_as.append(lines[end])
                end += 1
                assert len(set_as) <= 5, (quote, set_as)
            assert not any(line.split()[-1] in leading for line in set_as[:-1]), set_as


# --- addresses and codes --------------------------------------------------------------------------


def _lines(pdf: Path) -> list[str]:
    return [line.strip() for line in re.split(r"[\r\n]+", page_text(pdf)) if line.strip()]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_e_mail_breaks_only_after_its_at_and_a_host_never(built_sites, language) -> None:
    for name in ("laurentides", "outaouais"):
        text = "\n".join(_lines(_pdf(built_sites[name], language)))
        for domain in ("ssss.gouv.qc.ca", "santelaurentides.gouv.qc.ca") if name == "laurentides" else ("ssss.gouv.qc.ca",):
            assert domain in text, f"{name} ({language}): {domain} broken across lines"
        for line in _lines(_pdf(built_sites[name], language)):
            assert not re.search(r"\.(gouv|qc|ssss)\.?$", line), f"{name} ({language}): a domain broken: {line!r}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_backs_phone_is_set_large_and_no_e_mail_smaller_than_the_text(designed_sites, language) -> None:
    """The phone that ends a contact's sentence ("…composez le") is what the person holding
    the brochure looks for: set large on a line of its own, never buried in 9.5 pt text. An
    e-mail, however long its name, is never printed under 0.9 of the body (it breaks
    before a dot of its name instead)."""
    pdf = _pdf(designed_sites["laurentides"], language)
    body = font_sizes(pdf).most_common(1)[0][0]
    number = "450 433-2777" if language == "fr" else "450-433-2777"
    assert min(text_sizes(pdf, number)) >= 1.3 * body, (text_sizes(pdf, number), body)
    assert any(line.replace("\xa0", " ").startswith(number) for line in _lines(pdf)), "the phone starts a line of its own"
    for name in ("outaouais", "half"):
        pdf = _pdf(designed_sites[name], language)
        body = font_sizes(pdf).most_common(1)[0][0]
        assert min(text_sizes(pdf, "07CISSO.soutien")) >= 0.9 * body, (name, text_sizes(pdf, "07CISSO"), body)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_back_that_holds_no_section_starts_at_the_top_as_the_flap_does(designed_sites, language) -> None:
    """Half the Outaouais text leaves the back to the contacts alone: they start in line
    with the flap's first heading (the white goes between them and the signature), not
    two centimetres lower."""
    pdf = _pdf(designed_sites["half"], language)
    for panel in ("flap", "back"):
        assert panel_text(pdf, panel, within=(0.5, 0.95)).strip(), f"{panel}: nothing printed in its first 0.45 in"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_invitation_to_scan_follows_the_address_it_stands_for(built_sites, language) -> None:
    text = "\n".join(_lines(_pdf(built_sites["laurentides"], language)))
    invitation = "Ou simplement scannez" if language == "fr" else "Or simply scan"
    assert 0 <= text.index("santelaurentides.gouv.qc.ca") < text.index(invitation)


def test_every_qr_code_of_a_brochure_prints_at_one_size(built_sites) -> None:
    for language in ("fr", "en"):
        codes = scan(_pdf(built_sites["laurentides"], language))
        assert len(codes) >= 2
        widths = {round(code.width_mm * (code.modules + 8) / code.modules, 1) for code in codes}  # with its quiet zone
        assert max(widths) - min(widths) <= 0.5, widths


def test_the_english_brochure_marks_its_links_to_french_only_pages(built_sites) -> None:
    text = page_text(_pdf(built_sites["laurentides"], "en"))
    assert text.count("(French only)") >= 2  # the two request pages (language: fr)
    assert "(French only)" not in page_text(_pdf(built_sites["outaouais"], "en"))


def test_english_plural_possessives_take_the_typographic_apostrophe(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    path = content / "en" / "organisation.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Acting together", "title: Acting together\n  tagline: The partners' and citizens' offer", 1)
        .replace("  tagline: Service offer\n", "", 1), encoding="utf-8")
    result = run_offre("build", "--content", str(content), "--output", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    text = " ".join(page_text(_pdf(tmp_path / "site", "en")).split())  # on the cover or set large inside
    assert "partners\u2019 and citizens\u2019" in text and "partners'" not in text


def test_compound_place_names_are_not_broken_at_their_hyphen(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_SETS["laurentides"], content)
    path = content / "fr" / "services.yaml"
    text = path.read_text(encoding="utf-8")
    title = "Soutien communautaire en logement social"
    assert title in text
    path.write_text(text.replace(title, "Soutien communautaire en Chaudière-Appalaches et Vallée-de-la-Gatineau"),
                    encoding="utf-8")
    result = run_offre("build", "--content", str(content), "--output", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    lines = _lines(_pdf(tmp_path / "site", "fr"))
    assert not [line for line in lines if re.search(r"(Chaudière|Vallée|de|la)-$", line)], lines


def test_check_warns_of_a_long_printed_address_unless_the_site_has_a_short_one(tmp_path) -> None:
    result = run_offre("check", "--content", str(CONTENT_SETS["laurentides"]))
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "imprimée sous son code QR" in line]
    assert len(said) == 4 and all("contact.yaml:" in line and "public_url" in line for line in said), result.stderr
    short = with_public_url(CONTENT_SETS["laurentides"], tmp_path / "content")
    result = run_offre("check", "--content", str(short))
    assert result.returncode == 0 and "imprimée sous son code QR" not in result.stderr, result.stderr


# --- the plan, on made-up heights ------------------------------------------------------------------


def _measurement(units: list[float], capacity: float = 700.0) -> Measurement:
    """A language whose sections are single blocks of these heights (px), at every size."""
    sections = tuple(SectionShape(f"s{index}", f"Section {index}", "", ("p",), ((0, 1),), False)
                     for index in range(len(units)))
    sizes = {size: SizeMeasure({f"s{index}": ((height * size / 10, 6.0),) for index, height in enumerate(units)},
                               12.0, 150.0) for size in BODY_SIZES}
    return Measurement("fr", "brochure-fr", sections, capacity, sizes, {34.0: 0.0})


def test_a_brochure_that_almost_fits_always_says_by_how_much() -> None:
    # Six sections each a little more than half a panel at 9.5 pt: their text would fill
    # four panels, but no panel holds two of them. The planner used to give no reason.
    with pytest.raises(NoFit) as raised:
        choose_plan({"fr": _measurement([400.0] * 6)})
    reasons = raised.value.reasons
    assert reasons and reasons[0][0] == "flow" and reasons[0][1]["excess_mm"] > 1, reasons


def test_a_plan_fills_every_panel_of_an_offer_that_can_be() -> None:
    plan = choose_plan({"fr": _measurement([300.0, 250.0, 320.0, 280.0, 260.0, 300.0, 240.0, 310.0, 200.0])})
    assert all(plan.panels[panel] for panel in ("flap", "inside_1", "inside_2", "inside_3", "back"))
    assert max(band for panel, band in plan.bands["fr"].items() if panel != "back") <= 20, plan.bands


def _with_introduction(lead: float | None) -> Measurement:
    """An introduction a third of a panel tall and four services, each a panel; the
    introduction measured `lead` times taller as the flap's lead (None: not measured)."""
    keys, heights = ("introduction", "service-a", "service-b", "service-c", "service-d"), (300.0, 640.0, 640.0, 640.0, 480.0)
    sections = tuple(SectionShape(key, key, "", ("p",), ((0, 1),), key.startswith("service-")) for key in keys)
    sizes = {size: SizeMeasure({key: ((height * size / 10, 6.0),) for key, height in zip(keys, heights)}, 12.0, 150.0,
                               lead=None if lead is None else ((heights[0] * size / 10 * lead, 6.0),))
             for size in BODY_SIZES}
    return Measurement("fr", "brochure-fr", sections, 700.0, sizes, {34.0: 0.0})


def test_the_plan_sets_the_flaps_lead_when_it_fits_and_leaves_less_white() -> None:
    plain, led, too_tall = (choose_plan({"fr": _with_introduction(lead)}) for lead in (None, 1.2, 2.5))
    assert [plan.panels["flap"][0].section for plan in (plain, led, too_tall)] == ["introduction"] * 3
    assert (plain.lead, led.lead, too_tall.lead) == (False, True, False)
    assert led.bands["fr"]["flap"] < plain.bands["fr"]["flap"] == too_tall.bands["fr"]["flap"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_paragraph_ends_on_a_line_of_a_word_or_two(designed_sites, language) -> None:
    """A paragraph's last line holds 16 characters or more (its last words joined by
    no-break spaces): "… / ayant un handicap.", never "… ayant un handicap / a disability."
    alone, which reads as an orphan (the Outaouais example and the longest offer, in
    English, ended so)."""
    for name in DESIGNED:
        lines = [line.replace("\xa0", " ") for line in _lines(_pdf(designed_sites[name], language))]
        orphans = [line for line in lines if line.endswith(".") and " " in line and len(line) < 14]
        assert not orphans, (name, orphans)


def test_headings_break_in_balance_and_no_short_last_word_stands_alone(built_sites) -> None:
    """"Programme de soutien / aux organismes / communautaires (PSOC)", not "… aux /
    organismes / …"; "… dans ce programme est :" never leaves "est :" on a line alone."""
    lines = [line.replace("\u00a0", " ") for line in _lines(_pdf(built_sites["laurentides"], "fr"))]
    assert "Programme de soutien" in lines and "organismes" not in lines, [line for line in lines if "PSOC" in line]
    assert not [line for line in lines if re.fullmatch(r"\w{1,4}\s?:", line)], "a short last word alone on a line"


def _panels_of(pdf: Path, needle: str) -> set[tuple[int, int]]:
    """(page, third of the sheet) of every occurrence of `needle`."""
    import pypdfium2 as pdfium

    found = set()
    document = pdfium.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document):
            text = page.get_textpage()
            whole = text.get_text_range()
            start = whole.find(needle)
            while start != -1:
                left = text.get_charbox(start)[0]
                found.add((number, int(3 * left / page.get_width())))
                start = whole.find(needle, start + 1)
    finally:
        document.close()
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_short_offer_sets_its_values_as_a_designed_list_and_keeps_its_lists_whole(designed_sites, language) -> None:
    """Half the Outaouais text: its values one to a line (not chips that leave the panel
    empty) at the body's size (larger read as large print beside a 13 pt body), and its
    five publics on one panel, not cut three and two."""
    pdf = _pdf(designed_sites["half"], language)
    values = ("Respect", "Solidarité", "Démocratie") if language == "fr" else ("Respect", "Solidarity", "Democracy")
    lines = _lines(pdf)
    assert all(value in lines for value in values), [line for line in lines if values[0] in line]
    body = font_sizes(pdf).most_common(1)[0][0]
    assert text_sizes(pdf, values[1]) == {body}, (text_sizes(pdf, values[1]), body)
    first, last = (("Organismes communautaires", "Directions du CISSS") if language == "fr"
                   else ("Community organizations", "Departments of"))
    assert len(_panels_of(pdf, first) | _panels_of(pdf, last)) == 1, (_panels_of(pdf, first), _panels_of(pdf, last))
    longer = _lines(_pdf(designed_sites["outaouais"], language))
    assert values[0] not in longer, "a longer offer keeps its values as chips, side by side"


def test_a_short_compound_never_breaks_at_its_hyphen_in_the_back_contacts(built_sites) -> None:
    """"send an e-mail to:" in the back's contacts: never "e-" at a line's end."""
    lines = _lines(_pdf(built_sites["laurentides"], "en"))
    assert any("e-mail" in line for line in lines), [line for line in lines if "mail" in line]
    assert not [line for line in lines if re.search(r"\b\w{1,2}-$", line)], "a short compound broken at its hyphen"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_signatures_names_never_leave_a_word_alone_on_their_last_line(designed_sites, language) -> None:
    """The organisation's name under the cover and the back: « … services sociaux (CISSS)
    de / l'Outaouais » left the last word alone (a reviewer's note); its last words are
    joined as a paragraph's are."""
    for name in DESIGNED:
        lines = [line.replace("\xa0", " ") for line in _lines(_pdf(designed_sites[name], language))]
        alone = [line for line in lines if re.fullmatch(r"(?:l['’])?Outaouais|Laurentides", line)]
        assert not alone, (name, alone)
