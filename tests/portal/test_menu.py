"""The header menu editors arrange on the site: rules, visibility, order."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from news.models import Category
from portal import menu, services
from portal.forms import MenuItemForm
from portal.models import MenuItem, MenuKind, Page


def _site_menu(html: str) -> str:
    """The public part of the header: from the menu bar to the first role-specific item
    (or the end of the left-hand list)."""
    start = html.index('<ul class="navbar-nav me-auto">')
    end = html.index("</ul>\n        <ul", start)
    return html[start:end]


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"#]+)"', _site_menu(html))


def _add(client, **data):
    fields = {"kind": "", "label": "", "page": "", "category": "", "builtin": "", "address": ""}
    fields.update({"parent": ""}, **data)
    return client.post("/sap-xep/menu/them/", fields)


def test_a_fresh_install_shows_the_menu_the_header_had(db, client):
    assert _hrefs(client.get("/").content.decode()) == [
        "/",
        "/trang/gioi-thieu/",
        "/lich-cong-tac/",
        "/thu-vien-anh/",
        "/lien-he/",
        "/tin-tuc/",
        "/huong-dan/",
        "/van-ban/",
        "/tim-kiem/",
    ]
    html = _site_menu(client.get("/").content.decode())
    assert "Nhà trường" in html and "Trang nhất" in html


def test_role_items_stay_after_the_editable_menu(client_for):
    html = client_for("editor").get("/").content.decode()
    assert html.index('href="/tim-kiem/"') < html.index('href="/bai-hoc/"')
    assert 'data-testid="work-menu"' in html and 'data-testid="site-layout-link"' in html


def test_an_editor_adds_an_address_and_a_visitor_sees_it(client_for):
    response = _add(
        client_for("editor"), kind="address", label="Tuyển sinh", address="https://ts.hanoi.edu.vn/"
    )
    assert response.status_code == 302
    html = _site_menu(client_for("anonymous").get("/").content.decode())
    assert 'href="https://ts.hanoi.edu.vn/">Tuyển sinh' in html


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "//tin-gia.example/x", "ftp://moet.gov.vn/", "trang/abc", "/a b"],
)
def test_a_bad_address_is_refused_in_vietnamese_keeping_what_was_typed(client_for, address):
    before = MenuItem.objects.count()
    response = _add(client_for("editor"), kind="address", label="Lạ", address=address)
    assert response.status_code == 200
    html = response.content.decode()
    assert any(
        message in html
        for message in (
            "Địa chỉ phải bắt đầu bằng http://, https://",
            "Địa chỉ trong trang phải bắt đầu bằng một dấu",
            "Địa chỉ không được chứa dấu cách",
        )
    ), html
    assert f'value="{address}"' in html  # what was typed is still there
    assert MenuItem.objects.count() == before


def test_site_relative_and_web_addresses_are_accepted():
    for address in ("/lien-he/", "https://moet.gov.vn/", "http://hanoi.edu.vn/tin?id=1"):
        form = MenuItemForm({"kind": "address", "address": address})
        assert form.is_valid(), (address, form.errors)


def test_sub_items_go_one_level_deep_only(personas):
    top = MenuItem.objects.create(kind=MenuKind.GROUP, label="Nhóm", position=50)
    child = MenuItem.objects.create(kind=MenuKind.BUILTIN, builtin="faq", parent=top, position=1)
    # A child cannot hold children: it is not even offered as a parent.
    form = MenuItemForm({"kind": "builtin", "builtin": "contact", "parent": child.pk})
    assert not form.is_valid() and "parent" in form.errors
    # An item with children cannot become a child.
    other = MenuItem.objects.create(kind=MenuKind.BUILTIN, builtin="home", position=60)
    form = MenuItemForm({"kind": "group", "label": "Nhóm", "parent": other.pk}, instance=top)
    assert not form.is_valid() and "parent" in form.errors
    # A group belongs on the bar.
    form = MenuItemForm({"kind": "group", "label": "Khác", "parent": other.pk})
    assert not form.is_valid()
    assert "Nhóm phải nằm trên thanh menu." in str(form.errors["parent"])


def test_the_kind_needs_its_target():
    form = MenuItemForm({"kind": "page"})
    assert not form.is_valid() and form.errors["page"] == ["Hãy chọn trang."]
    form = MenuItemForm({"kind": "group"})
    assert not form.is_valid() and "label" in form.errors


def test_up_and_down_buttons_reorder_the_bar(client_for):
    editor = client_for("editor")
    news = MenuItem.objects.get(parent=None, builtin="news")
    editor.post(f"/sap-xep/menu/{news.pk}/di-chuyen/", {"huong": "len"})
    hrefs = _hrefs(client_for("anonymous").get("/").content.decode())
    assert hrefs.index("/tin-tuc/") < hrefs.index("/lich-cong-tac/")
    home = MenuItem.objects.get(parent=None, builtin="home")
    editor.post(f"/sap-xep/menu/{home.pk}/di-chuyen/", {"huong": "len"})  # already first
    assert _hrefs(client_for("anonymous").get("/").content.decode())[0] == "/"
    editor.post(f"/sap-xep/menu/{home.pk}/di-chuyen/", {"huong": "xuong"})
    assert _hrefs(client_for("anonymous").get("/").content.decode())[0] != "/"


def test_a_page_for_families_only_is_hidden_from_visitors(client_for):
    page = Page.objects.create(
        title="Nội quy lớp học", slug="noi-quy", body="<p>x</p>", audience="school"
    )
    _add(client_for("editor"), kind="page", page=page.pk)
    assert "/trang/noi-quy/" not in client_for("anonymous").get("/").content.decode()
    assert "/trang/noi-quy/" in _site_menu(client_for("pupil_an").get("/").content.decode())
    assert client_for("anonymous").get("/trang/noi-quy/").status_code == 404


def test_builtins_that_need_a_login_are_hidden_from_visitors(client_for):
    _add(client_for("editor"), kind="builtin", builtin="forum", label="Diễn đàn học sinh")
    assert "Diễn đàn học sinh" not in client_for("anonymous").get("/").content.decode()
    assert "Diễn đàn học sinh" in client_for("pupil_an").get("/").content.decode()


def test_a_group_left_empty_for_the_reader_disappears(client_for):
    group = MenuItem.objects.create(kind=MenuKind.GROUP, label="Nội bộ", position=90)
    MenuItem.objects.create(kind=MenuKind.BUILTIN, builtin="lessons", parent=group, position=1)
    menu.invalidate()
    assert "Nội bộ" not in client_for("anonymous").get("/").content.decode()
    assert "Nội bộ" in client_for("pupil_an").get("/").content.decode()


def test_a_category_item_links_to_the_category(client_for):
    category = Category.objects.create(name="Tuyển sinh", slug="tuyen-sinh")
    _add(client_for("editor"), kind="category", category=category.pk)
    html = _site_menu(client_for("anonymous").get("/").content.decode())
    assert f'href="{category.get_absolute_url()}">Tuyển sinh' in html


def test_a_page_saved_with_a_menu_position_appears_under_nha_truong(client_for):
    client_for("admin").get("/")  # the menu is now cached
    client_for("admin").post(
        "/quan-tri/portal/page/add/",
        {
            "title": "Tuyển sinh lớp 1",
            "slug": "tuyen-sinh",
            "body": "<p>Hồ sơ</p>",
            "menu_order": "3",
            "audience": "public",
            "is_published": "on",
        },
    )
    html = _site_menu(client_for("anonymous").get("/").content.decode())
    assert 'href="/trang/tuyen-sinh/">Tuyển sinh lớp 1' in html
    assert html.index("Nhà trường") < html.index("/trang/tuyen-sinh/") < html.index("/tin-tuc/")


def test_deleting_a_group_removes_its_sub_items(client_for):
    group = MenuItem.objects.get(kind=MenuKind.GROUP)
    client_for("editor").post(f"/sap-xep/menu/{group.pk}/xoa/")
    html = _site_menu(client_for("anonymous").get("/").content.decode())
    assert "Nhà trường" not in html and "/thu-vien-anh/" not in html


def test_only_editors_may_change_the_menu(personas):
    item = MenuItem.objects.first()
    for name in ("teacher_5a", "collaborator", "parent_an", "pupil_an"):
        with pytest.raises(PermissionDenied):
            services.move_menu_item(item=item, up=False, by=personas.get(name))
        with pytest.raises(PermissionDenied):
            services.delete_menu_item(item=item, by=personas.get(name))


def test_the_editors_list_shows_each_top_item_with_its_sub_items(client_for):
    html = client_for("editor").get("/sap-xep/menu/").content.decode()
    assert html.count('data-testid="menu-top-item"') == 6
    assert html.count('data-testid="menu-row"') == 10


def test_an_empty_menu_table_still_shows_todays_menu(db, client):
    MenuItem.objects.all().delete()
    hrefs = _hrefs(client.get("/").content.decode())
    assert hrefs[:2] == ["/", "/trang/gioi-thieu/"] and hrefs[-1] == "/tim-kiem/"


def test_the_menu_costs_no_query_once_cached(db, client, count_queries):
    client.get("/")
    with count_queries() as cold:
        menu.invalidate()
        menu.for_user(None)
    with count_queries() as warm:
        menu.for_user(None)
    # cold: the items, the pages with a menu position; warm: nothing
    assert (cold.count, warm.count) == (2, 0), cold.explain()


def test_a_page_for_families_only_is_not_found_by_a_visitors_search(client_for):
    Page.objects.create(title="Nội quy bán trú", slug="ban-tru", body="<p>x</p>", audience="school")
    assert "/trang/ban-tru/" not in client_for("anonymous").get("/tim-kiem/?q=ban+tru").text
    assert "/trang/ban-tru/" in client_for("parent_an").get("/tim-kiem/?q=ban+tru").text
