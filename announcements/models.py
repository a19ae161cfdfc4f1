"""Announcements from the school to families, pupils and staff, with read receipts.

An announcement is addressed to one or more audience keys (accounts/audiences.py),
stored one per row in `AnnouncementAudience` so that "what may this person see"
is one indexed `key__in=keys_for(user)` query. Publication and expiry are
times compared in queries: nothing flips a flag on a schedule.
"""

import uuid
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.audiences import keys_for
from lib.storage import PrivateFileStorage


class Priority(models.TextChoices):
    NORMAL = "normal", _("Bình thường")
    IMPORTANT = "important", _("Quan trọng")
    URGENT = "urgent", _("Khẩn")


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None) -> "AnnouncementQuerySet":
        now = now or timezone.now()
        return self.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now), publish_at__lte=now)

    def addressed_to(self, user):
        """Announcements whose audience includes `user` (published or not)."""
        return self.filter(
            Exists(
                AnnouncementAudience.objects.filter(
                    announcement=OuterRef("pk"), key__in=keys_for(user)
                )
            )
        )

    def visible_to(self, user, now=None):
        """What `user` may read: published, not expired, addressed to them."""
        return self.published(now).addressed_to(user)

    def with_read_state(self, user):
        """Annotate `is_read` (the person opened it) and `is_confirmed`."""
        receipts = ReadReceipt.objects.filter(announcement=OuterRef("pk"), user=user)
        return self.annotate(
            is_read=Exists(receipts),
            is_confirmed=Exists(receipts.filter(confirmed_at__isnull=False)),
        )

    def unread_by(self, user):
        return self.exclude(
            Exists(ReadReceipt.objects.filter(announcement=OuterRef("pk"), user=user))
        )

    def managed_by(self, user):
        """What `user` may follow up (read status, reminders): their own; everything for admins."""
        if user.can_administer:
            return self.all()
        return self.filter(author=user)


class Announcement(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)  # sanitised HTML (services.py)
    priority = models.CharField(
        _("mức độ"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    requires_confirmation = models.BooleanField(
        _("yêu cầu xác nhận đã đọc"),
        default=False,
        help_text=_("Người nhận bấm “Xác nhận đã đọc”; bạn theo dõi ai chưa xác nhận."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="announcements",
        verbose_name=_("người viết"),
    )
    publish_at = models.DateTimeField(_("đăng lúc"), default=timezone.now, db_index=True)
    expire_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    # Set once the in-app notifications and e-mails have been handed to the worker.
    fanned_out_at = models.DateTimeField(_("đã gửi thông báo lúc"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("nhắc lại lần cuối"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True) | Q(expire_at__gt=models.F("publish_at")),
                name="announcement_expires_after_publication",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("announcements:detail", args=[self.pk])

    @cached_property
    def audience_keys(self) -> list[str]:
        return [audience.key for audience in self.audiences.all()]

    def is_published(self, now=None) -> bool:
        now = now or timezone.now()
        return self.publish_at <= now and (self.expire_at is None or self.expire_at > now)


class AnnouncementAudience(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="audiences"
    )
    key = models.CharField(_("đối tượng"), max_length=40)

    class Meta:
        verbose_name = _("đối tượng nhận")
        verbose_name_plural = _("đối tượng nhận")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "key"], name="unique_audience_key")
        ]
        indexes = [models.Index(fields=["key", "announcement"], name="announcement_audience_key")]

    def __str__(self) -> str:
        return self.key


class PrivateStorage(PrivateFileStorage):
    """Outside MEDIA_ROOT: attachments are only served by a view that checks the audience."""

    root_setting = "ANNOUNCEMENT_FILES_ROOT"


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


def attachment_path(instance, filename: str) -> str:
    suffix = Path(filename).suffix.lower()[:10]
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, storage=private_storage)
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
        return reverse("announcements:attachment", args=[self.announcement_id, self.pk])


class ReadReceipt(models.Model):
    """First view = read; the button = confirmed. One row per person per announcement."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="receipts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="announcement_receipts",
        verbose_name=_("người đọc"),
    )
    read_at = models.DateTimeField(_("đã xem lúc"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt đọc")
        verbose_name_plural = _("lượt đọc")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="one_receipt_per_person")
        ]
        indexes = [models.Index(fields=["user", "announcement"], name="receipt_user")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.announcement_id}"


# --- Forms, sign-ups and polls (surveys.py, survey_views.py) ------------------
#
# A form ("phiếu") always rides on an announcement: attached to an existing one,
# or sent alone with a short announcement made for it. So its audience,
# publication, notifications and "who may see it" are the announcement's.
# Families answer it: a guardian answers for one child ("one per child", shared
# by the child's guardians) or once for the family (stored on one of the
# family's children, see surveys.family_anchor).


class AnswerPer(models.TextChoices):
    CHILD = "child", _("Mỗi học sinh một phiếu")
    FAMILY = "family", _("Mỗi gia đình một phiếu")


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("Chọn một")
    MULTIPLE = "multiple", _("Chọn nhiều")
    YES_NO = "yes_no", _("Có / Không")
    TEXT = "text", _("Trả lời ngắn")
    NUMBER = "number", _("Số")
    DATE = "date", _("Ngày")
    CONSENT = "consent", _("Đồng ý của phụ huynh")


CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTIPLE)
COUNTED_KINDS = (
    QuestionKind.CHOICE,
    QuestionKind.MULTIPLE,
    QuestionKind.YES_NO,
    QuestionKind.CONSENT,
)


class SurveyQuerySet(models.QuerySet):
    def open(self, now: datetime | None = None) -> "SurveyQuerySet":
        return self.filter(closes_at__gt=now or timezone.now())


class Survey(models.Model):
    announcement = models.OneToOneField(
        Announcement, on_delete=models.CASCADE, related_name="survey", verbose_name=_("thông báo")
    )
    answer_per = models.CharField(
        _("trả lời theo"), max_length=10, choices=AnswerPer.choices, default=AnswerPer.CHILD
    )
    closes_at = models.DateTimeField(_("hạn trả lời"), db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    last_reminded_at = models.DateTimeField(_("nhắc lần cuối"), null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu hỏi ý kiến")
        verbose_name_plural = _("phiếu hỏi ý kiến")
        ordering = ["closes_at", "pk"]

    def __str__(self) -> str:
        return self.announcement.title

    def get_absolute_url(self) -> str:
        return reverse("announcements:survey_answer", args=[self.pk])

    @property
    def per_child(self) -> bool:
        return self.answer_per == AnswerPer.CHILD

    def is_open(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) < self.closes_at


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại câu hỏi"), max_length=10, choices=QuestionKind.choices)
    label = models.CharField(_("câu hỏi"), max_length=300)
    help_text = models.CharField(_("gợi ý"), max_length=300, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=True)
    min_number = models.DecimalField(
        _("nhỏ nhất"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_number = models.DecimalField(
        _("lớn nhất"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    min_date = models.DateField(_("từ ngày"), null=True, blank=True)
    max_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def counted(self) -> bool:
        return self.kind in COUNTED_KINDS


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("lựa chọn"), max_length=200)

    class Meta:
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One family's (or one child's) answer to a form; guardians of the child share it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_responses_about",
        verbose_name=_("học sinh"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("người trả lời"),
    )
    created_at = models.DateTimeField(_("trả lời lúc"), default=timezone.now)
    updated_at = models.DateTimeField(_("sửa lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["survey", "pupil"], name="one_response_per_pupil")
        ]
        indexes = [models.Index(fields=["answered_by", "survey"], name="response_answered_by")]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pupil_id}"


class Answer(models.Model):
    """The value of one question in one response; the field used follows the question's kind."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.ManyToManyField(Choice, blank=True, related_name="answers")
    text = models.CharField(_("trả lời"), max_length=500, blank=True)
    number = models.DecimalField(_("số"), max_digits=12, decimal_places=2, null=True, blank=True)
    date = models.DateField(_("ngày"), null=True, blank=True)
    yes = models.BooleanField(_("có / đồng ý"), null=True, blank=True)
    # A consent: the guardian's name as they typed it, and when they gave (or refused) it.
    signed_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
