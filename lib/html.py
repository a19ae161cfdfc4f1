"""Sanitising user HTML with nh3 against one allowlist.

Every piece of HTML a person writes passes through `sanitize_html` before it
is stored; templates then mark it safe. The allowlist is deliberately small.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "code",
    "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Embedded video only from these hosts, and only as their embed pages.
VIDEO_HOSTS = {"www.youtube-nocookie.com", "www.youtube.com", "youtube.com"}


def _is_allowed_iframe(src: str) -> bool:
    parts = urlsplit(src)
    return (
        parts.scheme == "https"
        and parts.hostname in VIDEO_HOSTS
        and parts.path.startswith("/embed/")
    )


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "iframe" and attr == "src" and not _is_allowed_iframe(value):
        return None
    if tag == "img" and attr == "src":
        # Images must be ours (uploaded through the image path) or data-less https.
        parts = urlsplit(value)
        if parts.scheme not in {"", "https", "http"} or (
            parts.scheme == "" and not value.startswith("/")
        ):
            return None
    return value


def sanitize_html(html: str, *, allow_video: bool = False, allow_images: bool = True) -> str:
    """Return `html` with only allowlisted tags, attributes and URL schemes."""
    tags = set(ALLOWED_TAGS)
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
    if not allow_images:
        tags.discard("img")
    if allow_video:
        tags.add("iframe")
        attributes["iframe"] = {"src", "width", "height", "allowfullscreen", "title"}
    return nh3.clean(
        html or "",
        tags=tags,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )


# Blocks sit on lines of their own; table cells are kept apart by a space so a
# row reads as one line. Matching both the opening and the closing tag keeps
# words apart even where text touches a block ("intro<ul><li>…").
_BLOCK_TAG = re.compile(
    r"</?(?:p|li|h[1-6]|tr|div|blockquote|figcaption|figure|pre|ul|ol|table|hr|br)\b[^>]*>",
    re.I,
)
_CELL_TAG = re.compile(r"</?(?:td|th)\b[^>]*>", re.I)


def html_to_text(html: str, *, one_line: bool = False) -> str:
    """Plain text of HTML (for search columns, excerpts, notifications and e-mail parts).

    One block per line, so list items and paragraphs do not run together, or
    with `one_line` all of it on one line with single spaces (search columns,
    excerpts). Entities come back as characters ("&amp;" -> "&"): templates
    escape again.
    """
    spaced = _CELL_TAG.sub(r" \g<0> ", _BLOCK_TAG.sub(r"\n\g<0>\n", html or ""))
    text = unescape(nh3.clean(spaced, tags=set()))
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").splitlines())
    kept = [line for line in lines if line]
    return (" " if one_line else "\n").join(kept)
