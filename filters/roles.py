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


_INITIAL = re.compile(r"(?<![^\W\d_])([A-Z])\.(?= [A-Z])")


def _read(text: str) -> tuple[str, list[re.Match[str]], list[str], list[tuple[int, int, tuple[str, ...]]]]:
    """The text with apostrophes as spaces (d'Emmanuel), its words' matches, the words, and the
    runs of capitalised words that are names."""
    text = text.replace("'", " ").replace("’", " ")
    text = _INITIAL.sub(r"\1 ", text)  # J. Okonkwo: one name
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


# Who is who: the title a name carries (``Coach Imelda Sarr and captain Nkechi Obi`` -> ``Captain
# Imelda Sarr and coach Nkechi Obi``, ``Former mayor Gwen Attwater`` -> ``Mayor Gwen Attwater``,
# ``her grandson Mateo`` -> ``her son Mateo``). A title is a role word, with "former" or "deputy"
# where it has one, right before the name; each role's words in several languages are one role
# (``Trainer``, ``entraîneur`` and ``coach``), so a translation or a synonym keeps it.
_ROLES = {
    "coach": "coach head-coach trainer trainerin entraineur entraineuse entrenador entrenadora allenatore "
             "treinador treinadora bondscoach",
    "captain": "captain skipper kapitan kapitän kapitaen capitaine capitan capitana capitano capitao "
               "aanvoerder aanvoerster spielführer",
    "goalkeeper": "goalkeeper keeper goalie torwart torhüter gardien portero portera portiere goleiro "
                  "doelman",
    "referee": "referee schiedsrichter arbitre arbitro scheidsrechter",
    "mayor": "mayor mayoress bürgermeister bürgermeisterin burgermeister maire mairesse alcalde alcaldesa "
             "sindaco sindaca prefeito prefeita burgemeester burmistrz",
    "president": "president präsident präsidentin presidente presidenta président présidente prezydent",
    "prime minister": "premier premierminister premierministerin prime-minister",
    "minister": "minister ministerin ministre ministro ministra",
    "chancellor": "chancellor kanzler kanzlerin",
    "governor": "governor gouverneur governatore gobernador gobernadora governador",
    "landlord": "landlord landlady vermieter vermieterin bailleur arrendador arrendadora locatore senhorio "
                "verhuurder verhuurster",
    "tenant": "tenant tenants mieter mieterin locataire inquilino inquilina huurder huurster",
    "reporter": "reporter journalist journalistin journaliste periodista giornalista jornalista verslaggever "
                "interviewer",
    "bride": "bride braut mariee novia sposa noiva bruid",
    "groom": "groom bridegroom bräutigam novio sposo noivo bruidegom",
    "son": "son sohn fils hijo figlio filho zoon syn",
    "daughter": "daughter tochter fille hija figlia filha dochter corka",
    "grandson": "grandson enkel petit-fils nieto nipote neto kleinzoon wnuk",
    "granddaughter": "granddaughter enkelin petite-fille nieta neta kleindochter wnuczka",
    "mother": "mother mum mom mama mutter madre mamma moeder matka",
    "father": "father dad papa vater padre vader ojciec",
    "grandmother": "grandmother grandma granny oma grossmutter großmutter grand-mere abuela nonna avo "
                   "grootmoeder babcia",
    "grandfather": "grandfather grandpa opa grossvater großvater grand-pere abuelo nonno avô grootvader "
                   "dziadek",
    "sister": "sister schwester soeur sœur hermana sorella zus siostra",
    "brother": "brother bruder frere hermano fratello irmao broer",
    "wife": "wife ehefrau epouse esposa moglie vrouw",
    "husband": "husband ehemann epoux esposo marito marido",
    "doctor": "doctor doktor docteur medico lekarz",
    "professor": "professor prof professeur professore profesor hoogleraar",
    "king": "king könig koenig roi rey koning krol",
    "queen": "queen königin koenigin reine reina regina rainha koningin krolowa",
    "prince": "prince prinz principe prins ksiaze",
    "princess": "princess prinzessin princesse princesa principessa prinses ksiezniczka",
}
_ROLE_OF = {fold(w): role for role, words in _ROLES.items() for w in words.split()}
_ROLE_OF |= {w + "s": role for w, role in list(_ROLE_OF.items()) if len(w) >= 4 and not w.endswith("s")}
# A minister who is first is the prime minister: Prime Minister, Première ministre, primo ministro.
_FIRST = frozenset("prime premier premiere primer primera primo prima primeiro primeira erste eerste".split())
_TWO_WORD_ROLES = {(first, minister): "prime minister" for first in _FIRST
                   for minister in ("minister", "ministre", "ministro", "ministra", "ministerin")}
_TWO_WORD_ROLES |= {("head", "coach"): "coach", ("bride", "groom"): ""}
_MODIFIER_OF = {w: "former" for w in "former ex ex- ehemalige ehemaliger ehemaligen früherer frühere ancien "
                                   "ancienne antiguo antigua ex-presidente voormalig voormalige antigo "
                                   "antiga byly byla".split()}
_MODIFIER_OF |= {w: "deputy" for w in "deputy vice vice- stellvertretende stellvertretender adjoint adjointe "
                                    "teniente vicepresidente loco-burgemeester wethouder zastepca".split()}


def _role(words: list[str]) -> tuple[str, str] | None:
    """(modifier, role) of the title ``words``, or None where no role word is among them."""
    folded = [fold(w) for w in words]
    pairs = zip(folded, folded[1:], strict=False)
    roles = [_TWO_WORD_ROLES[pair] for pair in pairs if pair in _TWO_WORD_ROLES]
    roles = roles or [_ROLE_OF[w] for w in folded if w in _ROLE_OF]
    if len(set(roles)) != 1 or not roles[0]:
        return None  # no role, or two (bride and groom): no one title
    modifier = next((_MODIFIER_OF[w] for w in folded if w in _MODIFIER_OF), "")
    return modifier, roles[0]


# A head of government is "presidente" in Spain and Italy and a prime minister in English.
_ONE_OFFICE = frozenset({"president", "prime minister"})


def _same_office(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a == b or a[0] == b[0] and {a[1], b[1]} == _ONE_OFFICE


_TWO_WORD_STARTS = frozenset(first for first, _ in _TWO_WORD_ROLES)


def _titled(word: str) -> bool:
    return fold(word) in _ROLE_OF or fold(word) in _MODIFIER_OF or fold(word) in _TWO_WORD_STARTS


def _titles(text: str) -> list[tuple[tuple[str, ...], tuple[str, str]]]:
    """(name words, title) for each name with a title right before it: capitalised title words
    open the name's run (``Coach Imelda Sarr``), others stand before it (``her grandson
    Mateo``, ``Former mayor Gwen Attwater``)."""
    text, spans, words, runs = _read(text)
    out = []
    for i, j, _ in runs:
        # The name follows the run's last title word (French President Emmanuel Macron).
        peel = max((t + 1 for t in range(i, j) if _titled(words[t])), default=i)
        k = i
        while k > 0 and i - k < 3 and _titled(words[k - 1]) \
                and not _CLAUSE_BREAK.search(text[spans[k - 1].end():spans[k].start()]):
            k -= 1
        role = _role([w for w in words[k:peel] if _titled(w)])
        name = tuple(fold(w) for w in words[peel:j + 1] if len(w) >= 3 and w not in _LINKS)
        if role is not None and name:
            out.append((name, role))
    return out


def _said(text: str) -> set[str]:
    """The folded name words of ``text``, titled or not."""
    return {w for _, _, run in _read(text)[3] for w in run}


def changed_titles(text: str, sources: list[str]) -> list[str]:
    """A name with another title than the sources give it (a role swapped or changed, a former
    one made current), or with the title a source gives only to someone else (``Reporter Dagny
    Forsberg interviews Tomasz Wielgosz`` -> ``reporter Tomasz Wielgosz``)."""
    said: dict[str, set[tuple[str, str]]] = {}
    for source in sources:
        for name, title in _titles(source):
            for w in name:
                said.setdefault(w, set()).add(title)
    named = set().union(*map(_said, sources)) if sources else set()
    found = []
    for name, title in _titles(text):
        theirs = set().union(*(said.get(w, set()) for w in name))
        others = {t for w, ts in said.items() if w not in name for t in ts}
        held = any(_same_office(title, t) for t in theirs)
        if theirs and not held or not theirs and title in others and set(name) & named:
            was = ", ".join(" ".join(filter(None, t)) for t in sorted(theirs)) or "no title"
            found.append(f"{' '.join(filter(None, title))} {' '.join(name).title()} (source: {was})")
    return list(dict.fromkeys(found))


# Where a name stands in the picture, as an agency's caption gives it: ``Hanne Dalgaard (L)``,
# ``Aurelio Quispe (R)``; an output says ``on the left``.
_SIDE = re.compile(
    r"^\s*(?:\((?P<paren>l|r|l\.|r\.|left|right|links|rechts|izq\.?|dcha\.?|sx|dx|g\.|d\.)\)"
    r"|,?\s*(?:on the |at the |to the |far )?(?P<word>left|right|links|rechts|à gauche|à droite|"
    r"a la izquierda|a la derecha|a sinistra|a destra|à esquerda|à direita)(?![^\W\d_]))", re.I)


_LEFT = frozenset({"l", "left", "links", "izq", "sx", "g", "a gauche", "a la izquierda", "a sinistra",
                   "a esquerda"})


def _side(mark: str) -> str:
    return "left" if fold(mark).rstrip(".") in _LEFT else "right"


def _sides(text: str) -> list[tuple[tuple[str, ...], str]]:
    """(name words, the side of the picture it stands on) where the text says so after the name."""
    text, spans, words, runs = _read(text)
    out = []
    for i, j, _ in runs:
        m = _SIDE.match(text[spans[j].end():spans[j].end() + 24])
        name = tuple(fold(w) for w in words[i:j + 1] if len(w) >= 3 and w not in _LINKS and not _titled(w))
        if m and name:
            out.append((name, _side(m["paren"] or m["word"])))
    return out


def swapped_sides(text: str, sources: list[str]) -> list[str]:
    """A name on the other side of the picture than a source puts it: ``(L)`` -> ``on the right``."""
    said = {w: side for source in sources for name, side in _sides(source) for w in name}
    return [f"{' '.join(name).title()} on the {side} (source: the {said[w]})" for name, side in _sides(text)
            for w in name[-1:] if said.get(w, side) != side]


# How sure an auction or a museum is of its artist: ``Circle of Jan van Goyen`` is not ``by Jan
# van Goyen``. Each kind's words in several languages; "after" (a copy) only where it opens a
# segment or follows the print's medium, being a preposition of time elsewhere.
_ATTRIBUTIONS = {
    "circle": r"circle of|cercle de|umkreis(?: des| von)?|kring van|c[ií]rculo de|cerchia di",
    "attributed": r"attributed to|attribu[ée]e? [àa]|zugeschrieben|atribu[ií]d[oa] a|attribuit[oa] a|"
                  r"toegeschreven aan",
    "workshop": r"workshop of|studio of|atelier of|atelier de|atelier van|werkstatt(?: des| von)?|taller de|"
                r"bottega d[ie]l?|oficina de|werkplaats van",
    "school": r"school of|[ée]cole de|schule des|escuela de|scuola di|escola de|school van",
    "follower": r"followers? of|suiveur de|nachfolger(?: des| von)?|seguidor de|seguace di|navolger van",
    "manner": r"manner of|style of|[àa] la mani[èe]re de|in der art des|estilo de|maniera di|maneira de|"
              r"trant van|stijl van",
    "after": r"after|d'apr[èe]s|nach|naar|copy after|copia de|copia da",
}
_AS_SAID = {"circle": "circle of", "attributed": "attributed to", "workshop": "workshop of",
            "school": "school of", "follower": "follower of", "manner": "manner of", "after": "after"}
_ATTRIBUTION = re.compile(r"(?<![^\W\d_])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _ATTRIBUTIONS.items())
                          + r")\s+(?:the |der |de |il |el )?(?=[^\W\d_])", re.I)
_COPY_OPENS = re.compile(r"(?:^|[|–—:;.(]|etching|engraving|lithograph|print|drawing|radierung|stich|gravure|"
                         r"grabado|incisione)\s*$", re.I)


def _attributions(text: str, sources: bool) -> list[tuple[str, tuple[str, ...]]]:
    """(kind, name words) for each artist named with how sure the text is of them; ``sources``:
    "after" counts only where it opens a segment or follows a print's medium."""
    out = []
    for m in _ATTRIBUTION.finditer(text):
        kind = m.lastgroup or ""
        opens = _COPY_OPENS.search(text[:m.start()])
        if kind == "after" and sources and not opens or text[m.end()].islower():
            continue  # an artist's name, not a school of samba
        run = next((r for _, _, r in _read(text[m.end():])[3][:1]), ())
        name = tuple(w for w in run if len(w) >= 4)
        if name:
            out.append((kind, name))
    return out


def lost_attributions(text: str, sources: list[str]) -> list[str]:
    """An artist a source names as "circle of", "attributed to", "after" ..., whom the output
    names without those words of that kind (``by Jan van Goyen``)."""
    said = [a for source in sources for a in _attributions(source, sources=True)]
    if not said:
        return []
    own = _said(text)
    kinds = {kind for kind, _ in _attributions(text, sources=False)}
    # An output that drops the artist drops no word of how sure the source is of them.
    return [f"by {' '.join(name).title()} (source: {_AS_SAID[kind]} {' '.join(name).title()})"
            for kind, name in said if set(name) & own and kind not in kinds]
