"""What one family and the school say about one pupil: conversations and absence notes.

A conversation belongs to one pupil and to the class the pupil was in when it
started: the pupil's guardians on one side, that class's homeroom teacher (and
an administrator who opened it for a complaint, see `SchoolReview`) on the
other. Pupils take no part: there is no channel between staff and a child.

Nothing here is deleted by the people who wrote it: a withdrawn message keeps
its text (for the audit) and only shows as withdrawn.
"""

import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.storage import private_media_storage

MAX_BODY = 2000  # characters in one message: a long letter, not an essay
MAX_ATTACHMENTS = 3


class Conversation(models.Model):
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("học sinh"),
    )
    # The class at the start: its homeroom teacher answers, its list shows it.
    school_class = models.ForeignKey(
        "accounts.SchoolClass",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lớp"),
    )
    subject = models.CharField(_("chủ đề"), max_length=150)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người bắt đầu"),
    )
    created_at = models.DateTimeField(_("bắt đầu lúc"), default=timezone.now)
    last_message_at = models.DateTimeField(_("tin nhắn cuối lúc"), default=timezone.now)
    # True while the family's latest message has no answer from the school yet.
    awaiting_school = models.BooleanField(_("chờ nhà trường trả lời"), default=False)

    class Meta:
        verbose_name = _("cuộc trao đổi")
        verbose_name_plural = _("cuộc trao đổi")
        ordering = ["-last_message_at", "-id"]
        indexes = [
            # The class list: unanswered first, then the most recent.
            models.Index(
                fields=["school_class", "-awaiting_school", "-last_message_at", "-id"],
                name="conversation_class_queue",
            ),
            models.Index(fields=["pupil", "-last_message_at"], name="conversation_pupil"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("conversations:detail", args=[self.pk])


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người viết"),
    )
    from_school = models.BooleanField(_("từ phía nhà trường"), default=False)
    body = models.TextField(_("nội dung"), max_length=MAX_BODY)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    # Withdrawn by its author: the text stays for the audit, the pages hide it.
    withdrawn_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_thread")]

    def __str__(self) -> str:
        return f"{self.author_id} → {self.conversation_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def attachment_path(instance: "Attachment", filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"conversations/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, storage=private_media_storage)
    name = models.CharField(_("tên tệp"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conversations:attachment", args=[self.pk])


class ReadState(models.Model):
    """Up to when one person has read one conversation."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="read_states"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("đã đọc đến"), default=timezone.now)

    class Meta:
        verbose_name = _("trạng thái đã đọc")
        verbose_name_plural = _("trạng thái đã đọc")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_read_state")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.conversation_id}"


class SchoolReview(models.Model):
    """An administrator opened the conversation for a complaint; the family is told."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người xem"),
    )
    reason = models.TextField(_("lý do"))
    created_at = models.DateTimeField(_("xem lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lượt nhà trường xem")
        verbose_name_plural = _("lượt nhà trường xem")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["conversation", "reviewer", "-created_at"], name="review_access")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} @ {self.conversation_id}"


WEEKDAY_NAMES = (
    _("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật"),
)  # fmt: skip


class OfficeHours(models.Model):
    """When a teacher answers families: weekdays (0 = Monday) and a daily window."""

    teacher = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_hours",
        verbose_name=_("giáo viên"),
    )
    weekdays = models.CharField(_("các ngày"), max_length=7, default="01234")
    starts_at = models.TimeField(_("từ giờ"), default=time(7, 0))
    ends_at = models.TimeField(_("đến giờ"), default=time(17, 0))

    class Meta:
        verbose_name = _("giờ tiếp phụ huynh")
        verbose_name_plural = _("giờ tiếp phụ huynh")

    def __str__(self) -> str:
        return f"{self.teacher_id}: {self.weekdays} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    @property
    def days(self) -> list[int]:
        return sorted({int(c) for c in self.weekdays if c.isdigit() and int(c) < 7})

    def day_names(self) -> str:
        return ", ".join(str(WEEKDAY_NAMES[d]) for d in self.days)

    def covers(self, moment: datetime) -> bool:
        local = timezone.localtime(moment)
        return local.weekday() in self.days and self.starts_at <= local.time() < self.ends_at

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next local moment the window opens after `moment` (None: no day chosen)."""
        local = timezone.localtime(moment)
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            if day.weekday() not in self.days:
                continue
            opening = timezone.make_aware(datetime.combine(day, self.starts_at))
            if opening > local:
                return opening
        return None


class DayPart(models.TextChoices):
    WHOLE_DAY = "day", _("Cả ngày")
    MORNING = "morning", _("Buổi sáng")
    AFTERNOON = "afternoon", _("Buổi chiều")


class AbsenceReason(models.TextChoices):
    ILL = "ill", _("Ốm")
    FAMILY = "family", _("Việc gia đình")
    OTHER = "other", _("Khác")


class AbsenceNoteQuerySet(models.QuerySet["AbsenceNote"]):
    def on(self, day: date) -> "AbsenceNoteQuerySet":
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def between(self, first: date, last: date) -> "AbsenceNoteQuerySet":
        return self.filter(starts_on__lte=last, ends_on__gte=first)


class AbsenceNote(models.Model):
    """ "Xin phép nghỉ học": a guardian tells the school the child will be absent."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("học sinh"),
    )
    school_class = models.ForeignKey(
        "accounts.SchoolClass", on_delete=models.PROTECT, related_name="+", verbose_name=_("lớp")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    part = models.CharField(
        _("buổi"), max_length=10, choices=DayPart.choices, default=DayPart.WHOLE_DAY
    )
    reason = models.CharField(_("lý do"), max_length=10, choices=AbsenceReason.choices)
    details = models.TextField(_("ghi chú"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhận"),
    )
    acknowledged_at = models.DateTimeField(_("đã nhận lúc"), null=True, blank=True)

    objects = AbsenceNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("giấy xin phép nghỉ học")
        verbose_name_plural = _("giấy xin phép nghỉ học")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["school_class", "starts_on", "ends_on"], name="absence_class_day"),
            models.Index(fields=["starts_on", "ends_on"], name="absence_day"),
            models.Index(fields=["pupil", "-starts_on"], name="absence_pupil"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_range_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id} {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1
