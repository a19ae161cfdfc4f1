"""The one upload path for pictures.

Checks happen before Pillow decodes pixels: size in bytes, then the header's
format and dimensions. The image is then re-encoded, which drops EXIF (GPS,
camera serials) and anything smuggled after the pixel data.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo, well under a decompression bomb
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png"}
RENDITION_WIDTHS = (320, 640, 1280)


@dataclass(frozen=True)
class CleanImage:
    content: ContentFile
    width: int
    height: int
    extension: str


def _open_checked(upload: File, *, max_bytes: int, max_pixels: int) -> Image.Image:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Ảnh quá lớn (tối đa %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    head = upload.read(512)
    upload.seek(0)
    if b"<svg" in head.lower() or head.lstrip().startswith(b"<"):
        raise ValidationError(
            _("Không nhận ảnh SVG hay tệp văn bản; hãy dùng JPEG, PNG hoặc WebP."), code="svg"
        )
    try:
        image = Image.open(upload)  # reads the header only
    except Image.DecompressionBombError:
        raise ValidationError(
            _("Ảnh có kích thước điểm ảnh quá lớn."), code="too_many_pixels"
        ) from None
    except Exception:
        raise ValidationError(
            _("Tệp này không phải là ảnh JPEG, PNG hoặc WebP."), code="not_image"
        ) from None
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(_("Chỉ nhận ảnh JPEG, PNG hoặc WebP."), code="bad_format")
    width, height = image.size
    if width * height > max_pixels or width > 12000 or height > 12000:
        raise ValidationError(_("Ảnh có kích thước điểm ảnh quá lớn."), code="too_many_pixels")
    return image


def clean_image(
    upload: File,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_width: int = 2000,
) -> CleanImage:
    """Validate and re-encode an uploaded image. Raises ValidationError with a Vietnamese message."""
    image = _open_checked(upload, max_bytes=max_bytes, max_pixels=max_pixels)
    source_format = image.format
    try:
        image.load()
        image = ImageOps.exif_transpose(image)  # keep orientation, then EXIF is dropped
    except (Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("Không đọc được ảnh; tệp có thể bị hỏng."), code="corrupt"
        ) from None
    if image.width > max_width:
        image.thumbnail((max_width, max_width * 10), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if source_format == "JPEG" or (
        image.mode not in ("RGBA", "LA", "P") and source_format != "PNG"
    ):
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    elif source_format == "WEBP":
        image.save(out, "WEBP", quality=85)
        extension = "webp"
    else:
        image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB").save(
            out, "PNG", optimize=True
        )
        extension = "png"
    return CleanImage(ContentFile(out.getvalue()), image.width, image.height, extension)


def make_rendition(data: bytes, width: int) -> bytes:
    """A JPEG/WebP rendition `width` pixels wide of an already-cleaned image."""
    image = Image.open(io.BytesIO(data))
    image.load()
    if image.width > width:
        image.thumbnail((width, width * 10), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.convert("RGB").save(out, "WEBP", quality=80)
    return out.getvalue()
