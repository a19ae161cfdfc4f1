"""Reading: boards, topics, a post's place in its topic, and its image."""

import mimetypes

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

from lib.downloads import private_file_response
from lib.html import collapse_indentation
from lib.params import positive_id

from .. import conf
from ..access import (
    VISIBLE_TO_READERS,
    forum_reader,
    get_board_for_reader,
    get_post_for_reader,
    get_topic_for_reader,
    posting_pause,
    signed_in,
)
from ..forms import PostForm, TopicActionForm
from ..models import Board, Post, PostStatus, Subscription, Topic

# --- Reading ----------------------------------------------------------------------


@forum_reader
def board_list(request: HttpRequest) -> HttpResponse:
    boards = Board.objects.readable_by(request.user).order_by("position", "name")
    return render(request, "forum/board_list.html", {"boards": boards})


@forum_reader
def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board, is_moderator = get_board_for_reader(request.user, slug)
    topics = (
        Topic.objects.filter(board=board)
        .listed_for(request.user, is_moderator=is_moderator)
        .select_related("author", "last_poster")
        .order_by("-is_pinned", "-last_post_at", "-id")
    )
    page = Paginator(topics, conf.TOPICS_PER_PAGE).get_page(request.GET.get("page"))
    subscribed = Subscription.objects.filter(user=signed_in(request), board=board).exists()
    return render(
        request,
        "forum/board_detail.html",
        {
            "board": board,
            "page": page,
            "is_moderator": is_moderator,
            "subscribed": subscribed,
            "may_start": board.may_start_topic(request.user, is_moderator=is_moderator),
        },
    )


@forum_reader
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic, is_moderator = get_topic_for_reader(request.user, pk)
    number = min(max(1, positive_id(request.GET.get("page", "")) or 1), topic.page_count)
    start = (number - 1) * conf.POSTS_PER_PAGE
    posts = Post.objects.filter(
        topic=topic, position__gt=start, position__lte=start + conf.POSTS_PER_PAGE
    ).select_related("author")
    if not is_moderator:
        posts = posts.filter(Q(status__in=VISIBLE_TO_READERS) | Q(author=signed_in(request)))
    page_posts = list(posts.order_by("position"))
    _mark_display(page_posts, request.user, is_moderator)
    _add_links(page_posts)
    board = topic.board
    context = {
        "topic": topic,
        "board": board,
        "posts": page_posts,
        "page_number": number,
        "page_count": topic.page_count,
        "pages": _page_links(number, topic.page_count),
        "is_moderator": is_moderator,
        "subscribed": Subscription.objects.filter(user=signed_in(request), topic=topic).exists(),
        "may_reply": board.may_reply(request.user, is_moderator=is_moderator)
        and (not topic.is_locked or is_moderator),
        "form": PostForm(board=board),
        "paused": posting_pause(request.user),
        "reply_url": reverse("forum:reply", args=[topic.pk]),
    }
    if is_moderator:
        context["action_form"] = TopicActionForm()
        context["boards"] = Board.objects.exclude(pk=board.pk).only("pk", "name")
    response = render(request, "forum/topic_detail.html", context)
    # Read on phones over slow links, 20 posts a page: no template indentation.
    response.content = collapse_indentation(response.content)
    return response


def _page_links(number: int, count: int) -> list[int | None]:
    wanted = {1, count, number - 1, number, number + 1}
    links: list[int | None] = []
    for n in range(1, count + 1):
        if n in wanted:
            links.append(n)
        elif links and links[-1] is not None:
            links.append(None)
    return links


@forum_reader
def post_goto(request: HttpRequest, pk: int) -> HttpResponse:
    post, _is_moderator = get_post_for_reader(request.user, pk)
    return redirect(f"{post.topic.get_absolute_url()}?page={post.page_number}#p{post.position}")


@forum_reader
def post_image(request: HttpRequest, pk: int) -> HttpResponseBase:
    post, is_moderator = get_post_for_reader(request.user, pk)
    if not post.image or not (is_moderator or post.author_id == request.user.pk or post.is_public):
        raise Http404
    name = post.image.name or ""
    response = private_file_response(
        post.image, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


_SAMPLE_ID = 987654321


def _address_maker(name: str):
    """reverse() once per page, not per post: 20 posts × 3–6 links made `{% url %}`
    a quarter of the topic page's time. Posts' addresses differ only by their id."""
    head, tail = reverse(name, args=[_SAMPLE_ID]).split(str(_SAMPLE_ID))
    return lambda pk: f"{head}{pk}{tail}"


def _add_links(posts) -> None:
    image, report, edit, withdraw, history, member = (
        _address_maker(f"forum:{name}")
        for name in (
            "post_image",
            "post_report",
            "post_edit",
            "post_withdraw",
            "post_history",
            "member",
        )
    )
    for post in posts:
        post.image_url = image(post.pk)
        post.report_url = report(post.pk)
        post.edit_url = edit(post.pk)
        post.withdraw_url = withdraw(post.pk)
        post.history_url = history(post.pk)
        post.member_url = member(post.author_id)


def _mark_display(posts, user, is_moderator: bool) -> None:
    """Decide per post what this reader sees: the text, or a placeholder with the reason."""
    for post in posts:
        own = post.author_id == user.pk
        post.show_body = is_moderator or own or post.is_public
        post.show_reason = (is_moderator or own) and post.status != PostStatus.PUBLISHED
        post.may_edit = post.may_be_edited_by(user)
