"""Prompt templates: Jinja files with YAML front-matter, edited by users, hashed into provenance.

A template body is split into chat messages by ``[[system]]`` / ``[[user]]`` / ``[[assistant]]``
marker lines. Rendering is sandboxed and row data (alt-text) is only ever a variable, never
template source, so ``{{ }}`` inside an alt-text is printed literally, not evaluated.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, TemplateError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .spec import SpecError

_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=False)
_ROLE_LINE = re.compile(r"^\[\[(system|user|assistant)\]\]\s*$", re.MULTILINE)
ROOT = Path(__file__).resolve().parent.parent  # repo root: built-in prompts/ live here


@dataclass
class Template:
    """A loaded prompt template and the few-shot example sets it draws from."""

    path: Path
    id: str
    task: str
    role: str
    variants: int
    sampling: dict[str, Any]
    n_examples: int
    example_sets: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    body: str = ""
    hash: str = ""
    parse: str = "first_line"  # text outputs: first_line | full
    schema: dict[str, Any] | None = None  # JSON outputs: enforced by the engine, validated after

    @property
    def reads(self) -> frozenset[str]:
        """The row variables the body reads: a template that never shows the alt-text cannot be
        checked against it (a plain visual caption), one that does can (the conditioned one)."""
        return _variables(self.body)

    def render(self, variant: int, seed: int, draw: str = "row", **row: Any
               ) -> tuple[list[dict[str, str]], str | None]:
        """Chat messages for one (row, variant), and the name of the example set drawn."""
        set_name, examples = self._draw_examples(variant, seed, draw)
        text = _ENV.from_string(self.body).render(examples=examples, variant=variant, **row)
        return split_messages(text), set_name

    def _draw_examples(self, variant: int, seed: int, draw: str = "row"
                       ) -> tuple[str | None, list[dict[str, str]]]:
        # Each variant starts from a different example set (LaCLIP used one source per rewrite),
        # and the pairs within it are drawn by the row's seed: same row, same prompt, every run.
        # Drawn per variant, every row of a variant shows the same pairs (a shared prefix).
        if not self.example_sets:
            return None, []
        names = sorted(self.example_sets)
        if draw == "variant":
            name, rng = names[variant % len(names)], random.Random(f"{self.id}#{variant}")
        else:
            name, rng = names[(seed + variant) % len(names)], random.Random(seed)
        pool = self.example_sets[name]
        return name, rng.sample(pool, min(self.n_examples, len(pool)))


@lru_cache(maxsize=256)
def _variables(body: str) -> frozenset[str]:
    return frozenset(meta.find_undeclared_variables(_ENV.parse(body)))


def resolve_path(path: str, base: Path | None = None) -> Path:
    """Find a template by path: as given, beside the job spec, then in the built-in prompts/."""
    candidates = [Path(path)]
    if base is not None:
        candidates.append(base / path)
    candidates += [ROOT / path, ROOT / "prompts" / path]
    for c in candidates:
        if c.is_file():
            return c
    raise SpecError(f"template {path!r} not found (looked in: {', '.join(map(str, candidates))})")


def load_template(path: str | Path, base: Path | None = None) -> Template:
    """Load a template and its example sets; SpecError on malformed front-matter or Jinja."""
    p = resolve_path(str(path), base)
    raw = p.read_text()
    meta, body = _split_front_matter(p, raw)
    examples_raw, examples = _load_examples(p, meta.get("examples"))
    try:
        _ENV.parse(body)
    except TemplateError as e:
        raise SpecError(f"{p}: Jinja syntax error: {e}") from None
    digest = hashlib.sha256(raw.encode() + b"\0" + examples_raw).hexdigest()[:16]
    try:
        return Template(
            path=p,
            id=str(meta.get("id", p.stem)),
            task=str(meta["task"]),
            role=str(meta.get("role", "llm")),
            variants=int(meta.get("variants", 1)),
            sampling=dict(meta.get("sampling", {})),
            n_examples=int(meta.get("n_examples", 0)),
            example_sets=examples,
            body=body,
            hash=digest,
            parse=str(meta.get("parse", "first_line")),
            schema=_checked_schema(p, meta.get("schema")),
        )
    except KeyError as e:
        raise SpecError(f"{p}: front-matter is missing {e.args[0]!r}") from None


def _checked_schema(p: Path, schema: Any) -> dict[str, Any] | None:
    """Every string needs maxLength and every array maxItems: without them a weak model never
    closes a string and runs into max_tokens, so the JSON never parses."""
    if schema is None:
        return None

    def walk(node: Any, where: str) -> None:
        if not isinstance(node, dict):
            return
        if node.get("type") == "string" and "maxLength" not in node and "enum" not in node:
            raise SpecError(f"{p}: schema {where} is a string without maxLength")
        if node.get("type") == "array" and "maxItems" not in node:
            raise SpecError(f"{p}: schema {where} is an array without maxItems")
        for k, sub in (node.get("properties") or {}).items():
            walk(sub, f"{where}.{k}")
        walk(node.get("items"), f"{where}[]")

    walk(schema, "$")
    return dict(schema)


def _split_front_matter(p: Path, raw: str) -> tuple[dict[str, Any], str]:
    if not raw.startswith("---"):
        raise SpecError(f"{p}: a template starts with YAML front-matter between '---' lines")
    try:
        _, fm, body = raw.split("---", 2)
        meta = yaml.safe_load(fm) or {}
    except (ValueError, yaml.YAMLError) as e:
        raise SpecError(f"{p}: bad front-matter: {e}") from None
    return meta, body.lstrip("\n")


def _load_examples(p: Path, ref: str | None) -> tuple[bytes, dict[str, list[dict[str, str]]]]:
    if not ref:
        return b"", {}
    ex_path = (p.parent / ref) if (p.parent / ref).is_file() else resolve_path(ref)
    raw = ex_path.read_bytes()
    sets = (yaml.safe_load(raw) or {}).get("sets")
    if not isinstance(sets, dict) or not sets:
        raise SpecError(f"{ex_path}: expected `sets:` mapping set name -> list of {{source, target}}")
    return raw, sets


def split_messages(text: str) -> list[dict[str, str]]:
    """Split rendered text on ``[[role]]`` lines; text with no marker is one user message."""
    parts = _ROLE_LINE.split(text)
    if len(parts) == 1:
        return [{"role": "user", "content": text.strip()}]
    msgs = []
    for role, content in zip(parts[1::2], parts[2::2], strict=True):
        msgs.append({"role": role, "content": content.strip()})
    return msgs


def row_seed(key: str, task: str, variant: int) -> int:
    """Per-row seed from (key, task, variant): a retried row draws the same text."""
    h = hashlib.blake2b(f"{key}\0{task}\0{variant}".encode(), digest_size=8).digest()
    return int.from_bytes(h, "big") & 0x7FFFFFFF
