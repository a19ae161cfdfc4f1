"""On a 360 px phone: a parent writes to the homeroom teacher and the teacher answers;
a parent reports an absence and sees it acknowledged.

Uses the shared `browser_page` and `login(username)` fixtures (tests/browser/conftest.py);
`page.problems` collects console errors, CSP violations and third-party requests.
"""

from django.utils import timezone

from conversations.models import AbsenceNote, Conversation

from ..personas import PASSWORD


def _switch_to(page, login, username):
    """Log the same phone in as someone else (the form's own logout button)."""
    page.goto("/")
    page.locator("form[action$='/logout/'] button").first.dispatch_event("click")
    page.wait_for_load_state("networkidle")
    page.goto("/tai-khoan/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width


def test_a_parent_writes_and_the_teacher_answers(
    transactional_db, personas, live_server, browser_page, login
):
    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.parent_an.username)
    page.goto("/thong-bao/gia-dinh/")
    page.get_by_role("link", name="Nhắn tin cho giáo viên").click()
    page.get_by_label("Chủ đề").fill("Cháu An bị ho")
    page.get_by_label("Tin nhắn").fill("Cô ơi, hôm nay cháu An bị ho, cô để ý giúp em nhé.")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Gửi").click()
    conversation = Conversation.objects.get()
    page.wait_for_url(f"**{conversation.get_absolute_url()}")
    assert page.get_by_text("hôm nay cháu An bị ho").is_visible()

    _switch_to(page, login, personas.teacher_5a.username)
    page.goto(f"/tin-nhan/lop/{personas.class_5a.pk}/")
    assert page.get_by_test_id("awaiting").is_visible()
    page.get_by_role("link", name="Cháu An bị ho").click()
    page.get_by_label("Tin nhắn").fill("Cô đã biết, cô sẽ để ý cháu. Cảm ơn chị.")
    page.get_by_role("button", name="Gửi").click()
    page.get_by_text("Cô đã biết, cô sẽ để ý cháu").wait_for()

    _switch_to(page, login, personas.parent_an.username)
    page.goto("/thong-bao/gia-dinh/")
    assert page.get_by_test_id("child-unread").inner_text().startswith("1")
    page.get_by_role("link", name="Cháu An bị ho").click()
    assert page.get_by_text("Cô đã biết, cô sẽ để ý cháu").is_visible()
    _no_sideways_scroll(page)
    assert page.problems == []


def test_a_parent_reports_an_absence_and_sees_it_acknowledged(
    transactional_db, personas, live_server, browser_page, login
):
    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.parent_an.username)
    page.goto("/thong-bao/gia-dinh/")
    page.get_by_role("link", name="Xin phép nghỉ học").first.click()
    page.get_by_label("Nghỉ từ ngày").fill(timezone.localdate().isoformat())
    page.get_by_label("Ốm").check()
    page.get_by_label("Ghi chú thêm").fill("Cháu bị sốt từ tối qua.")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Gửi giấy xin phép").click()
    page.wait_for_url("**/tin-nhan/nghi-hoc/")
    assert page.get_by_text("Chờ giáo viên xác nhận").is_visible()
    note = AbsenceNote.objects.get()

    _switch_to(page, login, personas.teacher_5a.username)
    page.goto(f"/tin-nhan/lop/{personas.class_5a.pk}/")
    assert "Nguyễn Văn An" in page.get_by_test_id("absent-today").inner_text()
    page.get_by_test_id("pending-note").get_by_role("button", name="Đã nhận").click()
    page.wait_for_load_state("networkidle")
    note.refresh_from_db()
    assert note.acknowledged_at is not None

    _switch_to(page, login, personas.parent_an.username)
    page.goto("/tin-nhan/nghi-hoc/")
    assert page.get_by_test_id("acknowledged").is_visible()
    assert page.problems == []
