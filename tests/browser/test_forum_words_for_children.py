"""The forum on a pupil's phone: buttons instead of Markdown hints, a clear 'Đã đăng',
the 111 line on a bullying question, a banner instead of a form when muted."""

import pytest

from forum import services
from forum.models import Post

from .test_forum_queue import real_problems, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pupil_formats_with_buttons_and_is_told_the_reply_is_up(
    world,  # noqa: F811
    browser_page,
    login,
):
    personas, forum = world
    page = login(personas.pupil_an.username)
    page.goto(forum.topic_5a.get_absolute_url())
    assert "**" not in page.locator("main").inner_text()  # no Markdown hints
    box = page.locator("textarea[name=body]")
    box.fill("Cả lớp nhớ mang mũ")
    box.evaluate("area => area.setSelectionRange(11, 18)")  # "mang mũ"
    page.get_by_role("button", name="Chữ đậm").click()
    assert box.input_value() == "Cả lớp nhớ **mang mũ**"
    assert page.get_by_role("button", name="Chữ đậm").bounding_box()["height"] >= 44
    page.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_load_state("networkidle")
    assert "Đã đăng bài trả lời." in page.locator("main").inner_text()
    assert Post.objects.filter(body="Cả lớp nhớ **mang mũ**").exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert real_problems(page) == []


def test_a_childs_bullying_question_shows_the_111_line(
    world,  # noqa: F811
    browser_page,
    login,
):
    personas, _forum = world
    page = login(personas.pupil_an.username)
    page.goto("/dien-dan/hoi-dap/gui/")
    danger = page.locator("[data-testid=danger-line]")
    assert "gọi 111" in danger.inner_text()
    assert danger.bounding_box()["y"] < page.locator("input[name=title]").bounding_box()["y"]
    page.get_by_label("Em thấy điều không ổn").check()
    page.get_by_label("Em bị bắt nạt hoặc thấy không an toàn").check()
    page.fill("input[name=title]", "Bạn trêu em ở sân trường")
    page.fill("textarea[name=body]", "Bạn lớp bên cạnh hay giật mũ của em.")
    page.get_by_role("button", name="Gửi").click()
    page.wait_for_load_state("networkidle")
    assert "Thầy cô đã nhận được" in page.locator("main").inner_text()
    assert page.locator("[data-testid=danger-line]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert real_problems(page) == []


def test_a_muted_pupil_sees_the_banner(
    world,  # noqa: F811
    browser_page,
    login,
):
    personas, forum = world
    services.issue_sanction(
        user=personas.pupil_an, kind="mute", reason="Nói tục nhiều lần", duration_hours=24,
        by=personas.collaborator,
    )  # fmt: skip
    page = login(personas.pupil_an.username)
    page.goto(forum.topic_5a.get_absolute_url())
    banner = page.locator("[data-testid=muted-banner]")
    assert "Nói tục nhiều lần" in banner.inner_text()
    assert page.locator("textarea[name=body]").count() == 0
    assert real_problems(page) == []
