"""A lesson on safe internet use may name what it warns about: the words are text, not markup."""

from news import services
from news.models import Article

from . import factories

LESSON = (
    "<p>Đừng bấm vào liên kết bắt đầu bằng javascript: và đừng dán chữ onerror= vào đâu.</p>"
    "<p>Kẻ xấu chèn &lt;script&gt;alert(1)&lt;/script&gt; vào trang để lấy mật khẩu.</p>"
)


def _post(client, body):
    return client.post(
        "/viet-bai/moi/",
        {
            "title": "An toàn khi lướt web",
            "kind": "guidance",
            "audience": "public",
            "category": factories.category().pk,
            "summary": "Bài học an toàn mạng",
            "body": body,
        },
    )


def test_an_article_that_names_script_words_saves_and_shows_them_as_text(personas, client_for):
    response = _post(client_for("teacher_5a"), LESSON)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    services.publish_article(article=article, by=personas.editor)
    page = client_for("anonymous").get(article.get_absolute_url()).content.decode()
    assert "bắt đầu bằng javascript: và đừng dán chữ onerror= vào đâu" in page
    assert "Kẻ xấu chèn &lt;script&gt;alert(1)&lt;/script&gt; vào trang" in page
    assert "<script>alert(1)" not in page


def test_a_real_script_link_or_handler_in_the_same_lesson_is_still_refused(personas, client_for):
    body = (
        LESSON
        + '<p><a href="javascript:alert(1)">Bấm</a><img src="/media/a.png" onerror="x()"></p>'
    )
    page = _post(client_for("teacher_5a"), body).content.decode()
    assert "Nội dung có mã không an toàn" in page
    assert not Article.objects.exists()
