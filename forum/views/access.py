"""Access helpers the forum's pages share: who may read a board, topic or post."""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .. import services
from ..models import Board, Post, PostStatus, SanctionKind, Topic

VISIBLE_TO_READERS = (PostStatus.PUBLISHED, PostStatus.HIDDEN, PostStatus.WITHDRAWN)


# --- Access helpers ---------------------------------------------------------------


def forum_reader(view):
    """Boards and topics: a suspended person sees why, and until when, instead."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        suspension = services.active_sanctions(request.user).get(SanctionKind.SUSPENSION)
        if suspension is not None:
            return render(request, "forum/suspended.html", {"sanction": suspension}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def moderator_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.can_moderate:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_board_for_reader(user, slug: str) -> tuple[Board, bool]:
    board = get_object_or_404(Board.objects.readable_by(user), slug=slug)
    return board, services.is_board_moderator(user, board)


def get_topic_for_reader(user, pk: int) -> tuple[Topic, bool]:
    topic = get_object_or_404(
        Topic.objects.select_related("board", "author").filter(
            board__in=Board.objects.readable_by(user)
        ),
        pk=pk,
    )
    is_moderator = services.is_board_moderator(user, topic.board)
    hidden = not topic.is_published or topic.is_hidden
    if hidden and not is_moderator and topic.author_id != user.pk:
        raise Http404
    return topic, is_moderator


def get_post_for_reader(user, pk: int) -> tuple[Post, bool]:
    post = get_object_or_404(Post.objects.select_related("author"), pk=pk)
    topic, is_moderator = get_topic_for_reader(user, post.topic_id)
    post.topic = topic
    if not is_moderator and post.author_id != user.pk and post.status not in VISIBLE_TO_READERS:
        raise Http404
    return post, is_moderator


def get_post_for_moderator(user, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("author", "topic__board"), pk=pk)
    if not services.is_board_moderator(user, post.topic.board):
        raise Http404
    return post
