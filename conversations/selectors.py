"""Read functions for the pages (and for the parent's page in the roof). Each costs a
fixed number of queries whatever the number of conversations, messages or notes."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Enrolment, User

from .models import AbsenceNote, Attachment, Conversation, Message, OfficeHours, ReadState

FAMILY_CONVERSATIONS = 20  # on the parent's page, all children together
FAMILY_NOTES = 20


def with_unread(conversations: QuerySet[Conversation], user: User) -> QuerySet[Conversation]:
    """Annotate `unread`: messages by others, not withdrawn, newer than `user` read."""
    read_at = ReadState.objects.filter(conversation=OuterRef("pk"), user=user).values("read_at")
    never = datetime(2000, 1, 1, tzinfo=UTC)
    return conversations.annotate(
        unread=Count(
            "messages",
            filter=Q(messages__withdrawn_at__isnull=True)
            & ~Q(messages__author=user)
            & Q(messages__created_at__gt=Coalesce(Subquery(read_at[:1]), Value(never))),
        )
    )


def class_queue(school_class_id: int, user: User) -> QuerySet[Conversation]:
    """A class's conversations, unanswered first (index conversation_class_queue)."""
    return with_unread(
        Conversation.objects.filter(school_class_id=school_class_id).select_related("pupil"), user
    ).order_by("-awaiting_school", "-last_message_at", "-id")


def thread(conversation: Conversation) -> list[Message]:
    return list(
        conversation.messages.select_related("author").prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
        )
    )


@dataclass
class Expectation:
    inside: bool
    hours: OfficeHours
    next_opening: datetime | None


def office_hours_of(teacher_id: int | None) -> OfficeHours:
    """The teacher's office hours; weekdays 7:00–17:00 until they set their own."""
    found = OfficeHours.objects.filter(teacher_id=teacher_id).first() if teacher_id else None
    return found or OfficeHours()  # the model's defaults, never saved


def reply_expectation(teacher_id: int | None, now: datetime | None = None) -> Expectation:
    now = now or timezone.now()
    hours = office_hours_of(teacher_id)
    inside = hours.covers(now)
    return Expectation(
        inside=inside, hours=hours, next_opening=None if inside else hours.next_opening(now)
    )


# --- The parent's page --------------------------------------------------------------------


@dataclass
class ChildLetters:
    conversations: list[Conversation]
    unread: int
    notes: list[AbsenceNote]


def family_summary(parent: User, pupil_ids: list[int]) -> dict[int, ChildLetters]:
    """Each child's recent conversations (with unread counts) and absence notes: two queries."""
    summary = {pupil_id: ChildLetters([], 0, []) for pupil_id in pupil_ids}
    if not pupil_ids:
        return summary
    conversations = with_unread(
        Conversation.objects.filter(pupil_id__in=pupil_ids), parent
    ).order_by("-last_message_at", "-id")[:FAMILY_CONVERSATIONS]
    for conversation in conversations:
        child = summary[conversation.pupil_id]
        child.conversations.append(conversation)
        child.unread += getattr(conversation, "unread", 0)  # annotated by with_unread
    since = timezone.localdate() - timedelta(days=14)
    notes = AbsenceNote.objects.filter(pupil_id__in=pupil_ids, ends_on__gte=since).order_by(
        "-starts_on", "-id"
    )[:FAMILY_NOTES]
    for note in notes:
        summary[note.pupil_id].notes.append(note)
    return summary


# --- Absences -------------------------------------------------------------------------------


def absences_on(school_class_id: int, day: date) -> list[AbsenceNote]:
    return list(
        AbsenceNote.objects.filter(school_class_id=school_class_id)
        .on(day)
        .select_related("pupil", "submitted_by", "acknowledged_by")
        .order_by("pupil__full_name", "pk")
    )


def absences_between(school_class_id: int, first: date, last: date) -> list[AbsenceNote]:
    return list(
        AbsenceNote.objects.filter(school_class_id=school_class_id)
        .between(first, last)
        .select_related("pupil", "acknowledged_by")
        .order_by("starts_on", "pupil__full_name", "pk")
    )


def pending_notes(school_class_id: int, today: date) -> list[AbsenceNote]:
    """Notes not yet acknowledged whose days are not over: the teacher answers these."""
    return list(
        AbsenceNote.objects.filter(
            school_class_id=school_class_id, acknowledged_at__isnull=True, ends_on__gte=today
        )
        .select_related("pupil")
        .order_by("starts_on", "pk")[:50]
    )


def month_days(first: date) -> list[date]:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return [first + timedelta(days=i) for i in range((following - first).days)]


def school_counts(first: date, last: date) -> list[tuple[date, int]]:
    """Pupils absent each day from `first` to `last`, school-wide: one query."""
    per_day: dict[date, set[int]] = defaultdict(set)
    rows = AbsenceNote.objects.between(first, last).values_list("pupil_id", "starts_on", "ends_on")
    for pupil_id, starts_on, ends_on in rows:
        day = max(starts_on, first)
        while day <= min(ends_on, last):
            per_day[day].add(pupil_id)
            day += timedelta(days=1)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [(day, len(per_day.get(day, ()))) for day in days]


def class_month_grid(notes: list[AbsenceNote], days: list[date]) -> list[dict]:
    """One row per pupil absent that month: the days they are excused (part letter)."""
    letters = {"day": "P", "morning": "S", "afternoon": "C"}
    rows: dict[int, dict] = {}
    for note in notes:
        row = rows.setdefault(note.pupil_id, {"pupil": note.pupil, "marks": {}, "total": Counter()})
        day = max(note.starts_on, days[0])
        while day <= min(note.ends_on, days[-1]):
            row["marks"][day] = letters.get(note.part, "P")
            day += timedelta(days=1)
    result = []
    for row in sorted(rows.values(), key=lambda r: r["pupil"].full_name):
        row["cells"] = [row["marks"].get(day, "") for day in days]
        row["count"] = sum(1 for mark in row["cells"] if mark)
        result.append(row)
    return result


def class_pupils(school_class_id: int) -> list[User]:
    return [
        e.pupil
        for e in Enrolment.objects.filter(school_class_id=school_class_id, pupil__is_active=True)
        .select_related("pupil")
        .order_by("pupil__full_name", "pupil__pk")
    ]
