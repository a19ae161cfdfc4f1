"""What the school publishes: categories, articles, revisions, ratings, attachments, documents.

Visibility is always a query (`visible_to(user)`): published, `publish_at` in
the past, `expire_at` in the future or empty, and an audience the person
belongs to. No job flips flags at a scheduled time.
"""

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.audiences import keys_for
from lib.storage import private_media_storage


class Audience(models.TextChoices):
    PUBLIC = "public", _("Công khai")
    SCHOOL = "school", _("Người dùng đã đăng nhập")
    PUPILS = "school:pupil", pgettext_lazy("audience", "Học sinh")
    PARENTS = "school:parent", pgettext_lazy("audience", "Phụ huynh")
    STAFF = "staff", pgettext_lazy("audience", "Cán bộ, giáo viên")


class Category(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("chuyên mục cha"),
    )
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:category", kwargs={"slug": self.slug})


class Kind(models.TextChoices):
    NEWS = "news", _("Tin tức")
    GUIDANCE = "guidance", _("Hướng dẫn")


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đang chờ duyệt")
    RETURNED = "returned", _("Đã trả lại")
    PUBLISHED = "published", _("Đã xuất bản")
    ARCHIVED = "archived", _("Đã lưu trữ")


class ArticleQuerySet(models.QuerySet):
    def live(self, now=None):
        """Published and inside its publication window, whoever reads."""
        now = now or timezone.now()
        return self.filter(status=Status.PUBLISHED, publish_at__lte=now).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now)
        )

    def visible_to(self, user, now=None):
        """What `user` may read. One query for keys_for() on a logged-in user (cached)."""
        return self.live(now).filter(audience__in=keys_for(user))

    def public(self, now=None):
        return self.live(now).filter(audience=Audience.PUBLIC)

    def newest_first(self):
        return self.order_by("-publish_at", "-id")


class Article(models.Model):
    kind = models.CharField(_("loại bài"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("chuyên mục")
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=90, unique=True, editable=False)
    summary = models.TextField(_("tóm tắt"), max_length=600, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    audience = models.CharField(
        _("người đọc"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="news_articles",
        verbose_name=_("tác giả"),
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
    publish_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    expire_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    featured_image = models.ImageField(
        _("ảnh đại diện"), upload_to="news/images/%Y/%m/", blank=True
    )
    featured_alt = models.CharField(_("mô tả ảnh"), max_length=200, blank=True)
    # Only ever an embed address on an allowlisted host (video.video_embed_url).
    video_url = models.URLField(_("video"), blank=True)
    # {"320": "news/images/…_320.webp", …}; filled by a task after the upload.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    # Folded (no diacritics, lower case) copies kept by services.save_* for search.
    search_title = models.TextField(default="", editable=False)
    search_body = models.TextField(default="", editable=False)
    body_text = models.TextField(default="", editable=False)
    view_count = models.PositiveIntegerField(_("số lượt xem"), default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-publish_at", "-id"]
        indexes = [
            # Every list is "live, newest first", per kind, per category or overall.
            models.Index(fields=["status", "audience", "-publish_at", "-id"], name="news_live"),
            models.Index(
                fields=["category", "status", "-publish_at", "-id"], name="news_by_category"
            ),
            models.Index(fields=["kind", "status", "-publish_at", "-id"], name="news_by_kind"),
            models.Index(fields=["status", "-view_count"], name="news_most_read"),
            models.Index(fields=["status", "submitted_at"], name="news_queue"),
            models.Index(fields=["author", "-updated_at"], name="news_by_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expire_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(expire_at__gt=models.F("publish_at")),
                name="news_expires_after_publish",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:article_detail", kwargs={"slug": self.slug})

    def byline(self) -> str:
        """The author as readers see it. Staff sign with their name; no pupil name is
        ever shown to readers, so a pupil contributor signs as the team."""
        if self.author.is_school_staff:
            return str(self.author)
        return str(_("Cộng tác viên nhỏ"))

    @property
    def rating_average(self) -> float:
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else 0.0

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    def rendition_srcset(self) -> str:
        return ", ".join(
            f"{settings.MEDIA_URL}{path} {width}w"
            for width, path in sorted(self.renditions.items(), key=lambda item: int(item[0]))
        )


class Revision(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at", "-id"], name="news_revisions")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.created_at:%d/%m/%Y %H:%M}"


class Rating(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_ratings"
    )
    score = models.PositiveSmallIntegerField()
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="news_one_rating_per_user"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="news_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}"


class Attachment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="news/attachments/%Y/%m/", storage=private_media_storage)
    original_name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("news:attachment", kwargs={"pk": self.pk})

    @property
    def extension(self) -> str:
        return os.path.splitext(self.original_name)[1].lstrip(".").upper()


class InlineImage(models.Model):
    """A picture uploaded for use inside an article body (same upload path as featured images)."""

    image = models.ImageField(upload_to="news/inline/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    renditions = models.JSONField(default=dict, blank=True)
    # A picture is uploaded from the editor before its article may exist (a new
    # draft): it belongs to its uploader until a saved body uses it. Unclaimed
    # pictures older than a day are removed by the daily run.
    article = models.ForeignKey(
        "Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inline_images",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ảnh trong bài")
        verbose_name_plural = _("ảnh trong bài")
        indexes = [
            models.Index(
                fields=["uploaded_at"],
                condition=models.Q(claimed_at__isnull=True),
                name="news_inline_unclaimed",
            )
        ]

    def __str__(self) -> str:
        return self.image.name or ""


class DocumentType(models.TextChoices):
    PLAN = "plan", pgettext_lazy("document type", "Kế hoạch")
    LETTER = "letter", pgettext_lazy("document type", "Công văn")
    DECISION = "decision", pgettext_lazy("document type", "Quyết định")
    NOTICE = "notice", pgettext_lazy("document type", "Thông báo")
    GUIDELINE = "guideline", pgettext_lazy("document type", "Hướng dẫn")
    REPORT = "report", pgettext_lazy("document type", "Báo cáo")


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(audience__in=keys_for(user))

    def public(self):
        return self.filter(audience=Audience.PUBLIC)


class Document(models.Model):
    number = models.CharField(_("số, ký hiệu"), max_length=60, help_text="583/KH-PGDĐT")
    slug = models.SlugField(max_length=90, unique=True, editable=False)
    doc_type = models.CharField(_("loại văn bản"), max_length=12, choices=DocumentType.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    issued_on = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=1000)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("thay thế cho"),
    )
    audience = models.CharField(
        _("người đọc"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    file = models.FileField(
        _("tệp văn bản"), upload_to="news/documents/%Y/", storage=private_media_storage
    )
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0, editable=False)
    search_title = models.TextField(default="", editable=False)
    search_body = models.TextField(default="", editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["audience", "-issued_on", "-id"], name="news_doc_list"),
            models.Index(fields=["doc_type", "-issued_on", "-id"], name="news_doc_by_type"),
            models.Index(fields=["issuer", "-issued_on", "-id"], name="news_doc_by_issuer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gt=models.F("effective_on")),
                name="news_doc_expires_after_effective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.summary[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("news:document_detail", kwargs={"slug": self.slug})

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

    @property
    def extension(self) -> str:
        return os.path.splitext(self.file_name)[1].lstrip(".").upper()
