"""A corpus of the inputs web shards really contain, each paired with what must become of it.

Written as webdataset tars (KEY.jpg / KEY.txt / KEY.json, as img2dataset writes them) so the
real reader sees them. ``expect`` is the reject reason, or None where the row must be kept
(cleaned or converted on the way).
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from PIL import Image


def image(size=(64, 48), mode="RGB", fmt="JPEG", **save) -> bytes:
    buf = io.BytesIO()
    color = {"RGB": (200, 30, 30), "CMYK": (0, 200, 200, 0), "RGBA": (10, 200, 10, 128)}.get(mode, 1)
    Image.new(mode, size, color).save(buf, fmt, **save)
    return buf.getvalue()


def _palette_alpha() -> bytes:
    img = Image.new("P", (64, 48), 0)
    img.putpalette([255, 0, 0, 0, 0, 255] * 128)
    img.info["transparency"] = 0
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _animated() -> bytes:
    frames = [Image.new("RGB", (64, 48), c) for c in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=40, loop=0)
    return buf.getvalue()


def _huge() -> bytes:  # 9000 x 9000 = 81 Mpx: compresses to a few KB, decodes to 81 MB
    buf = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buf, "PNG")
    return buf.getvalue()


GOOD = image()


def rows() -> list[dict]:
    """name, alt-text (bytes, or None for no .txt member), image (bytes or None), expected reason."""
    return [
        dict(key="ok", alt=b"A red lighthouse on a rocky coast", img=GOOD, expect=None),
        dict(key="empty_alt", alt=b"", img=image((60, 40)), expect="empty_alt_text"),
        dict(key="blank_alt", alt=b"  \t \n ", img=image((61, 40)), expect="empty_alt_text"),
        dict(key="no_alt", alt=None, img=image((62, 40)), expect="missing_alt_text"),
        dict(key="huge_alt", alt=b"word " * 20000, img=image((63, 40)), expect="alt_text_too_long"),
        dict(key="bad_utf8", alt=b"caf\xe9 \xff\xfe sign", img=image((64, 40)), expect=None),
        dict(key="entities", alt=b"Fish &amp;amp; chips &lt;3", img=image((65, 40)), expect=None),
        dict(key="mixed_script", alt="Tokyo 東京 Москва skyline".encode(), img=image((66, 40)), expect=None),
        dict(key="corrupt", alt=b"a corrupt file", img=b"\xff\xd8\xff\xe0" + b"\x13" * 300,
             expect="image_undecodable"),
        dict(key="truncated", alt=b"a cut jpeg", img=GOOD[: len(GOOD) // 2], expect="image_undecodable"),
        dict(key="zero_byte", alt=b"an empty file", img=b"", expect="image_undecodable"),
        dict(key="html", alt=b"an error page", img=b"<!DOCTYPE html><html><body>404</body></html>",
             expect="image_undecodable"),
        dict(key="bomb", alt=b"a huge image", img=_huge(), expect="image_too_many_pixels"),
        dict(key="one_pixel", alt=b"a pixel", img=image((1, 1), fmt="PNG"), expect="image_too_small"),
        dict(key="banner", alt=b"a thin banner", img=image((900, 20)), expect="image_aspect_ratio"),
        dict(key="cmyk", alt=b"a CMYK print scan", img=image(mode="CMYK"), expect=None),
        dict(key="palette", alt=b"a palette png with alpha", img=_palette_alpha(), expect=None),
        dict(key="animated", alt=b"an animated gif", img=_animated(), expect=None),
        dict(key="dup_a", alt=b"Same photo twice", img=image((70, 50)), expect=None),
        dict(key="dup_b", alt=b"Same photo twice", img=image((70, 50)), expect="duplicate"),
        dict(key="same_img_other_alt", alt=b"Same photo, other words", img=image((70, 50)), expect=None),
        dict(key="ok", alt=b"Another photo under a key already used", img=image((71, 50)),
             expect="duplicate_key"),
        dict(key="bad_json", alt=b"a row whose json member is torn", img=image((72, 50)), json=b"{\"key\": ",
             expect=None),
    ]


def write_tar(path: Path, items: list[dict]) -> Path:
    """One webdataset shard; ``img`` goes in as KEY.jpg whatever its real format (as on the web)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w") as tar:
        for r in items:
            members = {"json": r.get("json") or json.dumps({"key": r["key"], "url": f"http://x/{r['key']}"}).encode()}
            if r["img"] is not None:
                members["jpg"] = r["img"]
            if r["alt"] is not None:
                members["txt"] = r["alt"]
            for ext, data in members.items():
                info = tarfile.TarInfo(f"{r['key']}.{ext}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path
