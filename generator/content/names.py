"""The site's name, in full and as a phone's header says it: one place, so the site's
header and `offre check`'s warning about a name too long for a phone agree."""

from __future__ import annotations

from ..text import distinct
from .models import OrganisationFile

# A phone's header leaves the name 150 px beside a signature, 220 px without: three lines
# of the smaller size hold about this many characters (measured at 390 px in Chromium).
PHONE_NAME_FITS = {True: 60, False: 80}
LONG_PHONE_NAME = 56  # characters: past this, a phone's header says the name a size smaller


def full_name(organisation: OrganisationFile) -> str:
    """The team (or the offer's title) and the institution, each said once."""
    names = distinct(organisation.organisation.team or organisation.hero.title, organisation.organisation.short_name)
    return " — ".join(names)


def phone_name(organisation: OrganisationFile) -> str:
    """The name a phone's header shows: the team's acronym and the institution's short
    name when the content gives the acronym ("EFDC — CIUSSS de l'Exemple"), else the
    full name."""
    team_short = organisation.organisation.team_short
    if not team_short:
        return full_name(organisation)
    return " — ".join(distinct(team_short, organisation.organisation.short_name))


def phone_name_is_cut(organisation: OrganisationFile) -> bool:
    """Whether the phone's header, even a size smaller, cannot hold the whole name."""
    return len(phone_name(organisation)) > PHONE_NAME_FITS[organisation.organisation.signature is not None]
