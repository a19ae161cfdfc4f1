"""Private cases: who sees them, the hidden-from-parents choice, assignment, answers, the report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import selectors, services
from forum.models import Case, CaseStatus
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def open_case(personas, *, author=None, hidden=False, category="study", title="Hỏi bài tập"):
    return services.open_case(
        author=author or personas.pupil_an, kind="question", category=category, title=title,
        body="Bài 3 trang 12 làm thế nào ạ?", hidden_from_guardians=hidden,
    )  # fmt: skip


def test_pupil_opens_a_case_from_the_form(personas, client_for):
    response = client_for("pupil_an").post(
        "/dien-dan/hoi-dap/gui/",
        {
            "kind": "complaint",
            "category": "safety",
            "title": "Bị trêu ở căng tin",
            "body": "Các anh lớp 5B trêu em.",
        },  # fmt: skip
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.status == CaseStatus.NEW and case.due_on is not None


def test_staff_cannot_open_a_case(client_for):
    assert client_for("teacher_5a").get("/dien-dan/hoi-dap/gui/").status_code == 404


def test_case_visible_to_author_guardian_assignee_and_collaborators_only(personas, client_for):
    case = open_case(personas)
    services.manage_case(case=case, by=personas.collaborator, assigned_to=personas.other_teacher, status="in_progress", due_on=None)  # fmt: skip
    visible = {
        name
        for name in (
            "pupil_an",
            "pupil_binh",
            "parent_an",
            "other_parent",
            "teacher_5a",
            "other_teacher",
            "editor",
            "collaborator",
            "admin",
        )  # fmt: skip
        if client_for(name).get(case.get_absolute_url()).status_code == 200
    }
    assert visible == {"pupil_an", "parent_an", "other_teacher", "collaborator", "admin"}


def test_case_hidden_from_parents_and_staff_see_the_flag(personas, client_for):
    case = open_case(personas, hidden=True, title="Chuyện ở nhà")
    assert client_for("parent_an").get(case.get_absolute_url()).status_code == 404
    assert "Chuyện ở nhà" not in client_for("parent_an").get("/dien-dan/hoi-dap/").content.decode()
    staff_html = client_for("collaborator").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="hidden-from-guardians"' in staff_html


def test_parent_cannot_mark_own_case_hidden(personas):
    case = open_case(personas, author=personas.parent_an, hidden=True)
    assert not case.hidden_from_guardians


def test_staff_answer_notifies_author_and_sets_first_answer(personas, client_for):
    case = open_case(personas)
    services.manage_case(case=case, by=personas.collaborator, assigned_to=personas.teacher_5a, status="in_progress", due_on=None)  # fmt: skip
    client_for("teacher_5a").post(
        f"/dien-dan/hoi-dap/{case.pk}/tra-loi/", {"body": "Em quy đồng mẫu số nhé."}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED and case.first_answered_at is not None
    assert Notification.objects.filter(
        recipient=personas.pupil_an, kind="forum.case_answer"
    ).exists()
    assert Notification.objects.filter(
        recipient=personas.teacher_5a, kind="forum.case_assigned"
    ).exists()


def test_guardian_reads_but_does_not_reply(personas, client_for):
    case = open_case(personas)
    assert client_for("parent_an").post(f"/dien-dan/hoi-dap/{case.pk}/tra-loi/", {"body": "Mẹ hỏi thêm"}).status_code == 404  # fmt: skip


def test_only_collaborators_assign_and_set_status(personas, client_for):
    case = open_case(personas)
    data = {"status": "closed", "assigned_to": personas.teacher_5a.pk, "due_on": "2026-12-01"}
    assert client_for("teacher_5a").post(f"/dien-dan/hoi-dap/{case.pk}/quan-ly/", data).status_code == 404  # fmt: skip
    client_for("collaborator").post(f"/dien-dan/hoi-dap/{case.pk}/quan-ly/", data)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.assigned_to == personas.teacher_5a
    assert str(case.due_on) == "2026-12-01"


def test_overdue_cases_stand_out(personas, client_for):
    case = open_case(personas, title="Quá hạn rồi")
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    html = client_for("collaborator").get("/dien-dan/hoi-dap/").content.decode()
    assert 'data-testid="overdue"' in html
    only_overdue = client_for("collaborator").get("/dien-dan/hoi-dap/?overdue=1").content.decode()
    assert "Quá hạn rồi" in only_overdue


def test_periodic_summary_counts_without_names(personas, client_for):
    now = timezone.now()
    answered = open_case(personas, category="study")
    Case.objects.filter(pk=answered.pk).update(created_at=now - timedelta(hours=10))
    answered.refresh_from_db()
    services.reply_case(case=answered, by=personas.collaborator, body="Đã trả lời")
    open_case(personas, category="safety", title="Chưa trả lời")
    summary = selectors.case_summary(start=now - timedelta(days=1), end=now + timedelta(days=1))
    assert summary["opened"] == 2 and summary["answered"] == 1
    assert 9.9 <= summary["median_hours"] <= 10.1
    assert {row["label"] for row in summary["by_category"]} == {"Học tập", "An toàn, bắt nạt"}
    html = client_for("collaborator").get("/dien-dan/hoi-dap/bao-cao/").content.decode()
    assert "Nguyễn Văn An" not in html and "Học tập" in html


def test_open_cases_for_parent_includes_child_cases_not_hidden(personas, django_assert_num_queries):
    visible = open_case(personas, title="Con hỏi")
    open_case(personas, hidden=True, title="Con giấu")
    own = open_case(personas, author=personas.parent_an, title="Mẹ hỏi")
    with django_assert_num_queries(1):
        result = selectors.open_cases_for(personas.parent_an)
    assert {case.pk for case in result} == {visible.pk, own.pk}


def test_a_pupil_is_asked_in_a_childs_words_and_shown_the_111_line_first(client_for):
    pupil_form = client_for("pupil_an").get("/dien-dan/hoi-dap/gui/").content.decode()
    assert pupil_form.index('data-testid="danger-line"') < pupil_form.index('name="title"')
    assert "gọi 111" in pupil_form and 'href="tel:111"' in pupil_form
    assert "Em muốn hỏi thầy cô" in pupil_form and "Em thấy điều không ổn" in pupil_form
    for adult_word in ("Kiến nghị", "Các khoản thu"):
        assert adult_word not in pupil_form
    parent_form = client_for("parent_an").get("/dien-dan/hoi-dap/gui/").content.decode()
    assert "Kiến nghị" in parent_form and "danger-line" not in parent_form


def test_a_pupil_cannot_send_a_kind_only_adults_are_offered(client_for):
    response = client_for("pupil_an").post(
        "/dien-dan/hoi-dap/gui/",
        {"kind": "petition", "category": "fees", "title": "Xin giảm", "body": "Nội dung em viết"},
    )
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Nội dung em viết" in response.content.decode()


def test_a_case_about_bullying_shows_the_111_line_before_anything_else(personas, client_for):
    case = open_case(personas, category="safety", title="Bạn trêu em")
    page = client_for("pupil_an").get(f"/dien-dan/hoi-dap/{case.pk}/").content.decode()
    assert page.index('data-testid="danger-line"') < page.index('<h1 class="h4">Bạn trêu em')
    assert "danger-line" not in client_for("collaborator").get(f"/dien-dan/hoi-dap/{case.pk}/").text
    quiet = open_case(personas, category="study", title="Hỏi bài")
    assert "danger-line" not in client_for("pupil_an").get(f"/dien-dan/hoi-dap/{quiet.pk}/").text
