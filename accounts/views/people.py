from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.backup_archives import newest_backup_age_hours
from lib.http import AuthenticatedHttpRequest

from .. import services
from ..access import get_user_for_admin, require_admin
from ..credentials import unseal
from ..forms import ReasonForm, UserSearchForm
from ..models import (
    DeletionRequest,
    DeletionStatus,
    Enrolment,
    Guardianship,
    ImportJob,
    User,
)
from ..search import name_matches

PAGE_SIZE = 50


def admin_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    backup_age = newest_backup_age_hours(Path(settings.BACKUP_DIR))
    context = {
        "pending_deletions": DeletionRequest.objects.filter(status=DeletionStatus.PENDING).count(),
        "recent_imports": ImportJob.objects.select_related("created_by")[:5],
        # The same limit as `manage.py doctor`: a nightly backup that did not run.
        "backup_missing": backup_age is None,
        "backup_age_days": None if backup_age is None else int(backup_age // 24),
        "backup_late": backup_age is None or backup_age > settings.DOCTOR_BACKUP_MAX_AGE_HOURS,
    }
    return render(request, "accounts/admin_home.html", context)


def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    form = UserSearchForm(request.GET or None)
    people = User.objects.order_by("full_name", "pk")
    if form.is_valid():
        if q := form.cleaned_data["q"].strip():
            found = (
                Q(username__icontains=q)
                | Q(pupil_code__iexact=q)
                | Q(phone__contains=q)
                | Q(email__iexact=q)
            )
            # Names ignore diacritics and case (the school's rule): see accounts.search.
            if by_name := name_matches(q):
                found |= by_name
            people = people.filter(found)
        if role := form.cleaned_data["role"]:
            people = people.filter(role=role)
        if active := form.cleaned_data["active"]:
            people = people.filter(is_active=active == "1")
    elif form.has_error("q"):
        people = people.none()  # the form says what is wrong; listing everyone would not
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_user_for_admin(request.user, pk)
    enrolments = Enrolment.objects.filter(pupil=person).select_related("school_class", "year")
    guardians = Guardianship.objects.filter(Q(pupil=person) | Q(parent=person)).select_related(
        "parent", "pupil", "consent_recorded_by"
    )
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "enrolments": enrolments.order_by("-year__starts_on"),
            "guardianships": guardians,
            "reason_form": ReasonForm(),
        },
    )


@require_POST
def user_set_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_user_for_admin(request.user, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    active = request.POST.get("active") == "1"
    try:
        services.set_active(
            user=person, active=active, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("accounts:user_detail", pk=person.pk)
    if active:
        messages.success(request, _("Đã mở lại tài khoản %(name)s.") % {"name": person})
    else:
        messages.success(
            request,
            _("Đã khoá tài khoản %(name)s; mọi phiên đăng nhập của người này đã kết thúc.")
            % {"name": person},
        )
    return redirect("accounts:user_detail", pk=person.pk)


def user_slip(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One person's login slip (staff, or anyone outside a class list)."""
    from ..views.classes import _credential

    person = get_user_for_admin(request.user, pk)
    credential = _credential(person)
    enrolment = (
        Enrolment.objects.current().filter(pupil=person).select_related("school_class").first()
    )
    slip = {
        "person": person,
        "class_name": enrolment.school_class.name if enrolment else "",
        "children": [
            g.pupil for g in Guardianship.objects.filter(parent=person).select_related("pupil")
        ],
        "password": unseal(credential.secret) if credential else "",
        "credential": credential,
    }
    return render(request, "accounts/user_slip.html", {"person": person, "slip": slip})


@require_POST
def user_reissue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_user_for_admin(request.user, pk)
    if not person.is_active:
        messages.error(request, _("Tài khoản đang khoá: hãy mở lại trước khi cấp mật khẩu mới."))
        return redirect("accounts:user_detail", pk=person.pk)
    try:
        services.reissue_passwords(users=[person], by=request.user, reason=_("Cấp lại mật khẩu"))
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("accounts:user_detail", pk=person.pk)
    messages.warning(
        request,
        _(
            "Đã cấp mật khẩu mới cho %(name)s. Mật khẩu cũ không còn dùng được; hãy in và trao phiếu mới."
        )
        % {"name": person},
    )
    return redirect("accounts:user_slip", pk=person.pk)
