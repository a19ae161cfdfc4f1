"""Messages, attachments and absence notes in the export and on erasure."""

import io
import json
import zipfile

from accounts.privacy.data import build_export, erase_person
from conversations import services
from conversations.models import AbsenceNote, Attachment, Conversation, Message

from . import factories


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_a_guardians_export_has_their_messages_and_the_school_replies_only(personas):
    conversation = factories.conversation(personas, body="Câu hỏi của mẹ An")
    services.post_message(by=personas.teacher_5a, conversation=conversation, body="Cô trả lời")
    withdrawn = services.post_message(
        by=personas.teacher_5a, conversation=conversation, body="Gửi nhầm"
    )
    services.withdraw_message(by=personas.teacher_5a, message=withdrawn)
    # Another guardian of An writes too: that is their data, not the mother's.
    from accounts.models import Guardianship

    Guardianship.objects.create(parent=personas.other_parent, pupil=personas.pupil_an)
    services.post_message(by=personas.other_parent, conversation=conversation, body="Bố An hỏi")
    archive = _zip(build_export(personas.parent_an))
    rows = json.loads(archive.read("conversations/message.json"))
    bodies = [row["body"] for row in rows]
    assert bodies == ["Câu hỏi của mẹ An", "Cô trả lời", ""]
    assert rows[2]["withdrawn_at"] is not None


def test_a_download_of_the_childs_data_has_notes_and_dates_not_what_adults_wrote(
    personas, client_for
):
    factories.conversation(personas, subject="Cháu An bị ho", body="Nội dung riêng")
    factories.absence(personas)
    archive = _zip(build_export(personas.pupil_an, viewer=personas.parent_an))
    [listed] = json.loads(archive.read("conversations/conversation.json"))
    assert "subject" not in listed and listed["school_class_id"] == personas.class_5a.pk
    own = _zip(build_export(personas.pupil_an))  # the pupil's own download
    assert all("Cháu An bị ho" not in own.read(name).decode() for name in own.namelist())
    assert len(json.loads(archive.read("conversations/absencenote.json"))) == 1
    assert json.loads(archive.read("conversations/message.json")) == []
    # Another family's download of their own child has none of it.
    other = _zip(build_export(personas.pupil_binh, viewer=personas.other_parent))
    assert json.loads(other.read("conversations/conversation.json")) == []


def test_attachments_go_into_the_uploaders_export(personas):
    factories.conversation(personas, files=[factories.text_file()])
    archive = _zip(build_export(personas.parent_an))
    uploads = [name for name in archive.namelist() if name.startswith("uploads/conversations/")]
    assert len(uploads) == 1 and archive.read(uploads[0]) == b"Giay kham benh cua chau An"


def test_erasing_a_pupil_deletes_their_conversations_and_notes(personas):
    factories.conversation(personas, files=[factories.text_file()])
    factories.absence(personas)
    erase_person(personas.pupil_an)
    assert not Conversation.objects.exists() and not Message.objects.exists()
    assert not Attachment.objects.exists() and not AbsenceNote.objects.exists()


def test_erasing_a_parent_keeps_the_schools_record_without_their_files(personas):
    conversation = factories.conversation(personas, files=[factories.text_file()])
    factories.absence(personas)
    erase_person(personas.parent_an)
    assert conversation.messages.count() == 1 and AbsenceNote.objects.count() == 1
    assert not Attachment.objects.exists()
    conversation.messages.get().author.refresh_from_db()
    assert conversation.messages.get().author.full_name != "Nguyễn Thị Bích"
