"""Diacritic-insensitive search over articles and documents.

Both models keep folded copies of their text (`search_title`, `search_body`)
written by the services, so a plain LIKE on lower-case ASCII-ish text gives
the same rows on SQLite and PostgreSQL. Title matches rank above body matches.
"""

import re

from django.db.models import Case, CharField, Expression, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lib.text import fold, fold_with_origin, search_terms

from .models import Article, Document

TITLE_WEIGHT = 10
BODY_WEIGHT = 1
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def search_column(text: str) -> str:
    """Folded words separated by single spaces, with a leading space.

    'An toàn MẠNG!' -> ' an toan mang '. A term matches the start of a word as
    LIKE '% term%', identically on SQLite and PostgreSQL.
    """
    words = _NOT_WORD.sub(" ", fold(text)).split()
    return f" {' '.join(words)} " if words else ""


def _rank(terms: list[str]) -> Expression:
    expression: Expression = Value(0)
    for term in terms:
        expression = expression + Case(
            When(search_title__contains=f" {term}", then=Value(TITLE_WEIGHT)),
            When(search_body__contains=f" {term}", then=Value(BODY_WEIGHT)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return expression


def _matching(terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= Q(search_title__contains=f" {term}") | Q(search_body__contains=f" {term}")
    return condition


def search(user, query: str):
    """A values() union of (kind, pk, rank, sort_date) ordered best first; paginate it."""
    terms = search_terms(query)
    if not terms:
        return None, terms
    articles = (
        Article.objects.visible_to(user)
        .filter(_matching(terms))
        .annotate(
            obj_kind=Value("article", output_field=CharField()),
            rank=_rank(terms),
            sort_date=Cast("publish_at", CharField()),
        )
        .values("obj_kind", "pk", "rank", "sort_date")
        .order_by()
    )
    documents = (
        Document.objects.visible_to(user)
        .filter(_matching(terms))
        .annotate(
            obj_kind=Value("document", output_field=CharField()),
            rank=_rank(terms),
            sort_date=Cast("issued_on", CharField()),
        )
        .values("obj_kind", "pk", "rank", "sort_date")
        .order_by()
    )
    return articles.union(documents, all=True).order_by(
        "-rank", "-sort_date", "obj_kind", "-pk"
    ), terms


def load_page(rows) -> list:
    """Fetch the objects of one page of search rows: one query per kind."""
    rows = list(rows)
    article_ids = [row["pk"] for row in rows if row["obj_kind"] == "article"]
    document_ids = [row["pk"] for row in rows if row["obj_kind"] == "document"]
    articles = (
        Article.objects.filter(pk__in=article_ids).select_related("category").in_bulk()
        if article_ids
        else {}
    )
    documents = Document.objects.in_bulk(document_ids) if document_ids else {}
    results = []
    for row in rows:
        source = articles if row["obj_kind"] == "article" else documents
        obj = source.get(row["pk"])
        if obj is not None:
            results.append((row["obj_kind"], obj))
    return results


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    folded, origin = fold_with_origin(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if start == 0 or not folded[start - 1].isalnum():  # word starts only, like the query
                # Mark the whole word the query's prefix matched: "an" marks "ảnh", not "ản".
                while end < len(folded) and folded[end].isalnum():
                    end += 1
                spans.append((origin[start], origin[end - 1] + 1))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str]) -> str:
    """Escape `text` and wrap each (diacritic-insensitive) match in <mark>."""
    out: list[str] = []
    position = 0
    for start, end in _spans(text, terms):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def excerpt(text: str, terms: list[str], *, width: int = 220) -> str:
    """A highlighted window of `text` around the first match."""
    spans = _spans(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    piece = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)  # noqa: S308
