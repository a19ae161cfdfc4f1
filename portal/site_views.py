"""Editors arrange the website: the header menu and the home page's blocks."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from news.models import Article

from . import access, home_blocks, menu, services
from .forms import HomeLayoutForm, MenuItemForm
from .models import MenuItem

# How many recent articles the "Bài nổi bật" list offers (one query, whatever the archive).
FEATURE_CHOICES = 60


def menu_manage(request: HttpRequest) -> HttpResponse:
    editor = access.require_editor(request.user)
    services.store_default_menu(by=editor)
    items = list(MenuItem.objects.select_related("page", "category").order_by("position", "id"))
    top = [item for item in items if item.parent_id is None]
    children: dict[int, list[MenuItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)

    def describe(item: MenuItem) -> dict:
        return {"item": item, "label": menu.item_label(item), "target": menu.target(item)}

    rows = [
        {**describe(item), "children": [describe(child) for child in children.get(item.pk, [])]}
        for item in top
    ]
    context = {"rows": rows}
    return render(request, "portal/menu_manage.html", context)


def menu_item_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    editor = access.require_editor(request.user)
    services.store_default_menu(by=editor)
    item = access.get_menu_item_for_editor(editor, pk) if pk is not None else None
    initial = {"parent": request.GET.get("thuoc")} if item is None else None
    form = MenuItemForm(request.POST or None, instance=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_menu_item(form=form, by=editor)
        messages.success(request, _("Đã lưu mục menu."))
        return redirect("menu_manage")
    return render(request, "portal/menu_item_form.html", {"form": form, "item": item})


@require_POST
def menu_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_menu_item_for_editor(request.user, pk)
    up = request.POST.get("huong") != "xuong"
    services.move_menu_item(item=item, up=up, by=access.require_editor(request.user))
    return redirect("menu_manage")


@require_POST
def menu_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_menu_item_for_editor(request.user, pk)
    services.delete_menu_item(item=item, by=access.require_editor(request.user))
    messages.success(request, _("Đã xoá mục menu."))
    return redirect("menu_manage")


def home_layout(request: HttpRequest) -> HttpResponse:
    editor = access.require_editor(request.user)
    current = home_blocks.layout()
    articles = list(
        Article.objects.live().newest_first().only("title", "publish_at")[:FEATURE_CHOICES]
    )
    if current.featured_article_id and current.featured_article_id not in {a.pk for a in articles}:
        articles += list(
            Article.objects.filter(pk=current.featured_article_id).only("title", "publish_at")
        )
    form = HomeLayoutForm(
        request.POST or None,
        placements=home_blocks.placements(),
        blocks=home_blocks.BLOCKS,
        articles=articles,
        featured_id=current.featured_article_id,
    )
    if request.method == "POST" and form.is_valid():
        services.save_home_layout(
            placements=form.placements(),
            featured_article_id=form.cleaned_data["featured"],
            by=editor,
        )
        messages.success(request, _("Đã lưu cách sắp xếp trang nhất."))
        return redirect("home_blocks")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "audiences": home_blocks.HomeAudience.choices}
    return render(request, "portal/home_blocks.html", context, status=status)
