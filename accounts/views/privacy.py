from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.http import AuthenticatedHttpRequest
from lib.privacy import entries

from .. import services
from ..access import (
    get_deletion_request_for_admin,
    get_guardianship_for_admin,
    get_guardianship_of_parent,
    get_subject_for,
    get_user_for_admin,
    require_admin,
    require_parent,
    subjects_for,
)
from ..forms import DeletionDecisionForm, DeletionRequestForm
from ..models import DeletionRequest, DeletionStatus, Guardianship
from ..privacy.requests import (
    DeletionRequestError,
    complete_deletion,
    export_data,
    reject_deletion,
    request_deletion,
)
from ..write_limits import limit_form_writes, limit_writes, writes_allowed


def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/my_data.html",
        {
            "subjects": subjects_for(request.user),
            "pending": DeletionRequest.objects.filter(
                requested_by=request.user, status=DeletionStatus.PENDING
            ).select_related("subject"),
        },
    )


@limit_writes("accounts.data_export", method="GET")
def data_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    subject = get_subject_for(request.user, pk)
    response = HttpResponse(
        export_data(subject=subject, by=request.user), content_type="application/zip"
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-{subject.username}-{stamp}.zip"'
    )
    return response


@limit_form_writes("accounts.deletion_request")
def deletion_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeletionRequestForm(request.POST or None, subjects=subjects_for(request.user))
    if request.method == "POST" and form.is_valid() and writes_allowed(form):
        try:
            request_deletion(
                subject=form.cleaned_data["subject"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DeletionRequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Đã gửi yêu cầu. Nhà trường sẽ xử lý và báo lại cho bạn."),
            )
            return redirect("accounts:my_data")
    return render(request, "accounts/deletion_request.html", {"form": form})


@require_POST
def deletion_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An admin records a deletion request received on paper (e.g. from a family
    whose accounts were closed when the child left)."""
    subject = get_user_for_admin(request.user, pk)
    try:
        deletion = request_deletion(
            subject=subject,
            by=request.user,
            reason=request.POST.get("reason", "")[:1000]
            or _("Yêu cầu trên giấy, nhà trường ghi nhận."),
        )
    except DeletionRequestError as error:
        messages.error(request, str(error))
        return redirect("accounts:user_detail", pk=subject.pk)
    return redirect("accounts:deletion_detail", pk=deletion.pk)


def deletion_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    requests = DeletionRequest.objects.select_related("subject", "requested_by", "decided_by")
    return render(
        request,
        "accounts/deletion_list.html",
        {
            "pending": requests.filter(status=DeletionStatus.PENDING),
            "done": requests.exclude(status=DeletionStatus.PENDING)[:50],
        },
    )


def deletion_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    deletion = get_deletion_request_for_admin(request.user, pk)
    form = DeletionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "complete":
                complete_deletion(request=deletion, by=request.user, note=form.cleaned_data["note"])
                messages.success(request, _("Đã xoá dữ liệu theo yêu cầu."))
            else:
                reject_deletion(request=deletion, by=request.user, note=form.cleaned_data["note"])
                messages.info(request, _("Đã từ chối yêu cầu."))
        except DeletionRequestError as error:
            messages.error(request, str(error))
        return redirect("accounts:deletion_list")
    return render(
        request,
        "accounts/deletion_detail.html",
        {"deletion": deletion, "form": form, "registry": sorted(entries(), key=lambda e: e.label)},
    )


def guardian_consent(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A parent reads what they agree to and records (or withdraws) consent per child."""
    require_parent(request.user)
    guardianships = Guardianship.objects.filter(parent=request.user).select_related("pupil")
    return render(
        request,
        "accounts/guardian_consent.html",
        {"guardianships": guardianships, "consent_text": services.CONSENT_TEXT},
    )


@require_POST
@limit_writes("accounts.consent")
def guardian_consent_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guardianship = get_guardianship_of_parent(request.user, pk)
    if request.POST.get("give") == "1":
        services.record_consent(guardianship=guardianship, by=request.user)
        messages.success(
            request, _("Đã ghi nhận đồng ý cho %(name)s.") % {"name": guardianship.pupil}
        )
    else:
        services.withdraw_consent(guardianship=guardianship, by=request.user)
        messages.info(request, _("Đã rút lại đồng ý cho %(name)s.") % {"name": guardianship.pupil})
    return redirect("accounts:guardian_consent")


@require_POST
def consent_record_by_admin(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An admin records a consent received on paper."""
    guardianship = get_guardianship_for_admin(request.user, pk)
    services.record_consent(
        guardianship=guardianship,
        by=request.user,
        text=_("Phiếu đồng ý trên giấy, nhà trường ghi nhận. ") + services.CONSENT_TEXT,
    )
    messages.success(request, _("Đã ghi nhận đồng ý."))
    return redirect("accounts:user_detail", pk=guardianship.pupil_id)


def registry_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    return render(
        request,
        "accounts/privacy_registry.html",
        {"registry": sorted(entries(), key=lambda e: e.label)},
    )
