"""Writes to the school website's own content.

Every write is the editors' (can_publish): each service checks the acting
person itself, whatever the view already checked.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.privacy.requests import administrators
from lib import ratelimit
from lib.images import CleanImage
from lib.tasks import enqueue
from lib.text import unique_slug
from notifications.services import notify

from . import home_blocks, menu
from .forms import ContactForm, EventForm, FaqEntryForm, MenuItemForm
from .models import (
    Album,
    ContactMessage,
    Event,
    FaqEntry,
    HomeBlockPlacement,
    HomeFeature,
    MenuItem,
    Photo,
)
from .tasks import make_photo_renditions, send_contact_acknowledgement


def _check_editor(by: User) -> None:
    if not (by.is_active and by.can_publish):
        raise PermissionDenied


@transaction.atomic
def save_event(*, form: EventForm, by: User) -> Event:
    """Create or update a calendar line from a valid EventForm."""
    _check_editor(by)
    event = form.save(commit=False)
    if event.created_by_id is None:
        event.created_by = by
    event.save()
    return event


@transaction.atomic
def delete_event(*, event: Event, by: User) -> None:
    _check_editor(by)
    event.delete()


@transaction.atomic
def create_album(*, title: str, description: str, is_public: bool, by: User) -> Album:
    _check_editor(by)
    return Album.objects.create(
        title=title,
        slug=unique_slug(Album, title),
        description=description,
        is_public=is_public,
        created_by=by,
    )


def add_photos(
    *, album: Album, images: list[CleanImage], captions: list[str], by: User
) -> list[Photo]:
    """Store already-cleaned images in `album`; renditions are made in the background.

    Every file was validated before this is called, so either all photos are
    stored or, on a database error, none are.
    """
    _check_editor(by)
    with transaction.atomic():
        photos = []
        for index, image in enumerate(images):
            photo = Photo(
                album=album,
                caption=captions[index] if index < len(captions) else "",
                width=image.width,
                height=image.height,
            )
            photo.image.save(
                f"anh-{album.slug}-{index + 1}.{image.extension}", image.content, save=False
            )
            photo.save()
            photos.append(photo)
        Album.objects.filter(pk=album.pk).update(photo_count=F("photo_count") + len(photos))
        if album.cover_id is None and photos:
            album.cover = photos[0]
            album.save(update_fields=["cover"])
        for photo in photos:
            enqueue(make_photo_renditions, photo.pk)
    return photos


@transaction.atomic
def delete_photo(*, photo: Photo, by: User) -> None:
    _check_editor(by)
    album, photo_id = photo.album, photo.pk
    photo.delete()
    Album.objects.filter(pk=album.pk).update(photo_count=F("photo_count") - 1)
    if album.cover_id == photo_id:
        album.cover = album.photos.order_by("id").first()
        album.save(update_fields=["cover"])


@transaction.atomic
def save_faq_entry(*, form: FaqEntryForm, by: User) -> FaqEntry:
    """Create or update a question of the FAQ page from a valid FaqEntryForm."""
    _check_editor(by)
    return form.save()


# A person with a real question writes once or twice; a flood is refused per address.
CONTACT_LIMITS = (ratelimit.Limit(count=5, seconds=3600), ratelimit.Limit(count=10, seconds=86400))


class ContactRefused(Exception):
    pass


@transaction.atomic
def receive_contact_message(*, form: ContactForm, sender_address: str) -> ContactMessage:
    """Store a visitor's valid message and tell the admins; refuse a flood from one address.

    `sender_address` identifies the network the message came from (a hash is kept only
    as a rate-limit key in the cache, never stored with the message).
    """
    if ratelimit.reserve(f"portal.contact:{sender_address}", CONTACT_LIMITS) is not None:
        raise ContactRefused
    message = form.save()
    notify(
        recipients=administrators(),
        kind="portal.contact_message",
        title=_("Thư liên hệ mới: %(topic)s – %(name)s")
        % {"topic": message.get_topic_display(), "name": message.name},
        url=reverse("contact_list"),
        body=message.message[:500],
    )
    if "@" in message.reply_to:
        enqueue(send_contact_acknowledgement, message.pk)
    return message


# --- Header menu and home page ---------------------------------------------------------


def _siblings(item: MenuItem) -> QuerySet[MenuItem]:
    return MenuItem.objects.filter(parent_id=item.parent_id).order_by("position", "id")


@transaction.atomic
def store_default_menu(*, by: User) -> None:
    """Before an editor changes an empty menu (a database flushed, or every item
    deleted), store the default the header shows meanwhile, so that what they edit
    is what visitors see. Nothing happens when items exist."""
    _check_editor(by)
    if MenuItem.objects.exists():
        return
    for top, children in menu.default_items():
        top.save()
        for child in children:
            child.parent = top
            child.save()
    menu.invalidate()


@transaction.atomic
def save_menu_item(*, form: MenuItemForm, by: User) -> MenuItem:
    """Create or update a menu item from a valid MenuItemForm; a new item, or one moved
    under another parent, goes to the end of its list."""
    _check_editor(by)
    item: MenuItem = form.save(commit=False)  # type: ignore[no-untyped-call]
    if item.pk is None or "parent" in form.changed_data:
        last = _siblings(item).exclude(pk=item.pk).order_by("-position").first()
        item.position = (last.position + 1) if last else 1
    item.save()
    menu.invalidate()
    return item


@transaction.atomic
def move_menu_item(*, item: MenuItem, up: bool, by: User) -> None:
    """Swap the item with its neighbour above (up) or below; nothing at either end.
    Positions of the list are renumbered 1…n first, so that ties never block a move."""
    _check_editor(by)
    siblings = list(_siblings(item).select_for_update())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    changed = []
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            changed.append(sibling)
    MenuItem.objects.bulk_update(changed, ["position"])
    menu.invalidate()


@transaction.atomic
def delete_menu_item(*, item: MenuItem, by: User) -> None:
    """Remove the item and its sub-items."""
    _check_editor(by)
    item.delete()
    menu.invalidate()


@transaction.atomic
def save_home_layout(
    *,
    placements: dict[tuple[str, str], tuple[bool, int]],
    featured_article_id: int | None,
    by: User,
) -> None:
    """Store where each home block shows for each audience (from a valid HomeLayoutForm)."""
    _check_editor(by)
    known = home_blocks.placements()
    rows = [
        HomeBlockPlacement(block=key, audience=audience, is_shown=shown, position=position)
        for (key, audience), (shown, position) in placements.items()
        if (key, audience) in known
    ]
    HomeBlockPlacement.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["block", "audience"],
        update_fields=["is_shown", "position"],
    )
    HomeFeature.objects.update_or_create(pk=1, defaults={"article_id": featured_article_id})
    home_blocks.invalidate()
