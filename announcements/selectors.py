"""Reading announcements: lists, badges, the read-status page and the parent's page.

Every function here costs a fixed number of queries whatever the number of
families, pupils or announcements.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import Enrolment, Guardianship, Role, SchoolClass, User
from lib.text import vi_name_key

from .models import Announcement, ReadReceipt

HOME_LIMIT = 5


def reader_list(user):
    """What a reader sees in their list, newest first, with `is_read` / `is_confirmed`."""
    return Announcement.objects.visible_to(user).with_read_state(user).select_related("author")


def sent_list(user):
    """The author's (or, for admins, everyone's) announcements with receipt counts."""
    return (
        Announcement.objects.managed_by(user)
        .select_related("author", "survey")
        .annotate(
            read_count=Count("receipts"),
            confirmed_count=Count("receipts", filter=Q(receipts__confirmed_at__isnull=False)),
        )
        .order_by("-publish_at", "-id")
    )


def navigation_counts(request) -> dict[str, int]:
    """Unread announcements (one query after the reader's audience keys); for staff,
    whether they may write (homeroom classes come from the same keys)."""
    user = request.user
    counts = {"announcements_unread": Announcement.objects.visible_to(user).unread_by(user).count()}
    if user.is_school_staff:
        homeroom = any(audiences.parse(key).scope == "class" for key in audiences.keys_for(user))
        counts["announcements_can_write"] = int(homeroom or user.can_publish or user.can_administer)
    return counts


def home_section(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    items = list(reader_list(user)[:HOME_LIMIT])
    return {"template": "announcements/_home_section.html", "width": "6", "items": items}


# --- Read status -------------------------------------------------------------


@dataclass
class Family:
    pupil: object
    parents: list = field(default_factory=list)
    pupil_read_at: object = None
    pupil_confirmed_at: object = None
    read_by: list = field(default_factory=list)  # parents who opened it
    confirmed_by: list = field(default_factory=list)  # parents who confirmed
    done: bool = False  # the family (its parents) read or, if asked, confirmed
    pupil_done: bool = False

    @property
    def state(self) -> str:
        if self.confirmed_by:
            return "confirmed"
        if self.read_by:
            return "read"
        return "none"

    @property
    def pupil_state(self) -> str:
        if self.pupil_confirmed_at:
            return "confirmed"
        if self.pupil_read_at:
            return "read"
        return "none"


@dataclass
class ClassStatus:
    school_class: object
    roles: set
    families: list = field(default_factory=list)
    read: int = 0
    confirmed: int = 0
    pending: int = 0

    @property
    def parents_addressed(self) -> bool:
        return Role.PARENT in self.roles

    @property
    def pupils_addressed(self) -> bool:
        return Role.PUPIL in self.roles

    @property
    def pending_families(self) -> list:
        """Families still to follow up: by their parents, or by the pupil when only pupils were addressed."""
        if self.parents_addressed:
            return [family for family in self.families if not family.done]
        return [family for family in self.families if not family.pupil_done]


@dataclass
class ReadStatus:
    announcement: Announcement
    classes: list
    all_classes: list
    total_families: int = 0
    total_read: int = 0
    total_confirmed: int = 0
    total_pending: int = 0
    staff_total: int = 0  # staff in the audience (not the author)
    staff_read: int = 0

    @property
    def parents_addressed(self) -> bool:
        return any(group.parents_addressed for group in self.classes)

    @property
    def pupils_addressed(self) -> bool:
        return any(group.pupils_addressed for group in self.classes)


def class_roles(keys: list[str], classes: list) -> dict[int, set]:
    """Which family roles (pupil, parent) each class is addressed with."""
    family_roles = {Role.PUPIL, Role.PARENT}
    result: dict[int, set] = {}
    for key in keys:
        audience = audiences.parse(key)
        roles = ({audience.role} if audience.role else family_roles) & family_roles
        if not roles or audience.scope == audiences.PUBLIC:
            continue
        for school_class in classes:
            if (
                audience.scope == audiences.SCHOOL
                or (audience.scope == "grade" and school_class.grade == audience.value)
                or (audience.scope == "class" and school_class.pk == audience.value)
            ):
                result.setdefault(school_class.pk, set()).update(roles)
    return result


def read_status(announcement: Announcement, *, class_id: int | None = None) -> ReadStatus:
    """Who read, who confirmed and who has not, per class and per family. Four queries:

    classes, enrolments with pupils, guardianships with parents, receipts.
    """
    all_classes = list(
        SchoolClass.objects.filter(year__is_current=True).select_related("homeroom_teacher")
    )
    roles = class_roles(announcement.audience_keys, all_classes)
    addressed = [school_class for school_class in all_classes if school_class.pk in roles]
    shown = [c for c in addressed if class_id is None or c.pk == class_id]
    groups = {c.pk: ClassStatus(school_class=c, roles=roles[c.pk]) for c in shown}
    families: dict[int, Family] = {}
    family_class: dict[int, int] = {}
    for enrolment in (
        Enrolment.objects.filter(school_class_id__in=list(groups))
        .select_related("pupil")
        .iterator()
    ):
        families[enrolment.pupil_id] = Family(pupil=enrolment.pupil)
        family_class[enrolment.pupil_id] = enrolment.school_class_id
    parent_ids_needed = any(group.parents_addressed for group in groups.values())
    if parent_ids_needed:
        guardianships = Guardianship.objects.filter(
            pupil__enrolments__school_class_id__in=list(groups), parent__is_active=True
        ).select_related("parent")
        for guardianship in guardianships.iterator():
            family = families.get(guardianship.pupil_id)
            if family is not None:
                family.parents.append(guardianship.parent)
    receipts = {
        user_id: (read_at, confirmed_at)
        for user_id, read_at, confirmed_at in ReadReceipt.objects.filter(
            announcement=announcement
        ).values_list("user_id", "read_at", "confirmed_at")
    }
    needs_confirmation = announcement.requires_confirmation
    status = ReadStatus(announcement=announcement, classes=[], all_classes=addressed)
    for pupil_id, family in families.items():
        group = groups[family_class[pupil_id]]
        for parent in family.parents:
            read_at, confirmed_at = receipts.get(parent.pk, (None, None))
            if read_at:
                family.read_by.append(parent)
            if confirmed_at:
                family.confirmed_by.append(parent)
        family.pupil_read_at, family.pupil_confirmed_at = receipts.get(pupil_id, (None, None))
        family.done = bool(family.confirmed_by if needs_confirmation else family.read_by)
        family.pupil_done = bool(
            family.pupil_confirmed_at if needs_confirmation else family.pupil_read_at
        )
        group.families.append(family)
        # A class addressed to pupils only counts pupils; otherwise families count.
        counted_done = family.done if group.parents_addressed else family.pupil_done
        counted_state = family.state if group.parents_addressed else family.pupil_state
        group.read += counted_state != "none"
        group.confirmed += counted_state == "confirmed"
        group.pending += not counted_done
    _count_staff(announcement, status)
    for group in groups.values():
        group.families.sort(key=lambda f: (vi_name_key(f.pupil.full_name), f.pupil.pk))
        status.classes.append(group)
        status.total_families += len(group.families)
        status.total_read += group.read
        status.total_confirmed += group.confirmed
        status.total_pending += group.pending
    return status


def _count_staff(announcement: Announcement, status: ReadStatus) -> None:
    """How many staff members the announcement reaches and how many opened it: one query, if any."""
    staff_keys = [
        key
        for key in announcement.audience_keys
        if audiences.parse(key).role in (None, Role.STAFF) and key != audiences.PUBLIC
    ]
    if not staff_keys:
        return
    condition = Q(pk__in=[])
    for key in staff_keys:
        condition |= Q(pk__in=audiences.users_in(key).filter(role=Role.STAFF).values("pk"))
    counts = (
        User.objects.filter(condition, is_active=True)
        .exclude(pk=announcement.author_id)
        .annotate(
            has_read=Exists(
                ReadReceipt.objects.filter(announcement=announcement, user=OuterRef("pk"))
            )
        )
        .aggregate(total=Count("pk"), read=Count("pk", filter=Q(has_read=True)))
    )
    status.staff_total, status.staff_read = counts["total"], counts["read"]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def audience_sentence(keys: list[str], labels: dict[str, str]) -> str:
    """The audience read back before sending: "Gửi tới phụ huynh lớp 5A: 15 gia đình."

    `keys` are keys the writer may address, `labels` their labels (from the form's
    choices, so no query for names). At most four queries (accounts.audiences.reach).
    """
    if not keys:
        return _("Chưa chọn người nhận.")
    names = [_lower_first(labels[key]) for key in keys]
    if len(names) > 1:
        who = _("%(list)s và %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}
    else:
        who = names[0]
    reached = audiences.reach(keys)
    counts = []
    if reached.families:
        counts.append(_("%(n)s gia đình") % {"n": reached.families})
    if reached.pupils:
        counts.append(_("%(n)s học sinh") % {"n": reached.pupils})
    if reached.staff:
        counts.append(_("%(n)s cán bộ, giáo viên") % {"n": reached.staff})
    if not counts:
        return _("Gửi tới %(who)s: hiện chưa có ai trong nhóm này.") % {"who": who}
    return _("Gửi tới %(who)s: %(counts)s.") % {"who": who, "counts": ", ".join(counts)}
