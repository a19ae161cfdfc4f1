"""A child at risk, in Chromium: the pupil sees the helpline, the teacher's bell rings."""

import pytest

from forum.models import Case, Post, PostStatus

from .test_forum_queue import real_problems, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_pupil_who_does_not_want_to_live_sees_the_helpline_and_the_teacher_is_told(
    world,  # noqa: F811
    browser_page,
    login,
):
    personas, forum = world
    page = login(personas.pupil_an.username)
    page.goto(forum.topic_5a.get_absolute_url())
    page.fill("textarea[name=body]", "em không muốn sống nữa")
    page.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_load_state("networkidle")
    message = page.locator("[data-testid=support-message]")
    assert "111 (Tổng đài quốc gia bảo vệ trẻ em, miễn phí, 24/7)" in message.inner_text()
    assert "hãy nói ngay với thầy cô hoặc bố mẹ" in message.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # fits a phone
    post = Post.objects.get(body="em không muốn sống nữa")
    assert post.status == PostStatus.HELD
    case = Case.objects.get(author=personas.pupil_an)
    assert case.assigned_to == personas.teacher_5a

    page.context.clear_cookies()
    login(personas.teacher_5a.username)
    page.goto("/")
    # On a phone the bell and its count show without opening the menu.
    assert page.locator("[data-testid=phone-notification-count]").is_visible()
    assert page.locator("[data-testid=phone-notification-count]").inner_text() == "1"
    page.goto("/thong-bao-ca-nhan/")
    alert = page.locator("[data-testid=notification]").first
    assert "Cần quan tâm ngay" in alert.inner_text() and "Nguyễn Văn An" in alert.inner_text()
    alert.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(case.get_absolute_url())
    assert "em không muốn sống nữa" in page.locator("main").inner_text()
    assert real_problems(page) == []
