"""The header menu: what editors put in it (MenuItem), resolved once and cached.

The cached tree holds every item with what decides who may see it (login needed,
the page's audience); `for_user` filters it per request by the reader's audience
keys (from the navigation cache, portal/selectors.py), so the menu costs nothing
on a warm cache and two queries after a change.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.audiences import PUBLIC, keys_for

from .models import MenuItem, MenuKind, Page

CACHE_KEY = "portal.menu.v1"
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Builtin:
    url_name: str
    label: Promise
    icon: str = ""
    login_required: bool = False


# The portal's own pages an editor may put in the menu. Those that need a login are
# hidden from visitors (the link would only lead to the login page).
BUILTINS: dict[str, Builtin] = {
    "home": Builtin("home", _("Trang nhất"), "bi-house-door"),
    "news": Builtin("news:news_index", _("Tin tức"), "bi-newspaper"),
    "guidance": Builtin("news:guidance_index", _("Hướng dẫn"), "bi-shield-check"),
    "documents": Builtin("news:document_list", _("Văn bản"), "bi-file-earmark-text"),
    "calendar": Builtin("calendar_week", _("Lịch công tác"), "bi-calendar-week"),
    "gallery": Builtin("album_list", _("Thư viện ảnh"), "bi-images"),
    "search": Builtin("search", _("Tìm kiếm"), "bi-search"),
    "faq": Builtin("faq", _("Hỏi đáp"), "bi-question-circle"),
    "contact": Builtin("contact", _("Liên hệ"), "bi-envelope"),
    "lessons": Builtin("lessons:lesson_list", _("Bài học"), "bi-mortarboard", True),
    "forum": Builtin("forum:index", _("Diễn đàn"), "bi-chat-square-text", True),
    "announcements": Builtin("announcements:list", _("Thông báo"), "bi-megaphone", True),
}


def builtin_choices() -> list[tuple[str, str]]:
    return [(key, str(builtin.label)) for key, builtin in BUILTINS.items()]


def item_label(item: MenuItem) -> str:
    """The name an editor knows an item by (its label, else its target's name)."""
    if item.label:
        return item.label
    if item.kind == MenuKind.BUILTIN and item.builtin in BUILTINS:
        return str(BUILTINS[item.builtin].label)
    return str(item.page or item.category or item.address or item)


def target(item: MenuItem) -> str:
    """Where the item leads, for the editors' list ("" for a group or a lost target)."""
    entry = _entry(item)
    return entry["href"] if entry else ""


def invalidate() -> None:
    """Call after any change to menu items or pages (services and the page admin do):
    now, and again once committed (a reader in between would cache the old menu).
    A renamed news category shows within CACHE_SECONDS."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _entry(item: MenuItem) -> dict | None:
    """What the header needs of one item; None when its target is gone."""
    entry = {
        "id": item.pk,
        "kind": item.kind,
        "label": item.label,
        "builtin": "",
        "href": "",
        "audience": PUBLIC,
        "login_required": False,
        "children": [],
    }
    if item.kind == MenuKind.PAGE:
        if item.page is None or not item.page.is_published:
            return None
        entry.update(
            label=item.label or item.page.title,
            href=item.page.get_absolute_url(),
            audience=item.page.audience,
        )
    elif item.kind == MenuKind.CATEGORY:
        if item.category is None:
            return None
        entry.update(label=item.label or item.category.name, href=item.category.get_absolute_url())
    elif item.kind == MenuKind.BUILTIN:
        builtin = BUILTINS.get(item.builtin)
        if builtin is None:
            return None
        entry.update(
            builtin=item.builtin,
            href=reverse(builtin.url_name),
            login_required=builtin.login_required,
        )
    elif item.kind == MenuKind.ADDRESS:
        entry["href"] = item.address
    return entry


# Today's header, as the template wrote it before editors could change it: what a
# fresh install shows (migration 0005 stores it; an empty table shows it too).
# (kind, builtin or address, label, children)
DEFAULT_MENU: tuple = (
    (MenuKind.BUILTIN, "home", "", ()),
    (
        MenuKind.GROUP,
        "",
        "Nhà trường",
        (
            (MenuKind.ADDRESS, "/trang/gioi-thieu/", "Giới thiệu"),
            (MenuKind.BUILTIN, "calendar", ""),
            (MenuKind.BUILTIN, "gallery", ""),
            (MenuKind.BUILTIN, "contact", ""),
        ),
    ),
    (MenuKind.BUILTIN, "news", "", ()),
    (MenuKind.BUILTIN, "guidance", "", ()),
    (MenuKind.BUILTIN, "documents", "", ()),
    (MenuKind.BUILTIN, "search", "", ()),
)


def default_items() -> list[tuple[MenuItem, list[MenuItem]]]:
    """DEFAULT_MENU as unsaved items: (top-level item, its sub-items)."""

    def make(kind: str, target: str, label: str, position: int) -> MenuItem:
        item = MenuItem(kind=kind, label=label, position=position)
        if kind == MenuKind.BUILTIN:
            item.builtin = target
        elif kind == MenuKind.ADDRESS:
            item.address = target
        return item

    return [
        (
            make(kind, target, label, position),
            [
                make(child_kind, child_target, child_label, child_position)
                for child_position, (child_kind, child_target, child_label) in enumerate(
                    children, start=1
                )
            ],
        )
        for position, (kind, target, label, children) in enumerate(DEFAULT_MENU, start=1)
    ]


def _stored_items() -> list[tuple[MenuItem, list[MenuItem]]]:
    """The editors' menu, top-level items with their sub-items, in order. One query."""
    items = list(MenuItem.objects.select_related("page", "category").order_by("position", "id"))
    children: dict[int, list[MenuItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    return [(item, children.get(item.pk, [])) for item in items if item.parent_id is None]


def _page_entry(page: Page) -> dict:
    return {
        "id": None,
        "kind": MenuKind.PAGE,
        "label": page.title,
        "builtin": "",
        "href": page.get_absolute_url(),
        "audience": page.audience,
        "login_required": False,
        "children": [],
    }


def _build() -> list[dict]:
    """The whole menu tree (today's header while the table is empty). Two queries: the
    items, and published pages with a menu position; those no item leads to yet join
    the first group (e.g. "Nhà trường"), or the bar when there is no group."""
    top: list[dict] = []
    for item, children in _stored_items() or default_items():
        if (entry := _entry(item)) is not None:
            entry["children"] = [e for child in children if (e := _entry(child)) is not None]
            top.append(entry)
    in_menu = {entry["href"] for entry in top}
    in_menu |= {child["href"] for entry in top for child in entry["children"]}
    groups = [entry for entry in top if entry["kind"] == MenuKind.GROUP]
    pages = (
        Page.objects.published().filter(menu_order__isnull=False).order_by("menu_order", "title")
    )
    for page in pages:
        if page.get_absolute_url() not in in_menu:
            (groups[0]["children"] if groups else top).append(_page_entry(page))
    return top


def tree() -> list[dict]:
    menu = cache.get(CACHE_KEY)
    if menu is None:
        menu = _build()
        cache.set(CACHE_KEY, menu, CACHE_SECONDS)
    return menu


def _may_see(entry: dict, *, signed_in: bool, keys: frozenset[str]) -> bool:
    if entry["login_required"] and not signed_in:
        return False
    return entry["audience"] in keys


def _for_reader(entry: dict) -> dict:
    builtin = BUILTINS.get(entry["builtin"])
    return {
        **entry,
        "label": entry["label"] or (str(builtin.label) if builtin else ""),
        "icon": builtin.icon if builtin else "",
        "is_search": entry["builtin"] == "search",
    }


def for_user(user, *, keys: frozenset[str] | None = None) -> list[dict]:
    """The menu `user` may see: items whose target they may open; a group or dropdown
    with nothing left inside disappears. `keys` are the user's audience keys when the
    caller has them (the context processor takes them from the navigation cache, so
    the menu costs no query); otherwise keys_for(user), one query for a logged-in user."""
    signed_in = bool(getattr(user, "is_authenticated", False) and user.is_active)
    if keys is None:
        keys = keys_for(user)
    visible = []
    for entry in tree():
        if not _may_see(entry, signed_in=signed_in, keys=keys):
            continue
        children = [
            _for_reader(child)
            for child in entry["children"]
            if _may_see(child, signed_in=signed_in, keys=keys)
        ]
        if entry["kind"] == MenuKind.GROUP and not children:
            continue
        visible.append({**_for_reader(entry), "children": children})
    return visible
