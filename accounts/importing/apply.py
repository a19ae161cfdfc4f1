"""Writing a confirmed import: pupils by code, parents by phone or e-mail, in chunks.

Each chunk of CHUNK rows is one transaction and then bumps the job's progress,
so the progress bar moves and a crash loses at most one chunk; re-running the
same file is safe (idempotent by pupil code), so a failed import is finished by
importing the file again.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ..credentials import (
    PARENT_PREFIX,
    readable_password,
    seal,
    taken_usernames,
    unique_username,
    username_base,
)
from ..hashers import hash_initial_password
from ..models import (
    AuditEntry,
    Enrolment,
    Guardianship,
    ImportJob,
    ImportStatus,
    InitialCredential,
    Role,
    SchoolClass,
    User,
)
from ..search import search_name_for
from ..services import check_administers

CHUNK = 250


class _State:
    """What one import learns as it goes (usernames taken, parents already made)."""

    def __init__(self, actor: User | None):
        self.actor = actor
        self.taken = taken_usernames()
        self.parent_by_phone: dict[str, User] = {}
        self.parent_by_email: dict[str, User] = {}
        self.summary = {
            "created_pupils": 0,
            "updated_pupils": 0,
            "unchanged_pupils": 0,
            "created_parents": 0,
            "linked_parents": 0,
            "class_ids": [],
        }
        self.classes: set[int] = set()
        self.class_names: dict[int, str] = {}


def new_account(*, full_name: str, role: str, prefix: str = "", state: _State, **fields):
    """An unsaved User with a fresh username and initial password, plus its sealed password."""
    password = readable_password()
    user = User(
        username=unique_username(username_base(full_name, prefix=prefix), state.taken),
        full_name=full_name,
        search_name=search_name_for(full_name),  # bulk_create skips User.save()
        role=role,
        password=hash_initial_password(password),
        must_change_password=True,
        **fields,
    )
    return user, password


def run_import(job: ImportJob, *, by: User) -> dict:
    """Write the confirmed rows of `job` in chunks; `by` is who confirmed it and must
    still administer the school when the worker gets to it (else PermissionDenied)."""
    check_administers(by)
    rows = job.batch.get("rows", [])
    state = _State(by)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, total=len(rows), processed=0
    )
    # Rows name only current-year classes (checked at preview); a moved pupil's
    # old class is one of them too.
    class_rows = SchoolClass.objects.filter(year__is_current=True)
    year_by_class = dict(class_rows.values_list("pk", "year_id"))
    state.class_names = dict(class_rows.values_list("pk", "name"))
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        with transaction.atomic():
            _write_chunk(chunk, state, year_by_class)
            ImportJob.objects.filter(pk=job.pk).update(processed=F("processed") + len(chunk))
    state.summary["class_ids"] = sorted(state.classes)
    return state.summary


def _write_chunk(rows: list[dict], state: _State, year_by_class: dict[int, int]) -> None:
    now = timezone.now()
    existing = {
        u.pupil_code: u for u in User.objects.filter(pupil_code__in=[r["code"] for r in rows])
    }
    credentials: list[InitialCredential] = []
    audits: list[AuditEntry] = []
    new_pupils, changed_pupils = [], []
    for row in rows:
        dob = dt.date.fromisoformat(row["dob"]) if row["dob"] else None
        user = existing.get(row["code"])
        if user is None:
            user, password = new_account(
                full_name=row["name"],
                role=Role.PUPIL,
                state=state,
                pupil_code=row["code"],
                date_of_birth=dob,
                gender=row["gender"],
            )
            user._initial_password = password
            existing[row["code"]] = user
            new_pupils.append(user)
            continue
        if user.role != Role.PUPIL:
            continue  # checked at preview; a later change must not turn staff into pupils
        changes = {}
        if user.full_name != row["name"]:
            changes["full_name"] = row["name"]
        if dob and user.date_of_birth != dob:
            changes["date_of_birth"] = dob
        if row["gender"] and user.gender != row["gender"]:
            changes["gender"] = row["gender"]
        if not user.is_active:
            changes["is_active"] = True
        if changes:
            before = {k: str(getattr(user, k)) for k in changes}
            for key, value in changes.items():
                setattr(user, key, value)
            user.search_name = search_name_for(user.full_name)
            changed_pupils.append((user, before, changes))
    User.objects.bulk_create(new_pupils, batch_size=500)
    if changed_pupils:
        fields = sorted({key for _u, _b, changes in changed_pupils for key in changes})
        if "full_name" in fields:
            # bulk_update skips User.save(): the folded name follows the new name here.
            fields.append("search_name")
        User.objects.bulk_update([u for u, _b, _c in changed_pupils], fields, batch_size=500)
    for user in new_pupils:
        credentials.append(
            InitialCredential(
                user=user, secret=seal(user._initial_password), issued_at=now, issued_by=state.actor
            )
        )
        audits.append(_audit(state.actor, "account.import_create", user, after=user.pupil_code))
    for user, before, changes in changed_pupils:
        audits.append(
            _audit(
                state.actor,
                "account.import_update",
                user,
                before=", ".join(f"{k}={v}" for k, v in before.items()),
                after=", ".join(f"{k}={v}" for k, v in changes.items()),
            )
        )
    state.summary["created_pupils"] += len(new_pupils)

    # Enrolments in the current year: create or move.
    pupils = [existing[row["code"]] for row in rows]
    current = {
        e.pupil_id: e
        for e in Enrolment.objects.filter(pupil__in=pupils, year_id__in=set(year_by_class.values()))
    }
    new_enrolments, moved = [], []
    moved_ids: set[int] = set()
    for row in rows:
        pupil = existing[row["code"]]
        if pupil.role != Role.PUPIL:
            continue
        state.classes.add(row["class_id"])
        enrolment = current.get(pupil.pk)
        if enrolment is None:
            new_enrolments.append(
                Enrolment(
                    pupil=pupil,
                    school_class_id=row["class_id"],
                    year_id=year_by_class[row["class_id"]],
                    enrolled_on=timezone.localdate(),
                )
            )
            audits.append(_audit(state.actor, "account.enrol", pupil, after=row["class_name"]))
        elif enrolment.school_class_id != row["class_id"]:
            audits.append(
                _audit(
                    state.actor,
                    "account.move_class",
                    pupil,
                    before=state.class_names.get(enrolment.school_class_id, ""),
                    after=row["class_name"],
                )
            )
            enrolment.school_class_id = row["class_id"]
            moved.append(enrolment)
            moved_ids.add(pupil.pk)
    Enrolment.objects.bulk_create(new_enrolments, batch_size=500)
    Enrolment.objects.bulk_update(moved, ["school_class"], batch_size=500)

    # Parents: one account per phone or e-mail, shared by siblings.
    phones = {p["phone"] for r in rows for p in r["parents"] if p["phone"]} - set(
        state.parent_by_phone
    )
    emails = {p["email"] for r in rows for p in r["parents"] if p["email"]} - set(
        state.parent_by_email
    )
    if phones or emails:
        for parent in User.objects.filter(role=Role.PARENT).filter(
            Q(phone__in=phones) | Q(email__in=emails)
        ):
            if parent.phone:
                state.parent_by_phone.setdefault(parent.phone, parent)
            if parent.email:
                state.parent_by_email.setdefault(parent.email.lower(), parent)
    new_parents: list[User] = []
    links: list[tuple[User, User, str]] = []
    for row in rows:
        pupil = existing[row["code"]]
        if pupil.role != Role.PUPIL:
            continue
        for info in row["parents"]:
            parent = state.parent_by_phone.get(info["phone"]) or state.parent_by_email.get(
                info["email"]
            )
            if parent is None:
                parent, password = new_account(
                    full_name=info["name"],
                    role=Role.PARENT,
                    prefix=PARENT_PREFIX,
                    state=state,
                    phone=info["phone"],
                    email=info["email"],
                )
                parent._initial_password = password
                new_parents.append(parent)
            if info["phone"]:
                state.parent_by_phone.setdefault(info["phone"], parent)
            if info["email"]:
                state.parent_by_email.setdefault(info["email"], parent)
            links.append((parent, pupil, info["relation"]))
    User.objects.bulk_create(new_parents, batch_size=500)
    for parent in new_parents:
        credentials.append(
            InitialCredential(
                user=parent,
                secret=seal(parent._initial_password),
                issued_at=now,
                issued_by=state.actor,
            )
        )
        audits.append(_audit(state.actor, "account.import_create", parent))
    state.summary["created_parents"] += len(new_parents)
    known_links = set(
        Guardianship.objects.filter(pupil__in=pupils).values_list("parent_id", "pupil_id")
    )
    new_links = []
    for parent, pupil, relation in links:
        if (parent.pk, pupil.pk) in known_links:
            continue
        known_links.add((parent.pk, pupil.pk))
        new_links.append(Guardianship(parent=parent, pupil=pupil, relation=relation))
        audits.append(
            _audit(state.actor, "account.add_guardian", pupil, after=f"{parent} ({relation})")
        )
    Guardianship.objects.bulk_create(new_links, batch_size=500)
    state.summary["linked_parents"] += len(new_links)
    linked_pupils = {g.pupil_id for g in new_links}
    changed_ids = {u.pk for u, _b, _c in changed_pupils} | moved_ids | linked_pupils
    new_ids = {u.pk for u in new_pupils}
    state.summary["updated_pupils"] += len(changed_ids - new_ids)
    state.summary["unchanged_pupils"] += len({p.pk for p in pupils} - changed_ids - new_ids)
    InitialCredential.objects.bulk_create(credentials, batch_size=500)
    AuditEntry.objects.bulk_create(audits, batch_size=500)


def _audit(actor, action: str, target: User, *, before: str = "", after: str = "") -> AuditEntry:
    return AuditEntry(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        before=before,
        after=after,
    )
