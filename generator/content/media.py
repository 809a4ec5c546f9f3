"""Image files of the content: the organisation's signature (logo) and the cover image.

They live in the content folder, named by organisation.yaml, and are untrusted input
like the text: each is checked before any stage uses it — a file inside the content
folder (no way out of it, even by a link), a regular file of at most 5 MB, of the
kind its field accepts, that decodes as what its name says. An SVG is XML that the
site serves and the brochure draws: it may not declare entities, run scripts, react to
events or fetch anything (every reference must stay inside the file).
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from xml.etree import ElementTree

from ..oserrors import reason
from ..strings import LANGUAGES, entry

MAX_MEDIA_BYTES = 5_000_000
MAX_MEDIA_PIXELS = 40_000_000
KINDS = {
    "signature": (".svg", ".png"),
    "cover": (".jpg", ".jpeg", ".png"),
}
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


def check_path(value: str) -> str | None:
    """Why a path written in the content is not acceptable (a message code), or None."""
    if not _SAFE_PATH.match(value) or any(part in ("", ".", "..") for part in value.split("/")):
        return "bad_media_path"
    if Path(value).suffix.lower() not in MIME:
        return "bad_media_type"
    return None


def check_file(content_dir: Path, relative: str, kind: str) -> tuple[Path | None, tuple[str, dict] | None]:
    """The file's absolute path, or (None, (message code, details)) saying what is wrong."""
    suffix = Path(relative).suffix.lower()
    if suffix not in KINDS[kind]:
        return None, ("bad_media_type", {"allowed": ", ".join(KINDS[kind])})
    root = content_dir.resolve()
    try:
        path = (content_dir / relative).resolve(strict=True)
        info = path.stat()
    except FileNotFoundError:
        return None, ("media_missing", {"folder": str(content_dir)})
    except (OSError, RuntimeError) as error:  # a loop of links (RuntimeError before Python 3.13)
        return None, ("media_unreadable", {"reason": reason(error) if isinstance(error, OSError) else
                                           {language: entry(language, "os_errors.link_loop") for language in LANGUAGES}})
    if root not in path.parents:
        return None, ("media_outside", {"folder": str(content_dir)})
    if not stat.S_ISREG(info.st_mode):
        return None, ("media_missing", {"folder": str(content_dir)})
    if info.st_size > MAX_MEDIA_BYTES:
        return None, ("media_too_big", {"size": info.st_size, "limit": MAX_MEDIA_BYTES})
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, ("media_unreadable", {"reason": reason(error)})
    problem = _check_svg(data) if suffix == ".svg" else _check_raster(data, suffix)
    if problem is not None:
        return None, problem
    return path, None


def _check_raster(data: bytes, suffix: str) -> tuple[str, dict] | None:
    import io

    from PIL import Image

    expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}[suffix]
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                return "media_not_image", {"kind": expected}
            if image.width * image.height > MAX_MEDIA_PIXELS:
                return "media_too_many_pixels", {"width": image.width, "height": image.height}
            image.verify()
    except Exception:  # Pillow raises many kinds of errors on broken files  # noqa: BLE001
        return "media_not_image", {"kind": expected}
    return None


_SVG = "{http://www.w3.org/2000/svg}"
_OUTSIDE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def _check_svg(data: bytes) -> tuple[str, dict] | None:
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return "svg_unsafe", {"what": "<!DOCTYPE>/<!ENTITY>"}
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "media_not_image", {"kind": "SVG"}
    if root.tag != f"{_SVG}svg":
        return "media_not_image", {"kind": "SVG"}
    for element in root.iter():
        tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
        if tag in ("script", "foreignObject", "iframe", "embed", "object"):
            return "svg_unsafe", {"what": f"<{tag}>"}
        for name, value in element.attrib.items():
            local = name.split("}")[-1]
            if local.lower().startswith("on"):
                return "svg_unsafe", {"what": f"{local}=…"}
            if local == "href" and not value.strip().startswith(("#", "data:image/")):
                return "svg_unsafe", {"what": f"href=\"{value[:40]}\""}
            if _OUTSIDE.search(value):
                return "svg_unsafe", {"what": "url(…)"}
        if tag == "style" and (_OUTSIDE.search(element.text or "") or "@import" in (element.text or "")):
            return "svg_unsafe", {"what": "<style> url(…)"}
    return None
