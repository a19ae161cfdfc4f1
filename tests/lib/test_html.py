"""User HTML: sanitised against one allowlist, and read back as plain text."""

from lib.html import html_to_text, sanitize_html


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
    ok = '<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>'
    bad = '<iframe src="https://evil.example/embed/abc"></iframe>'
    assert "youtube-nocookie" in sanitize_html(ok, allow_video=True)
    assert "evil.example" not in sanitize_html(bad, allow_video=True)
    assert "<iframe" not in sanitize_html(ok)
