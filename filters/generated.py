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


class Repetition(Filter[Generation]):
    """Degenerate loops: the same n-gram over and over ("a dog a dog a dog a dog ...").

    Two signals, either rejects: one word n-gram (n = 1..3) repeated back to back ``max_run``
    times or more, or, in texts of 12+ words, fewer than ``min_unique`` distinct words per word.
    """

    name = "repetition"

    def __init__(self, max_run: int = 4, min_unique: float = 0.3):
        self.max_run, self.min_unique = max_run, min_unique

    def reason(self, g: Generation) -> str | None:
        words = _norm(g.text).split()
        if len(words) >= 12 and len(set(words)) / len(words) < self.min_unique:
            return "repetition"
        for n in (1, 2, 3):
            if _longest_run(words, n) >= self.max_run:
                return "repetition"
        return None


def _longest_run(words: list[str], n: int) -> int:
    """Most consecutive repeats of any n-gram, scanning with stride n from every offset."""
    best = 1
    for start in range(n):
        grams = [tuple(words[i : i + n]) for i in range(start, len(words) - n + 1, n)]
        run = 1
        for a, b in zip(grams, grams[1:], strict=False):
            run = run + 1 if a == b else 1
            best = max(best, run)
    return best


class MinWords(Filter[Generation]):
    """LaCLIP drops rewrites under a couple of words: too short to carry a caption."""

    name = "min_words"

    def __init__(self, min_words: int):
        self.min_words = min_words

    def reason(self, g: Generation) -> str | None:
        return "too_few_words" if len(g.text.split()) < self.min_words else None
