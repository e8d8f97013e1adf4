"""Make demo/test input the way users get it: img2dataset downloading images over HTTP.

Real JPEGs are drawn with Pillow, served on 127.0.0.1 (never the network), and fetched by
img2dataset itself, so the shards have img2dataset's real layout: ``NNNNN.tar`` with
``KEY.jpg/.txt/.json`` members plus the ``NNNNN.parquet`` sidecar listing failed rows too.
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import random
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

_SUBJECTS = ["lighthouse", "red bicycle", "golden retriever", "bowl of ramen", "city skyline",
             "wooden cabin", "sailboat", "tabby cat", "vintage car", "mountain lake"]
_NOISE = ["IMG_{n}.JPG", "{s} | Buy now, free shipping!", "{s} &amp;amp; friends", "stock photo {s} {n}",
          "{s} at dusk", "Photo of a {s}", "{s}", "DSC{n} {s} 2019"]


def caption(i: int, rng: random.Random) -> str:
    """A web-like alt-text: short, noisy, sometimes empty or entity-escaped."""
    if i % 17 == 5:
        return ""  # web alt-text is often empty: the pipeline must reject it with a reason
    pattern = rng.choice(_NOISE)
    return pattern.format(s=rng.choice(_SUBJECTS), n=rng.randint(1000, 9999))


def draw_images(folder: Path, n: int, seed: int = 0) -> None:
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        w, h = rng.choice([(96, 64), (64, 96), (80, 80), (128, 72)])
        img = Image.new("RGB", (w, h), tuple(rng.randrange(256) for _ in range(3)))
        d = ImageDraw.Draw(img)
        for _ in range(3):
            x0, y0 = rng.randrange(w // 2), rng.randrange(h // 2)
            box = (x0, y0, x0 + rng.randrange(8, w // 2), y0 + rng.randrange(8, h // 2))
            d.ellipse(box, fill=tuple(rng.randrange(256) for _ in range(3)))
        img.save(folder / f"{i:05d}.jpg", quality=90)


@contextmanager
def serve(folder: Path):
    """Serve a folder on 127.0.0.1 on a free port; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test and demo output readable
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def make_shards(
    out: Path, n_images: int = 48, per_shard: int = 16, missing: int = 3, seed: int = 0,
    output_format: str = "webdataset",
) -> Path:
    """Create img2dataset shards under ``out/shards`` (reused if already complete)."""
    out = Path(out)
    shards = out / "shards"
    if (shards / "_DONE").exists():
        return shards
    os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")  # albumentations phones home otherwise
    from img2dataset import download

    rng = random.Random(seed)
    draw_images(out / "images", n_images, seed)
    shutil.rmtree(shards, ignore_errors=True)
    with serve(out / "images") as base:
        urls = [f"{base}/{i:05d}.jpg" for i in range(n_images)]
        for i in range(missing):  # 404s, spread over shards: img2dataset marks them failed
            urls.insert(rng.randrange(len(urls)), f"{base}/gone-{i}.jpg")
        caps = [caption(i, rng) for i in range(len(urls))]
        pq.write_table(pa.table({"url": urls, "caption": caps}), out / "urls.parquet")
        download(
            url_list=str(out / "urls.parquet"), input_format="parquet", url_col="url",
            caption_col="caption", output_folder=str(shards), output_format=output_format,
            processes_count=1, thread_count=4, image_size=256, resize_mode="keep_ratio_largest",
            resize_only_if_bigger=True, number_sample_per_shard=per_shard, timeout=5, retries=0,
            enable_wandb=False, distributor="multiprocessing", disallowed_header_directives=[],
        )
    (shards / "_DONE").write_text("")
    return shards
