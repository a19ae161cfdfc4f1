"""The website's services refuse a person who may not edit the website, whatever the view
checked: PermissionDenied and not one row written."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal import services
from portal.forms import EventForm
from portal.models import Album, Event, Photo

NOT_EDITORS = ["pupil_an", "parent_an", "teacher_5a", "collaborator"]


def _rows() -> tuple[int, int, int]:
    return Event.objects.count(), Album.objects.count(), Photo.objects.count()


@pytest.fixture
def website(personas):
    event = Event.objects.create(title="Chào cờ", starts_at=timezone.now() + timedelta(days=1))
    album = Album.objects.create(title="Khai giảng", slug="khai-giang", is_public=True)
    photo = Photo.objects.create(album=album, image="gallery/x.jpg", width=1, height=1)
    return event, album, photo


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_only_editors_write_the_website(personas, website, name):
    event, album, photo = website
    person = personas.get(name)
    form = EventForm({"title": "Họp", "starts_at": "2026-12-10T07:30", "location": ""})
    assert form.is_valid(), form.errors
    before = _rows()
    writes = [
        lambda: services.save_event(form=form, by=person),
        lambda: services.delete_event(event=event, by=person),
        lambda: services.create_album(title="Mới", description="", is_public=True, by=person),
        lambda: services.add_photos(album=album, images=[], captions=[], by=person),
        lambda: services.delete_photo(photo=photo, by=person),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert _rows() == before


def test_an_editor_may(personas, website):
    event, _album, _photo = website
    services.delete_event(event=event, by=personas.editor)
    assert not Event.objects.filter(pk=event.pk).exists()
