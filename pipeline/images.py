"""Image bytes to the RGB picture a vision model should see.

Web images come as CMYK JPEGs, palette PNGs with transparency, animated GIFs/WebPs and phone
photos whose EXIF says "rotate me": each is turned into an upright, opaque, single-frame RGB
image here, so the engine never sees a mode its processor mishandles.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps


class ImageError(ValueError):
    """Image bytes that do not decode: the row becomes a reject, not a crash."""


def decode_image(data: bytes) -> Image.Image:
    try:
        img = Image.open(io.BytesIO(data))
        img.seek(0)  # animated: the first frame
        img.load()
    except Exception as e:  # PIL raises many types for bad bytes; all mean "not an image"
        raise ImageError(str(e)[:200]) from None
    return to_rgb(img)


def to_rgb(img: Image.Image) -> Image.Image:
    """Upright (EXIF orientation applied), transparency flattened onto white, RGB."""
    img = ImageOps.exif_transpose(img) or img
    if img.mode == "P":
        img = img.convert("RGBA")  # a palette's transparency index becomes real alpha
    if img.mode in ("RGBA", "LA", "PA"):
        img = img.convert("RGBA")
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        return background
    return img.convert("RGB")  # CMYK, L, I;16, YCbCr...
