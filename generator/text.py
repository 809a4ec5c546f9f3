"""How text is written out, the same on the website and in the brochure.

French follows Québec typography (a no-break space before the colon and inside « »,
no space before ; ? !, the typographic apostrophe ’ in l’équipe); phone numbers follow each language's usage; addresses are
turned into plain-ASCII URIs so every browser and QR scanner reads the same bytes.
What each language does (its spaces, its phone and hour formats, its day names) is the
catalog's to say (generator/strings: `typography`, `formats`, Babel).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

import idna

from .strings import day_names, entry, message, section

NBSP = "\u00a0"

# Addresses and e-mails are left exactly as typed: typography never touches them.
_UNTOUCHABLE = re.compile(r"(\b[a-z][a-z0-9+.-]*://\S+|\bmailto:\S+|\btel:\S+|[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+)", re.I)


def typography(text: str, language: str) -> str:
    """Apply the language's typography: the curly apostrophe in both languages, and
    French's no-break spaces. Addresses (web, e-mail) are left exactly as typed."""
    parts = _UNTOUCHABLE.split(text)
    spaced = entry(language, "typography.no_break_spaces")  # French's no-break spaces, or none
    for index in range(0, len(parts), 2):  # even parts are prose, odd parts addresses
        parts[index] = _french(parts[index]) if spaced else _apostrophes(parts[index])
    return "".join(parts)


def _apostrophes(prose: str) -> str:
    """team's → team’s, partners' → partners’: the apostrophe typesetters use, in any
    language (after an s ending a word, it marks a plural possessive)."""
    prose = re.sub(r"(?<=\w)'(?=\w)", "\u2019", prose)
    return re.sub(r"(?<=\w[sSzZ])'(?=[\s,.;:!?)\]]|$)", "\u2019", prose)


def _french(prose: str) -> str:
    prose = _apostrophes(prose)  # l'équipe → l’équipe
    prose = re.sub(r"[ \u202f\u00a0]*:(?=\s|$)", NBSP + ":", prose)
    prose = re.sub(r"(?<=\S)[ \u202f\u00a0]+([;?!])", r"\1", prose)
    prose = re.sub(r"«[ \u202f\u00a0]*", "«" + NBSP, prose)
    prose = re.sub(r"[ \u202f\u00a0]*»", NBSP + "»", prose)
    return prose


def format_phone(digits: str, extension: str | None, language: str) -> str:
    """450 433-2777, poste 65139 (fr) / 450-433-2777, ext. 65139 (en)."""
    number = message(language, "typography.phone", area=digits[:3], exchange=digits[3:6], line=digits[6:])
    return message(language, "typography.extension", number=number, extension=extension) if extension else number


def tel_uri(digits: str, extension: str | None) -> str:
    """tel:+14504332777,65139 — the comma makes phones dial the extension after a pause."""
    return f"tel:+1{digits}" + (f",{extension}" if extension else "")


def to_uri(iri: str) -> str:
    """The address as plain ASCII, the same bytes for every browser and QR scanner
    (RFC 3987 IRI → RFC 3986 URI): an internationalised host in punycode
    (bücher.example → xn--bcher-kva.example), the rest percent-encoded
    (communauté → communaut%C3%A9). Idempotent."""
    parts = urlsplit(iri)
    if parts.scheme.lower() in ("http", "https") and parts.hostname and not parts.hostname.isascii():
        try:
            host = idna.encode(parts.hostname, uts46=True).decode("ascii")
        except idna.IDNAError:  # refused by the content model; never stop here
            host = parts.hostname
        try:
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            port = ""
        iri = urlunsplit(parts._replace(netloc=host + port))
    return quote(iri, safe=":/?#[]@!$&'()*+,;=%~-._")


def display_url(url: str) -> str:
    """The address as people read it on paper: no scheme, no trailing slash."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return (parts.netloc + parts.path).rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return url.split(":", 1)[-1]


def format_toll_free(digits: str, language: str) -> str:
    """1 866 963-2777 (fr) / 1-866-963-2777 (en)."""
    return message(language, "typography.toll_free", area=digits[:3], exchange=digits[3:6], line=digits[6:])


def address_lines(street: str, city: str, province: str, postal_code: str, language: str) -> list[str]:
    """A postal address as each language writes it: "Saint-Jérôme (Québec)  J7Z 4M2" /
    "Saint-Jérôme, Quebec  J7Z 4M2" (two spaces before the postal code, as Canada Post)."""
    name = section(language, "provinces").get(province, province)
    place = message(language, "typography.place", city=city, province=name)
    return [street, f"{place}{NBSP}{NBSP}{postal_code}"]


def format_time(time: str, language: str) -> str:
    """"08:30" → 8 h 30 (fr) / 8:30 a.m. (en); "16:00" → 16 h / 4 p.m.; "12:00" → 12 h / noon
    (Babel, with the patterns of the catalog's `formats`)."""
    from datetime import time as clock

    from babel.dates import format_time as babel_time

    hour, minute = (int(part) for part in time.split(":"))
    if (hour, minute) in ((12, 0), (0, 0)):
        return entry(language, "formats.noon" if hour else "formats.midnight")
    pattern = entry(language, "formats.time" if minute else "formats.time_on_the_hour")
    return babel_time(clock(hour, minute), pattern, locale=entry(language, "formats.locale"))


def day_name(day: str, language: str) -> str:
    """"monday" → lundi / Monday (Babel, CLDR)."""
    return day_names(language)[DAYS.index(day)]


DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # Babel's order


def format_hours(first_day: str, last_day: str | None, opens: str, closes: str, language: str) -> str:
    """Du lundi au vendredi, de 8 h 30 à 16 h 30 / Monday to Friday, 8:30 a.m. to 4:30 p.m."""
    first = day_name(first_day, language)
    if last_day and last_day != first_day:
        days = message(language, "typography.days", first=first, last=day_name(last_day, language))
    else:
        days = message(language, "typography.day", first=first)
    return message(language, "typography.hours", days=days[0].upper() + days[1:],
                   opens=format_time(opens, language), closes=format_time(closes, language))


def _comparable(name: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def distinct(*names: str | None) -> list[str]:
    """The names given, each once: a team named like the offer's title is said once
    ("Community organizing — CISSS de l'Outaouais", not "Community organizing —
    Community organizing — …"). Case, accents and punctuation do not make a name new."""
    seen: set[str] = set()
    kept = []
    for name in names:
        if name and _comparable(name) not in seen:
            seen.add(_comparable(name))
            kept.append(name)
    return kept
