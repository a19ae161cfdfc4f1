"""The home page composed of blocks that editors show, hide and order per audience."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from news.models import Article, Kind
from portal import home_blocks, services
from portal.models import Album, Event, HomeBlockPlacement, WebsiteLink

from ..news import factories


def _blocks(html: str) -> list[str]:
    return re.findall(r'<section class="col-12[^"]*" data-block="([a-z_]+)"', html)


def _layout_post(overrides: dict[tuple[str, str], tuple[bool, int]], featured="") -> dict:
    data = {"featured": featured}
    for (key, audience), (shown, position) in home_blocks.placements().items():
        shown, position = overrides.get((key, audience), (shown, position))
        if shown:
            data[f"{key}__{audience}__shown"] = "on"
        data[f"{key}__{audience}__position"] = str(position)
    return data


@pytest.fixture
def content(personas):
    category = factories.category()
    factories.bulk_articles(8, author=personas.teacher_5a, in_category=category)
    Article.objects.filter(slug__in=["tin-so-6", "tin-so-7"]).update(kind=Kind.GUIDANCE)
    factories.document(by=personas.editor)
    Event.objects.create(title="Họp phụ huynh", starts_at=timezone.now() + timedelta(days=1))
    Album.objects.create(title="Khai giảng", slug="khai-giang", is_public=True)
    WebsiteLink.objects.create(title="Bộ Giáo dục và Đào tạo", url="https://moet.gov.vn/")
    return category


def test_each_audience_gets_its_default_blocks(content, client_for):
    assert _blocks(client_for("anonymous").get("/").content.decode()) == [
        "news",
        "guidance",
        "documents",
        "calendar",
        "gallery",
    ]
    assert _blocks(client_for("pupil_an").get("/").content.decode())[:2] == [
        "announcements",
        "forum",
    ]
    assert "documents" not in _blocks(client_for("pupil_an").get("/").content.decode())


def test_a_block_with_nothing_to_show_renders_nothing(db, client):
    assert _blocks(client.get("/").content.decode()) == []
    assert "Chưa có nội dung nào được đăng." in client.get("/").content.decode()


def test_an_editor_puts_the_enrolment_notice_on_top_for_visitors(content, personas, client_for):
    notice = factories.article(
        author=personas.editor,
        title="Thông báo tuyển sinh lớp 1 năm học 2027-2028",
        publish_by=personas.editor,
    )
    response = client_for("editor").post(
        "/sap-xep/trang-nhat/", _layout_post({}, featured=str(notice.pk))
    )
    assert response.status_code == 302
    html = client_for("anonymous").get("/").content.decode()
    assert _blocks(html)[0] == "featured"
    assert html.index("Thông báo tuyển sinh lớp 1") < html.index('data-block="news"')


def test_blocks_are_shown_and_ordered_per_audience(content, client_for):
    client_for("editor").post(
        "/sap-xep/trang-nhat/",
        _layout_post({("calendar", "visitor"): (True, 1), ("news", "pupil"): (False, 30)}),
    )
    assert _blocks(client_for("anonymous").get("/").content.decode())[0] == "calendar"
    assert "news" not in _blocks(client_for("pupil_an").get("/").content.decode())
    assert "news" in _blocks(client_for("parent_an").get("/").content.decode())


def test_a_featured_article_for_families_only_is_not_shown_to_visitors(
    content, personas, client_for
):
    notice = factories.article(
        author=personas.editor, title="Họp phụ huynh cuối kỳ", audience="school",
        publish_by=personas.editor,
    )  # fmt: skip
    client_for("editor").post("/sap-xep/trang-nhat/", _layout_post({}, featured=str(notice.pk)))
    assert "featured" not in _blocks(client_for("anonymous").get("/").content.decode())
    assert _blocks(client_for("parent_an").get("/").content.decode())[0] == "featured"


def test_a_bad_order_is_refused_in_vietnamese_keeping_what_was_typed(content, client_for):
    data = _layout_post({})
    data["news__visitor__position"] = "đầu tiên"
    data["calendar__visitor__position"] = "7"
    response = client_for("editor").post("/sap-xep/trang-nhat/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Thứ tự phải là một số từ 0 đến 999." in html
    assert (
        'value="đầu tiên"' in html
        and 'name="calendar__visitor__position" id="id_calendar__visitor__position" value="7"'
        in html
    )
    assert not HomeBlockPlacement.objects.exists()


def test_announcements_cannot_be_placed_for_visitors(content, client_for):
    data = _layout_post({})
    data["announcements__visitor__shown"] = "on"
    data["announcements__visitor__position"] = "0"
    client_for("editor").post("/sap-xep/trang-nhat/", data)
    assert not HomeBlockPlacement.objects.filter(block="announcements", audience="visitor").exists()
    assert "announcements" not in _blocks(client_for("anonymous").get("/").content.decode())


def test_only_editors_may_arrange_the_home_page(personas):
    for name in ("teacher_5a", "collaborator", "parent_an", "pupil_an"):
        with pytest.raises(PermissionDenied):
            services.save_home_layout(
                placements={}, featured_article_id=None, by=personas.get(name)
            )


# --- Query counts ------------------------------------------------------------------------

# Every logged-in home page: session, user, and the audience keys the blocks filter
# by. The badges (and the menu's audience keys) come from lib/navcache.py, staff
# permissions from accounts/backends.py, and the session is not written back.
EXPECTED = {
    # featured article, latest news, latest guidance, documents, calendar, gallery, links
    # + the channel blocks: support settings, people by topic, app links, headlines
    "anonymous": 7 + 4,
    # + announcements, forum topics, + the 3 every logged-in home page costs
    "pupil_an": 7 + 4 + 2 + 3,
    "parent_an": 7 + 4 + 2 + 3,
    "teacher_5a": 7 + 4 + 2 + 3,
}


def _fill(personas, n: int) -> None:
    category = factories.category()
    factories.bulk_articles(n, author=personas.teacher_5a, in_category=category)
    Article.objects.filter(pk__in=Article.objects.order_by("pk").values("pk")[: n // 2]).update(
        kind=Kind.GUIDANCE
    )
    for i in range(max(1, n // 10)):
        factories.document(by=personas.editor, number=f"{i}/KH")
    start = timezone.now() + timedelta(hours=1)
    Event.objects.bulk_create(
        Event(title=f"Việc {i}", starts_at=start + timedelta(hours=i)) for i in range(n)
    )
    Album.objects.bulk_create(
        Album(title=f"Album {i}", slug=f"album-{i}", is_public=True) for i in range(n)
    )
    WebsiteLink.objects.bulk_create(
        WebsiteLink(title=f"Liên kết {i}", url=f"https://lien-ket-{i}.example/") for i in range(n)
    )


@pytest.mark.parametrize("persona", list(EXPECTED))
@pytest.mark.parametrize("n", [10, 100])
def test_the_home_page_has_a_fixed_number_of_queries_with_every_block_on(
    n, persona, personas, client_for, count_queries
):
    _fill(personas, n)
    featured = Article.objects.filter(kind=Kind.NEWS).first()
    everything = {
        cell: (True, position) for cell, (_shown, position) in home_blocks.placements().items()
    }
    services.save_home_layout(
        placements=everything, featured_article_id=featured.pk, by=personas.editor
    )
    client = client_for(persona)
    assert client.get("/").status_code == 200  # the menu and the layout are cached now
    with count_queries() as queries:
        response = client.get("/")
    assert response.status_code == 200
    shown = _blocks(response.content.decode())
    assert {"featured", "news", "guidance", "documents", "calendar", "gallery", "links"} <= set(
        shown
    )
    assert queries.count == EXPECTED[persona], f"{persona}, n={n}\n{queries.explain()}"
