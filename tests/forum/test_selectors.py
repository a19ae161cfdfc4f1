"""What other parts of the portal read from the forum: family summary, nav counts, class boards."""

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import SchoolClass
from forum import selectors, services
from forum.models import Board

pytestmark = pytest.mark.django_db


def test_child_moderation_summary_in_two_queries_for_any_number_of_children(personas, forum, django_assert_num_queries):  # fmt: skip
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    hidden = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bài sẽ ẩn")  # fmt: skip
    services.decide_post(
        post=hidden, moderator=personas.teacher_5a, decision="hide", reason="Lạc đề"
    )
    services.issue_sanction(user=personas.pupil_binh, kind="warning", reason="Nói tục", by=personas.collaborator)  # fmt: skip
    with django_assert_num_queries(2):
        summary = selectors.child_moderation_summary([personas.pupil_an.pk, personas.pupil_binh.pk])
    an = summary[personas.pupil_an.pk]
    assert {item["status"] for item in an} == {"held", "hidden"}
    assert any(item["reason"] == "Lạc đề" for item in an)
    assert post.pk in {item.get("post_id") for item in an}
    binh = summary[personas.pupil_binh.pk]
    assert binh[0]["type"] == "sanction" and binh[0]["reason"] == "Nói tục"


def test_navigation_counts_cost_nothing_for_pupils(personas, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = personas.pupil_an
    with django_assert_num_queries(0):
        assert selectors.navigation_counts(request) == {}


def test_navigation_counts_one_query_for_homeroom_teacher(
    personas, forum, django_assert_num_queries
):
    request = RequestFactory().get("/")
    request.user = personas.teacher_5a
    personas.teacher_5a.can_moderate  # noqa: B018 - Django's permission cache, loaded once per request
    with django_assert_num_queries(1):
        assert selectors.navigation_counts(request) == {"forum_queue": 0}


def test_home_section_is_none_for_visitors():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert selectors.home_section(request) is None


def test_ensure_class_boards_is_idempotent_and_follows_homeroom_teacher(personas):
    assert services.ensure_class_boards(year=personas.year) == 2
    assert services.ensure_class_boards(year=personas.year) == 0
    board = Board.objects.get(school_class=personas.class_5a)
    assert list(board.moderators.all()) == [personas.teacher_5a]
    assert board.audience == f"class:{personas.class_5a.pk}"
    SchoolClass.objects.filter(pk=personas.class_5a.pk).update(homeroom_teacher=personas.other_teacher)  # fmt: skip
    services.ensure_class_boards(year=personas.year)
    assert list(board.moderators.all()) == [personas.other_teacher]


def test_new_class_gets_its_board_from_the_command(personas):
    SchoolClass.objects.create(year=personas.year, grade=1, name="1C", homeroom_teacher=personas.editor)  # fmt: skip
    call_command("ensure_class_boards")
    assert Board.objects.filter(school_class__name="1C", moderators=personas.editor).exists()


def test_personal_data_export_holds_posts_cases_and_sanctions(personas, forum):
    services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bài của An")  # fmt: skip
    services.issue_sanction(user=personas.pupil_an, kind="warning", reason="Nhắc", by=personas.collaborator)  # fmt: skip
    services.open_case(author=personas.pupil_an, kind="question", category="study", title="Hỏi bài", body="Nội dung hỏi", hidden_from_guardians=False)  # fmt: skip
    data = selectors.personal_data(personas.pupil_an)
    assert data["posts"][0]["text"] == "Bài của An"
    assert data["sanctions"][0]["reason"] == "Nhắc"
    assert data["cases"][0]["messages"][0]["text"] == "Nội dung hỏi"
    binh = selectors.personal_data(personas.pupil_binh)
    assert [post["text"] for post in binh["posts"]] == ["Lớp nào thi kéo co?"]
    assert binh["sanctions"] == [] and binh["cases"] == []
