"""Who may reach the school website's own objects (404 for what a person may not know exists)."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import signed_in
from accounts.models import User

from .models import Album, Event, FaqEntry, MenuItem, Photo

__all__ = ["signed_in"]  # re-exported for the portal's views


def may_edit_website(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.can_publish


def require_editor(user: User | AnonymousUser) -> User:
    """The editor behind a request; 404 for anyone else (the pages do not exist for them)."""
    if not may_edit_website(user):
        raise Http404
    return signed_in(user)


def require_administrator(user: User | AnonymousUser) -> User:
    """An admin (ban giám hiệu, IT) behind a request; 404 for anyone else."""
    if not (user.is_authenticated and user.can_administer):
        raise Http404
    return signed_in(user)


def get_faq_entry_for_editor(user: User | AnonymousUser, pk: int) -> FaqEntry:
    require_editor(user)
    return get_object_or_404(FaqEntry, pk=pk)


def get_event_for_editor(user: User | AnonymousUser, pk: int) -> Event:
    require_editor(user)
    return get_object_or_404(Event, pk=pk)


def get_album_for_reader(user: User | AnonymousUser, slug: str) -> Album:
    return get_object_or_404(Album.objects.visible_to(user).select_related("cover"), slug=slug)


def get_photo_for_editor(user: User | AnonymousUser, pk: int) -> Photo:
    require_editor(user)
    return get_object_or_404(Photo.objects.select_related("album"), pk=pk)


def get_menu_item_for_editor(user: User | AnonymousUser, pk: int) -> MenuItem:
    require_editor(user)
    return get_object_or_404(MenuItem, pk=pk)
