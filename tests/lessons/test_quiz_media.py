"""The question's recording and the picture answers: served only to who may read the
lesson, with byte ranges (Safari plays <audio> only from a server that answers them)."""

import pytest

from lessons.models import QuestionKind

from . import factories


@pytest.fixture
def lesson(personas):
    return factories.kids_lesson(
        author=personas.teacher_5a, publish_by=personas.editor, grades=(3, 5)
    )


def _audio_url(lesson):
    return f"/bai-hoc/cau-hoi/{lesson.questions.get(kind=QuestionKind.ONE).pk}/nghe/"


def test_the_recording_is_served_whole_with_its_type(personas, client_for, lesson):
    response = client_for("pupil_an").get(_audio_url(lesson))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == factories.mp3_bytes()


@pytest.mark.parametrize(
    ("header", "status", "content_range", "length"),
    [
        ("bytes=0-99", 206, "bytes 0-99/16680", 100),
        ("bytes=16000-", 206, "bytes 16000-16679/16680", 680),
        ("bytes=-500", 206, "bytes 16180-16679/16680", 500),
        ("bytes=0-999999", 206, "bytes 0-16679/16680", 16680),
        ("bytes=20000-", 416, "bytes */16680", 0),
        ("bytes=abc", 200, None, 16680),
        ("bytes=" + "9" * 5000 + "-", 200, None, 16680),
    ],
)
def test_byte_ranges(personas, client_for, lesson, header, status, content_range, length):
    response = client_for("pupil_an").get(_audio_url(lesson), headers={"Range": header})
    assert response.status_code == status
    assert response.get("Content-Range") == content_range
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(body) == length


def test_a_picture_answer_is_served_as_the_picture_it_is(personas, client_for, lesson):
    choice = lesson.questions.get(kind=QuestionKind.ONE).choices.first()
    response = client_for("parent_an").get(f"/bai-hoc/dap-an/{choice.pk}/anh/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_a_pupil_of_another_grade_gets_nothing(personas, client_for):
    little = factories.kids_lesson(author=personas.teacher_5a, publish_by=personas.editor)
    choice = little.questions.get(kind=QuestionKind.ONE).choices.first()
    client = client_for("pupil_an")  # 5A; the lesson is for grades 1–2
    assert client.get(_audio_url(little)).status_code == 404
    assert client.get(f"/bai-hoc/dap-an/{choice.pk}/anh/").status_code == 404


def test_a_question_without_a_recording_has_no_player_and_no_file(personas, client_for, lesson):
    order = lesson.questions.get(kind=QuestionKind.ORDER)
    assert client_for("pupil_an").get(f"/bai-hoc/cau-hoi/{order.pk}/nghe/").status_code == 404
    step = order.choices.first()
    assert client_for("pupil_an").get(f"/bai-hoc/dap-an/{step.pk}/anh/").status_code == 404


def test_removing_a_recording_deletes_it(personas, client_for, lesson):
    from lessons import services

    question = lesson.questions.get(kind=QuestionKind.ONE)
    storage, name = question.audio.storage, question.audio.name
    assert storage.exists(name)
    services.update_question(
        question=question, by=personas.editor, text=question.text,
        explanation=question.explanation, remove_audio=True,
        choices=[services.ChoiceInput(c.text, c.is_correct) for c in question.choices.all()],
    )  # fmt: skip
    assert not storage.exists(name)
    assert client_for("pupil_an").get(_audio_url(lesson)).status_code == 404
