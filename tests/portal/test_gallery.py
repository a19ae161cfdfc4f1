"""Thư viện ảnh: who sees which album, uploads that are cleaned, counters."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.models import Album, Photo


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg_with_gps(name="anh.jpg", size=(1200, 800)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {2: (21.0, 1.0, 30.0), 1: "N"}  # GPSInfo: where the child lives
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def albums(personas):
    public = Album.objects.create(title="Lễ khai giảng", slug="le-khai-giang", is_public=True)
    families = Album.objects.create(title="Lớp 5A dã ngoại", slug="lop-5a-da-ngoai")
    return public, families


def test_visitors_see_public_albums_only(albums, client_for):
    anonymous = client_for("anonymous")
    assert "Lễ khai giảng" in anonymous.get("/thu-vien-anh/").content.decode()
    assert "Lớp 5A dã ngoại" not in anonymous.get("/thu-vien-anh/").content.decode()
    assert anonymous.get("/thu-vien-anh/lop-5a-da-ngoai/").status_code == 404
    assert client_for("parent_an").get("/thu-vien-anh/lop-5a-da-ngoai/").status_code == 200


def test_editor_uploads_photos_that_are_re_encoded_without_gps(
    albums, client_for, django_capture_on_commit_callbacks
):
    _public, families = albums
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("editor").post(
            "/thu-vien-anh/lop-5a-da-ngoai/tai-anh/",
            {"images": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")], "caption": "Dã ngoại"},
        )
    assert response.status_code == 302
    families.refresh_from_db()
    assert families.photo_count == 2 and families.cover is not None
    photo = Photo.objects.first()
    with Image.open(photo.image.path) as stored:
        assert 0x8825 not in stored.getexif() and 0x010F not in stored.getexif()
    assert photo.small and photo.medium  # renditions made by the task (immediate in tests)
    assert "a.jpg" not in photo.image.name  # names are not guessable


def test_a_bad_file_rejects_the_whole_upload_with_a_vietnamese_reason(albums, client_for):
    svg = SimpleUploadedFile(
        "ve.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    fake = SimpleUploadedFile(
        "anh.jpg", b"MZ\x90\x00 not an image at all", content_type="image/jpeg"
    )
    response = client_for("editor").post(
        "/thu-vien-anh/lop-5a-da-ngoai/tai-anh/",
        {"images": [jpeg_with_gps(), svg, fake], "caption": "Giữ lại"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "ve.svg" in html and "SVG" in html and "anh.jpg" in html
    assert 'value="Giữ lại"' in html
    assert not Photo.objects.exists()


def test_decompression_bomb_is_refused_before_decoding(albums, client_for):
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    bomb = SimpleUploadedFile("bom.png", out.getvalue(), content_type="image/png")
    response = client_for("editor").post(
        "/thu-vien-anh/lop-5a-da-ngoai/tai-anh/", {"images": [bomb]}
    )
    assert response.status_code == 400 and "quá lớn" in response.content.decode()
    assert not Photo.objects.exists()


def test_only_editors_upload_create_and_delete(albums, client_for):
    for name in ("teacher_5a", "parent_an", "pupil_an", "collaborator"):
        client = client_for(name)
        assert (
            client.post(
                "/thu-vien-anh/lop-5a-da-ngoai/tai-anh/", {"images": [jpeg_with_gps()]}
            ).status_code
            == 404
        )
        assert client.get("/thu-vien-anh/them/").status_code == 404
    assert not Photo.objects.exists()


def test_deleting_a_photo_keeps_the_counter_and_cover_right(albums, client_for):
    editor = client_for("editor")
    editor.post(
        "/thu-vien-anh/lop-5a-da-ngoai/tai-anh/",
        {"images": [jpeg_with_gps("a.jpg"), jpeg_with_gps("b.jpg")]},
    )
    first, second = Photo.objects.order_by("id")
    editor.post(f"/thu-vien-anh/anh/{first.pk}/xoa/")
    album = Album.objects.get(slug="lop-5a-da-ngoai")
    assert (album.photo_count, album.cover_id) == (1, second.pk)


def test_editor_creates_an_album_with_a_vietnamese_slug(personas, client_for):
    response = client_for("editor").post(
        "/thu-vien-anh/them/", {"title": "Hội khoẻ Phù Đổng", "description": ""}
    )
    assert response.status_code == 302
    assert Album.objects.get().slug == "hoi-khoe-phu-dong"


def test_album_pages_keep_a_fixed_query_count(personas, client_for, count_queries):
    client = client_for("parent_an")

    def measure(n):
        album = Album.objects.create(title=f"Album {n}", slug=f"album-{n}")
        Photo.objects.bulk_create(
            [Photo(album=album, image=f"gallery/x{i}.jpg", width=10, height=10) for i in range(n)]
        )
        Album.objects.bulk_create([Album(title=f"A{n}-{i}", slug=f"a{n}-{i}") for i in range(n)])
        client.get("/thu-vien-anh/")  # the navigation badges into the cache
        with count_queries() as listing:
            client.get("/thu-vien-anh/")
        with count_queries() as detail:
            client.get(f"/thu-vien-anh/album-{n}/")
        return listing.count, detail.count

    # list: session, user, count, albums+covers
    # detail: session, user, album+cover, photo count, photos
    assert measure(3) == measure(30)


def test_photos_of_a_families_only_album_are_served_only_to_logged_in_readers(
    albums, client_for, django_capture_on_commit_callbacks
):
    _public, families = albums
    with django_capture_on_commit_callbacks(execute=True):
        client_for("editor").post(
            "/thu-vien-anh/lop-5a-da-ngoai/tai-anh/", {"images": [jpeg_with_gps()]}
        )
    photo = Photo.objects.get()
    for size in ("goc", "vua", "nho"):
        assert (
            client_for("anonymous").get(f"/thu-vien-anh/anh/{photo.pk}/{size}/").status_code == 404
        )
        response = client_for("parent_an").get(f"/thu-vien-anh/anh/{photo.pk}/{size}/")
        assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    # Nothing of it sits in the public media folder.
    from django.conf import settings

    assert not any(settings.MEDIA_ROOT.rglob("*.jpg")) and not any(
        settings.MEDIA_ROOT.rglob("*.webp")
    )
    assert client_for("parent_an").get(f"/thu-vien-anh/anh/{photo.pk}/to/").status_code == 404
