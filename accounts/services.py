"""Writes with rules about people and classes. Each is one transaction."""

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils import timezone

from .models import (
    CAPABILITY_GROUPS,
    AuditEntry,
    Capability,
    Enrolment,
    Guardianship,
    Relation,
    Role,
    SchoolClass,
    User,
)


def record_audit(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    before: str = "",
    after: str = "",
) -> AuditEntry:
    """Write one immutable audit row. Call inside the transaction of the action it records."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        reason=reason,
        before=before,
        after=after,
    )


@transaction.atomic
def enrol_pupil(*, pupil: User, school_class: SchoolClass, by: User | None) -> Enrolment:
    """Put `pupil` in `school_class`, moving them if already enrolled that year."""
    enrolment = Enrolment.objects.filter(pupil=pupil, year=school_class.year).first()
    if enrolment is None:
        enrolment = Enrolment(pupil=pupil, school_class=school_class)
        enrolment.full_clean()
        enrolment.save()
        record_audit(actor=by, action="account.enrol", target=pupil, after=school_class.name)
        return enrolment
    previous = enrolment.school_class.name
    if enrolment.school_class_id != school_class.pk:
        enrolment.school_class = school_class
        enrolment.save(update_fields=["school_class"])
        record_audit(
            actor=by,
            action="account.move_class",
            target=pupil,
            before=previous,
            after=school_class.name,
        )
    return enrolment


@transaction.atomic
def add_guardian(
    *, parent: User, pupil: User, relation: str = Relation.GUARDIAN, by: User | None
) -> Guardianship:
    guardianship, created = Guardianship.objects.get_or_create(
        parent=parent, pupil=pupil, defaults={"relation": relation}
    )
    if created:
        guardianship.full_clean()
        record_audit(
            actor=by, action="account.add_guardian", target=pupil, after=f"{parent} ({relation})"
        )
    return guardianship


@transaction.atomic
def record_consent(*, guardianship: Guardianship, by: User | None) -> None:
    guardianship.consent_given_at = timezone.now()
    guardianship.save(update_fields=["consent_given_at"])
    record_audit(
        actor=by,
        action="account.consent",
        target=guardianship.pupil,
        after=str(guardianship.parent),
    )


def capability_group(capability: Capability) -> Group:
    """The group that carries `capability` (created if a flush removed it)."""
    group, created = Group.objects.get_or_create(name=CAPABILITY_GROUPS[capability])
    if created:
        codenames = (
            [c.value for c in Capability]
            if capability == Capability.ADMINISTER
            else [capability.value]
        )
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        )
    return group


@transaction.atomic
def grant_capability(*, user: User, capability: Capability, by: User | None) -> None:
    if user.role != Role.STAFF:
        raise ValueError("Only staff members hold capabilities")
    user.groups.add(capability_group(capability))
    record_audit(actor=by, action="account.grant", target=user, after=capability.value)


@transaction.atomic
def password_changed(*, user: User) -> None:
    """The person chose their own password: lift the first-login requirement."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    record_audit(actor=user, action="account.password_changed", target=user)
