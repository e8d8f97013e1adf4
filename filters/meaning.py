"""Words that carry a fact without a digit or a capital: a final that became a semifinal, a used
camera sold as new, a body-only listing that gained a lens, men's shoes that became women's.

Each group lists terms that exclude one another, in the languages alt-text is commonly written
in. An output term changes the fact where the sources state another term of its group and none
of its own (``final`` -> ``semifinal``, ``Gebrauchte`` -> ``Neue``, ``body only`` -> ``con
obiettivo``). A source that states none, or states both, decides nothing: words the model added
about a thing the source is silent on are left to the other checks.
"""

from __future__ import annotations

import re
from functools import cache

# group -> sense -> terms split by "|", lowercase. A "*" after a term makes it a compound's
# first part (Damen*: Damenfahrrad), before it the last (*halbfinale: DFB-Pokalhalbfinale).
# Longer terms are matched first and hide the shorter ones inside them (semi-final, not final);
# a thing "like new" is used, so the phrase is a used term (gebraucht, wie neu).
_TERMS: dict[str, dict[str, str]] = {
    "round": {
        "final": (
            "final|finals|finale|finali|finał|finału|finale*|*finale|*finales|*finalen"
        ),
        "semifinal": (
            "semifinal|semifinals|semi-final|semi-finals|semi final|semifinale|semifinali|"
            "semifinales|demi-finale|demi-finales|halve finale|halbfinale|*halbfinale|"
            "*halbfinales|halbfinal*|półfinał|półfinale|półfinału|полуфинал|полуфинале|"
            "yarı final|準決勝|半决赛|準決賽"
        ),
        "quarterfinal": (
            "quarterfinal|quarterfinals|quarter-final|quarter-finals|quarter final|"
            "quart de finale|quarts de finale|cuartos de final|quarti di finale|"
            "quartas de final|kwartfinale|viertelfinale|*viertelfinale|ćwierćfinał|"
            "четвертьфинал|準々決勝|四分之一决赛"
        ),
    },
    "condition": {
        "new": (
            "new|brand-new|brand new|neu|neue|neuer|neues|neuen|neuf|neuve|neufs|neuves|nuevo|"
            "nueva|nuevos|nuevas|nuovo|nuova|nuovi|nuove|novo|novos|novas|nieuw|nieuwe|nowy|"
            "nowa|nowe|новый|новая|новое|новые|ny|nya|nytt|nye|nyt|uusi|uudet|nový|nová|nové|yeni|"
            "新品|全新|새제품|새상품|신품"
        ),
        "used": (
            "used|pre-owned|preowned|second-hand|secondhand|second hand|gebraucht|gebrauchte|"
            "gebrauchter|gebrauchtes|gebrauchten|d'occasion|usado|usada|usados|usadas|"
            "de segunda mano|usato|usata|usati|usate|seminovo|gebruikt|gebruikte|tweedehands|"
            "używany|używana|używane|б/у|中古|二手|like new|like-new|as new|wie neu|neuwertig|"
            "neuwertige|neuwertiger|neuwertiges|comme neuf|comme neuve|como nuevo|como nueva|"
            "come nuovo|come nuova|como novo|como nova|als nieuw|jak nowy|jak nowa|jak nowe|"
            "begagnad|begagnade|begagnat|brugt|brugte|brukt|brukte|käytetty|käytetyt|použitý|"
            "použitá|použité|ikinci el|подержанный|подержанная|중고|som ny|som nytt|som nye"
        ),
        "refurbished": (
            "refurbished|renewed|generalüberholt|reconditionné|reconditionnée|reacondicionado|"
            "reacondicionada|ricondizionato|ricondizionata|recondicionado|recondicionada|"
            "gereviseerd|odnowiony|odnowiona"
        ),
    },
    "kit": {
        "body only": (
            "body only|body-only|nur body|nur gehäuse|nur das gehäuse|boîtier nu|boîtier seul|"
            "solo cuerpo|sólo cuerpo|solo corpo|solo il corpo|somente corpo|somente o corpo|"
            "apenas corpo|alleen body|tylko korpus|ohne akku|without battery|sans batterie|"
            "sin batería|senza batteria|sem bateria|zonder accu|bez akumulatora|ボディのみ|仅机身"
        ),
        "with lens or battery": (
            "with lens|with a lens|with kit lens|kit lens|lens kit|mit objektiv|avec objectif|"
            "con objetivo|con lente|con obiettivo|com lente|com objetiva|met lens|"
            "met objectief|z obiektywem|with battery|with a battery|with batteries|"
            "battery included|batteries included|mit akku|inkl. akku|avec batterie|"
            "con batería|con batteria|com bateria|met accu|z akumulatorem|レンズキット|套机"
        ),
    },
    "wearer": {
        "men": (
            "men's|for men|herren|herren*|hombre|hombres|homme|hommes|messieurs|masculin|"
            "masculine|uomo|masculino|masculina|caballero|heren|heren*|męski|męska|męskie|pánské|"
            "pánská|pánský|erkek|мужской|мужские|メンズ|男士|男款|남성|남성용"
        ),
        "women": (
            "women's|womens|for women|ladies|ladies'|damen|damen*|mujer|mujeres|femme|femmes|"
            "mesdames|féminin|féminine|donna|feminino|feminina|señora|dames|dames*|damski|damska|"
            "damskie|dámské|dámská|dámský|kadın|женский|женские|レディース|女士|女款|여성|여성용"
        ),
    },
}
GROUPS = {group: {sense: tuple(terms.split("|")) for sense, terms in senses.items()}
          for group, senses in _TERMS.items()}


@cache
def _pattern(group: str) -> re.Pattern[str]:
    """One alternation of a group's terms, longest first; each term a whole word, or for a
    ``*`` term, a compound's first or last part (Damenfahrrad, DFB-Pokalhalbfinale)."""
    parts = []
    for term in sorted({t for terms in GROUPS[group].values() for t in terms}, key=len, reverse=True):
        word = re.escape(term.strip("*"))
        if term.endswith("*"):
            parts.append(rf"(?<![^\W\d_]){word}(?=[^\W\d_]{{3,}})")
        elif term.startswith("*"):
            parts.append(rf"(?<=[^\W\d_]){word}(?![^\W\d_])")
        elif re.match(r"[\u3040-\u30ff\u3400-\u9fff]", term):
            parts.append(word)
        else:
            parts.append(rf"(?<![^\W\d_]){word}(?![^\W\d_'])")
    return re.compile("|".join(parts))


@cache
def _senses(group: str) -> dict[str, str]:
    """A group's terms, stars dropped, to their sense."""
    return {t.strip("*"): sense for sense, terms in GROUPS[group].items() for t in terms}


def senses(text: str, group: str) -> set[str]:
    """The senses of ``group`` that ``text`` states. English "new" before a capitalised word is
    a name's (New York, New Balance), and a short term in capitals an abbreviation's (NY)."""
    text = text.replace("’", "'")
    found = set()
    for m in _pattern(group).finditer(text.lower()):
        after = text[m.end():m.end() + 2]
        if m.group() == "new" and len(after) == 2 and after[0] == " " and after[1].isupper():
            continue
        if len(m.group()) <= 3 and text[m.start():m.end()].isupper():  # NY is New York, not ny (new)
            continue
        found.add(_senses(group)[m.group()])
    return found


def changed_meanings(text: str, sources: list[str]) -> list[str]:
    """The output's terms whose sense the sources contradict: they state another sense of its
    group and not this one (``semifinal`` for a ``final``)."""
    out = []
    for group in GROUPS:
        said = set().union(*(senses(s, group) for s in sources if s))
        if not said:
            continue
        for sense in sorted(senses(text, group) - said):
            out.append(f"{sense} (source: {', '.join(sorted(said))})")
    return out
