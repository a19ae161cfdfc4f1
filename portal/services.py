"""Writes to the school website's own content."""

from django.db import transaction

from .models import Event


@transaction.atomic
def save_event(*, form, by) -> Event:
    """Create or update a calendar line from a valid EventForm."""
    event = form.save(commit=False)
    if event.created_by_id is None:
        event.created_by = by
    event.save()
    return event


@transaction.atomic
def delete_event(*, event: Event) -> None:
    event.delete()
