from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lib.http import AuthenticatedHttpRequest
from lib.params import positive_ids
from lib.text import vi_name_key

from .. import services
from ..access import classes_for_staff, get_class_for_staff, require_staff
from ..credentials import unseal
from ..models import Enrolment, Guardianship, InitialCredential, User


def class_counts(classes):
    # Django drops Meta.ordering from GROUP BY queries: without an explicit order the
    # list came out in creation order (2A, 1A, 2B, 1B after a year rollover).
    return classes.order_by("grade", "name").annotate(
        pupil_count=Count("enrolments", distinct=True),
        consent_count=Count(
            "enrolments__pupil",
            filter=Q(enrolments__pupil__guardians__consent_given_at__isnull=False),
            distinct=True,
        ),
    )


def class_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_staff(request.user)
    classes = class_counts(classes_for_staff(request.user).select_related("homeroom_teacher"))
    return render(request, "accounts/class_list.html", {"classes": classes})


def _class_people(school_class, *, with_parents: bool):
    """Pupils of the class (with their credential and guardians) and, for admins, the parents.

    Queries: pupils with credentials (1), guardianships with parents and their
    credentials (1).
    """
    pupils = list(
        User.objects.filter(enrolments__school_class=school_class)
        .select_related("initial_credential")
        .prefetch_related(
            Prefetch(
                "guardians",
                queryset=Guardianship.objects.select_related(
                    "parent", "parent__initial_credential", "consent_recorded_by"
                ).order_by("pk"),
            )
        )
        .order_by("pk")
    )
    # As a Vietnamese class list is read: by given name, in the Vietnamese alphabet.
    pupils.sort(key=lambda pupil: (vi_name_key(pupil.full_name), pupil.pk))
    parents: dict[int, User] = {}
    if with_parents:
        for pupil in pupils:
            for guardianship in pupil.guardians.all():
                parent = parents.setdefault(guardianship.parent_id, guardianship.parent)
                # Read by the template and the slips: the parent's children in this class.
                parent.children_here = [*getattr(parent, "children_here", []), pupil]  # type: ignore[attr-defined]
    return pupils, list(parents.values())


def class_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school_class = get_class_for_staff(request.user, pk)
    pupils, parents = _class_people(school_class, with_parents=request.user.can_administer)
    return render(
        request,
        "accounts/class_detail.html",
        {"school_class": school_class, "pupils": pupils, "parents": parents},
    )


def _slip(person, school_class, children=()):
    credential = _credential(person)
    return {
        "person": person,
        "class_name": school_class.name,
        "children": children,
        "password": unseal(credential.secret) if credential else "",
        "credential": credential,
    }


def _credential(person) -> InitialCredential | None:
    try:
        return person.initial_credential
    except InitialCredential.DoesNotExist:
        return None


def class_slips(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A4 sheet: one slip per pupil and (for admins) per parent with a password to hand out."""
    school_class = get_class_for_staff(request.user, pk)
    pupils, parents = _class_people(school_class, with_parents=request.user.can_administer)
    slips = [_slip(p, school_class) for p in pupils] + [
        _slip(p, school_class, p.children_here) for p in parents
    ]
    chosen = positive_ids(request.GET.getlist("chi"))
    if chosen:
        slips = [s for s in slips if s["person"].pk in chosen]
    printable = [s for s in slips if s["password"]]
    return render(
        request,
        "accounts/class_slips.html",
        {
            "school_class": school_class,
            "slips": slips,
            "printable": printable,
            "without_password": [s for s in slips if not s["password"]],
        },
    )


@require_POST
def class_reissue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """New passwords for the people ticked, then their slips. Teachers: own class's pupils only."""
    school_class = get_class_for_staff(request.user, pk)
    allowed = Enrolment.objects.filter(school_class=school_class).values("pupil_id")
    people = User.objects.filter(pk__in=allowed)
    if request.user.can_administer:
        parents = Guardianship.objects.filter(pupil_id__in=allowed).values("parent_id")
        people = User.objects.filter(pk__in=allowed) | User.objects.filter(pk__in=parents)
    ids = positive_ids(request.POST.getlist("people"))
    chosen = list(people.filter(pk__in=ids, is_active=True).distinct())
    if not chosen:
        messages.error(request, _("Hãy chọn ít nhất một người để cấp lại mật khẩu."))
        return redirect("accounts:class_slips", pk=school_class.pk)
    try:
        services.reissue_passwords(
            users=chosen,
            by=request.user,
            reason=_("Cấp lại mật khẩu, lớp %(name)s") % {"name": school_class.name},
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("accounts:class_slips", pk=school_class.pk)
    messages.warning(
        request,
        ngettext(
            "Đã cấp mật khẩu mới cho %(count)d người. Mật khẩu cũ không còn dùng được; hãy in và trao phiếu mới.",
            "Đã cấp mật khẩu mới cho %(count)d người. Mật khẩu cũ không còn dùng được; hãy in và trao phiếu mới.",
            len(chosen),
        )
        % {"count": len(chosen)},
    )
    query = "&".join(f"chi={person.pk}" for person in chosen)
    return redirect(f"{reverse('accounts:class_slips', args=[school_class.pk])}?{query}")
