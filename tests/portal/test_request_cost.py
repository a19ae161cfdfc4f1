"""What every request pays before its view runs, and the anonymous page cache.

The trivial page (portal/bench_urls.py) is the base layout with one paragraph:
what it costs is what every page costs. `make bench` measures the same pages
over HTTP (docs/performance.md).
"""

import re
import time

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, override_settings

from news import counters, services
from news.models import Article
from portal import page_cache
from portal.middleware import IdleSessionMiddleware
from tests.news import factories

pytestmark = pytest.mark.urls("portal.bench_urls")
TRIVIAL = "/__bench__/trivial/"


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.context.captured_queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]


@pytest.mark.parametrize("persona", ["pupil_an", "parent_an", "teacher_5a", "editor", "admin"])
def test_a_logged_in_trivial_page_costs_at_most_three_queries(persona, client_for, count_queries):
    client = client_for(persona)
    assert client.get(TRIVIAL).status_code == 200  # the badges and capabilities into the cache
    with count_queries() as queries:
        response = client.get(TRIVIAL)
    assert response.status_code == 200
    # session, user: the badges come from lib/navcache.py, the capabilities from
    # accounts/backends.py, and the session is not written back
    assert queries.count == 2, queries.explain()
    assert queries.count <= 3


def test_the_session_is_not_saved_on_a_second_request(
    personas, client_for, count_queries, monkeypatch
):
    client = client_for("pupil_an")
    saved = []
    original = SessionStore.save
    monkeypatch.setattr(
        SessionStore, "save", lambda self, *a, **k: (saved.append(1), original(self, *a, **k))[1]
    )
    client.get(TRIVIAL)
    with count_queries() as queries:
        client.get(TRIVIAL)
    assert saved == []
    assert _session_writes(queries) == []


def test_an_idle_session_is_still_pushed_forward_once_a_minute(personas, client_for):
    client = client_for("pupil_an")
    client.get(TRIVIAL)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = SessionStore(session_key=key)
    store[IdleSessionMiddleware.TOUCH_KEY] = int(time.time()) - settings.SESSION_TOUCH_SECONDS - 5
    store.save()
    before = SessionStore(session_key=key).get_expiry_date()
    time.sleep(0.01)
    client.get(TRIVIAL)
    after_store = SessionStore(session_key=key)
    assert after_store.get_expiry_date() > before
    assert int(time.time()) - after_store[IdleSessionMiddleware.TOUCH_KEY] < 5


def test_a_new_notification_shows_in_the_badge_at_once(personas, client_for):
    from notifications.services import mark_all_read, notify

    client = client_for("parent_an")
    client.get(TRIVIAL)
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời")
    assert 'data-testid="notification-count">1<' in client.get(TRIVIAL).text
    mark_all_read(user=personas.parent_an)
    assert 'data-testid="notification-count"' not in client.get(TRIVIAL).text


# --- The anonymous page cache ----------------------------------------------------

page_cache_on = override_settings(PAGE_CACHE_SECONDS=60)


def _nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.fixture
def news(personas):
    category = factories.category()
    article = factories.article(
        author=personas.teacher_5a, title="Hội khoẻ Phù Đổng", in_category=category,
        publish_by=personas.editor,
    )  # fmt: skip
    return {"category": category, "article": article}


@page_cache_on
@pytest.mark.parametrize("page", ["home", "news_list", "category", "article"])
def test_a_second_anonymous_request_is_served_from_the_cache_without_a_query(
    page, news, count_queries
):
    url = {
        "home": "/",
        "news_list": "/tin-tuc/",
        "category": news["category"].get_absolute_url(),
        "article": news["article"].get_absolute_url(),
    }[page]
    client = Client()
    first = client.get(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with count_queries() as queries:
        second = Client().get(url)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert queries.count == 0, queries.explain()
    assert "Cookie" in second["Vary"]


@page_cache_on
def test_each_cached_response_has_its_own_nonce_and_csrf_token(news):
    first, second = Client().get("/"), Client().get("/")
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        nonce = _nonce_of(response)
        html = response.content.decode()
        assert html.count(f'nonce="{nonce}"') >= 3  # every <script> carries this response's nonce
        assert page_cache.nonce_placeholder() not in html
        assert page_cache.csrf_placeholder() not in html
        assert response.cookies[settings.CSRF_COOKIE_NAME].value
    assert _nonce_of(first) != _nonce_of(second)


@page_cache_on
def test_the_language_form_on_a_cached_page_works(news):
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    page = client.get("/")
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


@page_cache_on
def test_publishing_an_article_shows_it_at_once(personas, news):
    Client().get("/tin-tuc/")
    assert Client().get("/tin-tuc/")["X-Page-Cache"] == "hit"
    draft = factories.article(
        author=personas.teacher_5a, title="Tin mới toanh", in_category=news["category"]
    )
    assert "Tin mới toanh" not in Client().get("/tin-tuc/").text
    services.publish_article(article=draft, by=personas.editor)
    response = Client().get("/tin-tuc/")
    assert "X-Page-Cache" not in response
    assert "Tin mới toanh" in response.text
    assert "Tin mới toanh" in Client().get("/").text


@page_cache_on
def test_a_logged_in_person_never_gets_the_cached_anonymous_page(news, client_for):
    for _ in range(2):
        anonymous = Client().get("/")
    assert anonymous["X-Page-Cache"] == "hit"
    response = client_for("parent_an").get("/")
    assert "X-Page-Cache" not in response
    assert "user-name" in response.text
    assert "user-name" not in anonymous.text
    # and what the logged-in person saw is not kept for visitors
    assert "user-name" not in Client().get("/").text


@page_cache_on
def test_a_visitor_with_a_pending_message_or_an_htmx_request_is_not_served_from_the_cache(news):
    Client().get("/")
    client = Client()
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in Client().get("/", headers={"HX-Request": "true"})


@page_cache_on
def test_article_views_still_count_when_the_page_comes_from_the_cache(news):
    url = news["article"].get_absolute_url()
    agent = {"User-Agent": "Mozilla/5.0 (phone)"}
    for i in range(3):
        response = Client(REMOTE_ADDR=f"10.0.0.{i + 1}").get(url, headers=agent)
    assert response["X-Page-Cache"] == "hit"
    pk = news["article"].pk
    # the first page's most-read list may have flushed its own view into the table
    stored = Article.objects.get(pk=pk).view_count
    assert stored + counters.pending([pk]).get(pk, 0) == 3


@page_cache_on
def test_an_article_only_for_logged_in_readers_is_never_kept(personas):
    hidden = factories.article(
        author=personas.teacher_5a, title="Chỉ phụ huynh", audience="school", publish_by=personas.editor
    )  # fmt: skip
    for _ in range(2):
        response = Client().get(hidden.get_absolute_url())
        assert "Chỉ phụ huynh" not in response.text
        assert "X-Page-Cache" not in response
    assert Article.objects.filter(pk=hidden.pk).exists()
