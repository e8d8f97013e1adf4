"""Who did what to whom: two names of a source that an output keeps, in reverse order, around the
same relation. ``Emmanuel Macron remet la Légion d'honneur à Thomas Pesquet`` -> ``Thomas Pesquet
remet la Légion d'honneur à Emmanuel Macron``, ``Flixbus Lisbon to Madrid`` -> ``from Madrid to
Lisbon``, ``Taylor Swift receives Album of the Year from Celine Dion`` -> ``Celine Dion ... receives
the Album of the Year ... from Taylor Swift``.

The relation is told by three things at once: in the source the two names stand in one clause,
joined by a function word (``à``, ``to``, ``from``, ``by``); the word before the second name is the
same on both sides; and either that word points a way (``to``, ``nach``) or a lowercase word
between the names comes back between them (``remet``, ``reacquire``). A list of keywords
(``Salar de Uyuni mirror effect rainy season Bolivia``) or of places (``Kapadokya'da balon turu,
Göreme``) states no relation. A passive or a converse verb keeps the roles and changes those words
(``Thomas Pesquet reçoit la Légion d'honneur des mains d'Emmanuel Macron``, ``Chelsea lost 2-1
to Arsenal``), and a relation that runs both ways (``with``, ``and``, ``meets``, ``vs``) says
nothing about who is who.

Who won: the same name winning where a source has it lose (``Serena Williams loses to ...`` ->
``Serena Williams beats ...``), told by the verb and the name nearest before it in its clause.
"""

from __future__ import annotations

import re

from .places import fold

# A word of letters, or an arrow; apostrophes split an elided article off (d'Emmanuel).
_WORD = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+)*|→|->")
_LINKS = frozenset("de van von der den da di del du la le of the y".split())  # inside a name
_ARTICLES = frozenset("the a an le la les l der die das den dem el los las il lo gli het een".split())
# Words that point a way: the second name is where it goes.
_TOWARDS = frozenset("to into towards nach zu à au aux vers hacia para naar do til till → ->".split())
# Relations that run both ways: these words, and words that start with these stems.
_BOTH_WAYS = frozenset("with and & vs versus v against alongside beside next near together und mit gegen et "
                       "avec contre y con contra e en met tegen oder or ou o".split())
_BOTH_WAYS_STEMS = re.compile(
    r"^(?:meet|greet|hug|embrac|kiss|marr|wed|face|play|talk|chat|shak|danc|pos|fight|draw|tie|"
    r"celebrat|compet|duel|join|treff|begrü|umarm|rencontr|salu|embrass|reún|salud|abraz|incontr|"
    r"encontr|cumpriment|ontmoet|spotk|встреч)")


def _both_ways(word: str) -> bool:
    return word in _BOTH_WAYS or bool(_BOTH_WAYS_STEMS.match(word))


_MAX_APART = 16  # words between the names, at most: further apart they are in different clauses


def _names(words: list[str], spaced: list[bool]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first, last, words) of each run of capitalised words (linked by de, van, of ...) with only
    spaces between them (``Justin Gatlin, Rio`` is two names)."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    i = 0
    while i < len(words):
        if words[i][:1].isupper():
            j = i
            while j + 1 < len(words) and spaced[j + 1] and (
                    words[j + 1][:1].isupper() or words[j + 1] in _LINKS and j + 2 < len(words)
                    and spaced[j + 2] and words[j + 2][:1].isupper()):
                j += 1
            out.append((i, j, tuple(fold(w) for w in words[i:j + 1] if w not in _LINKS)))
            i = j + 1
        else:
            i += 1
    return out


def _before(words: list[str], at: int) -> str:
    """The word before position ``at``, past articles."""
    k = at - 1
    while k >= 0 and words[k].lower() in _ARTICLES:
        k -= 1
    return fold(words[k]) if k >= 0 else ""


def _stem(word: str) -> str:
    return fold(word)[:5]


def _between(words: list[str], start: int, end: int) -> set[str]:
    """Stems of the lowercase words of five letters or more between two names."""
    return {_stem(w) for w in words[start:end] if w.islower() and len(w) >= 5}


Pair = tuple[tuple[str, ...], tuple[str, ...], str, set[str]]
_CLAUSE_BREAK = re.compile(r"[,;:|()\[\]–—.!?/]")
# Function words: a relation between two names in one clause holds one (à, to, from, by, of); a
# keyword list (Salar de Uyuni mirror effect rainy season Bolivia) does not.
_FUNCTION = frozenset("to from by of for at on into over the a an à au aux de des du la le les par pour "
                      "von vom nach zu zum zur durch für an der die das den dem del al por para da di dal "
                      "alla per van naar door voor het z do od przez na från av till för af fra".split())


def _related(words: list[str], start: int, end: int) -> bool:
    """The words between two names relate them: a function word (``à``, ``to``), or, in a
    sentence (it has a function word somewhere), a verb alone (``leads``, ``fouls``)."""
    between = words[start:end]
    if {w.lower() for w in between} & _FUNCTION:
        return True
    verb = 1 <= len(between) <= 2 and all(w.islower() and len(w) >= 4 for w in between)
    return verb and bool({w.lower() for w in words} & _FUNCTION)


def _read(text: str) -> tuple[str, list[re.Match[str]], list[str], list[tuple[int, int, tuple[str, ...]]]]:
    """The text with apostrophes as spaces (d'Emmanuel), its words' matches, the words, and the
    runs of capitalised words that are names."""
    text = text.replace("'", " ").replace("’", " ")
    spans = list(_WORD.finditer(text))
    words = [m.group() for m in spans]
    spaced = [i > 0 and not text[spans[i - 1].end():m.start()].strip() for i, m in enumerate(spans)]
    return text, spans, words, _names(words, spaced)


def _pairs(text: str, one_clause: bool = False) -> list[Pair]:
    """(first name, second name, word before the second, stems between) for names close together;
    ``one_clause``: only names in one clause, joined by a function word."""
    text, spans, words, found = _read(text)
    out = []
    for a, (_, a_end, a_words) in enumerate(found):
        for b_start, _, b_words in found[a + 1:]:
            if set(a_words) & set(b_words) or b_start - a_end - 1 > _MAX_APART:
                continue
            if one_clause and (_CLAUSE_BREAK.search(text[spans[a_end].end():spans[b_start].start()])
                               or not _related(words, a_end + 1, b_start)):
                continue
            out.append((a_words, b_words, _before(words, b_start), _between(words, a_end + 1, b_start)))
    return out


def swapped_roles(text: str, sources: list[str]) -> list[str]:
    """``B <relation> A`` where a source says ``A <relation> B``."""
    said = _pairs(text)
    found = []
    for source in sources:
        for a, b, before, between in _pairs(source, one_clause=True):
            if not before or _both_ways(before):
                continue
            for x, y, out_before, out_between in said:
                first, second = set(a) & set(y), set(b) & set(x)  # the names the output swapped
                if not (first and second) or _stem(out_before) != _stem(before):
                    continue
                if any(first & set(x2) and second & set(y2) for x2, y2, _, _ in said):  # the source's way too
                    continue
                shared = {s for s in between & out_between if not _both_ways(s)}
                if before in _TOWARDS or shared:
                    one = " ".join(w for w in a if w in first)
                    two = " ".join(w for w in b if w in second)
                    found.append(f"{two} ... {one} (source: {one} ... {two})")
    return list(dict.fromkeys(found))


# Who won: a verb of winning or losing and the name that does it, in one clause (``Serena Williams
# loses to Ajla Tomljanović`` -> ``Serena Williams beats Ajla Tomljanović``). A converse verb
# names the other side (``Chelsea lost to Arsenal``, ``Arsenal beat Chelsea``), so only the same
# name with the opposite verb is a change. "defeat" is a loss as a noun and a win as a verb: left out.
_RESULT = {
    "win": frozenset(
        "win wins won winning beat beats beating defeats defeating wint wonnen gewinnt gewann gewinnen "
        "siegt siegte schlägt bezwingt gagne gagnent gagné remporte bat battent vence venció vencen gana "
        "ganó ganan vince vinto vincono batte battuto vencem venceu ganha ganhou wygrywa wygrał wygrała "
        "pokonuje pokonał vinner vann vinder vandt".split()),
    "lose": frozenset(
        "lose loses lost losing verliert verlor verlieren unterliegt perd perdent perdu pierde perdió "
        "pierden perde perso perdono perdeu perdem verliest verloor verliezen przegrywa przegrał "
        "przegrała förlorar förlorade taber tabte taper tapte".split()),
}
# Verbs of winning whose object lost: Ella Price beats Sofia Marin.
_BEATS = frozenset("beat beats beating defeats defeating schlägt bezwingt bat battent vence venció vencen "
                   "vince batte vencem venceu pokonuje pokonał".split())
_CLAUSE_START = re.compile(r"[,;:|()\[\]–—.!?]")
_COUNTRY_CODE = re.compile(r"\s*\([A-Z]{2,3}\)")  # Ella Price (GB)
_DEFEATED = re.compile(r"(?<=[^\W\d_]) d\. (?=[A-Z])")  # a results line: Djokovic d. Federer


def _results(text: str) -> dict[tuple[str, ...], set[str]]:
    """name -> the results ("win", "lose") its clause gives it: the name nearest before the verb,
    and the name just after a verb of beating."""
    text, spans, words, runs = _read(_DEFEATED.sub(" beats ", _COUNTRY_CODE.sub("", text)))
    out: dict[tuple[str, ...], set[str]] = {}
    for k, w in enumerate(words):
        sense = next((r for r, terms in _RESULT.items() if w in terms), None)  # lowercase: a verb
        if sense is None:
            continue
        # A name after a preposition is no subject (met 3-1 van Arsenal wint: Manchester City wins).
        before = [r for r in runs if r[1] < k and k - r[1] <= 8
                  and not _CLAUSE_START.search(text[spans[r[1]].end():spans[k].start()])
                  and _before(words, r[0]) not in _FUNCTION]
        if before:
            out.setdefault(before[-1][2], set()).add(sense)
        after = [r for r in runs if k < r[0] <= k + 3
                 and not _CLAUSE_START.search(text[spans[k].end():spans[r[0]].start()])]
        if w in _BEATS and after:
            out.setdefault(after[0][2], set()).add("lose")
    return out


def reversed_results(text: str, sources: list[str]) -> list[str]:
    """A name that wins where a source has it lose, or loses where it won."""
    said: dict[str, set[str]] = {}
    for source in sources:
        for name, senses in _results(source).items():
            for word in name:
                if word not in _ARTICLES:
                    said.setdefault(word, set()).update(senses)
    found = []
    for name, senses in _results(text).items():
        theirs = set().union(*(said.get(w, set()) for w in name if w not in _ARTICLES))
        if len(senses) == 1 and len(theirs) == 1 and senses != theirs:
            found.append(f"{' '.join(name)} {next(iter(senses))}s (source: {next(iter(theirs))}s)")
    return found
