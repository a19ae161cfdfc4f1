"""User HTML: sanitised against one allowlist, and read back as plain text."""

import pytest

from lib.html import has_unsafe_markup, html_to_text, sanitize_html


def test_plain_text_keeps_characters_and_separates_blocks():
    html = "<p>Toán &amp; Tiếng Việt: điểm &lt; 5</p><ul><li>Hạn: 30/11/2026</li><li><b>Đơn giá</b>: 30.000&nbsp;đồng</li></ul>"
    assert (
        html_to_text(html) == "Toán & Tiếng Việt: điểm < 5\nHạn: 30/11/2026\nĐơn giá: 30.000 đồng"
    )


def test_plain_text_keeps_table_cells_apart_and_a_row_on_one_line():
    html = "<table><tr><th>Lớp</th><td>5A</td></tr><tr><td>Sĩ số</td><td>32</td></tr></table>"
    assert html_to_text(html) == "Lớp 5A\nSĩ số 32"


def test_text_touching_a_block_does_not_run_into_it():
    assert (
        html_to_text("Kính gửi<ul><li>phụ huynh</li></ul>lớp 5A") == "Kính gửi\nphụ huynh\nlớp 5A"
    )
    assert html_to_text("Dòng một<br>Dòng hai<br/>Dòng ba") == "Dòng một\nDòng hai\nDòng ba"


def test_one_line_form_for_search_columns_and_excerpts():
    html = "<h2>Lịch  thi</h2><p>Câu một.</p><p>Câu hai &amp; ba.</p><pre>mã</pre>"
    assert html_to_text(html, one_line=True) == "Lịch thi Câu một. Câu hai & ba. mã"


def test_plain_text_of_nothing_is_empty():
    assert html_to_text("") == ""
    assert html_to_text(None) == ""  # a blank body field
    assert html_to_text("<p> </p><p>&nbsp;</p>") == ""


def test_plain_text_drops_scripts_and_styles():
    text = html_to_text("<p>Chào</p><script>alert(1)</script><style>p{}</style>")
    assert text == "Chào"


def test_sanitiser_removes_handlers_scripts_and_javascript_links():
    dirty = '<p onclick="x()">Chào<script>alert(1)</script><a href="javascript:alert(1)">bấm</a><img src=x onerror=alert(1)></p>'
    clean = sanitize_html(dirty)
    assert (
        "onclick" not in clean
        and "<script" not in clean
        and "javascript:" not in clean
        and "onerror" not in clean
    )
    assert "Chào" in clean and "bấm" in clean


def test_only_allowlisted_video_embeds_survive():
    ok = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>'
    bad = '<iframe src="https://evil.example/embed/dQw4w9WgXcQ"></iframe>'
    assert "youtube-nocookie" in sanitize_html(ok, allow_video=True)
    assert "evil.example" not in sanitize_html(bad, allow_video=True)
    assert "<iframe" not in sanitize_html(ok)


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube.com/embed/../redirect?q=https://evil.example",
        "https://www.youtube.com/embed/..%2fredirect%3fq%3dhttps://evil.example",
        "https://www.youtube.com/embed/%2e%2e/redirect?q=https://evil.example",
        "https://www.youtube.com/embed/dQw4w9WgXcQ/../../redirect?q=https://evil.example",
        "https://www.youtube.com/embed/dQw4w9WgXcQ/extra",
        "https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://evil.example/embed/dQw4w9WgXcQ?host=www.youtube.com",
        "https://www.youtube.com@evil.example/embed/dQw4w9WgXcQ",
        "//www.youtube.com/embed/dQw4w9WgXcQ",
        "javascript:alert(1)//www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXc",  # ten characters: not an id
    ],
)
def test_a_frame_that_is_not_exactly_a_youtube_video_is_dropped(src):
    html = f'<p>Trước</p><iframe src="{src}"></iframe><p>Sau</p>'
    assert sanitize_html(html, allow_video=True) == "<p>Trước</p><p>Sau</p>"


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1&list=x",
        "https://youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ],
)
def test_a_youtube_frame_is_rebuilt_from_its_id_on_the_privacy_host(src):
    assert sanitize_html(f'<iframe src="{src}"></iframe>', allow_video=True) == (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>'
    )


def test_pictures_from_other_sites_become_their_alt_text_and_links_stay(settings):
    settings.SITE_URL = "https://thhoasen.edu.vn"
    html = (
        '<p><a href="https://moet.gov.vn"><img src="https://moet.gov.vn/logo.png" alt="Bộ GD&amp;ĐT"></a>'
        '<img src="//cdn.example/x.png"><img src="http://tracker.example/p.gif" alt="">'
        '<img src="/\\tracker.example/p.gif"><img src="/media/../../etc/x.png"></p>'
    )
    assert sanitize_html(html) == (
        '<p><a href="https://moet.gov.vn" rel="noopener noreferrer nofollow">Bộ GD&amp;ĐT</a></p>'
    )


def test_our_own_pictures_are_kept_and_a_full_address_of_this_site_becomes_a_path(settings):
    settings.SITE_URL = "https://thhoasen.edu.vn"
    html = (
        '<img src="/media/news/inline/a.jpg" alt="Lễ chào cờ">'
        '<img src="https://thhoasen.edu.vn/media/news/inline/b.webp" alt="">'
        '<img src="/static/img/logo.png" alt="Logo">'
    )
    assert sanitize_html(html) == (
        '<img src="/media/news/inline/a.jpg" alt="Lễ chào cờ">'
        '<img src="/media/news/inline/b.webp" alt="">'
        '<img src="/static/img/logo.png" alt="Logo">'
    )


SAFE_INTERNET_LESSON = (
    "<p>Đừng bấm vào liên kết bắt đầu bằng javascript: hay có chữ onerror= trong đó.</p>"
    "<p>Kẻ xấu chèn &lt;script&gt;alert(1)&lt;/script&gt; vào trang; data:text/html cũng vậy.</p>"
    '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="javascript: là gì?">Xem</a></p>'
)


def test_words_about_scripts_in_the_text_are_not_unsafe_markup():
    assert not has_unsafe_markup(SAFE_INTERNET_LESSON, allow_video=True)
    assert sanitize_html(SAFE_INTERNET_LESSON).count("&lt;script&gt;") == 1


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Chào<script>alert(1)</script></p>",
        '<img src="/media/a.png" onerror="alert(1)">',
        '<a href="javascript:alert(1)">bấm</a>',
        '<a href="JaVaScRiPt&colon;alert(1)">bấm</a>',
        '<a href="java&#9;script:alert(1)">bấm</a>',
        '<a href=" vbscript:msgbox">bấm</a>',
        '<a href="data:text/html,<b>x</b>">bấm</a>',
        "<svg><circle/></svg>",
        '<iframe src="https://www.youtube.com/embed/../redirect?q=x"></iframe>',
    ],
)
def test_real_markup_is_unsafe_and_neutralised(markup):
    assert has_unsafe_markup(markup, allow_video=True)
    clean = sanitize_html(markup, allow_video=True).lower()
    for trace in ("<script", "onerror", "javascript", "vbscript", "data:", "<svg", "redirect"):
        assert trace not in clean
