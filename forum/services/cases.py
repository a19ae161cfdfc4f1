"""Private cases: questions and concerns a pupil or parent sends to the school."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_audit
from notifications.services import notify

from .. import conf
from ..access import is_forum_moderator, may_open_case, may_reply_case
from ..models import Case, CaseMessage, CaseStatus, SignalSource
from . import safeguarding
from .errors import Refused

# --- Private cases -------------------------------------------------------------------


def open_case(
    *,
    author: User,
    kind: str,
    category: str,
    title: str,
    body: str,
    hidden_from_guardians: bool,
) -> Case:
    """A pupil or parent asks the school. Only a pupil may hide it from their guardians.

    A pupil's words are screened: a child at risk raises the alarm (the case goes to the
    homeroom teacher at once); rude words or a phone number change nothing here, as only
    the school reads a case."""
    if not may_open_case(author):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        case = Case.objects.create(
            author=author,
            kind=kind,
            category=category,
            title=title.strip(),
            hidden_from_guardians=hidden_from_guardians and author.is_pupil,
            due_on=timezone.localdate() + timedelta(days=conf.CASE_DUE_DAYS),
            created_at=now,
            updated_at=now,
        )
        CaseMessage.objects.create(case=case, author=author, body=body.strip(), created_at=now)
        record_audit(actor=author, action="forum.case_open", target=case)
        safeguarding.alarm_if_urgent(
            author=author, source=SignalSource.CASE, title=case.title, body=body, case=case
        )
    return case


def reply_case(*, case: Case, by: User, body: str) -> CaseMessage:
    """The author, the assigned staff member or a collaborator writes in the case; a
    message from staff answers it, one from the author reopens an answered case."""
    if not may_reply_case(by, case):
        raise PermissionDenied
    if not body.strip():
        raise Refused(_("Nội dung trả lời không được để trống."), code="empty")
    from_staff = by.is_school_staff
    now = timezone.now()
    with transaction.atomic():
        message = CaseMessage.objects.create(
            case=case, author=by, body=body.strip(), from_staff=from_staff, created_at=now
        )
        fields = ["updated_at"]
        case.updated_at = now
        if from_staff:
            if case.first_answered_at is None:
                case.first_answered_at = now
                fields.append("first_answered_at")
            if case.status in (CaseStatus.NEW, CaseStatus.IN_PROGRESS):
                case.status = CaseStatus.ANSWERED
                fields.append("status")
            notify(
                recipients=[case.author],
                kind="forum.case_answer",
                title=_("Nhà trường đã trả lời: %(title)s") % {"title": case.title},
                url=case.get_absolute_url(),
            )
        else:
            if case.status == CaseStatus.ANSWERED:
                case.status = CaseStatus.IN_PROGRESS
                fields.append("status")
            if case.assigned_to is not None:
                notify(
                    recipients=[case.assigned_to],
                    kind="forum.case_message",
                    title=_("Có tin nhắn mới: %(title)s") % {"title": case.title},
                    url=case.get_absolute_url(),
                )
        case.save(update_fields=fields)
        record_audit(actor=by, action="forum.case_reply", target=case, after=body.strip())
        safeguarding.alarm_if_urgent(
            author=by, source=SignalSource.CASE_MESSAGE, body=body, case=case
        )
    return message


def _case_state(case: Case) -> str:
    """A case's assignment, status and due date as the audit log prints them."""
    due = case.due_on.strftime("%d/%m/%Y") if case.due_on else "—"
    return _("Phụ trách: %(who)s; trạng thái: %(status)s; hạn: %(due)s") % {
        "who": case.assigned_to or _("chưa giao"),
        "status": case.get_status_display(),
        "due": due,
    }


def manage_case(
    *, case: Case, by: User, assigned_to: User | None, status: str, due_on: date | None
) -> Case:
    """Collaborators assign a case to a staff member, set its status (closing or
    reopening it) and its due date."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    if assigned_to is not None and not assigned_to.is_school_staff:
        # Whoever it is assigned to reads the case: never a pupil or a parent.
        raise Refused(_("Chỉ giao được cho cán bộ, giáo viên."), code="assignee_not_staff")
    with transaction.atomic():
        before = _case_state(case)
        case.assigned_to = assigned_to
        case.status = status
        case.due_on = due_on
        case.updated_at = timezone.now()
        case.save(update_fields=["assigned_to", "status", "due_on", "updated_at"])
        record_audit(
            actor=by,
            action="forum.case_manage",
            target=case,
            before=before,
            after=_case_state(case),
        )
        if assigned_to is not None and assigned_to.pk != by.pk:
            notify(
                recipients=[assigned_to],
                kind="forum.case_assigned",
                title=_("Bạn được giao xử lý: %(title)s") % {"title": case.title},
                url=case.get_absolute_url(),
            )
    return case
