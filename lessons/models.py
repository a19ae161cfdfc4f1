"""Lessons pupils learn from: a lesson, its ordered sections, its quiz, and attempts.

Visibility is a query (`Lesson.objects.visible_to(user)`): a lesson suits a
range of grades (min_grade..max_grade) and pupils and parents see the published
lessons for their own (or their children's) current grade. Visitors see none:
a lesson belongs with its quiz and its attempts, which only pupils with an
account can take; the public safe-internet guidance stays in the news app.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Enrolment

from .stickers import DEFAULT_PASS_MARK, STICKERS

GRADES = [(g, str(g)) for g in range(1, 6)]


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đang chờ duyệt")
    RETURNED = "returned", _("Đã trả lại")
    PUBLISHED = "published", _("Đã xuất bản")


def current_grades_for(user) -> list[int]:
    """The current grades of a pupil (their class) or of a parent's children. One query."""
    if user.is_pupil:
        enrolments = Enrolment.objects.current().filter(pupil=user)
    elif user.is_parent:
        enrolments = Enrolment.objects.current().filter(pupil__guardians__parent=user)
    else:
        return []
    return sorted(set(enrolments.values_list("school_class__grade", flat=True)))


class LessonQuerySet(models.QuerySet["Lesson"]):
    def published(self) -> "LessonQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def for_grades(self, grades: list[int]) -> "LessonQuerySet":
        match = Q(pk__in=[])
        for grade in grades:
            match |= Q(min_grade__lte=grade, max_grade__gte=grade)
        return self.filter(match)

    def visible_to(self, user) -> "LessonQuerySet":
        """What `user` may read: staff every published lesson and their own in any
        state; pupils and parents the published ones for their (children's) grade;
        visitors nothing. One query for a pupil's or parent's grades."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_school_staff:
            return self.filter(Q(status=Status.PUBLISHED) | Q(author=user))
        return self.published().for_grades(current_grades_for(user))


class Lesson(models.Model):
    title = models.CharField(_("tên bài học"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=90, unique=True, editable=False)
    min_grade = models.PositiveSmallIntegerField(
        _("từ lớp"), choices=GRADES, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    max_grade = models.PositiveSmallIntegerField(
        _("đến lớp"), choices=GRADES, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    goals = models.TextField(_("mục tiêu bài học"), blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("thời gian (phút)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("người soạn"),
    )
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    review_comment = models.TextField(_("nhận xét của ban biên tập"), blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("xuất bản lúc"), null=True, blank=True)
    # Issue 11: the share of right answers that completes the lesson, and its sticker.
    pass_mark = models.PositiveSmallIntegerField(
        _("điểm đạt (%)"),
        default=DEFAULT_PASS_MARK,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Học sinh cần trả lời đúng ít nhất chừng này phần trăm để hoàn thành bài."),
    )
    sticker = models.CharField(_("huy hiệu"), max_length=20, choices=STICKERS, default="star")

    objects = LessonQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")
        ordering = ["min_grade", "title", "id"]
        indexes = [models.Index(fields=["status", "min_grade", "max_grade"], name="lesson_grades")]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    min_grade__gte=1, max_grade__lte=5, min_grade__lte=models.F("max_grade")
                ),
                name="lesson_grade_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("lessons:lesson_detail", kwargs={"slug": self.slug})

    @property
    def grades_label(self) -> str:
        if self.min_grade == self.max_grade:
            return str(_("Lớp %(grade)s") % {"grade": self.min_grade})
        return str(_("Lớp %(first)s–%(last)s") % {"first": self.min_grade, "last": self.max_grade})


class Section(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu đề phần"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("phần bài học")
        verbose_name_plural = _("phần bài học")
        ordering = ["lesson", "position", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    ONE = "one", _("Chọn một đáp án")
    SEVERAL = "several", _("Chọn nhiều đáp án")
    TRUE_FALSE = "true_false", _("Đúng hay sai?")


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại câu hỏi"), max_length=12, choices=QuestionKind.choices)
    text = models.TextField(_("câu hỏi"))
    explanation = models.TextField(
        _("giải thích"), help_text=_("Hiện sau khi em trả lời; viết nhẹ nhàng cho các em.")
    )

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        ordering = ["lesson", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("đáp án"), max_length=300)
    is_correct = models.BooleanField(_("đúng"), default=False)

    class Meta:
        verbose_name = _("đáp án")
        verbose_name_plural = _("đáp án")
        ordering = ["question", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    """One submitted quiz. `answers` maps a question id to the chosen choice ids."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_attempts",
        verbose_name=_("học sinh"),
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("bài học")
    )
    score = models.PositiveSmallIntegerField(_("số câu đúng"))
    total = models.PositiveSmallIntegerField(_("số câu hỏi"))
    answers = models.JSONField(_("câu trả lời"), default=dict)
    finished_at = models.DateTimeField(_("nộp lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lượt làm bài")
        verbose_name_plural = _("lượt làm bài")
        ordering = ["-finished_at", "-id"]
        indexes = [models.Index(fields=["pupil", "lesson", "-score"], name="attempt_best")]

    def __str__(self) -> str:
        return f"{self.pupil} — {self.lesson}: {self.score}/{self.total}"


# --- assignments, reading progress, stickers (issue 11) ---------------------------------
# Kept in one block at the end of the module: lessons/assignments.py reads them,
# lessons/progress.py writes them.


class Assignment(models.Model):
    """A published lesson given to the pupils of one audience (accounts.audiences key:
    `class:<id>:pupil`, `grade:<n>:pupil` or `school:pupil`) from `opens_at`, until
    `due_at` (none: no deadline). A pupil gets it when the key is one of theirs and
    the lesson suits their grade."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("bài học")
    )
    audience = models.CharField(_("giao cho"), max_length=40)
    school_class = models.ForeignKey(
        "accounts.SchoolClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lesson_assignments",
        verbose_name=_("lớp"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người giao"),
    )
    opens_at = models.DateTimeField(_("mở từ"))
    due_at = models.DateTimeField(_("hạn nộp"), null=True, blank=True)
    created_at = models.DateTimeField(_("giao lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bài được giao")
        verbose_name_plural = _("bài được giao")
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["audience", "-opens_at"], name="assignment_audience")]
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "audience"], name="one_assignment_per_audience"
            ),
            models.CheckConstraint(
                condition=Q(due_at__isnull=True) | Q(due_at__gt=models.F("opens_at")),
                name="assignment_due_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lesson} → {self.audience}"


class LessonProgress(models.Model):
    """One pupil's progress in one lesson, kept up to date by lessons/progress.py (the
    section reader and the hook at the end of services.submit_attempt). Each attempt's
    answers stay in Attempt; this row holds the figures lists and grids show."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
        verbose_name=_("học sinh"),
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="progress", verbose_name=_("bài học")
    )
    opened_sections = models.JSONField(_("các phần đã đọc"), default=list)
    attempts = models.PositiveSmallIntegerField(_("số lần làm bài"), default=0)
    best_score = models.PositiveSmallIntegerField(_("điểm cao nhất"), null=True, blank=True)
    best_total = models.PositiveSmallIntegerField(_("trên số câu"), null=True, blank=True)
    latest_score = models.PositiveSmallIntegerField(_("điểm lần gần nhất"), null=True, blank=True)
    latest_total = models.PositiveSmallIntegerField(_("trên số câu"), null=True, blank=True)
    latest_attempt = models.ForeignKey(
        Attempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("tiến độ bài học")
        verbose_name_plural = _("tiến độ bài học")
        constraints = [
            models.UniqueConstraint(fields=["pupil", "lesson"], name="one_progress_per_pupil")
        ]

    def __str__(self) -> str:
        return f"{self.pupil} — {self.lesson}"

    @property
    def best_percent(self) -> int | None:
        if self.best_score is None or not self.best_total:
            return None
        return round(100 * self.best_score / self.best_total)


class Sticker(models.Model):
    """Earned once by completing a lesson. Seen by the pupil, their guardians and their
    teachers only: never listed with names for anyone else."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_stickers",
        verbose_name=_("học sinh"),
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="stickers", verbose_name=_("bài học")
    )
    image = models.CharField(_("hình"), max_length=20, choices=STICKERS)
    earned_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("huy hiệu")
        verbose_name_plural = _("huy hiệu")
        ordering = ["-earned_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "lesson"], name="one_sticker_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.pupil} — {self.lesson}"

    @property
    def static_path(self) -> str:
        return f"lessons/stickers/{self.image}.svg"


class ClassReminder(models.Model):
    """ "Nhắc": a teacher reminded the pupils of one class who have not finished one
    lesson. The constraint is the rule: once a day per lesson per class."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    school_class = models.ForeignKey(
        "accounts.SchoolClass", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("ngày"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    with_parents = models.BooleanField(_("nhắc cả phụ huynh"), default=False)
    recipients = models.PositiveIntegerField(_("số người được nhắc"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lần nhắc làm bài")
        verbose_name_plural = _("lần nhắc làm bài")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "school_class", "day"], name="one_reminder_per_class_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson} — {self.school_class} ({self.day:%d/%m/%Y})"
