"""Input text filters: hygiene on the alt-text before any prompt is rendered."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

from pipeline.rows import Sample

from .base import Filter

_WS = re.compile(r"\s+")


def clean_alt_text(text: str | None) -> str | None:
    """Fix mojibake, unescape HTML entities (web alt-text is often escaped twice), drop control
    characters, normalise whitespace. The raw text is kept separately in the samples table."""
    if text is None:
        return None
    text = ftfy.fix_text(text, unescape_html=False)
    for _ in range(3):  # "&amp;amp;" -> "&amp;" -> "&": unescape until nothing changes
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return _WS.sub(" ", text).strip()


class HasAltText(Filter[Sample]):
    name = "alt_text"

    def reason(self, s: Sample) -> str | None:
        return "missing_alt_text" if s.alt_text is None else None


class AltTextLength(Filter[Sample]):
    """Too short to rewrite, or so long it would blow the engine's context."""

    name = "alt_text_length"

    def __init__(self, min_chars: int, max_chars: int):
        self.min_chars, self.max_chars = min_chars, max_chars

    def reason(self, s: Sample) -> str | None:
        n = len(s.alt_text_clean or "")
        if n == 0:
            return "empty_alt_text"
        if n < self.min_chars:
            return "alt_text_too_short"
        if n > self.max_chars:
            return "alt_text_too_long"
        return None


class AltTextLanguage(Filter[Sample]):
    """Keep alt-texts in the job's languages (a real language-ID model, py3langid)."""

    name = "language"

    def __init__(self, allowed: list[str]):
        self.allowed = set(allowed)

    def reason(self, s: Sample) -> str | None:
        from .language import detect

        lang, _ = detect(s.alt_text_clean or "")
        return None if lang in self.allowed else f"language_not_allowed:{lang}"


class HasImage(Filter[Sample]):
    name = "image"

    def reason(self, s: Sample) -> str | None:
        return "missing_image" if not s.image else None


class Duplicate(Filter[Sample]):
    """Rows the job's duplicate pass named: a key seen before, or the same content as an
    earlier row (same image bytes, same alt-text)."""

    name = "duplicate"

    def __init__(self, dups: dict[int, tuple[str, str]]):
        self.dups = dups  # row position in the shard -> (reason, "of shard/key kept instead")

    def reason(self, s: Sample) -> str | None:
        return self.dups[s.pos][0] if s.pos in self.dups else None


class UniqueKey(Filter[Sample]):
    """A key already seen in this shard: output tables are keyed by it, so the later row goes."""

    name = "duplicate"

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def reason(self, s: Sample) -> str | None:
        if s.key in self.seen:
            return "duplicate_key"
        self.seen.add(s.key)
        return None
