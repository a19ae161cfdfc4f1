"""Vietnamese text: folding for search, slugs that transliterate.

Search compares folded text (no diacritics, đ→d, lower case, single spaces)
stored beside the original, so SQLite and PostgreSQL return the same rows
without database extensions.
"""

import re
import unicodedata
from functools import lru_cache

from django.db import models

_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")

# Characters that change the direction text is shown in: after U+202E (right-to-left
# override) a title or a name reads backwards, and "bao-cao\u202efdp.exe" shows as
# "bao-caoexe.pdf". Vietnamese never needs them. Embeddings and overrides
# (U+202A–U+202E), isolates (U+2066–U+2069), and the marks LRM, RLM and ALM.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_NO_BIDI = str.maketrans("", "", BIDI_CONTROLS)


def strip_bidi_controls(text: str) -> str:
    """`text` without the characters that reorder how it is displayed."""
    return text.translate(_NO_BIDI) if text else text


def fold(text: str) -> str:
    """'An toàn MẠNG, Đà Nẵng' -> 'an toan mang, da nang'."""
    if not text:
        return ""
    return _SPACES.sub(" ", "".join(_fold_char(ch) for ch in text)).strip()


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    # One character may fold to several ("ﬁ" -> "fi") or to none (a lone mark).
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first sight of each character; remembers the
    characters that do not fold to exactly one (marks alone, ligatures)."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()
        self.irregular_pattern: re.Pattern[str] | None = None

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(folded) != 1:
            self.irregular.add(chr(code))
            self.irregular_pattern = re.compile(
                "[" + "".join(re.escape(ch) for ch in sorted(self.irregular)) + "]"
            )
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """The folded text (spaces kept as they are) and, for each of its characters,
    the index in `text` it came from: a match found in the folded text can then
    be mapped back to the span the person typed (highlighting, censoring)."""
    folded = text.translate(_FOLD_TABLE)
    pattern = _FOLD_TABLE.irregular_pattern
    if pattern is None or not pattern.search(text):
        # The usual case, one folded character for each typed one: no map to build.
        return folded, list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        piece = _fold_char(ch)
        out.append(piece)
        origin.extend([index] * len(piece))
    return "".join(out), origin


def slugify_vi(text: str, max_length: int = 80) -> str:
    """'Tin tức nhà trường' -> 'tin-tuc-nha-truong'."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


def unique_slug(
    model: type[models.Model], text: str, *, field: str = "slug", max_length: int = 80
) -> str:
    """A slug for `text` not yet used in `model`; appends -2, -3… on collision.

    Call once when the object is created: slugs stay stable when titles change.
    """
    base = slugify_vi(text, max_length - 6) or "bai-viet"
    taken = set(
        model._default_manager.filter(**{f"{field}__startswith": base}).values_list(
            field, flat=True
        )
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """Folded words of a search box, longest first, at most `limit`."""
    words = {w for w in _NON_SLUG.split(fold(query)) if w}
    # Alphabetical among equals, so the same query always gives the same terms.
    return sorted(words, key=lambda w: (-len(w), w))[:limit]


# The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then tones in the order schools list them: none, huyền, sắc, hỏi, ngã, nặng.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}


def _letter_key(char: str) -> tuple[int, int]:
    # Not `fold`: the order needs the marks that folding throws away (ă, â, ơ
    # are letters of their own; tones break ties), so it decomposes and reads them.
    decomposed = unicodedata.normalize("NFD", char.casefold())
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    for mark in marks:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark == "\u0302":
            base = {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
        elif mark == "\u0306":
            base = "ă" if base == "a" else base
        elif mark == "\u031b":
            base = {"o": "ơ", "u": "ư"}.get(base, base)
    position = _LETTERS.find(base)
    return (position if position >= 0 else 100 + ord(base), tone)


def _word_key(word: str) -> tuple:
    letters = tuple(_letter_key(ch) for ch in word if not ch.isspace())
    # Letters first, tones only to break ties ("Anh" < "Ánh" < "Bảo").
    return (tuple(p for p, _ in letters), tuple(t for _, t in letters))


def vi_name_key(full_name: str) -> tuple:
    """Sort key for Vietnamese names as a class list is ordered: by given name,
    then the rest from the family name, in the Vietnamese alphabet (đ after d)."""
    words = (full_name or "").split()
    if not words:
        return ((), ())
    return (_word_key(words[-1]), tuple(_word_key(w) for w in words[:-1]))


_ASCII_PUNCTUATION = str.maketrans(
    {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "\u00a0": " "}
)


def without_diacritics(text: str) -> str:
    """'Nghỉ học ĐỘT XUẤT' -> 'Nghi hoc DOT XUAT': case and spacing kept (SMS in plain ASCII)."""
    out = []
    for ch in text.translate(_ASCII_PUNCTUATION):
        if ch == "đ":
            out.append("d")
        elif ch == "Đ":
            out.append("D")
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out).encode("ascii", "replace").decode("ascii")
