"""The quiz pages and submitting run a fixed number of queries, with 4 or 16 questions
(and with other lessons and attempts around). Counted after a first request."""

import re

import pytest

from lessons import services

from . import factories
from .test_query_counts import LOGGED_IN_EXTRA


def _build(personas, sets):
    """A lesson with 4 × `sets` questions of every kind, and `sets` other lessons tried twice."""
    lesson = factories.kids_lesson(author=personas.teacher_5a, grades=(3, 5))
    for i in range(sets - 1):
        extra = factories.kids_lesson(author=personas.teacher_5a, grades=(3, 5), title=f"Phần {i}")
        extra.questions.update(lesson=lesson, position=10 + i)
    services.submit_lesson(lesson=lesson, by=personas.teacher_5a)
    services.publish_lesson(lesson=lesson, by=personas.editor)
    factories.give(lesson, by=personas.editor)
    for i in range(sets):
        other = factories.lesson(
            author=personas.teacher_5a, title=f"Bài {i}", publish_by=personas.editor
        )
        for _try in range(2):
            services.submit_attempt(
                lesson=other, pupil=personas.pupil_an, answers=factories.right_answers(other)
            )
    return lesson


# The lesson page with its quiz: 1 the pupil's grades, 2 the lesson (+ author),
# 3 its questions, 4 their choices, 5 its sections, 6 their worksheets (the draft is
# in the session, rewritten only when it changed), 7 the lesson as given, 8 their
# progress, 9 the pupil's audience keys (the assignment gate). The to-do badge is in
# the navigation cache (lib/navcache.py).
PAGE = 9
# One question per screen: the same minus the sections.
STEP = 4  # grades, lesson, questions, choices
# A redirect renders no page: only the session, the user and the session's save
# (SAVEPOINT, UPDATE, RELEASE) come with it.
REDIRECT_EXTRA = 5
# Checking one answer (POST): 1 grades, 2 lesson, 3 questions, 4 choices; then a redirect.
CHECK = 4
# Submitting the page: 1 grades, 2 lesson, 3 questions, 4 choices (view); the service's
# 5 savepoint, 6 grades + 7 "may read" (can_read), 8 an attempt with this token already,
# 9 questions, 10 choices (it reads them itself), 11 savepoint, 12 insert, 13 release
# (a racing double POST ends there), 14 release; then the assignment gate in the view
# (audience keys, the lesson as given) and lessons.progress.record_attempt (savepoint,
# the gate again, progress FOR UPDATE, update, the sections, release, the sticker
# check, release): 25.
SUBMIT = 25


@pytest.mark.parametrize("sets", [1, 4])
def test_quiz_pages_and_submitting_have_a_fixed_number_of_queries(
    sets, personas, client_for, count_queries
):
    lesson = _build(personas, sets)
    assert lesson.questions.count() == 4 * sets
    client = client_for("pupil_an")
    for url, expected in (
        (lesson.get_absolute_url(), PAGE),
        (f"/bai-hoc/{lesson.slug}/lam-bai/2/", STEP),
    ):
        client.get(url)
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        assert queries.count == expected + LOGGED_IN_EXTRA, queries.explain()

    first = lesson.questions.prefetch_related("choices").first()
    right = {k: v for k, v in factories.correct_answers(lesson).items() if k == f"q{first.pk}"}
    with count_queries() as queries:
        response = client.post(f"/bai-hoc/{lesson.slug}/lam-bai/1/", right | {"check": "1"})
    assert response.status_code == 302
    assert queries.count == CHECK + REDIRECT_EXTRA, queries.explain()

    html = client.get(lesson.get_absolute_url()).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)[1]
    data = factories.correct_answers(lesson) | {"token": token}
    with count_queries() as queries:
        response = client.post(f"/bai-hoc/{lesson.slug}/nop-bai/", data)
    assert response.status_code == 302
    assert queries.count == SUBMIT + REDIRECT_EXTRA, queries.explain()
