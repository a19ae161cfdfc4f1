"""Moderation: topic actions, the review queue, appeal decisions and watched words."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from .. import selectors, services
from ..access import (
    get_post_for_moderator,
    is_board_moderator,
    may_decide_appeal,
    moderator_only,
    signed_in,
)
from ..forms import AppealDecisionForm, DecisionForm, TopicActionForm, WatchedWordForm
from ..models import Appeal, AppealStatus, Board, Post, Report, Topic, WatchedWord

# --- Moderation ----------------------------------------------------------------------


@require_POST
def topic_action(request: HttpRequest, pk: int) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.select_related("board"), pk=pk)
    if not is_board_moderator(request.user, topic.board):
        raise Http404
    form = TopicActionForm(request.POST)
    if form.is_valid():
        target = form.cleaned_data["board"]
        if target is not None and not is_board_moderator(request.user, target):
            raise Http404
        try:
            services.moderate_topic(
                topic=topic,
                moderator=signed_in(request),
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
                board=target,
            )
            messages.success(request, _("Đã cập nhật chủ đề."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
    return redirect(topic)


def review_queue(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not user.is_school_staff or not (
        user.can_moderate or Board.objects.moderated_by(user).exists()
    ):
        raise Http404
    page = Paginator(selectors.queue_for(user), 20).get_page(request.GET.get("page"))
    items = list(page.object_list)
    _annotate_queue_items(items)
    appeals = (
        Appeal.objects.filter(status=AppealStatus.PENDING)
        .exclude(original_moderator=user)
        .select_related("author", "post__topic", "sanction")
        .order_by("created_at")
    )
    if not user.can_moderate:
        appeals = appeals.filter(post__topic__board__moderators=user)
    return render(
        request, "forum/queue.html", {"page": page, "items": items, "appeals": list(appeals[:20])}
    )


def _annotate_queue_items(items: list[Post]) -> None:
    """Open reports, what screening found and the author's recent history for each queued
    post (two + one + one queries).

    The template reads them as attributes of each post, hence the ignores."""
    histories = selectors.author_histories(sorted({item.author_id for item in items}))
    reports: dict[int, list[Report]] = {}
    for report in Report.objects.filter(
        post__in=[item.pk for item in items], resolved_at__isnull=True
    ).select_related("reporter"):
        reports.setdefault(report.post_id, []).append(report)
    signals = selectors.signals_of_posts([item.pk for item in items])
    for item in items:
        item.signals = signals.get(item.pk, [])  # type: ignore[attr-defined]
        item.history = histories[item.author_id]  # type: ignore[attr-defined]
        item.open_reports = reports.get(item.pk, [])  # type: ignore[attr-defined]
        item.form = DecisionForm(initial={"body": item.body})  # type: ignore[attr-defined]


class HtmxRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (the typing its documentation gives)."""

    htmx: HtmxDetails


@require_POST
def queue_decide(request: HtmxRequest, pk: int) -> HttpResponse:
    post = get_post_for_moderator(request.user, pk)
    form = DecisionForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.decide_post(
                post=post,
                moderator=signed_in(request),
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                new_body=form.cleaned_data["body"] or None,
            )
        except services.Refused as refusal:
            error = refusal.message
    else:
        error = _("Thao tác không hợp lệ.")
    if request.htmx:
        if error:
            _annotate_queue_items([post])
            post.form = form  # type: ignore[attr-defined]
            return render(request, "forum/queue.html#queue_item", {"item": post, "error": error})
        post.refresh_from_db()
        waiting = selectors.navigation_counts(request).get("forum_queue", 0)
        return render(request, "forum/queue.html#queue_done", {"item": post, "waiting": waiting})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Đã xử lý bài viết."))
    if request.POST.get("from") == "topic":  # the buttons under a post in its topic
        return redirect(post)
    return redirect("forum:queue")


@require_POST
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = get_object_or_404(
        Appeal.objects.select_related("post__topic__board", "sanction"), pk=pk
    )
    if not may_decide_appeal(request.user, appeal):
        raise Http404
    form = AppealDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_appeal(
                appeal=appeal,
                moderator=signed_in(request),
                overturn=form.cleaned_data["overturn"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Đã xem xét khiếu nại."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy chọn quyết định và ghi lý do."))
    return redirect("forum:queue")


# --- Watched words -----------------------------------------------------------------------


@moderator_only
def watched_words(request: HttpRequest) -> HttpResponse:
    form = WatchedWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_watched_word(
                word=form.cleaned_data["word"],
                action=form.cleaned_data["action"],
                category=form.cleaned_data["category"],
                by=signed_in(request),
            )
            messages.success(request, _("Đã lưu từ khoá."))
            return redirect("forum:watched_words")
        except services.Refused as error:
            form.add_error("word", error)
    return render(
        request, "forum/watched_words.html", {"words": WatchedWord.objects.all(), "form": form}
    )


@require_POST
@moderator_only
def watched_word_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.delete_watched_word(
        watched=get_object_or_404(WatchedWord, pk=pk), by=signed_in(request)
    )
    messages.success(request, _("Đã xoá từ khoá."))
    return redirect("forum:watched_words")
