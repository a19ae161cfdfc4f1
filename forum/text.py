"""Post text: a small Markdown subset rendered once, and watched-word matching.

Matching works on a normalised copy of the text (no diacritics, lower case,
digits read as the letters they imitate) and lets any run of spaces or
punctuation sit between the letters of a word, so "đ.ồ  n-g-u", "DO NGU" and
"d0 ngu" all match "đồ ngu". Each normalised character remembers where it came
from, so censoring replaces exactly the original span.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from lib.html import html_to_text, sanitize_html
from lib.text import fold, fold_with_origin

# Digits and symbols that pupils use in place of letters.
_LOOKALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
    }
)
_GAP = r"[\W_]*"


def _normalise_char(ch: str) -> str:
    return fold(ch).translate(_LOOKALIKES)


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index in `text` it came from."""
    folded, origin = fold_with_origin(text)
    # The look-alike table maps one character to one, so the origin map still holds.
    return folded.translate(_LOOKALIKES), origin


@lru_cache(maxsize=4096)
def word_pattern(word: str) -> re.Pattern:
    """Letters of `word` in order, each repeatable, with any gap of non-letters between."""
    letters = [c for c in normalise(word)[0] if c.isalnum()]
    body = _GAP.join(re.escape(c) + "+" for c in letters)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


def _letters(text: str) -> list[str]:
    """Letters and digits, lower case, digits read as letters, diacritics kept."""
    # NFC composes (a letter typed as base + marks becomes one character); it
    # keeps the marks, so it is not a second fold.
    return [
        ch.casefold().translate(_LOOKALIKES)
        for ch in unicodedata.normalize("NFC", text)
        if ch.isalnum()
    ]


def _is_bare(ch: str) -> bool:
    # A letter that folding leaves unchanged carries no mark (and is not đ).
    return fold(ch) == ch


def _groups(letters: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    for ch in letters:
        if groups and _normalise_char(groups[-1][0]) == _normalise_char(ch):
            groups[-1].append(ch)
        else:
            groups.append([ch])
    return groups


def _diacritics_agree(word: str, found: str) -> bool:
    """A letter written with a different mark is a different Vietnamese word.

    "lớn" (big) is not "lồn"; but a letter written bare ("lon", "l0n") is taken as
    an evasion and matches. Letters are compared group by group because the
    pattern lets a letter repeat ("nguuu").
    """
    word_groups, found_groups = _groups(_letters(word)), _groups(_letters(found))
    if len(word_groups) != len(found_groups):
        return True  # cannot align; keep the match (err on the side of review)
    for expected, got in zip(word_groups, found_groups, strict=True):
        target = expected[0]
        if any(ch != target and not _is_bare(ch) for ch in got):
            return False
    return True


@dataclass(frozen=True)
class WordHit:
    word: str
    action: str
    start: int  # in the original text
    end: int


def find_watched(text: str, words: Iterable[tuple[str, str]]) -> list[WordHit]:
    """Every (word, action) of `words` found in `text`, with original spans."""
    normalised, origin = normalise(text)
    hits = []
    for word, action in words:
        if not word.strip():
            continue
        for match in word_pattern(word).finditer(normalised):
            if match.end() <= match.start():
                continue
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            if _diacritics_agree(word, text[start:end]):
                hits.append(WordHit(word, action, start, end))
    return hits


def censor(text: str, hits: Iterable[WordHit]) -> str:
    """Replace each hit's span in `text` with ***."""
    result = text
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        result = result[: hit.start] + "***" + result[hit.end :]
    return result


@lru_cache(maxsize=2)
def _markdown(allow_links: bool) -> MarkdownIt:
    rules = ["emphasis", "list", "blockquote", "newline"]
    if allow_links:
        rules.append("link")
    md = MarkdownIt("zero", {"html": False, "breaks": True})
    md.enable(rules, ignoreInvalid=True)
    return md


def render_post(text: str, *, allow_links: bool) -> str:
    """Markdown subset → sanitised HTML. Called once when a post is saved."""
    html = _markdown(allow_links).render(text)
    html = sanitize_html(html, allow_images=False)
    if not allow_links:
        # Belt and braces: nothing the renderer produced may become a link.
        html = re.sub(r"</?a\b[^>]*>", "", html)
    return html


def quote_markdown(author_name: str, body: str) -> str:
    lines = body.strip().splitlines()[:12]
    quoted = "\n".join(f"> {line}" for line in lines)
    return f"> **{author_name}:**\n{quoted}\n\n"


def html_excerpt(html: str, length: int = 160) -> str:
    plain = html_to_text(html, one_line=True)
    return plain if len(plain) <= length else plain[: length - 1].rstrip() + "…"
