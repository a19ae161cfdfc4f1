"""Issue 14 on a 360 px phone: a visitor reports a fake page; the header's search box."""

import pytest

from portal import channel_forms
from portal.models import FakePageReport


@pytest.mark.django_db(transaction=True)
def test_visitor_reports_a_fake_page_on_a_phone(personas, browser_page, monkeypatch):
    monkeypatch.setattr(channel_forms, "MIN_FILL_SECONDS", 0)
    page = browser_page
    page.goto("/kenh-chinh-thuc/")
    assert page.get_by_role("heading", name="Báo trang giả mạo").is_visible()
    # The hidden field a robot would fill stays out of a person's way.
    assert not page.locator("#id_website").is_visible()
    page.get_by_label("Địa chỉ hoặc tên trang giả mạo").fill("https://facebook.com/gia-mao-truong")
    page.get_by_label("Trang hoặc tin nhắn đó đã làm gì?").fill("Nhắn phụ huynh chuyển tiền.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url("**/kenh-chinh-thuc/cam-on/")
    assert page.get_by_role("heading", name="Cảm ơn bạn đã báo cho nhà trường").is_visible()
    assert FakePageReport.objects.get().address == "https://facebook.com/gia-mao-truong"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.problems == []


@pytest.mark.django_db(transaction=True)
def test_the_header_search_box_works_on_a_phone_without_opening_the_menu(personas, browser_page):
    page = browser_page
    page.goto("/")
    box = page.get_by_role("searchbox", name="Tìm kiếm")
    assert box.is_visible()
    box.fill("hoi dap")
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=hoi+dap")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.problems == []
