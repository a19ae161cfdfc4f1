"""The parent's page: one card per child, composed from announcements and the forum.

It sits in the roof because it reads two apps on the same floor; it imports
both directly. Queries are fixed whatever the number of children or
announcements: guardianships+pupils, enrolments+classes+teachers, the audience
keys (keys_for), unread announcements, their audience keys; plus the forum's
two selectors, the conversations' summary and the lessons given to the children
(assignments, progress), each fixed by their own tests.
"""

from dataclasses import dataclass, field

from accounts import audiences
from accounts.models import Enrolment, Guardianship, SchoolClass, User
from announcements.models import Announcement
from announcements.surveys import open_surveys_for_family
from conversations import selectors as conversation_selectors
from forum import selectors as forum_selectors
from lessons import assignments as lesson_assignments

FAMILY_UNREAD_LIMIT = 50


@dataclass
class ChildCard:
    pupil: User
    school_class: SchoolClass | None = None
    announcements: list[Announcement] = field(default_factory=list)
    moderation: list[dict] | None = None
    # Conversations with the homeroom teacher and absence notes (conversations app).
    letters: conversation_selectors.ChildLetters | None = None
    lessons: list[lesson_assignments.Given] = field(default_factory=list)


def _concerns(announcement: Announcement, school_class: SchoolClass) -> bool:
    for key in announcement.audience_keys:
        audience = audiences.parse(key)
        if (audience.scope == "grade" and audience.value == school_class.grade) or (
            audience.scope == "class" and audience.value == school_class.pk
        ):
            return True
    return False


def family_page(user: User) -> dict:
    """Each child's unread announcements and forum record; school-wide announcements once."""
    pupils = [
        g.pupil
        for g in Guardianship.objects.filter(parent=user, pupil__is_active=True)
        .select_related("pupil")
        .order_by("pupil__date_of_birth", "pupil__pk")
    ]
    enrolments = {
        e.pupil_id: e.school_class
        for e in Enrolment.objects.current()
        .filter(pupil__in=pupils)
        .select_related("school_class__homeroom_teacher")
    }
    cards = [ChildCard(pupil=pupil, school_class=enrolments.get(pupil.pk)) for pupil in pupils]
    unread = list(
        Announcement.objects.visible_to(user)
        .unread_by(user)
        .prefetch_related("audiences")
        .select_related("author")[:FAMILY_UNREAD_LIMIT]
    )
    general = []
    for announcement in unread:
        matched = False
        for card in cards:
            if card.school_class is not None and _concerns(announcement, card.school_class):
                card.announcements.append(announcement)
                matched = True
        if not matched:
            general.append(announcement)
    if pupils:
        summaries = forum_selectors.child_moderation_summary([pupil.pk for pupil in pupils])
        for card in cards:
            card.moderation = summaries.get(card.pupil.pk)
    # --- Conversations and absence notes (conversations app): two queries, ---------
    # the children's recent conversations with unread counts, and their notes.
    if pupils:
        letters = conversation_selectors.family_summary(user, [pupil.pk for pupil in pupils])
        for card in cards:
            card.letters = letters.get(card.pupil.pk)
    # --- end of conversations ------------------------------------------------------
    # The lessons given to each child, done or not, with the best score (two queries).
    given = lesson_assignments.children_lessons([(c.pupil, c.school_class) for c in cards])
    for card in cards:
        card.lessons = given.get(card.pupil.pk, [])
    page = {
        "cards": cards,
        "general": general,
        "open_cases": list(forum_selectors.open_cases_for(user)),
    }
    # --- Forms to answer (announcements.surveys): three queries when the family has
    # an enrolled child (forms, their audience keys, responses), none otherwise.
    page["surveys"] = open_surveys_for_family(
        user, {card.pupil.pk: card.school_class for card in cards}
    )
    # --- end of forms
    return page
