"""Background work of the accounts app (Django Tasks; db_worker in production)."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ImportJob, ImportStatus
from .services import record_audit

logger = logging.getLogger(__name__)


@task
def run_import_job(job_id: int) -> None:
    from .importing.apply import run_import

    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.QUEUED:
        return
    try:
        if job.created_by is None:  # user rows are never deleted; kept for the type checker
            raise PermissionDenied(_("Chỉ quản trị viên nhà trường được làm việc này."))
        summary = run_import(job, by=job.created_by)
    except Exception as error:
        logger.exception("Import %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return
    # The uploaded file and parsed rows name hundreds of children: once written
    # into accounts they are not kept twice. Counts and bad-row reasons stay.
    if job.file:
        job.file.delete(save=False)
    batch = {key: value for key, value in job.batch.items() if key != "rows"}
    with transaction.atomic():
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportStatus.DONE,
            summary=summary,
            finished_at=timezone.now(),
            file="",
            batch=batch,
        )
        record_audit(
            actor=job.created_by, action="account.import_done", target=job, after=str(summary)
        )
