"""What people ask about their personal data: a download of it at once, and its
deletion, which a person (or a guardian for their child) asks and an admin decides."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from ..access import subjects_for
from ..models import DeletionRequest, DeletionStatus, Role, User
from ..services import check_administers, record_audit
from .data import build_export, erase_person


class DeletionRequestError(Exception):
    pass


def administrators() -> QuerySet[User]:
    return (
        User.objects.filter(role=Role.STAFF, is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__codename="administer"))
        .distinct()
    )


def export_data(*, subject: User, by: User) -> bytes:
    """The ZIP of `subject`'s personal data, for themselves or their guardian; audited.

    The audit row commits before the archive is built: a large export must not
    hold the database's write lock (SQLite takes it at BEGIN).
    """
    if not subjects_for(by).filter(pk=subject.pk).exists():
        raise PermissionDenied(_("Bạn không thể tải dữ liệu của tài khoản này."))
    record_audit(actor=by, action="privacy.export", target=subject)
    return build_export(subject, viewer=by)


def request_deletion(*, subject: User, by: User, reason: str = "") -> DeletionRequest:
    """`by` is the person, their guardian, or an admin recording a request made on paper.

    Raises PermissionDenied for anyone else, DeletionRequestError when the
    request cannot be made (already deleted, one already pending).
    """
    if not by.can_administer and not subjects_for(by).filter(pk=subject.pk).exists():
        raise PermissionDenied(_("Bạn không thể yêu cầu xoá tài khoản này."))
    if subject.is_deleted:
        raise DeletionRequestError(_("Tài khoản này đã được xoá."))
    try:
        with transaction.atomic():
            request = DeletionRequest.objects.create(
                subject=subject, requested_by=by, reason=reason
            )
            record_audit(
                actor=by, action="privacy.deletion_requested", target=subject, reason=reason
            )
            _notify_admins(request)
    except IntegrityError:
        raise DeletionRequestError(
            _("Đã có một yêu cầu xoá tài khoản này đang chờ nhà trường xử lý.")
        ) from None
    return request


def _notify_admins(request: DeletionRequest) -> None:
    notify(
        recipients=administrators(),
        kind="accounts.deletion_request",
        # No name in the title: notifications outlive the deletion they announce.
        title=_("Có yêu cầu xoá tài khoản mới cần xử lý"),
        url=reverse("accounts:deletion_detail", args=[request.pk]),
    )


@transaction.atomic
def complete_deletion(*, request: DeletionRequest, by: User, note: str = "") -> None:
    """Erase the person's data as the registry says, then close the request."""
    check_administers(by)
    locked = DeletionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != DeletionStatus.PENDING:
        raise DeletionRequestError(_("Yêu cầu này đã được xử lý."))
    subject = locked.subject
    record_audit(actor=by, action="privacy.deletion_completed", target=subject, reason=note)
    erase_person(subject)
    DeletionRequest.objects.filter(pk=locked.pk).update(
        status=DeletionStatus.COMPLETED,
        decided_by=by,
        decided_at=timezone.now(),
        decision_note=note,
        reason="",
    )


@transaction.atomic
def reject_deletion(*, request: DeletionRequest, by: User, note: str) -> None:
    check_administers(by)
    updated = DeletionRequest.objects.filter(pk=request.pk, status=DeletionStatus.PENDING).update(
        status=DeletionStatus.REJECTED, decided_by=by, decided_at=timezone.now(), decision_note=note
    )
    if not updated:
        raise DeletionRequestError(_("Yêu cầu này đã được xử lý."))
    record_audit(actor=by, action="privacy.deletion_rejected", target=request.subject, reason=note)
