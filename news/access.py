"""Who may do what with news content, and fetching it for a person.

Staff write, and so do pupils the school made contributors (tổ cộng tác viên);
parents never do. A writer edits their own draft or returned article; editors
(can_publish) edit, publish, return and archive any article and keep the
register of documents. Readers see what is live for their audience. The
services apply these rules themselves; views call them earlier for a nicer
page. An article a person may not know exists is a 404; a page of a role the
person does not have (writing, reviewing) is a 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.audiences import keys_for
from accounts.models import User
from lib import editorial

from .models import Article, Attachment, Document

# --- who may do what ---------------------------------------------------------


def can_write(user: User | AnonymousUser) -> bool:
    """Teachers and other staff write; so do pupils the school made contributors
    (tổ cộng tác viên), whose articles still go through the editors. Parents never do."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_school_staff or user.can_contribute


def is_editor(user: User | AnonymousUser) -> bool:
    """The editors publish, return and archive articles and keep the documents register."""
    return can_write(user) and isinstance(user, User) and user.can_publish


def can_edit(user: User | AnonymousUser, article: Article) -> bool:
    return editorial.can_edit(
        actor_id=user.pk,
        is_writer=can_write(user),
        is_editor=is_editor(user),
        author_id=article.author_id,
        status=article.status,
    )


def can_submit(user: User | AnonymousUser, article: Article) -> bool:
    """The author sends their own article for review; an editor may send anyone's."""
    return editorial.can_submit(
        actor_id=user.pk,
        is_writer=can_write(user),
        is_editor=is_editor(user),
        author_id=article.author_id,
    )


def can_read(user: User | AnonymousUser, article: Article) -> bool:
    """Live and for an audience `user` belongs to: `Article.objects.visible_to`, in memory."""
    return article.is_live() and article.audience in keys_for(user)


def can_read_document(user: User | AnonymousUser, document: Document) -> bool:
    return document.audience in keys_for(user)


def require_writer(user: User | AnonymousUser) -> User:
    """The writer behind a writing page; PermissionDenied for anyone else."""
    if not can_write(user) or not isinstance(user, User):
        raise PermissionDenied
    return user


def require_editor(user: User | AnonymousUser) -> User:
    """The editor behind a reviewing page; PermissionDenied for anyone else."""
    if not is_editor(user) or not isinstance(user, User):
        raise PermissionDenied
    return user


# --- fetching for a person ---------------------------------------------------------


def get_article_for_reader(user: User | AnonymousUser, slug: str) -> Article:
    article = (
        Article.objects.visible_to(user)
        .select_related("author", "category")
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404
    return article


def get_article_for_writer(user: User | AnonymousUser, pk: int) -> Article:
    """Editors reach every article; a writer only their own. Non-writers: 403; others: 404."""
    writer = require_writer(user)
    articles = Article.objects.select_related("author", "category")
    if not writer.can_publish:
        articles = articles.filter(author=writer)
    return get_object_or_404(articles, pk=pk)


def get_attachment_for_reader(user: User | AnonymousUser, pk: int) -> Attachment:
    """An attachment of an article `user` may read, or may edit (its preview shows it)."""
    attachment = get_object_or_404(Attachment.objects.select_related("article"), pk=pk)
    if not can_read(user, attachment.article) and not can_edit(user, attachment.article):
        raise Http404
    return attachment


def get_attachment_for_editing(user: User | AnonymousUser, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("article"), pk=pk)
    if not can_edit(user, attachment.article):
        raise Http404
    return attachment


def get_document_for_reader(user: User | AnonymousUser, slug: str) -> Document:
    document = (
        Document.objects.visible_to(user).select_related("replaces").filter(slug=slug).first()
    )
    if document is None:
        raise Http404
    return document


def get_document_for_editor(user: User | AnonymousUser, slug: str) -> Document:
    require_editor(user)
    return get_object_or_404(Document, slug=slug)
