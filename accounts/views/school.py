from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.http import AuthenticatedHttpRequest
from lib.params import positive_id

from .. import rollover, services
from ..access import require_admin
from ..forms import SchoolSettingsForm, TeamMemberForm
from ..models import CAPABILITY_GROUPS, Capability, Role, SchoolSettings, User


def school_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    school = SchoolSettings.load()
    form = SchoolSettingsForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        services.update_school_settings(
            school=form.save(commit=False), by=request.user, changed=form.changed_data
        )
        messages.success(request, _("Đã lưu cài đặt nhà trường."))
        return redirect("accounts:school_settings")
    return render(request, "accounts/school_settings.html", {"form": form})


def rollover_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    try:
        plan = rollover.plan_rollover()
    except rollover.RolloverError as error:
        return render(request, "accounts/rollover.html", {"error": str(error)})
    if request.method == "POST":
        if request.POST.get("confirm_name") != plan.next_name:
            messages.error(
                request,
                _("Hãy gõ đúng tên năm học mới (%(name)s) để xác nhận.") % {"name": plan.next_name},
            )
        else:
            new_year = rollover.run_rollover(by=request.user)
            messages.success(
                request,
                _("Đã chuyển sang năm học %(name)s. Hãy phân công giáo viên chủ nhiệm cho các lớp.")
                % {"name": new_year.name},
            )
            return redirect("accounts:class_list")
    return render(request, "accounts/rollover.html", {"plan": plan})


def _members(capability: Capability):
    return (
        User.objects.filter(groups__name=CAPABILITY_GROUPS[capability], is_active=True)
        .order_by("full_name")
        .distinct()
    )


def team(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    return render(
        request,
        "accounts/team.html",
        {
            "moderators": _members(Capability.MODERATE),
            "contributors": _members(Capability.CONTRIBUTE),
            "reporters": _members(Capability.REPORT),
            "staff_form": TeamMemberForm(prefix="staff", roles=(Role.STAFF,)),
            "pupil_form": TeamMemberForm(prefix="pupil", roles=(Role.PUPIL, Role.STAFF)),
            "school": SchoolSettings.load(),
        },
    )


@require_POST
def team_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    kind = request.POST.get("kind", "")
    capability = {
        "staff": Capability.MODERATE,
        "pupil": Capability.CONTRIBUTE,
        "report": Capability.REPORT,
    }.get(kind)
    if capability is None:
        raise Http404
    if request.POST.get("remove"):
        person_id = positive_id(request.POST["remove"])
        if person_id is None:
            raise Http404
        person = User.objects.filter(pk=person_id).first()
        if person is not None:
            services.revoke_capability(user=person, capability=capability, by=request.user)
            messages.success(request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": person})
        return redirect("accounts:team")
    roles = (Role.PUPIL, Role.STAFF) if kind == "pupil" else (Role.STAFF,)
    form = TeamMemberForm(request.POST, prefix=kind, roles=roles)
    if form.is_valid():
        person = form.cleaned_data["username"]
        services.grant_capability(user=person, capability=capability, by=request.user)
        messages.success(request, _("Đã thêm %(name)s.") % {"name": person})
    else:
        for error in form.errors.get("username", []):
            messages.error(request, str(error))
    return redirect("accounts:team")


@login_not_required
def team_regulation(request: HttpRequest) -> HttpResponse:
    """The collaborator team's regulation, public once the school publishes it.

    Lists staff members only: no pupil's name appears on a public page.
    """
    school = SchoolSettings.load()
    if not school.team_regulation_published or not school.team_regulation.strip():
        raise Http404
    paragraphs = [p.strip() for p in school.team_regulation.split("\n\n") if p.strip()]
    return render(
        request,
        "accounts/team_regulation.html",
        {
            "paragraphs": paragraphs,
            "members": _members(Capability.MODERATE).filter(role=Role.STAFF),
        },
    )
