"""A pupil on a phone reads a given lesson part by part, answers its quiz and earns its
sticker; the homeroom teacher's class grid then prints on one A4 landscape page.

Uses the shared `browser_page` (console errors, CSP violations and requests to other
origins collected in `page.problems`) and `login(username)` of tests/browser/conftest.py.
"""

import re

from lessons.models import Sticker
from tests.lessons import factories


def test_a_pupil_reads_answers_and_earns_a_sticker_and_the_grid_prints_on_a4(
    transactional_db, personas, live_server, browser_page, login
):
    page = browser_page
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    lesson = factories.lesson(
        author=personas.teacher_5a, publish_by=personas.editor, sections=2, assign=False
    )
    factories.give(lesson, by=personas.teacher_5a, audience=f"class:{personas.class_5a.pk}:pupil")

    login(personas.pupil_an.username)
    page.goto("/bai-hoc/cua-toi/")
    assert page.get_by_test_id("lessons-todo").inner_text().startswith("1")
    page.get_by_role("link", name=lesson.title).click()
    page.get_by_test_id("read-next").click()
    assert "Phần 1/2" in page.get_by_test_id("section-position").inner_text()
    page.get_by_role("link", name="Phần tiếp theo").click()
    page.get_by_test_id("to-quiz").click()
    for question in lesson.questions.prefetch_related("choices"):
        for choice in question.choices.all():
            if choice.is_correct:
                page.check(f"input[name=q{question.pk}][value='{choice.pk}']")
    page.get_by_role("button", name="Nộp bài").click()
    page.get_by_test_id("quiz-score").wait_for()
    assert Sticker.objects.filter(pupil=personas.pupil_an, lesson=lesson).exists()
    page.goto("/bai-hoc/cua-toi/")
    assert page.get_by_test_id("stickers").is_visible()
    assert page.get_by_test_id("lessons-todo").count() == 0
    assert page.problems == []

    page.context.clear_cookies()
    login(personas.teacher_5a.username)
    page.goto(f"/bai-hoc/lop/{personas.class_5a.pk}/")
    assert page.get_by_test_id("grid-row").count() == 1
    pdf = page.pdf(prefer_css_page_size=True)  # the print CSS's @page decides the size
    # Chromium writes each page's dictionary in clear: count them, read the first's size.
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    width, height = (
        float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups()
    )
    assert len(pages) == 1
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4 landscape, in points
    assert page.problems == []
