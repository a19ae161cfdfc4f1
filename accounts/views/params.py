"""Row ids from the query string or a posted form, without int()'s surprises.

`"²".isdigit()` is true yet `int("²")` raises, and so does `int()` of a
5,000-digit string: checking `isdigit()` alone lets both through to a 500.
"""

from collections.abc import Iterable

# Shorter than 2**63 in decimal: a longer "id" matches no row and overflows SQLite.
MAX_ID_DIGITS = 18


def parse_id(value: str | None) -> int | None:
    """A row id, or None for anything else ("²", "-1", "abc", thousands of digits)."""
    if value and value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS:
        return int(value)
    return None


def parse_ids(values: Iterable[str]) -> set[int]:
    """The valid row ids among `values`; the others are dropped."""
    return {pk for pk in map(parse_id, values) if pk is not None}
