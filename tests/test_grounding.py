"""Image grounding score on the tiny random CLIP: offline, CPU, a few seconds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from filters.base import apply_filters, detail_of
from filters.grounding import ClipScorer, Grounding, ImageText, load_clip
from pipeline.images import decode_image
from pipeline.tiny_clip import NAME, build_clip_tokenizer, build_tiny_clip, resolve_clip


def picture(color: tuple[int, ...], fmt: str = "JPEG", mode: str = "RGB", size=(48, 40)) -> bytes:
    img = Image.new(mode, size, color if mode != "L" else color[0])
    img.putpixel((3, 3), (0,) * len(img.getbands()))  # not a flat field: some structure to embed
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    return buf.getvalue()


RED, BLUE = picture((220, 20, 20)), picture((20, 20, 220), fmt="PNG")
PAIRS = [
    ImageText(RED, "a red car parks near the lake"),
    ImageText(RED, "a blue boat floats by the sea"),  # same image, second variant
    ImageText(BLUE, "a blue boat floats by the sea"),
    ImageText(picture((30, 200, 30, 128), fmt="PNG", mode="RGBA"), "a green tree"),
    ImageText(picture((120, 0, 0), fmt="WEBP"), "an old wooden house at night"),
    ImageText(picture((90, 0, 0), mode="L"), "a quiet street"),
    ImageText(BLUE, ""),
]
LONG = "a dog " + "runs in the park with a small red ball " * 30  # far over 77 tokens


@pytest.fixture(scope="module")
def scorer() -> ClipScorer:
    resolve_clip(NAME)
    return ClipScorer(NAME, batch_size=3)


def test_build_is_deterministic(tmp_path: Path):
    # Two processes may build at once and either build may win the rename: they must be equal.
    build_tiny_clip(tmp_path / "a")
    build_tiny_clip(tmp_path / "b")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert "model.safetensors" in files and "processor_config.json" in files
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    # The BPE trainer once broke ties by hash order: 2 builds in 5 differed. Ten must agree.
    assert len({build_clip_tokenizer().backend_tokenizer.to_str() for _ in range(10)}) == 1


def test_scores_are_cosines_for_every_image_format(scorer: ClipScorer):
    scores = scorer.scores(PAIRS)
    assert all(s is not None and -1.0 <= s <= 1.0 for s in scores)
    assert len({round(s, 6) for s in scores if s is not None}) == len(PAIRS)  # random, not constant


def test_deterministic_across_loads(scorer: ClipScorer):
    first = scorer.scores(PAIRS)
    load_clip.cache_clear()
    assert scorer.scores(PAIRS) == first


def test_batched_equals_one_by_one(scorer: ClipScorer):
    batched = ClipScorer(NAME, batch_size=64).scores(PAIRS)
    alone = [scorer.scores([p])[0] for p in PAIRS]
    assert batched == pytest.approx(alone, abs=1e-5)


def test_caption_over_77_tokens_is_truncated_not_an_error(scorer: ClipScorer):
    assert len(load_clip(NAME).tokenizer(LONG)["input_ids"]) > 77
    a, b = scorer.scores([ImageText(RED, LONG), ImageText(RED, LONG + " and then a cat sleeps")])
    assert a is not None and a == pytest.approx(b, abs=1e-6)  # what is past 77 tokens is unseen


def test_bad_images_score_none_and_spare_the_batch(scorer: ClipScorer):
    good = PAIRS[0]
    truncated_jpeg = RED[: len(RED) // 3]
    bad = [ImageText(data, "x") for data in (b"not an image", b"", None, truncated_jpeg)]
    scores = scorer.scores([*bad, good])
    assert scores[:4] == [None] * 4
    assert scores[4] == pytest.approx(scorer.scores([good])[0], abs=1e-5)


def test_threshold_filter_rejects_with_the_score(scorer: ClipScorer):
    scores = scorer.scores(PAIRS)
    cut = sorted(s for s in scores if s is not None)[len(PAIRS) // 2]
    items = [*PAIRS, ImageText(b"junk", "a red car")]
    kept, rejects, counts = apply_filters(
        items, [Grounding(min_score=cut, scorer=scorer)], lambda i, f, why: (i, f, why)
    )
    low = [p for p, s in zip(PAIRS, scores, strict=True) if s is not None and s < cut]
    assert [r[0] for r in rejects] == low and counts == {"low_clip_score": len(low)}
    score_of: dict[object, float | None] = dict(zip(PAIRS, scores, strict=True))
    for item, filter_name, why in rejects:
        detail = detail_of(why)
        assert filter_name == "grounding" and why == "low_clip_score" and detail is not None
        assert float(detail) == pytest.approx(score_of[item], abs=1e-4)
    assert items[-1] in kept  # no decodable image: not judged here (input filters reject it)


def test_same_math_as_clip_forward(scorer: ClipScorer):
    # Independent route: the saved CLIPProcessor and the model's own forward pass.
    import torch
    from transformers import CLIPModel, CLIPProcessor

    path = resolve_clip(NAME)
    model, processor = CLIPModel.from_pretrained(path).eval(), CLIPProcessor.from_pretrained(path)
    pairs = [p for p in PAIRS if p.text]
    images = [decode_image(p.image) for p in pairs if p.image]  # as the scorer decodes: alpha on white
    inputs = processor(text=[p.text for p in pairs], images=images, padding=True, return_tensors="pt")
    with torch.no_grad():
        out = model(**inputs)
    cosines = (out.logits_per_image / model.logit_scale.exp()).diagonal().tolist()
    assert scorer.scores(pairs) == pytest.approx(cosines, abs=1e-5)
