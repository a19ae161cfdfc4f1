"""Finding people by name whatever the diacritics and case.

The school's rule: "nguyen van an" and "NGUYỄN văn an" both find "Nguyễn Văn An",
and "d" finds "đ", on SQLite and PostgreSQL alike. The database cannot fold
Vietnamese by itself (SQLite's LIKE folds ASCII only; PostgreSQL would need
`unaccent`), so each User keeps a folded copy of its name in `search_name`,
and queries are folded the same way before they are compared.
"""

import re

from django.db.models import Q

from lib.text import fold, search_terms

# The folded name is compared word by word: punctuation counts as a space, so
# "Nguyễn-Văn An" is stored "nguyen van an" and found by "van".
_NOT_WORD = re.compile(r"[^a-z0-9]+")
SEARCH_NAME_MAX_LENGTH = 150


def search_name_for(full_name: str) -> str:
    """'Đỗ Thị  LAN' -> 'do thi lan': the stored, searchable form of a name."""
    words = _NOT_WORD.split(fold(full_name or ""))
    return " ".join(w for w in words if w)[:SEARCH_NAME_MAX_LENGTH]


def name_matches(query: str) -> Q | None:
    """A filter that every word of `query` starts a word of the person's name,
    in any order; None when the query has no word to look for (only symbols).

    Word starts rather than substrings: "an" finds "An" and "Anh", not "Lan" or
    "Thanh", which in Vietnamese names would be most of the school.
    """
    terms = search_terms(query)
    if not terms:
        return None
    condition = Q()
    for term in terms:
        condition &= Q(search_name__startswith=term) | Q(search_name__contains=f" {term}")
    return condition
