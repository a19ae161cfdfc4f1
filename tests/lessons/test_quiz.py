"""Answering a quiz: checked on the server, nothing given away, the result and the best score."""

import re

from lessons.models import Attempt, Choice

from . import factories


def _published(personas):
    return factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)


def test_the_quiz_page_does_not_contain_the_correct_answers(personas, client_for):
    lesson = _published(personas)
    html = client_for("pupil_an").get(lesson.get_absolute_url()).content.decode()
    assert "Giữ bí mật" in html  # the choices are there…
    assert "Mật khẩu là bí mật, kể cả với bạn thân." not in html  # …the explanations are not
    assert "correct" not in html.lower()
    # Nothing distinguishes a correct choice: every choice input looks the same.
    correct_ids = set(
        Choice.objects.filter(question__lesson=lesson, is_correct=True).values_list("pk", flat=True)
    )
    inputs = re.findall(r'<input[^>]*name="q\d+"[^>]*>', html)
    assert len(inputs) == 3 + 3 + 2
    shapes = {re.sub(r'(value|id)="[^"]*"', "", tag) for tag in inputs if 'type="radio"' in tag}
    assert len(shapes) == len(
        {re.search(r'name="(q\d+)"', t)[1] for t in inputs if 'type="radio"' in t}
    )
    assert correct_ids  # the test is not vacuous


def test_all_right_answers_score_full_marks_and_show_the_explanations(personas, client_for):
    lesson = _published(personas)
    client = client_for("pupil_an")
    response = client.post(
        f"/bai-hoc/{lesson.slug}/nop-bai/", factories.correct_answers(lesson), follow=True
    )
    html = response.content.decode()
    assert "Em trả lời đúng 3/3 câu." in html
    assert "Mật khẩu là bí mật, kể cả với bạn thân." in html
    assert "Chỉ người lớn tin cậy được biết." in html
    attempt = Attempt.objects.get(pupil=personas.pupil_an, lesson=lesson)
    assert (attempt.score, attempt.total) == (3, 3)
    assert attempt.finished_at is not None
    assert len(attempt.answers) == 3


def test_a_wrong_answer_is_marked_kindly_with_its_explanation(personas, client_for):
    lesson = _published(personas)
    data = factories.correct_answers(lesson)
    first_question = lesson.questions.get(position=1)
    data[f"q{first_question.pk}"] = [str(factories.choice_ids(lesson, 1)[0])]  # "Nói cho bạn"
    html = (
        client_for("pupil_an")
        .post(f"/bai-hoc/{lesson.slug}/nop-bai/", data, follow=True)
        .content.decode()
    )
    assert "Em trả lời đúng 2/3 câu." in html
    assert re.search(
        r"Chưa đúng rồi, em xem lại nhé:</strong> Mật khẩu là bí mật, kể cả với bạn thân.", html
    )
    assert Attempt.objects.get().score == 2


def test_several_answers_are_all_or_nothing(personas, client_for):
    """Q2's right answers are the first two: one of them alone, or all three, is wrong."""
    lesson = _published(personas)
    second = lesson.questions.get(position=2)
    ids = factories.choice_ids(lesson, 2)
    client = client_for("pupil_an")
    for chosen, expected in ([ids[:1], 2], [ids, 2], [ids[:2], 3]):
        data = factories.correct_answers(lesson) | {f"q{second.pk}": [str(i) for i in chosen]}
        client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)
        assert Attempt.objects.latest("id").score == expected, chosen


def test_the_best_score_shows_on_the_lesson_list(personas, client_for):
    lesson = _published(personas)
    client = client_for("pupil_an")
    assert 'data-testid="best-score"' not in client.get("/bai-hoc/").content.decode()
    wrong = factories.correct_answers(lesson)
    wrong[f"q{lesson.questions.get(position=1).pk}"] = [str(factories.choice_ids(lesson, 1)[0])]
    client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", factories.correct_answers(lesson))
    client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", wrong)  # a later, worse try
    assert "Điểm cao nhất của em: 3/3" in client.get("/bai-hoc/").content.decode()
    # Another pupil's list shows no score of An's.
    assert (
        'data-testid="best-score"' not in client_for("pupil_binh").get("/bai-hoc/").content.decode()
    )


def test_a_pupil_never_sees_another_pupils_result(personas, client_for):
    lesson = _published(personas)
    response = client_for("pupil_an").post(
        f"/bai-hoc/{lesson.slug}/nop-bai/", factories.correct_answers(lesson)
    )
    assert response.status_code == 302
    assert client_for("pupil_binh").get(response["Location"]).status_code == 404
    assert client_for("parent_an").get(response["Location"]).status_code == 404


def test_parents_and_staff_read_the_questions_but_do_not_get_a_quiz_form(personas, client_for):
    lesson = _published(personas)
    for name in ("parent_an", "teacher_5a"):
        html = client_for(name).get(lesson.get_absolute_url()).content.decode()
        assert "Bạn hỏi mật khẩu của em. Em làm gì?" in html
        assert 'data-testid="quiz-form"' not in html


def test_quiz_pages_load_the_phone_friendly_stylesheet(personas, client_for):
    lesson = _published(personas)
    html = client_for("pupil_an").get(lesson.get_absolute_url()).content.decode()
    assert "lessons/lessons.css" in html
    assert 'class="quiz-choice"' in html
    assert " style=" not in html.split('data-testid="quiz-form"')[1].split("</form>")[0]
