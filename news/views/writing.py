"""Writing articles (staff): my articles, create, edit, preview, submit, images, attachments."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from js_asset import Media

from accounts.access import signed_in
from accounts.models import User
from accounts.write_limits import limit_form_writes, limit_writes, writes_allowed
from lib.htmx import HtmxHttpRequest

from .. import access, services
from ..forms import ArticleForm, InlineImageForm, PublishForm, ReturnForm
from ..models import Article, Status
from ._common import _paginate

# --- writing ------------------------------------------------------------------------


def _editor_media(request: HttpRequest, form: forms.BaseForm) -> Media:
    return Media.from_media(form.media, nonce=str(get_nonce(request)))


def my_articles(request: HttpRequest) -> HttpResponse:
    writer = access.require_writer(request.user)
    articles = (
        Article.objects.filter(author=writer)
        .select_related("category")
        .order_by("-updated_at", "-id")
    )
    return render(
        request,
        "news/my_articles.html",
        {"page": _paginate(request, articles, 20), "now": timezone.now()},
    )


def _save_uploads(form: ArticleForm, article: Article, user: User) -> bool:
    """Featured image and attachment; field errors go back to the form. True if all went well."""
    ok = True
    if upload := form.cleaned_data.get("featured_upload"):
        try:
            services.set_featured_image(article=article, upload=upload, by=user)
        except ValidationError as error:
            form.add_error("featured_upload", error)
            ok = False
    if upload := form.cleaned_data.get("attachment_upload"):
        try:
            services.add_attachment(article=article, upload=upload, by=user)
        except ValidationError as error:
            form.add_error("attachment_upload", error)
            ok = False
    return ok


def _check_uploads(form: ArticleForm) -> None:
    """Validate uploads before anything is saved, so a bad file writes nothing."""
    from lib.images import clean_image

    if upload := form.cleaned_data.get("featured_upload"):
        try:
            clean_image(upload)
            upload.seek(0)
        except ValidationError as error:
            form.add_error("featured_upload", error)
    if upload := form.cleaned_data.get("attachment_upload"):
        try:
            services.clean_attachment(upload)
            upload.seek(0)
        except ValidationError as error:
            form.add_error("attachment_upload", error)


def _fields(form: ArticleForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in services.ARTICLE_FIELDS}


@limit_form_writes("news.article_create")
def article_create(request: HttpRequest) -> HttpResponse:
    writer = access.require_writer(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        _check_uploads(form)
        if form.is_valid():
            with transaction.atomic():
                article = services.create_article(by=writer, **_fields(form))
                _save_uploads(form, article, writer)
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("news:article_edit", pk=article.pk)
    return render(
        request,
        "news/article_form.html",
        {"form": form, "article": None, "media": _editor_media(request, form)},
    )


@limit_form_writes("news.article_edit")
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    writer = access.require_writer(request.user)
    article = access.get_article_for_writer(writer, pk)
    if not access.can_edit(writer, article):
        messages.info(request, _("Bài đang chờ duyệt hoặc đã đăng: bạn chỉ xem được."))
        return redirect("news:article_preview", pk=article.pk)
    form = ArticleForm(request.POST or None, request.FILES or None, instance=article)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        _check_uploads(form)
        if form.is_valid():
            with transaction.atomic():
                services.update_article(article=article, by=writer, **_fields(form))
                _save_uploads(form, article, writer)
            if request.POST.get("then") == "submit" and article.status in (
                Status.DRAFT,
                Status.RETURNED,
            ):
                services.submit_article(article=article, by=writer)
                messages.success(request, _("Đã gửi bài cho ban biên tập duyệt."))
                return redirect("news:my_articles")
            messages.success(request, _("Đã lưu."))
            return redirect("news:article_edit", pk=article.pk)
    return render(
        request,
        "news/article_form.html",
        {
            "form": form,
            "article": article,
            "attachments": list(article.attachments.all()),
            "media": _editor_media(request, form),
        },
    )


def article_preview(request: HttpRequest, pk: int) -> HttpResponse:
    article = access.get_article_for_writer(request.user, pk)
    return render(
        request,
        "news/article_preview.html",
        {
            "article": article,
            "attachments": list(article.attachments.all()),
            "can_edit": access.can_edit(request.user, article),
            "return_form": ReturnForm(),
            "publish_form": PublishForm(),
        },
    )


@require_POST
@limit_writes("news.article_submit")
def article_submit(request: HttpRequest, pk: int) -> HttpResponse:
    writer = access.require_writer(request.user)
    article = access.get_article_for_writer(writer, pk)
    try:
        services.submit_article(article=article, by=writer)
        messages.success(request, _("Đã gửi bài cho ban biên tập duyệt."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("news:my_articles")


@require_POST
@limit_writes("news.image_upload")
def image_upload(request: HtmxHttpRequest) -> HttpResponse:
    writer = access.require_writer(request.user)
    form = InlineImageForm(request.POST, request.FILES)
    image = error = None
    if form.is_valid():
        try:
            image = services.upload_inline_image(upload=form.cleaned_data["image"], by=writer)
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = _("Hãy chọn một ảnh.")
    if "application/json" in request.headers.get("Accept", ""):
        # The editor's picture button: it inserts the address where the cursor is.
        if error:
            return JsonResponse({"error": error}, status=400)
        assert image is not None
        return JsonResponse({"url": image.image.url})
    context = {"image": image, "error": error}
    if request.htmx:
        return render(request, "news/_inline_image.html", context)
    # Without htmx a bare fragment would strand the writer: a whole page with the way back.
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
    context["back"] = referer if referer and same_site else reverse("news:my_articles")
    return render(request, "news/inline_image_page.html", context, status=400 if error else 200)


@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access.get_attachment_for_editing(request.user, pk)
    services.remove_attachment(attachment=attachment, by=signed_in(request.user))
    messages.success(request, _("Đã xoá tệp đính kèm."))
    return redirect("news:article_edit", pk=attachment.article_id)
