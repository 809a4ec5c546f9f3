"""The error page (404.html) that works wherever the site is served, even without `public_url`.

Every other page links relatively (`../assets/…`), so the site works at any address:
`https://org.github.io/offre/` as well as a domain's root. The error page cannot: a
host answers it for any missing address, at any depth (`/offre/services/old-page/`),
so MkDocs links it from the root (`/assets/…`, `/a-propos/`). Published under a
sub-path before `public_url` is set (a GitHub or GitLab project site), the page was
unstyled and its links led off the site.

Without `public_url`, its links are written relative to the site's root, and a line of
script at the very top of its <head> sets that root as the page's base (`<base href>`)
before anything is fetched: the root is the part of the address before the first
folder the site has at its top (`services`, `en`, `assets`…), or, when the address
names none, the folder the missing address is in (`/offre/vieille-page` → `/offre/`).
With `public_url`, MkDocs already links from it: nothing is changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')  # a root-absolute address, not a protocol-relative one
HEAD = re.compile(r"<meta charset=[^>]*>|<head[^>]*>", re.IGNORECASE)  # after the charset, before any link
# Kept short and with no markup from the content: the names are the site's own folders.
BASE_SCRIPT = ("<script>(function(){{var top={top},parts=location.pathname.split('/').slice(1),i=0;"
               "for(;i<parts.length-1&&top.indexOf(parts[i])<0;i++);"
               "document.write('<base href=\"/'+parts.slice(0,i).join('/')+(i?'/':'')+'\">'+{links})}})()</script>")
# The head's style sheets and preloaded fonts, written by that script after the base: left
# in the markup, the browser's look-ahead would fetch them from the missing address first.
HEAD_LINK = re.compile(r'<link\b(?=[^>]*\srel="(?:stylesheet|preload|modulepreload)")[^>]*>\s*', re.IGNORECASE)


LATER = ("downloads", "qr", "admin")  # put in the site after MkDocs: the brochures, QR codes' pages, the editor


def relocatable(site: Path, pages: list[Path]) -> None:
    """Make each error page of `site` work under any sub-path (see the module's docstring).
    (The address a browser gives is already percent-encoded: no quote can end the base.)"""
    top = sorted({entry.name for entry in site.iterdir() if not entry.name.startswith(".")} | set(LATER))
    for page in pages:
        if not page.is_file():
            continue
        html = ROOT_LINK.sub(r"\1", page.read_text(encoding="utf-8"))
        end = html.find("</head>")
        links = HEAD_LINK.findall(html[:end])
        head = HEAD_LINK.sub("", html[:end])
        script = BASE_SCRIPT.format(top=_script_value(top),
                                    links=_script_value("".join(link.strip() for link in links)))

        def with_script(match: re.Match[str], script: str = script) -> str:
            return match.group(0) + script

        page.write_text(HEAD.sub(with_script, head, count=1) + html[end:], encoding="utf-8")


def _script_value(value: object) -> str:
    """A value as JavaScript inside a <script> element: no "</" may end it early."""
    return json.dumps(value).replace("<", "\\u003c")
