"""Each kind of question is checked by its own rule, and the page gives no answer away."""

import re

import pytest
from django.core.exceptions import ValidationError

from lessons import grading, services
from lessons.models import Attempt, QuestionKind

from . import factories


@pytest.fixture
def lesson(personas):
    return factories.kids_lesson(
        author=personas.teacher_5a, publish_by=personas.editor, grades=(3, 5)
    )


def _questions(lesson):
    return {q.kind: q for q in lesson.questions.prefetch_related("choices")}


def _ids(question):
    return [c.pk for c in question.choices.all()]


def test_every_kind_answered_right_scores_full_marks(personas, lesson):
    answers = factories.right_answers(lesson)
    attempt = services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=answers)
    assert (attempt.score, attempt.total) == (4, 4)


def test_a_picture_answer_is_one_answer_out_of_its_pictures(personas, lesson):
    pictures = _questions(lesson)[QuestionKind.ONE]
    red, green = pictures.choices.all()
    assert red.image and green.image  # stored as pictures…
    assert green.is_correct
    answers = factories.right_answers(lesson) | {pictures.pk: [red.pk]}
    assert (
        services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=answers).score == 3
    )


def test_steps_are_right_only_in_their_own_order(personas, lesson):
    order = _questions(lesson)[QuestionKind.ORDER]
    steps = _ids(order)
    assert grading.is_right(order, steps)
    swapped = [steps[1], steps[0], *steps[2:]]
    assert not grading.is_right(order, swapped)
    answers = factories.right_answers(lesson) | {order.pk: swapped}
    assert (
        services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=answers).score == 3
    )


@pytest.mark.parametrize(
    "broken",
    [lambda s: s[:-1], lambda s: [*s, s[0]], lambda s: [s[0], s[0], s[2], s[3]]],
    ids=["a step missing", "a step twice", "a step repeated instead of another"],
)
def test_an_order_answer_must_hold_every_step_once(personas, lesson, broken):
    order = _questions(lesson)[QuestionKind.ORDER]
    with pytest.raises(ValidationError) as error:
        grading.clean_answer(order, broken(_ids(order)))
    assert error.value.code == "incomplete"


def test_pairs_are_right_only_when_each_situation_gets_its_own_advice(personas, lesson):
    match = _questions(lesson)[QuestionKind.MATCH]
    pairs = _ids(match)
    assert grading.is_right(match, pairs)
    assert not grading.is_right(match, [pairs[1], pairs[0], pairs[2]])
    assert not grading.is_right(match, [pairs[0], pairs[0], pairs[0]])  # one advice for all
    with pytest.raises(ValidationError):
        grading.clean_answer(match, pairs[:2])  # a situation left out


def test_true_false_and_several_keep_their_rules(personas, lesson):
    true_false = _questions(lesson)[QuestionKind.TRUE_FALSE]
    right, wrong = (
        [c.pk for c in true_false.choices.all() if c.is_correct],
        [c.pk for c in true_false.choices.all() if not c.is_correct],
    )
    assert grading.is_right(true_false, right) and not grading.is_right(true_false, wrong)
    with pytest.raises(ValidationError):
        grading.clean_answer(true_false, right + wrong)


def test_a_stale_answer_is_wrong_not_an_error(personas, lesson):
    """An attempt stored before a teacher edited the question still shows, marked wrong."""
    order = _questions(lesson)[QuestionKind.ORDER]
    assert grading.is_right(order, [999999, 999998]) is False
    assert grading.mark([order], {str(order.pk): [1, 2]})[0].is_right is False


def test_the_quiz_page_gives_away_no_order_and_no_pair(personas, client_for, lesson):
    questions = _questions(lesson)
    order, match = questions[QuestionKind.ORDER], questions[QuestionKind.MATCH]
    steps, pairs = list(order.choices.all()), list(match.choices.all())
    html = client_for("pupil_an").get(lesson.get_absolute_url()).content.decode()
    # Steps: the page order is not the right order, and neither is the order of their ids.
    shown = re.findall(rf'name="q{order.pk}" value="(\d+)"', html)
    assert sorted(shown) == sorted(str(s.pk) for s in steps)
    assert shown != [str(s.pk) for s in steps]
    assert sorted(steps, key=lambda s: s.pk) != steps
    # Pairs: each select lists the advice in an order that is not the situations' own.
    first_select = re.search(rf'<select[^>]*name="q{match.pk}_1".*?</select>', html, re.S)[0]
    options = re.findall(r'<option value="(\d+)"', first_select)
    assert options != [str(p.pk) for p in pairs]
    assert sorted(pairs, key=lambda p: p.pk) != pairs
    # Nothing about correctness, and no explanation before answering.
    assert "correct" not in html.lower()
    for question in questions.values():
        assert question.explanation not in html


def test_the_shuffle_stays_the_same_when_the_page_reloads(personas, client_for, lesson):
    order = _questions(lesson)[QuestionKind.ORDER]
    client = client_for("pupil_an")
    pattern = rf'name="q{order.pk}" value="(\d+)"'
    first = re.findall(pattern, client.get(lesson.get_absolute_url()).content.decode())
    again = re.findall(pattern, client.get(lesson.get_absolute_url()).content.decode())
    assert first == again


def test_picture_answers_and_the_recording_are_on_the_page(personas, client_for, lesson):
    pictures = _questions(lesson)[QuestionKind.ONE]
    html = client_for("pupil_an").get(lesson.get_absolute_url()).content.decode()
    assert f'src="/bai-hoc/cau-hoi/{pictures.pk}/nghe/"' in html
    assert re.search(r"<audio controls[^>]*data-testid=\"question-audio\"", html)
    for choice in pictures.choices.all():
        assert f'src="/bai-hoc/dap-an/{choice.pk}/anh/"' in html


def test_the_result_shows_each_kind_with_its_right_answer_and_explanation(
    personas, client_for, lesson
):
    questions = _questions(lesson)
    order = questions[QuestionKind.ORDER]
    steps = _ids(order)
    data = factories.correct_answers(lesson) | {f"q{order.pk}": [str(s) for s in reversed(steps)]}
    response = client_for("pupil_an").post(f"/bai-hoc/{lesson.slug}/nop-bai/", data, follow=True)
    html = response.content.decode()
    assert "Em trả lời đúng 3/4 câu." in html
    assert "Chưa đúng rồi, em xem lại nhé:</strong> " + order.explanation in html
    assert "Thứ tự đúng:" in html and "Em đã xếp:" in html
    assert "Có người xin mật khẩu → <strong>Không cho</strong>" in html
    assert Attempt.objects.get().answers[str(order.pk)] == list(reversed(steps))
