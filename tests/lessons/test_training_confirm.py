"""Completing a module: pass the quiz at 70 %, then confirm "Tôi đã đọc và hiểu" once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lessons import training
from lessons.models import Attempt, TrainingConfirmation
from lessons.training_selectors import has_passed

from . import factories


@pytest.fixture
def module(personas):
    return factories.module(author=personas.editor, publish_by=personas.editor)


def test_a_module_with_a_quiz_is_confirmed_only_after_a_pass(personas, module):
    teacher = personas.teacher_5a
    with pytest.raises(ValidationError) as refused:
        training.confirm_module(lesson=module, by=teacher)
    assert refused.value.code == "quiz_first"
    training.submit_module_quiz(
        lesson=module, by=teacher, answers=factories.answers_scoring(module, 2)
    )
    assert not has_passed(teacher, module)  # 2/3 = 67 % < 70 %
    with pytest.raises(ValidationError):
        training.confirm_module(lesson=module, by=teacher)
    training.submit_module_quiz(
        lesson=module, by=teacher, answers=factories.answers_scoring(module, 3)
    )
    confirmation, created = training.confirm_module(lesson=module, by=teacher)
    assert created and confirmation.confirmed_at is not None


def test_confirming_twice_keeps_one_confirmation_with_the_first_date(personas):
    rules = factories.module(
        author=personas.editor, publish_by=personas.editor, audience="staff_families", quiz=False
    )
    first, created = training.confirm_module(lesson=rules, by=personas.parent_an)
    again, created_again = training.confirm_module(lesson=rules, by=personas.parent_an)
    assert created and not created_again
    assert again.pk == first.pk and again.confirmed_at == first.confirmed_at
    assert TrainingConfirmation.objects.filter(lesson=rules).count() == 1


def test_pupils_cannot_confirm_or_take_a_module_quiz(personas, module, client_for):
    with pytest.raises(PermissionDenied):
        training.confirm_module(lesson=module, by=personas.pupil_an)
    with pytest.raises(PermissionDenied):
        training.submit_module_quiz(
            lesson=module, by=personas.pupil_an, answers=factories.answers_scoring(module, 3)
        )
    client = client_for("pupil_an")
    assert client.post(f"/bai-hoc/boi-duong/{module.slug}/xac-nhan/").status_code == 404
    assert client.post(f"/bai-hoc/boi-duong/{module.slug}/nop-bai/").status_code == 404
    assert not TrainingConfirmation.objects.exists() and not Attempt.objects.exists()


def test_a_parent_cannot_confirm_a_staff_module(personas, module, client_for):
    with pytest.raises(PermissionDenied):
        training.confirm_module(lesson=module, by=personas.parent_an)
    response = client_for("parent_an").post(f"/bai-hoc/boi-duong/{module.slug}/xac-nhan/")
    assert response.status_code == 404
    assert not TrainingConfirmation.objects.exists()


def test_a_draft_module_cannot_be_confirmed(personas):
    draft = factories.lesson(author=personas.teacher_5a, audience="staff", quiz=False)
    with pytest.raises(PermissionDenied):
        training.confirm_module(lesson=draft, by=personas.teacher_5a)
    assert not TrainingConfirmation.objects.exists()


def test_a_teacher_passes_and_confirms_through_the_pages(personas, module, client_for):
    client = client_for("teacher_5a")
    url = f"/bai-hoc/boi-duong/{module.slug}/"
    page = client.get(url).content.decode()
    assert 'data-testid="module-quiz-form"' in page and "confirm-button" not in page
    wrong = {
        f"q{k}": [str(v) for v in vs] for k, vs in factories.answers_scoring(module, 0).items()
    }
    response = client.post(url + "nop-bai/", wrong, follow=True)
    assert "Bạn trả lời đúng 0/3 câu." in response.content.decode()
    response = client.post(url + "nop-bai/", factories.correct_answers(module), follow=True)
    page = response.content.decode()
    assert "Bạn trả lời đúng 3/3 câu." in page and 'data-testid="confirm-button"' in page
    page = client.post(url + "xac-nhan/", follow=True).content.decode()
    assert 'data-testid="module-confirmed"' in page
    mine = client.get("/bai-hoc/boi-duong/").content.decode()
    assert 'data-testid="training-done"' in mine


def test_an_unanswered_quiz_keeps_the_answers_and_says_what_is_missing(
    personas, module, client_for
):
    client = client_for("teacher_5a")
    first = module.questions.first()
    chosen = str(first.choices.first().pk)
    response = client.post(f"/bai-hoc/boi-duong/{module.slug}/nop-bai/", {f"q{first.pk}": chosen})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'value="{chosen}"' in page and "checked" in page
    assert not Attempt.objects.exists()


def test_the_author_previews_a_draft_module_without_confirming_it(personas, client_for):
    draft = factories.lesson(author=personas.teacher_5a, title="Nháp bồi dưỡng", audience="staff")
    page = client_for("teacher_5a").get(draft.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bản xem trước" in html and "confirm-button" not in html
    assert "module-quiz-form" not in html
    assert client_for("other_teacher").get(draft.get_absolute_url()).status_code == 404
    response = client_for("teacher_5a").post(draft.get_absolute_url() + "xac-nhan/")
    assert response.status_code == 403  # offered nowhere: a draft is not confirmed
    assert not TrainingConfirmation.objects.exists()


def test_after_an_attempt_each_question_shows_its_explanation_not_the_right_choice(
    personas, module, client_for
):
    training.submit_module_quiz(
        lesson=module, by=personas.teacher_5a, answers=factories.answers_scoring(module, 1)
    )
    html = client_for("teacher_5a").get(module.get_absolute_url()).content.decode()
    assert "Lần làm gần nhất: đúng 1/3 câu" in html
    assert "Chỉ người lớn tin cậy được biết." in html  # Q2's explanation
    assert "text-success" not in html.split('data-testid="last-attempt"')[1].split("</section>")[0]


def test_a_quiz_added_after_confirming_must_be_passed_to_complete(personas, client_for):
    from lessons import services

    module = factories.module(author=personas.editor, publish_by=personas.editor, quiz=False)
    training.confirm_module(lesson=module, by=personas.teacher_5a)
    services.add_question(
        lesson=module,
        by=personas.editor,
        kind="true_false",
        text="Lý do từ chối là bắt buộc.",
        statement_is_true=True,
        explanation="Học sinh xem được lý do.",
    )
    client = client_for("teacher_5a")
    mine = client.get("/bai-hoc/boi-duong/").content.decode()
    assert 'data-testid="training-todo"' in mine and 'data-testid="training-done"' not in mine
    page = client.get(module.get_absolute_url()).content.decode()
    assert 'data-testid="module-quiz-form"' in page
    client.post(module.get_absolute_url() + "nop-bai/", factories.correct_answers(module))
    mine = client.get("/bai-hoc/boi-duong/").content.decode()
    assert 'data-testid="training-done"' in mine
    assert TrainingConfirmation.objects.filter(lesson=module).count() == 1
