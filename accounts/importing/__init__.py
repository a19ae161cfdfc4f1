"""Bulk import of class lists: upload → preview → confirm → background task → summary."""

import csv
import io

from django.db import transaction
from django.utils import timezone

from lib.exports import safe_row
from lib.tasks import enqueue

from ..models import ImportJob, ImportStatus, User
from ..services import check_administers, record_audit
from .parsing import ImportFileError, parse_upload, template_headers
from .validation import validate

__all__ = ["ImportFileError", "confirm_import", "prepare_import", "template_csv", "template_xlsx"]

SAMPLE_ROWS = [
    ["HS2026001", "Nguyễn Thị Ánh", "05/09/2019", "Nữ", "1A",
     "Nguyễn Văn Bình", "Bố", "0912345678", "binh@example.com", "Trần Thị Cúc", "Mẹ", "0987654321", ""],
    ["HS2026002", "Nguyễn Văn Minh", "12/03/2017", "Nam", "3B",
     "Nguyễn Văn Bình", "Bố", "0912345678", "binh@example.com", "", "", "", ""],
]  # fmt: skip


def prepare_import(*, upload, by: User) -> ImportJob:
    """Store the upload and its parsed preview. Writes nothing else (no account changes)."""
    check_administers(by)
    data = upload.read()
    upload.seek(0)
    job = ImportJob(created_by=by, original_name=upload.name[:200])
    try:
        parsed = parse_upload(upload.name, data)
        job.batch = validate(parsed)
        job.batch["ignored_headers"] = parsed.ignored_headers
        job.total = len(job.batch["rows"])
        job.status = ImportStatus.PREVIEW
    except ImportFileError as error:
        job.status = ImportStatus.INVALID
        job.error = str(error)
    if job.status == ImportStatus.PREVIEW:
        # Kept (privately) until confirmed or cancelled; a refused file is not kept.
        job.file.save(upload.name[-100:], upload, save=False)
    job.save()
    return job


def confirm_import(*, job: ImportJob, by: User) -> bool:
    """Queue the background import. False when the job is not waiting for confirmation."""
    from ..tasks import run_import_job

    check_administers(by)
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
            status=ImportStatus.QUEUED, confirmed_at=timezone.now()
        )
        if not updated:
            return False
        record_audit(
            actor=by,
            action="account.import_confirm",
            target=job,
            after=str(job.batch.get("counts", "")),
        )
        enqueue(run_import_job, job.pk)
    return True


@transaction.atomic
def cancel_import(*, job: ImportJob, by: User) -> bool:
    check_administers(by)
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.CANCELLED, batch={}, file=""
    )
    if updated:
        if job.file:
            job.file.delete(save=False)
        record_audit(actor=by, action="account.import_cancel", target=job)
    return bool(updated)


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(template_headers()))
    writer.writerows(safe_row(row) for row in SAMPLE_ROWS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append(safe_row(template_headers()))
    for row in SAMPLE_ROWS:
        sheet.append(safe_row(row))
    for column in sheet.columns:
        column[0].font = Font(bold=True)
        sheet.column_dimensions[column[0].column_letter].width = 22
    # Codes, dates and phones as text, so Excel keeps leading zeros.
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
