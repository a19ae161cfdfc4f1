"""Sanitising user HTML with nh3 against one allowlist.

Every piece of HTML a person writes passes through `sanitize_html` before it
is stored; templates then mark it safe. The allowlist is deliberately small.

Two things are rebuilt rather than trusted:
- a video frame keeps only a YouTube video id, and its address is rebuilt on
  the privacy-enhanced host: `/embed/../redirect?q=…` has no id and is dropped;
- a picture must be ours (under MEDIA_URL or STATIC_URL, or the same address
  on SITE_URL): the CSP would block any other, leaving a broken image, so it
  is replaced by its alt text and a link around it stays.

`has_unsafe_markup` tells an author that the sanitiser removed something for
safety; it reads tags and attributes only, so a lesson on safe internet use
may say "<script>", "javascript:" or "onerror=" in its text.
"""

import posixpath
import re
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import nh3
from django.conf import settings

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
YOUTUBE_HOSTS = {
    "youtube.com", "www.youtube.com", "m.youtube.com",
    "youtube-nocookie.com", "www.youtube-nocookie.com",
}  # fmt: skip
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_PATH = re.compile(r"/(?:embed|shorts|live)/([^/]*)/?")


def youtube_video_id(url: str) -> str | None:
    """The video id of a YouTube address (watch, youtu.be, embed, shorts), or None.

    The path must be exactly the video's: no dot segments, nothing encoded,
    nothing after the id, so no address can lead elsewhere on YouTube.
    """
    parts = urlsplit((url or "").strip())
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    candidate = ""
    if host == "youtu.be":
        candidate = parts.path.removeprefix("/")
    elif host in YOUTUBE_HOSTS:
        if parts.path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif match := _YOUTUBE_PATH.fullmatch(parts.path):
            candidate = match.group(1)
    return candidate if _YOUTUBE_ID.fullmatch(candidate) else None


def youtube_embed_url(video_id: str) -> str:
    """The one frame address we store: the privacy-enhanced host, the id, nothing else."""
    return f"https://www.youtube-nocookie.com/embed/{video_id}"


def _own_picture(src: str) -> str | None:
    """`src` as a path on this site under MEDIA_URL or STATIC_URL, or None."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc:
        site = urlsplit(getattr(settings, "SITE_URL", ""))
        if parts.scheme not in {"http", "https"} or parts.netloc.lower() != site.netloc.lower():
            return None
    path = parts.path
    # "//host/x" and "/\\host/x" are other sites to a browser; dot segments, even
    # encoded, could climb out of the media folder.
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    if posixpath.normpath(unquote(path)) != unquote(path).rstrip("/"):
        return None
    if not path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "iframe" and attr == "src":
        video_id = youtube_video_id(value)
        return youtube_embed_url(video_id) if video_id else None
    if tag == "img" and attr == "src":
        return _own_picture(value)
    return value


# nh3's output quotes every attribute with " and escapes < > & " inside values,
# so its tags can be read with regular expressions.
_IMG_TAG = re.compile(r"<img\b([^>]*)>")
_IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.DOTALL)
_SRC = re.compile(r'\ssrc="')
_ALT = re.compile(r'\salt="([^"]*)"')


def _drop_elements_without_source(html: str) -> str:
    """A picture or frame whose address the filter removed: a picture becomes its
    alt text (a link around it keeps a label), a frame goes."""

    def picture(match: re.Match[str]) -> str:
        if _SRC.search(match.group(1)):
            return match.group(0)
        alt = _ALT.search(match.group(1))
        return escape(unescape(alt.group(1)), quote=False) if alt else ""

    def frame(match: re.Match[str]) -> str:
        return match.group(0) if _SRC.search(match.group(1)) else ""

    return _IFRAME.sub(frame, _IMG_TAG.sub(picture, html))


def sanitize_html(html: str, *, allow_video: bool = False, allow_images: bool = True) -> str:
    """Return `html` with only allowlisted tags, attributes and URL schemes."""
    tags = set(ALLOWED_TAGS)
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
    if not allow_images:
        tags.discard("img")
    if allow_video:
        tags.add("iframe")
        attributes["iframe"] = {"src", "width", "height", "allowfullscreen", "title"}
    cleaned = nh3.clean(
        html or "",
        tags=tags,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )
    return _drop_elements_without_source(cleaned)


# What a hostile or careless paste looks like, judged on markup only.
_UNSAFE_TAGS = {
    "script", "style", "object", "embed", "form", "input", "svg", "math", "base", "meta", "link",
}  # fmt: skip
_URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "srcset", "codebase", "dynsrc", "lowsrc",
}  # fmt: skip
# Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_URL = re.compile(r"(?:java|vb)script:|data:text/html", re.IGNORECASE)


class _MarkupScan(HTMLParser):
    def __init__(self, *, allow_video: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_video = allow_video
        self.unsafe = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNSAFE_TAGS:
            self.unsafe = True
        if tag == "iframe":
            src = dict(attrs).get("src") or ""
            if not (self.allow_video and youtube_video_id(src)):
                self.unsafe = True
        for name, value in attrs:
            handler = name.startswith("on")
            script_url = name in _URL_ATTRIBUTES and _SCRIPT_URL.match(
                _URL_NOISE.sub("", value or "")
            )
            if handler or script_url:
                self.unsafe = True


def has_unsafe_markup(html: str, *, allow_video: bool = False) -> bool:
    """Whether `html` has markup that `sanitize_html` removes for safety: scripts and
    other active elements, on… handlers, script addresses, frames that are not a
    YouTube video. Text is never judged: "&lt;script&gt;" or "javascript:" written
    as words is what a lesson on safe internet use needs."""
    scan = _MarkupScan(allow_video=allow_video)
    scan.feed(html or "")
    scan.close()
    return scan.unsafe


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


_KEEP_AS_IS = re.compile(rb"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.IGNORECASE | re.DOTALL)
_INDENTATION = re.compile(rb"\n[ \t]+")
_BLANK_LINES = re.compile(rb"\n{2,}")


def collapse_indentation(content: bytes) -> bytes:
    """Drop the templates' indentation and blank lines from a rendered HTML page.

    Every line break stays (so no two words ever join); only the spaces after it
    go, outside <pre> and <textarea>, where they are content. About 7% of a
    forum page after gzip.
    """
    parts = _KEEP_AS_IS.split(content)
    for index in range(0, len(parts), 2):  # even parts lie outside <pre>/<textarea>
        parts[index] = _BLANK_LINES.sub(b"\n", _INDENTATION.sub(b"\n", parts[index]))
    return b"".join(parts)
