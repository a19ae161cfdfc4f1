"""Reading news: lists, an article and its print view, rating, error reports, files, search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from accounts.access import signed_in
from accounts.models import User
from accounts.write_limits import limit_form_writes, limit_writes, writes_allowed
from lib.downloads import private_file_response

from .. import access, counters, selectors, services
from ..forms import RatingForm, ReportForm
from ..models import Article, Category, Kind, Rating
from ._common import FILE_CSP, _paginate

# --- reading ----------------------------------------------------------------------


def _article_list(
    request: HttpRequest,
    *,
    title: str,
    kind: str | None = None,
    category: Category | None = None,
    tree: dict[int, Category] | None = None,
) -> HttpResponse:
    articles = Article.objects.visible_to(request.user).select_related("category").newest_first()
    breadcrumbs: list[Category] = []
    children: list[Category] = []
    if category is not None and tree is not None:
        articles = articles.filter(category__in=selectors.descendant_ids(category, tree))
        breadcrumbs = selectors.ancestors(category, tree)
        children = [c for c in tree.values() if c.parent_id == category.pk]
    if kind:
        articles = articles.filter(kind=kind)
    articles = articles.only(
        "title", "slug", "summary", "publish_at", "kind", "featured_image", "renditions",
        "featured_alt", "category__name", "category__slug", "view_count",
    )  # fmt: skip
    page = _paginate(request, articles)
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
def news_index(request: HttpRequest) -> HttpResponse:
    return _article_list(request, title=_("Tin tức"), kind=Kind.NEWS)


@login_not_required
def guidance_index(request: HttpRequest) -> HttpResponse:
    return _article_list(request, title=_("Hướng dẫn"), kind=Kind.GUIDANCE)


@login_not_required
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tree = selectors.category_tree()
    category = next((c for c in tree.values() if c.slug == slug), None)
    if category is None:
        raise Http404
    return _article_list(request, title=category.name, category=category, tree=tree)


def _neighbours(
    user: User | AnonymousUser, article: Article
) -> tuple[Article | None, Article | None]:
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
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = access.get_article_for_reader(request.user, slug)
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
    response = render(
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
    # Served again from the anonymous page cache (portal/page_cache.py), the view
    # is still counted.
    response.count_on_cache_hit = ("news.article_view", article.pk)  # type: ignore[attr-defined]
    return response


@login_not_required
def article_print(request: HttpRequest, slug: str) -> HttpResponse:
    article = access.get_article_for_reader(request.user, slug)
    return render(
        request,
        "news/article_print.html",
        {"article": article, "attachments": list(article.attachments.all())},
    )


@require_POST
@limit_writes("news.rating")
def article_rate(request: HttpRequest, slug: str) -> HttpResponse:
    article = access.get_article_for_reader(request.user, slug)
    form = RatingForm(request.POST)
    if form.is_valid():
        services.rate_article(
            article=article, by=signed_in(request.user), score=form.cleaned_data["score"]
        )
        messages.success(request, _("Cảm ơn bạn đã đánh giá bài viết."))
    else:
        messages.error(request, _("Hãy chọn từ 1 đến 5 sao."))
    return redirect(article.get_absolute_url() + "#danh-gia")


@limit_form_writes("news.error_report")
def article_report(request: HttpRequest, slug: str) -> HttpResponse:
    article = access.get_article_for_reader(request.user, slug)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        try:
            services.report_error(
                article=article, by=signed_in(request.user), message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error("message", error)
        else:
            messages.success(request, _("Cảm ơn bạn! Ban biên tập đã nhận được báo lỗi."))
            return redirect(article.get_absolute_url())
    return render(request, "news/article_report.html", {"article": article, "form": form})


@login_not_required
@csp_override(FILE_CSP)
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    attachment = access.get_attachment_for_reader(request.user, pk)
    is_pdf = attachment.content_type == "application/pdf"
    return private_file_response(
        attachment.file,
        as_attachment=not is_pdf,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
