"""A pupil's forum pictures are part of their data: in their download, and gone when they are."""

import io
import json
import os
import zipfile

import pytest
from django.db import transaction

from accounts.models import DELETED_USER_NAME
from accounts.privacy.data import build_export, erase_person
from forum import services
from forum.models import Board, Post

from .url_cases import png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictures(personas, forum):
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_images=True)
    forum.class_5a.refresh_from_db()
    mine = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Ảnh nhà em", image=png_upload())  # fmt: skip
    theirs = services.create_reply(topic=forum.topic_5a, author=personas.teacher_5a, body="Ảnh lớp", image=png_upload())  # fmt: skip
    return Post.objects.get(pk=mine.pk), Post.objects.get(pk=theirs.pk)


def test_download_of_my_data_holds_my_forum_pictures(personas, pictures):
    mine, theirs = pictures
    archive = zipfile.ZipFile(io.BytesIO(build_export(personas.pupil_an)))
    names = archive.namelist()
    assert any(name.startswith(f"uploads/forum/post/{mine.pk}-") for name in names)
    assert not any(name.startswith(f"uploads/forum/post/{theirs.pk}-") for name in names)
    rows = json.loads(archive.read("forum/post.json"))
    assert [row["image"] for row in rows if row["id"] == mine.pk] == [mine.image.name]


def test_deleting_a_pupil_deletes_their_pictures_and_keeps_their_posts_anonymous(personas, pictures, django_capture_on_commit_callbacks):  # fmt: skip
    mine, theirs = pictures
    path, other_path = mine.image.path, theirs.image.path
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        erase_person(personas.pupil_an)

    mine.refresh_from_db()
    assert not mine.image
    assert not os.path.exists(path)
    assert mine.body == "Ảnh nhà em" and str(mine.author) == DELETED_USER_NAME
    assert os.path.exists(other_path)  # the teacher's picture in the same topic stays
    assert Post.objects.get(pk=theirs.pk).image
