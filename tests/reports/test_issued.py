"""An issued report keeps its numbers: downloaded again after the data changed, the
same figures come back; the live report shows the new ones."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from openpyxl import load_workbook

from accounts.models import AuditEntry
from forum.models import Post
from reports import periods, services
from reports.models import IssuedReport

from .world import at, build_school

ISSUE = {
    "kind": "custom", "start": "2026-09-05", "end": "2026-12-31", "number": "07",
    "title": "Kết quả thực hiện học kỳ I", "opening": "Đoạn mở đầu riêng.", "closing": "Đoạn kết riêng.",
}  # fmt: skip


def forum_posts_in_xlsx(content: bytes) -> int:
    sheet = load_workbook(io.BytesIO(content))["Diễn đàn học sinh"]
    return next(row[1] for row in sheet.iter_rows(values_only=True) if row and row[0] == "Bài viết")


def test_an_issued_report_downloads_with_the_same_numbers_after_the_data_changed(
    personas, client_for
):
    world = build_school(personas, n_classes=3, per_class=5)
    client = client_for("admin")
    response = client.post("/bao-cao/phat-hanh/", ISSUE | {"year": personas.year.pk})
    issued = IssuedReport.objects.get()
    assert response.status_code == 302 and response["Location"] == issued.get_absolute_url()
    assert issued.issued_by == personas.admin and issued.reference == "07"
    assert AuditEntry.objects.filter(action="report.issue", target_id=str(issued.pk)).exists()
    first_xlsx = b"".join(
        client.get(f"/bao-cao/da-phat-hanh/{issued.pk}/tai/xlsx/").streaming_content
    )
    assert forum_posts_in_xlsx(first_xlsx) == 15

    # Forty more posts in October.
    topic = Post.objects.first().topic
    Post.objects.bulk_create(
        Post(
            topic=topic,
            position=100 + n,
            author=world["pupils"][0],
            body="y",
            body_html="y",
            created_at=at(date(2026, 10, 20)),
        )  # fmt: skip
        for n in range(40)
    )
    again = b"".join(client.get(f"/bao-cao/da-phat-hanh/{issued.pk}/tai/xlsx/").streaming_content)
    assert forum_posts_in_xlsx(again) == 15
    live = b"".join(client.get("/bao-cao/tai/xlsx/?kind=custom&start=2026-09-05&end=2026-12-31").streaming_content)  # fmt: skip
    assert forum_posts_in_xlsx(live) == 55
    word = Document(io.BytesIO(b"".join(client.get(f"/bao-cao/da-phat-hanh/{issued.pk}/tai/docx/").streaming_content)))  # fmt: skip
    paragraphs = [p.text for p in word.paragraphs]
    assert "Đoạn mở đầu riêng." in paragraphs and "Đoạn kết riêng." in paragraphs
    assert any("viết 15 bài" in text for text in paragraphs)
    page = client.get(f"/bao-cao/da-phat-hanh/{issued.pk}/")
    assert "viết 15 bài" in page.content.decode()
    listing = client.get("/bao-cao/da-phat-hanh/").content.decode()
    assert "Kết quả thực hiện học kỳ I" in listing


def test_a_bad_issue_form_keeps_what_was_typed_and_issues_nothing(personas, client_for):
    client = client_for("admin")
    response = client.post(
        "/bao-cao/phat-hanh/",
        ISSUE | {"year": personas.year.pk, "title": "", "opening": "Giữ lại đoạn này"},
    )
    assert response.status_code == 400
    assert "Giữ lại đoạn này" in response.content.decode()
    assert not IssuedReport.objects.exists()
    swapped = client.post("/bao-cao/phat-hanh/", ISSUE | {"year": personas.year.pk, "start": "2026-12-31", "end": "2026-09-05"})  # fmt: skip
    assert swapped.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in swapped.content.decode()


def test_a_bad_period_on_the_page_gets_a_message_not_an_error(client_for):
    response = client_for("admin").get("/bao-cao/?kind=custom&start=31/02/2026&end=x")
    assert response.status_code == 200
    assert "Hãy chọn cả ngày bắt đầu và ngày kết thúc." in response.content.decode()


def test_only_reporters_may_issue(personas):
    period = periods.build(periods.YEAR, year=personas.year)
    with pytest.raises(PermissionDenied):
        services.issue_report(by=personas.teacher_5a, period=period, number="", title="x", opening="", closing="")  # fmt: skip


def test_staff_the_school_chose_may_read_reports_but_not_the_overview(personas, client_for):
    from accounts.models import Capability
    from accounts.services import grant_capability

    grant_capability(user=personas.other_teacher, capability=Capability.REPORT, by=personas.admin)
    client = client_for("other_teacher")
    assert client.get("/bao-cao/").status_code == 200
    assert client.get("/bao-cao/tong-quan/").status_code == 404


def test_the_admin_chooses_report_readers_on_the_team_page(personas, client_for):
    admin = client_for("admin")
    assert client_for("other_teacher").get("/bao-cao/").status_code == 404
    admin.post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "report", "report-username": "gv_tuan"}
    )
    assert "Phạm Văn Tuấn" in admin.get("/nguoi-dung/to-cong-tac-vien/").content.decode()
    assert client_for("other_teacher").get("/bao-cao/").status_code == 200
    # A pupil cannot be given the report capability.
    admin.post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "report", "report-username": "hs_an"}
    )
    assert client_for("pupil_an").get("/bao-cao/").status_code == 404
