"""The size budget of the content: every limit a content file is held to, in one place.

Content is typed by people, copied from word processors and web pages, sometimes
under pressure; it may also come from someone who means harm. Each limit is far above
what a real offer needs (the shipped offers use a tenth of each at most) and far below
what would make a build hang or eat memory. Each one, when exceeded, is told as a
`file:line:column` message before anything is laid out. The README's section on errors
lists them; a test checks that it does.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1_000_000
"""One content file: a whole offer in one language is about 10 kB."""

MAX_DEPTH = 20
"""Lists and mappings inside one another: the content model needs 7 levels."""

MAX_VALUES = 100_000
"""Values in one file once YAML aliases (`*name`) are expanded: a "billion laughs" file
of 600 bytes would otherwise expand to a billion values."""

MAX_ITEMS = 500
"""Items in one list (services, values, paragraphs…)."""

MAX_TITLE = 200
"""A name, title, label or heading, in characters."""

MAX_TEXT = 2_000
"""A paragraph, summary or list item, in characters (about 330 words)."""

MAX_ID = 60
"""An `id`, in characters: it becomes part of page addresses and file names."""

MAX_URL = 2_000
"""A web address, in characters (what every browser accepts)."""

MAX_EMAIL = 254
"""An e-mail address, in characters (RFC 5321)."""

MAX_QR_ADDRESS = 400
"""What a QR code may encode, in characters once made ASCII: up to version 15 at error
correction M, a code of 77 modules that still scans from a brochure."""

MAX_BROCHURE_CHARACTERS = 30_000
"""Text sent to one brochure's layout: its four panels hold about 12,000 characters at
the smallest type, so more than this cannot fit and is refused before laying it out."""

# Questions in one request form: a request form is a page, not a survey; its prepared
# e-mail must stay short enough for a mail program to open (see generator/forms/).
MAX_FORM_FIELDS = 40
