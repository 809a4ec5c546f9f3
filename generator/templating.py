"""One Jinja environment for every page and brochure offre renders: the same escaping, the
same filters, the same rule for breaking an address.

The site and the brochures had each their own environment, and their own `breakable`
that disagreed (the site broke a host after its dots, the brochure kept it whole). An
address is read the same on a phone and on paper: one rule, the brochure's, kept here
(`breakable`), with the brochure's no-break compounds (`keep_compounds`).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import idna
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from .compiled_templates import COMPILED
from .reach import contact_means, request_code_link, request_means, shown_contacts, ways_to_ask
from .strings import strings
from .text import display_url, distinct, format_phone, tel_uri, to_uri, typography

LONG_LOCAL_PART = 24  # characters before an e-mail's @ that a brochure panel's line always holds
SHORT_ADDRESS = 32  # characters: an address this short is never broken
_PATH_BREAKS = re.compile(r"(?<=[/?&=#])(?=.)|(?<=.)(?=-)")  # after / ? & = #, before a hyphen


def breakable(text: str) -> Markup:
    """An address as shown, with a <wbr> where a line may end, the rest escaped: never
    inside a word, a host or a domain. A short one (SHORT_ADDRESS) is never broken: it
    moves whole to the next line. A longer e-mail breaks after its @ (and a very long name
    before its dots); a web address after its host's /, and in its path after / ? & = #
    and before the hyphens between words: a line ending on a hyphen would read as a word
    hyphenated there, not as part of the address (each piece kept whole, so that the
    layout does not break after the hyphen itself)."""
    if len(text) <= SHORT_ADDRESS:  # moved whole to the next line rather than broken
        return Markup(f'<span class="whole">{escape(text)}</span>')
    if "@" in text and "/" not in text:
        local, _, domain = text.partition("@")
        if long_email(text):  # too long for a line at the larger sizes: it may break before its dots
            # (a line ending in a dot reads as a sentence's end; one starting with it, as an address going on)
            local = "<wbr>".join(str(escape(part)) for part in re.split(r"(?=[._])", local) if part)
        else:
            local = str(escape(local))
        return Markup(f"{local}@<wbr>{_whole(domain)}")
    host, slash, path = text.partition("/")
    pieces = [_whole(piece) for piece in _PATH_BREAKS.split(path) if piece]
    return Markup(_whole(host) + (slash and "/<wbr>") + "<wbr>".join(pieces))


def long_email(text: str) -> bool:
    """An e-mail whose name (before its @) is longer than a panel's line always holds."""
    name, at, _ = text.partition("@")
    return bool(at) and "/" not in text and len(name) > LONG_LOCAL_PART


def _whole(name: str) -> str:
    """A host or a domain, escaped, kept on one line (a browser or the layout would break
    it after a hyphen: the stylesheets' `.whole`) — unless it is too long for a line, where
    it may break as words do."""
    return f'<span class="whole">{escape(name)}</span>' if len(name) <= LONG_LOCAL_PART + 10 else str(escape(name))


_COMPOUND = re.compile(r"\w+(?:-\w+)+")
LONG_COMPOUND = 24  # characters: a compound longer than this may still break at a hyphen (a line holds it)


def keep_compounds(text: str) -> Markup:
    """Compound words (Chaudière-Appalaches, Vallée-de-la-Gatineau, e-mail) kept on one
    line: never broken at their hyphen. The rest escaped."""
    out, last = [], 0
    for match in _COMPOUND.finditer(text):
        if len(match.group()) > LONG_COMPOUND:
            continue
        out += [str(escape(text[last:match.start()])), f'<span class="compound">{escape(match.group())}</span>']
        last = match.end()
    return Markup("".join(out) + str(escape(text[last:])))


def domain(url: str) -> str:
    """The site an address leads to, as people read it (Unicode, no "www.")."""
    host = urlsplit(url).hostname or ""
    try:
        host = idna.decode(host)
    except idna.IDNAError:
        pass
    return host.removeprefix("www.")


def data_uri(data: bytes | str, mime: str) -> str:
    """Bytes as an address: a brochure needs no file written by another stage."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


LAST_LINE_LEAST = 16  # characters a paragraph's last line holds at least: a word or two alone read as an orphan
LAST_LINE_MOST = 26  # … the words joined for it, at most: the narrowest panel's line always holds them


def last_words_together(text: str, least: int = LAST_LINE_LEAST) -> str:
    """A text's last word (12 characters at most, with what no-break spaces join to it:
    "est\u00a0:") joined to the one before: never alone on its last line; and, for a
    paragraph (`least`), the words before it too while its last line would hold fewer
    than `least` characters ("… / ayant un handicap.", not "… ayant un / handicap.").
    Headings, balanced on their own (brochure/balance.py), pass 0."""
    text = re.sub(r" ([^ ]{1,12})$", "\u00a0\\1", text)
    words = text.split(" ")
    if len(words) < 3:
        return text
    while len(words) > 2 and len(words[-1]) < least and len(words[-2]) + 1 + len(words[-1]) <= LAST_LINE_MOST:
        words[-2:] = [words[-2] + "\u00a0" + words[-1]]
    return " ".join(words)


def phone_lines(text: str) -> Markup:
    """A phone number as printed: it may break after its comma, before the extension
    ("450 433-2777, / poste 65139"), and nowhere else — each piece kept whole (the
    stylesheets' `.whole`), never "450 / 433-2777"."""
    return Markup(", ".join(f'<span class="whole">{escape(piece)}</span>' for piece in text.split(", ")))


@pass_context
def _typo(context: Any, text: str, language: str | None = None) -> str:
    """The page's language's typography, or `language`'s for a passage in the other one."""
    return typography(text, language or context["lang"])


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|])")


@pass_context
def _md(context: Any, text: str) -> Markup:
    """Text for a Markdown heading: typography, Markdown syntax neutralised, then HTML
    escaped (in that order: escaping makes entities such as &#39;, whose # must stay)."""
    return escape(_MARKDOWN_SPECIAL.sub(r"\\\1", typography(text, context["lang"])))


@pass_context
def _phone(context: Any, contact: Any) -> str:
    return format_phone(contact.phone, contact.extension, context["lang"])


FILTERS: dict[str, Any] = {
    "typo": _typo,
    "md": _md,
    "phone": _phone,
    "tel": lambda contact: tel_uri(contact.phone, contact.extension),
    "uri": to_uri,
    "display_url": display_url,
    "domain": domain,
    "breakable": breakable,
    "keep_compounds": keep_compounds,
    "data_uri": lambda svg: data_uri(svg, "image/svg+xml"),
    "last_words_together": last_words_together,
    "phone_lines": phone_lines,
    "contact_means": contact_means,
    "request_means": request_means,
}
GLOBALS: dict[str, Any] = {
    "distinct": distinct,
    "shown_contacts": shown_contacts,
    "strings_for": strings,
    "request_code_link": request_code_link,
    "ways_to_ask": ways_to_ask,
}


def environment(templates: Path, *, keep_trailing_newline: bool = False) -> Environment:
    """The environment for the templates in `templates`: every value escaped (content is
    untrusted), a missing variable an error rather than an empty string, blocks trimmed,
    templates compiled once (.offre/templates), and every filter and global above."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        undefined=StrictUndefined,
        bytecode_cache=COMPILED,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env
