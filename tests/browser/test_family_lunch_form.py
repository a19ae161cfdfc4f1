"""A parent on a phone answers the lunch form from the family page and sees their answer.

Uses `browser_page` (records console errors, CSP violations and requests to other
origins in `page.problems`) and `login(username)` of tests/browser/conftest.py.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from announcements.models import AnswerPer, QuestionKind, Response
from announcements.services import publish_announcement
from announcements.surveys import QuestionSpec, attach_survey


def test_parent_on_a_phone_answers_the_lunch_form(
    transactional_db, personas, live_server, browser_page, login
):
    page = browser_page
    notice = publish_announcement(
        by=personas.teacher_5a,
        title="Đăng ký suất ăn bán trú tháng 1/2027",
        body="<p>Đơn giá: 30.000 đồng/ngày.</p>",
        keys=[f"class:{personas.class_5a.pk}"],
    )
    attach_survey(
        by=personas.teacher_5a,
        announcement=notice,
        closes_at=timezone.now() + timedelta(days=5),
        answer_per=AnswerPer.CHILD,
        questions=[
            QuestionSpec(kind=QuestionKind.YES_NO, label="Con đăng ký ăn bán trú?"),
            QuestionSpec(kind=QuestionKind.CHOICE, label="Loại suất ăn", choices=["Suất thường", "Suất chay"]),
            QuestionSpec(kind=QuestionKind.NUMBER, label="Số ngày đăng ký", min_number=Decimal(0), max_number=Decimal(23)),
        ],
    )  # fmt: skip
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.parent_an.username)  # a 360 px phone

    page.goto("/thong-bao/gia-dinh/")
    page.get_by_test_id("family-survey").filter(has_text="Đăng ký suất ăn bán trú").click()
    option = page.locator("label.survey-option", has_text="Có")
    box = option.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44  # a whole row for a thumb
    option.click()
    page.locator("label.survey-option", has_text="Suất chay").click()
    page.get_by_label("Số ngày đăng ký").fill("hai mươi")
    page.get_by_role("button", name="Gửi câu trả lời").click()
    # A number in words: told plainly, the rest of the answer still chosen.
    assert page.get_by_text("Hãy nhập một số, ví dụ 12 hoặc 2,5.").is_visible()
    assert page.locator("label.survey-option", has_text="Suất chay").locator("input").is_checked()
    assert not Response.objects.exists()

    page.get_by_label("Số ngày đăng ký").fill("20")
    page.get_by_role("button", name="Gửi câu trả lời").click()
    answered = page.get_by_test_id("answered")
    answered.wait_for()
    assert "Có" in answered.inner_text() and "Suất chay" in answered.inner_text()
    assert "20" in answered.inner_text()
    assert page.get_by_role("button", name="Lưu thay đổi").is_visible()
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto("/thong-bao/gia-dinh/")
    assert page.get_by_test_id("family-survey").filter(has_text="Đã trả lời").count() == 1
    assert Response.objects.get().answered_by_id == personas.parent_an.pk
    assert page.problems == []
