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
# A cover or a poster is shown at most a phone's width (2×): 1280 px is plenty.
PICTURE_MAX_WIDTH = 1280


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


def clean_picture(upload: File) -> CleanImage:
    """A cover or poster, checked and re-encoded (EXIF and GPS dropped)."""
    cleaned = clean_image(upload, max_width=PICTURE_MAX_WIDTH)
    upload.seek(0)
    return cleaned
