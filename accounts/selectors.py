"""Small read functions other apps may call (they never import accounts' views)."""

from django.db.models import Q, QuerySet

from .models import DeletionRequest, DeletionStatus, Guardianship, Role, SchoolSettings, User


def school_settings() -> SchoolSettings:
    """The school's settings row (one query). Not cached across requests: tests
    and several workers would otherwise see stale choices for minutes."""
    return SchoolSettings.load()


def has_guardian_consent(pupil) -> bool:
    return Guardianship.objects.filter(pupil=pupil, consent_given_at__isnull=False).exists()


def may_post_in_forum(user) -> bool:
    """False only for a pupil without recorded guardian consent when the school requires it.

    Other rules (mutes, suspensions, board permissions) belong to the forum.
    At most two queries (the settings row, then one EXISTS for consent).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.is_pupil:
        return True
    if not school_settings().pupils_need_consent_to_post:
        return True
    return has_guardian_consent(user)


def navigation_counts(request) -> dict[str, int]:
    """Pending deletion requests, for the admin menu badge. One query, admins only."""
    user = request.user
    if not user.can_administer:
        return {}
    return {
        "deletion_requests": DeletionRequest.objects.filter(status=DeletionStatus.PENDING).count()
    }


def editors() -> QuerySet[User]:
    """Active staff who may publish (the editors of news and lessons), superusers included."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(role=Role.STAFF, groups__permissions__codename="publish")
            | Q(role=Role.STAFF, user_permissions__codename="publish")
        )
        .distinct()
    )
