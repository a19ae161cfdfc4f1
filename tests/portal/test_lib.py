"""The shared helpers: Vietnamese text and HTML."""

from lib.html import html_to_text, sanitize_html
from lib.text import fold, fold_with_origin, slugify_vi


def test_plain_text_keeps_characters_and_separates_blocks():
    html = "<p>Toán &amp; Tiếng Việt: điểm &lt; 5</p><ul><li>Hạn: 30/11/2026</li><li><b>Đơn giá</b>: 30.000&nbsp;đồng</li></ul>"
    assert (
        html_to_text(html) == "Toán & Tiếng Việt: điểm < 5\nHạn: 30/11/2026\nĐơn giá: 30.000 đồng"
    )


def test_plain_text_drops_scripts():
    assert "alert" not in html_to_text("<p>Chào</p><script>alert(1)</script>")


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


def test_folding_and_slugs_ignore_diacritics():
    assert fold("An toàn MẠNG, Đà Nẵng") == "an toan mang, da nang"
    assert slugify_vi("Tin tức nhà trường") == "tin-tuc-nha-truong"
    assert slugify_vi("Đồng phục   mùa đông!") == "dong-phuc-mua-dong"


def test_class_lists_sort_by_given_name_in_the_vietnamese_alphabet():
    from lib.text import vi_name_key

    names = [
        "Bùi Đức Đạt",
        "Bùi Thành Tùng",
        "Nguyễn Văn An",
        "Ngô Anh Khang",
        "Hồ Thị Yến",
        "Hoàng Yến",
        "Trần Ánh",
        "Phạm Dũng",
    ]
    assert sorted(names, key=vi_name_key) == [
        "Nguyễn Văn An", "Trần Ánh", "Phạm Dũng", "Bùi Đức Đạt", "Ngô Anh Khang", "Bùi Thành Tùng", "Hoàng Yến", "Hồ Thị Yến",
    ]  # fmt: skip


def test_folded_text_maps_back_to_what_was_typed():
    assert fold_with_origin("Đà Nẵng") == ("da nang", [0, 1, 2, 3, 4, 5, 6])
    # A ligature folds to two letters and a separate mark to none; both still map back.
    assert fold_with_origin("ﬁ ca\u0301") == ("fi ca", [0, 0, 1, 2, 3])
    # Once such characters have been seen, ordinary text still maps one to one.
    assert fold_with_origin("Đà Nẵng") == ("da nang", [0, 1, 2, 3, 4, 5, 6])
