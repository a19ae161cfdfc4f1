"""Writes with rules about conversations and absence notes. Views, the seed and the
admin call these; each takes the acting person (`by`) and decides their rights
itself, raising PermissionDenied before anything is written.
"""

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Enrolment, Guardianship, User
from accounts.services import record_audit
from notifications.services import notify

from . import access
from .models import (
    MAX_ATTACHMENTS,
    MAX_BODY,
    AbsenceNote,
    AbsenceReason,
    Attachment,
    Conversation,
    DayPart,
    Message,
    OfficeHours,
    ReadState,
    SchoolReview,
)

WITHDRAW_WINDOW = timedelta(minutes=5)
MAX_BACKDATE_DAYS = 3
MAX_ABSENCE_DAYS = 30  # a longer absence is a conversation with the school, not a note
MAX_AHEAD_DAYS = 60


# --- Who is on which side ---------------------------------------------------------------


def side_of(by: User, conversation: Conversation) -> str:
    """FAMILY or SCHOOL for a person who may write in `conversation`; PermissionDenied otherwise."""
    if not by.is_active:
        raise PermissionDenied(_("Bạn không tham gia cuộc trao đổi này."))
    if (
        by.is_parent
        and Guardianship.objects.filter(parent=by, pupil=conversation.pupil_id).exists()
    ):
        return access.FAMILY
    if by.is_school_staff:
        if conversation.school_class.homeroom_teacher_id == by.pk:
            return access.SCHOOL
        if by.can_administer and access.has_recent_review(by, conversation):
            return access.SCHOOL
    raise PermissionDenied(_("Bạn không tham gia cuộc trao đổi này."))


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError(_("Hãy viết nội dung tin nhắn."), code="empty")
    if len(body) > MAX_BODY:
        raise ValidationError(
            _("Tin nhắn dài quá (%(count)s ký tự, tối đa %(max)s).")
            % {"count": len(body), "max": MAX_BODY},
            code="too_long",
        )
    return body


def _guardians(pupil_id: int) -> list[User]:
    return [
        g.parent
        for g in Guardianship.objects.filter(pupil_id=pupil_id, parent__is_active=True)
        .select_related("parent")
        .order_by("pk")
    ]


def _notify_other_side(message: Message, conversation: Conversation) -> None:
    pupil = conversation.pupil
    if message.from_school:
        recipients = _guardians(conversation.pupil_id)
        title = _("Giáo viên trả lời về em %(pupil)s: %(subject)s")
    else:
        teacher = conversation.school_class.homeroom_teacher
        recipients = [teacher] if teacher is not None else []
        title = _("Phụ huynh em %(pupil)s nhắn: %(subject)s")
    notify(
        recipients=[person for person in recipients if person.pk != message.author_id],
        kind="conversations.message",
        title=title % {"pupil": pupil.full_name, "subject": conversation.subject},
        url=conversation.get_absolute_url(),
        body=message.body[:300],
    )


def _store_attachments(message: Message, files: Sequence[UploadedFile]) -> None:
    for upload in files:
        attachment = Attachment(
            message=message,
            uploaded_by=message.author,
            name=upload.name[:200] if upload.name else "tep",
            size=upload.size or 0,
            content_type=getattr(upload, "content_type", "") or "",
        )
        attachment.file.save(upload.name or "tep", upload, save=False)
        attachment.save()


def _write(
    *, by: User, conversation: Conversation, side: str, body: str, files: Sequence[UploadedFile]
) -> Message:
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            _("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS},
            code="too_many_files",
        )
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        author=by,
        from_school=side == access.SCHOOL,
        body=body,
        created_at=now,
    )
    _store_attachments(message, files)
    conversation.last_message_at = now
    conversation.awaiting_school = side == access.FAMILY
    conversation.save(update_fields=["last_message_at", "awaiting_school"])
    ReadState.objects.update_or_create(
        conversation=conversation, user=by, defaults={"read_at": now}
    )
    _notify_other_side(message, conversation)
    return message


# --- Conversations ---------------------------------------------------------------------


@transaction.atomic
def start_conversation(
    *,
    by: User,
    pupil: User,
    subject: str,
    body: str,
    files: Sequence[UploadedFile] = (),
) -> Conversation:
    """A guardian or the pupil's homeroom teacher starts a conversation about `pupil`."""
    enrolment = (
        Enrolment.objects.current()
        .filter(pupil=pupil)
        .select_related("school_class__homeroom_teacher")
        .first()
    )
    if by.is_parent and by.is_active:
        if not Guardianship.objects.filter(parent=by, pupil=pupil).exists():
            raise PermissionDenied(_("Bạn chỉ nhắn tin được về con của mình."))
        side = access.FAMILY
    elif by.is_school_staff and by.is_active:
        if enrolment is None or enrolment.school_class.homeroom_teacher_id != by.pk:
            raise PermissionDenied(
                _("Bạn chỉ nhắn tin được với gia đình học sinh lớp mình chủ nhiệm.")
            )
        side = access.SCHOOL
    else:
        raise PermissionDenied(_("Bạn không thể bắt đầu cuộc trao đổi."))
    if enrolment is None or enrolment.school_class.homeroom_teacher_id is None:
        raise ValidationError(
            _("Lớp của em chưa có giáo viên chủ nhiệm; vui lòng liên hệ văn phòng nhà trường."),
            code="no_teacher",
        )
    subject = " ".join(subject.split())[:150]
    if not subject:
        raise ValidationError(_("Hãy đặt chủ đề cho cuộc trao đổi."), code="no_subject")
    body = _check_body(body)
    conversation = Conversation.objects.create(
        pupil=pupil,
        school_class=enrolment.school_class,
        subject=subject,
        started_by=by,
    )
    _write(by=by, conversation=conversation, side=side, body=body, files=files)
    return conversation


@transaction.atomic
def post_message(
    *, by: User, conversation: Conversation, body: str, files: Sequence[UploadedFile] = ()
) -> Message:
    side = side_of(by, conversation)
    body = _check_body(body)
    return _write(by=by, conversation=conversation, side=side, body=body, files=files)


@transaction.atomic
def withdraw_message(*, by: User, message: Message, now: datetime | None = None) -> Message:
    """The author withdraws their message within WITHDRAW_WINDOW; the text is kept."""
    message = Message.objects.select_for_update().select_related("conversation").get(pk=message.pk)
    if message.author_id != by.pk:
        raise PermissionDenied(_("Bạn chỉ thu hồi được tin nhắn của mình."))
    if message.is_withdrawn:
        return message
    now = now or timezone.now()
    if now - message.created_at > WITHDRAW_WINDOW:
        raise ValidationError(
            _("Chỉ thu hồi được tin nhắn trong 5 phút sau khi gửi."), code="too_late"
        )
    message.withdrawn_at = now
    message.save(update_fields=["withdrawn_at"])
    conversation = message.conversation
    # An unanswered question withdrawn leaves nothing to answer, unless earlier ones wait.
    latest = (
        conversation.messages.filter(withdrawn_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    awaiting = latest is not None and not latest.from_school
    if awaiting != conversation.awaiting_school:
        conversation.awaiting_school = awaiting
        conversation.save(update_fields=["awaiting_school"])
    record_audit(actor=by, action="conversations.withdraw", target=message)
    return message


def mark_read(*, by: User, conversation: Conversation) -> None:
    """`by` has read everything in `conversation` so far: one UPDATE on every visit but
    the first. Call after the access check."""
    now = timezone.now()
    mine = ReadState.objects.filter(conversation=conversation, user=by)
    if mine.update(read_at=now):
        return
    try:
        with transaction.atomic():
            ReadState.objects.create(conversation=conversation, user=by, read_at=now)
    except IntegrityError:  # the same person's other tab got there first
        mine.update(read_at=now)


@transaction.atomic
def open_for_review(*, by: User, conversation: Conversation, reason: str) -> SchoolReview:
    """An administrator opens a family's conversation for a complaint: audited, and shown
    to the family ("Nhà trường đã xem cuộc trao đổi này")."""
    if not by.is_active or not by.can_administer:
        raise PermissionDenied(_("Chỉ ban giám hiệu được xem cuộc trao đổi khi có khiếu nại."))
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise ValidationError(
            _("Hãy ghi rõ lý do (ví dụ: khiếu nại của phụ huynh ngày …), ít nhất 10 ký tự."),
            code="no_reason",
        )
    review = SchoolReview.objects.create(conversation=conversation, reviewer=by, reason=reason)
    record_audit(actor=by, action="conversations.review", target=conversation, reason=reason)
    return review


@transaction.atomic
def set_office_hours(
    *, by: User, weekdays: Sequence[int], starts_at: time, ends_at: time
) -> OfficeHours:
    if not by.is_school_staff or not by.is_active:
        raise PermissionDenied(_("Chỉ giáo viên đặt giờ tiếp phụ huynh."))
    if starts_at >= ends_at:
        raise ValidationError(_("Giờ bắt đầu phải trước giờ kết thúc."), code="bad_window")
    days = "".join(str(d) for d in sorted(set(weekdays)) if 0 <= d <= 6)
    if not days:
        raise ValidationError(_("Hãy chọn ít nhất một ngày."), code="no_days")
    hours, _created = OfficeHours.objects.update_or_create(
        teacher=by, defaults={"weekdays": days, "starts_at": starts_at, "ends_at": ends_at}
    )
    return hours


# --- Absence notes -----------------------------------------------------------------------


def check_absence_dates(starts_on: date, ends_on: date, today: date) -> None:
    if ends_on < starts_on:
        raise ValidationError(_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."), code="order")
    if starts_on < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise ValidationError(
            _("Chỉ xin phép được cho những ngày từ %(day)s trở đi (không quá 3 ngày trước).")
            % {"day": (today - timedelta(days=MAX_BACKDATE_DAYS)).strftime("%d/%m/%Y")},
            code="backdated",
        )
    if starts_on > today + timedelta(days=MAX_AHEAD_DAYS):
        raise ValidationError(_("Chỉ xin phép trước được tối đa 60 ngày."), code="too_far")
    if (ends_on - starts_on).days + 1 > MAX_ABSENCE_DAYS:
        raise ValidationError(
            _(
                "Một giấy xin phép nghỉ tối đa 30 ngày; nghỉ dài hơn xin liên hệ giáo viên chủ nhiệm."
            ),
            code="too_long",
        )


@transaction.atomic
def submit_absence(
    *,
    by: User,
    pupil: User,
    starts_on: date,
    ends_on: date | None = None,
    part: str = DayPart.WHOLE_DAY,
    reason: str,
    details: str = "",
) -> AbsenceNote:
    """A guardian tells the school their child will be absent; the teacher is notified at once."""
    if not by.is_parent or not by.is_active:
        raise PermissionDenied(_("Chỉ phụ huynh gửi giấy xin phép nghỉ học."))
    if not Guardianship.objects.filter(parent=by, pupil=pupil).exists():
        raise PermissionDenied(_("Bạn chỉ xin phép được cho con của mình."))
    ends_on = ends_on or starts_on
    check_absence_dates(starts_on, ends_on, timezone.localdate())
    if part not in DayPart.values or reason not in AbsenceReason.values:
        raise ValidationError(_("Hãy chọn buổi nghỉ và lý do."), code="choice")
    if part != DayPart.WHOLE_DAY and ends_on != starts_on:
        raise ValidationError(_("Nghỉ một buổi chỉ chọn được cho một ngày."), code="part_range")
    enrolment = (
        Enrolment.objects.current()
        .filter(pupil=pupil)
        .select_related("school_class__homeroom_teacher")
        .first()
    )
    if enrolment is None:
        raise ValidationError(
            _("Em chưa được xếp lớp năm học này; vui lòng liên hệ văn phòng nhà trường."),
            code="no_class",
        )
    note = AbsenceNote.objects.create(
        pupil=pupil,
        school_class=enrolment.school_class,
        submitted_by=by,
        starts_on=starts_on,
        ends_on=ends_on,
        part=part,
        reason=reason,
        details=details.strip()[:500],
    )
    teacher = enrolment.school_class.homeroom_teacher
    if teacher is not None:
        notify(
            recipients=[teacher],
            kind="conversations.absence",
            title=_("Xin phép nghỉ học: em %(pupil)s, %(when)s")
            % {"pupil": pupil.full_name, "when": absence_dates(note)},
            url=reverse("conversations:class_detail", args=[enrolment.school_class_id]),
            body=f"{note.get_reason_display()}. {note.details}".strip(),
        )
    return note


def absence_dates(note: AbsenceNote) -> str:
    if note.starts_on == note.ends_on:
        text = note.starts_on.strftime("%d/%m/%Y")
    else:
        text = f"{note.starts_on:%d/%m/%Y}–{note.ends_on:%d/%m/%Y}"
    return f"{text} ({note.get_part_display()})"


@transaction.atomic
def acknowledge_absence(*, by: User, note: AbsenceNote) -> AbsenceNote:
    """The homeroom teacher (or an administrator) answers "Đã nhận"; the family is told."""
    note = (
        AbsenceNote.objects.select_for_update()
        .select_related("pupil", "school_class")
        .get(pk=note.pk)
    )
    is_teacher = note.school_class.homeroom_teacher_id == by.pk
    if not by.is_active or not by.is_school_staff or not (is_teacher or by.can_administer):
        raise PermissionDenied(_("Chỉ giáo viên chủ nhiệm xác nhận giấy xin phép."))
    if note.acknowledged_at is not None:
        return note
    note.acknowledged_by = by
    note.acknowledged_at = timezone.now()
    note.save(update_fields=["acknowledged_by", "acknowledged_at"])
    notify(
        recipients=_guardians(note.pupil_id),
        kind="conversations.absence_ack",
        title=_("Giáo viên đã nhận giấy xin phép nghỉ của em %(pupil)s (%(when)s)")
        % {"pupil": note.pupil.full_name, "when": absence_dates(note)},
        url=reverse("conversations:absence_list"),
    )
    return note
