"""Ids and page numbers typed into a URL or posted in a form, without int()'s surprises.

`"²".isdigit()` is true yet `int("²")` raises, and `int()` of a 5,000-digit
string is slow and then overflows the database column: checking `isdigit()`
alone lets both through to a 500. Anything that is not a plain positive
number small enough for any integer column is treated as absent.
"""

from collections.abc import Iterable

# The largest PostgreSQL `integer`: no bound id or page number ever overflows a
# column, whichever integer type it has.
MAX_ID = 2**31 - 1
_MAX_DIGITS = len(str(MAX_ID))


def positive_id(value: str | None) -> int | None:
    """`value` as a number from 1 to MAX_ID, or None for anything else
    ("", "0", "-1", "²", "1e3", " 7", thousands of digits)."""
    if not value or len(value) > _MAX_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def positive_ids(values: Iterable[str]) -> set[int]:
    """The valid ids among `values` (e.g. `request.GET.getlist("id")`); the others are dropped."""
    return {number for number in map(positive_id, values) if number is not None}
