"""Writing: new topics, replies, edits, withdrawals, reports and subscriptions."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.write_limits import limit_form_writes, limit_writes, writes_allowed
from lib.params import positive_id

from .. import conf, selectors, services, text
from ..access import (
    forum_reader,
    get_board_for_reader,
    get_post_for_moderator,
    get_post_for_reader,
    get_topic_for_reader,
    posting_pause,
    signed_in,
)
from ..forms import EditForm, PostForm, ReportForm, TopicForm
from ..models import Post, PostStatus
from ..screening import Verdict
from ..services.safeguarding import CENSOR_NOTE

# --- Writing -----------------------------------------------------------------------


def posted_message(user, published: bool, *, topic: bool = False, reason: str = "") -> str:
    """What the author is told right after sending: it is up, or it waits for a teacher."""
    if published:
        return _("Đã đăng chủ đề.") if topic else _("Đã đăng bài trả lời.")
    if user.is_pupil:
        waiting = _("Đang chờ thầy cô duyệt: bài của em sẽ hiện lên khi thầy cô đồng ý.")
    else:
        waiting = _("Đã gửi, đang chờ duyệt.")
    return f"{waiting} {_('Lý do')}: {reason}" if reason else waiting


def _refusal_to_form(form: forms.Form, error: services.Refused) -> None:
    form.add_error(None, error)


def _screened_post(request: HttpRequest, post: Post) -> HttpResponse | None:
    """A child at risk sees the caring page instead of their post; an author whose words
    became *** is told why. None: carry on as usual."""
    if post.screening == Verdict.URGENT:
        return redirect("forum:support")
    if post.screening == Verdict.CENSOR:
        messages.info(request, CENSOR_NOTE)
    return None


@forum_reader
@limit_form_writes("forum.topic")
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    board, is_moderator = get_board_for_reader(request.user, slug)
    if not board.may_start_topic(request.user, is_moderator=is_moderator):
        raise Http404
    form = TopicForm(request.POST or None, request.FILES or None, board=board)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        try:
            topic = services.create_topic(
                board=board,
                author=signed_in(request),
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                image=form.cleaned_data.get("image"),
            )
        except services.Refused as error:
            _refusal_to_form(form, error)
        else:
            if screened := _screened_post(request, topic.posts.get(position=1)):
                return screened
            messages.success(request, posted_message(request.user, topic.is_published, topic=True))
            return redirect(topic)
    return render(
        request,
        "forum/topic_form.html",
        {"board": board, "form": form, "paused": posting_pause(request.user)},
    )


@forum_reader
@limit_form_writes("forum.reply")
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    topic, is_moderator = get_topic_for_reader(request.user, pk)
    board = topic.board
    initial = {}
    quote_pk = positive_id(request.GET.get("quote", "")) if request.method == "GET" else None
    if quote_pk is not None:
        quoted = (
            Post.objects.filter(topic=topic, pk=quote_pk, status=PostStatus.PUBLISHED)
            .select_related("author")
            .first()
        )
        if quoted is not None:
            initial["body"] = text.quote_markdown(str(quoted.author), quoted.body)
    form = PostForm(request.POST or None, request.FILES or None, board=board, initial=initial)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        try:
            post = services.create_reply(
                topic=topic,
                author=signed_in(request),
                body=form.cleaned_data["body"],
                image=form.cleaned_data.get("image"),
            )
        except services.Refused as error:
            _refusal_to_form(form, error)
        else:
            if screened := _screened_post(request, post):
                return screened
            held = post.status == PostStatus.HELD
            message = posted_message(request.user, not held, reason=post.status_reason)
            messages.success(request, message)
            return redirect(post)
    refusal = None
    if request.method == "GET":
        try:
            services.check_may_post(user=signed_in(request), board=board, topic=topic)
        except services.Refused as error:
            refusal = error.message
    context = {"topic": topic, "form": form, "refusal": refusal}
    return render(
        request, "forum/reply_form.html", {**context, "paused": posting_pause(request.user)}
    )


@forum_reader
@limit_form_writes("forum.post_edit")
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post, _is_moderator = get_post_for_reader(request.user, pk)
    if post.author_id != request.user.pk:
        raise Http404
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        try:
            services.edit_post(post=post, by=signed_in(request), body=form.cleaned_data["body"])
        except services.Refused as error:
            _refusal_to_form(form, error)
        else:
            if screened := _screened_post(request, post):
                return screened
            messages.success(request, _("Đã lưu bài viết."))
            return redirect(post)
    elif request.method == "GET" and not post.may_be_edited_by(request.user):
        form.add_error(
            None,
            _("Đã quá %(minutes)s phút kể từ khi đăng nên bài viết không sửa được nữa.")
            % {"minutes": conf.EDIT_WINDOW_MINUTES},
        )
    return render(request, "forum/post_edit.html", {"post": post, "form": form})


@require_POST
@forum_reader
def post_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    post, _is_moderator = get_post_for_reader(request.user, pk)
    if post.author_id != request.user.pk:
        raise Http404
    try:
        services.withdraw_post(post=post, by=signed_in(request))
        messages.success(request, _("Bài viết đã được rút lại."))
    except services.Refused as error:
        messages.error(request, error.message)
    return redirect(post)


def post_history(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_post_for_moderator(request.user, pk)
    revisions = post.revisions.select_related("edited_by")
    signals = post.safety_signals.order_by("created_at", "id")
    return render(
        request,
        "forum/post_history.html",
        {"post": post, "revisions": revisions, "signals": signals},
    )


@forum_reader
@limit_form_writes("forum.report")
def post_report(request: HttpRequest, pk: int) -> HttpResponse:
    post, _is_moderator = get_post_for_reader(request.user, pk)
    if not post.is_public or post.author_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        started = timezone.now()
        created = services.report_post(
            post=post,
            reporter=signed_in(request),
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        if selectors.alerted_since(request.user, started):
            return redirect("forum:support")
        if created:
            messages.success(request, _("Cảm ơn bạn. Người kiểm duyệt sẽ xem xét bài viết này."))
        else:
            messages.info(request, _("Bạn đã báo cáo bài viết này rồi."))
        return redirect(post.topic)
    return render(request, "forum/post_report.html", {"post": post, "form": form})


@require_POST
@forum_reader
@limit_writes("forum.subscribe")
def board_subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    board, _is_moderator = get_board_for_reader(request.user, slug)
    on = services.toggle_subscription(user=signed_in(request), board=board)
    messages.success(
        request, _("Đã theo dõi chuyên mục.") if on else _("Đã bỏ theo dõi chuyên mục.")
    )
    return redirect(board)


@require_POST
@forum_reader
@limit_writes("forum.subscribe")
def topic_subscribe(request: HttpRequest, pk: int) -> HttpResponse:
    topic, _is_moderator = get_topic_for_reader(request.user, pk)
    on = services.toggle_subscription(user=signed_in(request), topic=topic)
    messages.success(request, _("Đã theo dõi chủ đề.") if on else _("Đã bỏ theo dõi chủ đề."))
    return redirect(topic)
