"""A grade-1 pupil does a quiz on a 360×740 phone: listens to the question (our own
server's recording in the browser's <audio controls>), answers with a picture, reads
the explanation, finishes; axe finds nothing serious or critical on the quiz pages.

axe-core comes from npm (package.json devDependency) and is evaluated into the page
by the test only (DevTools evaluation, not a <script>): no real page loads it.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Enrolment, Role, SchoolClass
from tests.migration_data import restore_migration_data

from ..lessons import factories
from ..personas import make_user

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("AXE_CORE_JS", ROOT / "node_modules" / "axe-core" / "axe.min.js"))


@pytest.fixture(autouse=True)
def _capability_groups(transactional_db):
    restore_migration_data(("accounts", "0002_capability_groups"))


# Findings of the shared layout allowed here: none (the footer's © line was fixed).
LAYOUT_FINDINGS: set[str] = set()


def _axe_findings(page) -> list[str]:
    """Serious and critical axe violations of the page as it is now (the whole document)."""
    assert AXE.exists(), (
        f"axe-core missing at {AXE}: run `npm install` (package.json devDependency)"
    )
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    findings = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            where = " ".join(str(t) for t in node["target"])
            if f"{violation['id']}: {where}" not in LAYOUT_FINDINGS:
                findings.append(
                    f"{violation['impact']} {violation['id']}: {where} — {violation['help']}"
                )
    return findings


def test_a_grade_one_pupil_listens_answers_with_a_picture_and_finishes(
    browser_page, login, personas
):
    class_1a = SchoolClass.objects.create(year=personas.year, grade=1, name="1A")
    little = make_user("hs_minh", "Trần Minh", Role.PUPIL, pupil_code="HS0101")
    Enrolment.objects.create(pupil=little, school_class=class_1a)
    lesson = factories.kids_lesson(author=personas.teacher_5a, publish_by=personas.editor)
    first = lesson.questions.first()
    page = login("hs_minh")
    audio_responses = []
    page.on(
        "response",
        lambda r: audio_responses.append(r) if f"/cau-hoi/{first.pk}/nghe/" in r.url else None,
    )

    page.goto(lesson.get_absolute_url())
    assert _axe_findings(page) == []  # the all-at-once quiz page
    # With htmx a choice is kept as soon as it is made: a reload still shows it.
    with page.expect_response(lambda r: r.url.endswith("/luu-nhap/") and r.status == 204):
        page.locator("label.quiz-choice", has_text="Sai").click()
    page.reload()
    expect(page.locator("label.quiz-choice", has_text="Sai").locator("input")).to_be_checked()
    page.get_by_test_id("quiz-one-by-one").click()
    page.wait_for_load_state()

    # Listen: the browser's own player, loading the recording from our server.
    audio = page.get_by_test_id("question-audio")
    assert audio.get_attribute("controls") is not None
    # (wait_for_function would eval a string, which the page's CSP rightly refuses)
    for _wait in range(50):
        if page.evaluate("document.querySelector('[data-testid=question-audio]').readyState") >= 1:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('[data-testid=question-audio]').duration") > 0.5
    assert audio_responses and audio_responses[0].status in (200, 206)
    assert audio_responses[0].url.startswith(page.live_url)
    assert _axe_findings(page) == []  # the one-question page, with pictures and the player

    # Tap targets: every answer and button at least 48 px high; text at least 18 px.
    for box in page.locator(".quiz-choice, [data-testid=quiz-check]").all():
        assert box.bounding_box()["height"] >= 48
    assert (
        page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.quiz-choice span')).fontSize)"
        )
        >= 18
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Answer with a picture: tap the green light.
    page.locator("label.quiz-choice-picture", has_text="Đèn xanh").click()
    page.get_by_test_id("quiz-check").click()
    feedback = page.get_by_test_id("quiz-explanation")
    feedback.wait_for()
    assert "Đúng rồi!" in feedback.inner_text()
    assert "Đèn xanh là được đi" in feedback.inner_text()

    # Order: move a step with the buttons (htmx swaps the card, no reload).
    page.get_by_test_id("quiz-next").click()
    page.get_by_text("Câu 2 trên 4").wait_for()
    assert page.url.endswith(f"/bai-hoc/{lesson.slug}/lam-bai/2/")
    steps = ["Không trả lời", "Chụp màn hình", "Kể với bố mẹ", "Chặn người đó"]
    for _round in range(6):  # bubble the steps into order with the up buttons
        shown = page.locator(".quiz-step-text").all_inner_texts()
        if shown == steps:
            break
        for index, text in enumerate(shown):
            want = steps.index(text)
            if want < index:
                page.get_by_role("button", name=f"Đưa bước “{text}” lên trên").click()
                expect(page.locator(".quiz-step-text").nth(index - 1)).to_have_text(text)
                break
    assert page.locator(".quiz-step-text").all_inner_texts() == steps
    page.get_by_test_id("quiz-check").click()
    page.get_by_test_id("quiz-explanation").wait_for()

    # Match: choose what to do for each situation (one of them wrong on purpose).
    page.get_by_test_id("quiz-next").click()
    page.get_by_text("Câu 3 trên 4").wait_for()
    page.get_by_label("Có người xin mật khẩu").select_option(label="Không cho")
    page.get_by_label("Thấy hình làm em sợ").select_option(label="Hỏi bố mẹ trước")
    page.get_by_label("Bạn rủ gặp người quen trên mạng").select_option(label="Tắt đi và kể với cô")
    page.get_by_test_id("quiz-check").click()
    assert "Chưa đúng rồi, em xem lại nhé:" in page.get_by_test_id("quiz-explanation").inner_text()

    # True or false, then finish.
    page.get_by_test_id("quiz-next").click()
    page.get_by_text("Câu 4 trên 4").wait_for()
    page.get_by_label("Sai").check()
    page.get_by_test_id("quiz-check").click()
    page.get_by_test_id("quiz-finish").click()
    page.wait_for_load_state()
    assert "Em trả lời đúng 3/4 câu." in page.get_by_test_id("quiz-score").inner_text()
    assert _axe_findings(page) == []  # the result page
    assert page.problems == []
