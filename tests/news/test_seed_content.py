"""The demo's own articles keep their promises: a title that counts points lists that many.

A guidance article with more than two paragraphs is seeded as an opening line and a
bulleted list of the rest (news/seed.py), so the points are the paragraphs after the first.
"""

import re

import pytest

from news import seed


@pytest.mark.parametrize(
    ("title", "paragraphs"),
    [
        (title, paragraphs)
        for title, _summary, paragraphs in (
            *seed.GUIDANCE_PUPILS,
            *seed.GUIDANCE_PARENTS,
            *seed.GUIDANCE_STAFF,
        )
        if re.search(r"\b\d+ điều\b", title)
    ],
)
def test_a_title_that_counts_points_lists_that_many(title, paragraphs):
    promised = int(re.search(r"\b(\d+) điều\b", title).group(1))
    assert len(paragraphs[1:]) == promised, title
