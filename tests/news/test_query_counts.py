"""Each reading page runs a fixed number of queries, with 10 or with 1,000 articles.

Counted on the second request (the first one may flush batched view counts,
which happens at most once a minute).
"""

import pytest

from news.models import Article

from . import factories

# Queries every logged-in page adds on a second request: session, user, audience keys. The
# badges come from the navigation cache the first request filled, and the
# session is not written back (portal.middleware.IdleSessionMiddleware). Each
# page asks for the reader's audience keys itself (one query for a parent: their
# children's classes), which the badges used to fetch first.
LOGGED_IN_EXTRA = 3

PAGES = {
    # The default home blocks (portal.home_blocks): 1 latest news, 2 latest guidance,
    # 3 latest documents, 4 the coming calendar lines, 5 the latest albums
    # (tests/portal/test_home_blocks.py counts every block for every audience); the
    # roof's channel blocks: 6 support settings, 7 people to call by topic, 8 app links,
    # 9 official headlines
    "home": ("/", 9),
    # 1 the category tree (breadcrumbs, children), 2 COUNT for pagination, 3 the page
    "category": ("{category}", 3),
    # the same at the very last page: OFFSET on the indexed ordering, no extra query
    "category_last_page": ("{category}?page=1000", 3),
    # 1 article + author + category, 2 category tree, 3 newer, 4 older, 5 attachments,
    # 6 latest, 7 most read
    "article": ("{article}", 7),
    # 1 years (DISTINCT dates), 2 issuers (DISTINCT), 3 COUNT, 4 the page
    "documents": ("/van-ban/", 4),
    # The search page is the roof's (it searches the forum and announcements too):
    # tests/portal/test_search.py counts its queries.
}


def _build(personas, n):
    category = factories.category()
    factories.bulk_articles(n, author=personas.teacher_5a, in_category=category)
    for i in range(3):
        factories.document(by=personas.editor, number=f"{i}/KH", summary="Kế hoạch an toàn")
    article = Article.objects.get(slug="tin-so-5")
    return {"category": category.get_absolute_url(), "article": article.get_absolute_url()}


def _count(client, url, count_queries):
    assert client.get(url).status_code == 200
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


@pytest.mark.parametrize("persona", ["anonymous", "parent_an"])
@pytest.mark.parametrize("n", [10, 1000])
def test_reading_pages_have_a_fixed_number_of_queries(
    n, persona, personas, client_for, count_queries
):
    urls = _build(personas, n)
    client = client_for(persona)
    extra = 0 if persona == "anonymous" else LOGGED_IN_EXTRA
    for name, (template, expected) in PAGES.items():
        queries = _count(client, template.format(**urls), count_queries)
        if name == "article" and persona != "anonymous":
            expected += 1  # the reader's own rating
        if name == "home" and persona != "anonymous":
            expected += 2  # the announcements and the forum's recent topics for a logged-in reader
        assert queries.count == expected + extra, f"{name} ({n} articles)\n{queries.explain()}"


@pytest.mark.parametrize("n", [10, 1000])
def test_review_queue_has_a_fixed_number_of_queries(n, personas, client_for, count_queries):
    from news import services

    factories.bulk_articles(n, author=personas.teacher_5a, in_category=factories.category())
    for i in range(n // 10):
        waiting = factories.article(author=personas.teacher_5a, title=f"Bài chờ duyệt {i}")
        services.submit_article(article=waiting, by=personas.teacher_5a)
    queries = _count(client_for("editor"), "/duyet-bai/", count_queries)
    # 1 session, 2 user, 3 paginator COUNT, 4 the page of submissions, 5 scheduled
    # articles; on this second request the editor's permissions, the badges and the
    # menu's audience keys come from the cache, and the session is not written back
    assert queries.count == 5, queries.explain()
