"""Read-only questions other parts of the portal ask the forum.

Each function states its query cost; the family page and the navigation call
them on every request.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Case as Conditional
from django.db.models import Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    OPEN_CASE_STATUSES,
    Appeal,
    Board,
    Case,
    CaseCategory,
    CaseStatus,
    Post,
    PostStatus,
    SafetySignal,
    Sanction,
    Topic,
)
from .screening import Category, Verdict

RECORD_DAYS = 180


def navigation_counts(request) -> dict[str, int]:
    """Waiting items in the review queue, for moderators. Pupils and parents: no query.

    One query for staff (plus Django's permission cache for can_moderate).
    """
    user = request.user
    if not user.is_authenticated or not user.is_school_staff:
        return {}
    if user.can_moderate:
        return {"forum_queue": Post.objects.filter(queued_at__isnull=False).count()}
    # A homeroom teacher: one query tells both "moderates a board" and "how many wait".
    counts = Board.objects.filter(moderators=user).aggregate(
        boards=Count("id", distinct=True),
        waiting=Count("topics__posts", filter=Q(topics__posts__queued_at__isnull=False)),
    )
    return {"forum_queue": counts["waiting"]} if counts["boards"] else {}


def queue_for(user):
    """Posts waiting for review on boards `user` moderates: a child at risk first, then
    oldest first."""
    boards = Board.objects.moderated_by(user)
    urgent_first = Conditional(
        When(screening=Verdict.URGENT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Post.objects.filter(queued_at__isnull=False, topic__board__in=boards)
        .select_related("topic__board", "author")
        .order_by(urgent_first, "queued_at", "id")
    )


def author_histories(author_ids: list[int]) -> dict[int, dict]:
    """Recent record of each author (posts by status, active sanctions). Two queries."""
    since = timezone.now() - timedelta(days=RECORD_DAYS)
    histories = {
        row["author"]: row
        for row in Post.objects.filter(author__in=author_ids, created_at__gte=since)
        .values("author")
        .annotate(
            total=Count("id"),
            held=Count("id", filter=Q(status=PostStatus.HELD)),
            rejected=Count("id", filter=Q(status=PostStatus.REJECTED)),
            hidden=Count("id", filter=Q(status=PostStatus.HIDDEN)),
        )
    }
    sanctions: dict[int, list] = {}
    for sanction in Sanction.objects.filter(user__in=author_ids, starts_at__gte=since):
        sanctions.setdefault(sanction.user_id, []).append(sanction)
    return {
        author_id: {
            "posts": histories.get(author_id, {"total": 0, "held": 0, "rejected": 0, "hidden": 0}),
            "sanctions": sanctions.get(author_id, []),
        }
        for author_id in author_ids
    }


def _post_record(post: Post) -> dict:
    if post.status == PostStatus.PUBLISHED and post.auto_hidden:
        status, label = "reported", _("Đang bị ẩn do bị báo cáo, chờ xem xét")
    else:
        status, label = post.status, post.get_status_display()
    return {
        "type": "post",
        "status": status,
        "status_label": label,
        "reason": post.status_reason,
        "at": post.decided_at or post.created_at,
        "topic_title": post.topic.title,
        "board_name": post.topic.board.name,
        "excerpt": post.body[:200],
        "post_id": post.pk,
        "appeal": _appeal_record(post),
    }


def _appeal_record(decided: Post | Sanction) -> dict | None:
    """The appeal against a decision and its outcome (the row comes with the decision's
    query: select_related("appeal")), shown to the person, their guardians and moderators."""
    try:
        appeal = decided.appeal
    except Appeal.DoesNotExist:
        return None
    return {
        "status": appeal.status,
        "status_label": appeal.get_status_display(),
        "reason": appeal.decision_reason,
        "at": appeal.created_at,
        "decided_at": appeal.decided_at,
    }


def _sanction_record(sanction: Sanction) -> dict:
    return {
        "type": "sanction",
        "status": sanction.kind,
        "status_label": sanction.get_kind_display(),
        "reason": sanction.reason,
        "at": sanction.starts_at,
        "ends_at": sanction.ends_at,
        "is_active": sanction.is_active,
        "revoked": sanction.revoked_at is not None,
        "sanction_id": sanction.pk,
        "appeal": _appeal_record(sanction),
    }


def record_posts(user_ids, *, for_guardian: bool = False) -> QuerySet[Post]:
    """The posts a moderation record lists: held, rejected, hidden or hidden by reports,
    of the last RECORD_DAYS. `user_ids` may be a subquery. No query until read.

    For a guardian (the parent's page, the child's record, the child's data download),
    without the posts held for a safeguarding signal that are kept from the guardians.
    """
    since = timezone.now() - timedelta(days=RECORD_DAYS)
    posts = Post.objects.filter(author__in=user_ids, created_at__gte=since).filter(
        Q(status__in=[PostStatus.HELD, PostStatus.REJECTED, PostStatus.HIDDEN])
        | Q(auto_hidden=True)
    )
    return posts.filter(hidden_from_guardians=False) if for_guardian else posts


def moderation_record(user_ids: list[int], *, for_guardian: bool = False) -> dict[int, list[dict]]:
    """Held, rejected, hidden (or report-hidden) posts and sanctions per person. Two queries."""
    since = timezone.now() - timedelta(days=RECORD_DAYS)
    records: dict[int, list[dict]] = {user_id: [] for user_id in user_ids}
    posts = (
        record_posts(user_ids, for_guardian=for_guardian)
        .select_related("topic__board", "appeal")
        .order_by("-created_at")
    )
    for post in posts:
        records[post.author_id].append(_post_record(post))
    for sanction in Sanction.objects.filter(user__in=user_ids, starts_at__gte=since).select_related(
        "appeal"
    ):
        records[sanction.user_id].append(_sanction_record(sanction))
    for items in records.values():
        items.sort(key=lambda item: item["at"], reverse=True)
    return records


def child_moderation_summary(pupil_ids: list[int]) -> dict[int, list[dict]]:
    """For a parent's page: each child's held/rejected/hidden posts and sanctions, with reasons.

    Two queries whatever the number of children. Each item is a dict with
    type ("post"|"sanction"), status, status_label, reason, at, and for posts
    topic_title, board_name, excerpt; for sanctions ends_at, is_active.
    The caller must already have checked that the viewer is these pupils' guardian.
    A post held for a safeguarding signal kept from the guardians is left out.
    """
    records = moderation_record(pupil_ids, for_guardian=True)
    return {pupil_id: items[:20] for pupil_id, items in records.items()}


def open_cases_for(user) -> list[Case]:
    """The person's open cases (theirs, and for a parent their children's unless hidden). One query."""
    if not user.is_authenticated:
        return []
    who = Q(author=user)
    if user.is_parent:
        who |= Q(author__guardians__parent=user, hidden_from_guardians=False)
    return list(
        Case.objects.filter(who, status__in=[*OPEN_CASE_STATUSES, CaseStatus.ANSWERED])
        .select_related("author")
        .distinct()
        .order_by("-updated_at")
    )


def home_section(request) -> dict | None:
    """Recent topics the reader may see. None for visitors. One query (plus keys_for's one)."""
    user = request.user
    if not user.is_authenticated:
        return None
    topics = list(
        Topic.objects.filter(
            board__in=Board.objects.readable_by(user), is_published=True, is_hidden=False
        )
        .select_related("board", "last_poster")
        .order_by("-last_post_at")[:6]
    )
    return {
        "template": "forum/_home_section.html",
        "width": "6",
        "topics": topics,
        "forum_url": reverse("forum:index"),
    }


def case_summary(*, start, end) -> dict:
    """For the periodic report: cases opened, answered, median first-answer time, by category.

    No names. `start`/`end` are aware datetimes. Two queries.
    """
    cases = Case.objects.filter(created_at__gte=start, created_at__lt=end)
    rows = list(cases.values("category", "kind", "created_at", "first_answered_at"))
    by_category: dict[str, dict] = {}
    hours: list[float] = []
    for row in rows:
        bucket = by_category.setdefault(row["category"], {"opened": 0, "answered": 0})
        bucket["opened"] += 1
        if row["first_answered_at"] is not None:
            bucket["answered"] += 1
            hours.append((row["first_answered_at"] - row["created_at"]).total_seconds() / 3600)
    overdue = cases.filter(status__in=OPEN_CASE_STATUSES, due_on__lt=timezone.localdate()).count()
    labels = dict(CaseCategory.choices)
    categories = [
        {"label": labels.get(key, key), **counts} for key, counts in sorted(by_category.items())
    ]
    return {
        "opened": len(rows),
        "answered": len(hours),
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "by_category": categories,
        "overdue": overdue,
    }


def personal_data(user) -> dict:
    """Everything the forum holds about `user`, for the privacy export ("Tải dữ liệu của tôi").

    Staff-only notes are included: a person may ask to see what is recorded about them.
    Seven queries.
    """
    from .models import Appeal, Report, StaffNote, Subscription

    def when(value):
        return value.isoformat() if value else None

    return {
        "posts": [
            {"topic": p.topic.title, "position": p.position, "text": p.body, "status": p.status,
             "reason": p.status_reason, "created_at": when(p.created_at), "edited_at": when(p.edited_at)}
            for p in Post.objects.filter(author=user).select_related("topic").order_by("created_at")
        ],
        "reports_made": [
            {"post": r.post_id, "reason": r.reason, "note": r.note, "created_at": when(r.created_at)}
            for r in Report.objects.filter(reporter=user)
        ],
        "sanctions": [
            {"kind": s.kind, "reason": s.reason, "starts_at": when(s.starts_at), "ends_at": when(s.ends_at),
             "revoked_at": when(s.revoked_at)}
            for s in Sanction.objects.filter(user=user)
        ],
        "staff_notes": [
            {"text": n.text, "created_at": when(n.created_at)} for n in StaffNote.objects.filter(user=user)
        ],
        "appeals": [
            {"text": a.text, "status": a.status, "reason": a.decision_reason, "created_at": when(a.created_at)}
            for a in Appeal.objects.filter(author=user)
        ],
        "subscriptions": [
            {"topic": s.topic_id, "board": s.board_id} for s in Subscription.objects.filter(user=user)
        ],
        "cases": [
            {"title": c.title, "kind": c.kind, "category": c.category, "status": c.status,
             "hidden_from_guardians": c.hidden_from_guardians, "created_at": when(c.created_at),
             "messages": [{"from_staff": m.from_staff, "text": m.body, "at": when(m.created_at)} for m in c.messages.all()]}
            for c in Case.objects.filter(author=user).prefetch_related("messages")
        ],
    }  # fmt: skip


# --- Safeguarding --------------------------------------------------------------------


def alerted_since(user, since: datetime) -> bool:
    """Whether something `user` wrote since `since` raised the safeguarding alarm. One query."""
    return SafetySignal.objects.filter(
        author=user, verdict=Verdict.URGENT, created_at__gte=since
    ).exists()


def support_case_for(user) -> Case | None:
    """The person's case of a safeguarding alert while the school is on it. One query."""
    return (
        Case.objects.filter(
            author=user,
            safety_signals__verdict=Verdict.URGENT,
            status__in=[*OPEN_CASE_STATUSES, CaseStatus.ANSWERED],
        )
        .order_by("-created_at")
        .first()
    )


def signals_of_posts(post_ids: list[int]) -> dict[int, list[SafetySignal]]:
    """What screening found in each post, oldest first (for moderators). One query."""
    found: dict[int, list[SafetySignal]] = {}
    for signal in SafetySignal.objects.filter(post__in=post_ids).order_by("created_at", "id"):
        if signal.post_id is not None:
            found.setdefault(signal.post_id, []).append(signal)
    return found


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def _week_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tz),
        datetime.combine(last + timedelta(days=7), time.min, tz),
    )


@dataclass
class SafetyWeek:
    """One week of the safety report: what screening found, and what was decided."""

    start: date
    by_category: dict[str, int] = field(default_factory=dict)
    total: int = 0
    alerts: int = 0  # a child at risk: held, teacher and team told at once
    cases: int = 0  # cases opened or followed for an alert
    approved: int = 0
    refused: int = 0  # rejected or hidden
    waiting: int = 0  # held, not decided yet

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def category_counts(self) -> list[int]:
        return [self.by_category.get(category, 0) for category in Category]


def safety_weeks(last: date, weeks: int = 8) -> list[SafetyWeek]:
    """Counts per week for the `weeks` weeks ending with the week starting on `last` (a
    Monday), newest first. No names. Two queries whatever the number of signals."""
    first = last - timedelta(weeks=weeks - 1)
    start, end = _week_bounds(first, last)
    tz = timezone.get_current_timezone()
    found = {
        first + timedelta(weeks=n): SafetyWeek(first + timedelta(weeks=n)) for n in range(weeks)
    }

    def week_of(moment) -> SafetyWeek | None:
        day = moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
        return found.get(week_start(day))

    rows = (
        SafetySignal.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(week=TruncWeek("created_at", tzinfo=tz))
        .values("week", "categories", "verdict", "decision", "post")
        .annotate(n=Count("id"))
    )
    for row in rows:
        week = week_of(row["week"])
        if week is None:
            continue
        n = row["n"]
        week.total += n
        for category in row["categories"].split(","):
            if category:
                week.by_category[category] = week.by_category.get(category, 0) + n
        if row["verdict"] == Verdict.URGENT:
            week.alerts += n
        if row["decision"] == "approve":
            week.approved += n
        elif row["decision"] in ("reject", "hide"):
            week.refused += n
        elif row["post"] is not None and row["verdict"] in (Verdict.HOLD, Verdict.URGENT):
            week.waiting += n
    cases = (
        Case.objects.filter(
            created_at__gte=start, created_at__lt=end, safety_signals__verdict=Verdict.URGENT
        )
        .annotate(week=TruncWeek("created_at", tzinfo=tz))
        .values("week")
        .annotate(n=Count("id", distinct=True))
    )
    for case_row in cases:
        week = week_of(case_row["week"])
        if week is not None:
            week.cases += case_row["n"]
    return sorted(found.values(), key=lambda week: week.start, reverse=True)


def safety_events(week: date) -> QuerySet[SafetySignal]:
    """What screening found in the week starting on `week` (a Monday), newest first, with
    the writer, the post's topic and board, the case and the decider. For staff only."""
    start, end = _week_bounds(week, week)
    return (
        SafetySignal.objects.filter(created_at__gte=start, created_at__lt=end)
        .select_related("author", "post__topic__board", "case", "decided_by")
        .order_by("-created_at", "-id")
    )
