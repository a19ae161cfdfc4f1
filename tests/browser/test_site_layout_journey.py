"""On a phone, an editor adds a menu item and moves a home block; a visitor sees both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Category
from portal.models import Event

from ..news import factories
from .test_forum_queue import real_problems

pytestmark = pytest.mark.django_db(transaction=True)


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_editor_adds_a_menu_item_and_moves_a_block_and_a_visitor_sees_both(
    personas, browser_page, login, chromium, live_server
):
    category = factories.category()
    factories.article(author=personas.editor, title="Khai giảng", in_category=category,
                      publish_by=personas.editor)  # fmt: skip
    Event.objects.create(title="Họp hội đồng sư phạm", starts_at=timezone.now() + timedelta(days=1))
    assert Category.objects.exists()

    page = login(personas.editor.username)
    page.goto("/sap-xep/menu/")
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Thêm mục", exact=True).click()
    page.check("input[name=kind][value=address]")
    page.fill("input[name=label]", "Tuyển sinh 2027")
    page.fill("input[name=address]", "javascript:alert(1)")
    page.click("main form button[type=submit]")
    # Refused in Vietnamese, with what was typed still in the box.
    assert page.get_by_text("Địa chỉ phải bắt đầu bằng http://").is_visible()
    assert page.input_value("input[name=address]") == "javascript:alert(1)"
    page.fill("input[name=address]", "/trang/tuyen-sinh/")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/sap-xep/menu/")
    # Move it up one place (no script needed: a small form per button).
    page.get_by_role("button", name="Chuyển Tuyển sinh 2027 lên").click()
    page.wait_for_url("**/sap-xep/menu/")
    _no_sideways_scroll(page)

    page.goto("/sap-xep/trang-nhat/")
    _no_sideways_scroll(page)
    page.fill("input[name=calendar__visitor__position]", "1")
    page.click("main form button[type=submit]")
    assert page.get_by_text("Đã lưu cách sắp xếp trang nhất.").is_visible()

    visitor = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    home = visitor.new_page()
    home.goto("/")
    home.locator(".navbar-toggler").click()
    link = home.get_by_role("link", name="Tuyển sinh 2027")
    assert link.is_visible() and link.get_attribute("href") == "/trang/tuyen-sinh/"
    blocks = home.locator("[data-block]")
    assert blocks.first.get_attribute("data-block") == "calendar"
    assert "Họp hội đồng sư phạm" in blocks.first.inner_text()
    assert home.evaluate("document.documentElement.scrollWidth") <= 360
    visitor.close()
    assert real_problems(page) == []
