"""A teacher on a desktop takes a training module: reads, fails then passes the quiz,
confirms "Tôi đã đọc và hiểu" and opens the certificate, which prints on one A4 page."""

import re

import pytest

from lessons.curriculum.install import install_curriculum
from lessons.models import Lesson, TrainingConfirmation

from .conftest import DESKTOP


@pytest.fixture
def viewport():
    return DESKTOP


def test_teacher_completes_a_module_and_prints_the_certificate(
    transactional_db, personas, live_server, browser_page, login
):
    page = browser_page
    install_curriculum()
    module = Lesson.objects.get(starter_key="quy-tac-kiem-duyet")
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    login(personas.teacher_5a.username)

    page.goto("/bai-hoc/boi-duong/")
    page.get_by_role("link", name=module.title).click()
    page.wait_for_url(f"**/bai-hoc/boi-duong/{module.slug}/")
    assert page.get_by_role("img", name="Danh sách bài viết chờ duyệt").is_visible()
    assert page.get_by_test_id("confirm-button").count() == 0  # the quiz comes first

    questions = module.questions.prefetch_related("choices")
    for question in questions:  # every first choice: not enough to pass
        page.locator(f"input[name=q{question.pk}]").first.check()
    page.get_by_role("button", name="Nộp bài").click()
    page.get_by_test_id("last-attempt").wait_for()
    assert page.get_by_test_id("confirm-button").count() == 0

    for question in questions:
        for choice in question.choices.all():
            box = page.locator(f"input[name=q{question.pk}][value='{choice.pk}']")
            if choice.is_correct:
                box.check()
            elif question.kind == "several":
                box.uncheck()
    page.get_by_role("button", name="Nộp bài").click()
    page.get_by_test_id("confirm-button").click()
    page.get_by_test_id("module-confirmed").wait_for()
    assert TrainingConfirmation.objects.filter(lesson=module, person=personas.teacher_5a).exists()

    page.get_by_role("link", name="In giấy chứng nhận").click()
    page.get_by_test_id("certificate").wait_for()
    assert page.get_by_text(personas.teacher_5a.full_name).is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # one A4 page
    assert re.search(rb"/MediaBox\s*\[0 0 841\.9\d* 594\.9\d*\]", pdf)  # A4 landscape
    assert page.problems == []
