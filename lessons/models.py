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
from lib.storage import private_media_storage

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


class Audience(models.TextChoices):
    """Who a lesson is for. Pupils by grade is a lesson; the others are training modules."""

    PUPILS = "pupils", _("Học sinh (theo khối lớp)")
    STAFF = "staff", _("Cán bộ, giáo viên (bồi dưỡng)")
    STAFF_AND_FAMILIES = "staff_families", _("Cán bộ, giáo viên và phụ huynh (nội quy)")


TRAINING_AUDIENCES = (Audience.STAFF, Audience.STAFF_AND_FAMILIES)


class LessonQuerySet(models.QuerySet["Lesson"]):
    def published(self) -> "LessonQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def for_grades(self, grades: list[int]) -> "LessonQuerySet":
        return self.filter(self._grades_match(grades))

    def training(self) -> "LessonQuerySet":
        """Training modules: lessons for staff (and, for rules, families), not pupils."""
        return self.filter(audience__in=TRAINING_AUDIENCES)

    def visible_to(self, user) -> "LessonQuerySet":
        """What `user` may read: staff every published lesson and module and their own
        in any state; pupils the published lessons for their grade; parents those for
        their children's grades and the modules addressed to families; visitors
        nothing. Pupils never see a training module. One query for the grades."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_school_staff:
            return self.filter(Q(status=Status.PUBLISHED) | Q(author=user))
        for_pupils = Q(audience=Audience.PUPILS) & self._grades_match(current_grades_for(user))
        if user.is_parent:
            return self.published().filter(for_pupils | Q(audience=Audience.STAFF_AND_FAMILIES))
        return self.published().filter(for_pupils)

    @staticmethod
    def _grades_match(grades: list[int]) -> Q:
        match = Q(pk__in=[])
        for grade in grades:
            match |= Q(min_grade__lte=grade, max_grade__gte=grade)
        return match


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
    # --- media (lessons.authoring) ---
    cover = models.ImageField(
        _("ảnh bìa"), upload_to="lessons/covers/%Y/%m/", storage=private_media_storage, blank=True
    )
    cover_alt = models.CharField(_("mô tả ảnh bìa"), max_length=200, blank=True)
    # The cover COVER_THUMB_WIDTH wide (WebP) for the lesson list, made with the cover.
    cover_thumb = models.ImageField(
        upload_to="lessons/covers/%Y/%m/", storage=private_media_storage, blank=True, editable=False
    )
    # --- end of media ---
    # Staff training (lessons/training.py): who the lesson is for, and the stable key of
    # a starter lesson installed by `install_curriculum` (never reinstalled once present).
    audience = models.CharField(
        _("dành cho"), max_length=16, choices=Audience.choices, default=Audience.PUPILS
    )
    starter_key = models.SlugField(
        _("mã bài mẫu"), max_length=60, null=True, blank=True, unique=True, editable=False
    )
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
        indexes = [
            models.Index(fields=["status", "min_grade", "max_grade"], name="lesson_grades"),
            models.Index(fields=["audience", "status", "title"], name="lesson_audience"),
        ]
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
        if self.is_training:
            return reverse("lessons:module_detail", kwargs={"slug": self.slug})
        return reverse("lessons:lesson_detail", kwargs={"slug": self.slug})

    @property
    def is_training(self) -> bool:
        return self.audience in TRAINING_AUDIENCES

    @property
    def grades_label(self) -> str:
        if self.is_training:
            return str(self.get_audience_display())
        if self.min_grade == self.max_grade:
            return str(_("Lớp %(grade)s") % {"grade": self.min_grade})
        return str(_("Lớp %(first)s–%(last)s") % {"first": self.min_grade, "last": self.max_grade})


class Section(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu đề phần"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    # --- media (lessons.authoring): private files, content types sniffed on upload ---
    video = models.FileField(
        _("video"), upload_to="lessons/video/%Y/%m/", storage=private_media_storage, blank=True
    )
    video_type = models.CharField(max_length=20, blank=True, editable=False)
    video_size = models.PositiveBigIntegerField(default=0, editable=False)
    poster = models.ImageField(
        _("ảnh xem trước video"),
        upload_to="lessons/posters/%Y/%m/",
        storage=private_media_storage,
        blank=True,
    )
    audio = models.FileField(
        _("bài nghe"), upload_to="lessons/audio/%Y/%m/", storage=private_media_storage, blank=True
    )
    audio_type = models.CharField(max_length=20, blank=True, editable=False)
    audio_size = models.PositiveBigIntegerField(default=0, editable=False)
    # --- end of media ---

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
    # The right order of the steps is their position; the right partner of a
    # situation is the `match_text` of its own row (see lessons/grading.py).
    ORDER = "order", _("Xếp các bước theo thứ tự")
    MATCH = "match", _("Nối tình huống với cách làm")


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại câu hỏi"), max_length=12, choices=QuestionKind.choices)
    text = models.TextField(_("câu hỏi"))
    explanation = models.TextField(
        _("giải thích"), help_text=_("Hiện sau khi em trả lời; viết nhẹ nhàng cho các em.")
    )
    # A recording of the question for pupils who do not read yet ("Nghe"), served
    # only through lessons.quiz_views.question_audio, which checks the reader.
    audio = models.FileField(
        _("ghi âm câu hỏi"),
        upload_to="lessons/audio/%Y/%m/",
        blank=True,
        storage=private_media_storage,
    )
    audio_type = models.CharField(max_length=40, blank=True, editable=False)

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
    # A picture answer (one or several answers); `text` is then its description.
    image = models.ImageField(
        _("ảnh"), upload_to="lessons/choices/%Y/%m/", blank=True, storage=private_media_storage
    )
    # Match questions: `text` is the situation, `match_text` what to do.
    match_text = models.CharField(_("cách làm"), max_length=300, blank=True)

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
    # The quiz page's one-time token: a second POST of the same page finds this
    # attempt instead of making another (unique per pupil, empty for old rows).
    token = models.CharField(max_length=43, blank=True, editable=False)

    class Meta:
        verbose_name = _("lượt làm bài")
        verbose_name_plural = _("lượt làm bài")
        ordering = ["-finished_at", "-id"]
        indexes = [models.Index(fields=["pupil", "lesson", "-score"], name="attempt_best")]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "token"], condition=~Q(token=""), name="attempt_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pupil} — {self.lesson}: {self.score}/{self.total}"


# --- media and revisions (authoring) ----------------------------------------------------
#
# Lessons are not public, so their files are private (lib.storage): only
# lessons.authoring_views hands them out, to people who may read the lesson.
# (The cover and section file fields sit at the end of Lesson and Section, marked
# "media": inside the classes so that the type checker knows them.)


class Worksheet(models.Model):
    """A PDF pupils may download with a section (phiếu học tập)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="worksheets")
    file = models.FileField(upload_to="lessons/worksheets/%Y/%m/", storage=private_media_storage)
    name = models.CharField(_("tên tệp"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("phiếu học tập")
        verbose_name_plural = _("phiếu học tập")
        ordering = ["section", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("lessons:worksheet_file", kwargs={"pk": self.pk})


class LessonRevision(models.Model):
    """The text of a lesson as one save left it: title, goals and every section."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(max_length=200)
    goals = models.TextField(blank=True)
    # [{"title": …, "body": …}, …] in the lesson's order at that moment.
    sections = models.JSONField(default=list)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("phiên bản bài học")
        verbose_name_plural = _("phiên bản bài học")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["lesson", "-created_at", "-id"], name="lesson_revisions"),
        ]

    def __str__(self) -> str:
        return f"{self.lesson_id} @ {self.created_at:%d/%m/%Y %H:%M}"


# --- Staff training: confirmations and reminders (lessons/training.py) -------------------


class TrainingConfirmation(models.Model):
    """ "Tôi đã đọc và hiểu": one per person per module, with the date.

    A person completes a module when they confirmed and, if it has a quiz, passed it
    at 70 % (training.PASS_PERCENT); the service refuses to confirm before the pass.
    """

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="confirmations", verbose_name=_("mô-đun")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_confirmations",
        verbose_name=_("người xác nhận"),
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("xác nhận đã đọc và hiểu")
        verbose_name_plural = _("xác nhận đã đọc và hiểu")
        ordering = ["lesson", "-confirmed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "person"], name="one_confirmation_per_person")
        ]
        indexes = [
            models.Index(fields=["person", "lesson"], name="confirmation_person"),
            # The confirmation list of a module, newest first.
            models.Index(fields=["lesson", "-confirmed_at"], name="confirmation_lesson_date"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.lesson}"


class TrainingReminder(models.Model):
    """An admin reminded a module's pending people: at most once a day per module."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("mô-đun")
    )
    day = models.DateField(_("ngày nhắc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người nhắc"),
    )
    sent_at = models.DateTimeField(_("nhắc lúc"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("số người được nhắc"), default=0)

    class Meta:
        verbose_name = _("lần nhắc bồi dưỡng")
        verbose_name_plural = _("lần nhắc bồi dưỡng")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "day"], name="one_training_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.lesson} — {self.day}"


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
