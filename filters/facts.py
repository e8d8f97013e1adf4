"""Fact consistency: every fact an output states must be held by a text its prompt showed.

Facts are what a caption must never change or invent: numbers (with their units, years,
ordinals, prices), codes (model and part numbers, mixed letters and digits) and names (brands,
makers, models, places, people). An output's facts are extracted and looked up in its sources
(the alt-text; for fusion also the visual caption), after normalising what means the same:
number words and ordinals (text2num: ``third`` = ``3rd``), decimal commas (``1,20`` = ``1.20``),
casing, diacritics and scripts (anyascii: ``München`` ~ ``Munchen``, ``Лондон`` ~ ``London``).

Generic words a caption adds (``photo``, ``close-up``) are not facts. A capitalised word is a
name unless grammar explains its capital (a sentence's first word, a German noun, Title Case);
such words count only when they replace a name the output lost (a swap) or head a model code
(``Nikon Z6``), and word frequencies (wordfreq) tell ordinary words from rare ones. A CJK
source's names cannot be compared with Latin script: there the filter checks numbers and codes,
and in a Japanese output a katakana name that stands where the source's lost one stood. A
source's one date must keep its day and month the right way round (``5.3.2024`` is no ``3.
Mai``; outside English a slashed date is read day first), and a bound its way (``min. 85%`` is
no ``up to 85%``).

Names change form between languages. A country, language or major city is the same place
under any of the names CLDR (babel) gives it (Österreich / Austria, Wien / Vienna); another
name passes where it sounds like a source name the output lost (a rough phonetic key: Firenze
/ Florence, The Hague / Den Haag) and is at least as usual in the output's language as that
name (Venice for Vienna is another city). In another language than the sources', a capitalised
common noun of theirs (Urlaub) comes back translated (Holiday): its place tells of no swap,
nor does a name's closing word among the language's commonest (Olkhon Island, King's Day).
Numbers may also be held by count words (twice, a dozen), Roman numerals and other calendars'
years (令和5年 = 2023).
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING

from .base import Drop, Filter
from .generated import QUOTED, Generation
from .language import NEAREST, WORDLIST_LANGS, confidences, probabilities, sure_language, worded, zipf
from .meaning import REPLACED_GROUPS, changed_meanings, flipped_order, lost_absences, senses
from .numerals import (
    CURRENCY_CODES,
    LETTERS,
    MARKS,
    buddhist_years,
    changed_fractions,
    cjk_to_digits,
    count_compounds,
    currencies,
    is_roman,
    korean_counts,
    month_names,
    months,
    other_counts,
    prices,
    regnal_numbers,
    roman_value,
    scaled,
    shorthand_years,
    spelled_values,
    values,
)
from .places import (
    ORDINARY_ZONE,
    PLACE_KINDS,
    alnum,
    city_main_name,
    cjk_places,
    fold,
    likely_territory,
    place_names,
    territory_aliases,
)
from .roles import changed_titles, lost_attributions, reversed_results, swapped_roles, swapped_sides
from .units import changed_quantities, converted, is_unit, unit_swaps

if TYPE_CHECKING:
    from gender_guesser.detector import Detector

NUMBER_WORD_LANGS = {"en", "fr", "es", "pt", "de", "nl", "it", "da"}  # text2num's languages
NOUN_CAPS_LANGS = {"de", "lb"}  # every noun capitalised: a capital does not mark a name
# Languages that decline names, changing a stem's last letters (Praha -> v Praze, Kraków -> w Krakowie).
INFLECTING_LANGS = {"cs", "sk", "pl", "sl", "hr", "sr", "bs", "lt", "lv", "uk", "ru", "bg", "fi", "et", "hu"}
COMMON = 4.5  # Zipf frequency of an ordinary word ("photo" 5.0, "Nikon" 3.3, "Canon" 4.1)
SWAP_COMMON = 5.5  # in a lost name's place, only the most ordinary words are not its replacement
NAME_PART = 3.9
NAME_LIKE = 3.0  # Zipf below which a capitalised word may be a name (Gubałówka 0, Pietrasanta 0, Gallery 4.6)
NAME_PART_BESIDE_COMMON = 4.4  # "Gate", "Cathedral": ordinary words that are part of a name next to one
TARGET_NOUN = 4.0  # Zipf of a translation's everyday noun (Castle, Park), even where web text mixes it in
# Month and day names are dates, not names: their numbers are checked instead.
_CALENDAR = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name,
                                 *calendar.day_abbr) if m}
NUMBER_WORD_MIN = 2  # number words from 2 up become digits ("two" -> 2); "one" is also an article
_FOREIGN_ORDINAL = re.compile(r"\b\d+(?:ᵒˢ|ᵃˢ|ᵒ|ᵃ|º|ª|ᵉ|ème|eme|er|ère|e|te|ste|de|°)(?!\w)")
# Country adjectives that share too little with the country's name for the prefix rule
# (Italy/Italian, Japan/Japanese pass by it). No package on the index lists demonyms.
_DEMONYMS = {"france": {"french"}, "spain": {"spanish"}, "netherlands": {"dutch"}, "holland": {"dutch"},
             "switzerland": {"swiss"}, "wales": {"welsh"}, "ireland": {"irish"}, "england": {"english"},
             "uk": {"british"}, "britain": {"british"}, "usa": {"american"}, "us": {"american"},
             "philippines": {"filipino"}, "denmark": {"danish"}, "poland": {"polish"}, "finland": {"finnish"},
             "xmas": {"christmas"}}
_INCH = re.compile(r"(\d)\s?(?:\"|″|”|'')")
_NUMBER_MARK = re.compile(r"\b(?:No|Nr|Nos|Nº|N°|Num)\.?(?=\s?\d)")
# "Saint" as languages write it before a name (casefolded ASCII, as Support.words holds words).
_SAINTS = frozenset("st saint sainte ste san santo santa sao sankt sint sv sveti svaty svata swiety swieta "
                    "szent sf sfantul aziz sta sto".split())
_UNIT_NAMES = {"fahrenheit", "celsius", "kelvin"}  # °F written out is a unit, not a name
_NOT_NAMES = _CALENDAR | _UNIT_NAMES | {"nr", "nrs"}  # Art.-Nr. is an article number, no name
_LETTER_WORD = re.compile(r"^[A-Z]-[a-z]{3,}$")  # a letter before a word is a word: T-shirt, X-ray, V-neck
_WORD_PARTS = re.compile(r"['’.-]")
_LETTER_RUN = re.compile(r"[^\W\d_]{3,}")
_DIGIT_RUN = re.compile(r"\d+")
_DECIMAL_IN_CODE = re.compile(r"(?<=[^\W\d_])\d+\.\d+")
_UNREAD_SCRIPTS = re.compile(r"[\u0590-\u06ff\u0750-\u077f\u0900-\u0dff\u0e00-\u0eff]")  # Hebrew to Thai
_CYRILLIC_GREEK = re.compile(r"[\u0370-\u04ff]")
_YEAR_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:1[89]|20)\d\d(?![0-9A-Za-z])")  # 2023年 too
_ARABIC_CLITIC = re.compile(r"^[وبلفك](?=ال)")
# Languages of several countries (Spanish in Mexico, Chinese in Taiwan): their text names none.
_MANY_COUNTRY_LANGS = frozenset({"en", "es", "fr", "pt", "ar", "de", "nl", "sv", "zh", "ms", "sw"})
_BEFORE_MYRIAD = re.compile(r"\d+(?:[.,]\d+)?\s?(?=[万萬億亿만억])")
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f'’.-]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
_WORD = re.compile(rf"(?:[^\W_]|[{MARKS}])+(?:['’.-](?:[^\W_]|[{MARKS}])+)*")  # मिस्र is one word
_LETTER_SIZE = re.compile(r"(?<![^\W\d_])(?:size|größe|gr\.|taille|talla|taglia|tamanho|tam\.|maat|rozmiar|"
                          r"storlek|størrelse|koko|velikost|beden|размер|サイズ|尺码)\s?[:.]?\s?"
                          r"((?-i:(?:[2-5]?X{1,3})?[SML]|XXS|[A-F]))(?![\w-])",  # capitals: not "size a bit"
                          re.IGNORECASE)
# A letter size before its word: Mサイズ, L号.
_SIZE_FIRST = re.compile(r"(?<![A-Za-z0-9-])((?:[2-5]?X{1,3})?[SML]|XXS)\s?(?:サイズ|사이즈|号|码|碼)")


def _letter_sizes(text: str) -> list[str]:
    """The letter sizes ``text`` states: Size M, Gr. XL, Lサイズ."""
    return [m[1] for pattern in (_LETTER_SIZE, _SIZE_FIRST) for m in pattern.finditer(text)]


_GROUPED_DIGITS = re.compile(r"(?<![\w.,-])(?=(?:\d[- ]?){7})\d+(?:[- ]\d+){2,}(?![\w-])")  # 7+ digits
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}) (\d{3})(?![\d]|[.,]\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,'\u00a0\u202f]\d+)*(?!\w)")
# A quantity and its unit (250ml, 5.5-quart, 2,0-Ah-Akkus); six digits and letters are a reference.
_MEASURE = re.compile(r"^(\d{1,4}(?:[.,]\d+)?)[-\u00a0]?[^\W\d_]+(?:-[^\W\d_]+)*$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|e|er|re|ère|eme|ème|\.?º|\.?ª|°|o|a|te|ste|de)$", re.I)  # 8.º
_CODE = re.compile(r"[^\W_]*\d(?:[.,]\d+)*[^\W_]*(?:[./-][^\W_]+)*")
# Digits in three or more dotted groups that are not thousands: a reference (310.30.42.50.01.001).
_REFERENCE = re.compile(r"^(?!\d{1,3}(?:[.,]\d{3})+$|\d{1,3}(?:\.\d{3})+,\d\d$|\d{1,3}(?:,\d{3})+\.\d\d$)"
                        r"\d+(?:[.,/-]\d+){2,}$")  # 1.299,00 is a price
_MODEL_NUMBER = re.compile(r"\b([A-Z][^\W\d_]*[a-z][^\W\d_]*[A-Z][^\W\d_]*|[A-Z]{2,}|Model|Series|Mark|Gen)"
                           r"\s(\d{1,3})\b(?![.,]\d)")
_N_IN_ONE = re.compile(r"(?<![\w.,])(\d)-(?:in|en|em|im|w|i|в)-(\d)(?![\w.,])")  # 2-in-1: two numbers
_SENTENCE_END = re.compile(r"[.!?:;\"“”«»|\n—–/#·•]")


@lru_cache(maxsize=4096)
def likely_languages(text: str) -> tuple[str, ...]:
    """The languages a text may be in, likeliest first (short texts confuse ru/bg, es/pt)."""
    probs = probabilities(text)
    ranked = sorted(probs, key=lambda lang: -probs[lang])
    likely = [lang for lang in ranked if probs[lang] >= 0.05] or ranked[:1]
    # A language no word list knows reads as its nearest one that does (Nigerian Pidgin, py3langid's
    # guess for many short English captions, as English).
    return tuple(dict.fromkeys(lang if lang in WORDLIST_LANGS else NEAREST.get(lang, lang)
                               for lang in likely))


@lru_cache(maxsize=4096)  # a source is read once per variant and language
def digits_normalised(text: str, lang: str, ordinals: bool = False) -> str:
    """Number words and ordinals as digits (``four-bedroom`` -> ``4 bedroom``), where text2num can.
    ``ordinals``: keep Spanish, Portuguese and Italian ordinals too (a source's ``octavo`` is 8)."""
    if lang == "ko":
        return korean_counts(text)
    if lang not in NUMBER_WORD_LANGS:
        return text
    from text_to_num import alpha2digit

    text = count_compounds(scaled(text), lang)  # 23 mil km is 23000 km, not 23 and 1000 km
    # A capitalised word inside a sentence, before another, is part of a name (nelle Cinque
    # Terre, the Seven Sisters): its number word is no count. A zero-width joiner hides it.
    text = _NAME_WORD.sub(lambda m: m[1][0] + "\u200d" + m[1][1:], text)
    # ... and one after a capitalised word (REUTERS/Nacho Doce: a surname, not twelve).
    text = _NAME_AFTER_NAME.sub(lambda m: m[0][0] + "\u200d" + m[0][1:] if _after_capital(text, m.start())
                                else m[0], text)
    # "Thousands of fans", "miles de personas": no count.
    if lang in _VAGUE_COUNTS:
        text = _VAGUE_COUNTS[lang].sub(lambda m: m[0][0] + "\u200d" + m[0][1:], text)
    # Ordinals written in digits (2º lugar) are the text's own: hidden from the clean-up below.
    text = _FOREIGN_ORDINAL.sub(lambda m: re.sub(r"(\d)(?=\D)", "\\1\u2063", m[0], count=1), text)
    try:
        out = alpha2digit(re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", text), lang, threshold=NUMBER_WORD_MIN)
    except Exception:  # a library edge case must not lose the row: the raw text still has digits
        return text
    # Spanish and Portuguese ordinals double as nouns ("quartos", rooms; "cuarto", a quarter).
    # Italian "secondo" is also "according to".
    # Past ten they are ordinals only (vigésima quinta jornada).
    out = _FOREIGN_ORDINAL.sub(_small_ordinal, out) if lang in ("es", "pt", "it") and not ordinals else out
    return out.replace("\u2063", "")


def _small_ordinal(m: re.Match[str]) -> str:
    """A Spanish, Portuguese or Italian ordinal under eleven, dropped: its word is a noun too."""
    return " " if int(re.match(r"\d+", m[0])[0]) < 11 else m[0]  # type: ignore[index]


_ELIDED = re.compile(r"^[a-z]{1,4}['’](?=[A-ZÀ-ÖØ-Þ])")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_]{2})['’]s?$")
_NAME_WORD = re.compile(r"(?<=[^\W\d_] )([A-Z][^\W\d_]+)(?= [A-Z])")
_NAME_AFTER_NAME = re.compile(r"(?<=[^\W\d_][ /])[A-Z][a-zà-ÿ]+(?![^\W\d_])")
_LAST_WORD = re.compile(r"[^\W\d_]+(?=[ /]$)")
_VAGUE_COUNTS = {"en": re.compile(r"\b(?:hundreds|thousands|millions|billions)\b", re.I),
                 "es": re.compile(r"\b(?:cientos|miles|millares|millones)\b", re.I)}


def _after_capital(text: str, at: int) -> bool:
    """Whether the word before position ``at`` (a space or a slash apart) is capitalised."""
    before = _LAST_WORD.search(text, max(0, at - 40), at)
    return bool(before) and before[0][:1].isupper()  # type: ignore[index]


# A date in digits: 30/10/2023, 12/25/2023, 06.10.2024, 2024-10-06, and German 21.09. before a word.
_NUMERIC_DATE = re.compile(r"(?<![\w.,/-])"
                           r"(?:(?:[12]\d|3[01]|0?[1-9])([./-])(?:1[0-2]|0?[1-9])\1(?:\d{4}|\d{2})"
                           r"|(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])/(?:\d{4}|\d{2})"
                           r"|\d{4}-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])"
                           r"|(?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?=\s+\w))(?![\w/-]|[.,]\d)")


# Gold's karat: 18 kt, 18 carats (written 18k).
_KARAT = re.compile(r"(?<![\d.,])(\d{1,2})\s?(?:kt|karat|karaat|carats?|carati|quilates)(?![^\W\d_])", re.I)
# A time of day: 21:00, 21h30, 21 h 00 (not 2:01:09, a race time); with a dot where a clock word
# says so: 21.30 uur, 21.30 Uhr, klo 21.30.
_CLOCK = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3])\s?"
                    r"(?:[:h]|\.(?=[0-5]\d\s?(?:uur|uhr|h|godz|hod)(?![^\W\d_]))"
                    r"|(?<=(?:kl\.|klo) \d\d)\.|(?<=(?:kl\.|klo) \d)\.)\s?([0-5]\d)(?![\d:]|[.,]\d)", re.I)


def _dates_apart(text: str) -> str:
    """Numeric dates as their day, month and year (``30/10/2023`` -> ``30 10 2023``): each is
    checked on its own, so ``30 de octubre de 2023`` holds it and ``31/10/2023`` is a change.
    A time keeps its hour, and its minutes unless they are a whole hour's (``21 h 00`` -> 21)."""
    text = _NUMERIC_DATE.sub(lambda m: " " + " ".join(re.findall(r"\d+", m.group())) + " ", text)
    return _CLOCK.sub(lambda m: f" {m[1]} " + (f"{m[2]} " if m[2] != "00" else ""), text)


def numbers(text: str) -> list[str]:
    """Standalone numbers, with units (``250ml``) and ordinals (``3rd``) reduced to the number."""
    # Digits before a CJK myriad are read with it (cjk_to_digits): 4万 is no 4.
    text = _dates_apart(_CJK.sub(" ", _BEFORE_MYRIAD.sub(" ", text)))
    out = [m.group() for m in _NUMBER.finditer(text) if not _REFERENCE.match(m.group())]
    for m in _CODE.finditer(text):
        match = _MEASURE.match(m.group()) or _ORDINAL.match(m.group())
        if match:
            out.append(match.group(1))
    return out


def codes(text: str) -> list[str]:
    """Tokens mixing letters and digits (model and part numbers), not a number with a unit."""
    text = _N_IN_ONE.sub(r"\1 \2", _dates_apart(_CJK.sub(" ", text)))
    found = (_code_part(m.group()) for m in _CODE.finditer(text))
    out = [c for c in found if c and (any(ch.isalpha() for ch in c) or _REFERENCE.match(c))
           and not _MEASURE.match(c) and not _ORDINAL.match(c) and not _is_rate(c)]
    # A name and a small number are one model name: MateBook 14 is not MateBook 16.
    out += [m.group() for m in _MODEL_NUMBER.finditer(text)
            if m.group(1).lower() not in _CALENDAR and m.group(1) not in CURRENCY_CODES]  # not SEK 145
    return out


def _is_rate(code: str) -> bool:
    """A number per unit (``450/month``, ``20/hr``): the number is checked, the unit is no code."""
    m = re.fullmatch(r"\d+(?:[.,]\d+)?/([^\W\d_]+)", code)
    return bool(m) and is_unit(m[1])  # type: ignore[index]


def _code_part(code: str) -> str:
    """A code less the words a hyphen joins to it: ``S3-Sicherheitsschuhe`` is the code ``S3``
    and a German noun; ``WH-1000XM5`` and ``GA-2100`` keep every part."""
    parts = code.split("-")
    if len(parts) < 2:
        return code
    kept = [p for p in parts if not (p.isalpha() and len(p) >= 4)]
    return "-".join(kept) if any(any(ch.isdigit() for ch in p) for p in kept) else ""


@dataclass(frozen=True)
class Token:
    word: str
    initial: bool  # capitalised by grammar's position: a sentence's, a line's or a quote's first word
    spaced: bool = False  # only spaces since the word before: the two may be one name (Den Haag)


def tokens(text: str) -> list[Token]:
    out = []
    end = None
    for m in _WORD.finditer(text):
        before = text[: m.start()].rstrip()
        spaced = end is not None and not text[end:m.start()].strip()
        out.append(Token(m.group(), not before or bool(_SENTENCE_END.match(before[-1])), spaced))
        end = m.end()
    return out


def _is_acronym(word: str) -> bool:
    if "-" in word.strip("-"):  # NRW-Landtag has one; Herren-Laufschuhe is a German noun's compound
        return any(_is_acronym(p) for p in word.split("-") if p)
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and (all(c.isupper() for c in letters) or any(c.isupper() for c in word[1:]))


def _lowercase_language(words: list[str]) -> str | None:
    """The likeliest language of a text's lowercase words (and its first): German, told apart
    from names."""
    lower = " ".join([w.lower() for w in words[:1]] + [w for w in words[1:] if w.islower()])
    if len(lower.split()) < 2:
        return None
    conf = confidences(lower)
    return max(conf, key=conf.__getitem__)


TITLE_CASE_LOWER = 2  # lowercase words of five letters or more a Title Case listing still has ("with zipper")


def _capitalised_by_grammar(toks: list[Token], langs: tuple[str, ...],
                            required: str | None = None) -> Callable[[int], bool]:
    """Whether token i may be capitalised by grammar rather than as a name: it starts a
    sentence, the text is in Title Case, or its language capitalises every noun."""
    words = [t.word for t in toks if not any(c.isdigit() for c in t.word)]
    # Title Case capitalises ordinary words ("Red Leather Ankle Boots"), a caption with names does not.
    # Nor does a sentence whose verbs and nouns stand in lowercase between its names ("Macron
    # shakes hands with Merz at the entrance ... Photo: AFP").
    title_case = (sum(w[:1].isupper() and zipf(w, langs) >= 5.0 for w in words[1:]) >= 2
                  and sum(w[:1].isupper() for w in words) >= 0.5 * len(words)
                  and sum(w.islower() and len(w) >= 5 for w in words) <= TITLE_CASE_LOWER)
    # German, told by its lowercase words alone: names (Porsche, Stuttgart) must not decide it.
    # Asked only when a capital needs explaining: it costs a lingua call.
    noun_caps = cache(lambda: (required or _lowercase_language(words)) in NOUN_CAPS_LANGS)
    return lambda i: toks[i].initial or title_case or noun_caps()


def names(text: str, langs: tuple[str, ...], lost: frozenset[tuple[str, str]] = frozenset(),
          required: str | None = None, initial_names: bool = False) -> list[tuple[int, str]]:
    """(token index, word) of the capitalised words that read as names.

    ``lost``: the words next to names of the source that the output lost. A word capitalised
    by grammar in the same place may be the replacement (``Nikon EOS`` for ``Canon EOS``).
    """
    toks = tokens(text)
    by_grammar = _capitalised_by_grammar(toks, langs, required)
    found = []
    for i, t in enumerate(toks):
        # The name after an elided article (d'Orsay, l'Olympique, dell'Arena), without its
        # possessive (Cologne's): the word a source holds.
        w = _POSSESSIVE.sub("", _ELIDED.sub("", t.word))
        if _CJK.search(w):  # Latin letters joined to kana or hanzi (Lサイズ, size L): only they can be a name
            w = max(re.findall(r"[^\W\d_]+", _CJK.sub(" ", w)) or [""], key=len)
            if len(w) < 2:
                continue
        if any(c.isdigit() for c in w) or not w[:1].isupper() or w.lower() in _NOT_NAMES \
                or _LETTER_WORD.match(w) or len(w) == 1 and i and toks[i - 1].word[-1:].isdigit():
            continue  # ... and a letter after a number is its unit (4.7 L, 12 V)
        if _is_acronym(w) and len(w) > 1:
            beside = [toks[j].word[:1] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
            if w not in CURRENCY_CODES or not any(c.isdigit() for c in beside):  # SEK 145: a price's currency
                found.append((i, w))
        elif by_grammar(i):
            nxt = toks[i + 1].word if i + 1 < len(toks) else ""
            prev = toks[i - 1].word if i else ""
            # A sentence's first word of the text's language alone (Hamparan, Indonesian
            # "expanse"), no place and no given name, is no name put in a lost one's place.
            swap = bool({("next", fold(nxt)), ("prev", fold(prev))} & lost) and not (
                t.initial and _local_word(w, langs) and alnum(w) not in place_names()
                and _given_names().get_gender(w) == "unknown")
            common = zipf(w, langs)
            if (swap or initial_names) and common < SWAP_COMMON or common < COMMON and bool(codes(nxt)):
                found.append((i, w))
        else:
            found.append((i, w))
    return found


_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# An older year where only a year fits: "a violin from 1715", "built in 1650".
_EARLY_YEAR = re.compile(r"\b(?:from|in|since|circa|ca\.|c\.|dated|dating from)\s+(1[5-7]\d\d)\b", re.I)
_PM_RANGE_START = re.compile(r"\b(1[01]|[1-9])\s?[-–]\s?(?:1[012]|[1-9])(?:[:.][0-5]\d)?\s*p\.?m\b", re.I)
_CLOCK_WORD_HOUR = re.compile(r"\b(?:kl|klo|godz|hod)\.?\s?([01]?\d|2[0-3])\b", re.I)

def _a_month(word: str, text: str) -> bool:
    """Whether ``word``, a month's name or short form in some language, names a month here. A
    short form that is an everyday English word (Czech pro., Portuguese out, set, ago) does only
    with its dot or before a year: iPhone 15 Pro is no December, sold out no October."""
    w = word.lower()
    if w in month_names("wide") or w in _ENGLISH_MONTHS or max(zipf(w, "en"), zipf(w, "fr")) < WORDLIKE:
        return True
    return bool(re.search(rf"(?<![^\W\d_]){re.escape(word)}(?:\.|\s\d{{4}}(?!\d))", text))


def _declined_forms(word: str, key: str) -> tuple[str, ...]:
    """A word's key (``alnum``) and, in Cyrillic, the keys of the nominatives its case endings
    may hide (России, Москве, Киеве -> Россия, Москва, Киев)."""
    if not _CYRILLIC_GREEK.match(word[:1]) or len(word) < 5:
        return (key,)
    return key, *(alnum(f) for f in (word[:-1] + "я", word[:-1] + "а", word[:-1], word[:-2] + "а"))


def _a_dated_month(word: str, support: Support) -> bool:
    """A capitalised month's name (Turkish and German capitalise them) whose month a source's date holds."""
    found = months(word, "wide")
    return bool(found) and support.dated and all(float(n) in support.values for _, n in found)


WORDLIKE = 3.5  # Zipf of a short form that is also a word (lip 4.1, des, gen, mag; Nov, Oct are months)
_ENGLISH_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _dates_and_times(text: str) -> set[float]:
    """Numbers a date or time may be written with: June (junio, Juni, lipca) -> 6, 21:00 -> 9 (pm),
    1830–32 -> 1832, 30.04.23 -> 2023."""
    out = {float(n) for w, n in months(text) if _a_month(w, text)} | shorthand_years(text)
    hours = {int(h) % 12 for h in re.findall(r"(?<!\d)([01]?\d|2[0-3])[:.h][0-5]\d(?!\d)", text)}
    out |= {float(h) for h in hours} | ({12.0} if 0 in hours else set())  # 00:00 is 12:00 am
    # 7:30pm is written 7.30 as well
    out |= {float(f"{h}.{m}") for h, m in re.findall(r"(?<![\d.,])([01]?\d|2[0-3]):([0-5]\d)(?!\d)", text)}
    out |= {float(int(h) % 12) for h in re.findall(r"\b([01]?\d|2[0-3])\s?(?:h|Uhr|uur)\b", text)}  # 20h
    # Thousands grouped by plain spaces (6 500 000 руб.): the whole number.
    out |= {float(m.replace(" ", "")) for m in re.findall(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,])", text)}
    out |= {float(c + int(d)) for d in re.findall(r"(?<![\d])'?(\d0)s\b", text) for c in (1900, 2000)}
    out |= {float(int(h) + 12) for h in re.findall(r"\b(1[01]|[1-9])(?:[:.][0-5]\d)?\s*p\.?m\b", text, re.I)}
    # the start of an afternoon's range (2–4pm: 14 to 16), and an hour after a clock word (kl. 15)
    out |= {float(int(h) + 12) for h in _PM_RANGE_START.findall(text)}
    out |= {float(int(h) % 12) for h in _CLOCK_WORD_HOUR.findall(text)}
    return out


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    from lingua import Language

    return frozenset(lang.name.lower() for lang in Language.all())


_LOCAL_SHORT_FORMS = [
    (re.compile(rf"(?<![^\W\d_])(?:{'|'.join(forms)})(?![^\W\d_])", flags), forms)
    for flags, forms in ((re.I, ("SPF", "LSF", "FPS")), (re.I, ("VAT", "MwSt", "TVA", "IVA", "BTW")),
                         (re.I, ("hp", "PS", "CV", "pk")), (re.I, ("WLAN", "WiFi", "Wi-Fi")),
                         (0, ("GB", "Go")), (0, ("MB", "Mo")), (0, ("TB", "To")))]  # French octets: 256 Go
_VOWELLESS = re.compile(r"^[b-df-hj-np-tv-xz]{4,5}$")  # Blvd, Pkwy: a short form of four letters or five
_DOTTED_ACRONYM = re.compile(r"(?<![^\W\d_])((?:[A-Z]\.){2,5})")
_SHORT_FORM = re.compile(r"(?<![^\W\d_])([A-Z][a-z]{2}[b-df-hj-np-tv-xz])\.")  # Natl. written with its dot
_DOTTED_FOUR = re.compile(r"^[a-z]{3}[b-df-hj-np-tv-xz]$")  # Natl, Intl, Govt: three letters and a consonant


def _abbreviates(short: str, long: str) -> bool:
    """A short form's letters, first letter first, in order in the long word (mt -> mount)."""
    if not (2 <= len(short) <= 3 or _VOWELLESS.match(short) or _DOTTED_FOUR.match(short)
            and long.startswith(short[:3])) or len(long) <= len(short) \
            or short[0] != long[0] or not short.isalpha():
        return False
    rest = iter(long[1:])
    return all(c in rest for c in short[1:])


def name_initials(text: str) -> set[str]:
    """The initials of each run of two to five capitalised words (hyphenated parts apart, linking
    words skipped, a run ends at punctuation): ``Paris Saint-Germain`` -> psg, ps, sg."""
    out: set[str] = set()
    for part in re.split(r"\s[-–—|/·•]\s|[,;:|()\[\]/.!?]", text):
        run: list[str] = []
        for w in [*re.findall(r"[^\W\d_]+", part), ""]:
            if w[:1].isupper():
                run.append(w[0].lower())
            elif not (w.lower() in _NAME_LINKS and run):
                out |= {"".join(run[i:j]) for i in range(len(run))
                        for j in range(i + 2, min(len(run), i + 5) + 1)}
                run = []
    return out


_TITLE_WORD = re.compile(r"[^\W\d_]{2,}")


def _likeliest(text: str) -> str:
    """A text's likeliest language; a listing in Title Case as lingua is sure its words read in
    lowercase, since capitals sway the models (``Stanley Classic Legendary Vacuum Bottle ...
    Keeps Hot 40 Hrs`` reads as German, in lowercase surely as English)."""
    words = _TITLE_WORD.findall(text)
    titled = sum(w[0].isupper() and not w.isupper() for w in words)
    if len(words) >= 4 and titled >= 0.7 * len(words):
        lang = sure_language(text.lower())
        if lang:
            return lang
    return likely_languages(text)[0]


@lru_cache(maxsize=256)
def support_of(texts: tuple[str, ...]) -> Support:
    """``Support`` of ``texts``, built once: a source is checked for every variant of its row."""
    return Support(list(texts))


class Support:
    """What the source texts hold, indexed for lookups. Read only once built (``support_of``
    shares one between the outputs of the same sources)."""

    def __init__(self, texts: list[str]):
        self.texts = [t for t in texts if t and t.strip()]
        # Languages we are sure of: only a sure difference excuses a name as translated (Londres).
        self.langs = {lang for lang in map(sure_language, self.texts) if lang}
        # Where lingua is unsure, py3langid's best guess still tells a script's family (ru, ja).
        self.guess = self.langs or {_likeliest(t) for t in self.texts}
        self.word_langs = tuple(sorted(self.guess))
        # Written in some language (two lowercase words), not a list of names and codes.
        self.worded = any(map(worded, self.texts))
        # A source may read more numbers than it means ("cuarto" as 4): that only allows more.
        self.variants = self.texts + [digits_normalised(t, lang, ordinals=True) for t in self.texts
                                      for lang in sorted(self.guess | {"en"})]  # one order, every run
        # 18.5万 -> 185000, 12.8 million -> 12800000, 1/2" -> 1/2 inch
        self.variants += [_INCH.sub(r"\1 inch", scaled(cjk_to_digits(t))) for t in self.texts]
        # A short form each language writes its own way: LSF 30 is SPF 30, MwSt. is VAT, 150 PS 150 hp.
        self.variants += [pattern.sub(other, t) for t in self.texts for pattern, forms in _LOCAL_SHORT_FORMS
                          if pattern.search(t) for other in forms]
        self.concat = "".join(alnum(t) for t in self.variants)
        words = [w for t in self.texts for w in _WORD.findall(t)]
        words += [other for t in self.texts for pattern, forms in _LOCAL_SHORT_FORMS if pattern.search(t)
                  for other in forms]
        self.words = {alnum(p) for w in words for p in (w, *_WORD_PARTS.split(w))} - {""}
        # The letters of a code are a word of their own: Win11 -> win (Windows 11).
        self.words |= {r.lower() for w in words if any(c.isdigit() for c in w)
                       for r in _LETTER_RUN.findall(w)}
        # Words transliterated from Cyrillic or Greek: a name's ending there is grammar (Москве).
        self.hyphen_parts = {alnum(p) for w in words if "-" in w for p in w.split("-")} - {""}
        self.translit = {alnum(w) for w in words if _CYRILLIC_GREEK.search(w)}
        self.cjk = any(len(_CJK.findall(t)) > len(t) / 4 for t in self.texts)
        # Arabic, Hebrew, Indic and Thai names come out of anyascii too far from their usual Latin
        # spelling (القاهرة, Cairo) to be compared: like a CJK source's, they are not checked.
        self.unread = any(len(_UNREAD_SCRIPTS.findall(t)) > len(t) / 4 for t in self.texts)
        self.inflected = bool(self.guess & INFLECTING_LANGS)
        bare = [_POSSESSIVE.sub("", w) for w in words]  # Team GB's
        self.acronyms = {w for w in bare if 2 <= len(w) <= 5 and w.isupper() and w.isalpha()}
        # Mixed case spells a name by its capitals: MoMA is the Museum of Modern Art.
        self.acronyms |= {"".join(c for c in w if c.isupper()) for w in bare
                          if w.isalpha() and len(w) <= 6 and sum(c.isupper() for c in w) >= 2
                          and not w.isupper() and w[:1].isupper()}
        # Written with dots: N.C. is North Carolina, U.K. the United Kingdom.
        self.acronyms |= {m.replace(".", "") for t in self.texts for m in _DOTTED_ACRONYM.findall(t)}
        # A hashtag is often an acronym in lowercase (#nyc, #psg).
        self.acronyms |= {h.upper() for t in self.texts for h in re.findall(r"#([^\W\d_]{2,5})\b", t)}
        # A name's initials are its short form: PSG for Paris Saint-Germain, OM for Olympique de
        # Marseille.
        self.initials = {ini for t in self.texts for ini in name_initials(t)}
        # Short forms are written capitalised (St, Mt, NYC, Blvd): "in" and "de" abbreviate no
        # name. Utd of Utd's.
        self.abbrevs = {alnum(p) for w in words for p in (w, *_WORD_PARTS.split(w))
                        if p[:1].isupper() and (2 <= len(alnum(p)) <= 3 or _VOWELLESS.match(alnum(p)))}
        self.abbrevs |= {w.lower() for t in self.texts for w in _SHORT_FORM.findall(t)}  # Natl. Park

    # Numbers and names are read when first asked: an output's own Support (``lost_names``)
    # needs only its words.
    @cached_property
    def capitalised(self) -> set[str]:
        """The words the sources write with a capital somewhere: a name's words, not only common ones."""
        found = [w for t in self.texts for w in _WORD.findall(t)]
        # ... a name after an elided article too: l'Altare della Patria holds Altare
        return {alnum(w) for w in found if w[:1].isupper()} | {
            alnum(_ELIDED.sub("", w)) for w in found if _ELIDED.match(w)}

    @cached_property
    def values(self) -> set[float]:
        out: set[float] = set()
        t_raw = " ".join(self.texts)
        for t in self.variants:
            for n in numbers(t):
                out |= values(n)
            for run in _DECIMAL_IN_CODE.findall(t):  # f2.8L, v1.5: a decimal inside a code
                out |= values(run)
            # Digits inside codes and file names (IMG_20230815), not a myriad's (4万)
            for run in _DIGIT_RUN.findall(_BEFORE_MYRIAD.sub(" ", t)):
                # A date in a file name (20230815) holds its year, month and day; a year does not
                # hold the 21 of 2021, nor a number the sources spell (12万 -> 120000) its pieces.
                spans = range(len(run) - 1) if len(run) >= 6 and run in t_raw else range(0)
                pieces = {run[i:i + k] for k in (2, 4) for i in spans if i + k <= len(run)}
                out |= {float(run)} | {float(p) for p in pieces}
        for t in self.texts:
            out |= _dates_and_times(t)
            out |= {float(n) * 1000 for n in _KARAT.findall(t)}  # 18 kt gold is written 18k
            langs = self.guess | set(likely_languages(t)[:2])
            out |= spelled_values(t, langs) | other_counts(t, langs | {"en"}) | buddhist_years(t)
        return out

    @cached_property
    def dated(self) -> bool:
        """A month the output names must then be the sources' (July -> junio is a change)."""
        return any(months(t) or _YEAR_IN_TEXT.search(t) for t in self.texts)

    @cached_property
    def name_places(self) -> list[tuple[str, frozenset[tuple[str, str]], bool]]:
        """Each source name with its neighbours ("prev"/"next", word): where a name that
        replaced it would stand; and whether only a name explains its capital (``w Gdańsku``
        mid-sentence, not ``Urlaub`` in German, ``Plaza`` in a Title Case listing or ``Kulesi``
        in ``Galata Kulesi``)."""
        return self._names[0]

    @cached_property
    def name_runs(self) -> list[tuple[str, ...]]:
        """The sources' names as written, a run of adjacent name words as one (The Hague)."""
        return self._names[1]

    @cached_property
    def _names(self) -> tuple[list[tuple[str, frozenset[tuple[str, str]], bool]], list[tuple[str, ...]]]:
        places, runs = [], []
        for t in self.texts:
            toks = tokens(t)
            # Generous here: a source's first word may be a name too ("London Marathon 2019").
            langs = likely_languages(t)
            found = names(t, langs, initial_names=True)
            by_grammar = _capitalised_by_grammar(toks, langs)
            at = {i for i, _ in found}
            for i, w in found:
                near = {(side, fold(toks[j].word)) for side, j in (("prev", i - 1), ("next", i + 1))
                        if 0 <= j < len(toks)}
                # One name word alone (w Gdańsku), not a part of a longer name (Galata Kulesi,
                # whose common noun a translation translates).
                alone = not {i - 1, i + 1} & at
                places.append((w, frozenset(near), alone and not by_grammar(i)))
            run: list[tuple[int, str]] = []
            for i, w in [*found, (-2, "")]:
                if run and (i != run[-1][0] + 1 or not toks[i].spaced):
                    runs.append(tuple(x for _, x in run))
                    run = []
                run.append((i, w))
        return places, runs

    @cached_property
    def place_keys(self) -> frozenset[str]:
        """What the sources' words and runs of up to three words name in CLDR (a country,
        language or major city), in any language: Deutschland and Germany are one key."""
        table = place_names()
        keys: set[str] = set()
        for t in self.texts:
            # Short forms CLDR knows as aliases of a country code (UK -> GB, USA -> US).
            keys |= {f"territory:{c}" for w in _WORD.findall(t) if w.isupper()
                     for c in territory_aliases().get(w, ())}
            found = [_POSSESSIVE.sub("", w) for w in _WORD.findall(t)]  # The Hague's: The Hague
            # Whole words, and a hyphenated word's parts: France-Pays-Bas names the Netherlands.
            # An Arabic word with its clitic (بالقاهرة, "in Cairo"): the name is the rest.
            for words in ([alnum(w) for w in found], [alnum(p) for w in found for p in w.split("-")],
                          [alnum(_ARABIC_CLITIC.sub("", w)) for w in found]):
                for k in (1, 2, 3):
                    for j in range(len(words) - k + 1):
                        keys |= table.get("".join(words[j:j + k]), frozenset())
        # A language's name holds the country it is most spoken in (Dutch Grand Prix -> Gran
        # Premio de los Países Bajos): CLDR's likely subtags.
        keys |= {f"territory:{t}" for k in keys if k.startswith("language:")
                 for t in [likely_territory(k.split(":", 1)[1])] if t}
        # ... and so does a source written in a language of one country (Якутии: in Russia).
        keys |= {f"territory:{t}" for lang in self.langs - _MANY_COUNTRY_LANGS
                 for t in [likely_territory(lang)] if t}
        return frozenset(keys)

    def has_number(self, number: str) -> bool:
        return bool(values(number) & self.values)

    def has_code(self, code: str) -> bool:
        return alnum(code) in self.concat

    def has_name(self, name: str, out_langs: tuple[str, ...] = (), short_forms: bool = True) -> bool:
        """Is ``name`` one of the sources' words, up to inflection, spelling and script? With
        ``out_langs`` (the output's language, when sure), also: is it that language's own name
        for a place or thing, in a translation from a language we are sure of?
        ``short_forms=False``: no word of the sources is read as a short form (``An`` is no
        abbreviation of ``Angkor``), where a name must plainly be there."""
        n = alnum(name)
        if not n or n in self.words or (len(n) >= 4 or name.isupper()) and n in self.concat:
            return True
        if name.isupper() and n in self.initials:
            return True
        if any(place_names().get(f, frozenset()) & self.place_keys for f in _declined_forms(name, n)):
            return True  # Wien / Vienna, Türkiye / Turkey, России / РФ
        if any(n[:k] in self.words and n[k:] in self.words for k in range(3, len(n) - 2)):
            return True  # two source words as one compound: Filmstill of film still
        if len(n) <= 3 and any((u := w.lstrip("0123456789")) and u != w and n.startswith(u)
                               for w in self.words):
            return True  # a unit the source glues to its number, or its short form: Ah of 2.0Ah, GB of 12G
        if n in _SAINTS and self.words & _SAINTS:
            return True  # St. Paul's -> San Paolo, Sankt Petersburg -> Saint Petersburg
        from rapidfuzz import fuzz

        for w in self.words:
            k, prefix = min(len(w), len(n)), len(os.path.commonprefix([w, n]))
            # Inflection: Paris / Parisian, Köln / Kölner; not a word of its own grown into a
            # longer name (mars / Marseille).
            if k >= 4 and prefix >= max(4, 0.6 * k) and (len(n) - len(w) <= 4 or not self._own_word(w)):
                return True
            # An abbreviation written out (Fri / Friday, Intl / International); a longer word
            # that is a word of its own is none (mars, March in French, is not Marseille).
            if short_forms and k >= 3 and prefix == k and len(n) > len(w) \
                    and (k == 3 or not self._own_word(w)):
                return True
            if short_forms and (w in self.abbrevs and _abbreviates(w, n) or _abbreviates(n, w)):
                return True  # Mt / Mount, St / Saint
            if w in self.translit and k >= 5 and prefix >= 3:  # Москве -> moskve ~ Moscow
                return True
            if self.inflected and k >= 5 and prefix >= 3 and abs(len(w) - len(n)) <= 2:  # Praha / v Praze
                return True
            if n in _DEMONYMS.get(w, ()):
                return True
            # Transliteration and spelling: München / Munich, Гога / Gogh; not a short word inside
            # another (ore / Rome).
            if min(len(w), len(n)) >= 4 and fuzz.ratio(w, n) >= 75:
                return True
        # A translation writes names its own way (London -> Londres, Moscow -> Москва): a word
        # common in the output's language and rare in the source's is a translated name.
        if not out_langs or out_langs[0] in self.langs:
            return False
        src_langs = tuple(lang for lang in self.guess - set(out_langs) if lang in WORDLIST_LANGS)
        if not src_langs:
            return False
        # A web word list holds the target's everyday words in every language (castle in Polish
        # text): an everyday word of the target that is clearly more its own counts too (Park,
        # Port, Castle), but never a colour, a material or an animal, which are facts of their own.
        common, elsewhere = zipf(name, out_langs), zipf(name, src_langs)
        return common - elsewhere >= 1.5 or common >= TARGET_NOUN and common - elsewhere >= 0.6 and not any(
            senses(name, group) for group in REPLACED_GROUPS)

    def _own_word(self, word: str) -> bool:
        """A source word that is a word of its language, not a short form (mars, not Fri)."""
        return zipf(word, self.word_langs) >= NAME_PART

    def lost_names(self, output: str, common_nouns: bool = False) -> frozenset[tuple[str, str]]:
        """The neighbours ("prev"/"next", word) of the source names the output lost: where a
        swapped-in name would stand. ``common_nouns``: leave out the places of capitalised words
        that are common nouns of the sources' language (``common_noun``), unless only a name
        explains their capital (``w Gdańsku``: a declined name is a common word too)."""
        own = Support([output])  # outputs differ: not worth a place in support_of's cache
        langs = tuple(sorted(self.guess))
        return frozenset(place for w, places, sure in self.name_places
                         if not own.has_name(w) and not (common_nouns and not sure and common_noun(w, langs))
                         for place in places)

    def lost_runs(self, output: str) -> list[tuple[str, ...]]:
        """The source's name words the output lost, adjacent ones as one run (Hagia Sophia of
        "Hagia Sophia Istanbul" where the output kept Istanbul)."""
        own = Support([output])
        out: list[tuple[str, ...]] = []
        for run in self.name_runs:
            part: list[str] = []
            for w in [*run, ""]:
                if w and not own.has_name(w):
                    part.append(w)
                elif part:
                    out.append(tuple(part))
                    part = []
        return out


def unsupported(text: str, sources: list[str], shown: bool = True, lang: str | None = None,
                from_image: bool = False) -> list[str]:
    """The facts of ``text`` that none of ``sources`` holds, in the order they appear.

    ``shown=False``: the model never saw the sources (a visual caption of the image alone), so
    counts, measures and names it reads off the image are its own; only a year, which the pixels
    do not show, is checked, and even a year of the sources is a guess there; and a price the
    sources do not give (a price tag read off the image is quoted). ``lang``: the
    language the output must be in (a translation's target), which lets a name be written the
    target's way (Londres).
    ``from_image``: the model saw the image, so numbers it spells out ("two spires") and text
    it quotes ('a mug that reads "Made in 1999"') are what it read off the pixels.
    """
    support = support_of(tuple(sources))
    if not support.texts:
        return []
    sure = lang or sure_language(text)
    langs = (sure,) if sure else likely_languages(text)
    if from_image:
        text = QUOTED.sub(" ", text)
    # Spelled-out numbers are compared only where the sources' number words can be read too.
    spelled = not from_image and not (support.guess - NUMBER_WORD_LANGS - {"ja", "zh", "ko"})
    # A number grouped another way (ISBN 978-0-547-92822-7 for 9780547928227) is the source's.
    text = _GROUPED_DIGITS.sub(lambda m: " " if alnum(m[0]) in support.concat else m[0], text)
    written = scaled(cjk_to_digits(text, all_forms=False))  # 1万2900 -> 12900, 12.8 million
    written = digits_normalised(written, langs[0]) if spelled else written
    if shown:
        found = [n for n in numbers(written) if not support.has_number(n)]
    else:  # the image alone shows no year (one printed in it is quoted): even the alt-text's is a guess
        found = [n for n in numbers(written) if _YEAR.match(n)] + _EARLY_YEAR.findall(written)
        # ... nor a price, unless the alt-text gives it (a price tag it reads is quoted)
        found += [p for p in prices(written) if not support.has_number(p)]
    if found:  # 1 200 kvm: a thousands group set off by a plain space, as Swedish and French write it
        spaced = {part for m in _SPACED_THOUSANDS.finditer(written)
                  if support.has_number(m[1] + m[2]) for part in (m[1], m[2])}
        found = [n for n in found if n not in spaced]
    if found:
        conversions = converted(text, sources)
        found = [n for n in found if n not in conversions]
    if from_image and shown and not (support.guess - NUMBER_WORD_LANGS):
        # An ordinal of eleven or more (her twenty-second title) is no count read off the image.
        found += [m[1] for m in _SPELLED_ORDINAL.finditer(digits_normalised(text, langs[0], ordinals=True))
                  if int(m[1]) >= 11 and m[0] not in text and not support.has_number(m[1])]
    if not shown:  # a caption of the image alone names what it sees (a Labrador, the Eiffel Tower)
        return list(dict.fromkeys(found))
    if support.dated and not from_image:  # "may" is a verb, "Mayıs" a month
        found += [w for w, n in months(text, "wide") if float(n) not in support.values
                  and not (w.islower() and zipf(w, "en") >= COMMON)]
    # A price in another currency is another price (¥12,900 -> 12,900원), where the sources name one.
    priced = {c for t in support.texts for _, codes_ in currencies(t) for c in codes_}
    found += [w for w, codes_ in currencies(text) if priced and not codes_ & priced]
    # A letter size is a fact where the sources state one: Size B -> size C, Gr. M -> Größe L.
    sizes = {size.upper() for t in support.texts for size in _letter_sizes(t)}
    found += [f"size {size}" for size in _letter_sizes(text) if sizes and size.upper() not in sizes]
    text = _NUMBER_MARK.sub(" ", text)  # "No. 5", "Nr. 7": a number's label, not a name
    found += [c for c in codes(text) if not support.has_code(c) and not _parts_held(c, support)]
    # A king's or a model's number in Roman numerals: Louis XV for Louis XIV, Mark III for Mark II.
    found += [n for n in regnal_numbers(text) if alnum(n) not in support.words
              and float(roman_value(n)) not in support.values]
    out_cjk = len(_CJK.findall(text)) > len(text) / 4
    out_unread = len(_UNREAD_SCRIPTS.findall(text)) > len(text) / 4
    if out_cjk != support.cjk:  # Kyoto -> 奈良, 京都 -> Nara
        found += _places_across_scripts(text, support, out_cjk)
    elif out_cjk:  # 京都 -> 奈良: a place for one of the sources', in kana, Han or Hangul on both sides
        said = cjk_places(text)
        found += _replaced_places(said, [keys for _, keys in said],
                                  [keys for t in support.texts for _, keys in cjk_places(t)])
        if lang is None:  # ドジャース -> エンゼルス: a name in katakana for one the output lost
            found += _katakana_swaps(text, support.texts)
    elif (support.unread or out_unread) and not out_cjk:  # أبوظبي -> Dubai, Jordan -> مصر: across scripts
        found += _replaced_places(_latin_places(tokens(text)) + _unread_places(text), named_places(text),
                                  [keys for t in support.texts for keys in named_places(t)])
    elif not out_cjk and (lang is None or lang in support.guess):
        # In the sources' language, a city for a city and a country for a country, whatever
        # explains the capital (Lanxess Arena Köln -> in Düsseldorf). A translation writes places
        # its own way (Monaco for Munich): the checks below judge those.
        apart = _HYPHENATED_NAMES.sub(" – ", text)  # Milano-Napoli: two places
        found += _replaced_places(_latin_places(tokens(apart)), named_places(text),
                                  [keys for t in support.texts for keys in named_places(t)])
    if not (support.cjk and not out_cjk) and not support.unread:  # CJK or Arabic names, in Latin letters
        toks = tokens(text)
        # In another language than the sources', a capitalised common noun of theirs (Urlaub,
        # Frühstück, Plaza) comes back translated in its place (Holiday, Breakfast): only a
        # name's place tells of a swap there.
        translated = langs[0] not in support.guess
        lost = support.lost_names(text, common_nouns=translated)
        cands = names(text, langs, lost, lang)
        out_langs = (lang,) if lang else ()  # only a required language excuses a foreign name
        held = {i for i, w in cands
                if all(support.has_name(part, out_langs) for part in _name_parts(w, langs, support))
                or _compound_held(w, langs, support, out_langs)
                or is_roman(w) and float(roman_value(w)) in support.values  # Mark III for Mark 3
                or _ordinal_value(w, langs[0]) in support.values  # Charles the Third for Charles III
                or _a_dated_month(w, support)}  # 9 Şubat 2023 for 09.02.2023
        named = {i: zipf(t.word, langs) for i, t in enumerate(toks)
                 if t.word[:1].isupper() and t.word.isalpha() and support.has_name(t.word, out_langs)}
        # Across languages names change form in ways no word list knows (Monaco di Baviera, Den
        # Haag, South Tyrol): there a new name counts only where a source name went missing.
        across = bool(lang) and lang not in support.guess and support.worded
        spelled_out = _expanded_acronyms(toks, support)  # Paris Saint-Germain for PSG: no new place
        held |= spelled_out | _added_given_names(cands, held, toks, support, langs)
        rest = [(i, w) for i, w in cands if i not in held]
        if rest:
            held |= _other_forms(rest, toks, support, text, langs)
        if from_image:  # "Korean lettering": the model reads the script off the image
            held |= {i for i, w in cands if w.lower() in _language_names()}
        # Across languages, two kinds of new name still tell on their own: a country or major
        # city CLDR knows that no source names in any language (Wembley -> Lisboa), and a person
        # (a given name, then another name: "a recipe by Pierre Hermé" for Cyril Lignac's).
        countries = _countries(toks, cands) if across else []
        invented = (_new_places(cands + countries, held, toks, support)
                    | _new_people(cands, held, toks, langs)) - spelled_out if across else set()
        # Across languages a name's common noun is translated beside the part that stays (Galata
        # Kulesi -> Galata Tower, Hamburger Hafen -> Port of Hamburg): no swap.
        noun_parts = {i for i, w in cands if across and _translated_noun(w, langs, support) and any(
            j in named for j in (i - 1, i + 1))}
        # ... and a name's closing word that is among the language's commonest is its translated
        # noun whatever stands before it (Olkhon Island for остров Ольхон, King's Day for Koningsdag).
        everyday = {i for i, w in cands if across and i > 0 and toks[i - 1].word[:1].isupper()
                    and zipf(w, langs) >= EVERYDAY and not _run_is_place(i, toks)}
        noun_parts |= everyday
        invented -= everyday
        swapped = {i for i, _ in cands if _in_lost_place(i, toks, lost) and i not in noun_parts}
        # A common word that only a source's lowercase word holds is no name of the sources where
        # it stands in a lost name's place (Tower Bridge for Westminster Bridge beside "a clock tower").
        held -= {i for i, w in cands if i in swapped and not toks[i].initial
                 and alnum(w) in support.words - support.capitalised}
        # Nor is a name held only as a form of a source name the output writes as it is elsewhere
        # (Lake Yamanaka for Lake Kawaguchi, beside Yamanashi): the form is a second name.
        kept = {alnum(t.word) for t in toks} & support.capitalised
        held -= {i for i, w in cands if i in swapped and alnum(w) not in support.words
                 and any(k != alnum(w) and len(os.path.commonprefix([k, alnum(w)])) >= 4 for k in kept)}
        if across:  # em Carrara, Toscana for in Pietrasanta, Tuscany
            swapped |= {i for i, w in cands if i not in held and i not in noun_parts
                        and _beside_lost_name(i, toks, support, text, out_langs)}
        found += [w for i, w in countries if i in invented]
        found += [w for i, w in cands if i in invented or i not in held and (
            i in swapped or not across and not _name_part(i, w, named, langs))]
        if langs[0] == "de":
            found += _place_adjectives(toks, support)
    return list(dict.fromkeys(found))


def _place_adjectives(toks: list[Token], support: Support) -> list[str]:
    """A German place adjective (``im Salzburger Land`` for a source in Oberösterreich): a
    city or country CLDR knows with ``-er``, which no source names in any form. German
    capitalises nouns, so the adjective reads as an ordinary word, not a name. Ones English
    borrowed as foods (Hamburger, Wiener) are left alone."""
    out = []
    for t in toks:
        w = t.word
        if not (w[:1].isupper() and w.isalpha() and w.endswith("er") and len(w) >= 6):
            continue
        keys = place_names().get(alnum(w[:-2]))
        if keys and not keys & support.place_keys and zipf(w, ("en",)) < 2.5 \
                and not support.has_name(w) and not support.has_name(w[:-2]):
            out.append(w)
    return out


_WRITTEN_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_SPELLED_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)(?![^\W\d_])")


def _run_is_place(i: int, toks: list[Token]) -> bool:
    """Whether the name run around token ``i`` (São Paulo, Москва) is a place CLDR knows."""
    return alnum("".join(toks[j].word for j in _run(i, toks))) in place_names()


def _ordinal_value(word: str, lang: str) -> float | None:
    """The number of an ordinal word (Third, Fourteenth), else None."""
    m = _WRITTEN_ORDINAL.match(digits_normalised(word, lang, ordinals=True))
    return float(m[1]) if m else None


EVERYDAY = 5.0  # Zipf of a language's commonest words: day, island, king, house, street
GENERIC = 1.5  # Zipf above the other languages' mean: a word of one language (Urlaub), not a name


def _translated_noun(word: str, langs: tuple[str, ...], support: Support) -> bool:
    """A common word of the output's language, much rarer in the sources' and no place CLDR
    knows: a name's translated common noun (Tower for Kulesi, Port for Hafen), not a city."""
    z = zipf(word, langs)
    return z >= NAME_PART and alnum(word) not in place_names() and z - zipf(word, support.word_langs) >= 0.75


def common_noun(word: str, langs: tuple[str, ...]) -> bool:
    """A common word of one of ``langs`` that is not a name: frequent there (Urlaub 4.8, Zamek
    4.5) and far rarer in the other major languages, where names travel (Paris, Madrid, Berlin).
    Places CLDR names (Schweiz, Wien) are names however local their word."""
    z = zipf(word, langs)
    if z < NAME_PART or alnum(word) in place_names():
        return False
    elsewhere = _elsewhere(word, langs)
    return elsewhere is None or z - elsewhere >= GENERIC


def _elsewhere(word: str, langs: tuple[str, ...]) -> float | None:
    """``word``'s mean Zipf in the major languages other than ``langs``, where names travel."""
    others = [zipf(word, lang) for lang in ("en", "de", "fr", "es", "it") if lang not in langs]
    return sum(others) / len(others) if others else None


LOCAL = 3.0  # Zipf above the major languages' mean: a word of the text's language alone


def _local_word(word: str, langs: tuple[str, ...]) -> bool:
    """A word of ``langs`` that the major languages, where names travel, hardly know."""
    elsewhere = _elsewhere(word, langs)
    return elsewhere is not None and zipf(word, langs) - elsewhere >= LOCAL


def _parts_held(code: str, support: Support) -> bool:
    """A hyphenated code whose parts all have letters and are each a source code or word:
    ``E27-LED`` of ``LED Bulbs E27``. A part of digits alone must come with its code (18V-55)."""
    parts = [p for p in code.split("-") if p]
    return len(parts) >= 2 and all(any(c.isalpha() for c in p) for p in parts) and all(
        alnum(p) in support.words or any(c.isdigit() for c in p) and support.has_code(p) for p in parts)


def _compound_held(word: str, langs: tuple[str, ...], support: Support, out_langs: tuple[str, ...]) -> bool:
    """A hyphenated compound whose every part is an ordinary word or one the sources hold:
    ``Schwarz-Weiß-Filmstill`` of a black-and-white film still, ``Smart-Home-Starterset``. An
    acronym is a name however common (``CSU-Chef`` for ``CDU-Bundesvorsitzender``)."""
    parts = [p for p in word.split("-") if p]
    return len(parts) >= 2 and all(zipf(p, langs) >= COMMON and not _is_acronym(p)
                                   or support.has_name(p, out_langs) for p in parts)


def _name_parts(name: str, langs: tuple[str, ...], support: Support) -> list[str]:
    """A hyphenated name that shares a part with a hyphenated source name is held only if each
    of its rare parts is: Hamburg-Harburg is not Hamburg-Wilhelmsburg. Ordinary parts (Saint-,
    -sur-) need no support; a compound noun (Samsonite-Spinner-Koffer) is one word."""
    parts = [p for p in name.split("-") if p]
    if len(parts) < 2 or not {alnum(p) for p in parts} & support.hyphen_parts:
        return [name]
    return [p for p in parts if p[:1].isupper() and zipf(p, langs) < COMMON] or [name]


# Letters that sound alike across languages' spellings, folded to one: Firenze and Florence,
# Wien and Vienna, Beijing and Peking, Köln and Cologne, Hague and Haag.
_DIGRAPHS = (("sch", "s"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "k"), ("gh", "g"), ("sh", "s"),
             ("ch", "k"), ("tz", "s"), ("ts", "s"), ("x", "ks"), ("ij", "i"), ("dj", "j"), ("zh", "j"),
             ("kh", "k"), ("gn", "n"))
_SOUNDS = str.maketrans("bpvwfckgqdtszjyhaeiou", "ppfffkkkkttssjj_aaaaa")
_REPEATS = re.compile(r"(.)\1+")
SOUNDS_ALIKE = 80  # rapidfuzz ratio of two sound keys: Firenze/Florence 80, Munich/Berlin 36


@lru_cache(maxsize=32768)
def sound(name: str) -> str:
    """A rough key of how a name sounds: ``Florence`` -> ``flaranka``, ``Firenze`` -> ``faransa``."""
    key = alnum(name)
    for a, b in _DIGRAPHS:
        key = key.replace(a, b)
    return _REPEATS.sub(r"\1", key.translate(_SOUNDS).replace("_", ""))


def sounds_alike(a: str, b: str, short: bool = False) -> bool:
    """Two spellings of one name in two languages: the same first sound, keys 80% alike.
    Words under four letters only with ``short`` (inside a run whose every word pairs up)."""
    from rapidfuzz import fuzz

    if not short and min(len(alnum(a)), len(alnum(b))) < 4:
        return False
    ka, kb = sound(a), sound(b)
    return bool(ka) and ka[:1] == kb[:1] and fuzz.ratio(ka, kb) >= SOUNDS_ALIKE


def _other_forms(cands: list[tuple[int, str]], toks: list[Token], support: Support, text: str,
                 langs: tuple[str, ...]) -> set[int]:
    """Token indices of names the sources hold in another language's form: a country, language
    or major city that CLDR names both ways (Deutschland / Germany, Wien / Vienna), or a name
    that sounds like a source name the output lost (Firenze / Florence, The Hague / Den Haag,
    Hagia Sophia / Ayasofya) and is at least as usual in the output's language as the lost one
    (Vienna is English already: Venice for Vienna is another city). A name that sounds like
    another the output kept is a second name."""

    # The output's language by its lowercase words: names (Napoli, Michele) must not decide it.
    own_lang = cache(lambda: (langs[0],) if len(langs) == 1 else
                     ((_lowercase_language([t.word for t in toks]) or langs[0]),))

    def usual(words: tuple[str, ...] | list[str]) -> float:
        return zipf(max(words, key=len), own_lang())

    held: set[int] = set()
    lost: list[tuple[str, ...]] | None = None
    for i, _ in cands:
        if i in held:
            continue
        run = _run(i, toks)
        words = [toks[j].word for j in run]
        table = place_names()
        joined = alnum("".join(words))
        if joined in table and table[joined] & support.place_keys:
            held.update(run)
            continue
        lost = support.lost_runs(text) if lost is None else lost
        for names_ in lost:
            pairs = zip(words, names_, strict=False)
            if len(names_) == len(words) > 1 and all(sounds_alike(a, b, short=True) for a, b in pairs) \
                    or sounds_alike("".join(words), "".join(names_)):
                if usual(words) >= usual(names_):
                    held.update(run)
                    break
            if any(sounds_alike(toks[i].word, n) and usual((toks[i].word,)) >= usual((n,))
                   for n in (*names_, "".join(names_))):
                held.add(i)
                break
    return held


def _countries(toks: list[Token], cands: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Countries named by capitalised words that are no name candidate: a country is a name
    however its language capitalises nouns (``aus Italien``)."""
    at = {i for i, _ in cands}
    return [(i, t.word) for i, t in enumerate(toks) if i not in at and t.word[:1].isupper()
            and any(k.startswith("territory:") for k in place_names().get(alnum(t.word), ()))]


def _new_places(cands: list[tuple[int, str]], held: set[int], toks: list[Token],
                support: Support) -> set[int]:
    """Token indices of names CLDR knows as a country or major city, in any language, that no
    source names: Lisboa for a final at Wembley. Its word alone or its whole run is the place.
    Such a name is not excused as a translation of some source word (a word common in the
    output's language): only a source word that is that place, in some form, holds it."""
    out: set[int] = set()
    source_words = [w for t in support.texts for w in _WORD.findall(t) if len(w) >= 4]
    for i, _ in cands:
        word = toks[i].word
        if i in held and support.has_name(word) or any(sounds_alike(word, w) for w in source_words):
            continue  # Turquía for Turkey: the same place in another spelling
        if i + 2 < len(toks) and toks[i + 1].word.islower() and len(toks[i + 1].word) <= 3 \
                and toks[i + 2].word[:1].isupper():
            continue  # a qualified name is another place: Monaco di Baviera (Munich), Frankfurt am Main
        if any(keys and not keys & support.place_keys for _, keys in _place_forms(i, toks)):
            out.add(i)
    return out


@cache
def _given_names() -> Detector:
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


def _new_people(cands: list[tuple[int, str]], held: set[int], toks: list[Token],
                langs: tuple[str, ...]) -> set[int]:
    """Token indices of a person the sources do not name: a given name (gender-guesser's list
    of first names by country) followed by another new name word (Pierre Hermé, Mona Lisa).
    A given name that is also a place CLDR knows (Paris, Florence) or an ordinary word (Royal,
    Rose), or one before an ordinary word (Victoria Station), is not taken for one."""
    new = {i for i, _ in cands if i not in held}
    out: set[int] = set()
    for i in sorted(new):
        word = toks[i].word
        if i + 1 in new and toks[i + 1].spaced and word.isalpha() and alnum(word) not in place_names() \
                and zipf(word, langs) < COMMON and zipf(toks[i + 1].word, langs) < NAME_PART_BESIDE_COMMON \
                and _given_names().get_gender(word) != "unknown":
            out |= {i, i + 1}
    return out


def _added_given_names(cands: list[tuple[int, str]], held: set[int], toks: list[Token], support: Support,
                       langs: tuple[str, ...]) -> set[int]:
    """Token indices of a first name put before a surname the sources give alone (``Kyogo
    Furuhashi`` for ``Furuhashi 23'``): the person is the sources'. Where a source gives the
    surname with a first name, another one is a change (``David Kiprop`` for ``Daniel Kiprop``)."""
    out = set()
    for i, word in cands:
        if i in held or i + 1 >= len(toks) or not toks[i + 1].spaced or not word.isalpha():
            continue
        surname = _POSSESSIVE.sub("", toks[i + 1].word)
        if i + 1 not in held or alnum(surname) not in support.capitalised or alnum(word) in place_names() \
                or any(max(zipf(w, langs), zipf(w, "en")) >= NAME_PART for w in (word, surname)):
            continue
        alone = [k == 0 or not t.spaced or not source[k - 1].word[:1].isupper()
                 for source in map(tokens, support.texts) for k, t in enumerate(source)
                 if alnum(t.word) == alnum(surname)]
        if alone and all(alone):
            out.add(i)
    return out


def _places_across_scripts(text: str, support: Support, out_cjk: bool) -> list[str]:
    """The places an output names in another script than its sources' (kana, Han, Hangul on
    one side, Latin on the other) that replace one of the sources': a city where the sources
    name another city, a country where they name another country. A place the sources do not
    replace (``Tokyo`` added to ``渋谷 スクランブル交差点``) is left alone."""
    if out_cjk:
        said = said_any = cjk_places(text)
        held = support.place_keys
    else:
        said, said_any = _latin_places(tokens(text)), _latin_places(tokens(text), loose=True)
        # A CJK word's romanisation names no place: only the sources' Latin words count.
        latin = support_of(tuple(_CJK.sub(" ", t) for t in support.texts))
        held = latin.place_keys | {k for t in support.texts for _, keys in cjk_places(t) for k in keys}
    return _replaced_places(said, [keys for _, keys in said_any], [frozenset({k}) for k in held])


_HYPHENATED_NAMES = re.compile(r"(?<=[^\W\d_])-(?=[A-ZÀ-ÖØ-Þ])")


@lru_cache(maxsize=4096)
def _capital(word: str) -> bool:
    """Capitalised, or in a script without capitals (القاهرة, 東京): a name may start there."""
    return word[:1].isupper() or word[:1].isalpha() and word[:1].lower() == word[:1].upper()


def named_places(text: str) -> tuple[frozenset[str], ...]:
    """The cities and countries that capitalised words of ``text`` name (each name's keys: London
    is a city in England and one in Ontario), alone or as a run of up to three words that starts
    and ends capitalised (``Rio de Janeiro``); hyphenated words part by part too
    (``Milano-Napoli``), a possessive as its name (``Prague's``)."""
    table, out = place_names(), []
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text)]
    words += [p for w in words if "-" in w for p in w.split("-") if p]
    bare = [_ARABIC_CLITIC.sub("", w) for w in words]  # بالدار البيضاء, "in Casablanca"
    for run in (words, bare) if bare != words else (words,):
        for k in (1, 2, 3):
            for j in range(len(run) - k + 1):
                if _capital(run[j]) and _capital(run[j + k - 1]):
                    keys = frozenset(key for key in table.get("".join(map(alnum, run[j:j + k])), ())
                                     if key.startswith(PLACE_KINDS))
                    if keys and (run is words or run[j:j + k] != words[j:j + k]):
                        out.append(keys)
    return tuple(out)


_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{3,}")


def _katakana_swaps(text: str, sources: Sequence[str]) -> list[str]:
    """Katakana words (names and loanwords) of a Japanese output that no source holds, standing
    where one the output lost stood, by the characters beside it: エンゼルス入団 for ドジャース入団."""
    def beside(t: str, m: re.Match[str]) -> set[str]:
        return {x for x in (t[max(0, m.start() - 2):m.start()], t[m.end():m.end() + 2])
                if len(x.strip()) == 2}

    lost = {x for t in sources for m in _KATAKANA_RUN.finditer(t) if m.group() not in text
            for x in beside(t, m)}
    return [m.group() for m in _KATAKANA_RUN.finditer(text)
            if not any(m.group() in t for t in sources) and beside(text, m) & lost]


def _unread_places(text: str) -> list[tuple[str, frozenset[str]]]:
    """(word, keys) of the cities and countries named in Arabic, Hebrew or Devanagari words
    (الأردن, מצרים, मिस्र), as CLDR writes them there."""
    table = place_names()
    out = []
    for w in _WORD.findall(text):
        keys = frozenset(k for k in table.get(alnum(w), ()) if k.startswith(PLACE_KINDS))
        if keys and _UNREAD_SCRIPTS.match(w):
            out.append((w, keys))
    return out


def _replaced_places(said: list[tuple[str, frozenset[str]]], said_any: Sequence[frozenset[str]],
                     held: Sequence[frozenset[str]]) -> list[str]:
    """The places ``said`` that replace one of ``held`` (the sources' places, each as the keys
    its name may mean): a city where a source city is missing from the output (``said_any``:
    every place the output names, in any form), a country where a source country is."""
    said_keys = {k for keys in said_any for k in keys}
    held_keys = {k for keys in held for k in keys}
    missing = [keys for keys in held if not keys & said_keys]
    out = []
    for name, keys in said:
        if keys & held_keys:
            continue
        kinds = {kind for kind in PLACE_KINDS for k in keys if k.startswith(kind)}
        if any(k.startswith(kind) for gone in missing for k in gone for kind in kinds):
            out.append(name)
    return out


def _latin_places(toks: list[Token], loose: bool = False) -> list[tuple[str, frozenset[str]]]:
    """The cities and countries capitalised words name, alone or with their neighbours; a
    word of a longer name only as CLDR knows it (Independence Square is no city), unless
    ``loose``."""
    toks = [replace(t, word=_ELIDED.sub("", t.word)) for t in toks]  # d'Alexandrie is Alexandrie
    return [(form, keys) for i, t in enumerate(toks) if t.word[:1].isupper()
            for form, keys in _place_forms(i, toks, loose) if keys]


def _place_forms(i: int, toks: list[Token], loose: bool = False) -> list[tuple[str, frozenset[str]]]:
    """The places token i names alone and with its capitalised neighbours (possibly none). A word
    of a longer name counts only as CLDR knows it, unless ``loose`` or it is a city's own name
    in GeoNames and no ordinary word: GeoNames' Independence (Missouri) is not Independence
    Square's, nor Toledo's other name Vistula the Vistula River's, but Osaka Castle is Osaka's."""
    table, run, out = place_names(), _run(i, toks), []
    whole = "".join(toks[j].word for j in run)
    if len(run) > 1 and any(k.startswith(PLACE_KINDS) for k in table.get(alnum(whole), ())):
        forms: tuple[str, ...] = (whole,)  # New Delhi is one place: its Delhi is no other (Dili)
    else:
        forms = (toks[i].word, whole)
    for form in forms:
        part = form == toks[i].word and len(run) > 1 and not loose \
            and not (city_main_name(form) and zipf(form, ("en",)) < ORDINARY_ZONE)
        out.append((form, frozenset(k for k in table.get(alnum(form), ()) if k.startswith(PLACE_KINDS)
                                    and not (part and k.startswith("city:geo:")))))
    return out


def _run(i: int, toks: list[Token]) -> list[int]:
    """Token i and its capitalised neighbours: the name it is a word of."""
    start, end = i, i
    while start > 0 and toks[start].spaced and toks[start - 1].word[:1].isupper():
        start -= 1
    while end + 1 < len(toks) and toks[end + 1].spaced and toks[end + 1].word[:1].isupper():
        end += 1
    return list(range(start, end + 1))


def _expanded_acronyms(toks: list[Token], support: Support) -> set[int]:
    """Token indices of capitalised runs whose initials spell a source acronym (WC -> World Cup,
    EU -> European Union, LA -> Los Angeles), or all of it but its City (NYC -> New York)."""
    acronyms = {a.lower() for a in support.acronyms}
    held: set[int] = set()
    def initials(j: int) -> str:  # Saint-Germain: S and G; l'Olympique: O; "de" of a name: none
        return "".join(p[0] for p in re.split(r"[-'’]", toks[j].word) if p[:1].isupper())

    caps = [i for i in range(len(toks)) if initials(i)]
    for start in caps:
        run = [start]
        while run[-1] + 1 < len(toks) and len(run) < 6:
            nxt = run[-1] + 1
            if not (initials(nxt) or toks[nxt].word in _NAME_LINKS):
                break
            run.append(nxt)
            spelled = "".join(map(initials, run)).lower()
            if initials(nxt) and (spelled in acronyms or spelled + "c" in acronyms):  # NYC: New York (City)
                held.update(run)
    return held


_NAME_LINKS = {"de", "of", "du", "des", "del", "di", "da", "do", "dos", "der", "van", "von", "y", "and", "&"}


def _in_lost_place(i: int, toks: list[Token], lost: frozenset[tuple[str, str]]) -> bool:
    """Does token i stand where a source name stood (London Marathon -> Boston Marathon)?"""
    near = {("prev", fold(toks[i - 1].word)) if i else None,
            ("next", fold(toks[i + 1].word)) if i + 1 < len(toks) else None}
    return bool(near & lost)


def _beside_lost_name(i: int, toks: list[Token], support: Support, text: str,
                      out_langs: tuple[str, ...]) -> bool:
    """In a translation: does token i stand beside a name, in the output's form, that stood
    beside a source name the output lost (``em Carrara, Toscana`` for ``in Pietrasanta,
    Tuscany``)? Only for a lost name in Latin letters that no language uses as a word (a
    translation renders ``Blue Mosque`` or ``Palais des papes`` in its own words) and that the
    new name does not resemble (a transliteration)."""
    from rapidfuzz import fuzz

    own, word = support_of((text,)), toks[i].word
    for name, near, _ in support.name_places:
        if own.has_name(name) or not _LATIN_NAME.fullmatch(name) or fuzz.ratio(fold(name), fold(word)) >= 60 \
                or max(zipf(name, support.word_langs), zipf(name, "en")) >= NAME_LIKE:
            continue
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < len(toks) and toks[j].word[:1].isupper() and not toks[j].initial \
                    and support.has_name(toks[j].word, out_langs) \
                    and any(s == side and fuzz.ratio(w, fold(toks[j].word)) >= 60 for s, w in near):
                return True
    return False


def _name_part(i: int, word: str, named: dict[int, float], langs: tuple[str, ...]) -> bool:
    """An ordinary word beside a name the source holds: the Gate of "Brandenburg Gate", the
    Games of "Olympic Games". Beside an ordinary word ("Lake"), only a very common one counts:
    "Lake Geneva" for "Lake Como" is a swap. A compound with an acronym is a name of its own
    (CSU-Chef); a club's FC beside its name is not."""
    if "-" in word and _is_acronym(word):
        return False
    common = zipf(word, langs)
    beside = [named[j] for j in (i - 1, i + 1) if j in named]
    # Generic words belong to one language (Gate, Kathedrale); names travel (Barcelona, Boston).
    others = [zipf(word, lang) for lang in ("en", "de", "fr", "es", "it") if lang not in langs[:1]]
    generic = common - sum(others) / len(others) >= 0.75
    return generic and any(common >= (NAME_PART if z < NAME_PART else NAME_PART_BESIDE_COMMON)
                           for z in beside)


class FactConsistency(Filter[Generation]):
    """Names, brands, places, numbers, years and codes in the output must be in its sources."""

    name = "facts"

    def warm(self) -> None:
        place_names()  # CLDR and GeoNames, about a second: a shard worker builds them while engines load

    def reason(self, g: Generation) -> str | None:
        sources = [g.source, *g.context]
        if not g.source.strip():
            return None
        found = unsupported(g.text, sources, g.sees_source, g.lang, from_image=g.sees_image)
        if g.sees_source:
            found += changed_meanings(g.text, sources, from_image=g.sees_image)
            # Number words read as digits on both sides: eight months for 8 weeks
            found += unit_swaps(_spelled(g.text), [*sources, *map(_spelled, sources)])
            found += changed_quantities(_spelled(g.text), [*sources, *map(_spelled, sources)])
            found += changed_counts(g.text, sources)
            found += changed_ordinals(g.text, sources)
            found += changed_initials(g.text, sources)
            found += changed_fractions(g.text, sources)
            found += changed_floors(g.text, sources)
            found += changed_dates(g.text, sources)
            found += changed_times(g.text, sources)
            found += changed_durations(g.text, sources)
            found += swapped_shares(g.text, sources)
            found += lost_bounds(g.text, sources)
            found += flipped_bounds(g.text, sources)
            found += swapped_roles(g.text, sources)
            found += reversed_results(g.text, sources)
            found += changed_titles(g.text, sources)
            found += swapped_sides(g.text, sources)
            found += lost_attributions(g.text, sources)
            found += changed_scores(g.text, sources)
            if g.lang is None:  # in the sources' language
                found += flipped_order(g.text, sources)
            if not g.sees_image:  # a caption of the image says what the image shows
                found += lost_absences(g.text, sources, translated=g.lang is not None)
        if found:
            return Drop("unsupported_fact", ", ".join(found)[:300])
        if g.lang is not None and g.sees_source and not g.sees_image:  # a translation of its source
            lost = lost_numbers(g.text, g.source)
            return Drop("lost_facts", ", ".join(lost)[:300]) if lost else None
        return None


def _spelled(text: str) -> str:
    """``text`` with its number words as digits, in its likeliest language."""
    return digits_normalised(text, sure_language(text) or likely_languages(text)[0])


# A score: 2-1, 6–4, 38-30, 5:1 (a colon only between one-digit numbers: 21:30 is a time). Not part
# of a date, a code or a range of sizes written with more digits (2024-10-06, A6-EOD, 42-45 cm).
_SCORE = re.compile(r"(?<![\w.,/:–-])(\d{1,2})\s?(?:[-–]\s?(\d{1,2})|:(\d))"
                    r"(?![\w/:–-]|[.,]\d|\s?(?:cm|mm|kg|uhr|h)\b)")


def _scores(text: str) -> set[tuple[int, int]]:
    return {(int(m[1]), int(m[2] or m[3])) for m in _SCORE.finditer(text)}


def changed_scores(text: str, sources: list[str]) -> list[str]:
    """Scores of the output that no source gives, either way round, where the sources give
    scores: ``6-2 6-1`` -> ``6-2 6-4``. A score read the other way (``lost 1-2``) is the same."""
    said = set().union(*(_scores(t) for t in sources))
    if not said:
        return []
    return [f"{a}-{b}" for a, b in sorted(_scores(text)) if (a, b) not in said and (b, a) not in said]


# A person's initials before their surname: "A. K. Sharma", "J.R.R. Tolkien".
_INITIALLED = re.compile(r"(?<![\w.])((?:[A-Z]\.[\s-]?){1,3})\s?([A-Z][a-z]{2,})")


def _initialled(text: str) -> set[tuple[str, str]]:
    return {(m[2], "".join(re.findall(r"[A-Z]", m[1]))) for m in _INITIALLED.finditer(text)}


def changed_initials(text: str, sources: list[str]) -> list[str]:
    """Initials the output gives a surname that the sources initial otherwise: ``Dr. A. K.
    Sharma`` -> ``Dr A.R. Sharma``. Dropping some (``A. Sharma``) changes nothing."""
    said: dict[str, set[str]] = {}
    for t in sources:
        for surname, letters in _initialled(t):
            said.setdefault(surname, set()).add(letters)
    return [f"{'.'.join(letters)}. {surname}" for surname, letters in sorted(_initialled(text))
            if surname in said and not any(_subsequence(letters, held) for held in said[surname])]


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


# An ordinal and the noun it ranks, once number words are digits: "2nd goal", "3. Platz", "1er tour".
_RANKED = re.compile(r"(?<![\w.,])(\d{1,2})(?:st|nd|rd|th|ème|e|er|re|de|ste|\.)\s+([^\W\d_]{3,})", re.I)
# "first" stays a word (first light, at first): it ranks only where a source ranks the same noun.
_FIRST = re.compile(r"\b(?:first|erste[nrms]?|premier|première|eerste)\b", re.I)


def _ranked(text: str, lang: str) -> set[tuple[int, str]]:
    """(ordinal, noun) pairs of ``text``, the noun lowercased without a plural ``s``."""
    found = _RANKED.finditer(_FIRST.sub("1st", digits_normalised(text, lang, ordinals=True)))
    return {(int(m[1]), m[2].lower().removesuffix("s")) for m in found if not is_unit(m[2])}


def changed_ordinals(text: str, sources: list[str]) -> list[str]:
    """Ordinals of a thing the sources rank otherwise, in one language: ``his side's second
    goal`` -> ``his side's first goal``, ``3rd edition`` -> ``fourth edition``."""
    lang = sure_language(text) or likely_languages(text)[0]
    if lang not in NUMBER_WORD_LANGS:
        return []
    said = {pair for t in sources if sure_language(t) in (lang, None) for pair in _ranked(t, lang)}
    return [f"{n}. {noun}" for n, noun in sorted(_ranked(text, lang))
            if any(noun == other for _, other in said) and (n, noun) not in said]


# A count and the noun it counts: "3 attachments", "Two huskies" once number words are digits.
_COUNTED = re.compile(r"(?<![\w.,])(\d{1,3})[\s-]+([^\W\d_]{3,})")


def _counted(text: str, lang: str) -> set[tuple[int, str]]:
    """(count, noun) pairs of ``text``, the noun lowercased without a plural ``s``; a unit is
    no noun counted (``unit_swaps`` judges ``8 weeks``)."""
    found = _COUNTED.finditer(digits_normalised(text, lang))
    return {(int(m[1]), m[2].lower().removesuffix("s")) for m in found if not is_unit(m[2])}


def _same_noun(a: str, b: str) -> bool:
    """One noun, or one a compound of the other: ``bed`` and ``bedroom``, not ``car`` and ``card``."""
    short, long = sorted((a, b), key=len)
    return short == long or len(short) >= 3 and long.startswith(short) and len(long) - len(short) >= 3


def changed_counts(text: str, sources: list[str]) -> list[str]:
    """Counts of a thing the sources count otherwise, in one language: ``Two huskies`` ->
    ``Four huskies``, ``3 attachments`` -> ``four attachments``, ``3 bed`` -> ``4-bedroom``.
    Even a caption of the image is held to them: the alt-text counted what the picture shows.
    A thing the sources do not count (``two dogs`` in a caption of a park) is the caption's own."""
    lang = sure_language(text) or likely_languages(text)[0]
    if lang not in NUMBER_WORD_LANGS:
        return []
    said = {pair for t in sources if sure_language(t) in (lang, None) for pair in _counted(t, lang)}
    return [f"{n} {noun}" for n, noun in sorted(_counted(text, lang))
            if any(_same_noun(noun, other) for _, other in said)
            and not any(m == n and _same_noun(noun, other) for m, other in said)]


# A floor by its ordinal, as listings write it in their languages: 5th floor, 2. OG, 3ème étage,
# 5º piso, 3° piano, 3. piętro, 2e verdieping (spelled ordinals read as digits first).
_FLOOR = re.compile(
    r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th|\.|º|°|ª|e|er|ère|ème|eme|de|ste)[\s-]?"
    r"(?:floor|storey|etage|étage|stock|stockwerk|obergeschoss|og|piso|planta|piano|andar|"
    r"verdieping|piętro|piętrze|piętra|våning|våningen|sal|kat|этаж|этаже)(?![^\W\d_])", re.I)


def _floors(text: str) -> set[int]:
    lang = sure_language(text) or likely_languages(text)[0]
    return {int(m[1]) for m in _FLOOR.finditer(digits_normalised(text, lang, ordinals=True))}


def changed_floors(text: str, sources: list[str]) -> list[str]:
    """A floor the sources number otherwise: ``5th floor`` -> ``3. piętro``, ``2. OG`` ->
    ``dritten Obergeschoss``, in any language."""
    said = set().union(*(_floors(t) for t in sources if t))
    if not said:
        return []
    return [f"floor {n} (source: {', '.join(map(str, sorted(said)))})" for n in sorted(_floors(text) - said)]


# Day and month of a date: 5.3.2024, 2024-03-05, 5 March, March 5th, 5 de marzo, 3. Mai, 3月5日;
# 03/05/2024 either way round (day first or month first).
_DAY_DOT_MONTH = re.compile(r"(?<![\w.,/-])([12]\d|3[01]|0?[1-9])\.(1[0-2]|0?[1-9])\.(?:\d{4}|\d{2})?"
                            r"(?![\d/-])")
_DAY_SLASH = re.compile(r"(?<![\w.,/-])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\d/-])")
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-(1[0-2]|0[1-9])-([12]\d|3[01]|0[1-9])(?!\d)")
_CJK_DATE = re.compile(r"(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])日")
_DAY = r"([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|\.|º|er|e)?"


@cache
def _month_short_forms() -> dict[str, int]:
    """Months' short forms: CLDR's abbreviations and any other start of three letters or more
    that only one month's names begin with (fév, févr, sept)."""
    starts: dict[str, set[int]] = {}
    for name, n in month_names("wide").items():
        for k in range(3, len(name)):
            starts.setdefault(name[:k], set()).add(n)
    short = {p: next(iter(ns)) for p, ns in starts.items() if len(ns) == 1}
    return {**short, **{w: n for w, n in month_names("all").items() if w not in month_names("wide")}}


def _day_months(text: str, day_first: bool = False) -> list[frozenset[tuple[int, int]]]:
    """The (day, month) each date of ``text`` may be: one pair, or two for 03/05/2024 unless
    ``day_first`` (a text in a language other than English, where 03/05 is 3 May)."""
    out = [frozenset({(int(m[1]), int(m[2]))}) for m in _DAY_DOT_MONTH.finditer(text)]
    out += [frozenset({(int(m[2]), int(m[1]))}) for m in _ISO_DATE.finditer(text)]
    out += [frozenset({(int(m[2]), int(m[1]))}) for m in _CJK_DATE.finditer(text)]
    out += [frozenset({(a, b)} if day_first and b <= 12 else
                      {(a, b), (b, a)} & {(d, mo) for d, mo in ((a, b), (b, a)) if mo <= 12})
            for a, b in ((int(m[1]), int(m[2])) for m in _DAY_SLASH.finditer(text))]
    wide, short = month_names("wide"), _month_short_forms()
    for m in LETTERS.finditer(text):
        w = m.group()
        # A short form only in lowercase or with its dot: "Pro" is a model, Czech "pro." December.
        dotted = text[m.end():m.end() + 1] == "."
        month = wide.get(w.lower()) or (short.get(w.lower()) if w.islower() or dotted else None)
        if month is None or w.islower() and zipf(w, "en") >= COMMON:  # march, may
            continue
        before = re.search(_DAY + r"\s?(?:de |of |del )?$", text[max(0, m.start() - 12):m.start()])
        after = re.match(r"\s" + _DAY + r"(?![\d:.,]\d|\d)", text[m.end():m.end() + 8])
        day = before or after
        if day:  # a range's first date counts as one: 27 juin – 6 juillet holds two
            out.append(frozenset({(int(day[1]), month)}))
    return [d for d in out if d]


def _day_first(text: str) -> bool:
    """Only English (the US) writes the month first: 03/04/2024 in French is 3 April. Asked of
    a text's language only where it has such a date."""
    return bool(_DAY_SLASH.search(text)) and sure_language(text) not in (None, "en")


_RANGE = re.compile(r"\d\.?\s?[-–—]\s?\d|\bto\b|\bbis\b|\bau\b|\bal\b")
_NOT_RANGES = re.compile(r"\d{4}-\d\d-\d\d|(?<![\d.,])\d{1,2}[:h]\d\d(?!\d)")  # 2024-03-05, 10:00–16:00


def changed_dates(text: str, sources: list[str]) -> list[str]:
    """A date whose day and month the output reads the other way round, or moves, where the
    sources give one date: ``5.3.2024`` (5 March) -> ``3. Mai 2024``. A range (12–14 June) and
    several dates in a source decide nothing."""
    said = [d for t in sources if t for d in _day_months(t, _day_first(t))]
    if len(said) != 1 or any(_RANGE.search(_NOT_RANGES.sub(" ", t)) for t in sources if t):
        return []
    out = []
    for d in _day_months(text, _day_first(text)):
        if not d & said[0]:
            day, month = sorted(d)[0]
            out.append(f"{day}/{month} (source: {', '.join(f'{a}/{b}' for a, b in sorted(said[0]))})")
    return out


# A bound on a percentage: "up to 50% off" is not "50% off".
_BOUND = (r"up to|upto|as much as|as many as|max\.?|maximum|bis zu|bis|jusqu'à|jusqu’à|jusqu'a|"
          r"hasta(?: un| el)?|fino al?|fino a un|até|tot|tot wel|do|aż do|upp till|op til|opp til|enintään|"
          r"максимум|до|最大|最高|최대")
_BOUNDED = re.compile(rf"(?<![^\W\d_])(?:{_BOUND})\s*[-–]?\s*(\d+(?:[.,]\d+)?)\s?%", re.I)
_PERCENT = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s?%")
# A lower bound: "min. 85%", "at least 4 stars", "mindestens 18 Jahre".
_AT_LEAST = (r"at least|no less than|min\.?|minimum|mindestens|wenigstens|au moins|au minimum|al menos|"
             r"como mínimo|almeno|pelo menos|no mínimo|minimaal|ten minste|minst|co najmniej|minimalnie|"
             r"не менее|минимум|最低|최소")
_BOUNDS = {"up to": re.compile(rf"(?<![^\W\d_])(?:{_BOUND})\s*[-–]?\s*(\d+(?:[.,]\d+)?)(?![\d.,]\d)", re.I),
           "at least": re.compile(rf"(?<![^\W\d_])(?:{_AT_LEAST})\s*[-–]?\s*(\d+(?:[.,]\d+)?)(?![\d.,]\d)",
                                  re.I)}


def lost_bounds(text: str, sources: list[str]) -> list[str]:
    """A percentage the sources bound (``up to 50% off``) that the output states flat (``50%
    off``), with no bound in front of it in any language."""
    bounded = {m[1].replace(",", ".") for t in sources for m in _BOUNDED.finditer(t)}
    if not bounded:
        return []
    kept = {m[1].replace(",", ".") for m in _BOUNDED.finditer(text)}
    return [f"{m[0]} (source: up to {m[1]}%)" for m in _PERCENT.finditer(text)
            if m[1].replace(",", ".") in bounded - kept]


def _bounds(text: str) -> dict[str, set[str]]:
    """The numbers ``text`` bounds, by the kind of bound: "up to" or "at least"."""
    return {kind: {m[1].replace(",", ".") for m in pattern.finditer(text)}
            for kind, pattern in _BOUNDS.items()}


def flipped_bounds(text: str, sources: list[str]) -> list[str]:
    """A number the sources bound one way that the output bounds the other: ``min. 85%`` ->
    ``up to 85%``, ``up to 10 hours`` -> ``at least 10 hours``."""
    said: dict[str, set[str]] = {"up to": set(), "at least": set()}
    for t in sources:
        for kind, nums in _bounds(t).items():
            said[kind] |= nums
    out = []
    for kind, nums in _bounds(text).items():
        other = "at least" if kind == "up to" else "up to"
        out += [f"{kind} {n} (source: {other} {n})" for n in sorted(nums & said[other] - said[kind])]
    return out


# A clock time with its half of the day or a 24-hour clock: 4pm, 4 p.m., 16:00, 16h, 16 Uhr,
# 21.30 uur; and the start of a range that ends in one (10 bis 21 Uhr, 9-5pm).
_CLOCK_TIME = re.compile(
    r"(?<![\d:.,])(\d{1,2})(?:[:.](\d{2}))?\s?(?:([ap])\.?\s?m\b\.?|h\b(?!\s?\d)|uhr\b|uur\b)"
    r"|(?<![\d:.,])(\d{1,2})(?::|\s?h\s?)(\d{2})(?![\d:])", re.I)  # 18h30, 18 h 30
_RANGE_START = re.compile(
    r"(?<![\d:.,])(\d{1,2})(?:[:.](\d{2}))?\s?(?:-|–|—|to|bis|à|a|al|tot|till|until)\s?"
    r"(?=\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?\s?m\b|h\b|uhr\b|uur\b))", re.I)


def _clock_times(text: str) -> set[tuple[int, int]]:
    out = set()
    for m in _CLOCK_TIME.finditer(text):
        if m[1]:
            h = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0) if m[3] else int(m[1])  # 4pm: 16
            out.add((h, int(m[2] or 0)))
        else:
            out.add((int(m[4]), int(m[5])))
    out |= {(int(m[1]), int(m[2] or 0)) for m in _RANGE_START.finditer(text)}
    return {(h, mi) for h, mi in out if h < 24 and mi < 60}


def changed_times(text: str, sources: list[str]) -> list[str]:
    """A clock time the sources do not give where they give times: ``10am–4pm`` -> ``10am to
    6pm``. A 12-hour time the sources give without am or pm may be either half of the day."""
    said = set().union(*(_clock_times(t) for t in sources if t))
    if not said:
        return []
    said |= {((h + 12) % 24, mi) for h, mi in said}  # 4:00 and 16:00: a source may omit pm
    return [f"{h:02d}:{mi:02d}" for h, mi in sorted(_clock_times(text)) if (h, mi) not in said]


# A race time or a long duration with its seconds: 2:07:41, 2h07'41, 2 h 07 min 41 s.
_DURATION = re.compile(r"(?<![\d:.,])(\d{1,2})\s?(?::|h|std\.?|hrs?\.?)\s?([0-5]\d)\s?(?::|'|′|min\.?|m)\s?"
                       r"([0-5]\d)(?![\d:])", re.I)


def changed_durations(text: str, sources: list[str]) -> list[str]:
    """An hours-minutes-seconds time the sources do not give, where they give such times:
    ``2:07:41`` -> ``2:07:14`` (each of its numbers may be elsewhere in the sources)."""
    said = {(int(h), int(m), int(sec)) for t in sources if t for h, m, sec in _DURATION.findall(t)}
    if not said:
        return []
    return [f"{h}:{m}:{sec}" for h, m, sec in _DURATION.findall(text)
            if (int(h), int(m), int(sec)) not in said]


# A share and what it is of: 70% wool, 70 % ull, wool 70%.
_SHARE_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?%\s?([^\W\d_]{3,})")
_SHARE_AFTER = re.compile(r"(?<![^\W\d_])([^\W\d_]{3,})\s(\d{1,3}(?:[.,]\d+)?)\s?%")


def _shares(text: str) -> set[tuple[float, str]]:
    pairs = {(n, w) for n, w in _SHARE_BEFORE.findall(text)} | {(n, w) for w, n in _SHARE_AFTER.findall(text)}
    return {(float(n.replace(",", ".")), fold(w)) for n, w in pairs}


def swapped_shares(text: str, sources: list[str]) -> list[str]:
    """Shares the sources give of two things, given the other way round (``70% ull 30%
    kashmir`` -> ``30 % ull och 70 % kashmir``): a share of a thing the sources give another
    share of, where they give this share to another thing."""
    said = set().union(*(_shares(t) for t in sources if t))
    if len(said) < 2:
        return []
    out = []
    for n, w in _shares(text):
        if (n, w) not in said and any(v != n and x == w for v, x in said) and any(
                v == n and x != w for v, x in said):
            out.append(f"{n:g}% {w}")
    return out


def lost_numbers(text: str, source: str) -> list[str]:
    """The numbers and codes a source writes in digits (a size, a year, a model), where its
    translation keeps none of them in any form: a text about something else
    (``Trek Marlin 7, 29-inch wheels`` -> a walk under cherry trees in Tokyo). A translation
    keeps what it cannot translate; one that keeps at least one of them is judged by
    ``unsupported`` alone."""
    nums, refs = numbers(source), codes(source)
    if not nums and not refs:
        return []
    own, support = Support([text]), support_of((source,))
    if any(own.has_number(n) for n in nums) or any(own.has_code(c) for c in refs):
        return []
    if any(support.has_number(n) for n in numbers(scaled(cjk_to_digits(text)))):
        return []  # written another way (20h -> 8 pm is not this; 1,5 -> 1.5 is)
    return list(dict.fromkeys([*nums, *refs]))


# A photo credit names the photographer and the agency, not what the picture shows.
_CREDIT = re.compile(r"(?:\b(?:photo|foto|fotó|фото|bild|credit|crédit|crédito|photograph)\s*(?:by\s*)?[:：]"
                     r"|©|\(c\))[^|\n]*", re.IGNORECASE)
# Stock sites' and agencies' names, and their boilerplate (Stock Photo, Royalty Free Image).
_AGENCIES = frozenset("getty images reuters afp ap dpa epa shutterstock alamy istock adobe stock "
                      "depositphotos dreamstime unsplash pexels xinhua ansa efe тасс риа новости "
                      "photo photos image foto fotos stockfoto royalty free vector illustration "
                      "accession courtesy inventory".split())  # and a museum record's
_SEGMENT_START = re.compile(r"(?:^|[.!?:|–—/]\s*)$")


def _capitalised_words(source: str) -> list[tuple[str, bool]]:
    """(word, strong) for each capitalised word of ``source`` that may be a name: not a short
    code (``DSC``), not a photo credit or an agency (``Foto: TASS/Sergei Bobylev``, ``Getty
    Images``). Strong: it can only be a name, rare in the source's likely languages and in
    English (``Vernazza``), or one of a run of capitalised words (``Golden Gate Bridge``), or a
    city or country (``Málaga``); never the first word of a sentence (``Handmade``), which may
    still be a name (``Leica Q3 Digitalkamera``) and counts where an output keeps it if rare."""
    text = _CREDIT.sub(" ", source)
    langs = likely_languages(text)
    found = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    places = place_names()
    out = []
    for k, (w, start, _) in enumerate(found):
        worded = w[:1].isupper() and len(w) >= 3 and w.replace("-", "").isalpha()  # Notre-Dame too
        if not worded or w.isupper() and len(w) <= 4 or w.lower() in _AGENCIES:
            continue
        if _SEGMENT_START.search(text[:start]):
            if zipf(w, langs) < NAME_PART and zipf(w, "en") < NAME_PART:  # Leica, not The
                out.append((w, False))
            continue
        if any(key.startswith(PLACE_KINDS) for key in places.get(alnum(w), ())):
            out.append((w, True))
            continue
        # a neighbour capitalised too, with only a space or a hyphen between them
        run = any(0 <= j < len(found) and found[j][0][:1].isupper() and found[j][0].isalpha()
                  and not text[found[min(j, k)][2]:found[max(j, k)][1]].strip(" -") for j in (k - 1, k + 1))
        out.append((w, run or zipf(w, langs) < NAME_PART and zipf(w, "en") < NAME_PART))
    return out


def lost_entities(text: str, source: str) -> list[str]:
    """The names of ``source`` where ``text`` keeps none of them, in any form (a place in another
    language counts as kept): a fusion that retold its visual caption and dropped the alt-text
    (``Serena Williams ... at Wimbledon`` -> ``A female tennis player serves on a grass court``).
    A source whose capitalised words are all ordinary words or credits has none to lose."""
    words = _capitalised_words(source)
    # A name of three letters or fewer is too loosely matched to count as lost or kept (Wat is
    # no short form of "water", Tam. is one of "tamanho"): kept only where written as it is.
    strong = [w for w, is_strong in words if is_strong and len(w) >= 4]
    if not strong:
        return []
    own = Support([text])
    if any(own.has_name(w, short_forms=False) if len(w) >= 4 else alnum(w) in own.words for w, _ in words):
        return []
    if set().union(*named_places(source)) & set().union(*named_places(text)):
        return []  # Istanbul -> İstanbul'daki, Firenze -> Florence
    return list(dict.fromkeys(strong))
