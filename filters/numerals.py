"""Reading numbers the way alt-texts write them, beyond digits and text2num's eight languages.

Fact consistency compares the numbers of an output with those of its sources. Sources write
them in many ways that text2num does not read: CJK numerals and unit words (``18.5万円`` is
185,000; ``17억 5천만 원`` is 1,750,000,000), scale words (``12.8 million``), number words of
other languages (``yüzde yüz``, ``dwa pokoje``, ``Dreizimmerwohnung``), month names of any
language, and shorthand years (``1830–32``, ``30.04.23``).

The readings are used asymmetrically, which is what keeps them safe: on the source side every
reading is added to what the output may say (a wrong reading only lets a number through), while
on the output side only unambiguous forms are read as numbers (Arabic digits with a CJK unit,
``第`` ordinals, numerals of two or more characters), because Japanese place names are full of
numerals (六本木, 三軒茶屋, 九州).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

# Languages whose number words and month names the sources may use (babel and num2words know them).
LOCALES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru", "sv", "da", "cs", "uk", "fi", "no",
           "ro", "hu", "id")
SPELLED_LOCALES = ("pl", "tr", "ru", "cs", "uk", "sv", "da", "fi", "no", "ro", "hu", "id")  # beyond text2num
COMPOUND_LOCALES = ("de", "nl", "sv", "da", "no")  # languages that glue numbers to nouns (Dreizimmer)
MONTH_LOCALES = (*LOCALES, "ar", "el", "he", "hi")  # month names in scripts of their own: أبريل, Απρίλιος

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "만": 10**4, "億": 10**8, "亿": 10**8, "억": 10**8,
              "兆": 10**12, "조": 10**12}
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KANJI = "".join(_KANJI_DIGITS) + "十百千万萬億亿兆"
_HANGUL_UNITS = "십백천만억조"
# A CJK number: Arabic digits and/or kanji numerals with their units; hangul units only after
# a digit or another unit (alone, 백 and 천 are parts of ordinary words), single spaces inside.
CJK_NUMBER = re.compile(
    # a kanji numeral may follow a comma: input hygiene writes a Chinese "，" as "," (微辣,两人份)
    rf"(?:(?<![0-9A-Za-z.,]){_ARABIC}|(?<![0-9A-Za-z])[{_KANJI}])"
    rf"(?:{_ARABIC}|[{_KANJI}]|\s?[{_HANGUL_UNITS}]|(?<=[만억조万萬億亿兆])\s(?=\d))*"
)
_TOKEN = re.compile(rf"{_ARABIC}|[{_KANJI}{_HANGUL_UNITS}]")

SCALES = {
    "thousand": 10**3, "k": 10**3, "mil": 10**3, "tausend": 10**3, "mille": 10**3, "duizend": 10**3,
    "million": 10**6, "millions": 10**6, "mio": 10**6, "millionen": 10**6, "millones": 10**6, "millón": 10**6,
    "milhões": 10**6, "milhão": 10**6, "miljoen": 10**6, "milioni": 10**6, "milione": 10**6, "mln": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "milliard": 10**9, "milliarden": 10**9,
    "milliards": 10**9, "mrd": 10**9, "miljard": 10**9, "miliardi": 10**9, "miliardo": 10**9,
    "bilhões": 10**9,
    # Cyrillic, Polish and Turkish listings: 6,5 млн руб., 12 tys. zł, 3 milyon TL
    "mp": 10**6, "megapixel": 10**6, "megapixels": 10**6,  # 2亿像素 = 200 MP
    "тыс": 10**3, "млн": 10**6, "млрд": 10**9, "tys": 10**3, "milyon": 10**6, "milyar": 10**9,
    "bilhão": 10**9, "mld": 10**9, "trillion": 10**12,
    # Indonesian and Malay listings: Rp 850 jt (juta), Rp 1,2 M (miliar), 25 rb (ribu)
    "ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9,
}
# A scale after its number, a long one hyphenated too (a 33-megapixel camera; not 3-mil film).
_SCALED = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?:\s?|-(?=[^\W\d_]{5}))("
                     + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\.?(?![^\W\d_])", re.I)
# A price's own scale letters: £1.2m, $850k (an "m" alone is metres elsewhere)
_MONEY_SCALED = re.compile(r"([£$€¥₹]|US\$|A\$|C\$)\s?(\d+(?:[.,]\d+)?)\s?([mMkK])(?![^\W\d_])")
_RUPIAH_M = re.compile(r"(Rp\.?\s?\d+(?:[.,]\d+)?)\s?M(?![^\W\d_])")  # Rp 1,2 M: miliar, a billion
_SHORT_RANGE = re.compile(r"\b(1[5-9]|20)(\d\d)\s?[–—-]\s?(\d\d)\b")  # 1830–32 -> 1832
_SHORT_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{2})\b(?![./]\d)")  # 30.04.23 -> 2023
# A decade: jaren 60, années 60, anni '70, 60er, 80s (either century).
_DECADE_WORDS = r"(?:jaren|années|annees|años|anos|anni|lata|anii|anys)"
_DECADE = re.compile(rf"(?<![^\W\d_]){_DECADE_WORDS}\s?['’]?([1-9]0)"
                     r"(?!\d)|(?<![\w'’])['’]?([1-9]0)(?:er|s|['’]s)(?![^\W\d_])")
# A decade written in full (1990s, 1990er, années 1990): its two-digit form (años 90) is the same.
_FULL_DECADE = re.compile(r"(?<!\d)(?:1[5-9]|20)([1-9]0)(?:s|er|['’]s)(?![^\W\d_])|(?<![^\W\d_])"
                          rf"{_DECADE_WORDS}\s(?:1[5-9]|20)([1-9]0)(?!\d)", re.IGNORECASE)
# A fashion season (FW23, SS-24, A/W 23) and an apostrophe year (Summer '23): 2023.
_SHORT_YEAR = re.compile(r"(?:\b(?:FW|AW|SS|PF|F/W|A/W|S/S)\s?-?|(?<!\w)['’])(\d{2})\b(?!['’.,]?\d)")


def cjk_value(expr: str) -> float | None:
    """The value of one CJK number expression (``1万2900`` -> 12900, ``二十四`` -> 24)."""
    total, section = 0.0, 0.0
    number: float | None = None
    for tok in _TOKEN.findall(expr):
        if tok in _SMALL_UNITS:
            section += (1 if number is None else number) * _SMALL_UNITS[tok]
            number = None
        elif tok in _BIG_UNITS:
            section += number or 0
            total += (section or 1) * _BIG_UNITS[tok]
            section, number = 0.0, None
        elif tok in _KANJI_DIGITS:
            number = (number or 0) * 10 + _KANJI_DIGITS[tok] if number is not None else _KANJI_DIGITS[tok]
        else:
            number = float(tok.replace(",", ""))
    value = total + section + (number or 0)
    return round(value, 6) if value else None


def _is_cjk(expr: str) -> bool:
    return any(c in _KANJI or c in _HANGUL_UNITS for c in expr)


# Counters after a numeral that make it a count (三只竹筏, 两位, 三つ, a flat's 三室一厅); not 本
# (六本木), 台 (五台山) or 座, which name places.
_COUNTERS = frozenset("只个個位张張件辆輛头頭匹条條艘棵朵杯碗人名つ枚羽室厅廳卫衛")


def _unambiguous(expr: str, before: str, after: str = "") -> bool:
    """On the output side: a reading no place name shares. Digits with a unit (18万), an ordinal
    (第五), two or more numerals (十四, 二十四), or a numeral of two or more before a counter
    (三只); a lone numeral (六本木) is left alone."""
    has_digit = any(c.isdigit() and c.isascii() for c in expr)
    numerals = sum(c in _KANJI for c in expr)
    counted = after in _COUNTERS and expr not in ("一", "〇", "零")
    return has_digit or before == "第" or numerals >= 2 or counted


def cjk_to_digits(text: str, all_forms: bool = True) -> str:
    """CJK number expressions replaced by their digits; ``all_forms=False`` reads only the
    unambiguous ones (the output side)."""
    def repl(m: re.Match[str]) -> str:
        expr = m.group().strip()
        if not _is_cjk(expr):
            return m.group()
        if not all_forms and not _unambiguous(expr, text[m.start() - 1:m.start()], text[m.end():m.end() + 1]):
            return m.group()
        value = cjk_value(expr)
        return m.group() if value is None or value >= 1e15 else f" {value:f}".rstrip("0").rstrip(".") + " "

    return CJK_NUMBER.sub(repl, text)


def scaled(text: str) -> str:
    """``12.8 million`` -> ``12800000``, ``€2.95m`` -> ``2950000``, ``20k`` -> ``20000``."""
    def repl(m: re.Match[str]) -> str:
        raw, word = m.group(1), m.group(2).lower()
        decimal = re.fullmatch(r"\d+[.,]\d{1,2}", raw)  # 2,95 or 12.8; else 1,280 is thousands
        number = float(raw.replace(",", ".")) if decimal else float(raw.replace(",", ""))
        return f"{round(number * SCALES[word]):d}"

    text = _RUPIAH_M.sub(r"\1 miliar", text)
    for money in (_MONEY_SCALED, _CODE_SCALED):
        text = money.sub(lambda m: f"{m[1]}{m[2]} {'million' if m[3] in 'mM' else 'thousand'}", text)
    return _SCALED.sub(repl, text)


@cache
def _spelled(lang: str) -> dict[str, int]:
    """Number words of ``lang`` (2 to 20, tens, 100, 1000), from num2words, to their values."""
    from num2words import num2words

    out = {}
    for n in [*range(2, 21), *range(30, 100, 10), 100, 1000]:
        try:
            out[num2words(n, lang=lang).lower()] = n
        except (NotImplementedError, OverflowError, KeyError, ValueError):
            pass
    return out


# Korean counts in native numerals before their noun or counter (세 아이, 두 명, 다섯 개): what
# text2num and num2words do not read. 한 (one) is also "a" and "Korean", and is left alone.
_KOREAN_COUNTS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10,
                  "스무": 20}
_KOREAN_COUNT = re.compile(r"(?<![\w])(" + "|".join(_KOREAN_COUNTS) + r")(?=\s[\uac00-\ud7af])")


def korean_counts(text: str) -> str:
    """Korean native numerals before a word as digits: ``세 아이`` -> ``3 아이``."""
    return _KOREAN_COUNT.sub(lambda m: str(_KOREAN_COUNTS[m[1]]), text)


# German and Dutch write a count into a compound's first part: Dreisitzer (a three-seater),
# Vierzimmerwohnung, zweiteilig, driezitsbank, vierdeurs. Only before these heads: Zweig, Achtung,
# Viertel, einfach and Eingang hold a number word and no count.
_COUNT_HEADS = {
    "de": ("ein zwei drei vier fünf sechs sieben acht neun zehn zwölf",
           "sitzer|türer|zimmer|teilig|teiler|flammig|köpfig|stöckig|tägig|jährig|wöchig|stündig|lagig|"
           "reihig|beinig|rädrig|sitz|personen|zylinder|kammer|sterne"),
    "nl": ("een twee drie vier vijf zes zeven acht negen tien twaalf",
           "zits|persoons|deurs|kamer|delig|laags|wielig|jarig|daags|sterren|pits|traps"),
}
_COUNT_COMPOUNDS = {
    lang: ({w: str(n) for n, w in enumerate(words.split(), start=1) if n <= 10} | {words.split()[-1]: "12"},
           re.compile(rf"(?<![^\W\d_])({'|'.join(words.split())})({heads})", re.IGNORECASE))
    for lang, (words, heads) in _COUNT_HEADS.items()
}

def count_compounds(text: str, lang: str) -> str:
    """The count in a German or Dutch compound as digits: ``Dreisitzer`` -> ``3-sitzer``."""
    if lang not in _COUNT_COMPOUNDS:
        return text
    numerals, rx = _COUNT_COMPOUNDS[lang]
    return rx.sub(lambda m: f"{numerals[m[1].lower()]}-{m[2]}", text)


def spelled_values(text: str, langs: set[str]) -> set[float]:
    """Values of the number words of ``text`` in languages text2num does not read, and of
    numbers glued to a noun (``Dreizimmerwohnung`` -> 3). Source side only: ``yüz`` is also a face."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    out: set[float] = set()
    for lang in langs:
        if lang in SPELLED_LOCALES:
            table = _spelled(lang)
            out |= {float(table[w]) for w in words if w in table}
        if lang in COMPOUND_LOCALES:
            table = _spelled(lang)
            out |= {float(n) for w in words for word, n in table.items()
                    if n <= 12 and len(w) >= len(word) + 4 and w.startswith(word)}
    return out


@cache
def month_names(kind: Literal["all", "wide"] = "all") -> dict[str, int]:
    """Month names to numbers in every locale of ``MONTH_LOCALES`` (CLDR, via babel): full names in
    their format and stand-alone forms (``lipiec``, ``lipca``); ``kind="all"`` adds abbreviations."""
    from babel.dates import get_month_names

    widths: list[Literal["wide", "abbreviated"]] = ["wide"] if kind == "wide" else ["wide", "abbreviated"]
    out: dict[str, int] = {}
    for loc in MONTH_LOCALES:
        for width in widths:
            for context in ("format", "stand-alone"):
                for n, name in get_month_names(width, context=context, locale=loc).items():
                    name = name.lower().rstrip(".")
                    if len(name) >= 3:
                        out.setdefault(name, n)
    return out


# Combining marks that are part of a word though regex's \w leaves them out: Devanagari, Thai,
# Arabic and Hebrew vowel signs (नवंबर is one word, not नव and बर).
MARKS = ("\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0900-\u0903\u093a-\u094f"
         "\u0951-\u0957\u0962\u0963\u0e31\u0e34-\u0e3a\u0e47-\u0e4e")
LETTERS = re.compile(rf"(?:[^\W\d_]|[{MARKS}])+")  # a word, vowel signs and all


def months(text: str, kind: Literal["all", "wide"] = "all") -> list[tuple[str, int]]:
    table = month_names(kind)
    return [(w, table[w.lower()]) for w in LETTERS.findall(text) if w.lower() in table]


def shorthand_years(text: str) -> set[float]:
    """Years written short: the end of ``1830–32``, the year of ``30.04.23``, ``FW23`` and
    ``Summer '23`` (either century), and a full decade's short form (``90`` of ``1990s``)."""
    out = {float(f"{a}{c}") for a, _, c in _SHORT_RANGE.findall(text)}
    decades = [a or b for a, b in _DECADE.findall(text)]
    out |= {float(a or b) for a, b in _FULL_DECADE.findall(text)}  # 1990s: the 90s
    for yy in [yy for _, _, yy in _SHORT_DATE.findall(text)] + _SHORT_YEAR.findall(text) + decades:
        out |= {1900.0 + int(yy), 2000.0 + int(yy)}
    return out


# Currencies by what they are written with; "¥" is the yen or the yuan, "$" any dollar, "kr" any krone.
_CURRENCY_SIGNS = {
    "€": {"EUR"}, "eur": {"EUR"}, "euro": {"EUR"}, "euros": {"EUR"}, "евро": {"EUR"}, "유로": {"EUR"},
    "ユーロ": {"EUR"}, "欧元": {"EUR"},
    "$": {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"}, "usd": {"USD"}, "dollar": {"USD", "CAD", "AUD"},
    "dollars": {"USD", "CAD", "AUD"}, "us$": {"USD"}, "ドル": {"USD"}, "달러": {"USD"}, "美元": {"USD"},
    "£": {"GBP"}, "gbp": {"GBP"}, "pound": {"GBP"}, "pounds": {"GBP"},
    "¥": {"JPY", "CNY"}, "￥": {"JPY", "CNY"}, "jpy": {"JPY"}, "yen": {"JPY"}, "円": {"JPY"}, "엔": {"JPY"},
    "日元": {"JPY"}, "cny": {"CNY"}, "rmb": {"CNY"}, "yuan": {"CNY"}, "元": {"CNY"}, "위안": {"CNY"},
    "₩": {"KRW"}, "krw": {"KRW"}, "won": {"KRW"}, "원": {"KRW"}, "ウォン": {"KRW"}, "韩元": {"KRW"},
    "₽": {"RUB"}, "rub": {"RUB"}, "руб": {"RUB"}, "рублей": {"RUB"}, "rubles": {"RUB"},
    "zł": {"PLN"}, "pln": {"PLN"}, "złotych": {"PLN"}, "zloty": {"PLN"},
    "₺": {"TRY"}, "tl": {"TRY"}, "lira": {"TRY"},
    "r$": {"BRL"}, "brl": {"BRL"}, "reais": {"BRL"},
    "₹": {"INR"}, "inr": {"INR"}, "rupees": {"INR"}, "chf": {"CHF"},
    "kr": {"SEK", "NOK", "DKK", "ISK"}, "sek": {"SEK"}, "nok": {"NOK"}, "dkk": {"DKK"}, "isk": {"ISK"},
    "kč": {"CZK"}, "czk": {"CZK"}, "huf": {"HUF"}, "forint": {"HUF"}, "ron": {"RON"}, "lei": {"RON"},
    "₴": {"UAH"}, "uah": {"UAH"}, "грн": {"UAH"}, "₪": {"ILS"}, "ils": {"ILS"}, "฿": {"THB"}, "thb": {"THB"},
    "₫": {"VND"}, "vnd": {"VND"}, "idr": {"IDR"}, "rp": {"IDR"}, "aed": {"AED"}, "zar": {"ZAR"},
}
# The ISO codes a price may be written with (SEK 145), which are no model's name.
CURRENCY_CODES = frozenset(c for codes in _CURRENCY_SIGNS.values() for c in codes)
# ... and after one of them: AED 9.8M, EUR 850K
_CODE_SCALED = re.compile(r"(\b(?:" + "|".join(sorted(CURRENCY_CODES)) + r")\s?)(\d+(?:[.,]\d+)?)\s?([mMkK])"
                          r"(?![^\W\d_])")
_CURRENCY = re.compile(
    r"(?:r\$|us\$|[€$£¥￥₩₽₺₹]|(?<![^\W\d_])(?:" + "|".join(
        sorted((k for k in _CURRENCY_SIGNS if k.isalpha() and k.isascii()), key=len, reverse=True))
    + r")(?![^\W\d_])|"
    + "|".join(k for k in _CURRENCY_SIGNS if not k.isascii() and len(k) > 1 or k in "円元원엔")
    + r"|zł|[₴₪฿₫])", re.I)


_PRICE_BEFORE = re.compile(r"(?<![\w.,])(\d[\d.,]*\d|\d)\s?$")
_PRICE_AFTER = re.compile(r"^\s?(\d[\d.,]*\d|\d)")


def prices(text: str) -> list[str]:
    """The numbers ``text`` gives as prices, as written: the one beside each currency sign or
    word (``$1,299``, ``12,50 €``, ``1200 yen``)."""
    out = []
    for m in _CURRENCY.finditer(text):
        if not _CURRENCY_SIGNS.get(m.group().lower()):
            continue
        for found in (_PRICE_BEFORE.search(text, max(0, m.start() - 24), m.start()),
                      _PRICE_AFTER.search(text[m.end():m.end() + 24])):
            if found:
                out.append(found[1])
    return out


def currencies(text: str) -> list[tuple[str, set[str]]]:
    """The currencies ``text`` names beside a number: (as written, the ISO codes it may mean)."""
    out = []
    for m in _CURRENCY.finditer(text):
        before, after = text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 3]
        codes = _CURRENCY_SIGNS.get(m.group().lower(), set())
        # Beside a number: a price, not "the euro zone" or the ドル inside ベッドルーム.
        if codes and re.search(r"[\d万億억만千]\s?$", before) or codes and re.match(r"\s?\d", after):
            out.append((m.group(), codes))
    return out


# Words that hold a count without being a number word: "twice" is 2, "a dozen" 12. Source side
# only, like every reading here: a wrong one only lets a number through.
_COUNT_WORDS = {
    "en": {"twice": 2, "thrice": 3, "double": 2, "triple": 3, "quadruple": 4, "pair": 2, "pairs": 2,
           "couple": 2, "twin": 2, "twins": 2, "duo": 2, "trio": 3, "quartet": 4, "quintet": 5, "dozen": 12,
           "dozens": 12},
    "de": {"zweimal": 2, "dreimal": 3, "viermal": 4, "doppelt": 2, "doppel": 2, "paar": 2, "dutzend": 12,
           "zwillinge": 2, "duo": 2, "trio": 3},
    "fr": {"double": 2, "triple": 3, "paire": 2, "couple": 2, "douzaine": 12, "jumeaux": 2, "duo": 2,
           "trio": 3},
    "es": {"doble": 2, "triple": 3, "pareja": 2, "docena": 12, "gemelos": 2, "dúo": 2, "trío": 3},
    "it": {"doppio": 2, "triplo": 3, "paio": 2, "coppia": 2, "dozzina": 12, "gemelli": 2, "duo": 2,
           "trio": 3},
    "pt": {"duplo": 2, "dobro": 2, "triplo": 3, "casal": 2, "dúzia": 12, "gémeos": 2, "gêmeos": 2,
           "dupla": 2},
    "nl": {"tweemaal": 2, "driemaal": 3, "dubbel": 2, "paar": 2, "dozijn": 12, "tweeling": 2, "duo": 2,
           "trio": 3},
}
# A Roman numeral of two or more letters (Mark II, Elizabeth II, Super Bowl LVIII, MCMXCIX).
_ROMAN_BELOW_100 = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN = re.compile(r"\b(?=[MDCLXVI]{2,}\b)M{0,3}(?:CM|CD|D?C{0,3})" + _ROMAN_BELOW_100 + r"\b")
# A French or Italian ordinal in Roman numerals: XVe siècle, XIXème, le Ier arrondissement.
_ROMAN_ORDINAL = re.compile(r"(?<![^\W\d_])([MDCLXVI]+)(?:e|ème|eme|er|re|è|°|º)(?![^\W\d_])")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
# Calendars with their own year count: Japan's eras (令和5年, Reiwa 5 = 2023), the Republic of
# China's (民國112年), the Thai Buddhist era (พ.ศ. 2566).
_ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018, "民國": 1911, "民国": 1911,
         "meiji": 1867, "taisho": 1911, "taishō": 1911, "showa": 1925, "shōwa": 1925, "heisei": 1988,
         "reiwa": 2018}
_ERA_YEAR = re.compile(r"(" + "|".join(_ERAS) + r")\s?(\d{1,3}|元)(?!\d)", re.I)
# Lowercase only: "Pro" names a model (iPhone 15 Pro), "pro" is "per" (3 € pro Stück).
_PER = re.compile(r"(?<![^\W\d_])(?:per|each|apiece|pro|je|cada|ogni)(?![^\W\d_])")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_THAI_YEAR = re.compile(r"(?<![\d.,])(2[45]\d\d)(?![\d]|[.,]\d)")
_GREGORIAN_YEAR = re.compile(r"(?<![\d.,])(1[89]\d\d|20\d\d)(?![\d]|[.,]\d)")
_BUDDHIST_YEAR = re.compile(r"(?:พ\.ศ\.|\bB\.?E\.?)\s?(2[45]\d\d)\b")


# A Roman numeral after a name: Louis XIV, Mark II, Super Bowl LVIII (XL is a size).
_REGNAL = re.compile(r"(?<![^\W\d_])[A-ZÀ-Þ][a-zß-ÿ]+ "
                     r"((?=[IVXL]{2,}\b)(?!XL\b)" + _ROMAN_BELOW_100 + r")(?![^\W\d_])")


def is_roman(word: str) -> bool:
    """A Roman numeral of two or more letters."""
    return bool(_ROMAN.fullmatch(word))


# The first of a name in French: Louis Ier, François Ier (Ludwig I.).
_REGNAL_FIRST = re.compile(r"(?<![^\W\d_])[A-ZÀ-Þ][a-zß-ÿ]+ (I)(?:er|ᵉʳ)(?![^\W\d_])")


def regnal_numbers(text: str) -> list[str]:
    """The Roman numerals after names: ``XIV`` of Louis XIV, ``I`` of Louis Ier."""
    return [m[1] for pattern in (_REGNAL, _REGNAL_FIRST) for m in pattern.finditer(text)]


def roman_value(numeral: str) -> int:
    total = 0
    for a, b in zip(numeral, numeral[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


_HALF = {"half", "halbes", "halbe", "demi", "media", "mezza", "meia", "halve", "pół", "halv", "polovina"}
_DOZENS = re.compile(r"(?<![\w.,])(\d+|[^\W\d_]+)(?:\s+a|\s+une?)?[\s-]+"
                     r"(?:dozens?|dutzend|douzaines?|docenas?|dozzin[ae]|dúzias?|dozijn|tuzin[ay]?|dussin)"
                     r"(?![^\W\d_])", re.IGNORECASE)


def other_counts(text: str, langs: set[str]) -> set[float]:
    """Numbers a source states without digits or number words: count words (``twice``,
    ``a dozen``), Roman numerals, and years of other calendars as Gregorian years. Source side."""
    out: set[float] = set()
    for m in _DOZENS.finditer(text):  # two dozen = 24, half a dozen = 6: not a dozen as well
        n = m[1].lower()
        count = 0.5 if n in _HALF else float(n) if n.isdigit() else next(
            (float(_spelled(lang)[n]) for lang in (*sorted(langs), "en") if n in _spelled(lang)), None)
        if count is not None:
            out.add(count * 12)
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    out |= {float(n) for lang in langs & _COUNT_WORDS.keys()
            for w, n in _COUNT_WORDS[lang].items() if w in words}
    out |= {float(roman_value(m.group())) for m in _ROMAN.finditer(text) if m.group()}
    out |= {float(roman_value(m[1])) for m in _ROMAN_ORDINAL.finditer(text) if is_roman(m[1])}
    for era, year in _ERA_YEAR.findall(text):
        out.add(float(_ERAS[era.lower()] + (1 if year == "元" else int(year))))
    out |= {float(int(y) - 543) for y in _BUDDHIST_YEAR.findall(text)}
    if _PER.search(text):  # a price per serving is the price of one: 1인분, 1個あたり, 1 Stück
        out.add(1.0)
    if _THAI.search(text):  # Thai text counts years in the Buddhist era unmarked too: ปี 2566 is 2023
        out |= {float(int(y) - 543) for y in _THAI_YEAR.findall(text)}
    return out


def buddhist_years(text: str) -> set[float]:
    """The sources' years as a Thai text writes them (2024 is 2567): source side."""
    return {float(int(y) + 543) for y in _GREGORIAN_YEAR.findall(text)}


_SEPARATOR = re.compile(r"[.,'\u00a0\u202f]")


def values(number: str) -> set[float]:
    """Every value a written number can mean: ``1,299`` is 1299 or 1.299, ``3,50`` is 3.5,
    ``1.299,00`` 1299."""
    parts = _SEPARATOR.split(number)
    if len(parts) == 1:
        return {float(parts[0])}
    out = set()
    if all(len(p) == 3 for p in parts[1:]):  # thousands separators
        out.add(float("".join(parts)))
    if len(parts) == 2:  # a decimal point or comma
        out.add(float(f"{parts[0]}.{parts[1]}"))
    seps = _SEPARATOR.findall(number)
    if len(parts) > 2 and seps[-1] not in seps[:-1] and all(len(p) == 3 for p in parts[1:-1]):
        out.add(float("".join(parts[:-1]) + "." + parts[-1]))  # 1.299,00 and 1,299.00: 1299
    return out or {float(p) for p in parts}


# Fractions as listings and recipes write them (1/4 lb, ½ cup) and as captions spell them out, in
# the languages alt-text comes in. Only unambiguous words: "third" and "quarto" are ordinals too,
# "quart" a unit, "cuarto" a room and "quarter" a part of town (the French Quarter), so those
# count only in "a third of", "quart de", "cuarto de", "a quarter"; "media" and "пол" are other
# words too (social media, a floor).
_FRACTION_DIGITS = re.compile(r"(?<![\d/.,])([1-3])\s?/\s?([2-4])(?![\d/])")
_FRACTION_SIGNS = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3)}
_FRACTION_WORDS = {
    (1, 2): r"half|halves|demi|demie|medio|mezzo|mezza|meio|meia|halb|halbe|halber|halbes|halben|"
            r"halve|połowa|połowy|pół|половина|половины|yarım",
    (1, 4): r"a quarter|one quarter|quarter of|quarter-pound|quarter pound|quarter-hour|quarter-mile|"
            r"quarter-inch|quart de|quart d|cuarto de|quarto di|quarto de|viertel|kwart|ćwierć|"
            r"четверть|четверти|çeyrek",
    (3, 4): r"three[- ]quarters?|trois[- ]quarts|tres cuartos|tre quarti|três quartos|dreiviertel|driekwart",
    (1, 3): r"a third of|one third|one-third|un tiers|tercio|un terzo|ein drittel|drittel|een derde",
    (2, 3): r"two[- ]thirds|deux tiers|dos tercios|due terzi|zwei drittel|twee derde",
}
_FRACTION_WORD = re.compile(r"(?<![^\W\d_])(?:" + "|".join(f"(?P<f{a}{b}>{w})" for (a, b), w in
                                                          _FRACTION_WORDS.items()) + r")(?![^\W\d_])",
                            re.IGNORECASE)


def fractions(text: str) -> set[tuple[int, int]]:
    """The fractions ``text`` states, as (numerator, denominator): 1/4, ½, half, ein Viertel."""
    found = {(int(m[1]), int(m[2])) for m in _FRACTION_DIGITS.finditer(text) if int(m[1]) < int(m[2])}
    found |= {value for sign, value in _FRACTION_SIGNS.items() if sign in text}
    for m in _FRACTION_WORD.finditer(text):
        before = text[:m.start()].rstrip()
        if m[0][:1].isupper() and before and before[-1] not in ".!?:;|-–—(\"'":
            continue  # capitalised within a sentence: a name's word (the French Quarter, Half Moon Bay)
        name = next(k for k, v in m.groupdict().items() if v)
        found.add((int(name[1]), int(name[2])))
    return found


def changed_fractions(text: str, sources: list[str]) -> list[str]:
    """Fractions of the output that no source states, where the sources state one: ``1/4 lb``
    -> ``une demi-livre``, ``1/2 hr`` -> ``a quarter of an hour``, ``½ cup`` -> ``a third of a cup``."""
    said = set().union(*(fractions(t) for t in sources if t))
    if not said:
        return []
    return [f"{a}/{b} (source: {', '.join(f'{c}/{d}' for c, d in sorted(said))})"
            for a, b in sorted(fractions(text) - said)]
