"""Writes with rules about people and classes. Each is one transaction."""

from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import classes_for_staff
from .models import (
    CAPABILITY_GROUPS,
    CAPABILITY_ROLES,
    AuditEntry,
    Capability,
    Enrolment,
    Guardianship,
    InitialCredential,
    Relation,
    SchoolClass,
    SchoolSettings,
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


# --- Who may act --------------------------------------------------------------
# Every service that changes state decides itself whether `by` may act, whatever
# the view already checked, and raises PermissionDenied before writing anything.


def check_administers(by: User) -> None:
    """Accounts, classes, imports and the school year are the administrators' work."""
    if not by.can_administer:
        raise PermissionDenied(_("Chỉ quản trị viên nhà trường được làm việc này."))


def check_may_manage_account(*, user: User, by: User) -> None:
    """Only a superuser may lock a superuser's account or give it a new password.

    An administrator who could reissue a superuser's password would print it and
    log in as them, gaining every right the school withheld. Raises PermissionDenied.
    """
    if user.is_superuser and not by.is_superuser:
        raise PermissionDenied(
            _(
                "Chỉ quản trị viên cấp cao nhất mới được khoá hoặc cấp mật khẩu mới cho tài khoản %(name)s."
            )
            % {"name": user}
        )


def check_may_reissue_passwords(*, users: list[User], by: User) -> None:
    """Administrators give anyone a new password (a superuser's only if they are one too);
    a homeroom teacher only the pupils of their own class."""
    for user in users:
        check_may_manage_account(user=user, by=by)
    if by.can_administer:
        return
    taught = set(
        Enrolment.objects.filter(
            pupil__in=[user.pk for user in users], school_class__in=classes_for_staff(by)
        ).values_list("pupil_id", flat=True)
    )
    if any(user.pk not in taught for user in users):
        raise PermissionDenied(_("Bạn chỉ được cấp mật khẩu mới cho học sinh lớp mình chủ nhiệm."))


def check_may_record_consent(*, guardianship: Guardianship, by: User) -> None:
    """The guardian decides for their child; an administrator records a consent given on paper."""
    if not (by.pk == guardianship.parent_id and by.is_active) and not by.can_administer:
        raise PermissionDenied(
            _("Chỉ phụ huynh của học sinh hoặc quản trị viên được ghi nhận đồng ý.")
        )


# --- Classes and families ----------------------------------------------------


@transaction.atomic
def enrol_pupil(*, pupil: User, school_class: SchoolClass, by: User) -> Enrolment:
    """Put `pupil` in `school_class`, moving them if already enrolled that year."""
    check_administers(by)
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
    *, parent: User, pupil: User, relation: str = Relation.GUARDIAN, by: User
) -> Guardianship:
    check_administers(by)
    guardianship, created = Guardianship.objects.get_or_create(
        parent=parent, pupil=pupil, defaults={"relation": relation}
    )
    if created:
        guardianship.full_clean()
        record_audit(
            actor=by, action="account.add_guardian", target=pupil, after=f"{parent} ({relation})"
        )
    return guardianship


CONSENT_TEXT = (
    "Tôi đồng ý để con tôi dùng tài khoản do nhà trường cấp: đọc tin, học bài an toàn trên "
    "mạng và viết bài trên diễn đàn có kiểm duyệt; nhà trường lưu họ tên, lớp, ngày sinh và "
    "bài viết của con theo quy chế bảo vệ dữ liệu của trường."
)


@transaction.atomic
def record_consent(*, guardianship: Guardianship, by: User, text: str = "") -> None:
    """Record a guardian's consent: when, who recorded it, and the words agreed to."""
    check_may_record_consent(guardianship=guardianship, by=by)
    guardianship.consent_given_at = timezone.now()
    guardianship.consent_recorded_by = by
    guardianship.consent_text = text or CONSENT_TEXT
    guardianship.save(update_fields=["consent_given_at", "consent_recorded_by", "consent_text"])
    record_audit(
        actor=by,
        action="account.consent",
        target=guardianship.pupil,
        after=str(guardianship.parent),
    )


@transaction.atomic
def withdraw_consent(*, guardianship: Guardianship, by: User) -> None:
    check_may_record_consent(guardianship=guardianship, by=by)
    guardianship.consent_given_at = None
    guardianship.consent_recorded_by = by
    guardianship.save(update_fields=["consent_given_at", "consent_recorded_by"])
    record_audit(
        actor=by,
        action="account.consent_withdrawn",
        target=guardianship.pupil,
        after=str(guardianship.parent),
    )


# --- Roles ------------------------------------------------------------------------


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
def grant_capability(*, user: User, capability: Capability, by: User) -> None:
    check_administers(by)
    if user.role not in CAPABILITY_ROLES[capability]:
        raise ValueError(f"A {user.role} cannot hold {capability}")
    user.groups.add(capability_group(capability))
    record_audit(actor=by, action="account.grant", target=user, after=capability.value)


@transaction.atomic
def revoke_capability(*, user: User, capability: Capability, by: User) -> None:
    check_administers(by)
    user.groups.remove(Group.objects.get(name=CAPABILITY_GROUPS[capability]))
    record_audit(actor=by, action="account.revoke", target=user, before=capability.value)


# --- Sessions, accounts, passwords -------------------------------------------------


def end_sessions(*, user: User, keep_session_key: str | None = None) -> int:
    """End every session of `user` (but `keep_session_key`) at once, on any session engine."""
    return end_sessions_of(user_ids=[user.pk], keep_session_key=keep_session_key)


def end_sessions_of(*, user_ids: list[int], keep_session_key: str | None = None) -> int:
    """End every session of these people at once.

    allauth.usersessions indexes sessions made through the login page; sessions
    made another way (the Django admin login, tests' force_login) are found by
    scanning the live rows of the session table (db and cached_db engines) for
    the user id. The scan reads only unexpired rows, i.e. people active in the
    last SESSION_COOKIE_AGE (30 minutes).
    """
    from allauth.usersessions.models import UserSession
    from django.conf import settings
    from django.contrib.sessions.models import Session

    if not user_ids:
        return 0
    wanted = {str(pk) for pk in user_ids}
    keys = set(
        UserSession.objects.filter(user_id__in=user_ids).values_list("session_key", flat=True)
    )
    if settings.SESSION_ENGINE.endswith(("backends.db", "backends.cached_db")):
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if str(session.get_decoded().get("_auth_user_id")) in wanted:
                keys.add(session.session_key)
    keys.discard(keep_session_key)
    store = session_store()
    for key in keys:
        store.delete(key)
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def end_other_sessions(*, by: User, keep_session_key: str | None) -> int:
    """`by` logs out everywhere but here (`keep_session_key`); audited. Returns how many ended."""
    ended = end_sessions(user=by, keep_session_key=keep_session_key)
    record_audit(actor=by, action="account.end_other_sessions", target=by)
    return ended


def session_store(session_key: str | None = None) -> SessionBase:
    """A session store of the configured SESSION_ENGINE, whichever it is.

    Taken from Django's own SessionMiddleware, which resolves the engine from
    settings: the same store the site uses, with no string import of our own.
    """
    return SessionMiddleware(lambda request: HttpResponse()).SessionStore(session_key)


@transaction.atomic
def set_active(*, user: User, active: bool, by: User, reason: str = "") -> None:
    """Deactivate (ending every session at once) or reactivate an account.

    Raises PermissionDenied when `by` is not an administrator, may not manage
    `user` (check_may_manage_account), or would lock themselves out.
    """
    check_administers(by)
    check_may_manage_account(user=user, by=by)
    if user.pk == by.pk and not active:
        raise PermissionDenied(_("Bạn không thể tự khoá tài khoản của mình."))
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    record_audit(
        actor=by,
        action="account.reactivate" if active else "account.deactivate",
        target=user,
        reason=reason,
    )
    if not active:
        end_sessions(user=user)


@transaction.atomic
def issue_initial_password(*, user: User, by: User, reason: str = "") -> str:
    """Give `user` a new random password to print; they must change it at first login.

    Ends the person's sessions (the old password no longer works) and records
    the reset in the audit log. Raises PermissionDenied when `by` may not
    (check_may_reissue_passwords).
    """
    check_may_reissue_passwords(users=[user], by=by)
    password = _issue_initial_password(user=user, by=by, reason=reason)
    end_sessions(user=user)
    return password


def _issue_initial_password(*, user: User, by: User, reason: str) -> str:
    """The new password once `by`'s rights are checked; ending sessions is the caller's."""
    from .credentials import readable_password, seal
    from .hashers import hash_initial_password

    password = readable_password()
    user.password = hash_initial_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    InitialCredential.objects.update_or_create(
        user=user,
        defaults={
            "secret": seal(password),
            "issued_at": timezone.now(),
            "issued_by": by,
            "is_reissue": True,
        },
    )
    record_audit(actor=by, action="account.password_reset", target=user, reason=reason)
    return password


@transaction.atomic
def reissue_passwords(*, users: list[User], by: User, reason: str = "") -> int:
    """New printed passwords for `users`. Raises PermissionDenied, changing nobody's
    password, when `by` may not give one of them a new password (check_may_reissue_passwords)."""
    check_may_reissue_passwords(users=users, by=by)
    for user in users:
        _issue_initial_password(user=user, by=by, reason=reason)
    end_sessions_of(user_ids=[user.pk for user in users])  # one scan for everyone
    return len(users)


@transaction.atomic
def update_school_settings(*, school: SchoolSettings, by: User, changed: list[str]) -> None:
    check_administers(by)
    school.save()
    record_audit(actor=by, action="school.settings", target=school, after=", ".join(changed))


@transaction.atomic
def password_changed(*, user: User) -> None:
    """The person chose their own password: lift the first-login requirement."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    # The printed password is no longer valid: nothing to keep.
    InitialCredential.objects.filter(user=user).delete()
    record_audit(actor=user, action="account.password_changed", target=user)
