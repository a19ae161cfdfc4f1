"""Hostile HTML in an article body: the author is told, and nothing unsafe reaches a page."""

import pytest

from news import services
from news.models import Article

from . import factories

HOSTILE = [
    ('<p>Xin chào</p><script>alert("x")</script>', "<script"),
    ('<p onclick="steal()">Bấm vào đây</p>', "onclick"),
    ('<img src="x" onerror="steal()">', "onerror"),
    ('<a href="javascript:alert(1)">Phần thưởng</a>', "javascript:"),
    ('<a href="JaVaScRiPt&colon;alert(1)">Hoa</a>', "alert(1)"),
    ('<iframe src="https://evil.example/embed/x"></iframe>', "evil.example"),
    ('<p style="position:fixed">che trang</p>', "position:fixed"),
    ("<svg><script>alert(1)</script></svg>", "<svg"),
    ('<object data="x.swf"></object>', "<object"),
]


def _post(client, category, body, **extra):
    data = {
        "title": "Bài có nội dung dán vào",
        "kind": "news",
        "audience": "public",
        "category": category.pk,
        "summary": "Tóm tắt giữ nguyên",
        "body": body,
    } | extra
    return client.post("/viet-bai/moi/", data)


# Inline styles are dropped silently (a paste from a word processor is full of them).
SCRIPTED = [(body, marker) for body, marker in HOSTILE if "style" not in body]


@pytest.mark.parametrize(("body", "marker"), SCRIPTED)
def test_hostile_body_is_refused_with_a_message_and_the_text_kept(
    body, marker, personas, client_for
):
    response = _post(client_for("teacher_5a"), factories.category(), body)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung có mã không an toàn" in page
    assert "Tóm tắt giữ nguyên" in page and "Bài có nội dung dán vào" in page
    assert not Article.objects.exists()


@pytest.mark.parametrize(("body", "marker"), HOSTILE)
def test_service_never_stores_hostile_markup(body, marker, personas):
    article = services.create_article(
        by=personas.teacher_5a, title="Bài", category=factories.category(), body=body
    )
    assert marker.lower() not in article.body.lower()


def test_second_save_after_the_warning_publishes_clean_text(personas, client_for):
    client = client_for("teacher_5a")
    category = factories.category()
    _post(client, category, '<p onclick="x()">Nội dung thật</p>')
    response = _post(client, category, "<p>Nội dung thật</p>")
    assert response.status_code == 302
    assert Article.objects.get().body == "<p>Nội dung thật</p>"


def test_allowlisted_video_and_formatting_survive(personas):
    body = (
        "<h2>Tiêu đề</h2><ul><li>Một</li></ul><table><tbody><tr><td>ô</td></tr></tbody></table>"
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>'
        '<a href="https://moet.gov.vn">Bộ GD&amp;ĐT</a>'
    )
    article = services.create_article(
        by=personas.teacher_5a, title="Bài", category=factories.category(), body=body
    )
    for kept in ("<h2>", "<li>", "<td>", "youtube-nocookie.com/embed/dQw4w9WgXcQ", "moet.gov.vn"):
        assert kept in article.body
    assert 'rel="noopener noreferrer nofollow"' in article.body


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
    ],
)
def test_youtube_addresses_become_privacy_enhanced_embeds(url, personas, client_for):
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    services.update_article(article=article, by=personas.editor, video_url=url)
    page = client_for("anonymous").get(article.get_absolute_url()).content.decode()
    assert '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=<script>",
        "https://www.youtube.com/embed/../redirect?q=https://evil.example",
        "https://www.youtube.com/embed/%2e%2e%2fredirect?q=https://evil.example",
        "https://www.youtube.com@evil.example/embed/dQw4w9WgXcQ",
    ],
)
def test_video_from_other_hosts_is_refused_with_a_message(url, personas, client_for):
    response = _post(client_for("teacher_5a"), factories.category(), "<p>Bài</p>", video_url=url)
    page = response.content.decode()
    assert "Chỉ nhúng được video YouTube" in page or "Nhập một URL hợp lệ" in page
    assert not Article.objects.exists()
