"""How text is written out, the same on the website and in the brochure.

French follows Québec typography (a no-break space before the colon and inside « »,
no space before ; ? !, the typographic apostrophe ’ in l’équipe); phone numbers follow each language's usage; addresses are
turned into plain-ASCII URIs so every browser and QR scanner reads the same bytes.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

import idna

NBSP = "\u00a0"

# Addresses and e-mails are left exactly as typed: typography never touches them.
_UNTOUCHABLE = re.compile(r"(\b[a-z][a-z0-9+.-]*://\S+|\bmailto:\S+|\btel:\S+|[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+)", re.I)


def typography(text: str, language: str) -> str:
    """Apply the language's typography: the curly apostrophe in both languages, and
    French's no-break spaces. Addresses (web, e-mail) are left exactly as typed."""
    parts = _UNTOUCHABLE.split(text)
    for index in range(0, len(parts), 2):  # even parts are prose, odd parts addresses
        parts[index] = _french(parts[index]) if language == "fr" else _apostrophes(parts[index])
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
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    if language == "fr":
        number = f"{area}{NBSP}{exchange}-{line}"
        return f"{number}, poste{NBSP}{extension}" if extension else number
    number = f"{area}-{exchange}-{line}"
    return f"{number}, ext.{NBSP}{extension}" if extension else number


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
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    if language == "fr":
        return f"1{NBSP}{area}{NBSP}{exchange}-{line}"
    return f"1-{area}-{exchange}-{line}"


PROVINCE_NAMES = {
    "fr": {"QC": "Québec", "ON": "Ontario", "NB": "Nouveau-Brunswick", "NS": "Nouvelle-Écosse",
           "PE": "Île-du-Prince-Édouard", "NL": "Terre-Neuve-et-Labrador", "MB": "Manitoba", "SK": "Saskatchewan",
           "AB": "Alberta", "BC": "Colombie-Britannique", "YT": "Yukon", "NT": "Territoires du Nord-Ouest",
           "NU": "Nunavut"},
    "en": {"QC": "Quebec", "ON": "Ontario", "NB": "New Brunswick", "NS": "Nova Scotia", "PE": "Prince Edward Island",
           "NL": "Newfoundland and Labrador", "MB": "Manitoba", "SK": "Saskatchewan", "AB": "Alberta",
           "BC": "British Columbia", "YT": "Yukon", "NT": "Northwest Territories", "NU": "Nunavut"},
}


def address_lines(street: str, city: str, province: str, postal_code: str, language: str) -> list[str]:
    """A postal address as each language writes it: "Saint-Jérôme (Québec)  J7Z 4M2" /
    "Saint-Jérôme, Quebec  J7Z 4M2" (two spaces before the postal code, as Canada Post)."""
    name = PROVINCE_NAMES[language].get(province, province)
    place = f"{city} ({name})" if language == "fr" else f"{city}, {name}"
    return [street, f"{place}{NBSP}{NBSP}{postal_code}"]


DAY_NAMES = {
    "fr": {"monday": "lundi", "tuesday": "mardi", "wednesday": "mercredi", "thursday": "jeudi", "friday": "vendredi",
           "saturday": "samedi", "sunday": "dimanche"},
    "en": {"monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
           "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday"},
}


def format_time(time: str, language: str) -> str:
    """"08:30" → 8 h 30 (fr) / 8:30 a.m. (en); "16:00" → 16 h / 4 p.m.; "12:00" → 12 h / noon."""
    hour, minute = (int(part) for part in time.split(":"))
    if language == "fr":
        return f"{hour}{NBSP}h" + (f"{NBSP}{minute:02d}" if minute else "")
    if (hour, minute) == (12, 0):
        return "noon"
    if (hour, minute) == (0, 0):
        return "midnight"
    suffix = "a.m." if hour < 12 else "p.m."
    twelve = hour % 12 or 12
    return f"{twelve}{f':{minute:02d}' if minute else ''}{NBSP}{suffix}"


def format_hours(first_day: str, last_day: str | None, opens: str, closes: str, language: str) -> str:
    """Du lundi au vendredi, de 8 h 30 à 16 h 30 / Monday to Friday, 8:30 a.m. to 4:30 p.m."""
    names = DAY_NAMES[language]
    span = last_day and last_day != first_day
    if language == "fr":
        days = f"du {names[first_day]} au {names[last_day]}" if span else f"le {names[first_day]}"  # type: ignore[index]
        return f"{days[0].upper()}{days[1:]}, de {format_time(opens, 'fr')} à {format_time(closes, 'fr')}"
    days = f"{names[first_day]} to {names[last_day]}" if span else names[first_day]  # type: ignore[index]
    return f"{days}, {format_time(opens, 'en')} to {format_time(closes, 'en')}"


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
