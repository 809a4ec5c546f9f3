"""The kinds of value the content is made of, each checked where it is read.

Text is folded to one line and bounded; addresses, e-mails and phone numbers are
refused unless they are what they claim (see the README's section on errors); times
and postal codes are normalised. A refusal is a `ContentRule`: a message code and its
details, which the loader turns into a `file:line:column` message.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

import idna
from pydantic import AfterValidator, StringConstraints, WithJsonSchema

from ..strings import LANGUAGES, day_names, options
from .limits import MAX_EMAIL, MAX_ID, MAX_TEXT, MAX_TITLE, MAX_URL
from .media import check_path


class ContentRule(ValueError):
    """A rule of the content model broken by a value: a message code and its details
    (see problems.py), carried through pydantic to the loader."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def described(schema: dict[str, Any]) -> WithJsonSchema:
    """What a JSON Schema (and the browser editor's form) know of a value type: its JSON
    type and a pattern that accepts what the check below accepts (the check stays the
    authority: it also normalises, and says what is wrong). Patterns are written so that
    Python's `re` and JavaScript's RegExp read them alike."""
    return WithJsonSchema(schema)


# Separators people type in phone numbers: spaces (no-break ones too), ( ) . + -
_PHONE_SEPARATORS = "[ \\u00a0\\u202f().+-]*"
PHONE_PATTERN = (f"^{_PHONE_SEPARATORS}(?:1{_PHONE_SEPARATORS})?[2-9]{_PHONE_SEPARATORS}[0-9]{_PHONE_SEPARATORS}[0-9]"
                 f"{_PHONE_SEPARATORS}[2-9](?:{_PHONE_SEPARATORS}[0-9]){{6}}{_PHONE_SEPARATORS}$")

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID)]


def _clean_text(value: str) -> str:
    """Fold the line breaks a YAML block leaves so a paragraph is one line of text."""
    value = " ".join(value.split())
    if not value:
        raise ContentRule("empty_text")
    return value


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_clean_text)]
"""A paragraph, a summary, a list item."""

Title = Annotated[str, StringConstraints(max_length=MAX_TITLE), AfterValidator(_clean_text)]
"""A name, a title, a label: one line."""

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
# Never in an address: spaces, quotes, markup, and what RFC 3986 never allows unencoded.
_NOT_IN_ADDRESS = re.compile(r"""[\s"'<>`{}|\\^]""")


def _check_host(host: str | None, value: str) -> None:
    """A host name with a dot, made of valid labels, IDN included (bücher.example)."""
    if not host or "." not in host.strip(".") or host.startswith(".") or ".." in host:
        raise ContentRule("bad_url", value=value)
    try:
        idna.encode(host, uts46=True)
    except idna.IDNAError:
        raise ContentRule("bad_host", value=value, host=host) from None


def check_url(value: str) -> str:
    """An absolute address people can follow: https, http, mailto or tel, nothing else.

    Refused: other schemes (javascript:, data:), spaces, quotes and markup, addresses
    with a user name or password (printed under a QR code for all to read), hosts that
    are not valid names.
    """
    value = value.strip()
    bad = _NOT_IN_ADDRESS.search(value)
    if bad:
        raise ContentRule("bad_url_character", value=value, character=bad.group() if bad.group() != " " else "espace / space")
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", value)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ALLOWED_SCHEMES:
        raise ContentRule("bad_url", value=value)
    if scheme in ("http", "https"):
        parts = urlsplit(value)
        if not value.lower().startswith(scheme + "://"):
            raise ContentRule("bad_url", value=value)
        if parts.username is not None or parts.password is not None or "@" in parts.netloc:
            raise ContentRule("url_credentials", value=value)
        try:
            parts.port  # noqa: B018 (raises ValueError when out of range)
        except ValueError:
            raise ContentRule("bad_url", value=value) from None
        _check_host(parts.hostname, value)
    elif scheme == "mailto":
        address = value[len("mailto:"):].split("?", 1)[0]
        if not _EMAIL.match(address):
            raise ContentRule("bad_url", value=value)
    elif scheme == "tel" and not re.fullmatch(r"tel:\+?[0-9][0-9().-]*(,[0-9]+)?", value):
        raise ContentRule("bad_url", value=value)
    return value


URL_PATTERN = r"""^(?:[Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]|[Tt][Ee][Ll]):[^\s"'<>`{}|\\^]+$"""
Url = Annotated[str, StringConstraints(max_length=MAX_URL), AfterValidator(check_url),
                described({"type": "string", "maxLength": MAX_URL, "pattern": URL_PATTERN})]


def _check_public_url(value: str) -> str:
    """The site's own address: https or http, a host, maybe a folder; no query, no fragment."""
    value = check_url(value)
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ContentRule("bad_public_url", value=value)
    return value


PUBLIC_URL_PATTERN = r"""^[Hh][Tt][Tt][Pp][Ss]?://[^\s"'<>`{}|\\^?#]+$"""
PublicUrl = Annotated[str, StringConstraints(max_length=MAX_URL), AfterValidator(_check_public_url),
                      described({"type": "string", "maxLength": MAX_URL, "pattern": PUBLIC_URL_PATTERN})]

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value) or ".." in value:
        raise ContentRule("bad_email", value=value)
    return value


EMAIL_PATTERN = r"^(?!.*\.\.)\s*[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\s*$"
Email = Annotated[str, StringConstraints(max_length=MAX_EMAIL), AfterValidator(_check_email),
                  described({"type": "string", "maxLength": MAX_EMAIL, "pattern": EMAIL_PATTERN})]


def _check_phone(value: str | int) -> str:
    """Accept what people type (450 433-2777, (450) 433-2777, 1-450-...) and keep the 10 digits.

    Digits are ASCII only: "٤٥٠" is a digit to Python, not to a phone.
    """
    text = str(value)
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if re.sub(r"[0-9 \u00a0\u202f().+-]", "", text) or not re.fullmatch(r"[2-9][0-9]{2}[2-9][0-9]{6}", digits):
        raise ContentRule("bad_phone", value=value)
    return digits


Phone = Annotated[str | int, AfterValidator(_check_phone),
                  described({"type": ["string", "integer"], "pattern": PHONE_PATTERN})]


def _check_extension(value: str | int) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"[0-9]{1,7}", text):
        raise ContentRule("bad_extension", value=value)
    return text


EXTENSION_PATTERN = r"^\s*[0-9]{1,7}\s*$"
Extension = Annotated[str | int, AfterValidator(_check_extension),
                      described({"type": ["string", "integer"], "pattern": EXTENSION_PATTERN})]


def _check_media(value: str) -> str:
    value = value.strip()
    problem = check_path(value)
    if problem is not None:
        raise ContentRule(problem, value=value)
    return value


MediaFile = Annotated[str, StringConstraints(max_length=200), AfterValidator(_check_media),
                      described({"type": "string", "maxLength": 200, "x-offre": {"kind": "media"}})]
"""A file of the content folder, named relative to it ("images/logo.svg")."""




TOLL_FREE_AREA_CODES = ("800", "833", "844", "855", "866", "877", "888")


def _check_toll_free(value: str | int) -> str:
    digits = _check_phone(value)
    if digits[:3] not in TOLL_FREE_AREA_CODES:
        raise ContentRule("bad_toll_free", value=value)
    return digits


_TOLL_FREE_CODES = "|".join(f"{code[0]}{_PHONE_SEPARATORS}{code[1]}{_PHONE_SEPARATORS}{code[2]}"
                            for code in TOLL_FREE_AREA_CODES)
TOLL_FREE_PATTERN = (f"^{_PHONE_SEPARATORS}(?:1{_PHONE_SEPARATORS})?(?:{_TOLL_FREE_CODES}){_PHONE_SEPARATORS}[2-9]"
                     f"(?:{_PHONE_SEPARATORS}[0-9]){{6}}{_PHONE_SEPARATORS}$")
TollFree = Annotated[str | int, AfterValidator(_check_toll_free),
                     described({"type": ["string", "integer"], "pattern": TOLL_FREE_PATTERN})]

PROVINCES = ("QC", "ON", "NB", "NS", "PE", "NL", "MB", "SK", "AB", "BC", "YT", "NT", "NU")


def _check_province(value: str) -> str:
    code = value.strip().upper()
    if code not in PROVINCES:
        raise ContentRule("bad_province", value=value)
    return code


Province = Annotated[str, AfterValidator(_check_province), described({"type": "string", "enum": list(PROVINCES)})]

_POSTAL = re.compile(r"^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])\s?([0-9][ABCEGHJ-NPRSTV-Z][0-9])$")


def _check_postal_code(value: str) -> str:
    """Canada Post's form: letter, digit, letter, space, digit, letter, digit (J7Z 4M2)."""
    match = _POSTAL.match(value.strip().upper())
    if not match:
        raise ContentRule("bad_postal_code", value=value)
    return f"{match.group(1)} {match.group(2)}"


_LETTER, _LAST_LETTERS = "[ABCEGHJ-NPRSTVXYabceghj-nprstvxy]", "[ABCEGHJ-NPRSTV-Zabceghj-nprstv-z]"
POSTAL_CODE_PATTERN = f"^\\s*{_LETTER}[0-9]{_LAST_LETTERS}\\s?[0-9]{_LAST_LETTERS}[0-9]\\s*$"
PostalCode = Annotated[str, AfterValidator(_check_postal_code),
                       described({"type": "string", "pattern": POSTAL_CODE_PATTERN})]

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")



def _one_of(values: tuple[str, ...], code: str, names: dict[str, Any]) -> Any:
    """A word among `values` (any case, spaces around), kept in lower case; else the
    problem `code`. Its schema lists the values and their names in each language (the
    editor's choices)."""
    def check(value: str) -> str:
        word = value.strip().lower()
        if word not in values:
            raise ContentRule(code, value=value)
        return word

    return Annotated[str, AfterValidator(check),
                     described({"type": "string", "enum": list(values), "x-offre": {"options": names}})]


DAY_NAMES = {language: day_names(language) for language in LANGUAGES}  # Babel's, Monday first as DAYS
Day = _one_of(DAYS, "bad_day", DAY_NAMES)

_TIME = re.compile(r"^([01]?[0-9]|2[0-3])\s*(?::|h)\s*([0-5][0-9])?$")


def _check_time(value: str | int) -> str:
    """8:30, 8 h 30, 16h, 16:30 → "08:30", "16:00" (24-hour)."""
    match = _TIME.match(str(value).strip().lower())
    if not match:
        raise ContentRule("bad_time", value=value)
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


TIME_PATTERN = r"^\s*([01]?[0-9]|2[0-3])\s*(:|h|H)\s*([0-5][0-9])?\s*$"
Time = Annotated[str | int, AfterValidator(_check_time),
                 described({"type": ["string", "integer"], "pattern": TIME_PATTERN})]

def _check_language(value: str) -> str:
    if value.strip() not in LANGUAGES:
        raise ContentRule("bad_language", value=value)
    return value.strip()


LANGUAGE_NAMES = options("languages")
Language = Annotated[str, AfterValidator(_check_language),
                     described({"type": "string", "enum": list(LANGUAGES), "x-offre": {"options": LANGUAGE_NAMES}})]


GIT_HOSTS = ("github", "gitlab")


GitHost = _one_of(GIT_HOSTS, "bad_git_host", options("git_hosts"))
"""Where a team keeps its content: GitHub or GitLab (gitlab.com or the team's own server)."""

FIELD_KINDS = ("text", "long_text", "email", "phone", "choice", "choices")
FieldKind = _one_of(FIELD_KINDS, "bad_field_kind", options("field_kinds"))
"""What a request form's field asks for: a short or long text, an e-mail, a phone, one or several choices."""

CHOICE_SOURCES = ("territories", "audiences", "services")
ChoiceSource = _one_of(CHOICE_SOURCES, "bad_choice_source", options("choice_sources"))
"""Where a field's choices come from: the content's territories, audiences or services."""

REPOSITORY_PATTERN = r"^\s*[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+\s*$"
BRANCH_PATTERN = r"^\s*(?!.*\.\.)(?![-/])[A-Za-z0-9_./-]{1,100}\s*$"
FOLDER_PATTERN = r"^\s*(?!(.*/)?\.\.?(/|\s*$))[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\s*$"


def _matching(pattern: str, code: str):  # noqa: ANN202 (an Annotated validator)
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if len(value) > 200 or not compiled.match(value):
            raise ContentRule(code, value=value)
        return value.strip()
    return check


RepositoryName = Annotated[str, AfterValidator(_matching(REPOSITORY_PATTERN, "bad_repository")),
                           described({"type": "string", "maxLength": 200, "pattern": REPOSITORY_PATTERN})]
"""owner/name, or group/subgroup/name on GitLab."""

Branch = Annotated[str, AfterValidator(_matching(BRANCH_PATTERN, "bad_branch")),
                   described({"type": "string", "maxLength": 100, "pattern": BRANCH_PATTERN})]

FolderPath = Annotated[str, AfterValidator(_matching(FOLDER_PATTERN, "bad_folder")),
                       described({"type": "string", "maxLength": 200, "pattern": FOLDER_PATTERN})]
"""A folder inside a repository, relative to its root (content, or site/content)."""


# Translations reviewed (content/translations.yaml): which text, and when.

TEXT_PATH_PATTERN = r"^\s*[a-z]+\.yaml(/[a-z0-9_]+(-[a-z0-9]+)*)+\s*$"
DATE_PATTERN = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"


def _check_date(value: str) -> str:
    value = str(value).strip()
    try:
        if not re.match(DATE_PATTERN, value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise ContentRule("bad_date", value=value) from None
    return value


TextPath = Annotated[str, AfterValidator(_matching(TEXT_PATH_PATTERN, "bad_text_path")),
                     described({"type": "string", "maxLength": 200, "pattern": TEXT_PATH_PATTERN})]
"""A text of the content, as the translation warning names it: its file, then its keys and
its items' ids (services.yaml/services/psoc/summary)."""

ReviewDate = Annotated[str, AfterValidator(_check_date),
                       described({"type": "string", "maxLength": 10, "pattern": DATE_PATTERN,
                                  "x-offre": {"kind": "date"}})]
"""A day, written 2026-11-20 (the browser editor offers a calendar)."""
