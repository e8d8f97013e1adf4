"""An OpenAI-compatible server as an engine: vllm serve, Ray Serve LLM, or any compatible endpoint.

``EndpointEngine`` has the interface of ``VLLMEngine`` (``generate``, ``info``, ``shutdown``), so
the executor hosts it in the same actor and shard workers cannot tell the two apart. What differs is
the failure model: a server can refuse (429), fail (5xx), drop the connection or hang. Every
request is bounded (``max_concurrency`` in flight, ``timeout_s`` each), failed attempts are retried
with exponential backoff and full jitter (a server's ``Retry-After`` wins), and a request that
keeps failing comes back as an ``endpoint_failed`` result carrying the server's last answer: a
reject, counted against the job's error budget like any engine failure, never a lost row.
"""

from __future__ import annotations

import asyncio
import base64
import email.utils
import io
import logging
import os
import random
import time
from typing import Any

import httpx

from .engine import EngineRequest, EngineResult
from .images import ImageError, decode_image
from .spec import EndpointSpec, ModelSpec

log = logging.getLogger(__name__)

# Sampling fields every OpenAI-compatible server takes; the rest are vLLM's own (sent when
# endpoint.vllm_params is on, as vllm serve and Ray Serve LLM accept them).
OPENAI_SAMPLING = {"temperature", "top_p", "max_tokens", "seed", "stop", "n", "presence_penalty",
                   "frequency_penalty", "logit_bias"}
RETRY_STATUS = {408, 409, 425, 429}  # and every 5xx


class EndpointError(RuntimeError):
    """The server cannot be used at all (unreachable, wrong model): the job stops before any work."""


class EndpointEngine:
    def __init__(self, spec: ModelSpec):
        assert spec.endpoint is not None
        self.spec = spec
        self.ep: EndpointSpec = spec.endpoint
        self.url = self.ep.base_url.rstrip("/")
        self.headers = {"Content-Type": "application/json"}
        if self.ep.api_key_env:
            key = os.environ.get(self.ep.api_key_env)
            if not key:
                raise EndpointError(f"endpoint.api_key_env names ${self.ep.api_key_env}, which is not set")
            self.headers["Authorization"] = f"Bearer {key}"
        self.retries = 0  # attempts that failed and were tried again, over this engine's life
        self._gate: asyncio.Semaphore | None = None
        self._client: httpx.AsyncClient | None = None
        t0 = time.perf_counter()
        self.served = self._served_models()
        if self.ep.model not in self.served:
            raise EndpointError(f"{self.url} serves {self.served}, not {self.ep.model!r} (endpoint.model)")
        self.startup_s = time.perf_counter() - t0

    def _served_models(self) -> list[str]:
        """GET /models: proves the server is up and names what it serves."""
        try:
            r = httpx.get(f"{self.url}/models", headers=self.headers, timeout=min(30.0, self.ep.timeout_s))
        except httpx.HTTPError as e:
            raise EndpointError(f"cannot reach {self.url}/models: {type(e).__name__}: {e}") from None
        if r.status_code != 200:
            raise EndpointError(f"{self.url}/models answered HTTP {r.status_code}: {r.text[:300]}")
        try:
            return [m["id"] for m in r.json()["data"]]
        except (ValueError, KeyError, TypeError):
            raise EndpointError(f"{self.url}/models is not an OpenAI-compatible model list: "
                                f"{r.text[:300]}") from None

    async def generate(self, requests: list[EngineRequest]) -> list[EngineResult]:
        """All requests at once, at most ``max_concurrency`` of them on the wire; results in order."""
        if self._client is None:  # made in the loop that uses them (the actor's)
            self._gate = asyncio.Semaphore(self.ep.max_concurrency)
            self._client = httpx.AsyncClient(
                headers=self.headers, timeout=self.ep.timeout_s,
                limits=httpx.Limits(max_connections=self.ep.max_concurrency),
            )
        return list(await asyncio.gather(*(self._one(r) for r in requests)))

    async def _one(self, req: EngineRequest) -> EngineResult:
        t0 = time.perf_counter()
        try:
            body = self.body(req)
        except ImageError as e:
            return _failed(req, f"image_undecodable: {e}", t0)
        assert self._gate is not None and self._client is not None
        why = ""
        for attempt in range(self.ep.max_retries + 1):
            if attempt:
                self.retries += 1
            async with self._gate:
                try:
                    r = await self._client.post(f"{self.url}/chat/completions", json=body)
                except httpx.HTTPError as e:  # refused, reset, timed out
                    why, wait = f"{type(e).__name__}: {e}".rstrip(": "), None
                else:
                    if r.status_code == 200:
                        return self._result(req, r, t0)
                    why = f"HTTP {r.status_code}: {_message(r)}"
                    if r.status_code not in RETRY_STATUS and r.status_code < 500:
                        return _failed(req, f"endpoint_rejected: {why}", t0)  # asking again changes nothing
                    wait = retry_after(r.headers.get("retry-after"))
            if attempt < self.ep.max_retries:
                await asyncio.sleep(self.backoff(attempt, wait))
        log.warning("request %s failed %d times: %s", req.id, self.ep.max_retries + 1, why)
        return _failed(req, f"endpoint_failed: {why} (after {self.ep.max_retries + 1} attempts)", t0)

    def backoff(self, attempt: int, retry_after_s: float | None) -> float:
        """Seconds before retry ``attempt + 1``: the server's Retry-After, else full jitter."""
        if retry_after_s is not None:
            return min(retry_after_s, self.ep.max_backoff_s)
        return random.uniform(0, min(self.ep.max_backoff_s, self.ep.backoff_s * 2**attempt))

    def body(self, req: EngineRequest) -> dict[str, Any]:
        """The chat-completions request: the same messages, sampling and seed as in-process."""
        sampling = {k: v for k, v in req.sampling.items()
                    if k in OPENAI_SAMPLING or self.ep.vllm_params}
        messages: list[dict[str, Any]] = list(req.messages)
        if req.image is not None:
            messages = with_image_url(messages, data_url(req.image))
        body: dict[str, Any] = {"model": self.ep.model, "messages": messages, **sampling}
        if req.json_schema is not None:
            body["response_format"] = {"type": "json_schema",
                                       "json_schema": {"name": "output", "schema": req.json_schema,
                                                       "strict": True}}
        return body

    def _result(self, req: EngineRequest, r: httpx.Response, t0: float) -> EngineResult:
        try:
            data = r.json()
            choice = data["choices"][0]
            usage = data.get("usage") or {}
            return EngineResult(
                id=req.id,
                text=choice["message"].get("content") or "",
                finish_reason=choice.get("finish_reason"),
                prompt_tokens=int(usage.get("prompt_tokens") or 0),
                output_tokens=int(usage.get("completion_tokens") or 0),
                latency_ms=(time.perf_counter() - t0) * 1000,
                served_model=str(data.get("model") or self.ep.model),
                cached_tokens=int((usage.get("prompt_tokens_details") or {}).get("cached_tokens") or 0),
            )
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            return _failed(req, f"endpoint_bad_response: {r.text[:300]}", t0)

    def info(self) -> dict[str, Any]:
        return {"engine": "openai-endpoint", "base_url": self.url, "served": self.served,
                "startup_s": self.startup_s, "retries": self.retries}

    def shutdown(self) -> None:
        self._client = None  # connections close with the actor's process


def retry_after(value: str | None) -> float | None:
    """A Retry-After header in seconds (it may be a number or an HTTP date); None if absent or bad."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def data_url(image: bytes) -> str:
    """The image as the in-process engine sees it (first frame, upright, RGB), as a JPEG data URL."""
    buf = io.BytesIO()
    decode_image(image).save(buf, format="JPEG", quality=95)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode()


def with_image_url(messages: list[dict[str, Any]], url: str) -> list[dict[str, Any]]:
    """The image as an ``image_url`` part before the text of the first user message."""
    out, placed = [], False
    for m in messages:
        if m["role"] == "user" and not placed:
            m = {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}},
                                             {"type": "text", "text": m["content"]}]}
            placed = True
        out.append(m)
    return out


def _message(r: httpx.Response) -> str:
    """The server's reason: an OpenAI error body's message, else the start of the body."""
    try:
        err = r.json().get("error")
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])[:300]
        if isinstance(err, str):
            return err[:300]
    except (ValueError, AttributeError):
        pass
    return r.text[:300] or r.reason_phrase


def _failed(req: EngineRequest, error: str, t0: float) -> EngineResult:
    return EngineResult(req.id, None, None, 0, 0, (time.perf_counter() - t0) * 1000, error=error)
