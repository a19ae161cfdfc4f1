"""Grading stays cheap: 1,000 submissions of a 6-question quiz (every kind), in CPU time.

Measured on the project machine (Python 3.13): about the figure printed with -s;
the bound below is several times that, so that only a real slowdown (a query per
question, a quadratic rule) fails it.
"""

import time

from django.http import QueryDict

from lessons import grading, quiz, selectors, services
from lessons.models import QuestionKind

from . import factories

SUBMISSIONS = 1000
BOUND_MS_PER_SUBMISSION = 1.0


def test_reading_and_grading_a_six_question_quiz_is_cheap(personas, django_assert_num_queries):
    lesson = factories.kids_lesson(author=personas.teacher_5a, grades=(3, 5))
    services.add_question(lesson=lesson, by=personas.teacher_5a, kind=QuestionKind.SEVERAL,
                          text="Ai?", explanation="Vì", choices=[("A", True), ("B", True), ("C", False)])  # fmt: skip
    services.add_question(lesson=lesson, by=personas.teacher_5a, kind=QuestionKind.ORDER,
                          text="Xếp", explanation="Vì", choices=[(str(i), False) for i in range(6)])  # fmt: skip
    questions = selectors.quiz_questions(lesson)
    assert len(questions) == 6
    post = QueryDict(mutable=True)
    for key, values in factories.correct_answers(lesson).items():
        post.setlist(key, values)
    draft = quiz.Draft(token="t" * 22, seed=7)

    with django_assert_num_queries(0):  # everything is prefetched: no query per submission
        started = time.process_time()
        for _ in range(SUBMISSIONS):
            reading = quiz.read_page(questions, post, draft)
            _answers, score = grading.grade(questions, reading.answers)
        elapsed = time.process_time() - started
        started_grading = time.process_time()
        for _ in range(SUBMISSIONS):
            grading.grade(questions, reading.answers)
        grading_only = time.process_time() - started_grading
    assert score == 6
    print(f"\ngrade only: {grading_only * 1000 / SUBMISSIONS:.3f} ms CPU per submission")
    per_submission_ms = elapsed * 1000 / SUBMISSIONS
    print(f"\nread + grade, 6 questions: {per_submission_ms:.3f} ms CPU per submission")
    assert per_submission_ms < BOUND_MS_PER_SUBMISSION
