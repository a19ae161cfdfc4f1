"""The XLSX read back with openpyxl, the CSV, and the Word file opened with python-docx
(and converted to PDF by LibreOffice where it is installed)."""

import csv
import io
import re
import shutil
import subprocess
from datetime import datetime

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from accounts.models import SchoolSettings
from forum.models import Report

from .world import build_school

SEMESTER = "?kind=hk1"


@pytest.fixture
def admin_client(personas, client_for):
    build_school(personas, n_classes=5, per_class=6)
    school = SchoolSettings.load()
    school.managing_body = "Phòng GD&ĐT quận Hoàn Kiếm"
    school.place_name = "Hà Nội"
    school.report_symbol = "BC-THHS"
    school.signer_title = "Hiệu trưởng"
    school.signer_name = "Nguyễn Thị Mai"
    school.report_recipients = "Phòng GD&ĐT quận Hoàn Kiếm;\nLưu: VT."
    school.save()
    return client_for("admin")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_xlsx_has_a_sheet_per_section_with_numbers_as_numbers_and_dates_as_dates(admin_client):
    response = admin_client.get("/bao-cao/tai/xlsx/" + SEMESTER)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(body(response)))
    assert workbook.sheetnames == [
        "Thông tin", "Bài học an toàn trên mạng", "Bồi dưỡng cán bộ, giáo viên",
        "Diễn đàn học sinh", "Hỏi đáp, phản ánh, kiến nghị", "Thông báo tới gia đình",
        "Tài khoản và lượt truy cập",
    ]  # fmt: skip
    cover = workbook["Thông tin"]
    assert cover["B4"].value == datetime(2026, 9, 5)  # noqa: DTZ001  (openpyxl reads dates naive)
    assert cover["B4"].number_format == "DD/MM/YYYY"
    forum = {row[0]: row[1] for row in workbook["Diễn đàn học sinh"].iter_rows(values_only=True) if row and row[0]}  # fmt: skip
    assert forum["Bài viết"] == 30 and isinstance(forum["Bài viết"], int)
    assert forum["Bài bị từ chối"] == 3
    visits = [row for row in workbook["Tài khoản và lượt truy cập"].iter_rows(values_only=True) if row and isinstance(row[0], datetime)]  # fmt: skip
    assert visits[0][:2] == (datetime(2026, 9, 1), 9 * 60)  # noqa: DTZ001


def test_xlsx_text_is_guarded_against_formulas(personas, admin_client):
    # A lesson title is the only free text that reaches a table.
    from lessons.models import Lesson

    Lesson.objects.filter(title__startswith="w bài khối 1").update(title="=HYPERLINK(1)")
    response = admin_client.get("/bao-cao/tai/xlsx/" + SEMESTER)
    workbook = load_workbook(io.BytesIO(body(response)))
    texts = [cell for row in workbook["Bài học an toàn trên mạng"].iter_rows(values_only=True) for cell in row if isinstance(cell, str)]  # fmt: skip
    assert "'=HYPERLINK(1)" in texts and "=HYPERLINK(1)" not in texts


def test_csv_per_table(admin_client):
    response = admin_client.get("/bao-cao/bang/forum_reports.csv" + SEMESTER)
    lines = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert lines[0] == ["Lý do", "Số báo cáo"]
    assert ["Bắt nạt", str(Report.objects.filter(reason="bullying").count())] in lines
    assert admin_client.get("/bao-cao/bang/khong-co.csv").status_code == 404


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_the_word_file_follows_the_administrative_layout(admin_client):
    response = admin_client.get("/bao-cao/tai/docx/" + SEMESTER)
    document = Document(io.BytesIO(body(response)))
    text = docx_text(document)
    for expected in (
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "PHÒNG GD&ĐT QUẬN HOÀN KIẾM", "TRƯỜNG TIỂU HỌC HOA SEN", "Số: …/BC-THHS", "BÁO CÁO",
        "Kết quả thực hiện giáo dục an toàn cho học sinh trên môi trường mạng học kỳ I năm học 2026-2027",
        "Nơi nhận:", "- Lưu: VT.", "HIỆU TRƯỞNG", "Nguyễn Thị Mai",
    ):  # fmt: skip
        assert expected in text, expected
    today = timezone.localdate()
    assert f"Hà Nội, ngày {today:%d} tháng {today:%m} năm {today:%Y}" in text
    section = document.sections[0]
    assert round(section.page_width.cm) == 21 and round(section.left_margin.cm) == 3
    # The forum table: header and figures in cells.
    assert any(row.cells[0].text == "Bài viết" and row.cells[1].text == "30" for t in document.tables for row in t.rows)  # fmt: skip
    assert len(document.inline_shapes) >= 8  # the charts, as pictures


@pytest.mark.libreoffice
def test_libreoffice_converts_the_word_file_to_a_pdf_with_pages(admin_client, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (CI installs libreoffice-writer-nogui)")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(body(admin_client.get("/bao-cao/tai/docx/" + SEMESTER)))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) >= 2, "a report with eight charts fills more than one A4 page"
