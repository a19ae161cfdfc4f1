""" "Bồi dưỡng của tôi" and the administrators' completion grid run a fixed number of
queries, with 2 or 20 modules and 5 or 50 more staff members who completed them."""

import pytest

from accounts.models import Role
from lessons import training

from ..personas import make_user
from . import factories

# Queries every page adds for a staff member on a second request: session and user; the
# badges and audience keys are cached (lib/navcache.py) and the session is not written
# back (portal.middleware.IdleSessionMiddleware).
STAFF_EXTRA = 2
# An administrator's pages on a second request: session and user, like anybody's; the
# review queues and pending deletion requests are cached badges (lib/navcache.py), and
# a superuser asks no permission query.
ADMIN_EXTRA = 2


def _build(personas, n):
    modules = [
        factories.module(
            author=personas.editor, publish_by=personas.editor, title=f"Mô-đun {i}", quiz=i % 2
        )
        for i in range(n)
    ]
    people = [personas.teacher_5a] + [
        make_user(f"gv_{i}", f"Giáo viên {i}", Role.STAFF) for i in range(n * 2 + 1)
    ]
    for module in modules:
        for person in people[:: max(1, len(people) // 5)]:
            if module.questions.exists():
                training.submit_module_quiz(
                    lesson=module, by=person, answers=factories.answers_scoring(module, 3)
                )
            training.confirm_module(lesson=module, by=person)
    return modules


def _count(client, url, count_queries):
    assert client.get(url).status_code == 200
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


# 1 the modules with has_quiz, confirmed_at, passed and best score (subqueries); the
# teacher's permissions are cached (accounts.backends)
MY_TRAINING = 1
# 1 the module, 2 its questions, 3 their choices, 4 the teacher's confirmation,
# 5 whether they passed, 6 their last attempt, 7 the sections (the teacher's
# permissions are cached: accounts.backends)
MODULE = 7
# 1 count of staff (paginator), 2 the page of staff, 3 the modules with has_quiz,
# 4 their confirmations, 5 the passing attempts
GRID = 5
# 1 the module, 2 count of confirmations, 3 the page of confirmations (+ person),
# 4 completed count, 5 pending count, 6 pending staff by name
CONFIRMATIONS = 6


@pytest.mark.parametrize("n", [2, 20])
def test_training_pages_have_a_fixed_number_of_queries(n, personas, client_for, count_queries):
    modules = _build(personas, n)
    teacher, admin = client_for("teacher_5a"), client_for("admin")
    queries = _count(teacher, "/bai-hoc/boi-duong/", count_queries)
    assert queries.count == MY_TRAINING + STAFF_EXTRA, queries.explain()
    html = teacher.get("/bai-hoc/boi-duong/").content.decode()
    assert html.count('data-testid="training-done"') == n
    unconfirmed = factories.module(author=personas.editor, publish_by=personas.editor)
    training.submit_module_quiz(
        lesson=unconfirmed,
        by=personas.teacher_5a,
        answers=factories.answers_scoring(unconfirmed, 1),
    )
    queries = _count(teacher, unconfirmed.get_absolute_url(), count_queries)
    assert queries.count == MODULE + STAFF_EXTRA, queries.explain()
    queries = _count(admin, "/bai-hoc/boi-duong/quan-ly/", count_queries)
    assert queries.count == GRID + ADMIN_EXTRA, queries.explain()
    url = f"/bai-hoc/boi-duong/{modules[-1].slug}/danh-sach/"
    queries = _count(admin, url, count_queries)
    assert queries.count == CONFIRMATIONS + ADMIN_EXTRA, queries.explain()
