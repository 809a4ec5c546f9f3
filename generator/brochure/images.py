"""The content's images as the brochure draws them: data: addresses, CMYK for the press.

The office PDF takes the files as they are. The print PDF (PDF/X-4 against a CMYK
output intent) may hold no RGB image: a PNG or JPEG is converted through the CMYK
profile into a JPEG at full quality, transparency flattened on white paper. An SVG
stays vector: finishing.py converts its colours.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

from ..content import Offer
from ..content.media import MIME


def brochure_images(offer: Offer, variant: str, profile: Path) -> dict[str, str | None]:
    """{"signature": address or None, "cover": address or None, "cover_alt": text}."""
    organisation = offer.organisation
    cover = organisation.hero.image
    return {
        "signature": _address(offer.media_file(organisation.organisation.signature), variant, str(profile)),
        "cover": _address(offer.media_file(cover.file) if cover else None, variant, str(profile)),
        "cover_alt": cover.alt if cover else "",
    }


def _address(path: Path | None, variant: str, profile: str) -> str | None:
    if path is None:
        return None
    data = path.read_bytes()
    mime = MIME[path.suffix.lower()]
    if variant == "print" and mime != "image/svg+xml":
        data, mime = _cmyk_jpeg(data, profile), "image/jpeg"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


@functools.lru_cache(maxsize=8)
def _cmyk_jpeg(data: bytes, profile: str) -> bytes:
    from PIL import Image, ImageCms

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")  # type: ignore[assignment]
            paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(paper, image)  # type: ignore[assignment]
        rgb = image.convert("RGB")
        transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(profile),
                                            "RGB", "CMYK", renderingIntent=ImageCms.Intent.PERCEPTUAL)
        cmyk = ImageCms.applyTransform(rgb, transform)
    output = io.BytesIO()
    cmyk.save(output, "JPEG", quality=95, subsampling=0)  # type: ignore[union-attr]
    return output.getvalue()
