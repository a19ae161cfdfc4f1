"""Vietnamese text: one fold for search and matching, slugs, and class-list order."""

import pytest

from lib.text import fold, fold_with_origin, search_terms, slugify_vi, vi_name_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("An toàn MẠNG, Đà Nẵng", "an toan mang, da nang"),
        ("  Nguyễn   Thị\tÁnh\n", "nguyen thi anh"),
        ("ĐỖ ĐỨC ĐẠT", "do duc dat"),
        ("Trường Tiểu học Hoa Sen", "truong tieu hoc hoa sen"),
        ("ﬁ ① Ｈà", "fi 1 ha"),  # compatibility forms fold to their plain letters
        ("", ""),
    ],
)
def test_fold_drops_marks_and_case_and_squeezes_spaces(text, folded):
    assert fold(text) == folded


def test_text_typed_with_separate_marks_folds_like_composed_text():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed as letters plus combining marks
    assert fold(decomposed) == fold("Nguyễn") == "nguyen"


def test_fold_with_origin_maps_each_folded_letter_to_where_it_was_typed():
    text = "Đà Nẵng"
    folded, origin = fold_with_origin(text)
    assert folded == "da nang"
    assert origin == [0, 1, 2, 3, 4, 5, 6]
    start = folded.index("nang")
    assert text[origin[start] : origin[start + len("nang") - 1] + 1] == "Nẵng"


def test_fold_with_origin_keeps_spaces_and_follows_letters_that_grow_or_vanish():
    text = "ﬁ  Đ\u0301"  # a ligature (two letters from one), two spaces, a D with a stray mark
    folded, origin = fold_with_origin(text)
    assert folded == "fi  d"
    assert origin == [0, 0, 1, 2, 3]  # the lone mark (index 4) folds to nothing
    # Once such characters have been seen, ordinary text still maps one to one.
    assert fold_with_origin("Đà Nẵng") == ("da nang", [0, 1, 2, 3, 4, 5, 6])


def test_search_terms_are_folded_words_longest_first():
    assert search_terms("An toàn MẠNG!") == ["mang", "toan", "an"]
    assert search_terms("a b c d e f g h i k", limit=3) == ["a", "b", "c"]
    assert search_terms("!!! ...") == []


def test_slugs_transliterate():
    assert slugify_vi("Tin tức nhà trường") == "tin-tuc-nha-truong"
    assert slugify_vi("Đồng phục   mùa đông!") == "dong-phuc-mua-dong"


def test_class_lists_sort_by_given_name_in_the_vietnamese_alphabet():
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


def test_bidi_controls_are_stripped_and_vietnamese_is_untouched():
    from lib.text import strip_bidi_controls

    reversed_title = "Thông báo \u202eđiểm thi\u202c \u2066lớp 5A\u2069 \u200e\u200f\u061c"
    assert strip_bidi_controls(reversed_title) == "Thông báo điểm thi lớp 5A "
    assert strip_bidi_controls("Nguyễn Thị Ánh") == "Nguyễn Thị Ánh"
