"""One search over everything a person may read, grouped by kind.

Articles and documents come from news.search (folded columns, ranked in the
database, paginated). Website pages, announcements addressed to the reader and
forum topics in boards they may read have no folded column: their text is
folded here, in Python, over a bounded candidate set of the newest rows the
person may read (one query per kind, whatever the data). Adding folded columns
would mean migrations and write-path changes in forum and announcements for
three short-titled kinds whose readable set per person is small (a pupil reads
a handful of boards; announcements expire); the cost is that a match older
than the newest CANDIDATES rows of its kind is not found. See the issue 14
report for when to switch to columns.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement
from forum.models import Board, Topic
from lessons.models import Lesson
from lib.html import html_to_text
from news.search import excerpt, highlight, search_column

from .models import Event, Page

# How many of the newest readable rows of each kind are folded and matched.
CANDIDATES = {"page": 200, "announcement": 300, "topic": 500, "event": 500, "lesson": 300}
# How many matches of each kind the page lists (the heading gives the full count).
SHOWN = 10

TITLE_WEIGHT = 10
BODY_WEIGHT = 1


@dataclass
class Hit:
    title: str  # highlighted, safe HTML
    url: str
    excerpt: str = ""  # highlighted, safe HTML
    meta: str = ""
    rank: int = 0


@dataclass
class Group:
    kind: str
    label: Any
    hits: list[Hit] = field(default_factory=list)
    count: int = 0


def _rank(terms: list[str], title: str, body: str = "") -> int:
    """news.search's rule in Python: every term starts a word of the title or body."""
    title_column, body_column = search_column(title), search_column(body)
    rank = 0
    for term in terms:
        if f" {term}" in title_column:
            rank += TITLE_WEIGHT
        elif f" {term}" in body_column:
            rank += BODY_WEIGHT
        else:
            return 0
    return rank


def _group(kind: str, label: Any, hits: list[Hit]) -> Group:
    # Stable sort: candidates arrive newest first, so equal ranks stay newest first.
    hits.sort(key=lambda hit: -hit.rank)
    return Group(kind=kind, label=label, hits=hits[:SHOWN], count=len(hits))


def _pages(user, terms: list[str]) -> Group:
    rows = (
        Page.objects.visible_to(user).order_by("-updated_at").values_list("slug", "title", "body")
    )
    hits = []
    for slug, title, body in rows[: CANDIDATES["page"]]:
        text = html_to_text(body, one_line=True)
        if rank := _rank(terms, title, text):
            page = Page(slug=slug)
            hits.append(
                Hit(
                    title=highlight(title, terms),
                    url=page.get_absolute_url(),
                    excerpt=excerpt(text, terms),
                    rank=rank,
                )
            )
    return _group("page", _("Trang thông tin"), hits)


def _announcements(user, terms: list[str]) -> Group:
    rows = (
        Announcement.objects.visible_to(user)
        .order_by("-publish_at", "-id")
        .values_list("pk", "title", "body", "publish_at")
    )
    hits = []
    for pk, title, body, publish_at in rows[: CANDIDATES["announcement"]]:
        text = html_to_text(body, one_line=True)
        if rank := _rank(terms, title, text):
            hits.append(
                Hit(
                    title=highlight(title, terms),
                    url=Announcement(pk=pk).get_absolute_url(),
                    excerpt=excerpt(text, terms),
                    meta=f"{publish_at:%d/%m/%Y}",
                    rank=rank,
                )
            )
    return _group("announcement", _("Thông báo"), hits)


def _topics(user, terms: list[str]) -> Group:
    # Published, visible topics of readable boards, plus the reader's own: what a
    # board's list shows a reader. A moderator finds hidden topics in the queue,
    # not here.
    rows = (
        Topic.objects.filter(board__in=Board.objects.readable_by(user))
        .listed_for(user, is_moderator=False)
        .order_by(F("last_post_at").desc(nulls_last=True), "-pk")
        .values_list("pk", "title", "board__name")
    )
    hits = []
    for pk, title, board_name in rows[: CANDIDATES["topic"]]:
        if rank := _rank(terms, title):
            hits.append(
                Hit(
                    title=highlight(title, terms),
                    url=Topic(pk=pk).get_absolute_url(),
                    meta=board_name,
                    rank=rank,
                )
            )
    return _group("topic", _("Diễn đàn"), hits)


def _events(user, terms: list[str]) -> Group:
    """Lines of the work calendar the reader may see (staff-only ones for staff)."""
    rows = (
        Event.objects.visible_to(user)
        .order_by("-starts_at", "-id")
        .values_list("title", "starts_at", "location", "host", "participants")
    )
    week_url = reverse("calendar_week")
    hits = []
    for title, starts_at, location, host, participants in rows[: CANDIDATES["event"]]:
        text = " · ".join(part for part in (location, host, participants) if part)
        if rank := _rank(terms, title, text):
            local = timezone.localtime(starts_at)
            hits.append(
                Hit(
                    title=highlight(title, terms),
                    url=f"{week_url}?tuan={local.date():%Y-%m-%d}",
                    excerpt=excerpt(text, terms) if text else "",
                    meta=f"{local:%d/%m/%Y %H:%M}",
                    rank=rank,
                )
            )
    return _group("event", _("Lịch công tác"), hits)


def _lessons(user, terms: list[str]) -> Group:
    """Lessons the reader may read (lessons' own rule: their grade, published)."""
    rows = (
        Lesson.objects.visible_to(user)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
        .values_list("slug", "title", "goals")
    )
    hits = []
    for slug, title, goals in rows[: CANDIDATES["lesson"]]:
        if rank := _rank(terms, title, goals):
            hits.append(
                Hit(
                    title=highlight(title, terms),
                    url=Lesson(slug=slug).get_absolute_url(),
                    excerpt=excerpt(goals, terms) if goals else "",
                    rank=rank,
                )
            )
    return _group("lesson", _("Bài học"), hits)


def other_groups(user, terms: list[str]) -> list[Group]:
    """Pages and calendar events for everyone; announcements, forum topics and lessons
    for signed-in readers only.

    One query per kind (plus the reader's grades for lessons); none for a visitor's
    announcements, topics and lessons.
    """
    groups = [_pages(user, terms), _events(user, terms)]
    if getattr(user, "is_authenticated", False) and user.is_active:
        groups += [_announcements(user, terms), _topics(user, terms), _lessons(user, terms)]
    return groups
