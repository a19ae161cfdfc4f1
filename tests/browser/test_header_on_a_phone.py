"""What is new shows on a phone without opening the menu; the staff menu fits two lines."""

import pytest

from notifications.services import notify

from .conftest import DESKTOP
from .test_forum_queue import real_problems, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parent_sees_the_unread_count_and_their_page_without_opening_the_menu(
    world,  # noqa: F811
    browser_page,
    login,
):
    personas, _forum = world
    notify(
        recipients=[personas.parent_an],
        kind="forum.case_answer",
        title="Nhà trường đã trả lời",
        url="/",
    )
    page = login(personas.parent_an.username)
    page.goto("/")
    assert not page.locator("#main-nav").is_visible()  # the menu is still closed
    bell = page.locator("[data-testid=phone-notification-count]")
    assert bell.is_visible() and bell.inner_text() == "1"
    family = page.locator("[data-testid=main-destination]")
    assert family.is_visible() and "Gia đình" in family.inner_text()
    family.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/thong-bao/gia-dinh/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert real_problems(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_the_admins_menu_fits_two_lines_on_a_laptop(
    world,  # noqa: F811
    browser_page,
    login,
    viewport,
):
    personas, _forum = world
    page = login(personas.admin.username)
    page.goto("/")
    height = page.locator(".site-nav").bounding_box()["height"]
    item = page.locator(".site-nav .nav-link").first.bounding_box()["height"]
    assert height < 2 * item + 24, (height, item)
