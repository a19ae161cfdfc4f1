"""Video in articles comes only from YouTube, through its privacy-enhanced embed address."""

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def video_embed_url(url: str) -> str:
    """A YouTube address of any usual form -> its privacy-enhanced embed address.

    Raises ValidationError for anything else: video comes only from allowlisted hosts.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    video_id = ""
    if host in {"youtu.be"}:
        video_id = parts.path.strip("/")
    elif host in {"youtube.com", "www.youtube.com", "m.youtube.com", "www.youtube-nocookie.com"}:
        if parts.path == "/watch":
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/")):
            video_id = parts.path.split("/")[2]
    if parts.scheme not in {"http", "https"} or not VIDEO_ID.match(video_id):
        raise ValidationError(
            _("Chỉ nhúng được video YouTube (dán địa chỉ của video)."), code="video_host"
        )
    return f"https://www.youtube-nocookie.com/embed/{video_id}"
