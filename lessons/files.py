"""Which files a lesson accepts: cover, video and its poster, recording, worksheets.

Video, sound and worksheets are judged by their first bytes (lib.uploads.
check_sniffed_upload), pictures are re-encoded (lib.images.clean_image) like
every picture of the site. Forms check early for a message beside the field;
services check again before storing, so both import from here.
"""

from django.conf import settings
from django.core.files.base import File
from django.utils.translation import gettext as _

from lib.images import CleanImage, clean_image
from lib.uploads import AUDIO_TYPES, PDF_TYPES, VIDEO_TYPES, CheckedUpload, check_sniffed_upload

MB = 1024 * 1024
# Sizes for phones on slow connections (measured: docs/performance note in the report).
# A cover is shown at most the page's width; a poster at a phone's width, twice over
# for sharp screens; the list shows a cover 120 CSS pixels wide (2×: 240).
COVER_MAX_WIDTH = 960
POSTER_MAX_WIDTH = 720
COVER_THUMB_WIDTH = 240


def video_max_bytes() -> int:
    return settings.LESSON_VIDEO_MAX_MB * MB


def audio_max_bytes() -> int:
    return settings.LESSON_AUDIO_MAX_MB * MB


def worksheet_max_bytes() -> int:
    return settings.LESSON_WORKSHEET_MAX_MB * MB


def check_video(upload: File) -> CheckedUpload:
    return check_sniffed_upload(
        upload, accepted=VIDEO_TYPES, max_bytes=video_max_bytes(), what=_("video MP4 hoặc WebM")
    )


def check_audio(upload: File) -> CheckedUpload:
    return check_sniffed_upload(
        upload,
        accepted=AUDIO_TYPES,
        max_bytes=audio_max_bytes(),
        what=_("bản ghi âm MP3, M4A, OGG hoặc WebM"),
    )


def check_worksheet(upload: File) -> CheckedUpload:
    return check_sniffed_upload(
        upload, accepted=PDF_TYPES, max_bytes=worksheet_max_bytes(), what=_("tệp PDF")
    )


def clean_picture(upload: File, *, max_width: int = COVER_MAX_WIDTH) -> CleanImage:
    """A cover or poster, checked and re-encoded (EXIF and GPS dropped)."""
    cleaned = clean_image(upload, max_width=max_width)
    upload.seek(0)
    return cleaned
