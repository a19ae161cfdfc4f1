"""Reviewing (editors): the queue, publish, return, archive, revisions, diff, restore."""

import difflib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.html import html_to_text

from .. import access, services
from ..forms import PublishForm, ReturnForm
from ..models import Article, Revision, Status
from ._common import _paginate

# --- reviewing ----------------------------------------------------------------------


def review_queue(request: HttpRequest) -> HttpResponse:
    access.require_editor(request.user)
    articles = (
        Article.objects.filter(status=Status.SUBMITTED)
        .select_related("author", "category")
        .order_by("submitted_at", "id")
    )
    scheduled = (
        Article.objects.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())
        .select_related("author")
        .order_by("publish_at")[:20]
    )
    return render(
        request,
        "news/review_queue.html",
        {"page": _paginate(request, articles, 20), "scheduled": scheduled},
    )


@require_POST
def article_publish(request: HttpRequest, pk: int) -> HttpResponse:
    editor = access.require_editor(request.user)
    article = access.get_article_for_writer(editor, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thời điểm đăng không hợp lệ."))
        return redirect("news:article_preview", pk=pk)
    try:
        services.publish_article(
            article=article, by=editor, publish_at=form.cleaned_data["publish_at"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("news:article_preview", pk=pk)
    if article.publish_at is not None and article.publish_at > timezone.now():
        messages.success(
            request,
            _("Bài sẽ tự xuất hiện lúc %(when)s.")
            % {"when": timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M")},
        )
    else:
        messages.success(request, _("Đã xuất bản bài viết."))
    return redirect("news:review_queue")


@require_POST
def article_return(request: HttpRequest, pk: int) -> HttpResponse:
    editor = access.require_editor(request.user)
    article = access.get_article_for_writer(editor, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do trả lại để tác giả sửa."))
        return redirect("news:article_preview", pk=pk)
    try:
        services.return_article(article=article, by=editor, comment=form.cleaned_data["comment"])
        messages.success(request, _("Đã trả lại bài cho tác giả."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("news:review_queue")


@require_POST
def article_archive(request: HttpRequest, pk: int) -> HttpResponse:
    editor = access.require_editor(request.user)
    article = access.get_article_for_writer(editor, pk)
    services.archive_article(article=article, by=editor)
    messages.success(request, _("Đã lưu trữ bài viết; bài không còn hiện trên trang."))
    return redirect("news:article_preview", pk=pk)


def article_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    article = access.get_article_for_writer(request.user, pk)
    revisions = article.revisions.select_related("author").order_by("-created_at", "-id")
    return render(
        request,
        "news/revision_list.html",
        {"article": article, "page": _paginate(request, revisions, 30)},
    )


def _diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """(css class, line) pairs of a line diff of two plain texts."""
    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        tag, text = line[:1], line[2:]
        if tag == "?":
            continue
        rows.append(({"+": "added", "-": "removed"}.get(tag, "same"), text))
    return rows


def _revision_text(revision: Revision) -> str:
    return f"{revision.title}\n{revision.summary}\n" + html_to_text(revision.body)


def revision_diff(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    article = access.get_article_for_writer(request.user, pk)
    revision = get_object_or_404(article.revisions.select_related("author"), pk=revision_pk)
    previous = (
        article.revisions.filter(
            Q(created_at__lt=revision.created_at)
            | Q(created_at=revision.created_at, pk__lt=revision.pk)
        )
        .order_by("-created_at", "-id")
        .first()
    )
    old = _revision_text(previous) if previous else ""
    return render(
        request,
        "news/revision_diff.html",
        {
            "article": article,
            "revision": revision,
            "previous": previous,
            "rows": _diff_lines(old, _revision_text(revision)),
            "can_edit": access.can_edit(request.user, article),
        },
    )


@require_POST
def revision_restore(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    writer = access.require_writer(request.user)
    article = access.get_article_for_writer(writer, pk)
    revision = get_object_or_404(article.revisions, pk=revision_pk)
    services.restore_revision(revision=revision, by=writer)
    messages.success(
        request, _("Đã khôi phục phiên bản cũ; bản hiện tại vẫn được giữ trong lịch sử.")
    )
    return redirect("news:article_revisions", pk=pk)
