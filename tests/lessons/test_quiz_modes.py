"""Doing the quiz without JavaScript: one question per screen or all at once, choices kept
on reload, steps moved with buttons, a double submit stored once, tampered pages refused."""

import re

import pytest

from lessons.models import Attempt, QuestionKind

from . import factories


@pytest.fixture
def lesson(personas):
    return factories.kids_lesson(
        author=personas.teacher_5a, publish_by=personas.editor, grades=(3, 5)
    )


@pytest.fixture
def client(client_for):
    return client_for("pupil_an")


def _by_kind(lesson):
    return {q.kind: q for q in lesson.questions.prefetch_related("choices")}


def _step_url(lesson, n):
    return f"/bai-hoc/{lesson.slug}/lam-bai/{n}/"


def _right(lesson, question):
    """POST data answering `question` right, as its inputs send it."""
    return {
        k: v
        for k, v in factories.correct_answers(lesson).items()
        if k == f"q{question.pk}" or k.startswith(f"q{question.pk}_")
    }


def _shown_steps(html, question):
    return [int(i) for i in re.findall(rf'name="q{question.pk}" value="(\d+)"', html)]


# --- one question per screen -------------------------------------------------------------------


def test_one_question_per_screen_checks_explains_and_finishes(personas, client, lesson):
    questions = list(lesson.questions.prefetch_related("choices"))
    page = client.get(_step_url(lesson, 1))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Câu 1 trên 4" in html
    assert questions[0].explanation not in html  # not before answering
    for n, question in enumerate(questions, start=1):
        data = _right(lesson, question) | {"check": "1"}
        response = client.post(_step_url(lesson, n), data)
        assert response.status_code == 302 and response["Location"] == _step_url(lesson, n)
        checked = client.get(_step_url(lesson, n)).content.decode()
        assert "Đúng rồi!</strong> " + question.explanation in checked
    last = client.get(_step_url(lesson, 4)).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', last)[1]
    finished = client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/", {"token": token}, follow=True)
    assert "Em trả lời đúng 4/4 câu." in finished.content.decode()
    assert Attempt.objects.get().score == 4


def test_a_wrong_answer_gets_the_kind_line_and_is_locked(personas, client, lesson):
    true_false = _by_kind(lesson)[QuestionKind.TRUE_FALSE]
    wrong, right = (
        next(c.pk for c in true_false.choices.all() if not c.is_correct),
        next(c.pk for c in true_false.choices.all() if c.is_correct),
    )
    client.post(_step_url(lesson, 4), {f"q{true_false.pk}": wrong, "check": "1"})
    html = client.get(_step_url(lesson, 4)).content.decode()
    assert "Chưa đúng rồi, em xem lại nhé:</strong> " + true_false.explanation in html
    # Changing the answer after seeing the explanation changes nothing.
    client.post(_step_url(lesson, 4), {f"q{true_false.pk}": right, "check": "1"})
    assert "Chưa đúng rồi, em xem lại nhé:" in client.get(_step_url(lesson, 4)).content.decode()
    all_at_once = client.get(lesson.get_absolute_url()).content.decode()
    assert f'name="q{true_false.pk}"' not in all_at_once  # shown locked, with its explanation
    assert true_false.explanation in all_at_once


def test_checking_without_an_answer_says_so_kindly(personas, client, lesson):
    response = client.post(_step_url(lesson, 1), {"check": "1"})
    assert response.status_code == 400
    assert "Em chưa trả lời câu này." in response.content.decode()


def test_finishing_out_of_order_sends_the_pupil_to_the_first_unanswered_question(
    personas, client, lesson
):
    questions = list(lesson.questions.prefetch_related("choices"))
    client.post(_step_url(lesson, 1), _right(lesson, questions[0]) | {"check": "1"})
    response = client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/")
    assert response.status_code == 302 and response["Location"] == _step_url(lesson, 2)
    page = client.get(response["Location"]).content.decode()
    assert "Em còn câu 2 chưa trả lời, em làm nốt nhé." in page
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("number", [0, 5, 99999])
def test_a_question_number_outside_the_quiz_is_a_404(personas, client, lesson, number):
    assert client.get(_step_url(lesson, number)).status_code == 404


def test_htmx_gets_only_the_question_card(personas, client, lesson):
    response = client.get(_step_url(lesson, 2), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="quiz-step"')
    assert "<html" not in html
    assert response["HX-Push-Url"] == _step_url(lesson, 2)
    error = client.post(_step_url(lesson, 2), {"check": "1"}, headers={"HX-Request": "true"})
    assert error.status_code == 200  # htmx swaps only 2xx: the message must show
    assert "Em chưa trả lời câu này." in error.content.decode()


# --- moving steps without JavaScript -------------------------------------------------------------


def test_up_and_down_buttons_move_a_step_and_the_page_keeps_the_order(personas, client, lesson):
    order = _by_kind(lesson)[QuestionKind.ORDER]
    before = _shown_steps(client.get(_step_url(lesson, 2)).content.decode(), order)
    moved = before[1]
    response = client.post(
        _step_url(lesson, 2),
        {f"q{order.pk}": before, "move": f"{order.pk}:{moved}:up"},
    )
    assert response.status_code == 302
    after = _shown_steps(client.get(_step_url(lesson, 2)).content.decode(), order)
    assert after == [before[1], before[0], *before[2:]]
    # The same order on the all-at-once page (the draft is shared).
    assert _shown_steps(client.get(lesson.get_absolute_url()).content.decode(), order) == after


def test_moving_a_step_on_the_all_at_once_page_keeps_the_other_choices(personas, client, lesson):
    kinds = _by_kind(lesson)
    order, true_false = kinds[QuestionKind.ORDER], kinds[QuestionKind.TRUE_FALSE]
    steps = _shown_steps(client.get(lesson.get_absolute_url()).content.decode(), order)
    chosen = next(c.pk for c in true_false.choices.all())
    response = client.post(
        f"/bai-hoc/{lesson.slug}/luu-nhap/",
        {f"q{order.pk}": steps, f"q{true_false.pk}": chosen, "move": f"{order.pk}:{steps[0]}:down"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#cau-2")
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert _shown_steps(html, order) == [steps[1], steps[0], *steps[2:]]
    assert re.search(rf'value="{chosen}" id="q{true_false.pk}_{chosen}" checked', html)


@pytest.mark.parametrize(
    "move", ["abc", "1:2", "{q}:999999:up", "999999:{s}:up", "{q}:{s}:sideways", "{q}:-1:up"]
)
def test_a_tampered_move_is_never_an_error_page(personas, client, lesson, move):
    order = _by_kind(lesson)[QuestionKind.ORDER]
    steps = [c.pk for c in order.choices.all()]
    value = move.format(q=order.pk, s=steps[0])
    response = client.post(
        f"/bai-hoc/{lesson.slug}/luu-nhap/", {f"q{order.pk}": steps, "move": value}
    )
    assert response.status_code in (302, 404)


# --- drafts ------------------------------------------------------------------------------------------


def test_choices_saved_by_htmx_come_back_after_a_reload(personas, client, lesson):
    kinds = _by_kind(lesson)
    pictures, match = kinds[QuestionKind.ONE], kinds[QuestionKind.MATCH]
    green = next(c.pk for c in pictures.choices.all() if c.is_correct)
    pairs = [c.pk for c in match.choices.all()]
    response = client.post(
        f"/bai-hoc/{lesson.slug}/luu-nhap/",
        {f"q{pictures.pk}": green, f"q{match.pk}_2": pairs[0]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert re.search(rf'value="{green}" id="q{pictures.pk}_{green}" checked', html)
    second = re.search(rf'<select[^>]*name="q{match.pk}_2".*?</select>', html, re.S)[0]
    assert re.search(rf'value="{pairs[0]}" selected', second)
    assert not Attempt.objects.exists()  # a draft is not an attempt


def test_a_failed_submit_keeps_the_choices_and_names_what_is_missing(personas, client, lesson):
    match = _by_kind(lesson)[QuestionKind.MATCH]
    data = factories.correct_answers(lesson)
    del data[f"q{match.pk}_3"]
    response = client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Em hãy nối đủ tất cả các tình huống nhé." in html
    first = re.search(rf'<select[^>]*name="q{match.pk}_1".*?</select>', html, re.S)[0]
    assert re.search(rf'value="{data[f"q{match.pk}_1"][0]}" selected', first)
    assert not Attempt.objects.exists()


# --- double submits and tampered pages ---------------------------------------------------------------


def test_the_same_page_sent_twice_is_one_attempt_with_a_clear_message(personas, client, lesson):
    html = client.get(lesson.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    data = factories.correct_answers(lesson) | {"token": token}
    first = client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)
    second = client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data, follow=True)
    assert Attempt.objects.count() == 1
    assert first["Location"] == second.redirect_chain[-1][0]
    assert "Em đã nộp bài này rồi. Đây là kết quả của lần nộp đó." in second.content.decode()
    # A new visit is a new try.
    again = client.get(lesson.get_absolute_url()).content.decode()
    new_token = re.search(r'name="token" value="([^"]+)"', again)[1]
    assert new_token != token
    client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data | {"token": new_token})
    assert Attempt.objects.count() == 2


def test_finishing_twice_is_one_attempt(personas, client, lesson):
    for n, question in enumerate(lesson.questions.prefetch_related("choices"), start=1):
        client.post(_step_url(lesson, n), _right(lesson, question) | {"check": "1"})
    token = re.search(
        r'name="token" value="([^"]+)"', client.get(_step_url(lesson, 4)).content.decode()
    )[1]
    client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/", {"token": token})
    second = client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/", {"token": token}, follow=True)
    assert Attempt.objects.count() == 1
    assert "Em đã nộp bài này rồi." in second.content.decode()


def test_another_pupils_token_finds_nothing_of_theirs(personas, client_for, lesson):
    an = client_for("pupil_an")
    html = an.get(lesson.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    an.post(
        f"/bai-hoc/{lesson.slug}/nop-bai/", factories.correct_answers(lesson) | {"token": token}
    )
    binh_lesson = lesson  # Bình (4B) may read this grades 3–5 lesson too
    response = client_for("pupil_binh").post(
        f"/bai-hoc/{binh_lesson.slug}/nop-bai/",
        factories.correct_answers(lesson) | {"token": token},
    )
    assert response.status_code == 302
    assert Attempt.objects.filter(pupil=personas.pupil_binh).count() == 1


@pytest.mark.parametrize(
    "tamper",
    ["foreign question", "foreign choice", "foreign step", "junk step", "junk pair", "step twice"],
)
def test_tampered_pages_get_a_message_and_store_nothing(personas, client, lesson, tamper):
    other = factories.kids_lesson(
        author=personas.teacher_5a, publish_by=personas.editor, grades=(3, 5), title="Bài khác"
    )
    mine, theirs = _by_kind(lesson), _by_kind(other)
    order, match, pictures = (
        mine[QuestionKind.ORDER], mine[QuestionKind.MATCH], mine[QuestionKind.ONE],
    )  # fmt: skip
    steps = [str(c.pk) for c in order.choices.all()]
    data = factories.correct_answers(lesson)
    data |= {
        "foreign question": {f"q{theirs[QuestionKind.ONE].pk}": ["1"]},
        "foreign choice": {f"q{pictures.pk}": [str(theirs[QuestionKind.ONE].choices.all()[0].pk)]},
        "foreign step": {
            f"q{order.pk}": [*steps[:-1], str(theirs[QuestionKind.ORDER].choices.all()[0].pk)]
        },
        "junk step": {f"q{order.pk}": [*steps[:-1], "1e3"]},
        "junk pair": {f"q{match.pk}_1": ["²"]},
        "step twice": {f"q{order.pk}": [steps[0], *steps[:-1]]},
    }[tamper]
    response = client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Đáp án này không có trong câu hỏi." in html
        or "Bài làm có câu hỏi không thuộc bài học này." in html
        or "Em hãy xếp đủ tất cả các bước nhé." in html
    )
    assert not Attempt.objects.exists()


def test_only_pupils_use_the_quiz_addresses(personas, client_for, lesson):
    for name in ("parent_an", "teacher_5a"):
        client = client_for(name)
        assert client.get(_step_url(lesson, 1)).status_code == 403
        assert client.post(f"/bai-hoc/{lesson.slug}/luu-nhap/").status_code == 403
        assert client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/").status_code == 403


def test_a_teacher_editing_the_quiz_midway_never_leaves_the_pupil_stuck(personas, client, lesson):
    """An answer the edit made stale is asked again; the pupil can still finish."""
    questions = list(lesson.questions.prefetch_related("choices"))
    for n, question in enumerate(questions, start=1):
        client.post(_step_url(lesson, n), _right(lesson, question) | {"check": "1"})
    order = questions[1]
    from lessons import services

    services.update_question(
        question=order, by=personas.editor, text=order.text, explanation=order.explanation,
        choices=[*[(c.text, False) for c in order.choices.all()], ("Một bước mới", False)],
    )  # fmt: skip
    response = client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/")
    assert response["Location"] == _step_url(lesson, 2)
    lesson.refresh_from_db()
    order = lesson.questions.prefetch_related("choices").get(pk=order.pk)
    client.post(_step_url(lesson, 2), _right(lesson, order) | {"check": "1"})
    finished = client.post(f"/bai-hoc/{lesson.slug}/lam-bai/nop/", follow=True)
    assert "Em trả lời đúng 4/4 câu." in finished.content.decode()


def test_two_posts_racing_past_the_first_check_still_make_one_attempt(
    personas, lesson, monkeypatch
):
    """Both requests looked before either stored: the unique token stops the second insert."""
    from lessons import services

    answers = factories.right_answers(lesson)
    first = services.submit_attempt(
        lesson=lesson, pupil=personas.pupil_an, answers=answers, token="t" * 22
    )
    monkeypatch.setattr(services, "_earlier_attempt", lambda pupil, token: None)
    with pytest.raises(services.AlreadySubmitted) as raised:
        services.submit_attempt(
            lesson=lesson, pupil=personas.pupil_an, answers=answers, token="t" * 22
        )
    assert raised.value.attempt == first
    assert Attempt.objects.count() == 1
