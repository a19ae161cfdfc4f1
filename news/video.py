"""Video in articles comes only from YouTube, through its privacy-enhanced embed address."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.html import youtube_embed_url, youtube_video_id


def video_embed_url(url: str) -> str:
    """A YouTube address of any usual form -> its privacy-enhanced embed address.

    Raises ValidationError for anything else: video comes only from allowlisted hosts.
    """
    video_id = youtube_video_id(url)
    if video_id is None:
        raise ValidationError(
            _("Chỉ nhúng được video YouTube (dán địa chỉ của video)."), code="video_host"
        )
    return youtube_embed_url(video_id)
