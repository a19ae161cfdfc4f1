"""News pages: reading (public where the audience allows), writing and reviewing (staff)."""

import difflib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST
from js_asset import Media

from . import counters, selectors, services
from .forms import (
    ArticleForm,
    DocumentFilterForm,
    DocumentForm,
    InlineImageForm,
    PublishForm,
    RatingForm,
    ReportForm,
    ReturnForm,
    SearchForm,
)
from .models import Article, Attachment, Document, Kind, Rating, Revision, Status
from .search import excerpt, highlight, load_page, search

PAGE_SIZE = 12


# --- access helpers ---------------------------------------------------------------


def get_article_for_reader(user, slug: str) -> Article:
    article = (
        Article.objects.visible_to(user)
        .select_related("author", "category")
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404
    return article


def _require_writer(user) -> None:
    if not services.can_write(user):
        raise PermissionDenied


def _require_editor(user) -> None:
    if not (services.can_write(user) and user.can_publish):
        raise PermissionDenied


def get_article_for_writer(user, pk: int) -> Article:
    """Editors reach every article; a teacher only their own. Others: 404."""
    _require_writer(user)
    articles = Article.objects.select_related("author", "category")
    if not user.can_publish:
        articles = articles.filter(author=user)
    return get_object_or_404(articles, pk=pk)


def _paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# --- reading ----------------------------------------------------------------------


def _article_list(request, *, title: str, kind: str | None = None, category=None, tree=None):
    articles = Article.objects.visible_to(request.user).select_related("category").newest_first()
    breadcrumbs = []
    if category is not None:
        articles = articles.filter(category__in=selectors.descendant_ids(category, tree))
        breadcrumbs = selectors.ancestors(category, tree)
    if kind:
        articles = articles.filter(kind=kind)
    articles = articles.only(
        "title", "slug", "summary", "publish_at", "kind", "featured_image", "renditions",
        "featured_alt", "category__name", "category__slug", "view_count",
    )  # fmt: skip
    page = _paginate(request, articles)
    children = (
        [c for c in tree.values() if c.parent_id == category.pk] if category is not None else []
    )
    return render(
        request,
        "news/article_list.html",
        {
            "page": page,
            "title": title,
            "category": category,
            "breadcrumbs": breadcrumbs,
            "children": children,
            "kind": kind,
        },
    )


@login_not_required
def news_index(request):
    return _article_list(request, title=_("Tin tức"), kind=Kind.NEWS)


@login_not_required
def guidance_index(request):
    return _article_list(request, title=_("Hướng dẫn"), kind=Kind.GUIDANCE)


@login_not_required
def category_detail(request, slug: str):
    tree = selectors.category_tree()
    category = next((c for c in tree.values() if c.slug == slug), None)
    if category is None:
        raise Http404
    return _article_list(request, title=category.name, category=category, tree=tree)


def _neighbours(user, article: Article):
    same = Article.objects.visible_to(user).filter(category_id=article.category_id)
    newer = (
        same.filter(
            Q(publish_at__gt=article.publish_at)
            | Q(publish_at=article.publish_at, pk__gt=article.pk)
        )
        .order_by("publish_at", "pk")
        .only("title", "slug", "publish_at")
        .first()
    )
    older = (
        same.filter(
            Q(publish_at__lt=article.publish_at)
            | Q(publish_at=article.publish_at, pk__lt=article.pk)
        )
        .order_by("-publish_at", "-pk")
        .only("title", "slug", "publish_at")
        .first()
    )
    return newer, older


@login_not_required
def article_detail(request, slug: str):
    article = get_article_for_reader(request.user, slug)
    counters.count_view(request, article)
    counters.with_pending([article])
    tree = selectors.category_tree()
    newer, older = _neighbours(request.user, article)
    my_rating = None
    if request.user.is_authenticated:
        my_rating = (
            Rating.objects.filter(article=article, user=request.user)
            .values_list("score", flat=True)
            .first()
        )
    return render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "breadcrumbs": selectors.ancestors(tree[article.category_id], tree),
            "attachments": list(article.attachments.all()),
            "newer": newer,
            "older": older,
            "latest": selectors.latest(request.user, limit=5, exclude=article.pk),
            "most_read": selectors.most_read(request.user, limit=5),
            "my_rating": my_rating,
            "rating_form": RatingForm(initial={"score": my_rating}),
            "report_form": ReportForm(),
            "stars": range(1, 6),
            "is_public": article.audience == "public",
        },
    )


@login_not_required
def article_print(request, slug: str):
    article = get_article_for_reader(request.user, slug)
    return render(
        request,
        "news/article_print.html",
        {"article": article, "attachments": list(article.attachments.all())},
    )


@require_POST
def article_rate(request, slug: str):
    article = get_article_for_reader(request.user, slug)
    form = RatingForm(request.POST)
    if form.is_valid():
        services.rate_article(article=article, user=request.user, score=form.cleaned_data["score"])
        messages.success(request, _("Cảm ơn bạn đã đánh giá bài viết."))
    else:
        messages.error(request, _("Hãy chọn từ 1 đến 5 sao."))
    return redirect(article.get_absolute_url() + "#danh-gia")


def article_report(request, slug: str):
    article = get_article_for_reader(request.user, slug)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_error(
                article=article, by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error("message", error)
        else:
            messages.success(request, _("Cảm ơn bạn! Ban biên tập đã nhận được báo lỗi."))
            return redirect(article.get_absolute_url())
    return render(request, "news/article_report.html", {"article": article, "form": form})


# Files are shown by the browser's own viewer (PDF): nothing of ours runs in them.
FILE_CSP = {"default-src": ["'none'"], "object-src": ["'self'"], "frame-ancestors": ["'self'"]}


@login_not_required
@csp_override(FILE_CSP)
def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("article"), pk=pk)
    article = attachment.article
    readable = Article.objects.visible_to(request.user).filter(pk=article.pk).exists()
    if not readable and not services.can_edit(request.user, article):
        raise Http404
    is_pdf = attachment.content_type == "application/pdf"
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=not is_pdf,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


# --- documents --------------------------------------------------------------------


@login_not_required
def document_list(request):
    visible = Document.objects.visible_to(request.user)
    # Years and issuers for the filters: two small DISTINCT queries.
    years = sorted({d.year for d in visible.dates("issued_on", "year")}, reverse=True)
    issuers = list(visible.order_by("issuer").values_list("issuer", flat=True).distinct())
    form = DocumentFilterForm(request.GET or None, years=years, issuers=issuers)
    documents = visible.order_by("-issued_on", "-id")
    query = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["type"]:
            documents = documents.filter(doc_type=data["type"])
        if data["year"]:
            documents = documents.filter(issued_on__year=data["year"])
        if data["issuer"]:
            documents = documents.filter(issuer=data["issuer"])
        query = data["q"]
        if query:
            from .search import _matching, _rank, search_terms

            terms = search_terms(query)
            if terms:
                documents = (
                    documents.filter(_matching(terms))
                    .annotate(rank=_rank(terms))
                    .order_by("-rank", "-issued_on", "-id")
                )
    page = _paginate(request, documents, per_page=20)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "news/document_list.html",
        {"page": page, "form": form, "query_string": params.urlencode()},
    )


def _get_document(user, slug: str) -> Document:
    document = (
        Document.objects.visible_to(user).select_related("replaces").filter(slug=slug).first()
    )
    if document is None:
        raise Http404
    return document


@login_not_required
def document_detail(request, slug: str):
    document = _get_document(request.user, slug)
    replaced_by = list(Document.objects.visible_to(request.user).filter(replaces=document)[:5])
    return render(
        request, "news/document_detail.html", {"document": document, "replaced_by": replaced_by}
    )


@login_not_required
@csp_override(FILE_CSP)
def document_file(request, slug: str):
    document = _get_document(request.user, slug)
    if not document.file:
        raise Http404
    # A PDF viewer fetches the file in byte ranges; count the first request only, and no bots.
    byte_range = request.headers.get("Range", "")
    if (not byte_range or byte_range.startswith("bytes=0-")) and not counters.is_bot(request):
        services.count_download(document=document)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=not document.is_pdf,
        filename=document.file_name or document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type or services.guess_type(document.file.name),
    )


def document_form(request, slug: str | None = None):
    """Editors keep the register: add a document or correct one."""
    _require_editor(request.user)
    document = get_object_or_404(Document, slug=slug) if slug else Document()
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        document = services.save_document(
            document=form.save(commit=False), by=request.user, upload=form.cleaned_data["upload"]
        )
        messages.success(request, _("Đã lưu văn bản."))
        return redirect(document.get_absolute_url())
    return render(request, "news/document_form.html", {"form": form, "document": document})


# --- search -------------------------------------------------------------------------


@login_not_required
def search_page(request):
    form = SearchForm(request.GET or None)
    page = results = None
    terms: list[str] = []
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        rows, terms = search(request.user, query)
        if rows is not None:
            page = _paginate(request, rows, per_page=10)
            results = [
                {
                    "kind": kind,
                    "object": obj,
                    "title": highlight(obj.title if kind == "article" else obj.number, terms),
                    "excerpt": excerpt(
                        obj.body_text or obj.summary if kind == "article" else obj.summary, terms
                    ),
                }
                for kind, obj in load_page(page.object_list)
            ]
    return render(
        request,
        "news/search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "query": query,
            "query_string": urlencode({"q": query}) if query else "",
        },
    )


# --- writing ------------------------------------------------------------------------


def _editor_media(request, form):
    return Media.from_media(form.media, nonce=str(get_nonce(request)))


def my_articles(request):
    _require_writer(request.user)
    articles = (
        Article.objects.filter(author=request.user)
        .select_related("category")
        .order_by("-updated_at", "-id")
    )
    return render(
        request,
        "news/my_articles.html",
        {"page": _paginate(request, articles, 20), "now": timezone.now()},
    )


def _save_uploads(form, article, user) -> bool:
    """Featured image and attachment; field errors go back to the form. True if all went well."""
    ok = True
    if upload := form.cleaned_data.get("featured_upload"):
        try:
            services.set_featured_image(article=article, upload=upload)
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


def _check_uploads(form) -> None:
    """Validate uploads before anything is saved, so a bad file writes nothing."""
    from portal.lib.images import clean_image

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


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.ARTICLE_FIELDS}


def article_create(request):
    _require_writer(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _check_uploads(form)
        if form.is_valid():
            with transaction.atomic():
                article = services.create_article(author=request.user, **_fields(form))
                _save_uploads(form, article, request.user)
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("news:article_edit", pk=article.pk)
    return render(
        request,
        "news/article_form.html",
        {"form": form, "article": None, "media": _editor_media(request, form)},
    )


def article_edit(request, pk: int):
    article = get_article_for_writer(request.user, pk)
    if not services.can_edit(request.user, article):
        messages.info(request, _("Bài đang chờ duyệt hoặc đã đăng: bạn chỉ xem được."))
        return redirect("news:article_preview", pk=article.pk)
    form = ArticleForm(request.POST or None, request.FILES or None, instance=article)
    if request.method == "POST" and form.is_valid():
        _check_uploads(form)
        if form.is_valid():
            with transaction.atomic():
                services.update_article(article=article, by=request.user, **_fields(form))
                _save_uploads(form, article, request.user)
            if request.POST.get("then") == "submit" and article.status in (
                Status.DRAFT,
                Status.RETURNED,
            ):
                services.submit_article(article=article, by=request.user)
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
            "image_form": InlineImageForm(),
        },
    )


def article_preview(request, pk: int):
    article = get_article_for_writer(request.user, pk)
    return render(
        request,
        "news/article_preview.html",
        {
            "article": article,
            "attachments": list(article.attachments.all()),
            "can_edit": services.can_edit(request.user, article),
            "return_form": ReturnForm(),
            "publish_form": PublishForm(),
        },
    )


@require_POST
def article_submit(request, pk: int):
    article = get_article_for_writer(request.user, pk)
    try:
        services.submit_article(article=article, by=request.user)
        messages.success(request, _("Đã gửi bài cho ban biên tập duyệt."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("news:my_articles")


def review_queue(request):
    _require_editor(request.user)
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
def article_publish(request, pk: int):
    _require_editor(request.user)
    article = get_article_for_writer(request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thời điểm đăng không hợp lệ."))
        return redirect("news:article_preview", pk=pk)
    try:
        services.publish_article(
            article=article, by=request.user, publish_at=form.cleaned_data["publish_at"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("news:article_preview", pk=pk)
    if article.publish_at > timezone.now():
        messages.success(
            request,
            _("Bài sẽ tự xuất hiện lúc %(when)s.")
            % {"when": timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M")},
        )
    else:
        messages.success(request, _("Đã xuất bản bài viết."))
    return redirect("news:review_queue")


@require_POST
def article_return(request, pk: int):
    _require_editor(request.user)
    article = get_article_for_writer(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do trả lại để tác giả sửa."))
        return redirect("news:article_preview", pk=pk)
    try:
        services.return_article(
            article=article, by=request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("Đã trả lại bài cho tác giả."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("news:review_queue")


@require_POST
def article_archive(request, pk: int):
    _require_editor(request.user)
    article = get_article_for_writer(request.user, pk)
    services.archive_article(article=article, by=request.user)
    messages.success(request, _("Đã lưu trữ bài viết; bài không còn hiện trên trang."))
    return redirect("news:article_preview", pk=pk)


def article_revisions(request, pk: int):
    article = get_article_for_writer(request.user, pk)
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
    from portal.lib.html import html_to_text

    body = revision.body.replace("</p>", "</p>\n").replace("<br>", "\n")
    for tag in ("</h2>", "</h3>", "</h4>", "</li>", "</tr>"):
        body = body.replace(tag, tag + "\n")
    return f"{revision.title}\n{revision.summary}\n" + html_to_text(body)


def revision_diff(request, pk: int, revision_pk: int):
    article = get_article_for_writer(request.user, pk)
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
            "can_edit": services.can_edit(request.user, article),
        },
    )


@require_POST
def revision_restore(request, pk: int, revision_pk: int):
    article = get_article_for_writer(request.user, pk)
    revision = get_object_or_404(article.revisions, pk=revision_pk)
    services.restore_revision(revision=revision, by=request.user)
    messages.success(
        request, _("Đã khôi phục phiên bản cũ; bản hiện tại vẫn được giữ trong lịch sử.")
    )
    return redirect("news:article_revisions", pk=pk)


@require_POST
def image_upload(request):
    _require_writer(request.user)
    form = InlineImageForm(request.POST, request.FILES)
    image = error = None
    if form.is_valid():
        try:
            image = services.upload_inline_image(upload=form.cleaned_data["image"], by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = _("Hãy chọn một ảnh.")
    response = render(request, "news/_inline_image.html", {"image": image, "error": error})
    if error:
        response.status_code = 400 if not request.htmx else 200
    return response


@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("article"), pk=pk)
    if not services.can_edit(request.user, attachment.article):
        raise Http404
    services.remove_attachment(attachment=attachment, by=request.user)
    messages.success(request, _("Đã xoá tệp đính kèm."))
    return redirect("news:article_edit", pk=attachment.article_id)
