"""Output filters: checks on generated text after parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Filter


@dataclass
class Generation:
    """A parsed generation as output filters see it."""

    key: str
    shard: str
    variant: int
    text: str
    source: str  # the text it was generated from (the cleaned alt-text)
    finish_reason: str | None


class NonEmpty(Filter[Generation]):
    name = "non_empty"

    def reason(self, g: Generation) -> str | None:
        return "empty_output" if not g.text.strip() else None


_REFUSALS = re.compile(
    r"\b(i'?m sorry|i am sorry|i apologi[sz]e|as an ai|as a language model|i can(?:no|')t (?:see|view|"
    r"help|assist|provide|describe)|i am unable|i'm unable|unable to (?:see|view) (?:the )?image|"
    r"there is no image|no image (?:was|is) provided)\b",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


class Refusal(Filter[Generation]):
    """Refusals and meta-talk instead of a caption ("I'm sorry", "as an AI", "I cannot see...")."""

    name = "refusal"

    def reason(self, g: Generation) -> str | None:
        return "refusal" if _REFUSALS.search(g.text) else None


class Echo(Filter[Generation]):
    """The output repeats its input: nothing was rewritten."""

    name = "echo"

    def reason(self, g: Generation) -> str | None:
        return "echo_input" if g.source and _norm(g.text) == _norm(g.source) else None


class MinWords(Filter[Generation]):
    """LaCLIP drops rewrites under a couple of words: too short to carry a caption."""

    name = "min_words"

    def __init__(self, min_words: int):
        self.min_words = min_words

    def reason(self, g: Generation) -> str | None:
        return "too_few_words" if len(g.text.split()) < self.min_words else None
