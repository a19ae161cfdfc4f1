"""Who may do what in the forum, and fetching what a person may see.

Two kinds of helper, used by views and services alike:

- predicates (`is_board_moderator`, `may_read_topic`, `may_decide_appeal`, …) answer
  "may this person do this to that object"; services raise PermissionDenied when
  they say no, views use them to show or hide a control;
- `get_*_for_*` fetch one object for a person and raise Http404 for what the person
  may not know exists (with the `select_related` the caller needs).

A suspended person sees the suspension notice instead of any board or topic
(`forum_reader`); the collaborators' own pages are `moderator_only`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from accounts import audiences
from accounts.models import Role, User

from .models import Appeal, Board, Case, Post, PostStatus, Sanction, SanctionKind, Topic

# Pages pass request.user, which may be a visitor; services pass a User.
Person = User | AnonymousUser
View = Callable[..., HttpResponseBase]

VISIBLE_TO_READERS = (PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.WITHDRAWN)


def signed_in(request: HttpRequest) -> User:
    """The person behind a forum page. LoginRequiredMiddleware lets nobody else through;
    this says so to the type checker, and refuses if that middleware is ever removed."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


# --- Who may do what ---------------------------------------------------------------


def is_forum_moderator(user: Person) -> bool:
    """The collaborator team: every board, sanctions, notes, watched words, board
    settings and the handling of private cases."""
    return isinstance(user, User) and user.can_moderate


def is_board_moderator(user: Person, board: Board) -> bool:
    """Collaborators moderate every board; a class board's homeroom teacher moderates it."""
    if not isinstance(user, User):
        return False
    if user.can_moderate:
        return True
    return user.is_school_staff and board.moderators.filter(pk=user.pk).exists()


def active_sanctions(user: Person) -> dict[str, Sanction]:
    """The person's active sanctions by kind (one query, cached on the user object)."""
    cached: dict[str, Sanction] | None = getattr(user, "_forum_sanctions", None)
    if cached is not None:
        return cached
    result: dict[str, Sanction] = {}
    if isinstance(user, User):
        for sanction in Sanction.objects.active().filter(user=user).order_by("ends_at"):
            result.setdefault(sanction.kind, sanction)
    user._forum_sanctions = result  # type: ignore[union-attr]
    return result


def posting_pause(user: Person) -> Sanction | None:
    """The mute (or suspension) that stops the person writing now, to show them a banner
    with its reason and end instead of a form they could not send. No query after the
    first `active_sanctions` of the request."""
    sanctions = active_sanctions(user)
    return sanctions.get(SanctionKind.SUSPENSION) or sanctions.get(SanctionKind.MUTE)


def may_read_board(user: Person, board: Board) -> bool:
    """`Board.objects.readable_by(user)` for one board already in hand; keep the two in
    step. No query beyond the audience keys (cached) and, for staff, "moderates it"."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.can_moderate:
        return True
    keys = audiences.keys_for(user)
    if user.is_parent:
        # A parent reads the parents' boards and pupil boards opened to parents.
        return board.audience in keys and (
            board.open_to_parents or audiences.parse(board.audience).role == Role.PARENT
        )
    if user.is_pupil:
        return board.audience in keys
    return board.audience in keys or board.moderators.filter(pk=user.pk).exists()


def may_read_topic(user: Person, topic: Topic) -> bool:
    """A reader of the board sees a topic unless it is hidden or still unpublished; its
    author and the board's moderators see it anyway."""
    if not may_read_board(user, topic.board):
        return False
    if topic.is_published and not topic.is_hidden:
        return True
    return topic.author_id == user.pk or is_board_moderator(user, topic.board)


def may_read_post(user: Person, post: Post) -> bool:
    """Readers see published, hidden (as a placeholder) and withdrawn posts of a topic they
    read; a post held or rejected only its author and the moderators."""
    if not may_read_topic(user, post.topic):
        return False
    if post.status in VISIBLE_TO_READERS or post.author_id == user.pk:
        return True
    return is_board_moderator(user, post.topic.board)


def may_decide_appeal(user: Person, appeal: Appeal) -> bool:
    """Collaborators decide every appeal; a board's moderator decides appeals about a post
    on that board (whether they may decide this one, not having decided the post
    themselves, is the service's rule)."""
    if is_forum_moderator(user):
        return True
    return appeal.post is not None and is_board_moderator(user, appeal.post.topic.board)


def may_reply_case(user: Person, case: Case) -> bool:
    """The author, the staff member it is assigned to and the collaborator team write in
    a case; a guardian reads it but does not answer in the child's name."""
    if not isinstance(user, User):
        return False
    return user.pk in (case.author_id, case.assigned_to_id) or user.can_moderate


def may_open_case(user: Person) -> bool:
    """Pupils and parents ask the school; staff answer."""
    return isinstance(user, User) and user.role in (Role.PUPIL, Role.PARENT)


# --- Page decorators -----------------------------------------------------------------


def forum_reader(view: View) -> View:
    """Boards and topics: a suspended person sees why, and until when, instead."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        suspension = active_sanctions(request.user).get(SanctionKind.SUSPENSION)
        if suspension is not None:
            return render(request, "forum/suspended.html", {"sanction": suspension}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def moderator_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_forum_moderator(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# --- Fetching for a person (404 for what they may not know exists) -------------------


def get_board_for_reader(user: Person, slug: str) -> tuple[Board, bool]:
    board = get_object_or_404(Board.objects.readable_by(user), slug=slug)
    return board, is_board_moderator(user, board)


def get_topic_for_reader(user: Person, pk: int) -> tuple[Topic, bool]:
    topic = get_object_or_404(
        Topic.objects.select_related("board", "author").filter(
            board__in=Board.objects.readable_by(user)
        ),
        pk=pk,
    )
    is_moderator = is_board_moderator(user, topic.board)
    hidden = not topic.is_published or topic.is_hidden
    if hidden and not is_moderator and topic.author_id != user.pk:
        raise Http404
    return topic, is_moderator


def get_post_for_reader(user: Person, pk: int) -> tuple[Post, bool]:
    post = get_object_or_404(Post.objects.select_related("author"), pk=pk)
    topic, is_moderator = get_topic_for_reader(user, post.topic_id)
    post.topic = topic
    if not is_moderator and post.author_id != user.pk and post.status not in VISIBLE_TO_READERS:
        raise Http404
    return post, is_moderator


def get_post_for_moderator(user: Person, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("author", "topic__board"), pk=pk)
    if not is_board_moderator(user, post.topic.board):
        raise Http404
    return post


def get_case_for(user: Person, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user).select_related("author", "assigned_to"), pk=pk
    )
