"""Every lessons page runs a fixed number of queries, whatever the amount of data: the
lesson list and page, "Bài học của em", a section, sending answers, the teacher's grid
(10 pupils × 5 lessons and 40 × 20) and the parent's page with lessons.

Counted on the second request (the first one may flush batched view counts).
"""

import time

import pytest

from accounts.models import Enrolment, Guardianship, Role, User
from lessons import services
from lessons.models import Attempt, LessonProgress

from . import factories

# Queries every logged-in page adds on a second request: session and user. The badges
# and the audience keys the header menu needs come from the navigation cache the first
# request filled (lib/navcache.py), and an unchanged session is not written back
# (portal.middleware.IdleSessionMiddleware).
LOGGED_IN_EXTRA = 2
# A pupil's lessons badge is in the navigation cache too: nothing more on a second request.
PUPIL_EXTRA = LOGGED_IN_EXTRA


def _answers(lesson, right=True):
    answers = {}
    for q in lesson.questions.all():
        chosen = [c.pk for c in q.choices.all() if c.is_correct is right]
        answers[q.pk] = chosen[:1] if not right else chosen
    return answers


def _build(personas, n):
    lessons = [
        factories.lesson(
            author=personas.teacher_5a, title=f"Bài {i}", sections=3, publish_by=personas.editor
        )
        for i in range(n)
    ]
    for lesson in lessons:
        for _try in range(2):
            services.submit_attempt(
                lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson)
            )
    return lessons[0]


def _count(client, url, count_queries, method="get", data=None, status=200):
    assert getattr(client, method)(url, data).status_code == status
    with count_queries() as queries:
        response = getattr(client, method)(url, data)
    assert response.status_code == status
    return queries


# 1 the pupil's current grades, 2 the lessons with the best score (two subqueries)
LIST = 2
# 1 the pupil's current grades, 2 the lesson (+ author), 3 its sections,
# 4 their worksheets, 5 its questions, 6 their choices, 7 the lesson as given to the
# pupil (assignments), 8 the pupil's progress in it, 9 the pupil's audience keys (the
# assignment gate asks for them; the header menu takes its copy from the cache)
PAGE = 9
# 1 the lesson's assignments for the pupil with their lessons, 2 the pupil's progress rows,
# 3 their stickers with lessons, 4 the class's total of completed lessons (and its name),
# 5 the pupil's audience keys (which assignments are theirs)
MY_LESSONS = 5
# 1 the pupil's current grades, 2 the lesson, 3 its sections, 4 their worksheets, 5 the
# pupil's progress (the section was already read: nothing written)
SECTION = 5


@pytest.mark.parametrize("n", [3, 30])
def test_lesson_pages_have_a_fixed_number_of_queries(n, personas, client_for, count_queries):
    lesson = _build(personas, n)
    client = client_for("pupil_an")
    for url, expected in (
        ("/bai-hoc/", LIST),
        (lesson.get_absolute_url(), PAGE),
        ("/bai-hoc/cua-toi/", MY_LESSONS),
        (f"/bai-hoc/{lesson.slug}/doc/2/", SECTION),
    ):
        queries = _count(client, url, count_queries)
        assert queries.count == expected + PUPIL_EXTRA, (url, queries.explain())


# Sending answers, answered by a redirect (no page, so no badges): 1 session, 2 user,
# 3 the pupil's grades, 4 the lesson, 5 questions, 6 choices (the form), 7 the pupil's
# audience keys, 8 the lesson as given (the view's gate), 9 SAVEPOINT (submit_attempt),
# 10 grades again (services.can_read), 11 exists, 12 questions, 13 choices, 14 INSERT
# attempt, 15 SAVEPOINT (record_attempt), 16 the gate again (the service decides for
# itself), 17 progress FOR UPDATE, 18 UPDATE progress, 19 the sections (complete?),
# 20 RELEASE, 21 RELEASE, 22–24 the session save; with the quiz's double-POST guard
# (lessons.quiz_views: the draft's token looked up, the attempt saved in its own
# savepoint) three more.
SUBMIT = 27


@pytest.mark.parametrize("n", [3, 30])
def test_sending_answers_has_a_fixed_number_of_queries(n, personas, client_for, count_queries):
    lesson = _build(personas, n)
    client = client_for("pupil_an")
    data = factories.correct_answers(lesson)
    queries = _count(
        client, f"/bai-hoc/{lesson.slug}/nop-bai/", count_queries, "post", data, status=302
    )
    assert queries.count == SUBMIT, queries.explain()


def _class_of(personas, pupils: int, lessons: int):
    """Class 5A with `pupils` more pupils and `lessons` lessons given to it, each pupil
    with an attempt (half of them wrong) and a progress row in every lesson."""
    teacher, editor = personas.teacher_5a, personas.editor
    made = [
        factories.lesson(author=teacher, title=f"Bài {i}", publish_by=editor, assign=False)
        for i in range(lessons)
    ]
    for lesson in made:
        factories.give(lesson, by=teacher, audience=f"class:{personas.class_5a.pk}:pupil")
    people = User.objects.bulk_create(
        User(username=f"hs{i}", full_name=f"Trần Văn Em{i}", role=Role.PUPIL) for i in range(pupils)
    )
    Enrolment.objects.bulk_create(
        Enrolment(pupil=p, school_class=personas.class_5a, year=personas.year) for p in people
    )
    answers = {lesson.pk: (_answers(lesson), _answers(lesson, right=False)) for lesson in made}
    attempts = Attempt.objects.bulk_create(
        Attempt(
            pupil=p,
            lesson=lesson,
            score=3 if i % 2 else 0,
            total=3,
            answers={str(q): c for q, c in answers[lesson.pk][i % 2 == 0].items()},
        )
        for i, p in enumerate(people)
        for lesson in made
    )
    LessonProgress.objects.bulk_create(
        LessonProgress(
            pupil_id=a.pupil_id,
            lesson_id=a.lesson_id,
            attempts=1,
            best_score=a.score,
            best_total=3,
            latest_score=a.score,
            latest_total=3,
            latest_attempt=a,
            opened_sections=[],
        )
        for a in attempts
    )
    return made


# Staff pages on a second request: the same as anybody's (session, user, audience
# keys); their badges are cached (lib/navcache.py) and the session is not written.
STAFF_EXTRA = LOGGED_IN_EXTRA
# 1 the class (with its teacher), 2 its pupils, 3 the lessons given to it, 4 the
# pupils' progress, 5 today's reminders, 6 the latest attempts, 7 their questions
# (with lessons), 8 the questions' choices (the teacher's capabilities are cached:
# accounts.backends)
GRID = 8
# A file has no navigation: session, user and the grid's 8 (the session is not written).
EXPORT = 2 + GRID


@pytest.mark.parametrize(("pupils", "lessons"), [(10, 5), (40, 20)])
def test_the_teachers_grid_has_a_fixed_number_of_queries(
    pupils, lessons, personas, client_for, count_queries
):
    _class_of(personas, pupils, lessons)
    client = client_for("teacher_5a")
    url = f"/bai-hoc/lop/{personas.class_5a.pk}/"
    queries = _count(client, url, count_queries)
    assert queries.count == GRID + STAFF_EXTRA, queries.explain()
    started = time.process_time()
    html = client.get(url).content.decode()
    elapsed = time.process_time() - started
    assert html.count('data-testid="grid-row"') == pupils + 1  # and An
    assert elapsed < 2.0, elapsed  # CPU seconds for 40 × 20 on a shared test machine
    for fmt in ("xlsx", "csv"):
        export = _count(client, f"/bai-hoc/lop/{personas.class_5a.pk}/tien-do.{fmt}", count_queries)
        assert export.count == EXPORT, export.explain()


def test_the_parents_page_with_lessons_has_a_fixed_number_of_queries(
    personas, client_for, count_queries
):
    url = "/thong-bao/gia-dinh/"
    client = client_for("parent_an")
    factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)
    small = _count(client, url, count_queries).count
    for i in range(10):
        lesson = factories.lesson(
            author=personas.teacher_5a, title=f"Bài {i}", publish_by=personas.editor
        )
        services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson))
    # A second child, in another class.
    Guardianship.objects.create(parent=personas.parent_an, pupil=personas.pupil_binh)
    big = _count(client, url, count_queries)
    assert big.count == small, big.explain()
    assert big.count > 0
