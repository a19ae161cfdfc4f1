"""Administrators follow training: the completion grid, the confirmation list with
names, reminders (once a day per module) and the printable certificate."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import SchoolSettings
from lessons import services, training
from lessons.models import Lesson, TrainingReminder
from notifications.models import Notification

from . import factories


@pytest.fixture
def module(personas):
    return factories.module(
        author=personas.editor, publish_by=personas.editor, title="Quy tắc kiểm duyệt"
    )


def _pass_and_confirm(module, person):
    training.submit_module_quiz(
        lesson=module, by=person, answers=factories.answers_scoring(module, 3)
    )
    return training.confirm_module(lesson=module, by=person)[0]


def test_the_grid_shows_each_staff_member_by_name_with_the_completion_date(
    personas, module, client_for
):
    confirmation = _pass_and_confirm(module, personas.teacher_5a)
    page = client_for("admin").get("/bai-hoc/boi-duong/quan-ly/").content.decode()
    assert "Quy tắc kiểm duyệt" in page
    assert "Trần Thị Hồng" in page and "Phạm Văn Tuấn" in page  # done and not done
    assert timezone.localtime(confirmation.confirmed_at).strftime("%d/%m/%Y") in page
    assert page.count('data-testid="grid-row"') == 5  # the five staff personas
    assert "Nguyễn Văn An" not in page  # pupils are not rows


def test_a_confirmation_without_a_pass_is_not_a_completion(personas, client_for):
    module = factories.module(author=personas.editor, publish_by=personas.editor, quiz=False)
    training.confirm_module(lesson=module, by=personas.teacher_5a)
    services.add_question(  # the editors add a quiz after the teacher confirmed
        lesson=module,
        by=personas.editor,
        kind="true_false",
        text="Lý do từ chối là bắt buộc.",
        statement_is_true=True,
        explanation="Học sinh xem được lý do.",
    )
    page = client_for("admin").get("/bai-hoc/boi-duong/quan-ly/").content.decode()
    assert "Đã xác nhận, chưa đạt bài kiểm tra" in page


def test_the_confirmation_list_names_staff_and_parents(personas, client_for):
    rules = factories.module(
        author=personas.editor,
        publish_by=personas.editor,
        title="Nội quy",
        audience="staff_families",
        quiz=False,
    )
    training.confirm_module(lesson=rules, by=personas.parent_an)
    training.confirm_module(lesson=rules, by=personas.collaborator)
    page = client_for("admin").get(f"/bai-hoc/boi-duong/{rules.slug}/danh-sach/")
    html = page.content.decode()
    assert "Nguyễn Thị Bích" in html and "Lê Minh Tâm" in html
    assert "Phụ huynh" in html
    assert "Trần Thị Hồng" in html  # listed among the staff still to complete
    for name in ("parent_an", "pupil_an"):
        assert (
            client_for(name).get(f"/bai-hoc/boi-duong/{rules.slug}/danh-sach/").status_code == 404
        )
    assert (
        client_for("teacher_5a").get(f"/bai-hoc/boi-duong/{rules.slug}/danh-sach/").status_code
        == 403
    )


def test_reminders_reach_only_those_who_have_not_completed_once_a_day(personas, module):
    _pass_and_confirm(module, personas.teacher_5a)
    sent = training.remind_pending(lesson=module, by=personas.admin)
    reminded = set(
        Notification.objects.filter(kind="lessons.training_reminder").values_list(
            "recipient__username", flat=True
        )
    )
    # Every active staff member but the one who completed it; no pupil, no parent.
    assert reminded == {"gv_tuan", "bt_lan", "ctv_tam", "qt_quan"}
    assert sent == 4
    with pytest.raises(ValidationError) as again:
        training.remind_pending(lesson=module, by=personas.admin)
    assert again.value.code == "reminded_today"
    assert Notification.objects.filter(kind="lessons.training_reminder").count() == 4
    TrainingReminder.objects.update(day=timezone.localdate() - timedelta(days=1))
    assert training.remind_pending(lesson=module, by=personas.admin) == 4  # the next day


def test_a_reminder_for_the_rules_reaches_parents_too(personas):
    rules = factories.module(
        author=personas.editor, publish_by=personas.editor, audience="staff_families", quiz=False
    )
    training.confirm_module(lesson=rules, by=personas.parent_an)
    training.remind_pending(lesson=rules, by=personas.admin)
    reminded = set(
        Notification.objects.filter(kind="lessons.training_reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert "ph_binh" in reminded and "ph_an" not in reminded and "hs_an" not in reminded


def test_only_administrators_remind(personas, module, client_for):
    for person in (personas.editor, personas.collaborator, personas.teacher_5a):
        with pytest.raises(PermissionDenied):
            training.remind_pending(lesson=module, by=person)
    response = client_for("admin").post(f"/bai-hoc/boi-duong/{module.slug}/nhac/", follow=True)
    assert "Đã nhắc 5 người chưa hoàn thành." in response.content.decode()
    response = client_for("admin").post(f"/bai-hoc/boi-duong/{module.slug}/nhac/", follow=True)
    assert "Hôm nay đã nhắc mô-đun này rồi." in response.content.decode()


def test_the_certificate_is_an_a4_print_page_with_school_person_module_and_date(
    personas, module, client_for, settings
):
    confirmation = _pass_and_confirm(module, personas.teacher_5a)
    url = f"/bai-hoc/boi-duong/{module.slug}/chung-nhan/{personas.teacher_5a.pk}/"
    for name in ("admin", "teacher_5a"):
        html = client_for(name).get(url).content.decode()
        assert settings.SCHOOL_NAME in html
        assert "Trần Thị Hồng" in html and "Quy tắc kiểm duyệt" in html
        when = timezone.localtime(confirmation.confirmed_at)
        assert f"ngày {when:%d} tháng {when:%m} năm {when:%Y}" in html
        assert "lessons/training.css" in html and "data-print" in html
        assert "<style" not in html and "onclick" not in html  # strict CSP
    for name in ("other_teacher", "collaborator", "parent_an", "pupil_an"):
        assert client_for(name).get(url).status_code == 404
    not_done = f"/bai-hoc/boi-duong/{module.slug}/chung-nhan/{personas.other_teacher.pk}/"
    assert client_for("admin").get(not_done).status_code == 404


def test_the_team_regulation_is_published_once_as_a_staff_module(personas, client_for):
    school = SchoolSettings.load()
    school.team_regulation = "Điều 1. Tôn trọng học sinh.\n\nĐiều 2. Giữ bí mật <hồ sơ>."
    school.save()
    with pytest.raises(PermissionDenied):
        training.publish_team_regulation(by=personas.collaborator)
    client = client_for("admin")
    assert (
        "Đăng quy chế tổ cộng tác viên"
        in client.get("/bai-hoc/boi-duong/quan-ly/").content.decode()
    )
    response = client.post("/bai-hoc/boi-duong/quan-ly/quy-che/", follow=True)
    assert "Đã đăng quy chế thành mô-đun" in response.content.decode()
    module = Lesson.objects.get(starter_key=training.REGULATION_KEY)
    assert module.audience == "staff" and module.status == "published"
    body = module.sections.get().body
    assert "<p>Điều 1. Tôn trọng học sinh.</p>" in body and "&lt;hồ sơ&gt;" in body
    assert (
        "Quy chế tổ cộng tác viên"
        in client_for("collaborator").get("/bai-hoc/boi-duong/").content.decode()
    )
    training.confirm_module(lesson=module, by=personas.collaborator)
    with pytest.raises(ValidationError):
        training.publish_team_regulation(by=personas.admin)
    assert Lesson.objects.filter(starter_key=training.REGULATION_KEY).count() == 1


def test_an_empty_regulation_is_not_published(personas):
    with pytest.raises(ValidationError) as refused:
        training.publish_team_regulation(by=personas.admin)
    assert refused.value.code == "empty"
