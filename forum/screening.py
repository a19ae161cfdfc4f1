"""Screening what pupils write: watched words in their evasions, and personal details.

`screen(text, rules)` is pure (no database): the caller passes the rules, usually
`WatchedWord.objects.rules()`. It returns every hit with its category, the rule
and the span the pupil typed, the categories found, one verdict for the whole
text and the text with the censored words replaced by ***.

How a word is found. Matching works on a folded copy of the text (no marks,
lower case, digits and symbols read as the letters they imitate, "đ!t" read as
"dit"): a word's letters must appear in order, each may be repeated ("nguuu"),
any run of spaces or punctuation may sit between two letters ("đ.m", "c h ó"),
an inner letter may be a "*" ("đ*t"), and the match must be a whole word, so
"dm" is found in "đ m" and "dm mày" but not in "đậm", "vl" not in "vlog".

Then the marks decide. A Vietnamese syllable written with other marks is
another word ("lớn" is not "lồn", "đeo" is not "đéo", "ngủ" is not "ngu"). A
syllable written with no marks at all may be an evasion ("deo biet") or simply
another word ("lon nước" is a can of soda, "mẹ may áo" is sewing): a bare
syllable that is an everyday word without marks never makes a match on its
own, and a phrase made only of such syllables matches only in a text written
without marks. Collisions that remain ("đồ cho em") are answered by exception
phrases (action `allow`) in the same list, which collaborators edit.

All rules are compiled into one regular expression (a trie of their letters)
cached by the rule list, so the cost of a screening hardly grows with the list.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path

from lib.text import fold, fold_with_origin


class Category(StrEnum):
    PROFANITY = "profanity"
    INSULT = "insult"
    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    GROOMING = "grooming"
    PERSONAL_DETAILS = "personal_details"


class Verdict(StrEnum):
    """What to do with the text, mildest first (a text takes its strongest hit's)."""

    PUBLISH = "publish"
    FLAG = "flag"  # publish as written, queue for a look
    CENSOR = "censor"  # publish with ***, queue for a look
    HOLD = "hold"  # review before publishing
    BLOCK = "block"  # refuse; the writer must change it
    URGENT = "urgent"  # hold, and tell people at once


# The action of an exception phrase: hits inside its span are dropped.
ALLOW = "allow"
# A word of its own in a rule standing for any one word ("nhớ * muốn chết").
WILDCARD = "*"

SEVERITY = {verdict: rank for rank, verdict in enumerate(Verdict)}

DEFAULT_ACTION: dict[str, Verdict] = {
    Category.PROFANITY: Verdict.CENSOR,
    Category.INSULT: Verdict.HOLD,
    Category.SELF_HARM: Verdict.URGENT,
    Category.VIOLENCE: Verdict.URGENT,
    Category.GROOMING: Verdict.URGENT,
    Category.PERSONAL_DETAILS: Verdict.HOLD,
}

# Names of the built-in personal-detail patterns, as Hit.rule.
PHONE, EMAIL, ADDRESS, SOCIAL = "phone", "email", "address", "social"

STARTER_FILE = Path(__file__).resolve().parent / "data" / "watched_words.tsv"


@dataclass(frozen=True)
class Rule:
    """A watched word or phrase. An empty action means the category's default."""

    word: str
    category: str
    action: str = ""

    @property
    def effective_action(self) -> str:
        return self.action or DEFAULT_ACTION.get(self.category, Verdict.HOLD)


@dataclass(frozen=True)
class Hit:
    category: str
    rule: str  # the watched word, or PHONE / EMAIL / ADDRESS / SOCIAL
    action: str
    start: int  # span in the screened text, as typed
    end: int
    found: str  # the text of that span


@dataclass(frozen=True)
class Screening:
    text: str
    hits: tuple[Hit, ...]
    verdict: Verdict
    censored: str

    @property
    def categories(self) -> tuple[str, ...]:
        """Categories found, in the order of `Category`."""
        found = {hit.category for hit in self.hits}
        return tuple(category for category in Category if category in found)

    @property
    def stopped(self) -> bool:
        return self.verdict != Verdict.PUBLISH

    def rules(self, category: str | None = None) -> list[str]:
        """The rules that matched (of one category), each once, in text order."""
        seen: dict[str, None] = {}
        for hit in self.hits:
            if category is None or hit.category == category:
                seen.setdefault(hit.rule)
        return list(seen)


# --- Reading the starter list ---------------------------------------------------------


def parse_rules(lines: Iterable[str]) -> list[Rule]:
    """Rules from tab-separated lines `word<TAB>category[<TAB>action]`.

    `#` starts a comment; blank lines are skipped. Raises ValueError naming the
    line for an unknown category or action.
    """
    rules = []
    categories = {str(c) for c in Category}
    actions = {str(v) for v in Verdict} - {Verdict.PUBLISH} | {ALLOW}
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) < 2 or not fields[0]:
            raise ValueError(f"line {number}: expected word<TAB>category[<TAB>action]: {raw!r}")
        word, category = " ".join(fields[0].split()).lower(), fields[1]
        action = fields[2] if len(fields) > 2 else ""
        if category not in categories:
            raise ValueError(f"line {number}: unknown category {category!r}")
        if action and action not in actions:
            raise ValueError(f"line {number}: unknown action {action!r}")
        if WILDCARD in (word.split()[0], word.split()[-1]):
            raise ValueError(f"line {number}: {WILDCARD} may stand only between words")
        rules.append(Rule(word, category, action))
    return rules


def starter_rules() -> list[Rule]:
    """The starter list shipped with the forum (forum/data/watched_words.tsv)."""
    with STARTER_FILE.open(encoding="utf-8") as handle:
        return parse_rules(handle)


# --- Normalising ---------------------------------------------------------------------

# Digits and symbols that pupils use in place of letters ("j" as in "đjt").
_LOOKALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "j": "i"}
)  # fmt: skip
# "!" and "|" stand for "i" only between letters ("đ!t"); elsewhere they are punctuation.
_BANG_BETWEEN_LETTERS = re.compile(r"(?<=[a-z])[!|](?=[a-z])")
_EVASIVE = frozenset("0134578@$!|*j")
_GAP = r"[\W_]*"
_NOT_AFTER_LETTER = r"(?<![^\W_])"
_NOT_BEFORE_LETTER = r"(?![^\W_])"


@dataclass(frozen=True)
class _Text:
    original: str
    folded: str  # lower case, no marks, digits kept: for the personal-detail patterns
    norm: str  # folded with look-alikes read as letters: for the words
    origin: list[int]  # index in `original` of each folded character
    composed: bool  # `original` is in NFC: one character per letter with its marks

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text of folded characters start..end."""
        first, last = self.origin[start], self.origin[end - 1] + 1
        # Keep combining marks typed after the last letter inside the span.
        while last < len(self.original) and unicodedata.combining(self.original[last]):
            last += 1
        return first, last

    def char(self, index: int) -> str:
        """The original character (with its marks) behind folded character `index`."""
        if self.composed:
            return self.original[self.origin[index]].casefold()
        start, end = self.span(index, index + 1)
        return unicodedata.normalize("NFC", self.original[start:end]).casefold()


def _prepare(text: str) -> _Text:
    folded, origin = fold_with_origin(text)
    norm = _BANG_BETWEEN_LETTERS.sub("i", folded.translate(_LOOKALIKES))
    return _Text(text, folded, norm, origin, unicodedata.is_normalized("NFC", text))


# Syllables that are everyday words written with no marks at all. A bare syllable
# of this list is read as that word, not as an evasion of a marked one ("lon
# nước" is a can, not "lồn"). Syllables ending in p, t, c or ch always carry a
# tone in Vietnamese, so none of them is here: bare "dit", "cac" are evasions.
_BARE_WORDS_TEXT = """
    a ai am an ang anh ao ba bai ban bang banh bao bay be bi bia binh bo bom bon bong bu ca cai
    cam can cang canh cao cay cha chai cham chan chang chanh chao chay che chen cheo chi chia
    chim chinh cho choang choi chong chu chua chui chung co coi con cong cu cua cung da dai dan
    dang danh dao day de di dinh do doanh dong du dung duy e em en eo ga gai gam gan gang ganh
    gay ghe ghen ghi gi gia giai gian giang gianh giao giong go gong gu ha hai ham han hang hanh
    hao hay he hem heo hi hiu ho hoa hoai hoan hoang hoe hoi hong hu hun hung huy huynh i im in
    inh kem ken keo kha khai kham khan khang khanh khao khe khen kheo khi khinh kho khoa khoai
    khoan khoang khoe khoi khu khua khuya khung khuy ki kia kim kinh la lai lam lan lang lanh
    lao lay le len leo li lia lim linh liu lo loa loan loang loe loi lon long lu lua lui lung
    luy ly ma mai man mang manh mao may me men meo mi mia min minh mo moi mong mu mua mui mun
    mung na nai nam nan nang nanh nao nay ne neo nga ngai ngan ngang nganh ngao ngay nghe nghi
    ngo ngoa ngoai ngoan ngoi ngon ngong ngu ngung nguy nha nhai nham nhan nhang nhanh nhao nhay
    nhe nhen nheo nhi nho nhoi nhu nhung nhuy ni no noi nom non nong nu nua nung o oa oai oan
    oang oanh oe oi om on ong pha phai phan phang phanh phao phay phe phen phi phim phin pho
    phong phu phun phung qua quai quan quang quanh quay que quen queo qui quy ra rai ram ran
    rang ranh rao ray re reo ri ria rinh riu ro roi rong ru run rung sa sai sam san sang sanh
    sao say se sen si sinh so soi son song su sui sung ta tai tam tan tang tanh tao tay te tem
    teo tha thai tham than thang thanh thao thay the then theo thi thia thiu tho thoa thoai
    thoang thoi thon thong thu thua thui thun thung thuy ti tia tim tin tinh tiu to toa toan
    toang toe toi ton tong tra trai tram tran trang tranh trao tre treo tri trinh tro trong tru
    trung truy tu tua tui tung tuy u ui um un ung uy va vai van vang vanh vao vay ve ven veo vi
    via vin vinh vo voi von vong vu vua vui vun vung xa xai xam xan xanh xao xay xe xem xen xeo
    xi xin xinh xiu xo xoa xoan xoang xoay xoe xong xu xua xui xum xung xuy y
"""
BARE_WORDS = frozenset(_BARE_WORDS_TEXT.split())


# --- Compiling the rules ----------------------------------------------------------------


@dataclass(frozen=True)
class _Letter:
    base: str  # as matched in the normalised text
    char: str  # as written in the rule, with its marks
    syllable: int


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    action: str
    letters: tuple[_Letter, ...]
    collapsed: str  # base letters with repeats merged: "đmm" -> "dm"
    syllables: tuple[tuple[int, ...], ...]  # indexes of the letters of each syllable
    spelled: str  # the letters as written in the rule, marks kept: "đồchó"

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """This rule alone, one group per letter; compiled when first needed."""
        return _rule_pattern(tuple(x.base for x in self.letters))


def _rule_letters(word: str) -> tuple[_Letter, ...]:
    letters: list[_Letter] = []
    syllable = 0
    for token in unicodedata.normalize("NFC", word).casefold().split():
        if token == WILDCARD:
            letters.append(_Letter(WILDCARD, WILDCARD, syllable))
            syllable += 1
            continue
        for ch in token:
            if ch.isalnum():
                bases = fold_with_origin(ch)[0].translate(_LOOKALIKES)
                letters.extend(_Letter(base, ch, syllable) for base in bases)
            elif letters and letters[-1].syllable == syllable:
                syllable += 1  # a hyphen ends a syllable
        if letters and letters[-1].syllable == syllable:
            syllable += 1
    # Renumber so that syllables are 0..n-1 whatever punctuation there was.
    numbers = {s: i for i, s in enumerate(dict.fromkeys(letter.syllable for letter in letters))}
    return tuple(_Letter(x.base, x.char, numbers[x.syllable]) for x in letters)


# A whole word, any word: "nhớ * muốn chết" (allowed: "nhớ bà muốn chết").
_ANY_WORD = r"(?<![^\W_])[^\W_]+(?![^\W_])"


def _unit(base: str, *, inner: bool) -> str:
    if base == WILDCARD:
        return f"({_ANY_WORD})"
    letter = re.escape(base)
    # Repeats: "x" then "x*" (not "x+") so that the alternation can skip on the first literal.
    return rf"({letter}{letter}*|\*)" if inner else rf"({letter}{letter}*)"


def _collapse(bases: Iterable[str]) -> str:
    out: list[str] = []
    for base in bases:
        if not out or out[-1] != base:
            out.append(base)
    return "".join(out)


@lru_cache(maxsize=4096)
def _rule_pattern(bases: tuple[str, ...]) -> re.Pattern[str]:
    last = len(bases) - 1
    units = [_unit(base, inner=0 < i < last) for i, base in enumerate(bases)]
    return re.compile(_NOT_AFTER_LETTER + _GAP.join(units) + _NOT_BEFORE_LETTER)


def _compile_rule(rule: Rule) -> _Compiled | None:
    letters = _rule_letters(rule.word)
    if not letters or WILDCARD in (letters[0].base, letters[-1].base):
        return None
    syllables = tuple(
        tuple(i for i, x in enumerate(letters) if x.syllable == s)
        for s in range(letters[-1].syllable + 1)
    )
    action = ALLOW if rule.action == ALLOW else rule.effective_action
    spelled = "".join(_letters_of(rule.word))
    return _Compiled(rule, action, letters, _collapse(x.base for x in letters), syllables, spelled)


def _letters_of(text: str) -> list[str]:
    return [ch for ch in unicodedata.normalize("NFC", text).casefold() if ch.isalnum()]


class _Node:
    __slots__ = ("children", "rules", "name")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.rules: list[_Compiled] = []
        self.name = ""


def _trie_regex(node: _Node, depth: int) -> str:
    branches = []
    for base, child in sorted(node.children.items()):
        letter = re.escape(base)
        unit = f"{letter}{letter}*"
        if base == WILDCARD:
            unit = _ANY_WORD
        elif depth == 0:
            # The whole-word check sits after the first literal so the scan can skip fast.
            unit = rf"{letter}(?<![^\W_]{letter}){letter}*"
        elif child.children:
            unit = rf"(?:{unit}|\*)"
        end = rf"{_NOT_BEFORE_LETTER}(?P<{child.name}>)" if child.rules else ""
        if child.children:
            deeper = f"{_GAP}(?:{_trie_regex(child, depth + 1)})"
            tail = f"(?:{deeper}|{end})" if end else deeper
        else:
            tail = end
        branches.append(unit + tail)
    return "|".join(branches)


class RuleSet:
    """Rules compiled for screening. Build with `compile_rules`; it is cached."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        compiled = [c for c in map(_compile_rule, self.rules) if c is not None]
        root = _Node()
        for item in compiled:
            node = root
            for letter in item.letters:
                node = node.children.setdefault(letter.base, _Node())
            node.rules.append(item)
        self._by_name: dict[str, list[_Compiled]] = {}
        by_collapsed: dict[str, list[_Compiled]] = {}
        for item in compiled:
            by_collapsed.setdefault(item.collapsed, []).append(item)
        terminals: list[_Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            stack.extend(node.children.values())
            if node.rules:
                node.name = f"r{len(terminals)}"
                terminals.append(node)
        for node in terminals:
            # A rule found at a position is checked together with every rule whose
            # letters are a beginning of its letters: they may match there too
            # ("đồ chó" inside "đồ chó má"), and may win if the longer one's marks disagree.
            collapsed = node.rules[0].collapsed
            candidates = [
                item for key, items in by_collapsed.items() if collapsed.startswith(key) for item in items
            ]  # fmt: skip
            candidates.sort(key=lambda item: -len(item.letters))
            self._by_name[node.name] = candidates
        body = _trie_regex(root, 0)
        self._finder = re.compile(body) if body else None

    def candidates(self, name: str) -> list[_Compiled]:
        return self._by_name[name]

    @property
    def finder(self) -> re.Pattern[str] | None:
        return self._finder


@lru_cache(maxsize=8)
def _compile_cached(rules: tuple[Rule, ...]) -> RuleSet:
    return RuleSet(rules)


def compile_rules(rules: Iterable[Rule]) -> RuleSet:
    """The rules compiled once; the same list (same words, categories, actions) is cached."""
    return _compile_cached(tuple(rules))


# --- Matching words -----------------------------------------------------------------

_EXACT, _EVASIVE_SYLLABLE, _BARE_WORD = "exact", "evasive", "bare_word"


def _is_marked(ch: str) -> bool:
    return not ch.isascii()


@lru_cache(maxsize=4096)
def _compare(rule_char: str, text_char: str) -> str:
    """One letter: "exact", "evasive" (digit, symbol), "bare" (marks left off), "different"."""
    if text_char == rule_char:
        return "exact"
    if text_char in _EVASIVE or len(fold(text_char)) != 1:
        return "evasive"
    if text_char == "đ" and rule_char == "d":
        return "exact"  # "đm" for "dm": the same abbreviation
    if not _is_marked(text_char) and _is_marked(rule_char):
        return "bare"
    return "different"


def _syllable_verdicts(item: _Compiled, match: re.Match[str], text: _Text) -> list[str] | None:
    """How each syllable of the rule was written, or None when the marks make it another word."""
    letters = item.letters
    verdicts = []
    for indexes in item.syllables:
        if letters[indexes[0]].base == WILDCARD:
            continue
        kinds: set[str] = set()
        marked = evasion = False
        chars: list[str] = []
        for position, i in enumerate(indexes):
            start, end = match.span(i + 1)
            if position and start > match.end(indexes[position - 1] + 1):
                evasion = True  # letters of one syllable pulled apart: "c.h.ó"
            written = [text.char(j) for j in range(start, end)]
            if len(dict.fromkeys(text.origin[j] for j in range(start, end))) > 1:
                evasion = True  # a letter repeated: "chóooo"
            unit = {_compare(letters[i].char, ch) for ch in written}
            # A letter typed right once and then repeated bare ("chóooo") is typed right.
            for kind in ("different", "exact", "evasive", "bare"):
                if kind in unit:
                    kinds.add(kind)
                    break
            evasion |= "evasive" in unit
            marked |= "exact" in unit and any(_is_marked(ch) for ch in written)
            chars.extend(written)
        if "different" in kinds:
            return None
        if "bare" not in kinds:
            verdicts.append(_EXACT)
        elif marked:
            return None  # "đeo" is not "đéo": marks were typed, just not these
        elif evasion:
            verdicts.append(_EVASIVE_SYLLABLE)
        elif "".join(chars) in BARE_WORDS:
            verdicts.append(_BARE_WORD)
        else:
            verdicts.append(_EVASIVE_SYLLABLE)
    return verdicts


def _syllables_glued(item: _Compiled, match: re.Match[str]) -> bool:
    """True when two syllables of the rule were typed as one word ("demo" for "đê mờ")."""
    for before, after in itertools.pairwise(item.syllables):
        if match.start(after[0] + 1) == match.end(before[-1] + 1):
            return True
    return False


_WORD = re.compile(r"[^\W\d_]+")


def _written_without_marks(text: str) -> bool:
    """True when under a quarter of the words carry any mark (typed without tones)."""
    words = _WORD.findall(text)
    marked = sum(1 for word in words if not word.isascii())
    return marked * 4 < len(words)


_NUMBER_BEFORE = re.compile(r"\d\s?$")


def _accepts(item: _Compiled, match: re.Match[str], text: _Text, toneless: list[bool]) -> bool:
    first, last = text.span(match.start(), match.end())
    typed = text.original[first:last]
    if not any(ch.isalpha() for ch in typed):
        return False  # "30" is a number, not "éo"
    if "".join(_letters_of(typed)) != item.spelled:
        # Not typed letter for letter as in the rule: let the marks decide.
        verdicts = _syllable_verdicts(item, match, text)
        if verdicts is None:
            return False
        if all(v == _BARE_WORD for v in verdicts):
            # Only everyday bare words: "lon" alone is a can. A phrase of them ("do cho")
            # counts only in a text written without marks, where nothing else tells.
            if len(item.syllables) < 2 or _syllables_glued(item, match):
                return False
            if not toneless:
                toneless.append(_written_without_marks(text.original))
            return toneless[0]
    # "5 dm", "50 cc": a unit of measure after a number, not an abbreviation.
    return not (
        len(item.collapsed) <= 2
        and text.original[first:last].isascii()
        and _NUMBER_BEFORE.search(text.folded[max(0, match.start() - 3) : match.start()])
    )


def _word_hits(text: _Text, ruleset: RuleSet) -> list[tuple[_Compiled, int, int]]:
    finder = ruleset.finder
    if finder is None:
        return []
    found: list[tuple[_Compiled, int, int]] = []
    toneless: list[bool] = []  # computed once, on first need
    position = 0
    while (match := finder.search(text.norm, position)) is not None:
        start = match.start()
        name = match.lastgroup
        if name is not None:
            for item in ruleset.candidates(name):
                exact = item.pattern.match(text.norm, start)
                if exact and exact.end() > start and _accepts(item, exact, text, toneless):
                    found.append((item, start, exact.end()))
        position = start + 1
    return found


# --- Personal details -----------------------------------------------------------------

_DIGIT_WORDS = {
    "khong": "0", "linh": "0", "mot": "1", "hai": "2", "ba": "3", "bon": "4", "tu": "4",
    "nam": "5", "lam": "5", "sau": "6", "bay": "7", "tam": "8", "chin": "9",
}  # fmt: skip
_DIGIT_UNIT = r"(?:\d|(?:" + "|".join(_DIGIT_WORDS) + r")(?![a-z]))"
_NUMBER_RUN = re.compile(
    rf"(?<![\w+])(?:\+\s?)?{_DIGIT_UNIT}(?:[ \t.\-]{{0,3}}{_DIGIT_UNIT}){{7,20}}(?!\w)"
)
_ONE_UNIT = re.compile(_DIGIT_UNIT)
# Vietnamese numbers: mobiles 0[35789] + 8 digits; landlines 02 + 9 digits; or +84 for the 0.
_PHONE_DIGITS = re.compile(r"(?:0|84)(?:[35789]\d{8}|2\d{9})")

_EMAIL = re.compile(
    r"(?<![\w.])[a-z0-9][a-z0-9._+\-]*\s?(?:@|\(at\)|\[at\]|\ba cong\b)\s?"
    r"(?:[a-z0-9\-]+(?:\s?(?:\.|\(dot\)|\bcham\b)\s?[a-z]{2,})+|(?:gmail|yahoo|hotmail|outlook|icloud)\b)"
)
_LINK = re.compile(
    r"(?<![\w.])(?:https?://)?(?:www\.|m\.|web\.|vt\.|vm\.|chat\.|id\.)?"
    r"(?:facebook\.com|fb\.com|fb\.me|m\.me|messenger\.com|zalo\.me|tiktok\.com|instagram\.com"
    r"|instagr\.am|t\.me|telegram\.me|discord\.gg|discord\.com/invite|snapchat\.com|twitter\.com"
    r"|x\.com|threads\.net|youtube\.com/(?:@|channel/|c/|user/))/?[^\s,;]+"
)
_MAP_LINK = re.compile(r"(?:maps\.app\.goo\.gl|goo\.gl/maps|google\.com/maps)[^\s,;]*")
_PLATFORM = (
    r"(?:face(?:book)?|fb|phay|zalo|zl|insta(?:gram)?|ig|tik ?tok|snap(?:chat)?|discord"
    r"|tele(?:gram)?|mess(?:enger)?|skype|twitter|threads|locket|nick|acc|id)"
)
_FILLER = r"(?:\s*(?:cua|minh|to|em|tao|toi|tui|t|m|anh|chi|ban|nhe|nha|ne|la|nay|day|:|-|=))"
_HANDLE = re.compile(
    rf"\b(?P<trigger>(?:add|ket ban|kb|follow|flw|fl|theo doi|ib|inbox|nhan tin|tim)\s+)?"
    rf"{_PLATFORM}\b{_FILLER}{{0,4}}\s*(?P<handle>@?[a-z0-9][a-z0-9._]{{2,}})"
)
_NAMED_ACCOUNT = re.compile(
    rf"\b{_PLATFORM}\s+(?:cua\s+)?(?:minh|to|em|tao|toi|tui)\s*(?:ten\s+la|ten|la|:)\s*(?=\w)"
)
_AT_HANDLE = re.compile(r"(?<![\w@])@[a-z0-9._]*[0-9._][a-z0-9._]*[a-z0-9]")

_STREET = (
    r"(?:so nha|so|ngo|ngach|hem|kiet|pho|duong|chung cu|toa|thon|xom|ap|to dan pho|khu do thi|kdt)"
)
_ADDRESSES = [
    re.compile(r"\b(?:ngo|ngach|hem|kiet)\s*(?:so\s*)?\d+[a-z]?\b"),
    re.compile(r"\bso nha\s*\d+"),
    re.compile(r"\bdia chi\s+(?:nha\s+)?(?:cua\s+)?(?:to|minh|em|tao|toi|tui)\s*(?:la\b|:|o\b)"),
]
# "12 phố Hoa Sen", "số 45/3 đường Lê Lợi": a number, then a street named with a capital.
_NUMBERED_STREET = re.compile(
    r"(?<!\w)(?P<lead>(?:bai|trang|lop|cau|tiet|tuan|chuong|phan|muc|tap)\s+)?"
    r"(?:so\s*)?\d+[a-z]?(?:\s*/\s*\d+[a-z]?)*\s*,?\s*(?:pho|duong)\s+(?P<name>\w)"
)
# "nhà tớ ở … ngõ 5 / phố Hoa Sen / thôn Đông": where a pupil lives, down to the street.
_HOME_IS = re.compile(
    rf"\bnha\s+(?:cua\s+)?(?:to|minh|em|tao|toi|tui|t)\s+(?:o|tai)\s+(?:[^.!?\n]{{0,40}}?\s)?"
    rf"{_STREET}\b\s*(?P<name>\w)"
)


def _is_capital_or_digit(text: _Text, index: int) -> bool:
    ch = text.original[text.origin[index]]
    return ch.isdigit() or ch.isupper()


def _phone_hits(text: _Text) -> list[tuple[str, int, int]]:
    hits = []
    for run in _NUMBER_RUN.finditer(text.folded):
        units = list(_ONE_UNIT.finditer(text.folded, run.start(), run.end()))
        digits = [_DIGIT_WORDS.get(u.group(), u.group()) for u in units]
        # A unit starts a number when it follows a gap; "0.5" after "0." is a decimal.
        separated = [i == 0 or units[i].start() > units[i - 1].end() for i in range(len(units))]
        plus = text.folded[run.start()] == "+"
        i = 0
        while i < len(units):
            match = None
            if separated[i] and not (
                digits[i] == "0"
                and i + 1 < len(units)
                and text.folded[units[i].end() : units[i + 1].start()] in {".", ","}
            ):
                for length in (12, 11, 10):
                    j = i + length
                    if j <= len(units) and (j == len(units) or separated[j]):
                        number = "".join(digits[i:j])
                        if len(number) == length and _PHONE_DIGITS.fullmatch(number):
                            match = j
                            break
            if match is None:
                i += 1
                continue
            start = run.start() if plus and i == 0 else units[i].start()
            hits.append((PHONE, start, units[match - 1].end()))
            i = match
    return hits


_DIGIT = re.compile(r"\d")
_PLATFORM_HINTS = ("face", "fb", "phay", "zalo", "zl", "insta", "ig", "tik", "snap", "discord", "tele", "mess", "skype", "twitter", "threads", "locket", "nick", "acc", "id")  # fmt: skip
_DOMAIN_HINTS = (".com", ".me", ".gg", ".am", ".net")


def _social_hits(text: _Text) -> list[tuple[str, int, int]]:
    folded = text.folded
    hits = []
    for m in _HANDLE.finditer(folded):
        handle = m.group("handle")
        typed = text.original[slice(*text.span(*m.span("handle")))]
        if not typed.isascii():
            continue  # a Vietnamese word with marks, not an account name
        if not any(ch.isalpha() for ch in handle):
            continue  # digits alone: the phone pattern's business
        if (
            handle.startswith("@")
            or any(ch.isdigit() or ch in "._" for ch in handle)
            or (m.group("trigger") and len(handle) >= 5 and handle not in BARE_WORDS)
        ):
            hits.append((SOCIAL, m.start(), m.end()))
    for m in _NAMED_ACCOUNT.finditer(folded):
        if m.end() < len(folded) and _is_capital_or_digit(text, m.end()):
            name_end = re.match(r"\w+(?:\s+\w+){0,3}", folded[m.end() :])
            hits.append((SOCIAL, m.start(), m.end() + (name_end.end() if name_end else 0)))
    return hits


_NAME_WORD = re.compile(r"\s*(\w+)")


def _name_end(text: _Text, index: int) -> int:
    """The end of the name starting at folded `index`: its word, then each following
    word that starts with a capital or a digit ("phố Hoa Sen", "ngõ 34 Trần Phú")."""
    end = index
    while (word := _NAME_WORD.match(text.folded, end)) and (
        word.start(1) == index or _is_capital_or_digit(text, word.start(1))
    ):
        end = word.end(1)
    return end


def _address_hits(text: _Text, has_digit: bool) -> list[tuple[str, int, int]]:
    folded = text.folded
    hits = []
    if has_digit:
        for pattern in _ADDRESSES[:2]:
            hits += [(ADDRESS, m.start(), m.end()) for m in pattern.finditer(folded)]
        if "pho" in folded or "duong" in folded:
            for m in _NUMBERED_STREET.finditer(folded):
                if not m.group("lead") and _is_capital_or_digit(text, m.start("name")):
                    hits.append((ADDRESS, m.start(), _name_end(text, m.start("name"))))
    if "dia chi" in folded:
        hits += [(ADDRESS, m.start(), m.end()) for m in _ADDRESSES[2].finditer(folded)]
    if "nha" in folded:
        for m in _HOME_IS.finditer(folded):
            if _is_capital_or_digit(text, m.start("name")):
                hits.append((ADDRESS, m.start(), _name_end(text, m.start("name"))))
    if "goo.gl" in folded or "google.com" in folded:
        hits += [(ADDRESS, m.start(), m.end()) for m in _MAP_LINK.finditer(folded)]
    return hits


def _detail_hits(text: _Text) -> list[tuple[str, int, int]]:
    """Phone numbers, e-mail addresses, accounts and links, home addresses.

    Each pattern runs only when a cheap look for its telltale (a digit, "@", a
    platform's name) finds one: most posts have none of them.
    """
    folded = text.folded
    has_digit = _DIGIT.search(folded) is not None
    hits = []
    # A mobile number starts with 0 (or 84): spelled out, it has "không" (or "linh").
    if has_digit or "khong" in folded or "linh" in folded:
        hits += _phone_hits(text)
    if "@" in folded:
        hits += [(SOCIAL, m.start(), m.end()) for m in _AT_HANDLE.finditer(folded)]
    if "@" in folded or "(at)" in folded or "[at]" in folded or "a cong" in folded:
        hits += [(EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(folded)]
    if any(hint in folded for hint in _DOMAIN_HINTS):
        hits += [(SOCIAL, m.start(), m.end()) for m in _LINK.finditer(folded)]
    if any(hint in folded for hint in _PLATFORM_HINTS):
        hits += _social_hits(text)
    return hits + _address_hits(text, has_digit)


# --- Screening -----------------------------------------------------------------------


def _inside(inner: Hit, outer: Hit) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _keep(hits: list[Hit], allowed: list[Hit]) -> list[Hit]:
    """Drop hits inside an exception phrase, and hits inside a longer hit that acts at
    least as strongly ("muốn chết" inside the threat "muốn chết à"); of hits on one
    span, one per category."""
    hits = [h for h in hits if not any(_inside(h, a) for a in allowed)]
    # Longest first, then strongest: an outer hit is always settled before its inner ones.
    hits.sort(key=lambda h: (h.start - h.end, -SEVERITY[Verdict(h.action)], h.start))
    kept: list[Hit] = []
    for hit in hits:
        if not any(
            _inside(hit, outer)
            and SEVERITY[Verdict(outer.action)] >= SEVERITY[Verdict(hit.action)]
            and (outer.category == hit.category or (outer.start, outer.end) != (hit.start, hit.end))
            for outer in kept
        ):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, -h.end))


def censor_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each span replaced by ***; overlapping spans become one."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + "***" + text[end:]
    return text


def find_words(text: str, rules: Iterable[Rule] | RuleSet) -> list[Hit]:
    """The watched words of `rules` in `text` (no personal-detail patterns), after
    exception phrases and overlaps are settled."""
    ruleset = rules if isinstance(rules, RuleSet) else compile_rules(rules)
    prepared = _prepare(text)
    return _keep(*_hits_of_words(prepared, ruleset))


def _hits_of_words(text: _Text, ruleset: RuleSet) -> tuple[list[Hit], list[Hit]]:
    """Hits of the words, and hits of the exception phrases."""
    hits: list[Hit] = []
    allowed: list[Hit] = []
    for item, start, end in _word_hits(text, ruleset):
        first, last = text.span(start, end)
        hit = Hit(item.rule.category, item.rule.word, item.action, first, last, text.original[first:last])  # fmt: skip
        (allowed if item.action == ALLOW else hits).append(hit)
    return hits, allowed


def _merge(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping spans of one pattern as one: "số 12 ngõ 34 phố Hoa Sen" is one address."""
    merged: list[tuple[str, int, int]] = []
    for name, start, end in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and merged[-1][0] == name and start <= merged[-1][2]:
            merged[-1] = (name, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((name, start, end))
    return merged


def screen(text: str, rules: Iterable[Rule] | RuleSet) -> Screening:
    """Screen `text` against `rules` (watched words) and the personal-detail patterns."""
    ruleset = rules if isinstance(rules, RuleSet) else compile_rules(rules)
    prepared = _prepare(text)
    hits, allowed = _hits_of_words(prepared, ruleset)
    action = DEFAULT_ACTION[Category.PERSONAL_DETAILS]
    for name, start, end in _merge(_detail_hits(prepared)):
        first, last = prepared.span(start, end)
        hits.append(Hit(Category.PERSONAL_DETAILS, name, action, first, last, text[first:last]))
    kept = _keep(hits, allowed)
    verdict = max((Verdict(h.action) for h in kept), key=SEVERITY.__getitem__, default=Verdict.PUBLISH)  # fmt: skip
    censored = censor_spans(text, ((h.start, h.end) for h in kept if h.action == Verdict.CENSOR))
    return Screening(text, tuple(kept), verdict, censored)


# --- Whom a safeguarding signal concerns ---------------------------------------------

# Words for the writer's own family and home. A child's words about being hurt, wanting
# to die or being asked for photos go to the guardians only when they do not mention
# the family: the person hurting a child may be at home, and a teacher, not a machine,
# then decides whom to tell. When in doubt the text counts as concerning the family.
# "ba" alone is also "three", "ông"/"bà" alone also "that man/woman", "cô" a teacher,
# "em gái" how a stranger addresses a girl: only unambiguous forms are listed. Toneless
# forms are listed only where they cannot be another word ("me em" may be "mê em").
_FAMILY_WORDS = (
    "bố", "mẹ", "má", "cha", "dượng", "ba mẹ", "ba má", "ba em", "ba tớ", "ba mình", "ba tao",
    "ba con", "ông bà", "ông nội", "ông ngoại", "bà nội", "bà ngoại", "anh trai", "chị gái",
    "anh họ", "chị họ", "gia đình", "người nhà", "ở nhà", "về nhà", "trong nhà",
    "bo me", "ba me", "ba ma", "gia dinh", "nguoi nha", "o nha",
)  # fmt: skip
# "mẹ mày", "bố mày", "mẹ nó": someone else's parent (or, for "bố mày", slang for "I").
_SOMEONE_ELSES = r"(?:mày|mầy|mi|nó|bay|bạn|cậu|tụi mày|chúng mày)"
_FAMILY = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _FAMILY_WORDS), key=len, reverse=True)) + r")"
    rf"(?!\w)(?! {_SOMEONE_ELSES}(?!\w))"
)


def concerns_family(text: str) -> bool:
    """True when `text` mentions the writer's own family or home (see _FAMILY_WORDS)."""
    normalised = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return _FAMILY.search(normalised) is not None
