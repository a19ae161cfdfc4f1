"""Writing a confirmed import: pupils by code, parents by phone or e-mail, in chunks.

Each chunk of CHUNK rows is one transaction and then bumps the job's progress,
so the progress bar moves and a crash loses at most one chunk; re-running the
same file is safe (idempotent by pupil code), so a failed import is finished by
importing the file again.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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

    def __init__(self, actor: User):
        self.actor = actor
        self.taken = taken_usernames()
        self.parent_by_phone: dict[str, User] = {}
        self.parent_by_email: dict[str, User] = {}
        self.counts = {
            "created_pupils": 0,
            "updated_pupils": 0,
            "unchanged_pupils": 0,
            "created_parents": 0,
            "linked_parents": 0,
        }
        self.classes: set[int] = set()
        self.class_names: dict[int, str] = {}


@dataclass
class _Chunk:
    """One chunk's rows and what its steps collect for the writes at its end."""

    rows: list[dict]
    # Every row's pupil by code: existing accounts, then the new ones as they are made.
    pupils: dict[str, User]
    now: dt.datetime = field(default_factory=timezone.now)
    credentials: list[InitialCredential] = field(default_factory=list)
    audits: list[AuditEntry] = field(default_factory=list)

    def pupil_rows(self) -> list[tuple[dict, User]]:
        """(row, pupil) for the rows whose code belongs to a pupil (others were refused at preview)."""
        return [
            (row, self.pupils[row["code"]])
            for row in self.rows
            if self.pupils[row["code"]].role == Role.PUPIL
        ]

    def issue(self, user: User, password: str, actor: User) -> None:
        self.credentials.append(
            InitialCredential(user=user, secret=seal(password), issued_at=self.now, issued_by=actor)
        )


def new_account(
    *, full_name: str, role: str, prefix: str = "", state: _State, **fields: Any
) -> tuple[User, str]:
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
    return {**state.counts, "class_ids": sorted(state.classes)}


def _write_chunk(rows: list[dict], state: _State, year_by_class: dict[int, int]) -> None:
    """Pupils, their enrolments, their parents and the links between them; then the
    printed passwords and the audit rows of all of it. Call inside a transaction."""
    chunk = _Chunk(
        rows=rows,
        pupils={
            u.pupil_code: u for u in User.objects.filter(pupil_code__in=[r["code"] for r in rows])
        },
    )
    new_pupils, changed_pupils = _write_pupils(chunk, state)
    pupils = [chunk.pupils[row["code"]] for row in rows]
    moved_ids = _write_enrolments(chunk, state, pupils, year_by_class)
    links = _write_parents(chunk, state)
    linked_ids = _write_guardianships(chunk, state, pupils, links)
    changed_ids = {u.pk for u in changed_pupils} | moved_ids | linked_ids
    new_ids = {u.pk for u in new_pupils}
    state.counts["updated_pupils"] += len(changed_ids - new_ids)
    state.counts["unchanged_pupils"] += len({p.pk for p in pupils} - changed_ids - new_ids)
    InitialCredential.objects.bulk_create(chunk.credentials, batch_size=500)
    AuditEntry.objects.bulk_create(chunk.audits, batch_size=500)


# --- The steps of one chunk, in the order they run ---------------------------------


_Change = tuple[User, dict[str, str], dict[str, Any]]  # pupil, values before, values after


def _write_pupils(chunk: _Chunk, state: _State) -> tuple[list[User], list[User]]:
    """Create the new pupils and update the known ones. Returns (created, changed)."""
    new_pupils, changed = _sort_pupils(chunk, state)
    User.objects.bulk_create([user for user, _password in new_pupils], batch_size=500)
    if changed:
        fields = sorted({key for _u, _b, changes in changed for key in changes})
        if "full_name" in fields:
            # bulk_update skips User.save(): the folded name follows the new name here.
            fields.append("search_name")
        User.objects.bulk_update([u for u, _b, _c in changed], fields, batch_size=500)
    for user, password in new_pupils:
        chunk.issue(user, password, state.actor)
        chunk.audits.append(
            _audit(state.actor, "account.import_create", user, after=user.pupil_code or "")
        )
    for user, before, changes in changed:
        chunk.audits.append(
            _audit(
                state.actor,
                "account.import_update",
                user,
                before=", ".join(f"{k}={v}" for k, v in before.items()),
                after=", ".join(f"{k}={v}" for k, v in changes.items()),
            )
        )
    state.counts["created_pupils"] += len(new_pupils)
    return [user for user, _password in new_pupils], [user for user, _b, _c in changed]


def _sort_pupils(chunk: _Chunk, state: _State) -> tuple[list[tuple[User, str]], list[_Change]]:
    """New pupils (unsaved, with their password) and known pupils with their changes applied
    in memory; nothing is written yet."""
    new_pupils: list[tuple[User, str]] = []
    changed: list[_Change] = []
    for row in chunk.rows:
        dob = dt.date.fromisoformat(row["dob"]) if row["dob"] else None
        user = chunk.pupils.get(row["code"])
        if user is None:
            user, password = new_account(
                full_name=row["name"],
                role=Role.PUPIL,
                state=state,
                pupil_code=row["code"],
                date_of_birth=dob,
                gender=row["gender"],
            )
            chunk.pupils[row["code"]] = user
            new_pupils.append((user, password))
        # Codes of other accounts were refused at preview; a later change must not
        # turn staff into pupils.
        elif user.role == Role.PUPIL and (changes := _pupil_changes(user, row, dob)):
            before = {k: str(getattr(user, k)) for k in changes}
            for key, value in changes.items():
                setattr(user, key, value)
            user.search_name = search_name_for(user.full_name)
            changed.append((user, before, changes))
    return new_pupils, changed


def _pupil_changes(user: User, row: dict, dob: dt.date | None) -> dict[str, Any]:
    """What the row changes about a known pupil (a blank date or gender changes nothing)."""
    changes: dict[str, Any] = {}
    if user.full_name != row["name"]:
        changes["full_name"] = row["name"]
    if dob and user.date_of_birth != dob:
        changes["date_of_birth"] = dob
    if row["gender"] and user.gender != row["gender"]:
        changes["gender"] = row["gender"]
    if not user.is_active:
        changes["is_active"] = True
    return changes


def _write_enrolments(
    chunk: _Chunk, state: _State, pupils: list[User], year_by_class: dict[int, int]
) -> set[int]:
    """Enrol each pupil in the row's class this year, or move them there. Returns the moved."""
    current = {
        e.pupil_id: e
        for e in Enrolment.objects.filter(pupil__in=pupils, year_id__in=set(year_by_class.values()))
    }
    new_enrolments, moved = [], []
    for row, pupil in chunk.pupil_rows():
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
            chunk.audits.append(
                _audit(state.actor, "account.enrol", pupil, after=row["class_name"])
            )
        elif enrolment.school_class_id != row["class_id"]:
            chunk.audits.append(
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
    Enrolment.objects.bulk_create(new_enrolments, batch_size=500)
    Enrolment.objects.bulk_update(moved, ["school_class"], batch_size=500)
    return {enrolment.pupil_id for enrolment in moved}


def _write_parents(chunk: _Chunk, state: _State) -> list[tuple[User, User, str]]:
    """One account per phone or e-mail, shared by siblings. Returns (parent, pupil, relation)."""
    _remember_known_parents(chunk.rows, state)
    new_parents: list[tuple[User, str]] = []
    links: list[tuple[User, User, str]] = []
    for row, pupil in chunk.pupil_rows():
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
                new_parents.append((parent, password))
            if info["phone"]:
                state.parent_by_phone.setdefault(info["phone"], parent)
            if info["email"]:
                state.parent_by_email.setdefault(info["email"], parent)
            links.append((parent, pupil, info["relation"]))
    User.objects.bulk_create([parent for parent, _password in new_parents], batch_size=500)
    for parent, password in new_parents:
        chunk.issue(parent, password, state.actor)
        chunk.audits.append(_audit(state.actor, "account.import_create", parent))
    state.counts["created_parents"] += len(new_parents)
    return links


def _remember_known_parents(rows: list[dict], state: _State) -> None:
    """Load the parent accounts these rows name by phone or e-mail that the import has not met."""
    phones = {p["phone"] for r in rows for p in r["parents"] if p["phone"]} - set(
        state.parent_by_phone
    )
    emails = {p["email"] for r in rows for p in r["parents"] if p["email"]} - set(
        state.parent_by_email
    )
    if not (phones or emails):
        return
    for parent in User.objects.filter(role=Role.PARENT).filter(
        Q(phone__in=phones) | Q(email__in=emails)
    ):
        if parent.phone:
            state.parent_by_phone.setdefault(parent.phone, parent)
        if parent.email:
            state.parent_by_email.setdefault(parent.email.lower(), parent)


def _write_guardianships(
    chunk: _Chunk, state: _State, pupils: list[User], links: list[tuple[User, User, str]]
) -> set[int]:
    """Link each parent to the pupil unless already linked. Returns the pupils newly linked."""
    known_links = set(
        Guardianship.objects.filter(pupil__in=pupils).values_list("parent_id", "pupil_id")
    )
    new_links = []
    for parent, pupil, relation in links:
        if (parent.pk, pupil.pk) in known_links:
            continue
        known_links.add((parent.pk, pupil.pk))
        new_links.append(Guardianship(parent=parent, pupil=pupil, relation=relation))
        chunk.audits.append(
            _audit(state.actor, "account.add_guardian", pupil, after=f"{parent} ({relation})")
        )
    Guardianship.objects.bulk_create(new_links, batch_size=500)
    state.counts["linked_parents"] += len(new_links)
    return {link.pupil_id for link in new_links}


def _audit(
    actor: User | None, action: str, target: User, *, before: str = "", after: str = ""
) -> AuditEntry:
    return AuditEntry(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:200],
        before=before,
        after=after,
    )
