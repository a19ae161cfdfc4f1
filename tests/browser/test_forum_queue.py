"""Moderator journeys in Chromium: approving from the queue without a page reload."""

import pytest

from forum import services
from forum.models import Post, PostStatus
from tests.migration_data import restore_migration_data

from ..forum.conftest import build_forum
from ..personas import build_personas

pytestmark = pytest.mark.django_db(transaction=True)
FAVICON_404 = "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"  # fmt: skip


@pytest.fixture
def world(transactional_db):
    """Personas and a forum. A transactional test flushes the rows that migrations wrote
    (capability groups, the starter watched words with their categories), so they are
    put back first."""
    restore_migration_data(
        ("accounts", "0002_capability_groups"),
        ("forum", "0002_starter_watched_words"),
        ("forum", "0005_starter_watched_words_by_category"),
    )
    personas = build_personas()
    return personas, build_forum(personas)


def real_problems(page) -> list[str]:
    """page.problems, minus Chromium's own /favicon.ico request while the portal has none.

    The browser fetches the icon by itself (not a page request), so the console
    404 cannot be told apart by URL; it is dropped only while /favicon.ico is 404.
    """
    if page.request.get("/favicon.ico").status != 404:
        return page.problems
    return [problem for problem in page.problems if problem != FAVICON_404]


def test_moderator_approves_held_post_in_place_with_htmx(world, browser_page, login):
    personas, forum = world
    held = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Bạn ấy là đồ ngu")  # fmt: skip
    other = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Cả lớp đồ ngu hết")  # fmt: skip
    page = login(personas.collaborator.username)
    page.goto("/dien-dan/hang-doi/")
    badge = page.locator("[data-testid=forum-queue-count]")
    assert badge.inner_text() == "2"
    page.evaluate("window.stillTheSamePage = true")
    item = page.locator(f"#queue-item-{held.pk}")
    item.get_by_role("button", name="Duyệt").click()
    page.locator(f"#queue-item-{held.pk}[data-testid=queue-done]").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True  # no reload happened
    assert badge.inner_text() == "1"  # the navigation count followed
    assert page.locator(f"#queue-item-{other.pk}").is_visible()
    assert Post.objects.get(pk=held.pk).status == PostStatus.PUBLISHED
    # A rejection without a reason is refused in place, and the item stays.
    page.locator(f"#queue-item-{other.pk}").get_by_role("button", name="Từ chối").click()
    page.locator(f"#queue-item-{other.pk} .alert-danger").wait_for()
    assert "Hãy ghi lý do" in page.locator(f"#queue-item-{other.pk}").inner_text()
    assert Post.objects.get(pk=other.pk).status == PostStatus.HELD
    assert real_problems(page) == []


def test_pupil_topic_page_fits_a_phone_and_keeps_refused_text(world, browser_page, login):
    personas, forum = world
    page = login(personas.pupil_an.username)
    page.goto(forum.topic_5a.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("textarea[name=body]", "what the f.u.c.k")
    page.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_load_state("networkidle")
    assert "từ ngữ không được phép" in page.content()
    assert page.input_value("textarea[name=body]") == "what the f.u.c.k"
    assert real_problems(page) == []


def test_board_settings_fit_a_phone_and_explain_a_bad_grade_range(world, browser_page, login):
    personas, forum = world
    page = login(personas.collaborator.username)
    page.goto("/dien-dan/quan-ly-chuyen-muc/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name=f"Sửa {forum.grade5.name}").click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("input[name=start_min_grade]", "9")
    page.fill("input[name=start_max_grade]", "6")
    page.fill("input[name=description]", "Dành cho khối 5")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state("networkidle")
    assert "Khối kết thúc phải lớn hơn hoặc bằng khối bắt đầu." in page.content()
    assert page.input_value("input[name=description]") == "Dành cho khối 5"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert real_problems(page) == []
