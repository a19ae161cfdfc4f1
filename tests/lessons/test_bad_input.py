"""A quiz sent incomplete, tampered with or by the wrong person: a clear message, nothing stored."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lessons import services
from lessons.models import Attempt

from . import factories


@pytest.fixture
def lesson(personas):
    return factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)


def _submit(client, lesson, data):
    return client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)


def test_missing_answers_keep_the_chosen_ones_and_say_what_is_missing(personas, client_for, lesson):
    data = factories.correct_answers(lesson)
    first = lesson.questions.get(position=1)
    chosen = data[f"q{first.pk}"][0]
    del data[f"q{lesson.questions.get(position=3).pk}"]
    response = _submit(client_for("pupil_an"), lesson, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Em chưa trả lời câu này." in html
    assert re.search(rf'value="{chosen}"[^>]*checked', html)
    assert not Attempt.objects.exists()


def test_a_choice_of_another_question_is_refused(personas, client_for, lesson):
    data = factories.correct_answers(lesson)
    first = lesson.questions.get(position=1)
    data[f"q{first.pk}"] = [str(factories.choice_ids(lesson, 3)[0])]  # "Đúng" of Q3
    response = _submit(client_for("pupil_an"), lesson, data)
    assert response.status_code == 400
    assert "Đáp án này không có trong câu hỏi." in response.content.decode()
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("junk", ["abc", "-1", "99999999", "1e3", "", "1; DROP TABLE"])
def test_junk_choice_ids_are_refused_without_an_error_page(personas, client_for, lesson, junk):
    data = factories.correct_answers(lesson)
    data[f"q{lesson.questions.get(position=2).pk}"] = [junk]
    response = _submit(client_for("pupil_an"), lesson, data)
    assert response.status_code == 400
    assert not Attempt.objects.exists()


def test_two_answers_to_a_one_answer_question_are_never_stored_as_two(personas, client_for, lesson):
    data = factories.correct_answers(lesson)
    first = lesson.questions.get(position=1)
    data[f"q{first.pk}"] = [str(i) for i in factories.choice_ids(lesson, 1)[:2]]
    # A one-answer field reads one value of a repeated key; the service refuses two anyway.
    assert _submit(client_for("pupil_an"), lesson, data).status_code == 302
    assert len(Attempt.objects.get().answers[str(first.pk)]) == 1


def test_the_service_refuses_tampered_answers_whatever_the_form_did(personas, lesson):
    q1, q2, q3 = lesson.questions.all()
    right = {q1.pk: [factories.choice_ids(lesson, 1)[1]], q2.pk: factories.choice_ids(lesson, 2)[:2],
             q3.pk: [factories.choice_ids(lesson, 3)[0]]}  # fmt: skip
    other = factories.lesson(
        author=personas.teacher_5a, title="Bài khác", publish_by=personas.editor
    )
    bad_inputs = {
        "missing": {q1.pk: right[q1.pk], q2.pk: right[q2.pk]},
        "foreign question": right | {other.questions.first().pk: [1]},
        "foreign choice": right | {q1.pk: factories.choice_ids(other, 1)[:1]},
        "two for one": right | {q1.pk: factories.choice_ids(lesson, 1)[:2]},
    }
    for reason, answers in bad_inputs.items():
        with pytest.raises(ValidationError):
            services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=answers)
        assert not Attempt.objects.exists(), reason
    assert services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=right).score == 3


def test_only_a_pupil_of_a_suitable_grade_may_submit(personas, lesson):
    answers = {
        q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in lesson.questions.all()
    }
    for person in (personas.parent_an, personas.teacher_5a, personas.editor):
        with pytest.raises(PermissionDenied):
            services.submit_attempt(lesson=lesson, pupil=person, answers=answers)
    little = factories.lesson(
        author=personas.teacher_5a, title="Lớp 1", grades=(1, 1), publish_by=personas.editor
    )
    with pytest.raises(PermissionDenied):
        services.submit_attempt(lesson=little, pupil=personas.pupil_an, answers={})
    draft = factories.lesson(author=personas.teacher_5a, title="Nháp")
    with pytest.raises(PermissionDenied):
        services.submit_attempt(lesson=draft, pupil=personas.pupil_an, answers={})
    assert not Attempt.objects.exists()


def test_a_get_to_the_submit_address_is_not_an_error_page(client_for, lesson):
    assert client_for("pupil_an").get(f"/bai-hoc/{lesson.slug}/nop-bai/").status_code == 405


def test_an_unknown_result_is_a_404(client_for, lesson):
    assert client_for("pupil_an").get(f"/bai-hoc/{lesson.slug}/ket-qua/999999/").status_code == 404
