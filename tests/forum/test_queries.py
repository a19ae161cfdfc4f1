"""Query counts per page are fixed by the page, not by the amount of data (N and 10×N rows)."""

import pytest
from django.utils import timezone

from forum import services
from forum.models import Board, Post, PostStatus, Report, Topic

pytestmark = pytest.mark.django_db


def fill_topic(topic: Topic, authors: list, count: int) -> None:
    """Bulk-add `count` published posts after the existing ones (fast; counters kept right)."""
    start = topic.last_position
    now = timezone.now()
    Post.objects.bulk_create(
        Post(
            topic=topic, position=start + n, author=authors[n % len(authors)],
            body=f"Trả lời {n}", body_html=f"<p>Trả lời {n}</p>", created_at=now,
        )
        for n in range(1, count + 1)
    )  # fmt: skip
    Topic.objects.filter(pk=topic.pk).update(
        last_position=start + count, post_count=topic.post_count + count, last_post_at=now
    )
    topic.refresh_from_db()


def fill_board(board: Board, author, count: int) -> None:
    now = timezone.now()
    topics = Topic.objects.bulk_create(
        Topic(
            board=board,
            title=f"Chủ đề {n}",
            author=author,
            last_post_at=now,
            last_poster=author,
            post_count=1,
            last_position=1,
        )  # fmt: skip
        for n in range(count)
    )
    Post.objects.bulk_create(
        Post(topic=t, position=1, author=author, body="x", body_html="<p>x</p>") for t in topics
    )


def fill_queue(forum, personas, count: int) -> None:
    topic = forum.topic_5a
    start = topic.last_position
    posts = Post.objects.bulk_create(
        Post(
            topic=topic, position=start + n, author=personas.pupil_an if n % 2 else personas.pupil_binh,
            body=f"Chờ {n}", body_html=f"<p>Chờ {n}</p>", status=PostStatus.HELD, queued_at=timezone.now(),
        )
        for n in range(1, count + 1)
    )  # fmt: skip
    Topic.objects.filter(pk=topic.pk).update(last_position=start + count)
    Report.objects.bulk_create(
        Report(post=post, reporter=personas.teacher_5a, reason="spam") for post in posts
    )


def count_page(client, path: str, count_queries) -> tuple[int, str]:
    with count_queries() as queries:
        response = client.get(path)
    assert response.status_code == 200
    return queries.count, queries.explain()


# Every logged-in page costs: the session, the user, the notification badge = 3 (the
# session is not written back: portal.middleware.IdleSessionMiddleware; the badges are
# counted here because each test's first page finds the navigation cache empty).
# Reading pages add the active-sanctions check (suspension) and the audience keys.
# The announcements app's badge adds its unread COUNT on every page (and the audience
# keys on pages that did not need them already): "+ announcements" below.
# A pupil's pages also count the lessons given to them and not done yet (the lessons
# badge, one query): "+ lessons" below.


@pytest.mark.parametrize("size", [10, 100])
def test_board_list_queries(personas, forum, client_for, count_queries, size):
    for n in range(size):
        Board.objects.create(name=f"Khối 5 — {n}", slug=f"k5-{n}", audience="grade:5")
    count, explain = count_page(client_for("pupil_an"), "/dien-dan/", count_queries)
    # 3 common + sanctions, audience keys, boards + announcements unread count + lessons
    # not done yet (the pupil's lessons badge)
    assert count == 8, explain


@pytest.mark.parametrize("size", [30, 300])
def test_board_page_queries(personas, forum, client_for, count_queries, size):
    fill_board(forum.school, personas.pupil_binh, size)
    count, explain = count_page(
        client_for("pupil_an"), forum.school.get_absolute_url(), count_queries
    )
    # 3 common + sanctions, audience keys, board, topic count (paginator), topics with
    # author and last poster, board subscription + announcements unread count + lessons
    # not done yet (the pupil's lessons badge)
    assert count == 11, explain


@pytest.mark.parametrize("size", [100, 1000])
def test_topic_first_and_last_page_queries(personas, forum, client_for, count_queries, size):
    fill_topic(forum.topic_school, [personas.pupil_an, personas.pupil_binh], size - 1)
    assert forum.topic_school.last_position == size
    client = client_for("pupil_an")
    last = forum.topic_school.page_count
    first_count, explain = count_page(client, forum.topic_school.get_absolute_url(), count_queries)
    # 3 common + sanctions, audience keys, topic with board and author, posts of the page
    # with authors (a position range: same cost at any depth), topic subscription
    # + announcements unread count + lessons not done yet (the pupil's lessons badge)
    assert first_count == 10, explain
    last_count, explain = count_page(client, f"{forum.topic_school.get_absolute_url()}?page={last}", count_queries)  # fmt: skip
    # the same, less the three badges: the first page left them in the navigation cache
    assert last_count == 7, explain
    html = client.get(f"{forum.topic_school.get_absolute_url()}?page={last}").content.decode()
    assert f"Trả lời {size - 1}<" in html


@pytest.mark.parametrize("size", [5, 50])
def test_topic_page_for_moderator_queries(personas, forum, client_for, count_queries, size):
    fill_topic(forum.topic_5a, [personas.pupil_an], size)
    count, explain = count_page(client_for("teacher_5a"), forum.topic_5a.get_absolute_url(), count_queries)  # fmt: skip
    # 3 common + sanctions, audience keys, topic, user and group permissions (can_moderate),
    # "moderates this board", posts, subscription, other boards (move menu), forum queue badge
    # + announcements unread count
    assert count == 14, explain


@pytest.mark.parametrize("size", [4, 40])
def test_review_queue_queries(personas, forum, client_for, count_queries, size):
    fill_queue(forum, personas, size)
    count, explain = count_page(client_for("collaborator"), "/dien-dan/hang-doi/", count_queries)
    # 3 common + user and group permissions (can_moderate), queue count (paginator), queue
    # page with topic, board and author, authors' post history, authors' sanctions, open
    # reports with reporters, what screening found in the posts, pending appeals, forum
    # queue badge
    # + announcements: audience keys, unread count
    assert count == 15, explain


@pytest.mark.parametrize("size", [3, 30])
def test_case_list_queries(personas, client_for, count_queries, size):
    for n in range(size):
        services.open_case(author=personas.pupil_an, kind="question", category="study", title=f"Câu hỏi {n}", body="Nội dung", hidden_from_guardians=False)  # fmt: skip
    count, explain = count_page(client_for("parent_an"), "/dien-dan/hoi-dap/", count_queries)
    # 3 common + case count (paginator), cases with author and assignee
    # + announcements: audience keys, unread count
    assert count == 7, explain


@pytest.mark.parametrize("size", [10, 100])
def test_board_settings_list_queries(personas, forum, client_for, count_queries, size):
    for n in range(size):
        Board.objects.create(name=f"Lớp 5A — {n}", slug=f"l5a-{n}", audience=f"class:{personas.class_5a.pk}:parent")  # fmt: skip
    count, explain = count_page(client_for("collaborator"), "/dien-dan/quan-ly-chuyen-muc/", count_queries)  # fmt: skip
    # 3 common + user and group permissions (can_moderate), boards, names of the classes
    # the audiences mention (one query for all boards), forum queue badge
    # + announcements: audience keys, unread count
    assert count == 10, explain
