"""The one upload path for pictures.

Checks happen before Pillow decodes pixels: size in bytes, then the header's
format and dimensions. The image is then re-encoded, which drops EXIF (GPS,
camera serials) and anything smuggled after the pixel data.

Memory is bounded by the header, never by the file's size in bytes (a PNG of
169 KB can hold 40 million pixels). Each format's decoding costs a known
number of bytes per pixel (measured with Pillow 13, see `_decode_cost`), and a
picture whose cost would pass MAX_DECODE_BYTES is refused before decoding, as
is one over the caller's pixel limit. A JPEG is decoded straight at 1/2, 1/4
or 1/8 scale (draft mode) when it will be shrunk anyway, and every picture is
turned upright only once small.
"""

import io
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageOps

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# Staff pictures: a 24-megapixel camera (6000×4000) or a recent iPhone (5712×4284).
MAX_PIXELS = 25_000_000
# Pupils' pictures (forum): every phone camera's usual photo (12 MP: 4000×3000,
# 4032×3024; 13 MP: 4160×3120; 16 MP: 4608×3456, 4656×3496), not the 48–200 MP
# "high resolution" modes, which no post shown a few hundred pixels wide needs.
PUPIL_MAX_PIXELS = 16_500_000
# The most memory one picture may take while it is decoded: four uploads at once
# then stay within half a gigabyte.
MAX_DECODE_BYTES = 128 * 1024 * 1024
MAX_SIDE = 12000
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png"}
RENDITION_WIDTHS = (320, 640, 1280)


@dataclass(frozen=True)
class CleanImage:
    content: ContentFile
    width: int
    height: int
    extension: str


def _too_many_pixels(pixels: int, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "Ảnh lớn quá (%(found)s triệu điểm ảnh, tối đa %(limit)s triệu). "
            "Hãy chọn ảnh nhỏ hơn, ví dụ chụp màn hình ảnh đó, rồi gửi lại."
        )
        % {"found": _megapixels(pixels), "limit": _megapixels(limit)},
        code="too_many_pixels",
    )


def _megapixels(pixels: int) -> str:
    """12_192_768 -> "12,2" (Vietnamese decimal comma)."""
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0").replace(".", ",")


# Peak memory while decoding and shrinking, in bytes per pixel of the file, as
# measured (rounded up) on pictures of 6 to 40 megapixels, Pillow 13.
_WEBP_COST = 19  # Pillow's WebP reader holds the canvas, a copy of it and the picture
_FULL_DECODE_COST = 7  # PNG, GIF: the picture at 4 bytes a pixel, then a reduced copy
_JPEG_DRAFT_COST = 3  # baseline JPEG, decoded at reduced size


def _decode_cost(image: Image.Image) -> int:
    if image.format == "WEBP":
        return _WEBP_COST
    if image.format != "JPEG":
        return _FULL_DECODE_COST
    if not image.info.get("progressive"):
        return _JPEG_DRAFT_COST
    # A progressive JPEG keeps every DCT coefficient of the whole picture (2 bytes a
    # sample) until its last scan, whatever the scale it is decoded at: 4:2:0 colour
    # has 1.5 samples a pixel, 4:4:4 has 3, CMYK 4.
    layers = getattr(image, "layer", None) or [(0, 1, 1, 0)] * 4
    largest = max(h * v for _id, h, v, _table in layers) or 1
    samples = sum(h * v for _id, h, v, _table in layers) / largest
    return math.ceil(2 * samples + 1.5)


def _check_pixels(width: int, height: int, *, max_pixels: int, cost: int) -> None:
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ValidationError(_("Ảnh có kích thước điểm ảnh quá lớn."), code="too_many_pixels")
    limit = min(max_pixels, MAX_DECODE_BYTES // cost)
    if width * height > limit:
        raise _too_many_pixels(width * height, limit)


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
    _check_pixels(*image.size, max_pixels=max_pixels, cost=_decode_cost(image))
    return image


def _fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int] | None:
    """`size` scaled down, keeping its shape, to fit `box`; None when it already fits."""
    width, height = size
    if width <= box[0] and height <= box[1]:
        return None
    scale = min(box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode_small(image: Image.Image, max_width: int) -> Image.Image:
    """The picture upright and at most `max_width` wide, decoded at reduced size."""
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    box = (max_width, max_width * 10)
    if orientation in (5, 6, 7, 8):  # stored on its side: its height will be the width
        box = (box[1], box[0])
    target = _fitted(image.size, box)
    if target:
        # JPEG decodes at the smallest 1/2, 1/4 or 1/8 scale still at least `target`
        # (other formats ignore this); thumbnail() would ask for twice the box.
        image.draft(None, target)
        image.thumbnail(box, Image.Resampling.LANCZOS)
    return ImageOps.exif_transpose(image)  # keep orientation, then EXIF is dropped


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
        image = _decode_small(image, max_width)
    except (Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("Không đọc được ảnh; tệp có thể bị hỏng."), code="corrupt"
        ) from None
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
        # zlib's default level: level 9 (optimize) took 45 s on one 3-megapixel picture.
        image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB").save(
            out, "PNG", compress_level=6
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
