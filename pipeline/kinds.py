"""The built-in task kinds: what each one outputs (typed columns) and how its text is parsed.

A kind is data: adding one is a new entry here plus a template in prompts/. Parsing failures are
values (``ParseError`` carries the reject reason), never crashes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

STR_LIST = pa.list_(pa.string())
# Calibrated on tests/data/generated_fixtures.jsonl (scripts/filter_quality.py prints the sweep).
REWRITE_MIN_SIMILARITY = 0.5
FUSION_MIN_SIMILARITY = 0.3

LANGUAGE_NAMES = {
    "en": "English", "pt": "Portuguese", "es": "Spanish", "fr": "French", "de": "German",
    "nl": "Dutch", "it": "Italian", "zh": "Chinese", "ko": "Korean", "ru": "Russian",
    "ja": "Japanese", "ar": "Arabic", "hi": "Hindi", "pl": "Polish", "tr": "Turkish",
}


class ParseError(ValueError):
    """A generation that cannot be turned into the task's columns; ``reason`` goes to rejects."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def first_line(text: str) -> str:
    """LaCLIP-style parsing: the output is the first non-empty line of the completion."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def parse_text(text: str, mode: str) -> str:
    return first_line(text) if mode == "first_line" else text.strip()


def parse_json(text: str, schema: dict[str, Any] | None) -> dict[str, Any]:
    """Strict JSON (no control characters in strings) validated against the template's schema."""
    import jsonschema

    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError("invalid_json", str(e)) from None
    if schema is not None:
        try:
            jsonschema.validate(obj, schema)
        except jsonschema.ValidationError as e:
            raise ParseError("schema_mismatch", e.message) from None
    return obj


@dataclass(frozen=True)
class Kind:
    """One task kind: its output columns, and how a completion becomes those columns."""

    name: str
    fields: list[tuple[str, pa.DataType]]
    output: str  # text | json
    parse: Callable[[str, Any], dict[str, Any]]  # (completion, template) -> output columns
    # Output-filter defaults for unset OutputFilterSpec fields (echo, min_words, language,
    # min_similarity), and which language an output should be in: its source's, its target's
    # (translate), or its instruction's (an image has no language; the prompt asks in one).
    filters: dict[str, Any] = field(default_factory=dict)
    lang_from: str = "source"  # source | target | instruction


def _text(text: str, tpl) -> dict[str, Any]:
    return {"text": parse_text(text, tpl.parse)}


def _describe(text: str, tpl) -> dict[str, Any]:
    obj = parse_json(text, tpl.schema)
    return {k: obj[k] for k in ("long_positive", "long_negative", "tags_positive", "tags_negative")}


def _tags(text: str, tpl) -> dict[str, Any]:
    return {"tags": [t.strip() for t in parse_json(text, tpl.schema)["tags"] if t.strip()]}


KINDS: dict[str, Kind] = {
    "rewrite": Kind(
        "rewrite", [("text", pa.string()), ("example_set", pa.string())], "text", _text,
        {"echo": True, "min_words": 2, "language": True, "facts": True,
         "min_similarity": REWRITE_MIN_SIMILARITY},
    ),
    "visual_caption": Kind(
        "visual_caption", [("text", pa.string())], "text", _text,
        {"echo": True, "min_words": 2, "language": True, "facts": True, "min_similarity": 0.0},
        lang_from="instruction",
    ),
    "fusion": Kind(
        "fusion", [("text", pa.string())], "text", _text,
        {"echo": True, "min_words": 2, "language": True, "facts": True,
         "min_similarity": FUSION_MIN_SIMILARITY},
    ),
    "describe": Kind(
        "describe",
        [("long_positive", pa.string()), ("long_negative", pa.string()),
         ("tags_positive", STR_LIST), ("tags_negative", STR_LIST)],
        "json",
        _describe,
    ),
    "tags": Kind("tags", [("tags", STR_LIST)], "json", _tags),
    "translate": Kind(
        "translate",
        [("lang", pa.string()), ("text", pa.string()), ("detected_lang", pa.string()),
         ("detected_conf", pa.float32())],
        "text",
        _text,
        # MiniLM is an English model: no similarity across languages. A translation may equal
        # its source (names, numbers, brands), so no echo check either.
        {"echo": False, "min_words": 1, "language": True, "facts": True, "min_similarity": 0.0},
        lang_from="target",
    ),
}
