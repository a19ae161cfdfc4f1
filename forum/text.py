"""Post text: a small Markdown subset rendered once, quotes and excerpts.

What a post may say is screened by `forum.screening` (the posting service calls it
through `services.safeguarding`).
"""

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from lib.html import html_to_text, sanitize_html


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
