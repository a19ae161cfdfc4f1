"""The starter list against what pupils really write.

tests/forum/corpus/harmful.tsv holds sentences that must be stopped (category<TAB>
sentence); tests/forum/corpus/ordinary.tsv holds ordinary sentences, many of them
traps, that must go out as written. The figures are printed (pytest -s) so that
a change to the list shows what it gained and what it cost.
"""

from collections import Counter
from pathlib import Path

from forum.screening import Category, compile_rules, screen, starter_rules

CORPUS = Path(__file__).parent / "corpus"

# The sentences issue 10 reports as published as typed.
FROM_THE_ISSUE = {
    "Bạn Nam đ.m chơi gian quá", "đm thằng kia", "dm may", "đ m thằng Tuấn", "vl thật",
    "ngu như bò, đồ c.h.ó", "thằng chó", "mai tan học ra cổng tao xử mày", "em muốn chết",
    "em không muốn sống nữa", "gọi tớ 0987654321 nhé", "nhà tớ ở số 12 ngõ 34 phố Hoa Sen",
    "add face mình: nguyenvan.an2015", "gửi ảnh của em cho anh xem", "vcl", "đ!t mẹ mày",
}  # fmt: skip
ORDINARY_FROM_THE_ISSUE = {"Con chó nhà em rất ngoan", "Từ từ rồi mình làm tiếp nhé"}


def _lines(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def harmful() -> list[tuple[str, str]]:
    pairs = (line.split("\t", 1) for line in _lines("harmful.tsv"))
    return [(category, sentence) for category, sentence in pairs]


def ordinary() -> list[str]:
    return _lines("ordinary.tsv")


def test_corpus_is_large_and_covers_every_category_and_the_issue():
    sentences = harmful()
    per_category = Counter(category for category, _ in sentences)
    assert len(sentences) >= 150 and len(ordinary()) >= 150
    assert set(per_category) == set(Category)
    assert min(per_category.values()) >= 15, per_category
    assert {sentence for _, sentence in sentences} >= FROM_THE_ISSUE
    assert set(ordinary()) >= ORDINARY_FROM_THE_ISSUE


def test_harmful_sentences_are_stopped_with_their_category():
    rules = compile_rules(starter_rules())
    stopped, total, missed = Counter(), Counter(), []
    for category, sentence in harmful():
        result = screen(sentence, rules)
        total[category] += 1
        if result.stopped and category in result.categories:
            stopped[category] += 1
        else:
            missed.append(f"{category}: {sentence!r} -> {result.verdict} {result.categories}")
    print("\nHarmful sentences stopped, by category:")
    for category in Category:
        print(f"  {category:<17} {stopped[category]:>3}/{total[category]:<3}")
    print(f"  {'all':<17} {sum(stopped.values()):>3}/{sum(total.values())}")
    for line in missed:
        print("  missed", line)
    for category in Category:
        assert stopped[category] >= 0.95 * total[category], missed


def test_ordinary_sentences_are_not_stopped():
    rules = compile_rules(starter_rules())
    stopped = []
    for sentence in ordinary():
        result = screen(sentence, rules)
        if result.stopped:
            stopped.append(
                f"{sentence!r} -> {[(h.category, h.rule, h.found) for h in result.hits]}"
            )
    print(f"\nOrdinary sentences stopped: {len(stopped)}/{len(ordinary())}")
    assert stopped == []


def test_every_issue_sentence_is_stopped_with_the_verdict_its_category_asks_for():
    rules = compile_rules(starter_rules())
    expected = {
        "vl thật": "censor",
        "thằng chó": "hold",
        "em không muốn sống nữa": "urgent",
        "mai tan học ra cổng tao xử mày": "urgent",
        "gửi ảnh của em cho anh xem": "urgent",
        "gọi tớ 0987654321 nhé": "hold",
        "nhà tớ ở số 12 ngõ 34 phố Hoa Sen": "hold",
    }
    assert {sentence: screen(sentence, rules).verdict for sentence in expected} == expected
