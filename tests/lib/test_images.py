"""Pictures: refused from their header when too large to decode, decoded small otherwise.

The memory figures are measured in a fresh process (peak resident memory while
`clean_image` runs), because Pillow allocates pixels outside Python's heap.
"""

import io
import json
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lib.images import PUPIL_MAX_PIXELS, clean_image

MB = 1024 * 1024


def _png_of_zeros(width: int, height: int) -> bytes:
    """A black PNG of one bit a pixel, written row by row: 40 megapixels fit in a few
    kilobytes, and making it costs no more memory than one row."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then 8 pixels a byte
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, grey
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def _photo(size: tuple[int, int], fmt: str = "JPEG", **options) -> bytes:
    image = Image.new("RGB", size, (120, 160, 200))
    image.paste((20, 40, 60), (0, 0, size[0] // 3, size[1] // 2))
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _refusal(data: bytes, name: str, **limits) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean_image(SimpleUploadedFile(name, data), **limits)
    return caught.value


def test_a_tiny_file_of_forty_megapixels_is_refused_naming_the_limit():
    data = _png_of_zeros(8000, 5000)
    assert len(data) < 20 * 1024
    error = _refusal(data, "anh.png", max_pixels=PUPIL_MAX_PIXELS)
    assert error.code == "too_many_pixels"
    assert "40 triệu điểm ảnh, tối đa 16,5 triệu" in error.message


def test_a_phone_photo_is_kept_at_the_pupils_limit():
    kept = clean_image(
        SimpleUploadedFile("anh.jpg", _photo((4160, 3120))),  # a 13-megapixel phone camera
        max_pixels=PUPIL_MAX_PIXELS,
        max_width=1600,
    )
    assert (kept.width, kept.height) == (1600, 1200)


def test_a_webp_is_held_to_what_its_decoding_costs():
    # Pillow's WebP reader needs about 19 bytes a pixel: over 7.1 megapixels pass 128 MiB.
    error = _refusal(_photo((3500, 2100), "WEBP", method=0), "anh.webp")
    assert error.code == "too_many_pixels" and "tối đa 7,1 triệu" in error.message
    kept = clean_image(SimpleUploadedFile("anh.webp", _photo((2400, 1600), "WEBP", method=0)))
    assert (kept.width, kept.height) == (2000, 1333)


def test_a_photo_taken_sideways_is_upright_and_within_the_width():
    image = Image.new("RGB", (4000, 3000), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show rotated 90° clockwise
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    kept = clean_image(SimpleUploadedFile("doc.jpg", out.getvalue()), max_width=1600)
    assert (kept.width, kept.height) == (1600, 2133)
    assert Image.open(io.BytesIO(kept.content.read())).getexif().get(0x0112) is None


_MEASURE = textwrap.dedent(
    """
    import json, os, sys
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from lib.images import clean_image

    def kib(key):
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith(key))

    results = {}
    for path, limits in json.loads(sys.argv[1]):
        data = open(path, "rb").read()
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # the peak starts again from what is in use now
        before = kib("VmRSS:")
        try:
            clean_image(SimpleUploadedFile(os.path.basename(path), data), **limits)
            outcome = "kept"
        except ValidationError as error:
            outcome = error.code
        results[os.path.basename(path)] = [outcome, (kib("VmHWM:") - before) / 1024]
    print(json.dumps(results))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_decoding_memory_stays_bounded(tmp_path):
    files = {
        "bomb.png": (_png_of_zeros(8000, 5000), {}),
        "phone.jpg": (_photo((4608, 3456), quality=80), {"max_width": 1600}),
        "screen.png": (_photo((3840, 2160), "PNG"), {}),
    }
    cases = []
    for name, (data, limits) in files.items():
        (tmp_path / name).write_bytes(data)
        cases.append((str(tmp_path / name), limits))
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(cases)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    peaks = json.loads(run.stdout)
    print("peak MiB while cleaning:", peaks)
    # Before: the bomb was decoded (306 MiB) and the 16 MP photo took 122 MiB.
    assert peaks["bomb.png"][0] == "too_many_pixels" and peaks["bomb.png"][1] < 8
    assert peaks["phone.jpg"][0] == "kept" and peaks["phone.jpg"][1] < 48
    assert peaks["screen.png"][0] == "kept" and peaks["screen.png"][1] < 64
