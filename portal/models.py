"""The school website's own content: pages, the work calendar, links, visit statistics."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audiences import keys_for
from lib.storage import private_media_storage


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self.published().filter(audience__in=keys_for(user))


class Page(models.Model):
    """A standing page of the school website: Giới thiệu, Liên hệ, regulations…"""

    title = models.CharField(_("tiêu đề"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    body = models.TextField(_("nội dung"), help_text=_("HTML được làm sạch khi lưu."))
    menu_order = models.PositiveSmallIntegerField(
        _("thứ tự trên menu"),
        null=True,
        blank=True,
        help_text=_("Trang có thứ tự trên menu hiện trong menu đầu trang (mục “Nhà trường”)."),
    )
    # An audience key (accounts.audiences): "public" for everyone, or e.g. "school" for
    # people with an account. The menu hides a page from whoever may not read it.
    audience = models.CharField(_("đối tượng xem"), max_length=40, default="public")
    is_published = models.BooleanField(_("đang hiển thị"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("trang thông tin")
        verbose_name_plural = _("trang thông tin")
        ordering = ["menu_order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("page_detail", kwargs={"slug": self.slug})


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        if getattr(user, "is_authenticated", False) and user.is_active and user.is_school_staff:
            return self
        return self.filter(staff_only=False)

    def between(self, start, end):
        """Events that overlap [start, end)."""
        return self.filter(starts_at__lt=end).filter(
            Q(ends_at__gte=start) | Q(ends_at__isnull=True, starts_at__gte=start)
        )


class Event(models.Model):
    """One line of the work calendar (lịch công tác)."""

    title = models.CharField(_("nội dung công việc"), max_length=300)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    location = models.CharField(_("địa điểm"), max_length=200, blank=True)
    host = models.CharField(_("chủ trì"), max_length=200, blank=True)
    participants = models.CharField(_("thành phần"), max_length=300, blank=True)
    staff_only = models.BooleanField(_("chỉ cán bộ, giáo viên xem"), default=False)
    for_families = models.BooleanField(
        _("dành cho gia đình"),
        default=False,
        help_text=_("Hiện trong lịch riêng của học sinh và phụ huynh (đăng ký trên điện thoại)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch công tác")
        verbose_name_plural = _("lịch công tác")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class WebsiteLink(models.Model):
    title = models.CharField(_("tên website"), max_length=120)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class VisitDay(models.Model):
    """Visits per day. No IP address or visitor id is ever stored."""

    day = models.DateField(_("ngày"), unique=True)
    visits = models.PositiveIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.visits}"


def today():
    return timezone.localdate()


class AlbumQuerySet(models.QuerySet):
    def visible_to(self, user):
        if getattr(user, "is_authenticated", False) and user.is_active:
            return self
        return self.filter(is_public=True)


class Album(models.Model):
    """A photo album (thư viện ảnh). Albums are for logged-in families unless
    the school decides one is public: children's faces are personal data."""

    title = models.CharField(_("tên album"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    description = models.TextField(_("mô tả"), blank=True)
    is_public = models.BooleanField(
        _("công khai"),
        default=False,
        help_text=_("Chỉ công khai album không có ảnh chụp rõ mặt học sinh."),
    )
    photo_count = models.PositiveIntegerField(_("số ảnh"), default=0, editable=False)
    cover = models.ForeignKey(
        "Photo", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    objects = AlbumQuerySet.as_manager()

    class Meta:
        verbose_name = _("album ảnh")
        verbose_name_plural = _("album ảnh")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="album_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("album_detail", kwargs={"slug": self.slug})


class Photo(models.Model):
    album = models.ForeignKey(
        Album, on_delete=models.CASCADE, related_name="photos", verbose_name=_("album")
    )
    # Dimensions come from the cleaned image; Pillow is not asked to reopen it.
    # Private storage: photos are served by a view that checks the album's audience.
    image = models.ImageField(_("ảnh"), upload_to="gallery/%Y/%m/", storage=private_media_storage)
    small = models.ImageField(
        upload_to="gallery/%Y/%m/", blank=True, editable=False, storage=private_media_storage
    )
    medium = models.ImageField(
        upload_to="gallery/%Y/%m/", blank=True, editable=False, storage=private_media_storage
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["album", "id"]

    def __str__(self) -> str:
        return self.caption or f"#{self.pk}"


class FaqEntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class FaqEntry(models.Model):
    """One question and answer of the "Hỏi đáp" page, written by the editors."""

    question = models.CharField(_("câu hỏi"), max_length=300)
    answer = models.TextField(_("trả lời"), help_text=_("HTML được làm sạch khi lưu."))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_published = models.BooleanField(_("đang hiển thị"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = FaqEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi thường gặp")
        verbose_name_plural = _("câu hỏi thường gặp")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question


class ContactTopic(models.TextChoices):
    ENROLMENT = "enrolment", _("Tuyển sinh")
    FEES = "fees", _("Học phí, các khoản thu")
    IT = "it", _("Tài khoản, kỹ thuật")
    OTHER = "other", _("Khác")


class ContactStatus(models.TextChoices):
    NEW = "new", _("Mới")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


class ContactMessage(models.Model):
    """What a visitor wrote through the "Liên hệ" form, for the school's admins."""

    name = models.CharField(_("họ và tên"), max_length=100)
    reply_to = models.CharField(_("e-mail hoặc số điện thoại"), max_length=200)
    topic = models.CharField(_("chủ đề"), max_length=20, choices=ContactTopic.choices)
    message = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ContactStatus.choices, default=ContactStatus.NEW
    )

    class Meta:
        verbose_name = _("thư liên hệ")
        verbose_name_plural = _("thư liên hệ")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_topic_display()}"


class MenuKind(models.TextChoices):
    GROUP = "group", _("Nhóm (chỉ mở danh sách mục con)")
    PAGE = "page", _("Trang thông tin")
    CATEGORY = "category", _("Chuyên mục tin tức")
    BUILTIN = "builtin", _("Trang có sẵn của cổng")
    ADDRESS = "address", _("Địa chỉ")


class MenuItem(models.Model):
    """One entry of the header menu; a top-level entry may hold one level of sub-items.

    What it points to depends on `kind`; portal.menu resolves it (and hides what the
    reader may not open). Written only through portal.services.
    """

    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc mục"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=MenuKind.choices)
    label = models.CharField(
        _("tên hiển thị"),
        max_length=60,
        blank=True,
        help_text=_("Để trống để dùng tên của trang, chuyên mục hoặc trang có sẵn."),
    )
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trang"),
    )
    category = models.ForeignKey(
        "news.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chuyên mục"),
    )
    builtin = models.CharField(_("trang có sẵn"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục menu")
        verbose_name_plural = _("menu đầu trang")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["parent", "position", "id"], name="menu_item_order")]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class HomeAudience(models.TextChoices):
    VISITOR = "visitor", _("Khách")
    PUPIL = "pupil", _("Học sinh")
    PARENT = "parent", _("Phụ huynh")
    STAFF = "staff", _("Cán bộ, giáo viên")


class HomeBlockPlacement(models.Model):
    """Whether and where one home-page block shows for one audience.

    A block without a row for an audience uses its default from portal.home_blocks,
    so a new block needs no migration.
    """

    block = models.CharField(_("khối"), max_length=40)
    audience = models.CharField(_("đối tượng"), max_length=10, choices=HomeAudience.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_shown = models.BooleanField(_("hiển thị"), default=True)

    class Meta:
        verbose_name = _("khối trang nhất")
        verbose_name_plural = _("khối trang nhất")
        ordering = ["audience", "position", "block"]
        constraints = [
            models.UniqueConstraint(
                fields=["block", "audience"], name="home_block_once_per_audience"
            )
        ]

    def __str__(self) -> str:
        return f"{self.block} ({self.audience})"


class HomeFeature(models.Model):
    """The article the "Bài nổi bật" block shows (one row, pk=1)."""

    article = models.ForeignKey(
        "news.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bài nổi bật"),
    )

    class Meta:
        verbose_name = _("bài nổi bật trên trang nhất")
        verbose_name_plural = _("bài nổi bật trên trang nhất")

    def __str__(self) -> str:
        return str(self.article or "—")


# --- Online support, app links, official channels, official headlines, private feeds ---


class SupportSettings(models.Model):
    """The school's contact points, one row (pk=1) edited by admins: the "Hỗ trợ trực
    tuyến" block and page, and the "Kênh thông tin chính thức" page."""

    hotline = models.CharField(_("đường dây nóng"), max_length=20, blank=True)
    zalo_url = models.URLField(_("Zalo Official Account"), blank=True)
    fanpage_url = models.URLField(_("trang Facebook chính thức"), blank=True)
    email = models.EmailField(_("e-mail văn phòng"), blank=True)
    email_domain = models.CharField(
        _("tên miền e-mail chính thức"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: thcs-abc.edu.vn. Thư của nhà trường chỉ gửi từ tên miền này."),
    )
    office_hours = models.CharField(_("giờ làm việc"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin hỗ trợ")
        verbose_name_plural = _("thông tin hỗ trợ")

    def __str__(self) -> str:
        return str(_("Thông tin hỗ trợ"))

    @classmethod
    def current(cls) -> "SupportSettings":
        """The saved row, or an empty unsaved one: reading never writes."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class SupportContact(models.Model):
    """The person to call about one topic (tuyển sinh, học phí, tài khoản…)."""

    topic = models.CharField(_("việc cần hỏi"), max_length=100)
    name = models.CharField(_("người phụ trách"), max_length=100)
    phone = models.CharField(_("số điện thoại"), max_length=20)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("người phụ trách theo việc")
        verbose_name_plural = _("người phụ trách theo việc")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.topic}: {self.name}"


class AppLink(models.Model):
    """An app the school uses (the ministry's, the province's), with its re-encoded icon."""

    title = models.CharField(_("tên ứng dụng"), max_length=100)
    url = models.URLField(_("địa chỉ"))
    icon = models.ImageField(_("biểu tượng"), upload_to="app-links/", blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("liên kết ứng dụng")
        verbose_name_plural = _("liên kết ứng dụng")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class FakePageStatus(models.TextChoices):
    NEW = "new", _("Mới")
    CHECKING = "checking", _("Đang kiểm tra")
    REPORTED = "reported", _("Đã báo nền tảng, cơ quan chức năng")
    CLOSED = "closed", _("Đã xong")


class FakePageReport(models.Model):
    """A "Báo trang giả mạo" report, from anyone; handled by the collaborator team.

    A visitor has no account, so the report is not a forum case (a case needs an
    author who can read the answer); the contact they gave, if any, is kept here."""

    address = models.CharField(_("địa chỉ trang giả mạo"), max_length=500)
    what_happened = models.TextField(_("trang đó đã làm gì"))
    contact = models.CharField(_("liên hệ của người báo"), max_length=200, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người báo (nếu đã đăng nhập)"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=FakePageStatus.choices, default=FakePageStatus.NEW
    )
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("báo trang giả mạo")
        verbose_name_plural = _("báo trang giả mạo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="fakepage_recent")]

    def __str__(self) -> str:
        return self.address


class OfficialFeed(models.Model):
    """An RSS/Atom feed of an official source, fetched by the server (never by a page)."""

    name = models.CharField(_("tên nguồn"), max_length=120)
    url = models.URLField(_("địa chỉ RSS/Atom"), max_length=500)
    is_active = models.BooleanField(_("đang lấy tin"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    etag = models.CharField(max_length=200, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("lấy tin lúc"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=300, blank=True, editable=False)
    last_error_at = models.DateTimeField(_("lỗi lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("nguồn tin chính thống")
        verbose_name_plural = _("nguồn tin chính thống")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Headline(models.Model):
    """One headline of an official feed: plain text only, linking to the source."""

    feed = models.ForeignKey(OfficialFeed, on_delete=models.CASCADE, related_name="headlines")
    guid = models.CharField(max_length=500)
    title = models.CharField(_("tiêu đề"), max_length=300)
    link = models.URLField(_("liên kết"), max_length=1000)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("ngày đăng"))

    class Meta:
        verbose_name = _("tin từ nguồn chính thống")
        verbose_name_plural = _("tin từ nguồn chính thống")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["-published_at", "-id"], name="headline_recent")]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="headline_unique_per_feed")
        ]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret of a person's private calendar feed; a new one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mã lịch riêng")
        verbose_name_plural = _("mã lịch riêng")

    def __str__(self) -> str:
        return f"#{self.user_id}"
