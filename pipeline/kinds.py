"""The built-in task kinds: what each one outputs (typed columns), how its text is parsed, and
every other way kinds differ (variants per row, columns fixed before generation, the caption).

A kind is data: adding one is a new entry here plus a template in prompts/; code that uses a
kind reads its fields and never asks for its name. Parsing failures are values (``ParseError``
carries the reject reason), never crashes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import pyarrow as pa

from filters.language import detect

from .prompts import Template
from .spec import TaskSpec

STR_LIST = pa.list_(pa.string())
# Calibrated on tests/data/generated_fixtures.jsonl (scripts/filter_quality.py prints the sweep).
REWRITE_MIN_SIMILARITY = 0.5
FUSION_MIN_SIMILARITY = 0.3
VISUAL_MIN_SIMILARITY = 0.1  # an image caption about another subject than its English alt-text

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
    """One task kind: its output columns, how a completion becomes them, and its behaviour."""

    name: str
    fields: list[tuple[str, pa.DataType]]
    output: Literal["text", "json"]
    parse: Callable[[str, Template], dict[str, Any]]  # (completion, template) -> output columns
    # Output-filter defaults for unset OutputFilterSpec fields (echo, min_words, language,
    # min_similarity), and which language an output should be in: its source's, its target's
    # (translate), or its instruction's (an image has no language; the prompt asks in one).
    filters: dict[str, Any] = field(default_factory=dict)
    lang_from: Literal["source", "target", "instruction"] = "source"
    # The output column holding the caption: what text filters check and what a task reading
    # this one (source:, needs:) sees. None: no caption (tags), nothing to read.
    caption: str | None = "text"
    # The caption describes the row's image (an image task, or one fusing an image caption), so
    # a CLIP score against that image means something (tasks.*.grounding). A rewrite sees only
    # alt-text, a translation is not English (CLIP's language): not grounded.
    grounded: bool = False
    # One generation per target language (tasks.*.languages) instead of K samples of one prompt.
    per_language: bool = False
    # Judges another task (tasks.*.judges): one generation per kept row of it, whose caption the
    # template reads as `caption`; the table names the row judged (JUDGED_FIELDS).
    judge: bool = False

    def variants(self, spec: TaskSpec, tpl: Template) -> int:
        """Generations per row and template."""
        return len(spec.languages) if self.per_language else spec.variants or tpl.variants

    def fixed(self, spec: TaskSpec, variant: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(columns fixed before generation, template variables) of one variant."""
        if not self.per_language:
            return {}, {}
        lang = spec.languages[variant]
        return {"lang": lang}, {"language": lang, "language_name": LANGUAGE_NAMES.get(lang, lang)}

    @property
    def records_example_set(self) -> bool:
        """Whether the table names the few-shot example set each prompt drew (rewrite)."""
        return "example_set" in dict(self.fields)

    def text_of(self, outputs: dict[str, Any]) -> str:
        """The text output filters judge (and rejects keep): the caption, else all fields as JSON."""
        return outputs[self.caption] if self.caption else json.dumps(outputs)


def _text(text: str, tpl: Template) -> dict[str, Any]:
    return {"text": parse_text(text, tpl.parse)}


def _translation(text: str, tpl: Template) -> dict[str, Any]:
    out = _text(text, tpl)
    out["detected_lang"], out["detected_conf"] = detect(out["text"])
    return out


def _describe(text: str, tpl: Template) -> dict[str, Any]:
    obj = parse_json(text, tpl.schema)
    return {k: obj[k] for k in ("long_positive", "long_negative", "tags_positive", "tags_negative")}


def _tags(text: str, tpl: Template) -> dict[str, Any]:
    return {"tags": [t.strip() for t in parse_json(text, tpl.schema)["tags"] if t.strip()]}


def _verdict(text: str, tpl: Template) -> dict[str, Any]:
    obj = parse_json(text, tpl.schema)
    unsupported = [u.strip() for u in obj["unsupported"] if u.strip()]
    return {"faithful": obj["faithful"], "unsupported": unsupported, "score": obj["score"]}


# The row a verdict is about: with the key, they join a judge's table to the judged task's.
JUDGED_FIELDS = [
    ("judged_task", pa.string()), ("judged_variant", pa.int32()), ("judged_prompt_id", pa.string()),
]


KINDS: dict[str, Kind] = {
    "rewrite": Kind(
        name="rewrite", fields=[("text", pa.string()), ("example_set", pa.string())],
        output="text", parse=_text,
        filters={"echo": True, "min_words": 2, "language": True, "facts": True,
                 "min_similarity": REWRITE_MIN_SIMILARITY},
    ),
    "visual_caption": Kind(
        name="visual_caption", fields=[("text", pa.string())], output="text", parse=_text,
        filters={"echo": True, "min_words": 2, "language": True, "facts": True,
                 "min_similarity": VISUAL_MIN_SIMILARITY},
        lang_from="instruction", grounded=True,
    ),
    "fusion": Kind(
        name="fusion", fields=[("text", pa.string())], output="text", parse=_text,
        filters={"echo": True, "min_words": 2, "language": True, "facts": True,
                 "min_similarity": FUSION_MIN_SIMILARITY},
        grounded=True,
    ),
    "describe": Kind(
        name="describe",
        fields=[("long_positive", pa.string()), ("long_negative", pa.string()),
                ("tags_positive", STR_LIST), ("tags_negative", STR_LIST)],
        output="json", parse=_describe, caption="long_positive", grounded=True,
    ),
    "tags": Kind(name="tags", fields=[("tags", STR_LIST)], output="json", parse=_tags, caption=None),
    "translate": Kind(
        name="translate",
        fields=[("lang", pa.string()), ("text", pa.string()), ("detected_lang", pa.string()),
                ("detected_conf", pa.float32())],
        output="text", parse=_translation,
        # MiniLM is an English model: no similarity across languages. The echo check lets a
        # translation equal its source only where the source is a name ("iPhone 15 Pro").
        filters={"echo": True, "min_words": 1, "language": True, "facts": True, "min_similarity": 0.0},
        lang_from="target", per_language=True,
    ),
    "judge": Kind(
        name="judge",
        fields=JUDGED_FIELDS + [("faithful", pa.bool_()), ("unsupported", STR_LIST), ("score", pa.int8())],
        output="json", parse=_verdict, caption=None, judge=True,
    ),
}
