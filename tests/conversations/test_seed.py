from conversations.models import AbsenceNote, Conversation
from conversations.seed import seed_family_letters


def test_the_demo_family_has_conversations_and_a_note_waiting(personas, client_for):
    seed_family_letters(
        parent=personas.parent_an, teacher=personas.teacher_5a, pupil=personas.pupil_an
    )
    assert Conversation.objects.count() == 2
    assert AbsenceNote.objects.filter(acknowledged_at__isnull=True).count() == 1
    page = client_for("teacher_5a").get(f"/tin-nhan/lop/{personas.class_5a.pk}/").text
    assert "Cháu bị sốt" in page and "Cháu quên vở bài tập Toán" in page
