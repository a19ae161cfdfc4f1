"""The moderation log: immutable rows, filters for admins, CSV export safe for spreadsheets."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from accounts.models import AuditEntry
from accounts.services import record_audit
from forum import services

pytestmark = pytest.mark.django_db


def test_every_moderation_action_writes_an_audit_row(personas, forum):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    services.decide_post(
        post=post, moderator=personas.teacher_5a, decision="reject", reason="Xúc phạm"
    )
    services.moderate_topic(topic=forum.topic_5a, moderator=personas.teacher_5a, action="lock")
    services.issue_sanction(user=personas.pupil_an, kind="warning", reason="Nhắc", by=personas.collaborator)  # fmt: skip
    services.add_staff_note(user=personas.pupil_an, by=personas.collaborator, note="Ghi chú")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"forum.post_held", "forum.post_reject", "forum.topic_lock", "forum.sanction_warning", "forum.staff_note"} <= actions  # fmt: skip


def test_audit_rows_cannot_be_changed(personas):
    entry = record_audit(actor=personas.collaborator, action="forum.test")
    entry.reason = "sửa"
    with pytest.raises(ValidationError):
        entry.save()


def test_admin_filters_the_log_by_action_and_actor(personas, forum, client_for):
    services.moderate_topic(topic=forum.topic_5a, moderator=personas.teacher_5a, action="pin")
    services.moderate_topic(
        topic=forum.topic_school, moderator=personas.collaborator, action="lock"
    )
    client = client_for("admin")
    html = client.get("/dien-dan/nhat-ky/?action=topic_pin").content.decode()
    assert "forum.topic_pin" in html and "forum.topic_lock" not in html
    html = client.get(f"/dien-dan/nhat-ky/?actor={personas.collaborator.username}").content.decode()
    assert "forum.topic_lock" in html and "forum.topic_pin" not in html


def test_collaborator_cannot_browse_the_log(client_for):
    assert client_for("collaborator").get("/dien-dan/nhat-ky/").status_code == 404


def test_csv_export_escapes_formulas_and_keeps_vietnamese(personas, forum, client_for):
    services.moderate_topic(topic=forum.topic_5a, moderator=personas.teacher_5a, action="hide", reason="=HYPERLINK(\"http://x\")")  # fmt: skip
    response = client_for("admin").get("/dien-dan/nhat-ky.csv?action=topic_hide")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm"
    assert rows[1][4] == '\'=HYPERLINK("http://x")'
    assert "Lịch trực nhật" in rows[1][3]


def test_admin_filters_the_log_by_date(personas, forum, client_for):
    from datetime import timedelta

    from django.utils import timezone

    services.moderate_topic(topic=forum.topic_5a, moderator=personas.teacher_5a, action="pin")
    today = timezone.localdate()
    client = client_for("admin")
    assert "forum.topic_pin" in client.get(f"/dien-dan/nhat-ky/?date_from={today:%d/%m/%Y}").content.decode()  # fmt: skip
    tomorrow = today + timedelta(days=1)
    assert "forum.topic_pin" not in client.get(f"/dien-dan/nhat-ky/?date_from={tomorrow:%d/%m/%Y}").content.decode()  # fmt: skip


def test_the_log_reads_as_sentences_with_titles_and_dates(personas, forum, client_for):
    post = services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body="Xin chào")
    services.decide_post(post=post, moderator=personas.teacher_5a, decision="hide", reason="Lạc đề")
    case = services.open_case(author=personas.pupil_an, kind="question", category="study", title="Hỏi bài tập", body="Bài 3 ạ?", hidden_from_guardians=False)  # fmt: skip
    services.manage_case(case=case, by=personas.collaborator, assigned_to=personas.teacher_5a, status="in_progress", due_on=None)  # fmt: skip
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Nói tục", duration_hours=24, by=personas.collaborator)  # fmt: skip
    page = client_for("admin").get("/dien-dan/nhat-ky/").content.decode()
    collaborator, teacher = personas.collaborator.full_name, personas.teacher_5a.full_name
    assert f"{collaborator} tạm cấm đăng bài {personas.pupil_an.full_name} đến " in page
    assert f"{teacher} ẩn Bài #{post.position} trong “{forum.topic_5a.title}”" in page
    assert (
        f"{collaborator} cập nhật “Hỏi bài tập”: Phụ trách: {teacher}; trạng thái: Đang xử lý"
        in page
    )
    for code in ("forum.case_manage", "None/", "<code>"):
        assert f">{code}" not in page
    rows = list(csv.reader(io.StringIO(client_for("admin").get("/dien-dan/nhat-ky.csv").content.decode("utf-8-sig"))))  # fmt: skip
    assert rows[0][-1] == "Việc đã làm" and any("tạm cấm đăng bài" in row[-1] for row in rows[1:])
