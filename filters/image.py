"""Image checks on the raw bytes: decodable, not a decompression bomb, sane size and shape.

Corrupt, truncated and zero-byte files, and HTML error pages saved as .jpg, all fail to decode and
become rejects with the decoder's words in the reason; nothing raises past the filter.
"""

from __future__ import annotations

import io
import warnings

from pipeline.rows import Sample

from .base import Filter


class ImageCheck(Filter[Sample]):
    name = "image"

    def __init__(self, max_pixels: int, min_side: int, max_aspect: float):
        self.max_pixels, self.min_side, self.max_aspect = max_pixels, min_side, max_aspect

    def reason(self, s: Sample) -> str | None:
        if s.image is None:
            return None  # text-only rows: HasImage decides whether that is allowed
        from PIL import Image

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                img = Image.open(io.BytesIO(s.image))
                w, h = img.size
                if w * h > self.max_pixels:
                    return "image_too_many_pixels"
                img.load()  # a full decode: truncated files fail here, not in the engine
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return "image_too_many_pixels"
        except Exception:  # PIL raises many types for bad bytes; all mean "not an image"
            return "image_undecodable"
        if min(w, h) < self.min_side:
            return "image_too_small"
        if max(w, h) / min(w, h) > self.max_aspect:
            return "image_aspect_ratio"
        s.width, s.height = s.width or w, s.height or h
        return None
