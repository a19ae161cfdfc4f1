"""Bulk import: preview first, nothing written until confirmed, idempotent, siblings share a parent."""

import unicodedata

import pytest
from django.test import override_settings

from accounts.credentials import unseal
from accounts.importing import confirm_import, prepare_import
from accounts.models import (
    AuditEntry,
    Enrolment,
    Guardianship,
    ImportJob,
    ImportStatus,
    InitialCredential,
    Role,
    User,
)

from .helpers import HEADERS_EN, csv_bytes, row, upload, xlsx_bytes

# What Excel's "CSV" (not "CSV UTF-8") gives on a Vietnamese Windows.
WINDOWS_1258 = unicodedata.normalize(
    "NFD", "Mã học sinh,Họ và tên,Lớp\nHS1,Nguyễn Thị Ánh,5A\n"
).encode("cp1258", errors="replace")
MOTHER = ("Trần Thị Cúc", "Mẹ", "0913 345 678", "cuc@example.com")
FATHER = ("Nguyễn Văn Bình", "Bố", "+84 987 000 111", "")


def prepare(personas, name, data):
    return prepare_import(upload=upload(name, data), by=personas.admin)


def run(personas, job, on_commit):
    with on_commit(execute=True):
        assert confirm_import(job=job, by=personas.admin)
    job.refresh_from_db()
    return job


def lines_with(job, text):
    return [p["line"] for p in job.batch["problems"] if text in p["message"]]


def test_preview_writes_nothing_until_confirmed(personas, django_capture_on_commit_callbacks):
    users_before = User.objects.count()
    data = csv_bytes(
        [row("HS1001", "Nguyễn Thị Ánh", p1=MOTHER), row("HS1002", "Lê Văn Bảo", "4B")]
    )
    job = prepare(personas, "lop.csv", data)
    assert job.status == ImportStatus.PREVIEW
    assert job.batch["counts"] == {
        "create": 2,
        "update": 0,
        "skip": 0,
        "invalid": 0,
        "new_parents": 1,
    }
    assert User.objects.count() == users_before
    job = run(personas, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.DONE
    anh = User.objects.get(pupil_code="HS1001")
    assert anh.username == "anhnt" and anh.role == Role.PUPIL and anh.must_change_password
    assert anh.check_password(unseal(anh.initial_credential.secret))
    assert Enrolment.objects.get(pupil=anh).school_class == personas.class_5a
    parent = Guardianship.objects.get(pupil=anh).parent
    assert parent.phone == "0913345678" and parent.username == "ph.cuctt"
    assert job.summary["created_pupils"] == 2 and job.summary["created_parents"] == 1
    # The uploaded list is not kept once its rows are in the accounts.
    assert not job.file and "rows" not in job.batch
    assert AuditEntry.objects.filter(action="account.import_create").count() == 3


def test_reimport_updates_and_never_duplicates(personas, django_capture_on_commit_callbacks):
    data = csv_bytes([row("HS1001", "Nguyễn Thị Ánh", p1=MOTHER)])
    run(personas, prepare(personas, "a.csv", data), django_capture_on_commit_callbacks)
    again = prepare(personas, "a.csv", data)
    assert again.batch["counts"]["skip"] == 1 and again.batch["counts"]["create"] == 0
    moved = csv_bytes([row("HS1001", "Nguyễn Thị Ngọc Ánh", "4B", p1=MOTHER)])
    job = prepare(personas, "b.csv", moved)
    assert job.batch["counts"]["update"] == 1
    job = run(personas, job, django_capture_on_commit_callbacks)
    assert User.objects.filter(pupil_code="HS1001").count() == 1
    pupil = User.objects.get(pupil_code="HS1001")
    assert pupil.full_name == "Nguyễn Thị Ngọc Ánh"
    assert Enrolment.objects.get(pupil=pupil).school_class == personas.class_4b
    assert User.objects.filter(role=Role.PARENT, phone="0913345678").count() == 1


def test_siblings_share_one_parent_account_matched_by_phone_or_email(
    personas, django_capture_on_commit_callbacks
):
    data = csv_bytes(
        [
            row("HS2001", "Phạm Minh Khoa", "5A", p1=("Phạm Văn Long", "Bố", "0901111222", "")),
            row("HS2002", "Phạm Thu Hà", "4B", p1=("Phạm Văn Long", "Bố", "0901 111 222", "")),
            # Same parent known by e-mail only, in a later file: matched to the existing account.
            row(
                "HS0001",
                "Nguyễn Văn An",
                "5A",
                p1=("Nguyễn Thị Bích", "Mẹ", "", "BICH@example.com"),
            ),
        ]
    )
    run(personas, prepare(personas, "anh-chi-em.csv", data), django_capture_on_commit_callbacks)
    long = User.objects.get(role=Role.PARENT, phone="0901111222")
    assert set(long.guardianships.values_list("pupil__pupil_code", flat=True)) == {
        "HS2001",
        "HS2002",
    }
    assert User.objects.filter(full_name="Phạm Văn Long").count() == 1
    assert (
        Guardianship.objects.filter(pupil=personas.pupil_an, parent=personas.parent_an).count() == 1
    )


def test_every_kind_of_bad_row_is_listed_with_line_column_and_reason(personas):
    data = csv_bytes(
        [
            row("", "Thiếu Mã"),  # line 2
            row("HS3002", ""),  # line 3
            row("HS3003", "Lớp Lạ", "6C"),  # line 4
            row("HS3004", "Ngày Sai", dob="31/02/2016"),  # line 5
            row("HS3005", "Điện Thoại Sai", p1=("Lê Văn A", "Bố", "12345", "")),  # line 6
            row("HS3006", "Trùng Mã"),  # line 7
            row("HS3006", "Trùng Mã Hai"),  # line 8
            row("HS3009", "Email Sai", p1=("Lê Văn B", "Mẹ", "", "khong-phai-email")),  # line 9
            row("HS3010", "Giới Tính Lạ", gender="?"),  # line 10
            row("HS3011", "Quan Hệ Lạ", p1=("Lê Văn C", "Hàng xóm", "0911222333", "")),  # line 11
            row("HS3012", "Phụ Huynh Không Liên Lạc", p1=("Lê Văn D", "Bố", "", "")),  # line 12
            row("HS3013", "Đúng Cả"),  # line 13
        ]
    )
    job = prepare(personas, "loi.csv", data)
    by_line = {(p["line"], p["column"]): p["message"] for p in job.batch["problems"]}
    assert by_line[(2, "Mã học sinh")] == "Thiếu mã học sinh."
    assert by_line[(3, "Họ và tên")] == "Thiếu họ và tên học sinh."
    assert "Không có lớp “6C”" in by_line[(4, "Lớp")]
    assert "Ngày sinh “31/02/2016” không hợp lệ" in by_line[(5, "Ngày sinh")]
    assert "Số điện thoại “12345” không hợp lệ" in by_line[(6, "Phụ huynh 1 - Điện thoại")]
    assert "trùng với dòng 7" in by_line[(8, "Mã học sinh")]
    assert "E-mail “khong-phai-email” không hợp lệ" in by_line[(9, "Phụ huynh 1 - Email")]
    assert "Giới tính" in by_line[(10, "Giới tính")]
    assert "Quan hệ “Hàng xóm”" in by_line[(11, "Phụ huynh 1 - Quan hệ")]
    assert "cần số điện thoại hoặc e-mail" in by_line[(12, "Phụ huynh 1 - Điện thoại")]
    assert job.batch["counts"]["create"] == 2  # lines 7 and 13
    assert job.batch["counts"]["invalid"] == 10


def test_preview_page_shows_bad_rows_and_confirm_runs_to_summary(
    personas, client_for, django_capture_on_commit_callbacks
):
    client = client_for("admin")
    data = csv_bytes([row("HS4001", "Đỗ Minh Châu"), row("HS4002", "Vũ Thị Lan", "9Z")])
    response = client.post("/nguoi-dung/nhap-danh-sach/", {"file": upload("lop.csv", data)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    page = client.get(f"/nguoi-dung/nhap-danh-sach/{job.pk}/").content.decode()
    assert "Không có lớp “9Z” trong năm học hiện tại." in page
    assert "Đỗ Minh Châu" in page
    assert not User.objects.filter(pupil_code="HS4001").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nguoi-dung/nhap-danh-sach/{job.pk}/xac-nhan/")
    assert response.status_code == 302
    page = client.get(f"/nguoi-dung/nhap-danh-sach/{job.pk}/").content.decode()
    assert "Đã nhập xong." in page and "In phiếu tài khoản" in page
    # The summary still says which rows were skipped and why.
    assert "1 dòng lỗi đã bị bỏ qua" in page
    assert "Không có lớp “9Z” trong năm học hiện tại." in page
    assert User.objects.filter(pupil_code="HS4001").exists()
    assert not User.objects.filter(pupil_code="HS4002").exists()
    # Confirming twice does nothing more.
    client.post(f"/nguoi-dung/nhap-danh-sach/{job.pk}/xac-nhan/")
    assert User.objects.filter(pupil_code="HS4001").count() == 1


def test_xlsx_with_vietnamese_headers_and_title_row(personas, django_capture_on_commit_callbacks):
    data = xlsx_bytes([row("HS5001", "Hoàng Gia Huy", "4B", p1=FATHER)])
    job = prepare(personas, "lop.xlsx", data)
    assert job.batch["counts"]["create"] == 1, job.batch["problems"]
    run(personas, job, django_capture_on_commit_callbacks)
    parent = User.objects.get(role=Role.PARENT, phone="0987000111")
    assert parent.guardianships.get().relation == "father"


def test_english_headers_semicolons_and_no_bom(personas):
    data = csv_bytes([row("HS6001", "Bùi Thị Yến")], headers=HEADERS_EN, bom=False, delimiter=";")
    job = prepare(personas, "class.csv", data)
    assert job.batch["counts"]["create"] == 1, job.batch["problems"]


def test_xlsx_dates_and_numbers_as_cells(personas):
    import datetime as dt

    data = xlsx_bytes(
        [
            [
                "HS7001",
                "Lý Minh Tú",
                dt.datetime(2016, 4, 3),  # noqa: DTZ001 (Excel cells carry no zone)
                "Nam",
                "5A",
                "Lý Văn Tài",
                "Bố",
                912000111,
                "",
            ]
        ]
    )
    job = prepare(personas, "lop.xlsx", data)
    assert job.batch["counts"]["create"] == 1, job.batch["problems"]
    assert job.batch["rows"][0]["dob"] == "2016-04-03"
    assert job.batch["rows"][0]["parents"][0]["phone"] == "0912000111"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("lop.csv", b"", "Tệp trống"),
        ("lop.csv", "Mã học sinh,Họ và tên,Lớp\n".encode(), "chỉ có dòng tiêu đề"),
        ("lop.pdf", b"%PDF-1.4 ...", "Chỉ nhận tệp CSV"),
        ("lop.xls", b"\xd0\xcf\x11\xe0", "Excel 97-2003"),
        ("lop.xlsx", b"not a zip at all", "không phải tệp Excel .xlsx hợp lệ"),
        ("lop.csv", WINDOWS_1258, "không ở mã UTF-8"),
        ("lop.csv", "Mã học sinh,Họ và tên,Lớp\n".encode("utf-16"), "UTF-16"),
        ("lop.csv", "Tên,Tuổi\nAn,7\n".encode(), "Không tìm thấy dòng tiêu đề"),
        (
            "lop.csv",
            "Họ và tên,Ngày sinh\nAn,1/1/2016\n".encode(),
            "Thiếu cột bắt buộc: Mã học sinh, Lớp",
        ),
    ],
)
def test_bad_files_get_a_clear_message_and_write_nothing(personas, name, data, message):
    users = User.objects.count()
    job = prepare(personas, name, data)
    assert job.status == ImportStatus.INVALID
    assert message in job.error
    assert User.objects.count() == users
    assert not confirm_import(job=job, by=personas.admin)


def test_xlsx_formulas_are_refused_naming_the_cell(personas):
    job = prepare(
        personas, "lop.xlsx", xlsx_bytes([row("HS1", "An"), row("HS2", "Bình")], formula_at="B3")
    )
    assert job.status == ImportStatus.INVALID
    assert "Ô B3 chứa công thức" in job.error


@pytest.mark.slow
def test_fifty_thousand_rows_are_refused(personas):
    users = User.objects.count()
    rows = [row(f"HS{i:06d}", "Nguyễn Văn An") for i in range(50_000)]
    job = prepare(personas, "ca-tinh.xlsx", xlsx_bytes(rows))
    assert job.status == ImportStatus.INVALID
    assert "vượt giới hạn" in job.error and "10.000" in job.error
    csv_job = prepare(personas, "ca-tinh.csv", csv_bytes(rows))
    assert csv_job.status == ImportStatus.INVALID and "vượt giới hạn" in csv_job.error
    assert User.objects.count() == users


@override_settings(ACCOUNTS_IMPORT_MAX_BYTES=100)
def test_too_large_file_is_refused(personas):
    job = prepare(personas, "lop.csv", csv_bytes([row("HS1", "An")] * 10))
    assert job.status == ImportStatus.INVALID and "quá lớn" in job.error


def test_pupil_code_of_a_staff_account_is_refused(personas):
    personas.teacher_5a.pupil_code = "GV01"
    personas.teacher_5a.save(update_fields=["pupil_code"])
    job = prepare(personas, "lop.csv", csv_bytes([row("GV01", "Ai Đó")]))
    assert "không phải học sinh" in job.batch["problems"][0]["message"]
    assert job.batch["counts"]["create"] == 0


def test_templates_download_and_import_cleanly(personas, client_for):
    client = client_for("admin")
    for suffix in ("csv", "xlsx"):
        response = client.get(f"/nguoi-dung/nhap-danh-sach/mau.{suffix}")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
    # The template's sample classes (1A, 3B) do not exist here: the rows are reported, not crashed on.
    response = client.get("/nguoi-dung/nhap-danh-sach/mau.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    job = prepare(personas, "mau.csv", response.content)
    assert job.status == ImportStatus.PREVIEW
    assert lines_with(job, "Không có lớp “1A”") == [2]


def test_cancel_discards_the_batch(personas, client_for):
    job = prepare(personas, "lop.csv", csv_bytes([row("HS8001", "Mai Anh")]))
    client_for("admin").post(f"/nguoi-dung/nhap-danh-sach/{job.pk}/huy/")
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert not confirm_import(job=job, by=personas.admin)
    assert not InitialCredential.objects.exists()


def test_uploaded_list_is_stored_outside_media_and_never_kept_longer_than_needed(
    personas, settings, django_capture_on_commit_callbacks
):
    from pathlib import Path

    job = prepare(personas, "lop.csv", csv_bytes([row("HS9001", "Phan Thị Thu")]))
    stored = Path(job.file.path)
    assert stored.exists()
    assert Path(settings.ACCOUNTS_PRIVATE_ROOT) in stored.parents
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    run(personas, job, django_capture_on_commit_callbacks)
    assert not stored.exists()
    refused = prepare(personas, "lop.pdf", b"%PDF")
    assert not refused.file
    cancelled = prepare(personas, "huy.csv", csv_bytes([row("HS9002", "Phan Văn Huy")]))
    cancelled_path = Path(cancelled.file.path)
    from accounts.importing import cancel_import

    cancel_import(job=cancelled, by=personas.admin)
    assert not cancelled_path.exists()
