"""Vietnamese text: folding for search, slugs that transliterate.

Search compares folded text (no diacritics, đ→d, lower case, single spaces)
stored beside the original, so SQLite and PostgreSQL return the same rows
without database extensions.
"""

import re
import unicodedata

from django.db import models

_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """'An toàn MẠNG, Đà Nẵng' -> 'an toan mang, da nang'."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


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
    words = {w for w in _NON_SLUG.split(fold(query)) if len(w) >= 1}
    return sorted(words, key=len, reverse=True)[:limit]
