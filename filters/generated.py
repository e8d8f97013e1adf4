"""Output filters: checks on generated text after parsing."""

from __future__ import annotations

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


class MinWords(Filter[Generation]):
    """LaCLIP drops rewrites under a couple of words: too short to carry a caption."""

    name = "min_words"

    def __init__(self, min_words: int):
        self.min_words = min_words

    def reason(self, g: Generation) -> str | None:
        return "too_few_words" if len(g.text.split()) < self.min_words else None
