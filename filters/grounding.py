"""Image grounding: does a caption describe its image? CLIP's cosine similarity says.

The score is the cosine similarity of CLIP's image and text embeddings, in [-1, 1], not the x100
some papers print. It is the check LAION kept pairs by (ViT-B/32: 0.3 for LAION-400M, 0.28 for
English LAION-5B) and the one DataComp's CLIP-score baselines rank by. Any CLIP checkpoint works
(a hub id, a local folder, or ``tiny://clip`` for tests); its text tower reads at most 77 tokens,
so a long description is judged on its first sentences.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from pipeline.images import ImageError, decode_image
from pipeline.tiny_clip import clip_image_processor_class, resolve_clip

from .base import Drop, Filter


class HasImageText(Protocol):
    """Anything with the raw image bytes and the caption about it."""

    @property
    def image(self) -> bytes | None: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class ImageText:
    """One caption and the image it should describe, as the shard holds it (JPEG, PNG, WebP...)."""

    image: bytes | None
    text: str


@dataclass(frozen=True)
class Clip:
    """A loaded CLIP: model, tokenizer, PIL image processor, and the text tower's token limit."""

    model: Any
    tokenizer: Any
    images: Any
    max_tokens: int
    device: str


@lru_cache(maxsize=2)
def load_clip(model: str, device: str = "cpu") -> Clip:
    """Load a CLIP once per process (``tiny://clip`` is built first), float32, eval mode."""
    import torch
    from transformers import AutoTokenizer, CLIPModel

    path = resolve_clip(model)
    net: Any = CLIPModel.from_pretrained(path, dtype=torch.float32)
    net = net.to(device).eval()
    return Clip(
        model=net,
        tokenizer=AutoTokenizer.from_pretrained(path),
        images=clip_image_processor_class().from_pretrained(path),
        max_tokens=net.config.text_config.max_position_embeddings,
        device=device,
    )


def _features(out: Any) -> Any:
    # transformers 4 returns the projected embeddings; 5 returns an output whose pooler_output is.
    return getattr(out, "pooler_output", out)


class ClipScorer:
    """CLIP score of (image, caption) pairs, in batches, without gradients.

    Images are decoded one batch at a time (a shard's worth of decoded photos would not fit in
    memory), and an image shared by several captions (variants) is encoded once per batch.
    ``threads`` caps torch's CPU threads while scoring (then restores them): a shard worker
    reserves a CPU share, and torch's default of one thread per core would fight vLLM for cores.
    """

    def __init__(self, model: str, batch_size: int = 64, device: str = "cpu", threads: int | None = None):
        self.model, self.batch_size, self.device, self.threads = model, batch_size, device, threads

    def scores(self, items: Sequence[HasImageText]) -> list[float | None]:
        """Cosine similarity per item; None where the image is missing or does not decode."""
        out: list[float | None] = []
        with _torch_threads(self.threads):
            for start in range(0, len(items), self.batch_size):
                out += self._batch(items[start : start + self.batch_size])
        return out

    def _batch(self, items: Sequence[HasImageText]) -> list[float | None]:
        pictures = {b: _decode(b) for b in dict.fromkeys(i.image for i in items)}
        good = [b for b, pic in pictures.items() if pic is not None]
        scored = [i for i in items if pictures[i.image] is not None]
        if not scored:
            return [None] * len(items)
        image_emb = self._embed_images([pictures[b] for b in good])
        text_emb = self._embed_texts([i.text for i in scored])
        row_of = {b: n for n, b in enumerate(good)}
        sims = iter((image_emb[[row_of[i.image] for i in scored]] * text_emb).sum(-1).tolist())
        return [next(sims) if pictures[i.image] is not None else None for i in items]

    def _embed_images(self, pictures: list[Any]) -> Any:
        import torch

        clip = load_clip(self.model, self.device)
        pixels = clip.images(images=pictures, return_tensors="pt")["pixel_values"].to(clip.device)
        with torch.no_grad():
            emb = _features(clip.model.get_image_features(pixel_values=pixels))
        return torch.nn.functional.normalize(emb.float(), dim=-1)

    def _embed_texts(self, texts: list[str]) -> Any:
        import torch

        clip = load_clip(self.model, self.device)
        # Truncation keeps bos ... eos within the limit; an untruncated long caption would
        # overflow the position embeddings and raise.
        tokens = clip.tokenizer(
            texts, padding=True, truncation=True, max_length=clip.max_tokens, return_tensors="pt"
        ).to(clip.device)
        ids, mask = tokens["input_ids"], tokens["attention_mask"]
        with torch.no_grad():
            emb = _features(clip.model.get_text_features(input_ids=ids, attention_mask=mask))
        return torch.nn.functional.normalize(emb.float(), dim=-1)


@contextmanager
def _torch_threads(n: int | None) -> Iterator[None]:
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n or before)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _decode(data: bytes | None) -> Any:
    """An upright RGB picture, or None: a bad image is a missing score, not a crash."""
    if not data:
        return None
    try:
        return decode_image(data)
    except ImageError:
        return None


class Grounding(Filter[HasImageText]):
    """Rejects captions whose CLIP score with their image is below ``min_score``.

    ``detail`` is the score, so the rejects table shows how far below it was. A pair without a
    decodable image is kept unjudged: undecodable images are the input filters' to reject
    (``image_undecodable``), and this filter only judges what it can see. ``min_score`` None
    keeps everything: the scores are wanted as a column only.
    """

    name = "grounding"

    def __init__(self, min_score: float | None, scorer: ClipScorer):
        self.min_score, self.scorer = min_score, scorer

    def verdict(self, score: float | None) -> str | None:
        if score is None or self.min_score is None or score >= self.min_score:
            return None
        return Drop("low_clip_score", f"{score:.4f}")

    def judge(self, items: Sequence[HasImageText]) -> list[tuple[float | None, str | None]]:
        """Score and verdict per item: one pass for callers that also keep the score as a column."""
        return [(s, self.verdict(s)) for s in self.scorer.scores(items)]

    def reason(self, item: HasImageText) -> str | None:
        return self.reasons([item])[0]

    def reasons(self, items: list[HasImageText]) -> list[str | None]:
        return [why for _, why in self.judge(items)]
