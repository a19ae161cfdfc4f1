"""One search over everything a person may read: pages, announcements, forum topics, news."""

import re

import pytest
from django.utils import timezone

from announcements.services import publish_announcement
from forum import services as forum_services
from forum.models import Board
from portal import search
from portal.models import Event, Page

from ..forum.conftest import build_forum
from ..lessons import factories as lesson_factories
from ..news import factories

URL = "/tim-kiem/"


@pytest.fixture
def world(personas):
    forum = build_forum(personas)  # 5A's board holds the topic "Lịch trực nhật tuần này"
    notice_5a = publish_announcement(
        by=personas.teacher_5a,
        title="Họp phụ huynh lớp 5A: trực nhật cuối năm",
        body="<p>Mời các gia đình đến họp.</p>",
        keys=[f"class:{personas.class_5a.pk}:parent"],
    )
    Page.objects.create(
        title="Nội quy trực nhật",
        slug="noi-quy",
        body="<p>Các lớp trực nhật theo lịch tuần.</p>",
    )
    Page.objects.create(title="Nháp trực nhật", slug="nhap", body="<p>x</p>", is_published=False)
    return forum, notice_5a


def groups(html: str) -> dict[str, str]:
    """The HTML of each result group on the page, by kind."""
    parts = re.split(r'<section class="[^"]*search-group" data-kind="', html)[1:]
    return {part.split('"', 1)[0]: part for part in parts}


def find(client, query: str) -> dict[str, str]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return groups(response.content.decode())


@pytest.mark.parametrize("query", ["Lịch trực nhật", "lich truc nhat", "LICH TRUC NHAT"])
def test_pupil_finds_their_class_topic_with_or_without_diacritics(world, client_for, query):
    forum, _notice = world
    found = find(client_for("pupil_an"), query)
    assert f'href="/dien-dan/chu-de/{forum.topic_5a.pk}/"' in found["topic"]
    assert "<mark>Lịch</mark> <mark>trực</mark> <mark>nhật</mark> tuần này" in found["topic"]


def test_topics_come_from_readable_boards_only(world, client_for):
    forum, _notice = world
    topic_url = f"/dien-dan/chu-de/{forum.topic_5a.pk}/"
    for name in ("pupil_an", "teacher_5a", "collaborator", "admin"):
        assert topic_url in find(client_for(name), "truc nhat").get("topic", ""), name
    # A class board is the pupils' own unless opened to parents.
    for name in ("pupil_binh", "parent_an", "other_parent", "other_teacher"):
        assert topic_url not in find(client_for(name), "truc nhat").get("topic", ""), name


def test_parent_of_another_class_never_sees_5a(world, client_for):
    html = client_for("other_parent").get(URL, {"q": "truc nhat"}).content.decode()
    assert "Lịch trực nhật tuần này" not in html
    assert "Họp phụ huynh lớp 5A" not in html


def test_visitor_never_gets_forum_or_announcement_results(world, client_for):
    found = find(client_for("anonymous"), "truc nhat")
    assert "topic" not in found and "announcement" not in found
    assert "Nội quy" in found["page"]  # the public page still is found


def test_announcements_reach_only_the_people_they_are_addressed_to(world, client_for):
    _forum, notice = world
    url = f"/thong-bao/{notice.pk}/"
    assert url in find(client_for("parent_an"), "hop phu huynh")["announcement"]
    for name in ("pupil_binh", "other_parent", "anonymous"):
        assert "announcement" not in find(client_for(name), "hop phu huynh"), name


def test_hidden_topics_and_unpublished_pages_are_not_found(world, client_for, personas):
    forum, _notice = world
    forum_services.moderate_topic(
        topic=forum.topic_5a, moderator=personas.collaborator, action="hide", reason="Trùng"
    )
    found = find(client_for("pupil_an"), "truc nhat")
    assert "Lịch trực nhật tuần này" not in found.get("topic", "")
    assert "Nháp" not in found["page"]


def test_results_are_grouped_with_counts(world, client_for, personas):
    forum, _notice = world
    Board.objects.filter(pk=forum.class_5a.pk).update(open_to_parents=True)
    factories.article(
        author=personas.teacher_5a, title="Phân công trực nhật", publish_by=personas.editor
    )
    response = client_for("parent_an").get(URL, {"q": "truc nhat"})
    html = response.content.decode()
    found = groups(html)
    assert list(found) == ["page", "announcement", "topic", "news"]
    assert "Trang thông tin" in found["page"] and "Diễn đàn" in found["topic"]
    assert "Tin bài và văn bản" in found["news"]
    assert "4 kết quả" in html


@pytest.mark.parametrize("query", ["", "   ", "!!!", "?;,.", "\x00"])
def test_empty_or_punctuation_only_queries_show_nothing_and_never_fail(world, client, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert not groups(response.content.decode()).get("topic")


def test_a_5000_character_query_gets_a_clear_message_and_keeps_nothing_hidden(world, client_for):
    response = client_for("pupil_an").get(URL, {"q": "trực nhật " * 500})
    html = response.content.decode()
    assert response.status_code == 200
    assert "tối đa 100 kí tự" in html
    assert not groups(html)


def test_only_the_newest_candidates_of_a_kind_are_searched(
    world, client_for, personas, monkeypatch
):
    monkeypatch.setattr(search, "CANDIDATES", {**search.CANDIDATES, "topic": 5})
    board = Board.objects.get(school_class=personas.class_5a)
    for i in range(12):
        forum_services.create_topic(
            board=board, author=personas.teacher_5a, title=f"Trực nhật tổ {i}", body="x"
        )
    html = client_for("pupil_an").get(URL, {"q": "truc nhat"}).content.decode()
    topic_group = groups(html)["topic"]
    assert "tổ 11<" in topic_group and "tổ 7<" in topic_group and "tổ 6<" not in topic_group
    assert topic_group.count("<li") == 5


def test_a_group_with_more_than_ten_matches_says_so(world, client_for, personas):
    board = Board.objects.get(school_class=personas.class_5a)
    for i in range(12):
        forum_services.create_topic(
            board=board, author=personas.teacher_5a, title=f"Trực nhật tổ {i}", body="x"
        )
    html = client_for("pupil_an").get(URL, {"q": "truc nhat"}).content.decode()
    topic_group = groups(html)["topic"]
    assert topic_group.count("<li") == 10
    assert ">13<" in topic_group and "Hiện 10 kết quả đầu tiên" in topic_group


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        # 1 pages, 2 calendar events, 3 COUNT of the news union, 4 its page of rows,
        # 5 its articles
        ("anonymous", 5),
        # + session, user, audience keys (children's classes): 3 (the badges come
        # from the navigation cache the warm-up page filled, the session is not
        # written back); then + announcements addressed to them, + topics of
        # readable boards, + the grades of their children's classes and the
        # lessons given to them
        ("parent_an", 5 + 3 + 4),
    ],
)
def test_search_query_count_does_not_grow_with_data(
    persona, expected, world, personas, client_for, count_queries
):
    client = client_for(persona)
    board = Board.objects.get(school_class=personas.class_5a)
    Board.objects.filter(pk=board.pk).update(open_to_parents=True)  # results in every group

    def measure(n):
        for i in range(n):
            forum_services.create_topic(
                board=board, author=personas.teacher_5a, title=f"Trực nhật {i}", body="x"
            )
            publish_announcement(
                by=personas.teacher_5a,
                title=f"Trực nhật {i}",
                body="<p>x</p>",
                keys=[f"class:{personas.class_5a.pk}:parent"],
            )
            Page.objects.create(title=f"Trực nhật {i}", slug=f"t-{i}-{n}", body="<p>x</p>")
            Event.objects.create(title=f"Trực nhật {i}", starts_at=timezone.now())
        lesson_factories.lesson(
            author=personas.teacher_5a,
            title=f"Trực nhật {n}",
            publish_by=personas.editor,
            quiz=False,
        )
        factories.bulk_articles(
            n, author=personas.teacher_5a, in_category=factories.category(), start=n
        )
        factories.article(
            author=personas.teacher_5a, title=f"Trực nhật bài {n}", publish_by=personas.editor
        )
        client.get(URL, {"q": "truc nhat"})
        with count_queries() as queries:
            response = client.get(URL, {"q": "truc nhat"})
        kinds = (
            ["page", "event", "news"]
            if persona == "anonymous"
            else ["page", "event", "announcement", "topic", "lesson", "news"]
        )
        assert list(groups(response.content.decode())) == kinds
        return queries

    small, large = measure(2), measure(20)
    assert small.count == large.count == expected, large.explain()
