import feedparser

from news.models import Audience

from . import factories


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return feedparser.parse(response.content)


def test_site_feeds_list_public_articles_only(personas, client_for):
    public = factories.article(
        author=personas.teacher_5a, title="Ngày hội đọc sách", publish_by=personas.editor
    )
    factories.article(
        author=personas.teacher_5a,
        title="Họp tổ chuyên môn",
        audience=Audience.STAFF,
        publish_by=personas.editor,
    )
    factories.article(author=personas.teacher_5a, title="Bản nháp chưa duyệt")
    client = client_for("editor")  # even an editor's feed is the public one
    for url, version in (("/rss/", "rss20"), ("/atom/", "atom10")):
        feed = _parse(client, url)
        assert feed.version == version and not feed.bozo
        assert [entry.title for entry in feed.entries] == ["Ngày hội đọc sách"]
        assert feed.entries[0].link.endswith(public.get_absolute_url())


def test_category_feed_includes_subcategories(personas, client_for):
    root = factories.category("Tin tức")
    child = factories.category("Tin tức nhà trường", parent=root)
    other = factories.category("Hướng dẫn")
    factories.article(
        author=personas.teacher_5a, title="Tin con", in_category=child, publish_by=personas.editor
    )
    factories.article(
        author=personas.teacher_5a, title="Tin khác", in_category=other, publish_by=personas.editor
    )
    feed = _parse(client_for("anonymous"), f"/chuyen-muc/{root.slug}/atom/")
    assert [entry.title for entry in feed.entries] == ["Tin con"]
    assert _parse(client_for("anonymous"), f"/chuyen-muc/{root.slug}/rss/").entries[0].title == (
        "Tin con"
    )


def test_sitemap_lists_public_content_only(personas, client_for):
    public = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    hidden = factories.article(
        author=personas.teacher_5a,
        title="Chỉ cho giáo viên",
        audience=Audience.STAFF,
        publish_by=personas.editor,
    )
    document = factories.document(by=personas.editor)
    internal = factories.document(by=personas.editor, number="9/NB", audience=Audience.STAFF)
    xml = client_for("anonymous").get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in xml and document.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml and internal.get_absolute_url() not in xml


def test_public_article_has_canonical_and_open_graph(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    page = client_for("anonymous").get(article.get_absolute_url()).content.decode()
    assert (
        f'<link rel="canonical" href="http://127.0.0.1:8000{article.get_absolute_url()}">' in page
    )
    assert f'<meta property="og:title" content="{article.title}">' in page
    assert 'name="robots" content="noindex"' not in page
