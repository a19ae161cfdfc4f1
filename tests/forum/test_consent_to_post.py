"""The school may require a guardian's consent before a pupil writes in the forum."""

import pytest

from accounts.models import Guardianship, SchoolSettings
from forum import services
from forum.models import Post


@pytest.fixture
def consent_required(db):
    settings_row = SchoolSettings.load()
    settings_row.pupils_need_consent_to_post = True
    settings_row.save()


def test_pupil_without_consent_is_told_why_and_keeps_the_text(
    personas, forum, consent_required, client_for
):
    Guardianship.objects.filter(pupil=personas.pupil_an).update(consent_given_at=None)
    text = "Cô ơi, mai lớp mình có học bơi không ạ?"
    response = client_for("pupil_an").post(
        f"{forum.topic_school.get_absolute_url()}tra-loi/", {"body": text}
    )
    html = response.content.decode()
    assert "đồng ý của phụ huynh" in html
    assert text in html
    assert not Post.objects.filter(body=text).exists()


def test_pupil_with_consent_posts(personas, forum, consent_required):
    from django.utils import timezone

    Guardianship.objects.filter(pupil=personas.pupil_an).update(consent_given_at=timezone.now())
    services.create_reply(
        topic=forum.topic_school,
        author=personas.pupil_an,
        body="Em cảm ơn cô ạ",
    )
    assert Post.objects.filter(body="Em cảm ơn cô ạ").exists()


def test_without_the_school_setting_consent_is_not_needed(personas, forum):
    Guardianship.objects.filter(pupil=personas.pupil_an).update(consent_given_at=None)
    services.create_reply(topic=forum.topic_school, author=personas.pupil_an, body="Chào các bạn")
    assert Post.objects.filter(body="Chào các bạn").exists()
