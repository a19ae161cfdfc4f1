"""A pupil's picture is held to what a phone photo needs, not to what a camera can make."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum import services
from forum.models import Board, Post


def _jpeg(size: tuple[int, int]) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 140, 60)).save(out, "JPEG", quality=60)
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


def test_a_twenty_megapixel_picture_is_refused_with_the_limit_and_nothing_is_posted(
    personas, forum, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_images=True)
    with pytest.raises(ValidationError) as caught:
        services.create_reply(
            topic=forum.topic_5a,
            author=personas.pupil_an,
            body="Ảnh chụp chế độ 50 MP",
            image=_jpeg((5200, 3900)),  # under 3 MB, but 20 megapixels
        )
    assert caught.value.code == "too_many_pixels"
    assert "tối đa 16,5 triệu" in caught.value.message
    assert not Post.objects.filter(body="Ảnh chụp chế độ 50 MP").exists()


def test_a_sixteen_megapixel_phone_photo_is_posted_at_forum_width(
    personas, forum, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_images=True)
    post = services.create_reply(
        topic=forum.topic_5a,
        author=personas.pupil_an,
        body="Ảnh lớp mình",
        image=_jpeg((4608, 3456)),
    )
    assert Image.open(post.image).size == (1600, 1200)
