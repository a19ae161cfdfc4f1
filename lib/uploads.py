"""The one check for uploaded files: allowed type, size, and content that is what its name says.

A file is allowlisted by its extension, and then its first bytes must match
that type, so an HTML page or a program renamed `notice.pdf` is refused.
Pictures are not judged by their first bytes but by Pillow, through
`lib.images.clean_image`, which also re-encodes them (EXIF and GPS dropped): a
JPEG called `.png` is then simply stored as the JPEG it is.

Messages are in Vietnamese, with codes a caller can map to its own wording:
`bad_type`, `too_large`, `false_extension`, and the picture codes of
`lib.images`.
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from .images import clean_image
from .text import strip_bidi_controls

_ZIP = b"PK\x03\x04"  # DOCX, XLSX and PPTX are zip archives
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # DOC, XLS and PPT (Office 97–2003)
_HEAD_BYTES = 512
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _is_mp3(head: bytes) -> bool:
    """An ID3 tag, or an MPEG audio frame's sync bits (11 set bits) straight away."""
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_mp4_audio(head: bytes) -> bool:
    """An ISO media file ("ftyp" box first): what phones record as .m4a."""
    return head[4:8] == b"ftyp"


def _is_plain_text(head: bytes) -> bool:
    """Text, and not markup that a browser would render (HTML, SVG, XML)."""
    if head.startswith(_UTF16_BOMS):  # Notepad's "Unicode"
        text = head.decode("utf-16", errors="ignore")
    elif b"\x00" in head:
        return False
    else:
        text = head.decode("utf-8", errors="ignore")
    return not text.lstrip("\ufeff \t\r\n").startswith("<")


@dataclass(frozen=True)
class FileType:
    content_type: str
    # A test on the first bytes; None for pictures, which Pillow reads instead.
    looks_right: Callable[[bytes], bool] | None = None

    @property
    def is_image(self) -> bool:
        return self.looks_right is None


FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("application/pdf", lambda head: head.startswith(b"%PDF-")),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(_ZIP),
    ),
    "xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(_ZIP),
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        lambda head: head.startswith(_ZIP),
    ),
    "doc": FileType("application/msword", lambda head: head.startswith(_OLE)),
    "xls": FileType("application/vnd.ms-excel", lambda head: head.startswith(_OLE)),
    "ppt": FileType("application/vnd.ms-powerpoint", lambda head: head.startswith(_OLE)),
    "zip": FileType("application/zip", lambda head: head.startswith(_ZIP)),
    "txt": FileType("text/plain", _is_plain_text),
    # Recordings (a teacher reads a question aloud): MP3, a phone's M4A, Ogg, WebM.
    "mp3": FileType("audio/mpeg", _is_mp3),
    "m4a": FileType("audio/mp4", _is_mp4_audio),
    "ogg": FileType("audio/ogg", lambda head: head.startswith(b"OggS")),
    "webm": FileType("audio/webm", lambda head: head.startswith(b"\x1a\x45\xdf\xa3")),
    "jpg": FileType("image/jpeg"),
    "png": FileType("image/png"),
    "webp": FileType("image/webp"),
}
_ALIASES = {"jpeg": "jpg", "oga": "ogg", "opus": "ogg"}


def file_types(*extensions: str) -> dict[str, FileType]:
    """The allowlist for one kind of upload: file_types("pdf", "docx", "jpg")."""
    return {extension: FILE_TYPES[extension] for extension in extensions}


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the person's file name without folders, at most 200 characters
    extension: str  # as allowlisted: "jpeg" is "jpg"
    content_type: str  # from the content, never from the browser's claim
    content: File  # what to store: the upload itself, or the re-encoded picture


def check_upload(
    upload: File,
    *,
    allowed: Mapping[str, FileType],
    max_bytes: int,
    image_max_width: int = 2000,
) -> CheckedUpload:
    """Check `upload` against `allowed` and `max_bytes`; re-encode it if it is a picture.

    Raises ValidationError (Vietnamese message, a code) and leaves the upload
    readable from the start either way.
    """
    # Without bidi controls: "bao-cao\u202efdp.exe" would show as "bao-caoexe.pdf".
    name = strip_bidi_controls(os.path.basename(upload.name or "tep"))[:200] or "tep"
    stem, dotted = os.path.splitext(name)
    extension = dotted.lower().lstrip(".")
    extension = _ALIASES.get(extension, extension)
    if extension not in allowed:
        raise ValidationError(
            _("Không nhận loại tệp này. Chỉ nhận: %(types)s.")
            % {"types": ", ".join(sorted(allowed)).upper()},
            code="bad_type",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    file_type = allowed[extension]
    if file_type.looks_right is None:
        cleaned = clean_image(upload, max_bytes=max_bytes, max_width=image_max_width)
        upload.seek(0)
        return CheckedUpload(
            name=f"{stem}.{cleaned.extension}",  # a WebP photo may come out as a JPEG
            extension=cleaned.extension,
            content_type=FILE_TYPES[cleaned.extension].content_type,
            content=cleaned.content,
        )
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    if not file_type.looks_right(head):
        raise ValidationError(
            _("Nội dung tệp không khớp với đuôi .%(ext)s; tệp có thể bị đổi tên.")
            % {"ext": extension},
            code="false_extension",
        )
    return CheckedUpload(
        name=name, extension=extension, content_type=file_type.content_type, content=upload
    )


# --- files judged by their content alone -------------------------------------------
#
# Video, sound and worksheets are recognised by their first bytes whatever they are
# called: a phone names its recording "ghi-am.m4a" or "AUD-2026.opus", and a
# teacher may rename a file. The name is kept only to show it.

_MP4_AUDIO_BRANDS = (b"M4A ", b"M4B ", b"M4P ", b"F4A ")
_EBML = b"\x1a\x45\xdf\xa3"


def _is_mp4(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def _is_mp4_video(head: bytes) -> bool:
    return _is_mp4(head) and head[8:12] not in _MP4_AUDIO_BRANDS


def _is_webm(head: bytes) -> bool:
    # The EBML header names its DocType near the start: "webm" (not "matroska").
    return head.startswith(_EBML) and b"webm" in head[:64]


def _is_mp3_layer3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits, then a version and "layer III" (01).
    return len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06 == 0x02


@dataclass(frozen=True)
class SniffedType:
    content_type: str
    extension: str
    looks_right: Callable[[bytes], bool]


VIDEO_TYPES = (
    SniffedType("video/mp4", "mp4", _is_mp4_video),
    SniffedType("video/webm", "webm", _is_webm),
)
AUDIO_TYPES = (
    SniffedType("audio/mpeg", "mp3", _is_mp3_layer3),
    SniffedType("audio/mp4", "m4a", _is_mp4),
    SniffedType("audio/ogg", "ogg", lambda head: head.startswith(b"OggS")),
    SniffedType("audio/webm", "webm", _is_webm),
)
PDF_TYPES = (SniffedType("application/pdf", "pdf", lambda head: head.startswith(b"%PDF-")),)


def check_sniffed_upload(
    upload: File, *, accepted: tuple[SniffedType, ...], max_bytes: int, what: str
) -> CheckedUpload:
    """Check `upload` by its first bytes against `accepted` and by size.

    `what` names the expected kind in the message ("video MP4 hoặc WebM"). The
    returned extension and content type come from the content, never from the
    name or the browser. Raises ValidationError (codes `empty`, `too_large`,
    `bad_content`); leaves the upload readable from the start.
    """
    name = strip_bidi_controls(os.path.basename(upload.name or "tep"))[:200] or "tep"
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Tệp rỗng, hãy chọn lại tệp."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    for sniffed in accepted:
        if sniffed.looks_right(head):
            return CheckedUpload(
                name=name,
                extension=sniffed.extension,
                content_type=sniffed.content_type,
                content=upload,
            )
    raise ValidationError(
        _(
            "Tệp “%(name)s” không phải là %(what)s: nội dung tệp không đúng định dạng "
            "(tệp có thể đã bị đổi tên)."
        )
        % {"name": name, "what": what},
        code="bad_content",
    )
