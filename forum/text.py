"""Post text: a small Markdown subset rendered once, and watched-word matching.

Matching lives in `forum.screening` (evasions, whole words, marks, exception
phrases, personal details). `find_watched` is the older entry point the posting
service uses with (word, action) pairs until it screens with categories.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from lib.html import html_to_text, sanitize_html

from . import screening


@dataclass(frozen=True)
class WordHit:
    word: str
    action: str
    start: int  # in the original text
    end: int


def find_watched(text: str, words: Iterable[tuple[str, str]]) -> list[WordHit]:
    """Every (word, action) of `words` found in `text`, with original spans.

    Exception phrases (action "allow") drop the hits inside them and are not
    returned. For callers that know only block, hold, censor and flag, an
    "urgent" word is reported as "hold": held for review, never published.
    """
    rules = [screening.Rule(word, "", action) for word, action in words if word.strip()]
    return [
        WordHit(
            hit.rule,
            screening.Verdict.HOLD if hit.action == screening.Verdict.URGENT else hit.action,
            hit.start,
            hit.end,
        )
        for hit in screening.find_words(text, rules)
    ]


def censor(text: str, hits: Iterable[WordHit]) -> str:
    """Replace each hit's span in `text` with ***."""
    return screening.censor_spans(text, ((hit.start, hit.end) for hit in hits))


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
