"""The small-number rule: a figure about fewer than 5 pupils (or their families) is
shown as "< 5", so that no child can be singled out from a report that is sent out.

Zero stays 0: it points at nobody. The rule is applied when the figures are built,
so an issued report never stores the small number itself.
"""

SMALL = "< 5"
THRESHOLD = 5


def shown_count(count: int | None) -> int | str | None:
    """A count of pupils or families as it may be shown: "< 5" for 1 to 4."""
    if count is None:
        return None
    return SMALL if 0 < count < THRESHOLD else count


def shown_rate(part: int, base: int) -> float | str | None:
    """`part` out of `base` people as a percentage (one decimal); "< 5" when the base
    is 1 to 4 people (a rate of 2 families tells who they are); None without a base."""
    if base <= 0:
        return None
    if base < THRESHOLD:
        return SMALL
    return round(100 * part / base, 1)
