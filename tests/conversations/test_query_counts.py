"""The conversation page, the class list and the parent's page run a fixed number of
queries with few or many messages, conversations and notes.

Counted on the second request. Every logged-in page adds LOGGED_IN_EXTRA: session,
user, the reader's audience keys (the header menu's). The badges come from the
navigation cache the first request filled (lib/navcache.py) and the session is not
written back (portal.middleware.IdleSessionMiddleware).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from conversations import services

from . import factories

# Session and user; badges and the menu's audience keys come from lib/navcache.py.
LOGGED_IN_EXTRA = 2
# A teacher's permissions come from the permission cache and the forum's moderation
# badge from the navigation cache: nothing more.
STAFF_EXTRA = LOGGED_IN_EXTRA

# 1 the conversation (+ pupil, class, teacher, starter) among the person's own,
# 2 the read state's UPDATE (mark_read), 3 the reviews, 4 the office hours (family
# side only: when to expect an answer), 5 the messages (+ authors), 6 their attachments
CONVERSATION_PAGE = 6
# 1 the class (+ teacher, year), 2 today's absences (+ pupil, sender, acknowledger),
# 3 the notes waiting for "Đã nhận", 4 the page count, 5 the conversations with
# unread counts, 6 the class's pupils
CLASS_PAGE = 6


def _build(personas, n):
    conversation = factories.conversation(personas, files=[factories.text_file()])
    for i in range(n):
        services.post_message(
            by=personas.teacher_5a, conversation=conversation, body=f"Trả lời {i}",
            files=[factories.text_file(f"t{i}.txt")],
        )  # fmt: skip
        services.post_message(by=personas.parent_an, conversation=conversation, body=f"Hỏi {i}")
    for i in range(n):
        factories.conversation(personas, subject=f"Chủ đề {i}")
    today = timezone.localdate()
    for i in range(n):
        factories.absence(personas, starts_on=today - timedelta(days=i % 3))
    return conversation


def _count(client, url, count_queries):
    assert client.get(url).status_code == 200
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


@pytest.mark.parametrize("n", [2, 20])
def test_pages_have_a_fixed_number_of_queries(n, personas, client_for, count_queries):
    conversation = _build(personas, n)
    parent, teacher = client_for("parent_an"), client_for("teacher_5a")
    pages = [
        (parent, conversation.get_absolute_url(), CONVERSATION_PAGE + LOGGED_IN_EXTRA),
        # The teacher's side needs no office hours.
        (teacher, conversation.get_absolute_url(), CONVERSATION_PAGE - 1 + STAFF_EXTRA),
        (teacher, f"/tin-nhan/lop/{personas.class_5a.pk}/", CLASS_PAGE + STAFF_EXTRA),
    ]
    for client, url, expected in pages:
        queries = _count(client, url, count_queries)
        assert queries.count == expected, (url, queries.explain())


@pytest.mark.parametrize("n", [2, 20])
def test_the_parents_page_does_not_grow_with_conversations_and_notes(
    n, personas, client_for, count_queries
):
    _build(personas, n)
    queries = _count(client_for("parent_an"), "/thong-bao/gia-dinh/", count_queries)
    # 1 session, 2 user, 3 guardianships, 4 enrolments, 5 audience keys, 6 unread
    # announcements (none: their audiences are not fetched), 7-8 the forum record,
    # 9 the conversations with unread counts, 10 the absence notes, 11-12 the lessons
    # given to the children (assignments, progress), 13 open cases, 14 open forms
    # (none here); the badges from the navigation cache, the session not written back.
    assert queries.count == 14, queries.explain()
