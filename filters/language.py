"""Language identification with a real model that ships inside its package (py3langid)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability). Text with no letters comes back as ``zxx`` (no content)."""
    lang, prob = _identifier().classify(text or "")
    return str(lang), float(prob)


def probabilities(text: str) -> dict[str, float]:
    """Probability of every language the model knows (97), summing to 1."""
    return {str(lang): float(p) for lang, p in _identifier().rank(text or "")}
