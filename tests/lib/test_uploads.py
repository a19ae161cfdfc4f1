"""The one upload check: allowlisted by name, then judged by content; pictures re-encoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lib.uploads import check_upload, file_types

DOCUMENTS = file_types("pdf", "docx", "doc", "txt")
EVERYTHING = file_types("pdf", "docx", "xlsx", "doc", "xls", "ppt", "txt", "zip", "jpg", "png")
MB = 1024 * 1024


def _check(name, content, allowed=EVERYTHING, **options):
    options.setdefault("max_bytes", MB)
    return check_upload(SimpleUploadedFile(name, content), allowed=allowed, **options)


def _refusal(name, content, allowed=EVERYTHING, **options) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _check(name, content, allowed, **options)
    return caught.value


def _photo(fmt="JPEG", size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, "green")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {2: (21.0, 1.0, 30.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Giấy mời.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("danh-sach.DOCX", b"PK\x03\x04 word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("bang.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", "application/vnd.ms-excel"),
        ("ghi-chu.txt", "Họp phụ huynh lúc 7 giờ".encode(), "text/plain"),
        ("ghi-chu.txt", "Họp lúc 7 giờ".encode("utf-16"), "text/plain"),  # Notepad's "Unicode"
    ],
)  # fmt: skip
def test_files_that_are_what_their_name_says_are_kept_as_sent(name, content, content_type):
    upload = SimpleUploadedFile(name, content)
    checked = check_upload(upload, allowed=EVERYTHING, max_bytes=MB)
    assert (checked.name, checked.content_type) == (name, content_type)
    assert checked.content is upload and upload.read() == content  # readable from the start


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notice.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("ke-hoach.pdf", b"MZ\x90\x00 a program"),
        ("bao-cao.docx", b"%PDF-1.4 a pdf named docx"),
        ("bang.xls", b"PK\x03\x04 an xlsx named xls"),
        ("ghi-chu.txt", b"  \n<html><body>page</body></html>"),
        ("ghi-chu.txt", b"<svg onload=alert(1)>"),
        ("ghi-chu.txt", b"MZ\x90\x00\x03\x00\x00\x00"),  # binary
    ],
)
def test_content_that_does_not_match_the_name_is_refused(name, content):
    error = _refusal(name, content)
    assert error.code == "false_extension"
    assert "có thể bị đổi tên" in error.messages[0]


def test_a_type_not_allowed_here_is_refused_naming_the_allowed_ones():
    error = _refusal("chay.exe", b"MZ", DOCUMENTS)
    assert error.code == "bad_type"
    assert error.messages == ["Không nhận loại tệp này. Chỉ nhận: DOC, DOCX, PDF, TXT."]
    assert _refusal("anh.jpg", _photo(), DOCUMENTS).code == "bad_type"
    assert _refusal("khong-duoi", b"%PDF-1.4").code == "bad_type"


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    error = _refusal("lon.pdf", b"%PDF-1.4" + b"0" * MB)
    assert error.code == "too_large"
    assert error.messages == ["Tệp quá lớn (tối đa 1 MB)."]


def test_a_photo_is_re_encoded_without_exif_or_gps():
    raw = _photo()
    checked = _check("Ảnh lớp 5A.jpeg", raw)
    assert (checked.name, checked.extension, checked.content_type) == (
        "Ảnh lớp 5A.jpg", "jpg", "image/jpeg",
    )  # fmt: skip
    stored = checked.content.read()
    assert stored != raw and b"PhoneMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_picture_is_stored_as_what_it_is_not_what_its_name_says():
    checked = _check("so-do.jpg", _photo("PNG"))
    assert (checked.name, checked.content_type) == ("so-do.png", "image/png")


def test_a_wide_picture_is_scaled_to_the_callers_width():
    checked = _check("rong.jpg", _photo(size=(900, 300)), image_max_width=300)
    assert Image.open(checked.content).size == (300, 100)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "svg"),
        ("anh.jpg", b"\xff\xd8 not really a jpeg", "not_image"),
        ("anh.png", b"%PDF-1.4 a pdf named png", "not_image"),
    ],
)
def test_a_picture_that_pillow_cannot_read_is_refused(name, content, code):
    assert _refusal(name, content).code == code


def test_a_file_name_cannot_disguise_its_type_with_a_right_to_left_override():
    checked = _check("bao-cao\u202efdp.txt", "Báo cáo".encode())
    assert checked.name == "bao-caofdp.txt"  # it showed as "bao-caotxt.pdf"


# --- files judged by content alone (check_sniffed_upload) -----------------------------------

from lib.uploads import AUDIO_TYPES, PDF_TYPES, VIDEO_TYPES, check_sniffed_upload  # noqa: E402
from tests.lessons import media as lesson_media  # noqa: E402


@pytest.mark.parametrize(
    ("content", "accepted", "content_type"),
    [
        (lesson_media.MP4, VIDEO_TYPES, "video/mp4"),
        (lesson_media.WEBM, VIDEO_TYPES, "video/webm"),
        (lesson_media.MP3, AUDIO_TYPES, "audio/mpeg"),
        (b"\xff\xfb\x90\x00" + bytes(100), AUDIO_TYPES, "audio/mpeg"),  # MP3 without ID3 tag
        (lesson_media.M4A, AUDIO_TYPES, "audio/mp4"),
        (lesson_media.OGG, AUDIO_TYPES, "audio/ogg"),
        (lesson_media.WEBM, AUDIO_TYPES, "audio/webm"),
        (lesson_media.PDF, PDF_TYPES, "application/pdf"),
    ],
)
def test_sniffed_types_come_from_the_content(content, accepted, content_type):
    checked = check_sniffed_upload(
        SimpleUploadedFile("ten-bat-ky.bin", content), accepted=accepted, max_bytes=10**6, what="x"
    )
    assert checked.content_type == content_type


@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        (lesson_media.EXE, VIDEO_TYPES),
        (lesson_media.M4A, VIDEO_TYPES),
        (b"\x1a\x45\xdf\xa3" + b"\x42\x82\x88matroska" + bytes(50), VIDEO_TYPES),
        (b"<html><script>alert(1)</script>", AUDIO_TYPES),
        (b"\xff\xf1\x50\x80" + bytes(50), AUDIO_TYPES),  # AAC in ADTS, not MP3
        (lesson_media.EXE, PDF_TYPES),
    ],
)
def test_content_that_is_not_accepted_is_refused(content, accepted):
    with pytest.raises(ValidationError) as error:
        check_sniffed_upload(
            SimpleUploadedFile("video.mp4", content), accepted=accepted, max_bytes=10**6, what="x"
        )
    assert error.value.code == "bad_content"


def test_empty_and_oversized_files_are_refused_before_reading():
    for content, code in ((b"", "empty"), (lesson_media.MP4, "too_large")):
        with pytest.raises(ValidationError) as error:
            check_sniffed_upload(
                SimpleUploadedFile("v.mp4", content), accepted=VIDEO_TYPES, max_bytes=100, what="x"
            )
        assert error.value.code == code
