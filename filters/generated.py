"""Output filters: checks on generated text after parsing, one failure mode each.

Every filter reads one ``Generation``; the first that objects names the reject reason. The
fixture set in tests/data/generated_fixtures.jsonl measures them (scripts/filter_quality.py).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .base import Drop, Filter


@dataclass
class Generation:
    """A parsed generation as output filters see it."""

    key: str
    shard: str
    variant: int
    text: str
    source: str  # the text it was generated from (the cleaned alt-text, or an upstream output)
    finish_reason: str | None
    instruction: str = ""  # the template's fixed words: what a prompt leak would copy
    lang: str | None = None  # a required language: translate's target, or the prompt's (images)
    prompt_lang: str | None = None  # the prompt's language: allowed when the source is unclear
    context: tuple[str, ...] = ()  # other texts the prompt showed (fusion: the visual caption)
    sees_source: bool = True  # False: the prompt never showed ``source`` (a plain visual caption)
    sees_image: bool = False  # the model saw the image: counts of what is visible are its own


def norm_words(text: str) -> list[str]:
    """Lowercased words; punctuation and separators (``_``, ``-``, ``.``) split them, and an HTML
    entity is its character (``Harlow &amp; Finch`` is ``Harlow & Finch``)."""
    return re.sub(r"[\W_]+", " ", html.unescape(text).lower()).split()


class NonEmpty(Filter[Generation]):
    name = "non_empty"

    def reason(self, g: Generation) -> str | None:
        return "empty_output" if not g.text.strip() else None


_REFUSALS = re.compile(
    r"\b(i'?m sorry|i am sorry|sorry, (?:but )?i|i apologi[sz]e|my apologies|as an ai|i am an ai|"
    r"as a (?:large )?language model|i can(?:no|')?t (?:see|view|"
    r"help|assist|provide|describe|determine|tell|identify|access|translate|rewrite|process|"
    r"fulfill|comply|generate|combine|merge|verify|confirm|write|caption|complete)|"
    r"i(?: am|'m) (?:not able|unable)|i do(?: not|n't) have (?:access|the "
    r"ability)|unable to (?:see|view|access|determine)|(?:there is|there's) no image|no image (?:was|is|"
    r"has been) (?:provided|attached|shared)|without (?:seeing|access to|viewing) the image|"
    r"please (?:provide|upload|share|attach)|the alt-?text (?:does ?n[o']t|is (?:not|too)|doesn't)|"
    r"here(?: is|'s) (?:the|a|an|your|my) (?:\w+ ){0,3}(?:caption|rewrite|translation|description|"
    r"version)|(?:rewritten|revised|translated|merged) (?:caption|version|text) ?:)",
    re.IGNORECASE,
)
# Translations refuse in their target language: the same phrases in the languages we translate to.
# Translations refuse in their target language. First-person phrases only: a translated
# "Sorry, we're closed" sign is a caption, "I cannot translate this" is not.
_FOREIGN_REFUSALS = re.compile(
    r"lo siento, pero|no puedo|je suis désolée?|je ne peux pas|es tut mir leid|ich kann (?:\w+ ){0,4}"
    r"(?:nicht|keine?n?\b)|não posso|mi dispiace|non posso|het spijt me|ik kan (?:\w+ ){0,4}(?:niet|geen)\b|"
    r"я не могу|"
    r"к сожалению, я|我无法|我不能|できません|할 수 없|przepraszam, (?:ale )?nie|nie mogę|omlouvám se|nemohu|"
    r"üzgünüm|yapamam|tyvärr kan jag inte|jag kan inte|beklager, jeg kan ikke|desculpe, mas|"
    r"maaf, saya tidak|saya tidak (?:dapat|bisa)|tôi xin lỗi|tôi không thể|λυπάμαι|δεν μπορώ|لا أستطيع|"
    r"لا يمكنني|죄송합니다|对不起，我|sajnálom|nem tudom|îmi pare rău|nu pot|valitettavasti en|en voi|"
    r"jeg kan ikke|я не можу|मैं (?:\S+ ){0,4}नहीं कर सकता|ฉันไม่สามารถ",
    re.IGNORECASE,
)
# Quoted text; inside single quotes an apostrophe between letters is a letter ('Sorry, I can't').
QUOTED = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”|„[^“”\n]{1,200}[“”]|«[^»\n]{1,200}»|「[^」\n]{1,200}」'
                     r"|(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){1,200}'(?!\w)|‘[^’\n]{1,200}’")
_CHATTER = re.compile(
    r"^\s*(?:sure|certainly|of course|absolutely|okay|ok|great|gerne|natürlich|klar|bien sûr|"
    r"certainement|claro|por supuesto|certo|certamente|ovviamente|com certeza|zeker|natuurlijk|конечно|"
    r"当然|好的)\s*[!,.:！，。]|^\s*(?:voici|hier ist|aquí (?:está|tienes)|ecco|aqui está|hier is|вот)\b"
    # "Here is ..." in further languages, up to its colon: "Iată descrierea rescrisă: ..."
    r"|^\s*(?:iată|oto|zde je|tady je|tu je|íme|itt (?:van|a)|işte|berikut(?: ini)?|đây là|dưới đây là|"
    r"här är|her er|hier er|tässä on|tässä|ορίστε|ось|以下は|以下是|다음은)\b[^.:\n]{0,60}[:：]"
    r"|i'?d be (?:happy|glad) to|i (?:need|would need) (?:a bit )?more (?:information|context|details)"
    r"|(?:not|isn't|is not) enough (?:information|context|detail) (?:in|for|to)|for me to (?:write|describe|"
    r"caption|translate|rewrite)", re.IGNORECASE)
_NOTE = re.compile(r"(?:^|\s)\(?(?:note|explanation|disclaimer)\s*:", re.IGNORECASE)


# Talk to the reader instead of a caption: advice ("Try batch cooking on Sundays so you always
# have ...", "Book your Kyoto hotel early"), two signs of it at least; and an encyclopedia's
# statement about a kind of thing ("Pottery is one of the oldest crafts", "Chengdu is the capital
# of Sichuan"). Neither where the sources talk so too (a listing's "Book your stay now").
_ADVICE = re.compile(
    r"\b(?:you|your|yours|yourself|you're|you'll)\b|(?:^|[.!?;:]\s+)(?:book|remember|make sure|"
    r"don't forget|try|discover|visit|shop|buy|order|click|learn|choose|check out|explore|plan|"
    r"to (?:make|get|keep|achieve) (?:a|an|the|your|perfect|great)\b)\b",
    re.IGNORECASE)
# Advice in one phrase: "..., so it is important to choose comfortable shoes".
_ADVICE_PHRASE = re.compile(r"\b(?:it is|it's) (?:important|essential|best|wise|advisable|a good idea|"
                            r"recommended) to\b", re.IGNORECASE)
_ENCYCLOPEDIA = re.compile(
    r"\b(?:is|are|was|were) (?:one of the|known for|famous for|the capital of|a (?:breed|type|kind|"
    r"species|popular|traditional))\b|\bdating back\b|\boriginally (?:developed|bred|built)\b",
    re.IGNORECASE)


class Refusal(Filter[Generation]):
    """Refusals and meta-talk instead of a caption ("I'm sorry", "as an AI", "Sure! Here is..."),
    and other talk that is no caption: advice to the reader, an encyclopedia's statement."""

    name = "refusal"

    def reason(self, g: Generation) -> str | None:
        # Quoted printed text is a caption's content ('a mug that reads "Sorry, not sorry"').
        t = QUOTED.sub(" ", g.text.replace("’", "'"))
        found = _REFUSALS.search(t) or _FOREIGN_REFUSALS.search(t) or _CHATTER.search(t) or _NOTE.search(t)
        if found:
            return "refusal"
        sources = " ".join([g.source, *g.context])
        advice = len(_ADVICE.findall(t)) + 2 * len(_ADVICE_PHRASE.findall(t))
        if advice >= 2 and not (_ADVICE.search(sources) or _ADVICE_PHRASE.search(sources)):
            return Drop("not_a_caption", "talks to the reader")
        if _ENCYCLOPEDIA.search(t) and not _ENCYCLOPEDIA.search(sources):
            return Drop("not_a_caption", "states what a kind of thing is")
        return None


class Echo(Filter[Generation]):
    """The output repeats an input: nothing was rewritten, fused or translated.

    A copy is the same words up to case, punctuation and separators (``red_car-photo`` = ``Red
    car photo``) or one typo; also a copy behind a label or instruction (``Caption this: <alt>``),
    and a fusion that copies either of its inputs. A translation may equal its source when the
    source is a name (``iPhone 15 Pro``, ``Coca-Cola``): every word capitalised, a code, or short.
    """

    name = "echo"

    def reason(self, g: Generation) -> str | None:
        if not g.source:
            return None
        # With a required language (a translation), a copy must be exact: one changed word may
        # be the one word there was to translate (Tour de France -> Tour de Francia).
        translation = bool(g.lang) and not g.sees_image  # an image caption has no source to keep
        # ... unless the source is a phrase of five words or more: litre -> liter left the rest as it was.
        typo = not translation or len(_words_of(g.source)) >= 5 and not _is_name(g.source)
        if _copies(g.text, g.source, labelled=True, typo=typo) and not (
                translation and _is_name(g.source) and _is_name(g.text)  # SPAGHETTI ALLE -> Spaghetti alle
                and not _untranslated_listing(g.source, g.lang)):
            return "echo_input"
        # A fusion that copies one input dropped the other (a prefix before it is new content);
        # a camera's file name (IMG_4471.JPG) has nothing to drop: its fusion is the visual caption.
        if _FILE_NAME.match(g.source.strip()) and not _named_file(g.source):
            return None
        if any(_copies(g.text, c) for c in g.context):
            return "echo_input"
        # A fusion that is one input cut short (its article number or byline dropped) added
        # nothing from the other either.
        cut = g.context and any(_cut_copy(g.text, t) for t in (g.source, *g.context))
        return "echo_input" if cut else None


CUT_COPY = 0.6  # share of an input's words a cut copy keeps, in one run


def _cut_copy(text: str, source: str) -> bool:
    """``text`` is one run of ``source``'s words, five or more and most of them."""
    out, src = _words_of(text), _words_of(source)
    if len(out) < 5 or len(out) < CUT_COPY * len(src) or len(out) >= len(src):
        return False
    return any(src[i:i + len(out)] == out for i in range(len(src) - len(out) + 1))


_IMAGE_EXTENSIONS = r"(?:jpe?g|png|webp|gif|tiff?|bmp|heic)$"
_FILE_EXTENSION = re.compile(r"[ .]" + _IMAGE_EXTENSIONS, re.IGNORECASE)
_FILE_NAME = re.compile(r"^\S+\." + _IMAGE_EXTENSIONS, re.IGNORECASE)


# A camera's or a phone's file name prefix holds no word of the picture: IMG_4471, DSC_0193, PXL_2023.
_CAMERA_WORDS = frozenset("img image dsc dscn dscf dcim pxl photo pic mvimg jpg jpeg png heic edited final "
                          "copy screenshot whatsapp".split())


def _named_file(source: str) -> bool:
    """A file name with words of the picture in it (golden_gate_fog_morning.jpg)."""
    words = re.findall(r"[^\W\d_]{3,}", _FILE_EXTENSION.sub("", source.strip()).lower())
    return any(w not in _CAMERA_WORDS for w in words)


def _words_of(text: str) -> list[str]:
    """Words up to case, separators and accents (``Clasico`` is ``Clásico``)."""
    plain = unicodedata.normalize("NFKD", _FILE_EXTENSION.sub("", text.strip()))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return norm_words(unicodedata.normalize("NFC", plain))


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_PREFIX = re.compile(r"^[^:\n]{0,60}?[:：]\s*|^[^\n]{0,40}?\s[-–—]\s+")


def _copies(text: str, source: str, labelled: bool = False, typo: bool = True) -> bool:
    """``text`` is ``source`` up to case, punctuation, separators, a file extension and one
    typo; with ``labelled``, also behind a label or an instruction (``Caption this: ...``)."""
    src = _words_of(source)
    if not src:
        return False
    for candidate in (text, _PREFIX.sub("", text, count=1)) if labelled else (text,):
        out = _words_of(candidate)
        if out == src or (typo and _one_typo(out, src)):
            return True
        if _CJK_CHAR.search(source) and "".join(out) == "".join(src):  # CJK needs no spaces: 二手Sony
            return True
    return False


def _one_typo(a: list[str], b: list[str]) -> bool:
    """Same words but one, and that one a small misspelling (``bycicle`` for ``bicycle``)."""
    if len(a) != len(b) or len(a) < 3:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1 or any(c.isdigit() for c in diff[0][0] + diff[0][1]):
        return False  # a changed number is a changed fact, not a typo
    from rapidfuzz.distance import Levenshtein

    x, y = diff[0]
    return min(len(x), len(y)) >= 4 and Levenshtein.distance(x, y) <= 2


def _is_name(text: str) -> bool:
    """Mostly capitalised words and codes (``iPhone 15 Pro``, ``Tour de France 2023``), or short;
    no lowercase word of four letters or more (``Gebrauchtes Damenfahrrad, guter Zustand`` is
    German nouns, ``Wooden chair`` a phrase, not a name)."""
    words = re.findall(r"[^\W_]+", text)
    named = sum(any(c.isupper() or c.isdigit() for c in w) for w in words)
    phrase = any(w.isalpha() and w.islower() and len(w) >= 4 for w in words)
    return (len(words) <= 2 or named >= 0.7 * len(words)) and not phrase


def _untranslated_listing(text: str, target: str | None) -> bool:
    """A listing of everyday words a translation had to translate, whatever its capitals say:
    German capitalises every noun (``Kaffeemaschine Siebträger Edelstahl``: two thirds of its
    words everyday German nouns the target does not use), English listings are Title Case
    (``Men's Shoes White/White Size 10 – Brand New in Box``). A word list cannot tell a noun
    from a name (Haus Schwarzenberg), so two words alone, or words beside a place (Wien), stay
    a name."""
    from .language import sure_language, zipf
    from .places import alnum, place_names

    if not target or target == "de":
        return False
    words = re.findall(r"[^\W\d_]{4,}", text)
    if len(words) < 3 or any(alnum(w) in place_names() for w in words):
        return False
    if sure_language(text.lower()) == "de":
        ordinary = [w for w in words if zipf(w, "de") >= 2.5 and zipf(w, target) < 1.0]
        return 3 * len(ordinary) >= 2 * len(words)
    # English words travel (a shop in Milan writes "Brand"): an English listing is one by its
    # everyday words, at least three and half its words, each much commoner in English than in
    # the target (Men's Shoes White/White Size 10 for Italian; iPhone 15 Pro Max is a name).
    if target == "en" or sure_language(text.lower()) not in ("en", None):
        return False
    english = [w for w in words if zipf(w, "en") >= 4.0
               and zipf(w, "en") - zipf(w, target) >= ENGLISH_MARGIN]
    return len(english) >= 3 and 2 * len(english) >= len(words)


ENGLISH_MARGIN = 1.2  # Zipf by which an everyday English word is commoner than in the target (Size)


def fixed_text(template_body: str) -> str:
    """A template's fixed words: Jinja expressions/blocks and [[role]] markers removed."""
    return re.sub(r"\{[{%#].*?[}%#]\}|\[\[\w+\]\]", " ", template_body, flags=re.S)


_LABEL = re.compile(r"^\s*([A-Za-z][\w -]{1,30}):", re.MULTILINE)
# An output that opens with a format label copied the prompt's scaffold, whatever the template.
_OPENING_LABEL = re.compile(
    r"^\s*(?:alt-?text|(?:[a-z]+[ -])?(?:caption|description)|rewrite|(?:rewritten|translated) text|"
    r"translation|output|answer|response|target language|source (?:caption|text|language)|"
    r"input|instruction|prompt|task)(?:\s*\([^)]*\))?\s*:", re.IGNORECASE)


@lru_cache(maxsize=64)
def _instruction_index(instruction: str, n: int) -> tuple[frozenset[tuple[str, ...]], re.Pattern | None]:
    """The instruction's word n-grams, and a pattern for its scaffold labels ("Alt-text:")."""
    plain = fixed_text(instruction)
    words = norm_words(plain)
    grams = frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    labels = sorted({m.group(1).strip() for m in _LABEL.finditer(plain)}, key=len, reverse=True)
    alts = "|".join(map(re.escape, labels))
    pattern = re.compile(rf"\b(?:{alts})\s*:", re.I) if labels else None
    return grams, pattern


# Chat-format markers of any template family (ChatML, Llama, Gemma, Alpaca, Vicuna, Mistral).
_CHAT_MARKERS = re.compile(
    r"<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>|</?s>|<start_of_turn>|<end_of_turn>"
    r"|\[\[?/?(?:system|user|assistant)\]\]?"
    r"|^\s*#{2,4}\s*(?:instruction|response|input|output|system|user|assistant)\b"
    r"|^\s*(?:user|assistant|system|human|gpt|ai)\s*:"
    # A system prompt recited: "You are an image captioning assistant."
    r"|^\s*(?:you are|du bist|sie sind|vous êtes|tu es|eres|usted es|sei|você é|je bent|jesteś|ты|вы)"
    r"\s+(?:an?|ein\w*|une?|una?|um|uma|een)?\s*[\w -]{0,40}?"
    r"(?:assistant|assistent\w*|asistent\w*|model\w*|caption\w*|translat\w*|übersetzer\w*|traduct\w*|"
    r"traduttor\w*|tradutor\w*|vertaler|tłumacz\w*|ассистент|переводчик|bot|ai|ki|ia)\b",
    re.IGNORECASE | re.MULTILINE)
# An order to the model on a line of its own before the caption: "Describe the image in one
# sentence.\nA tangle of cables ..." (an instruction the template words otherwise).
_ORDER_LINE = re.compile(
    r"^\s*(?:please\s+)?(?:describe|caption|rewrite|translate|write|generate|summari[sz]e|beschreibe|"
    r"beschreiben sie|décris|décrivez|describa|descrivi|descriva|descreva|beschrijf|opisz|опишите|"
    r"übersetze|traduis|traduisez|traduce|traduci|traduza|vertaal)\b[^\n]{0,160}?"
    r"(?:image|picture|photo|caption|sentence|text|alt-?text|bild|foto|satz|phrase|imagen|frase|immagine|"
    r"imagem|afbeelding|zin|zdjęcie|изображение)\b[^\n]*\n+(?=\S)", re.IGNORECASE)
# The prompt's subject named in the output's own language: a model that translated its
# instructions, or narrates the task ("Traducción al español: ...").
_META_WORDS = re.compile(
    r"\b(?:alt-?text|traduc\w*|tradu[zç]\w*|übersetz\w*|vertaal\w*|vertaling\w*|translat\w*|"
    r"leyenda|légende|didascalia|bildunterschrift|legenda|onderschrift|"
    r"переве\w*|перевод\w*|подпис\w*|texto alternativo|texte alternatif|testo alternativo|alternativtext\w*|"
    r"alternatieve tekst|tekst alternatywny)\b|翻訳|翻译|번역|語訳|译文|訳文|キャプション|说明文字|替代文本|"
    r"代替テキスト"
    r"|캡션|대체 텍스트",
    re.IGNORECASE)


class Leak(Filter[Generation]):
    """The output recites its instructions or copies the prompt scaffold (BLIP3-KALE drops these).

    A leak is ``n`` consecutive words shared with the template's fixed text that the source does
    not also contain, or one of the template's labels ("Alt-text:", "Rewrite:") in the output.
    """

    name = "leak"

    def __init__(self, n: int = 5):
        self.n = n

    def reason(self, g: Generation) -> str | None:
        if _OPENING_LABEL.search(g.text) or _CHAT_MARKERS.search(g.text):
            return "prompt_leak"
        if _META_WORDS.search(g.text) and not _META_WORDS.search(" ".join([g.source, *g.context])):
            return "prompt_leak"
        order = _ORDER_LINE.match(g.text)  # not where the source holds the same line
        if order and " ".join(norm_words(order[0])) not in " ".join(norm_words(g.source)):
            return "prompt_leak"
        if not g.instruction:
            return None
        grams, labels = _instruction_index(g.instruction, self.n)
        if labels is not None and labels.search(g.text):
            return "prompt_leak"
        words, src = norm_words(g.text), " ".join(norm_words(g.source))
        for i in range(len(words) - self.n + 1):
            gram = tuple(words[i : i + self.n])
            if gram in grams and " ".join(gram) not in src:
                return "prompt_leak"
        return None


class Repetition(Filter[Generation]):
    """Degenerate loops: the same n-gram over and over ("a dog a dog a dog a dog ...").

    The engine's own detector (vLLM ``repetition_detection``) stops loops early and finishes with
    reason ``repetition``; on text, one word n-gram (n = 1..4) repeated back to back ``max_run``
    times or more, a sentence said twice, or, in texts of 12+ words, fewer than ``min_unique``
    distinct words per word.
    """

    name = "repetition"

    def __init__(self, max_run: int = 4, min_unique: float = 0.3):
        self.max_run, self.min_unique = max_run, min_unique

    def reason(self, g: Generation) -> str | None:
        if g.finish_reason == "repetition":
            return "repetition"
        words = norm_words(g.text)
        if len(words) >= 12 and len(set(words)) / len(words) < self.min_unique:
            return "repetition"
        # A phrase of 2+ words said 3 times in a row is a loop; a single word needs max_run
        # ("coffee coffee coffee" is a slogan, "the the the the" is not).
        if any(_longest_run(words, n) >= (self.max_run if n == 1 else 3) for n in (1, 2, 3, 4)):
            return "repetition"
        if _CJK_LOOP.search(g.text):  # no spaces to split words on: repeated character runs
            return "repetition"
        sentences = [" ".join(norm_words(s)) for s in re.split(r"[.!?。！？]+", g.text)]
        sentences = [s for s in sentences if len(s.split()) >= 3]
        return "repetition" if len(sentences) != len(set(sentences)) else None


_CJK_LOOP = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,8})\1{2,}")


def _longest_run(words: list[str], n: int) -> int:
    """Most consecutive repeats of any n-gram, scanning with stride n from every offset."""
    best = 1
    for start in range(n):
        grams = [tuple(words[i : i + n]) for i in range(start, len(words) - n + 1, n)]
        run = 1
        for a, b in zip(grams, grams[1:], strict=False):
            run = run + 1 if a == b else 1
            best = max(best, run)
    return best


class Truncated(Filter[Generation]):
    """Cut off by max_tokens (``finish_reason == "length"``): the text is not a whole caption."""

    name = "truncation"

    def reason(self, g: Generation) -> str | None:
        return "truncated" if g.finish_reason == "length" else None


class WordCount(Filter[Generation]):
    """LaCLIP drops rewrites under a couple of words; over-long text breaks CLIP's 77 tokens.

    Also too short for its source: two words or fewer for a caption of six or more ("Globos."
    for a sentence about balloons over Cappadocia, "Czarny smartfon" for a Samsung Galaxy A54
    listing), at most a quarter of the source's words.
    """

    name = "length"

    def __init__(self, min_words: int, max_words: int | None = None):
        self.min_words, self.max_words = min_words, max_words

    def reason(self, g: Generation) -> str | None:
        n = _word_count(g.text)
        src = _word_count(g.source) if g.source else 0
        if n < self.min_words or (src >= 6 and n <= max(2, src // 4)):
            return "too_few_words"
        if self.max_words is not None and n > self.max_words:
            return "too_many_words"
        return None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # Korean puts spaces between words: not here


_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Myanmar, Khmer


def _word_count(text: str) -> int:
    """Words; in Chinese and Japanese text, where words are not space-separated, 2 chars = 1; in
    Thai, Lao, Burmese and Khmer, which do not space words either, 4 letters = 1."""
    cjk, unspaced = len(_CJK.findall(text)), len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", _CJK.sub(" ", text)).split()) + (cjk + 1) // 2 + (unspaced + 3) // 4
