"""A homeroom teacher addresses her own class from her phone: her class comes first
with its parents already ticked, and the page reads the audience back in one
sentence, recomputed by the server as she ticks. Taps counted: (1) ticking
"Học sinh" of her class as well; the sentence follows without another tap."""

from playwright.sync_api import expect

from announcements.models import Announcement

from ..announcements.test_query_counts import add_families


def test_teacher_addresses_her_own_class_in_at_most_two_taps(
    transactional_db, personas, live_server, browser_page, login
):
    add_families(personas.class_5a, 14, "j")  # An's family and 14 more: 15 families
    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.teacher_5a.username)  # a 360 px phone
    page.goto("/thong-bao/viet/")

    sentence = page.get_by_test_id("audience-summary")
    # 0 taps: her class is first, its parents ticked, the sentence already there.
    first_row = page.locator(".audience-row").first
    assert first_row.locator(".audience-row-label").inner_text().startswith("Lớp 5A")
    parents = first_row.get_by_text("Phụ huynh", exact=True)
    assert first_row.locator("input:checked").count() == 1
    assert sentence.inner_text() == "Gửi tới phụ huynh lớp 5A: 15 gia đình."
    # The no-JavaScript button is not needed with JavaScript: the sentence follows.
    assert not page.get_by_role("button", name="Xem lại người nhận").is_visible()

    first_row.get_by_text("Học sinh", exact=True).click()  # tap 1
    expect(sentence).to_have_text(
        "Gửi tới học sinh lớp 5A và phụ huynh lớp 5A: 15 gia đình, 15 học sinh."
    )
    parents.click()  # tap 2: only the pupils after all
    expect(sentence).to_have_text("Gửi tới học sinh lớp 5A: 15 học sinh.")

    # The search box narrows the list (diacritics optional).
    page.get_by_placeholder("Tìm lớp hoặc khối, ví dụ: 5A").fill("lop 5a")
    assert page.locator(".audience-row:visible").count() == 1

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.problems == []
    assert not Announcement.objects.exists()
