"""The lesson list and the lesson page run a fixed number of queries, with 3 or 30 lessons.

Counted on the second request (the first one may flush batched view counts).
"""

import pytest

from lessons import services

from . import factories

# Queries every logged-in page adds on a second request: session, user. The
# badges come from the navigation cache the first request filled, and the
# session is not written back (portal.middleware.IdleSessionMiddleware).
LOGGED_IN_EXTRA = 2


def _build(personas, n):
    lessons = [
        factories.lesson(
            author=personas.teacher_5a, title=f"Bài {i}", sections=3, publish_by=personas.editor
        )
        for i in range(n)
    ]
    for lesson in lessons:
        answers = {
            q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in lesson.questions.all()
        }
        for _try in range(2):
            services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=answers)
    return lessons[0]


def _count(client, url, count_queries):
    assert client.get(url).status_code == 200
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


# 1 the pupil's current grades, 2 the lessons with the best score (two subqueries)
LIST = 2
# 1 the pupil's current grades, 2 the lesson (+ author), 3 its sections,
# 4 its questions, 5 their choices
PAGE = 5


@pytest.mark.parametrize("n", [3, 30])
def test_lesson_pages_have_a_fixed_number_of_queries(n, personas, client_for, count_queries):
    lesson = _build(personas, n)
    client = client_for("pupil_an")
    for url, expected in (("/bai-hoc/", LIST), (lesson.get_absolute_url(), PAGE)):
        queries = _count(client, url, count_queries)
        assert queries.count == expected + LOGGED_IN_EXTRA, queries.explain()
