"""Screening: whole words, evasions, marks, exception phrases, personal details,
spans and censoring, verdicts, and the time it takes."""

import random
import statistics
import time
import unicodedata

import pytest

from forum.screening import (
    Rule,
    compile_rules,
    parse_rules,
    screen,
    starter_rules,
)

RULES = [
    Rule("đm", "profanity"),
    Rule("vl", "profanity"),
    Rule("cc", "profanity"),
    Rule("địt", "profanity"),
    Rule("lồn", "profanity"),
    Rule("đéo", "profanity"),
    Rule("fuck", "profanity"),
    Rule("đồ chó", "insult"),
    Rule("đồ ngu", "insult"),
    Rule("mẹ mày", "profanity"),
    Rule("muốn chết", "self_harm"),
    Rule("muốn chết à", "violence"),
    Rule("xử mày", "violence"),
    Rule("gửi ảnh cho anh", "grooming"),
    Rule("nóng muốn chết", "self_harm", "allow"),
    Rule("nhớ * muốn chết", "self_harm", "allow"),
]


def found(text: str, rules=RULES) -> list[str]:
    return [hit.rule for hit in screen(text, rules).hits]


# --- Whole words: short abbreviations, both ways ------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("dm mày", "đm"),
        ("đm", "đm"),
        ("ĐM thằng kia", "đm"),
        ("đ m thằng Tuấn", "đm"),
        ("đ.m", "đm"),
        ("đ - m", "đm"),
        ("vl thật", "vl"),
        ("hay v.l", "vl"),
        ("cc gì", "cc"),
        ("(cc)", "cc"),
    ],
)
def test_short_abbreviation_is_found_as_a_whole_word(text, rule):
    assert found(text) == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "màu xanh đậm",  # "dm" inside "đậm"
        "đi mà",  # "đ" and "m" in two words with letters between
        "em xem vlog",  # "vl" inside "vlog"
        "I accept",  # "cc" inside "accept"
        "xe 50 cc",  # cubic centimetres after a number
        "dài 5 dm",  # decimetres after a number
        "dm2",
        "admin",
    ],
)
def test_short_abbreviation_is_not_found_inside_other_words(text):
    assert found(text) == []


# --- Evasions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("đ!t", "địt"),  # "!" for "i" between letters
        ("đjt", "địt"),
        ("đ*t", "địt"),  # an inner letter starred out
        ("d.i.t", "địt"),
        ("l0n", "lồn"),  # a digit for a letter
        ("c.h.ó", None),  # alone, not the phrase
        ("đồ c.h.ó", "đồ chó"),
        ("đ ồ   c h ó", "đồ chó"),
        ("ĐỒ CHÓOOO", "đồ chó"),  # capitals, repeated letters
        ("d0 ch0", "đồ chó"),
        ("f u c k", "fuck"),
        ("F*U*C*K", "fuck"),
        ("fuuuuck", "fuck"),
        ("deo biet", "đéo"),  # no marks at all: an evasion
        ("tao deo biết", "đéo"),
    ],
)
def test_evasions_are_seen_through(text, rule):
    assert found(text) == ([rule] if rule else [])


# --- Marks decide ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "lớp mình lớn rồi",  # "lớn" (big): other marks than "lồn"
        "Em uống một lon nước ngọt",  # bare "lon" is a can
        "em đeo khăn quàng",  # "đeo" (wear) is written with marks, not those of "đéo"
        "đồ ngủ màu hồng",  # pyjamas: "ngủ" is not "ngu"
        "Ngu Công dời núi",  # a name, and not a watched phrase
    ],
)
def test_another_word_with_other_or_no_marks_is_not_found(text):
    assert found(text) == []


def test_everyday_bare_words_beside_a_marked_word_need_an_exception_phrase():
    # "Mẹ may áo" (sews) and "mua đồ cho em" (things for me) look like "mẹ mày" and
    # "đồ chó" with one syllable left bare; the starter list carries their exceptions.
    assert found("Mẹ may áo cho em") == ["mẹ mày"]
    assert found("Mẹ mua đồ cho em") == ["đồ chó"]
    exceptions = [Rule("mẹ may", "profanity", "allow"), Rule("đồ cho", "insult", "allow")]
    assert found("Mẹ may áo cho em", [*RULES, *exceptions]) == []
    assert found("Mẹ mua đồ cho em", [*RULES, *exceptions]) == []
    assert found("mẹ mày béo, đồ chó", [*RULES, *exceptions]) == ["mẹ mày", "đồ chó"]


def test_a_number_is_not_read_as_a_word():
    assert found("nặng 30 kg", [Rule("éo", "profanity")]) == []
    assert found("éo biết", [Rule("éo", "profanity")]) == ["éo"]


def test_a_phrase_of_bare_everyday_words_counts_only_in_a_text_written_without_marks():
    assert found("may la do cho") == ["đồ chó"]
    assert found("Cái này là do cho nó ăn nhiều quá") == []


# --- Exception phrases and overlapping hits ------------------------------------------


def test_exception_phrase_drops_the_hit_inside_it():
    assert found("Trời nóng muốn chết") == []
    assert found("Em nhớ bà muốn chết") == []  # "*" is any one word
    assert found("Em muốn chết") == ["muốn chết"]
    assert found("Em nóng lắm, em muốn chết") == ["muốn chết"]


def test_exception_phrase_keeps_its_marks():
    # The exception "nóng muốn chết" does not excuse other words written like it.
    assert found("nong muon chet") == []
    assert found("nông muốn chết") == ["muốn chết"]


def test_longer_hit_of_equal_weight_wins_over_the_one_inside_it():
    result = screen("Mày muốn chết à", RULES)
    assert [(hit.category, hit.rule) for hit in result.hits] == [("violence", "muốn chết à")]


# --- Spans, censoring, verdicts --------------------------------------------------------


def test_hits_carry_the_span_and_text_the_pupil_typed():
    text = "Ôi Đ.M, quên vở"
    (hit,) = screen(text, RULES).hits
    assert (hit.start, hit.end, hit.found) == (3, 6, "Đ.M")
    assert text[hit.start : hit.end] == "Đ.M"


def test_censored_text_replaces_exactly_the_censored_words():
    result = screen("vl thật, đ m thằng kia, đồ chó", RULES)
    assert result.censored == "*** thật, *** thằng kia, đồ chó"
    assert result.verdict == "hold"  # the insult is held; the stars are ready if approved
    assert result.categories == ("profanity", "insult")


def test_censoring_works_on_decomposed_text():
    text = unicodedata.normalize("NFD", "Bạn ấy đm quá")
    result = screen(text, RULES)
    assert result.censored == unicodedata.normalize("NFD", "Bạn ấy *** quá")


def test_overlapping_censored_words_become_one_run_of_stars():
    rules = [Rule("địt mẹ", "profanity"), Rule("mẹ mày", "profanity")]
    assert screen("đ!t mẹ mày luôn", rules).censored == "*** luôn"


def test_verdict_is_the_strongest_hit_and_category_defaults_apply():
    assert screen("Con chó nhà em rất ngoan", RULES).verdict == "publish"
    assert screen("vl", RULES).verdict == "censor"
    assert screen("vl, đồ ngu", RULES).verdict == "hold"
    assert screen("vl, đồ ngu, tao xử mày", RULES).verdict == "urgent"


def test_a_collaborators_action_overrides_the_category_default():
    rules = [Rule("đm", "profanity", "hold"), Rule("tẩy chay", "insult", "flag")]
    assert screen("đm", rules).verdict == "hold"
    assert screen("Cả lớp tẩy chay bạn ấy", rules).verdict == "flag"


def test_stopped_means_anything_but_publish():
    assert screen("vl", RULES).stopped
    assert not screen("Chào cả lớp", RULES).stopped


# --- Personal details -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("gọi tớ 0987654321 nhé", "phone"),
        ("số tớ 0987 654 321", "phone"),
        ("số tớ 0987.654.321", "phone"),
        ("số tớ 098-765-4321", "phone"),
        ("số tớ 0 9 8 7 6 5 4 3 2 1", "phone"),
        ("+84 987 654 321", "phone"),
        ("84987654321", "phone"),
        ("nhà tớ 024 3823 4567", "phone"),  # a Hà Nội landline
        ("không chín tám bảy sáu năm bốn ba hai một", "phone"),
        ("khong chin tam 7 6 5 4 3 2 1", "phone"),
        ("an.nguyen2015@gmail.com", "email"),
        ("lan2014 a còng gmail chấm com", "email"),
        ("an (at) yahoo (dot) com", "email"),
        ("add face mình: nguyenvan.an2015", "social"),
        ("fb.com/lananh.2014", "social"),
        ("https://www.facebook.com/nguyen.an.123", "social"),
        ("follow tiktok mình @bongbong_2015", "social"),
        ("zalo.me/0987654321", "social"),
        ("Tiktok mình tên là Bống Xinh", "social"),
        ("nhà tớ ở số 12 ngõ 34 phố Hoa Sen", "address"),
        ("Nhà mình ở 25 phố Lý Thường Kiệt", "address"),
        ("Số nhà 18, phố Hàng Bông", "address"),
        ("Nhà em ở thôn Đông", "address"),
        ("hẻm 12 đường Nguyễn Trãi", "address"),
        ("địa chỉ nhà tớ là", "address"),
    ],
)
def test_personal_details_are_found_by_their_pattern(text, rule):
    result = screen(text, [])
    assert rule in result.rules("personal_details"), result.hits
    assert result.verdict == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "số 12 trong bài toán",
        "Bài 3 trang 34",
        "Kết quả là 0.333333333",
        "Em tính 0,5 + 0,25 = 0,75",
        "Tính: 987654321 + 123456789",
        "Số 0123456789 có mười chữ số khác nhau",
        "Số lớn nhất có 10 chữ số là 9999999999",
        "Một hai ba bốn năm sáu bảy tám chín mười",
        "Ngày 20/11/2024",
        "Ngõ nhà em có cây bàng to",
        "Nhà em ở gần trường",
        "Nhà em cách trường 2 km",
        "Phố Hoa Sen có nhiều hàng ăn",
        "Bài 3 đường gấp khúc",
        "Em xem tiktok về nấu ăn",
        "Kết bạn facebook của trường nhé",
        "Lớp 5A có 32 bạn",
        "Em được 9,5 điểm",
    ],
)
def test_numbers_and_streets_that_are_nobodys_details_are_not_found(text):
    assert screen(text, []).hits == ()


# --- Rules from the data file -------------------------------------------------------------


def test_rules_file_format():
    rules = parse_rules(
        [
            "# a comment",
            "",
            "đm\tprofanity",
            "tẩy   chay\tinsult\tflag  # spaces folded",
            "nóng muốn chết\tself_harm\tallow",
        ]
    )
    assert rules == [
        Rule("đm", "profanity"),
        Rule("tẩy chay", "insult", "flag"),
        Rule("nóng muốn chết", "self_harm", "allow"),
    ]
    assert [rule.effective_action for rule in rules] == ["censor", "flag", "allow"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("đm", "expected word"),
        ("đm\trude", "unknown category"),
        ("đm\tprofanity\tdelete", "unknown action"),
        ("* muốn chết\tself_harm\tallow", "only between words"),
    ],
)
def test_rules_file_errors_name_the_line(line, message):
    with pytest.raises(ValueError, match=message) as error:
        parse_rules(["# first line", line])
    assert "line 2" in str(error.value)


def test_starter_list_is_large_and_covers_every_category():
    rules = starter_rules()
    assert len(rules) >= 150
    assert {rule.category for rule in rules} >= {
        "profanity", "insult", "self_harm", "violence", "grooming", "personal_details"
    }  # fmt: skip
    assert len({rule.word for rule in rules}) == len(rules)


def test_the_same_list_is_compiled_once():
    assert compile_rules(list(RULES)) is compile_rules(tuple(RULES))
    assert compile_rules(RULES) is not compile_rules([*RULES, Rule("vkl", "profanity")])


# --- Speed ----------------------------------------------------------------------------------


def test_screening_a_long_post_with_500_rules_is_fast():
    rng = random.Random(10)
    rules = starter_rules()
    syllables = [
        "an",
        "bình",
        "minh",
        "hoa",
        "sen",
        "lá",
        "xanh",
        "mặt",
        "trời",
        "gió",
        "mưa",
        "trường",
        "lớp",
        "bạn",
        "bè",
        "học",
        "bài",
    ]
    rules += [
        Rule(f"{' '.join(rng.sample(syllables, 2))} {rng.choice(syllables)}x{i}", "insult")
        for i in range(500 - len(rules))
    ]
    paragraph = (
        "Hôm nay lớp em đi tham quan vườn bách thảo. Cô giáo dặn cả lớp mang nước và mũ. "
        "Bạn Nam kể chuyện con chó nhà bạn ấy rất ngoan, đm thật là vui. Em thích môn Toán, "
        "đổi 5 dm ra cm rồi làm bài số 12 trang 34. Trời nóng muốn chết nhưng ai cũng vui. "
        "Gọi tớ 0987654321 nhé, nhà tớ ở số 12 ngõ 34 phố Hoa Sen. "
    )
    text = (paragraph * 10)[:2000]
    compiled = compile_rules(rules)
    screen(text, compiled)
    times = []
    for _ in range(30):
        start = time.perf_counter()
        screen(text, compiled)
        times.append((time.perf_counter() - start) * 1000)
    best, median = min(times), statistics.median(times)
    print(
        f"\nScreening 2,000 characters with {len(rules)} rules: best {best:.2f} ms, median {median:.2f} ms"
    )
    # The bar is 5 ms; the best of 30 runs keeps a busy test machine from failing it.
    assert best < 5, f"best {best:.2f} ms"


def test_syllables_run_together_in_one_everyday_word_are_not_a_phrase():
    # "demo" has the letters of "đê mờ" (đm spelled out), typed as one ordinary word.
    assert found("Demo forum", [Rule("đê mờ", "profanity")]) == []
    assert found("đờ mờ, lại quên vở", [Rule("đờ mờ", "profanity")]) == ["đờ mờ"]
