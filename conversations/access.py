"""Who may open which conversation, absence note or class list. Whatever a person may
not know exists is a 404; pupils get a 404 for every page of this app.

The family side: the guardians of the conversation's pupil. The school side: the
homeroom teacher of the conversation's class, and an administrator who gave a
reason in the last REVIEW_HOURS (services.open_for_review writes the audit row).
The services check these rules again before writing.
"""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.access import classes_for_staff
from accounts.models import Enrolment, Guardianship, SchoolClass, User

from .models import AbsenceNote, Attachment, Conversation, SchoolReview

REVIEW_HOURS = 24  # an administrator's reason opens the conversation for one day

FAMILY = "family"
SCHOOL = "school"
REVIEWER = "reviewer"


def require_member(user: User) -> None:
    """Parents and staff only: pupils have no messages at all."""
    if not user.is_active or not (user.is_parent or user.is_school_staff):
        raise Http404


def children_of(user: User) -> QuerySet[User]:
    if not user.is_parent:
        return User.objects.none()
    return User.objects.filter(
        pk__in=Guardianship.objects.filter(parent=user).values("pupil_id"), is_active=True
    )


def current_enrolment(pupil: User) -> Enrolment | None:
    return (
        Enrolment.objects.current()
        .filter(pupil=pupil)
        .select_related("school_class__homeroom_teacher")
        .first()
    )


def get_pupil_to_write_about(user: User, pupil_id: int) -> tuple[User, Enrolment | None]:
    """A pupil `user` may start a conversation or absence note about: a parent's child,
    a homeroom teacher's pupil. Anyone else is a 404."""
    require_member(user)
    pupil = get_object_or_404(User.objects.filter(is_active=True, role="pupil"), pk=pupil_id)
    enrolment = current_enrolment(pupil)
    if user.is_parent:
        if not Guardianship.objects.filter(parent=user, pupil=pupil).exists():
            raise Http404
        return pupil, enrolment
    if enrolment is None or enrolment.school_class.homeroom_teacher_id != user.pk:
        raise Http404
    return pupil, enrolment


def teaches(user: User) -> QuerySet[SchoolClass]:
    return SchoolClass.objects.filter(homeroom_teacher=user)


def visible_conversations(user: User) -> QuerySet[Conversation]:
    """The conversations `user` takes part in (not those an admin merely may review)."""
    if not user.is_active:
        return Conversation.objects.none()
    if user.is_parent:
        return Conversation.objects.filter(
            pupil__in=Guardianship.objects.filter(parent=user).values("pupil_id")
        )
    if user.is_school_staff:
        return Conversation.objects.filter(school_class__homeroom_teacher=user)
    return Conversation.objects.none()


def has_recent_review(user: User, conversation: Conversation) -> bool:
    since = timezone.now() - timedelta(hours=REVIEW_HOURS)
    return SchoolReview.objects.filter(
        conversation=conversation, reviewer=user, created_at__gte=since
    ).exists()


def get_conversation(user: User, pk: int) -> tuple[Conversation, str]:
    """The conversation and the side `user` is on (FAMILY, SCHOOL or REVIEWER).

    An administrator who is not its teacher and gave no reason lately gets the
    side None through `needs_review` instead: the view asks for a reason.
    """
    require_member(user)
    queryset = Conversation.objects.select_related(
        "pupil", "school_class__homeroom_teacher", "started_by"
    )
    conversation = (
        visible_conversations(user)
        .select_related("pupil", "school_class__homeroom_teacher", "started_by")
        .filter(pk=pk)
        .first()
    )
    if conversation is not None:
        return conversation, FAMILY if user.is_parent else SCHOOL
    if user.can_administer:
        conversation = get_object_or_404(queryset, pk=pk)
        return conversation, REVIEWER
    raise Http404


def get_conversation_for_admin(user: User, pk: int) -> Conversation:
    require_member(user)
    if not user.can_administer:
        raise Http404
    return get_object_or_404(Conversation.objects.select_related("pupil", "school_class"), pk=pk)


def get_attachment(user: User, pk: int) -> Attachment:
    require_member(user)
    attachment = get_object_or_404(
        Attachment.objects.select_related("message__conversation"), pk=pk
    )
    conversation = attachment.message.conversation
    if attachment.message.is_withdrawn:
        raise Http404
    if visible_conversations(user).filter(pk=conversation.pk).exists():
        return attachment
    if user.can_administer and has_recent_review(user, conversation):
        return attachment
    raise Http404


def get_class(user: User, pk: int) -> SchoolClass:
    """A class list: its homeroom teacher's, or any class for an administrator."""
    require_member(user)
    return get_object_or_404(
        classes_for_staff(user).select_related("homeroom_teacher", "year"), pk=pk
    )


def get_note_to_acknowledge(user: User, pk: int) -> AbsenceNote:
    require_member(user)
    query = Q(school_class__homeroom_teacher=user)
    if user.can_administer:
        query = Q()
    if not user.is_school_staff:
        raise Http404
    return get_object_or_404(
        AbsenceNote.objects.filter(query).select_related("pupil", "school_class"), pk=pk
    )


def family_notes(user: User) -> QuerySet[AbsenceNote]:
    return AbsenceNote.objects.filter(
        pupil__in=Guardianship.objects.filter(parent=user).values("pupil_id")
    )
