"""What pupils write: boards, topics, posts, reports, watched words, sanctions, cases.

Visibility lives in the querysets (`Board.objects.readable_by(user)`,
`Case.objects.visible_to(user)`); every write with rules is in services.py.
"""

from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import audiences
from accounts.models import Role
from lib.storage import private_media_storage

from . import conf
from .screening import ALLOW, Category, Rule, RuleSet, Verdict, compile_rules, starter_rules


class Premoderation(models.TextChoices):
    NONE = "none", _("Không duyệt trước")
    NEW_ACCOUNTS = "new", _("Duyệt trước bài của tài khoản mới")
    ALL = "all", _("Duyệt trước mọi bài")


ROLE_CHOICES = [(Role.PUPIL, _("Học sinh")), (Role.PARENT, _("Phụ huynh")), (Role.STAFF, _("Cán bộ, giáo viên"))]  # fmt: skip


def _grade_of(user) -> int | None:
    """The pupil's current grade, read from the cached audience keys (no extra query)."""
    for key in audiences.keys_for(user):
        audience = audiences.parse(key)
        if audience.scope == "grade" and audience.role is None:
            return audience.value
    return None


def _roles_display(roles: str) -> str:
    labels = {str(role): label for role, label in ROLE_CHOICES}
    chosen = [str(labels.get(role, role)) for role in roles.split(",") if role]
    return ", ".join(chosen) if chosen else str(_("chỉ người kiểm duyệt"))


def moderation_team() -> models.QuerySet:
    """Active people with the moderate capability, as User.can_moderate decides it: the
    collaborator team (and superusers). Lazy, one query when read."""
    from django.contrib.auth.models import Permission

    from accounts.models import Capability, User

    moderate = Permission.objects.filter(
        content_type__app_label="accounts", codename=Capability.MODERATE
    )
    holders = User.objects.filter(
        Q(groups__permissions__in=moderate) | Q(user_permissions__in=moderate)
    ).values("pk")
    return User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(role=Role.STAFF, pk__in=holders)
    )


class BoardQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Boards `user` may read. Costs no query itself (plus keys_for's one, cached)."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.can_moderate:
            return self.all()
        keys = audiences.keys_for(user)
        if user.is_parent:
            # A parent reads the parents' boards and pupil boards opened to parents.
            parents_keys = [key for key in keys if audiences.parse(key).role == Role.PARENT]
            return self.filter(
                Q(audience__in=parents_keys) | Q(audience__in=keys, open_to_parents=True)
            )
        if user.is_pupil:
            return self.filter(audience__in=keys)
        return self.filter(Q(audience__in=keys) | Q(moderators=user)).distinct()

    def moderated_by(self, user):
        if user.can_moderate:
            return self.all()
        return self.filter(moderators=user)


class Board(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    audience = models.CharField(
        _("đối tượng"),
        max_length=40,
        db_index=True,
        help_text=_("Khoá đối tượng, ví dụ school, grade:5, class:12, school:parent, staff."),
    )
    school_class = models.OneToOneField(
        "accounts.SchoolClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="forum_board",
        verbose_name=_("lớp"),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_boards",
        verbose_name=_("người kiểm duyệt"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    # Policy.
    start_roles = models.CharField(
        _("ai được mở chủ đề"), max_length=40, default="pupil,staff", help_text="pupil,parent,staff"
    )
    reply_roles = models.CharField(
        _("ai được trả lời"), max_length=40, default="pupil,staff", help_text="pupil,parent,staff"
    )
    start_min_grade = models.PositiveSmallIntegerField(_("mở chủ đề từ khối"), default=1)
    start_max_grade = models.PositiveSmallIntegerField(_("mở chủ đề đến khối"), default=12)
    reply_min_grade = models.PositiveSmallIntegerField(_("trả lời từ khối"), default=1)
    reply_max_grade = models.PositiveSmallIntegerField(_("trả lời đến khối"), default=12)
    premoderation = models.CharField(
        _("duyệt trước"),
        max_length=5,
        choices=Premoderation.choices,
        default=Premoderation.NEW_ACCOUNTS,
    )
    slow_mode_seconds = models.PositiveIntegerField(_("chế độ chậm (giây)"), default=0)
    allow_images = models.BooleanField(_("cho phép ảnh"), default=False)
    allow_links = models.BooleanField(_("cho phép liên kết"), default=False)
    open_to_parents = models.BooleanField(_("phụ huynh được xem"), default=False)
    # Counters, updated with F() in the posting transaction.
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục diễn đàn")
        verbose_name_plural = _("chuyên mục diễn đàn")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:board", args=[self.slug])

    def audience_label(self) -> str:
        return audiences.label(self.audience)

    def start_roles_display(self) -> str:
        return _roles_display(self.start_roles)

    def reply_roles_display(self) -> str:
        return _roles_display(self.reply_roles)

    def moderating_users(self) -> models.QuerySet:
        """Active people who moderate this board: collaborators (the moderate capability,
        as User.can_moderate decides it) and the board's own staff moderators. Lazy."""
        from accounts.models import User

        return User.objects.filter(is_active=True).filter(
            Q(pk__in=moderation_team().values("pk"))
            | Q(role=Role.STAFF, pk__in=self.moderators.values("pk"))
        )

    def readers(self) -> models.QuerySet:
        """Active people who may read this board now: `Board.objects.readable_by` seen
        from the board's side, as one lazy query. Keep the two in step."""
        from accounts.models import User

        try:
            audience = audiences.parse(self.audience)
        except ValueError:  # a malformed key matches nobody in readable_by either
            return User.objects.filter(is_active=True, pk__in=self.moderating_users().values("pk"))
        in_audience = Q(pk__in=audiences.users_in(self.audience).values("pk"))
        if not (audience.role == Role.PARENT or self.open_to_parents):
            in_audience &= ~Q(role=Role.PARENT)
        return User.objects.filter(is_active=True).filter(
            in_audience | Q(pk__in=self.moderating_users().values("pk"))
        )

    def _may(self, user, roles: str, min_grade: int, max_grade: int) -> bool:
        if user.role not in roles.split(","):
            return False
        if user.is_pupil:
            grade = _grade_of(user)
            return grade is not None and min_grade <= grade <= max_grade
        return True

    def may_start_topic(self, user, *, is_moderator: bool = False) -> bool:
        return is_moderator or self._may(
            user, self.start_roles, self.start_min_grade, self.start_max_grade
        )

    def may_reply(self, user, *, is_moderator: bool = False) -> bool:
        return is_moderator or self._may(
            user, self.reply_roles, self.reply_min_grade, self.reply_max_grade
        )


class TopicQuerySet(models.QuerySet):
    def listed_for(self, user, *, is_moderator: bool):
        """Topics a reader sees in a board: published and not hidden, plus their own."""
        if is_moderator:
            return self
        return self.filter(Q(is_published=True, is_hidden=False) | Q(author=user))


class Topic(models.Model):
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="topics", verbose_name=_("chuyên mục")
    )
    title = models.CharField(_("tiêu đề"), max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_topics"
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    is_pinned = models.BooleanField(_("ghim"), default=False)
    is_locked = models.BooleanField(_("khoá"), default=False)
    is_hidden = models.BooleanField(_("ẩn"), default=False)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=300, blank=True)
    # False while the opening post waits for review (or was rejected).
    is_published = models.BooleanField(default=True)
    post_count = models.PositiveIntegerField(default=0, editable=False)  # published posts
    last_position = models.PositiveIntegerField(default=0, editable=False)  # positions handed out
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        indexes = [
            models.Index(fields=["board", "-is_pinned", "-last_post_at"], name="topic_board_order")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:topic", args=[self.pk])

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)

    @property
    def page_count(self) -> int:
        return max(1, -(-self.last_position // conf.POSTS_PER_PAGE))


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("Đã đăng")
    HELD = "held", _("Đang chờ duyệt")
    REJECTED = "rejected", _("Đã bị từ chối")
    HIDDEN = "hidden", _("Đã ẩn")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="posts", verbose_name=_("chủ đề")
    )
    # 1, 2, 3… in the order written; pages are position ranges, so a page of a
    # 1,000-post topic costs the same as the first one.
    position = models.PositiveIntegerField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_posts"
    )
    body = models.TextField(_("nội dung"))
    body_html = models.TextField(editable=False)
    image = models.ImageField(
        _("ảnh"), upload_to="forum/%Y/%m/", blank=True, storage=private_media_storage
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    status_reason = models.CharField(_("lý do"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Hidden by readers' reports until a moderator looks.
    auto_hidden = models.BooleanField(default=False)
    flag_reason = models.CharField(max_length=200, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    # Set while the post waits in the review queue (held, reported or flagged).
    queued_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # What screening decided when the text was stored (a screening.Verdict, "" when it
    # found nothing): the author is told why words became *** or why the post waits.
    screening = models.CharField(max_length=10, blank=True, editable=False)
    # A post held for a safeguarding signal that concerns the family (or by the school's
    # choice) stays out of the guardians' pages and download, as its case does.
    hidden_from_guardians = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("ngày đăng"), default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["topic", "position"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "position"], name="post_unique_position")
        ]
        indexes = [models.Index(fields=["author", "-created_at"], name="post_author_recent")]

    def __str__(self) -> str:
        # The topic's title when it is already loaded (the audit log shows it), never a query.
        topic = self.topic.title if Post.topic.is_cached(self) else self.topic_id
        return _("Bài #%(n)s trong “%(topic)s”") % {"n": self.position, "topic": topic}

    def get_absolute_url(self) -> str:
        return reverse("forum:post_goto", args=[self.pk])

    @property
    def page_number(self) -> int:
        return (self.position - 1) // conf.POSTS_PER_PAGE + 1

    @property
    def is_public(self) -> bool:
        return self.status == PostStatus.PUBLISHED and not self.auto_hidden

    def editable_until(self):
        return self.created_at + timedelta(minutes=conf.EDIT_WINDOW_MINUTES)

    def may_be_edited_by(self, user) -> bool:
        return (
            self.author_id == user.pk
            and self.status in (PostStatus.PUBLISHED, PostStatus.HELD)
            and timezone.now() <= self.editable_until()
        )


class PostRevision(models.Model):
    """The text before an edit; moderators see the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-edited_at", "-id"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.edited_at:%d/%m/%Y %H:%M}"


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="unique_topic_subscription"),
            models.UniqueConstraint(fields=["user", "board"], name="unique_board_subscription"),
            models.CheckConstraint(
                condition=Q(topic__isnull=True) ^ Q(board__isnull=True),
                name="subscription_topic_xor_board",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.topic_id or self.board_id}"


class ReportReason(models.TextChoices):
    BULLYING = "bullying", _("Bắt nạt")
    INAPPROPRIATE = "inappropriate", _("Không phù hợp")
    FALSE_INFO = "false", _("Sai sự thật")
    SPAM = "spam", _("Spam")
    OTHER = "other", _("Khác")


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.CharField(_("lý do"), max_length=15, choices=ReportReason.choices)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo vi phạm")
        verbose_name_plural = _("báo cáo vi phạm")
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — {self.post_id}"


class WordAction(models.TextChoices):
    BLOCK = "block", _("Chặn")
    HOLD = "hold", _("Giữ lại chờ duyệt")
    CENSOR = "censor", _("Thay bằng ***")
    FLAG = "flag", _("Đánh dấu để xem lại")
    URGENT = Verdict.URGENT.value, _("Giữ lại và báo ngay")
    ALLOW = ALLOW, _("Cho phép (cụm từ thường)")


class WordCategory(models.TextChoices):
    PROFANITY = Category.PROFANITY.value, _("Tục tĩu")
    INSULT = Category.INSULT.value, _("Xúc phạm")
    SELF_HARM = Category.SELF_HARM.value, _("Tự làm hại bản thân")
    VIOLENCE = Category.VIOLENCE.value, _("Bạo lực, đe doạ")
    GROOMING = Category.GROOMING.value, _("Dụ dỗ trẻ em")
    PERSONAL_DETAILS = Category.PERSONAL_DETAILS.value, _("Thông tin cá nhân")


@lru_cache(maxsize=4)
def _ruleset(rows: tuple[tuple[str, str, str], ...]) -> RuleSet:
    return compile_rules(Rule(word, category, action) for word, category, action in rows)


class WatchedWordQuerySet(models.QuerySet):
    def rules(self) -> tuple[Rule, ...]:
        """The list as screening rules, in one query; `screening.compile_rules`
        caches the compiled form for as long as the list does not change."""
        rows = self.order_by("pk").values_list("word", "category", "action")
        return tuple(Rule(word, category, action) for word, category, action in rows)

    def ruleset(self) -> RuleSet:
        """The list compiled for screening, in one query. The compiled form is kept for
        as long as the rows read are the same (a post pays the query and the screening,
        not the building of 500 rules)."""
        rows = tuple(self.order_by("pk").values_list("word", "category", "action"))
        return _ruleset(rows)

    def add_starter_words(self) -> int:
        """Add the words of the shipped starter list that are missing; returns how many."""
        existing = set(self.values_list("word", flat=True))
        missing = [
            self.model(word=rule.word, category=rule.category, action=rule.effective_action)
            for rule in starter_rules()
            if rule.word not in existing
        ]
        self.bulk_create(missing)
        return len(missing)


class WatchedWord(models.Model):
    word = models.CharField(_("từ khoá"), max_length=100, unique=True)
    category = models.CharField(
        _("nhóm"), max_length=20, choices=WordCategory.choices, default=WordCategory.PROFANITY
    )
    action = models.CharField(_("xử lý"), max_length=10, choices=WordAction.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = WatchedWordQuerySet.as_manager()

    class Meta:
        verbose_name = _("từ khoá cần theo dõi")
        verbose_name_plural = _("từ khoá cần theo dõi")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Nhắc nhở")
    MUTE = "mute", _("Tạm cấm đăng bài")
    SUSPENSION = "suspension", _("Đình chỉ tài khoản diễn đàn")


class SanctionQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True, starts_at__lte=at).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=at)
        )


class Sanction(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_sanctions"
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=SanctionKind.choices)
    reason = models.CharField(_("lý do"), max_length=500)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("đến"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        verbose_name = _("xử lý vi phạm")
        verbose_name_plural = _("xử lý vi phạm")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["user", "kind"], name="sanction_user_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.user}"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return (
            self.revoked_at is None
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )


class StaffNote(models.Model):
    """A note about a person that only the moderation team reads."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_staff_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("ghi chú"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.text[:40]}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ xem xét")
    UPHELD = "upheld", _("Giữ nguyên quyết định")
    OVERTURNED = "overturned", _("Đã huỷ quyết định")


class Appeal(models.Model):
    """One appeal per decision; decided by a moderator other than the one who decided."""

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="appeal"
    )
    sanction = models.OneToOneField(
        Sanction, on_delete=models.CASCADE, null=True, blank=True, related_name="appeal"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_appeals"
    )
    text = models.TextField(_("nội dung khiếu nại"), max_length=2000)
    original_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.CharField(_("lý do"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=True) ^ Q(sanction__isnull=True),
                name="appeal_post_xor_sanction",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_id}: {self.get_status_display()}"


class CaseKind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi")
    COMPLAINT = "complaint", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")


class CaseCategory(models.TextChoices):
    STUDY = "study", _("Học tập")
    SAFETY = "safety", _("An toàn, bắt nạt")
    FACILITIES = "facilities", _("Cơ sở vật chất")
    BOARDING = "boarding", _("Bán trú, ăn uống")
    FEES = "fees", _("Các khoản thu")
    OTHER = "other", _("Khác")


class CaseStatus(models.TextChoices):
    NEW = "new", _("Mới")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


OPEN_CASE_STATUSES = (CaseStatus.NEW, CaseStatus.IN_PROGRESS)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Author, the pupil author's guardians (unless hidden from them), assigned staff.

        The collaborator team sees every case: it is the team that assigns them.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.can_moderate:
            return self.all()
        who = Q(author=user) | Q(assigned_to=user)
        if user.is_parent:
            who |= Q(author__guardians__parent=user, hidden_from_guardians=False)
        return self.filter(who).distinct()

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_CASE_STATUSES, due_on__lt=today)


class Case(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_cases"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=CaseKind.choices)
    category = models.CharField(_("lĩnh vực"), max_length=12, choices=CaseCategory.choices)
    title = models.CharField(_("tiêu đề"), max_length=150)
    hidden_from_guardians = models.BooleanField(
        _("không hiển thị cho phụ huynh"),
        default=False,
        help_text=_("Chỉ học sinh chọn được; bố mẹ sẽ không thấy phản ánh này."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_forum_cases",
        limit_choices_to={"role": Role.STAFF},
        verbose_name=_("người phụ trách"),
    )
    due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("hỏi đáp, phản ánh")
        verbose_name_plural = _("hỏi đáp, phản ánh")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class CaseMessage(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("nội dung"))
    from_staff = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.pk}"


class SignalSource(models.TextChoices):
    TOPIC = "topic", _("Chủ đề mới")
    POST = "post", _("Trả lời")
    EDIT = "edit", _("Sửa bài")
    CASE = "case", _("Hỏi đáp, phản ánh")
    CASE_MESSAGE = "case_message", _("Tin nhắn trong hỏi đáp")
    REPORT = "report", _("Báo cáo vi phạm")
    APPEAL = "appeal", _("Khiếu nại")


class SafetySignal(models.Model):
    """What screening stopped or changed in something a person wrote: the words as typed,
    the categories and verdict, where it was written, and what the school decided.

    Moderators read it (the queue, a post's history, a member's record, the weekly safety
    report); the audit log keeps each step. Never shown to guardians.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_safety_signals"
    )
    source = models.CharField(_("nơi viết"), max_length=12, choices=SignalSource.choices)
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="safety_signals"
    )
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="safety_signals"
    )
    categories = models.CharField(
        _("nhóm"), max_length=120
    )  # screening categories, comma-separated
    verdict = models.CharField(_("xử lý"), max_length=10)  # a screening.Verdict
    words = models.CharField(_("từ khoá"), max_length=300, blank=True)
    text = models.TextField(_("nội dung như đã viết"))
    concerns_family = models.BooleanField(_("liên quan đến gia đình"), default=False)
    decision = models.CharField(max_length=10, blank=True)  # approve, reject or hide
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("tín hiệu an toàn")
        verbose_name_plural = _("tín hiệu an toàn")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.author_id}: {self.categories} ({self.verdict})"

    @property
    def category_list(self) -> list[str]:
        return [c for c in self.categories.split(",") if c]

    def category_labels(self) -> str:
        labels = dict(WordCategory.choices)
        return ", ".join(str(labels.get(c, c)) for c in self.category_list)

    @property
    def is_urgent(self) -> bool:
        return self.verdict == Verdict.URGENT
