"""Who people are: users, school years, classes, enrolments, guardians, audit."""

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .search import SEARCH_NAME_MAX_LENGTH, search_name_for
from .storage import private_storage


class Role(models.TextChoices):
    PUPIL = "pupil", _("Học sinh")
    PARENT = "parent", _("Phụ huynh")
    STAFF = "staff", _("Cán bộ, giáo viên")


class Capability(models.TextChoices):
    """Staff capabilities; each is a group holding one permission of the same codename."""

    PUBLISH = "publish", _("Ban biên tập")
    MODERATE = "moderate", _("Tổ cộng tác viên")
    ADMINISTER = "administer", _("Quản trị viên")
    # May propose articles for review; no moderation, no reports, no private data.
    # The only capability a pupil may hold (the school decides, per pupil).
    CONTRIBUTE = "contribute", _("Cộng tác viên viết bài")
    # Reads the periodic report (Báo cáo định kỳ) and issues it; staff the school chooses.
    REPORT = "report", _("Xem và phát hành báo cáo")


# Group names are data, not interface text: they stay Vietnamese in every language.
CAPABILITY_GROUPS = {
    Capability.PUBLISH: "Ban biên tập",
    Capability.MODERATE: "Tổ cộng tác viên",
    Capability.ADMINISTER: "Quản trị viên",
    Capability.CONTRIBUTE: "Cộng tác viên viết bài",
    Capability.REPORT: "Xem và phát hành báo cáo",
}

# Roles that may hold each capability: staff hold any; a pupil only CONTRIBUTE.
CAPABILITY_ROLES: dict[str, tuple[str, ...]] = {
    Capability.PUBLISH: ("staff",),
    Capability.MODERATE: ("staff",),
    Capability.ADMINISTER: ("staff",),
    Capability.CONTRIBUTE: ("staff", "pupil"),
    Capability.REPORT: ("staff",),
}

# What a deleted person's remaining rows show instead of their name.
DELETED_USER_NAME = "Người dùng đã xoá"


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class SchoolUserManager(UserManager):
    def pupils(self):
        return self.filter(role=Role.PUPIL)

    def parents(self):
        return self.filter(role=Role.PARENT)

    def staff_members(self):
        return self.filter(role=Role.STAFF)


class User(AbstractUser):
    # first_name/last_name stay empty: Vietnamese names are written whole,
    # family name first ("Nguyễn Thị Ánh"), and sorted by the given name.
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # full_name folded for search (no diacritics, đ→d, lower case); written by
    # save() and set explicitly wherever users are bulk-created or bulk-updated.
    search_name = models.CharField(
        max_length=SEARCH_NAME_MAX_LENGTH, blank=True, db_index=True, editable=False
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.PUPIL)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices, blank=True)
    pupil_code = models.CharField(
        _("mã học sinh"), max_length=30, null=True, blank=True, unique=True
    )
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=True,
        help_text=_("Tài khoản do nhà trường cấp phải đổi mật khẩu ở lần đăng nhập đầu."),
    )

    objects: ClassVar[SchoolUserManager] = SchoolUserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        permissions = [
            ("publish", _("Duyệt và xuất bản bài viết")),
            ("moderate", _("Kiểm duyệt diễn đàn")),
            ("administer", _("Quản trị tài khoản và nhà trường")),
            ("contribute", _("Đề xuất bài viết để duyệt")),
            ("report", _("Xem và phát hành báo cáo định kỳ")),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Django's own save paths (admin, forms, create_user) must keep the
        # folded name in step; bulk_create/bulk_update callers set it themselves.
        self.search_name = search_name_for(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def given_name(self) -> str:
        return (self.full_name or self.username).split()[-1]

    @property
    def is_pupil(self) -> bool:
        return self.role == Role.PUPIL

    @property
    def is_parent(self) -> bool:
        return self.role == Role.PARENT

    @property
    def is_school_staff(self) -> bool:
        return self.role == Role.STAFF

    def has_capability(self, capability: str) -> bool:
        """Capability check. Staff may hold any; a pupil only "contribute"; parents none."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        allowed_roles = CAPABILITY_ROLES.get(capability, (Role.STAFF,))
        return self.role in allowed_roles and self.has_perm(f"accounts.{capability}")

    @property
    def can_publish(self) -> bool:
        return self.has_capability(Capability.PUBLISH)

    @property
    def can_moderate(self) -> bool:
        return self.has_capability(Capability.MODERATE)

    @property
    def can_administer(self) -> bool:
        return self.has_capability(Capability.ADMINISTER)

    @property
    def can_contribute(self) -> bool:
        """May propose articles for review (editors may too: they may do more)."""
        return self.has_capability(Capability.CONTRIBUTE) or self.can_publish

    @property
    def can_report(self) -> bool:
        """May read and issue the periodic report: admins and the staff the school chose."""
        return self.has_capability(Capability.REPORT) or self.can_administer

    @property
    def is_deleted(self) -> bool:
        return self.full_name == DELETED_USER_NAME and not self.is_active


def display_name(user) -> str:
    return str(user)


class SchoolYearQuerySet(models.QuerySet["SchoolYear"]):
    def current(self) -> "SchoolYear | None":
        return self.filter(is_current=True).first()


class SchoolYear(models.Model):
    name = models.CharField(_("năm học"), max_length=20, unique=True, help_text="2026-2027")
    starts_on = models.DateField(_("ngày bắt đầu"))
    ends_on = models.DateField(_("ngày kết thúc"))
    is_current = models.BooleanField(_("năm học hiện tại"), default=False)
    # Empty: semester II starts on 15 January after the year's start (reports.periods).
    second_semester_starts_on = models.DateField(_("ngày bắt đầu học kỳ II"), null=True, blank=True)

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("năm học")
        verbose_name_plural = _("năm học")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_school_year"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SchoolClass(models.Model):
    year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="classes", verbose_name=_("năm học")
    )
    grade = models.PositiveSmallIntegerField(_("khối"), choices=[(g, str(g)) for g in range(1, 13)])
    name = models.CharField(_("tên lớp"), max_length=20, help_text="5A")
    homeroom_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_classes",
        limit_choices_to={"role": Role.STAFF},
        verbose_name=_("giáo viên chủ nhiệm"),
    )

    class Meta:
        verbose_name = _("lớp")
        verbose_name_plural = _("lớp")
        ordering = ["grade", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="unique_class_name_per_year")
        ]

    def __str__(self) -> str:
        return self.name


class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(school_class__year__is_current=True)


class Enrolment(models.Model):
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        limit_choices_to={"role": Role.PUPIL},
        verbose_name=_("học sinh"),
    )
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("lớp")
    )
    # Copied from the class so that "one class per pupil per year" is a plain
    # unique constraint the database enforces.
    year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", editable=False)
    enrolled_on = models.DateField(_("ngày vào lớp"), default=timezone.localdate)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("xếp lớp")
        verbose_name_plural = _("xếp lớp")
        constraints = [
            models.UniqueConstraint(fields=["pupil", "year"], name="one_class_per_pupil_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.pupil} — {self.school_class}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.year_id = self.school_class.year_id
        if kwargs.get("update_fields") is not None and "school_class" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "year"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.pupil_id and self.pupil.role != Role.PUPIL:
            raise ValidationError({"pupil": _("Chỉ học sinh mới được xếp lớp.")}, code="not_pupil")


class Relation(models.TextChoices):
    FATHER = "father", _("Bố")
    MOTHER = "mother", _("Mẹ")
    GRANDFATHER = "grandfather", _("Ông")
    GRANDMOTHER = "grandmother", _("Bà")
    GUARDIAN = "guardian", _("Người giám hộ")


class Guardianship(models.Model):
    parent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guardianships",
        limit_choices_to={"role": Role.PARENT},
        verbose_name=_("phụ huynh"),
    )
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guardians",
        limit_choices_to={"role": Role.PUPIL},
        verbose_name=_("học sinh"),
    )
    relation = models.CharField(
        _("quan hệ"), max_length=12, choices=Relation.choices, default=Relation.GUARDIAN
    )
    consent_given_at = models.DateTimeField(_("ngày đồng ý của phụ huynh"), null=True, blank=True)
    # Who recorded the consent (the parent on the site, or an admin from a paper
    # form) and what was agreed to, in the words shown at the time.
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi nhận đồng ý"),
    )
    consent_text = models.TextField(_("nội dung đồng ý"), blank=True)

    class Meta:
        verbose_name = _("người giám hộ")
        verbose_name_plural = _("người giám hộ")
        constraints = [
            models.UniqueConstraint(fields=["parent", "pupil"], name="unique_guardianship")
        ]

    def __str__(self) -> str:
        return f"{self.parent} ({self.get_relation_display()}) — {self.pupil}"

    def clean(self) -> None:
        errors = {}
        if self.parent_id and self.parent.role != Role.PARENT:
            errors["parent"] = ValidationError(
                _("Người giám hộ phải là tài khoản phụ huynh."), code="not_parent"
            )
        if self.pupil_id and self.pupil.role != Role.PUPIL:
            errors["pupil"] = ValidationError(
                _("Chỉ học sinh mới có người giám hộ."), code="not_pupil"
            )
        if errors:
            raise ValidationError(errors)


class AuditEntry(models.Model):
    """One immutable row per moderation, account or permission action."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    action = models.CharField(_("hành động"), max_length=60, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=40, blank=True)
    target_repr = models.CharField(_("đối tượng"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    before = models.TextField(_("trước"), blank=True)
    after = models.TextField(_("sau"), blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Nhật ký không thể sửa."), code="immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nhật ký không thể xoá."), code="immutable")


class SchoolSettings(models.Model):
    """The school's own choices, one row (pk=1), edited by admins on the site."""

    require_mfa_for_staff = models.BooleanField(
        _("bắt buộc xác thực hai lớp cho cán bộ"),
        default=False,
        help_text=_("Cán bộ, giáo viên chưa bật xác thực hai lớp sẽ được yêu cầu bật trước."),
    )
    pupils_need_consent_to_post = models.BooleanField(
        _("học sinh cần đồng ý của phụ huynh mới được đăng bài"),
        default=False,
        help_text=_("Học sinh chưa có đồng ý của phụ huynh chỉ được đọc diễn đàn."),
    )
    guardians_see_safeguarding_cases = models.BooleanField(
        _("phụ huynh xem được hồ sơ hỗ trợ an toàn của con"),
        default=True,
        help_text=_(
            "Khi bài viết của học sinh có dấu hiệu tự làm hại, bạo lực hoặc bị dụ dỗ, nhà trường "
            "mở một hồ sơ giao cho giáo viên chủ nhiệm. Bật: phụ huynh cũng xem được hồ sơ đó, "
            "trừ khi nội dung nhắc đến gia đình."
        ),
    )
    team_regulation = models.TextField(
        _("quy chế tổ cộng tác viên"),
        blank=True,
        help_text=_("Mỗi đoạn cách nhau một dòng trống."),
    )
    team_regulation_published = models.BooleanField(_("công bố quy chế"), default=False)
    # What the Word report (Nghị định 30/2020/NĐ-CP layout) prints around its figures.
    managing_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Phòng GD&ĐT quận Hoàn Kiếm"),
    )
    official_name = models.CharField(
        _("tên trường trên văn bản"),
        max_length=200,
        blank=True,
        help_text=_("Để trống: dùng tên trường của cổng thông tin."),
    )
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=100, blank=True, help_text=_("Ví dụ: Hà Nội")
    )
    report_symbol = models.CharField(
        _("ký hiệu báo cáo"), max_length=40, blank=True, help_text=_("Ví dụ: BC-THHS")
    )
    report_recipients = models.TextField(
        _("nơi nhận báo cáo"),
        blank=True,
        help_text=_("Mỗi nơi nhận một dòng, ví dụ: Phòng GD&ĐT; Lưu: VT."),
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=100, blank=True, help_text=_("Ví dụ: Hiệu trưởng")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cài đặt nhà trường")
        verbose_name_plural = _("cài đặt nhà trường")

    def __str__(self) -> str:
        return str(_("Cài đặt nhà trường"))

    @classmethod
    def load(cls) -> "SchoolSettings":
        """The one settings row, created with defaults on first use. One query."""
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class ImportStatus(models.TextChoices):
    INVALID = "invalid", _("Tệp không đọc được")
    PREVIEW = "preview", _("Chờ xác nhận")
    QUEUED = "queued", _("Đang chờ chạy")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")
    CANCELLED = "cancelled", _("Đã huỷ")


class ImportJob(models.Model):
    """One uploaded class list: parsed at upload, written only when confirmed."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("tên tệp"), max_length=200)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    error = models.TextField(_("lỗi"), blank=True)
    # The parsed batch: {"rows": [...clean rows...], "problems": [...], "plan": {...}}.
    batch = models.JSONField(_("dữ liệu đã đọc"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("số dòng cần ghi"), default=0)
    processed = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("lần nhập danh sách")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return int(100 * self.processed / self.total) if self.total else 0

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.RUNNING}


class InitialCredential(models.Model):
    """A password the school issued, kept (encrypted) only until it is printed and changed.

    Slips need the password in clear; it is stored encrypted with a key derived
    from SECRET_KEY and deleted as soon as the person chooses their own.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initial_credential",
        verbose_name=_("người dùng"),
    )
    secret = models.TextField(_("mật khẩu (mã hoá)"))
    issued_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người cấp"),
    )
    is_reissue = models.BooleanField(_("cấp lại"), default=False)

    class Meta:
        verbose_name = _("mật khẩu ban đầu")
        verbose_name_plural = _("mật khẩu ban đầu")

    def __str__(self) -> str:
        return str(self.user)


class DeletionStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ xử lý")
    COMPLETED = "completed", _("Đã xoá")
    REJECTED = "rejected", _("Từ chối")


class DeletionRequest(models.Model):
    """A person (or a guardian for their child) asks the school to delete an account."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deletion_requests",
        verbose_name=_("tài khoản cần xoá"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    reason = models.TextField(_("lý do"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DeletionStatus.choices,
        default=DeletionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    decision_note = models.TextField(_("ghi chú xử lý"), blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    decided_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu xoá tài khoản")
        verbose_name_plural = _("yêu cầu xoá tài khoản")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject"],
                condition=Q(status="pending"),
                name="one_pending_deletion_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"
