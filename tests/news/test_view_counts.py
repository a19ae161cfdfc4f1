"""View counts: once per visitor per article, no bots, batched, safe under concurrency."""

import threading

from django.core.cache import cache
from django.test import Client

from news import counters
from news.models import Article

from . import factories

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131 Mobile Safari/537.36"


def _stored(article) -> int:
    return Article.objects.values_list("view_count", flat=True).get(pk=article.pk)


def test_a_visitor_is_counted_once_and_sees_the_count(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    reader = client_for("parent_an")
    for _ in range(3):
        page = reader.get(article.get_absolute_url(), headers={"user-agent": BROWSER})
    assert 'data-testid="view-count">1<' in page.content.decode()
    client_for("pupil_an").get(article.get_absolute_url(), headers={"user-agent": BROWSER})
    # The first view triggered the once-a-minute flush; stored + pending is what counts.
    assert _stored(article) + counters.pending([article.pk]).get(article.pk, 0) == 2


def test_page_views_do_not_write_the_article_row(personas, client_for, count_queries):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    client = client_for("anonymous")
    client.get(article.get_absolute_url(), headers={"user-agent": BROWSER})  # flushes once
    with count_queries() as queries:
        Client().get(article.get_absolute_url(), headers={"user-agent": BROWSER + " other"})
    writes = [
        q["sql"]
        for q in queries.context.captured_queries
        if q["sql"].upper().startswith(("UPDATE", "INSERT"))
    ]
    assert writes == []
    assert _stored(article) == 1  # the first view, flushed by the first page
    assert counters.flush_pending_views() == 1
    assert _stored(article) == 2
    assert counters.pending([article.pk]) == {}


def test_bots_are_not_counted(personas):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    for agent in ("Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5", ""):
        Client().get(article.get_absolute_url(), headers={"user-agent": agent})
    assert counters.pending([article.pk]) == {}


def test_most_read_list_flushes_at_most_once_a_minute(personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    other = factories.article(
        author=personas.teacher_5a, title="Bài khác", publish_by=personas.editor
    )
    Client().get(article.get_absolute_url(), headers={"user-agent": BROWSER})
    assert _stored(article) == 1  # first page shown with the most-read list: flushed
    Client().get(article.get_absolute_url(), headers={"user-agent": BROWSER + " b"})
    Client().get(other.get_absolute_url(), headers={"user-agent": BROWSER + " b"})
    assert _stored(article) == 1  # within the minute: batched in the cache
    cache.delete(counters.FLUSH_LOCK)  # a minute later
    Client().get(other.get_absolute_url(), headers={"user-agent": BROWSER + " c"})
    assert _stored(article) == 2


def test_concurrent_readers_are_all_counted(personas):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)

    class FakeRequest:
        def __init__(self, n):
            self.META = {"REMOTE_ADDR": f"10.0.0.{n % 250}"}
            self.headers = {"user-agent": f"{BROWSER} reader-{n}"}

    def read(start):
        for n in range(start, start + 50):
            counters.count_view(FakeRequest(n), article)
            counters.count_view(FakeRequest(n), article)  # a reload: not counted again

    threads = [threading.Thread(target=read, args=(i * 50,)) for i in range(4)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        counters.flush_pending_views()  # flushes race with the readers' increments
    for thread in threads:
        thread.join()
    # Flushes interleaved with increments lose nothing and count nothing twice.
    counters.flush_pending_views()
    counters.count_view(FakeRequest(9999), article)
    counters.flush_pending_views()
    assert _stored(article) == 201
