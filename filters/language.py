"""Language identification with a real model that ships inside its package (py3langid)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability). Text with no letters comes back as ``zxx`` (no content)."""
    lang, prob = _identifier().classify(text or "")
    return str(lang), float(prob)


# One language, two codes: py3langid writes Norwegian ``no``/``nn`` where lingua, wordfreq and job
# specs write ``nb``, and reads some Mandarin as Wu or Cantonese; specs may carry a region or an
# old code (``pt-BR``, ``iw``). Every code is compared in this one form.
_ALIASES = {"no": "nb", "nn": "nb", "wuu": "zh", "yue": "zh", "fil": "tl", "iw": "he", "in": "id", "ji": "yi"}


# lingua knows the languages of LINGUA_LANGUAGES only: a text in another comes back as its
# nearest neighbour there. What py3langid finds in one of these, lingua may confirm as the other.
NEAREST = {"sk": "cs", "ms": "id", "gl": "pt", "af": "nl", "fy": "nl", "lb": "de", "oc": "ca",
           "an": "es", "ast": "es", "ext": "es", "vec": "it", "lij": "it", "pcm": "en"}


def canonical(code: str) -> str:
    """The one code a language is compared by: ``pt-BR`` -> ``pt``, ``no`` -> ``nb``."""
    base = code.lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(base, base)


def probabilities(text: str) -> dict[str, float]:
    """Probability of every language the model knows (97), summing to 1, likeliest first."""
    return dict(_ranked(text or ""))  # a copy: no caller can change the cached answer


def merged_probabilities(text: str) -> dict[str, float]:
    """``probabilities`` with codes in their ``canonical`` form, the probabilities of one
    language's codes summed (Norwegian's ``no`` and ``nn`` are lingua's ``nb``): what the drift
    checks compare with lingua and with a job's target language."""
    return dict(_merged(text or ""))


# Both filters ask about the same texts (a source once per variant, an output in the language
# and the fact check): each text is classified once. 1,024 rankings of 97 languages: ~7 MB.
@lru_cache(maxsize=1024)
def _ranked(text: str) -> dict[str, float]:
    return {str(lang): float(p) for lang, p in _identifier().rank(text)}


@lru_cache(maxsize=1024)
def _merged(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for lang, p in _ranked(text).items():
        code = canonical(lang)
        out[code] = out.get(code, 0.0) + p
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


_NAMEISH = re.compile(r"(?<=[\w,;)\]] )[A-Z][\w'’-]*|\S*\d\S*|#\S+|@\S+|https?://\S+")


def ordinary_text(text: str) -> str:
    """The text without what has no language: mid-sentence capitalised names, codes and
    numbers, hashtags, handles, links (``Dyson V15 Detect Cordless Vacuum`` says little)."""
    return re.sub(r"\s+", " ", _NAMEISH.sub(" ", text or "")).strip()


@lru_cache(maxsize=8192)
def sure_language(text: str, sure: float = 0.5, margin: float = 2.0) -> str | None:
    """The language of a text when lingua is sure of it (confidence >= ``sure`` and ``margin``
    times the runner-up's) and the text has words to tell by (two or more lowercase words: a
    list of names and codes has no language), else None."""
    if not worded(text) and not CJK.search(text or ""):
        return None
    ranked = sorted(confidences(text).items(), key=lambda kv: -kv[1])
    (lang, p), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    return lang if p >= sure and p >= margin * second else None


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, Han, Hangul


def worded(text: str) -> bool:
    """Written in some language: two or more lowercase words, not a list of names and codes."""
    return len(re.findall(r"(?<![\w-])[^\W\d_A-Z]+(?![\w-])", text or "")) >= 2


# Languages lingua tells apart for drift checks: those web alt-text is commonly written in.
# Fewer languages keep its model small (~300 MB) and its answers sharp on short captions.
LINGUA_LANGUAGES = ("en de fr es pt it nl ru ja zh ko pl tr ar hi sv da nb fi cs uk ca el he id vi th ro hu"
                    .split())


@lru_cache(maxsize=1)
def _lingua():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in LINGUA_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def confidences(text: str) -> dict[str, float]:
    """lingua's confidence per language (sums to 1): sharper than py3langid on short text,
    and it tells neighbours apart (Spanish / Portuguese, Dutch / German)."""
    return dict(_confidences(text or ""))


@lru_cache(maxsize=4096)  # lingua is the costliest call per row (~1 ms): once per text, as above
def _confidences(text: str) -> dict[str, float]:
    return {v.language.iso_code_639_1.name.lower(): float(v.value)
            for v in _lingua().compute_language_confidence_values(text)}


# wordfreq's word lists. Japanese, Chinese and Korean ones need segmenters we do not install;
# their names are not found by capitalisation anyway.
WORDLIST_LANGS = {"ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fil", "fr", "he",
                  "hi", "hu", "id", "is", "it", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru",
                  "sh", "sk", "sl", "sv", "ta", "tr", "uk", "ur", "vi"}
WORDLIST = "small"  # wordfreq's small lists: words down to Zipf 3, ~1 MB a language instead of ~40


@lru_cache(maxsize=32768)  # asked for every capitalised word of every output and source
def zipf(word: str, langs: str | tuple[str, ...]) -> float:
    """How common a word is in the likeliest of ``langs`` (wordfreq's Zipf scale: 7 = "the")."""
    from wordfreq import zipf_frequency

    langs = (langs,) if isinstance(langs, str) else langs
    known = [lang for lang in langs if lang in WORDLIST_LANGS]
    return max([zipf_frequency(word.lower(), lang, wordlist=WORDLIST) for lang in known] or [0.0])
