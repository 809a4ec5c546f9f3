"""How text is written out, the same on the website and in the brochure.

French follows Québec typography (a no-break space before the colon and inside « »,
no space before ; ? !); phone numbers follow each language's usage; addresses are
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
    """Apply the language's typographic spaces; only French has rules here."""
    if language != "fr":
        return text
    parts = _UNTOUCHABLE.split(text)
    for index in range(0, len(parts), 2):  # even parts are prose, odd parts addresses
        parts[index] = _french(parts[index])
    return "".join(parts)


def _french(prose: str) -> str:
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
