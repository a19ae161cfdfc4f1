from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.lib.text import fold

from .. import services
from ..access import get_user_for_admin, require_admin
from ..forms import ReasonForm, UserSearchForm
from ..models import (
    DeletionRequest,
    DeletionStatus,
    Enrolment,
    Guardianship,
    ImportJob,
    User,
)

PAGE_SIZE = 50


def admin_home(request):
    require_admin(request.user)
    context = {
        "pending_deletions": DeletionRequest.objects.filter(status=DeletionStatus.PENDING).count(),
        "recent_imports": ImportJob.objects.select_related("created_by")[:5],
    }
    return render(request, "accounts/admin_home.html", context)


def user_list(request):
    require_admin(request.user)
    form = UserSearchForm(request.GET or None)
    people = User.objects.order_by("full_name", "pk")
    if form.is_valid():
        if q := form.cleaned_data["q"].strip():
            people = people.filter(
                Q(full_name__icontains=q)
                | Q(username__icontains=q)
                | Q(pupil_code__iexact=q)
                | Q(phone__contains=q)
                | Q(email__iexact=q)
                | Q(full_name__icontains=fold(q))
            )
        if role := form.cleaned_data["role"]:
            people = people.filter(role=role)
        if active := form.cleaned_data["active"]:
            people = people.filter(is_active=active == "1")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/user_list.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def user_detail(request, pk: int):
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
def user_set_active(request, pk: int):
    person = get_user_for_admin(request.user, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    active = request.POST.get("active") == "1"
    if person.pk == request.user.pk and not active:
        messages.error(request, _("Bạn không thể tự khoá tài khoản của mình."))
        return redirect("accounts:user_detail", pk=person.pk)
    services.set_active(
        user=person, active=active, by=request.user, reason=form.cleaned_data.get("reason", "")
    )
    if active:
        messages.success(request, _("Đã mở lại tài khoản %(name)s.") % {"name": person})
    else:
        messages.success(
            request,
            _("Đã khoá tài khoản %(name)s; mọi phiên đăng nhập của người này đã kết thúc.")
            % {"name": person},
        )
    return redirect("accounts:user_detail", pk=person.pk)


__all__ = ["admin_home", "user_detail", "user_list", "user_set_active"]
