"""Conversations and absence notes for tests, written through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conversations import services
from conversations.models import AbsenceReason, Conversation


def text_file(name="giay-kham.txt", content=b"Giay kham benh cua chau An") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def conversation(
    personas, *, subject="Cháu An bị ho", body="Cô ơi, hôm nay cháu An bị ho.", files=()
) -> Conversation:
    return services.start_conversation(
        by=personas.parent_an, pupil=personas.pupil_an, subject=subject, body=body, files=files
    )


def absence(personas, *, starts_on=None, ends_on=None, reason=AbsenceReason.ILL, **fields):
    return services.submit_absence(
        by=personas.parent_an,
        pupil=personas.pupil_an,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        reason=reason,
        **fields,
    )
