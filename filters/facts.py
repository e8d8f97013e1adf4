"""Fact consistency: every fact an output states must be held by a text its prompt showed.

Facts are what a caption must never change or invent: numbers (with their units, years,
ordinals, prices), codes (model and part numbers, mixed letters and digits) and names (brands,
makers, models, places, people). An output's facts are extracted and looked up in its sources
(the alt-text; for fusion also the visual caption), after normalising what means the same:
number words and ordinals (text2num: ``third`` = ``3rd``), decimal commas (``1,20`` = ``1.20``),
casing, diacritics and scripts (anyascii: ``München`` ~ ``Munchen``, ``Лондон`` ~ ``London``).
Generic words a caption adds (``photo``, ``close-up``) are not facts; a capitalised word is a
name only when word frequencies (wordfreq) do not make it an ordinary word of the output's
language. When a name cannot be checked (a Japanese source, an English translation) the filter
abstains on names and still checks numbers and codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .base import Drop, Filter
from .generated import Generation
from .language import detect, probabilities

# Languages text2num reads number words in.
_NUMBER_WORD_LANGS = {"en", "fr", "es", "pt", "de", "nl", "it", "da"}
# Languages that capitalise every noun: a capital letter there does not mark a name.
_NOUN_CAPS_LANGS = {"de", "lb"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,'\u00a0\u202f]\d+)*(?![\w])")
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th|e|er|ère|eme|ème|º|ª|°|o|a|te|ste|de)$", re.I)
_MEASURE = re.compile(r"^\d+(?:[.,]\d+)?[-\u00a0]?[^\W\d_]+$")  # a number and a unit word
_SENTENCE_END = re.compile(r"[.!?:;\"“”«»()\[\]|\n—–]\s*$")


@dataclass(frozen=True)
class Facts:
    numbers: frozenset[str]  # as written (``1,20``)
    codes: frozenset[str]  # tokens mixing letters and digits (``Z4``, ``12V-15``)
    names: frozenset[str]  # capitalised words read as names


def fold(text: str) -> str:
    """Casefolded ASCII: ``München`` -> ``munchen``, ``Лондон`` -> ``london``."""
    from anyascii import anyascii

    return anyascii(unicodedata.normalize("NFKC", text)).casefold()


def alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", fold(text))


@lru_cache(maxsize=4096)
def language(text: str) -> str:
    lang, _ = detect(text)
    return lang


@lru_cache(maxsize=4096)
def likely_languages(text: str) -> tuple[str, ...]:
    """The languages a text may be in: short texts confuse neighbours (ru/bg/uk, es/pt/gl)."""
    probs = probabilities(text)
    return tuple(sorted((lang for lang, p in probs.items() if p >= 0.05), key=lambda x: -probs[x]))


def digits_normalised(text: str, lang: str) -> str:
    """Number words and ordinals as digits, in the languages text2num knows."""
    if lang not in _NUMBER_WORD_LANGS:
        return text
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, lang)
    except Exception:  # a library edge case must not lose the row; the raw text still has digits
        return text


def values(number: str) -> set[float]:
    """Every value a written number can mean: ``1,299`` is 1299 or 1.299, ``3,50`` is 3.5."""
    parts = re.split(r"[.,'\u00a0\u202f ]", number)
    if len(parts) == 1:
        return {float(parts[0])}
    out = set()
    if all(len(p) == 3 for p in parts[1:]):  # thousands separators
        out.add(float("".join(parts)))
    if len(parts) == 2:  # a decimal point or comma
        out.add(float(f"{parts[0]}.{parts[1]}"))
    if not out:  # "1 2 3": separate numbers run together
        out.update(float(p) for p in parts)
    return out


def number_values(text: str) -> set[float]:
    """All numeric values in a text, digit runs inside codes included (``GSR12V`` holds 12)."""
    vals: set[float] = set()
    for m in _NUMBER.finditer(text):
        vals |= values(m.group())
    vals |= {float(d) for d in re.findall(r"\d+", text)}
    return vals


def zipf(word: str, langs: str | tuple[str, ...]) -> float:
    """How common a word is in the most likely of ``langs`` (wordfreq's Zipf scale: 7 = "the")."""
    from wordfreq import available_languages, zipf_frequency

    # Japanese, Chinese and Korean lists need word segmenters we do not install; their names
    # are not checked by capitalisation anyway.
    known = set(available_languages()) - {"ja", "zh", "ko"}
    langs = (langs,) if isinstance(langs, str) else langs
    return max([zipf_frequency(word.lower(), lang) for lang in langs if lang in known] or [0.0])


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and (all(c.isupper() for c in letters) or any(c.isupper() for c in word[1:]))


@dataclass(frozen=True)
class Token:
    word: str
    initial: bool  # first word of a sentence, a line or a quote: capitalised by grammar


def tokens(text: str) -> list[Token]:
    out = []
    for m in _WORD.finditer(text):
        before = text[: m.start()].rstrip()
        out.append(Token(m.group(), not before or bool(_SENTENCE_END.search(before[-1:]))))
    return out


def names(text: str, langs: tuple[str, ...], missing_source_name: bool) -> list[str]:
    """Capitalised words that read as names in ``text`` (likely written in one of ``langs``).

    Words capitalised by grammar (a sentence's first word, German nouns, Title Case) count only
    when they are rare words of the language and something marks them: a name of the source
    that the output lost (a swap), or a capitalised word after them (``Nikon Z6``).
    """
    toks_all = tokens(text)
    toks = [t for t in toks_all if not any(c.isdigit() for c in t.word)]
    caps = [t for t in toks if _is_cap(t.word)]
    title_case = len(toks) >= 4 and len(caps) >= 0.6 * len(toks)
    found = []
    for i, t in enumerate(toks_all):
        w = t.word
        if any(c.isdigit() for c in w):
            continue
        if not _is_cap(w) and not _is_acronym(w):
            continue
        common = zipf(w, langs)
        if _is_acronym(w):
            found.append(w)
        elif t.initial or title_case or (langs[:1] and langs[0] in _NOUN_CAPS_LANGS):
            # Capitalised by grammar. A rare word here is a name when it stands in for a name the
            # output lost (a swap), or heads a model code (``Nikon Z6``).
            nxt = toks_all[i + 1].word if i + 1 < len(toks_all) else ""
            if common < 4.5 and (missing_source_name or any(c.isdigit() for c in nxt)):
                found.append(w)
        else:
            found.append(w)
    return found


def codes(text: str) -> list[str]:
    """Tokens mixing letters and digits (model and part numbers), ordinals excepted."""
    out = []
    for m in re.finditer(r"[^\W_]*\d[\w./-]*", text):
        tok = m.group().strip("./-")
        if any(c.isalpha() for c in tok) and not _ORDINAL_SUFFIX.match(tok) and not _MEASURE.match(tok):
            out.append(tok)
    return out


def numbers(text: str) -> list[str]:
    """Standalone numbers, ordinals reduced to their digits (``3rd`` -> ``3``)."""
    out = []
    for m in _NUMBER.finditer(text):
        out.append(m.group())
    for m in re.finditer(r"(?<![\w.,])(\d+(?:[.,]\d+)?)[-\u00a0]?[^\W\d_]+\b", text):
        if _MEASURE.match(m.group()):
            out.append(m.group(1))  # 250ml, 5.5-quart: the number; units are spelled many ways
    for m in re.finditer(r"\b\d+(?:st|nd|rd|th|e|er|ère|ème|º|ª)\b", text, re.I):
        out.append(_ORDINAL_SUFFIX.match(m.group()).group(1))  # type: ignore[union-attr]
    return out


class Support:
    """What the source texts hold, indexed for lookups."""

    def __init__(self, texts: list[str]):
        self.texts = [t for t in texts if t and t.strip()]
        self.langs = {language(t) for t in self.texts}
        normalised = [digits_normalised(t, lang) for t in self.texts for lang in self.langs | {"en"}]
        self.values = set().union(*(number_values(t) for t in self.texts + normalised)) if self.texts else set()
        self.concat = "".join(alnum(t) for t in self.texts + normalised)
        self.words = {alnum(w) for t in self.texts for w in _WORD.findall(t)} - {""}
        self.cjk = any(len(_CJK.findall(t)) > len(t) / 4 for t in self.texts)
        self.names = [n for t in self.texts for n in names(t, likely_languages(t), True)]

    def has_number(self, number: str) -> bool:
        return bool(values(number) & self.values)

    def has_code(self, code: str) -> bool:
        return alnum(code) in self.concat

    def has_name(self, name: str, out_langs: tuple[str, ...]) -> bool:
        n = alnum(name)
        if not n or n in self.words or (len(n) >= 4 and n in self.concat):
            return True
        from rapidfuzz import fuzz

        for w in self.words:
            k = min(len(w), len(n))
            prefix = len(_common_prefix(w, n))
            if k >= 4 and prefix >= max(4, 0.6 * k):  # inflection: Paris / Parisian, Köln / Kölner
                return True
            if k >= 3 and prefix == k and name[:1].isupper():  # abbreviation: Fri / Friday
                return True
            if fuzz.ratio(w, n) >= 80:  # transliteration and spelling: Munchen / Muenchen
                return True
        # A translation writes names its own way (London -> Londres, Moscow -> Moskva): a word
        # common in the output's language and not in the source's is a translated name.
        src_common = zipf(name, tuple(self.langs | {"en"}))
        translated = bool(out_langs) and out_langs[0] not in self.langs
        return translated and zipf(name, out_langs) - src_common >= 1.5


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def unsupported(text: str, sources: list[str]) -> list[str]:
    """The facts of ``text`` that none of ``sources`` holds, in the order they appear."""
    support = Support(sources)
    if not support.texts:
        return []
    langs = likely_languages(text) or (language(text),)
    normalised = digits_normalised(text, langs[0])
    found = [n for n in numbers(normalised) if not support.has_number(n)]
    found += [c for c in codes(text) if not support.has_code(c)]
    out_cjk = len(_CJK.findall(text)) > len(text) / 4
    if not (support.cjk and not out_cjk):  # names of a CJK source cannot be checked in Latin script
        own = Support([text])
        missing = any(not own.has_name(n, tuple(support.langs)) for n in support.names)
        found += [n for n in names(text, langs, missing) if not support.has_name(n, langs)]
    return list(dict.fromkeys(found))


class FactConsistency(Filter[Generation]):
    """Names, brands, places, numbers, years and codes in the output must be in its sources."""

    name = "facts"

    def reason(self, g: Generation) -> str | None:
        found = unsupported(g.text, [g.source, *g.context]) if g.source.strip() else []
        return Drop("unsupported_fact", ", ".join(found)[:300]) if found else None
