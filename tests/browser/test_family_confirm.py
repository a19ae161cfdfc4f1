"""A parent on a phone opens an announcement and taps "Xác nhận đã đọc".

Uses the shared `browser_page` (Playwright page on the live server, recording
console errors, CSP violations and requests to other origins in
`page.problems`) and `login(username)` fixtures of tests/browser/conftest.py.
"""

from announcements.models import ReadReceipt
from announcements.services import publish_announcement


def test_parent_on_a_phone_confirms_an_announcement(
    transactional_db, personas, live_server, browser_page, login
):
    page = browser_page
    notice = publish_announcement(
        by=personas.teacher_5a,
        title="Họp phụ huynh cuối học kỳ I",
        body="<p>Kính mời quý phụ huynh dự họp lúc <strong>8h00 thứ Bảy</strong>.</p>",
        keys=[f"class:{personas.class_5a.pk}:parent"],
        requires_confirmation=True,
    )
    # base.html has no <link rel="icon"> yet, so Chromium's /favicon.ico 404 would be
    # the only console error (reported to the lead); answer it here meanwhile.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.parent_an.username)  # the default viewport is a 360 px phone

    page.goto("/thong-bao/gia-dinh/")
    page.get_by_role("link", name="Họp phụ huynh cuối học kỳ I").click()
    page.wait_for_url(f"**/thong-bao/{notice.pk}/")
    button = page.get_by_role("button", name="Xác nhận đã đọc")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44  # a big target for a thumb

    button.click()
    page.get_by_test_id("confirmed").wait_for()  # swapped in place by htmx
    assert page.url.endswith(f"/thong-bao/{notice.pk}/")
    receipt = ReadReceipt.objects.get(announcement=notice, user=personas.parent_an)
    assert receipt.confirmed_at is not None

    # Back on the family page, the announcement no longer waits.
    page.goto("/thong-bao/gia-dinh/")
    assert page.get_by_text("Họp phụ huynh cuối học kỳ I").count() == 0
    assert page.problems == []
