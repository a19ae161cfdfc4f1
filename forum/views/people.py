"""People: a person's own record, a child's, members' sanctions and notes, appeals."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Guardianship, User
from accounts.write_limits import limit_writes

from .. import selectors, services
from ..access import moderator_only, signed_in
from ..forms import AppealForm, NoteForm, SanctionForm
from ..models import Appeal, Post, PostStatus, SafetySignal, Sanction, SanctionKind, StaffNote

# --- People: records, sanctions, notes, appeals --------------------------------------


def my_record(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    record = selectors.moderation_record([user.pk])[user.pk]
    for item in record:
        item["may_appeal"] = item["appeal"] is None and item["status"] in (
            PostStatus.REJECTED, PostStatus.HIDDEN, SanctionKind.MUTE, SanctionKind.SUSPENSION,
            SanctionKind.WARNING,
        )  # fmt: skip
    appeals = Appeal.objects.filter(author=user).order_by("-created_at")[:20]
    children = (
        [g.pupil for g in Guardianship.objects.filter(parent=user).select_related("pupil")]
        if user.is_parent
        else []
    )
    return render(
        request,
        "forum/my_record.html",
        {"record": record, "appeals": appeals, "appeal_form": AppealForm(), "children": children},
    )


def child_record(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    guardianship = get_object_or_404(
        Guardianship.objects.select_related("pupil"), parent=request.user, pupil_id=pupil_pk
    )
    pupil = guardianship.pupil
    record = selectors.child_moderation_summary([pupil.pk])[pupil.pk]
    return render(request, "forum/child_record.html", {"pupil": pupil, "record": record})


@require_POST
@limit_writes("forum.appeal", keep=("text",))
def post_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk, author=signed_in(request))
    return _file_appeal(request, post=post)


@require_POST
@limit_writes("forum.appeal", keep=("text",))
def sanction_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = get_object_or_404(Sanction, pk=pk, user=signed_in(request))
    return _file_appeal(request, sanction=sanction)


def _file_appeal(
    request: HttpRequest, *, post: Post | None = None, sanction: Sanction | None = None
) -> HttpResponse:
    form = AppealForm(request.POST)
    if form.is_valid():
        started = timezone.now()
        try:
            services.file_appeal(
                author=signed_in(request),
                text_=form.cleaned_data["text"],
                post=post,
                sanction=sanction,
            )
            if selectors.alerted_since(request.user, started):
                return redirect("forum:support")
            messages.success(request, _("Đã gửi khiếu nại. Một người kiểm duyệt khác sẽ xem xét."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(
            request,
            _("Em hãy viết vì sao em thấy quyết định chưa đúng nhé.")
            if signed_in(request).is_pupil
            else _("Hãy viết vì sao bạn thấy quyết định chưa đúng."),
        )
    return redirect("forum:my_record")


@moderator_only
def member(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    record = selectors.moderation_record([person.pk])[person.pk]
    return render(
        request,
        "forum/member.html",
        {
            "person": person,
            "record": record,
            "sanctions": Sanction.objects.filter(user=person).select_related("created_by"),
            "notes": StaffNote.objects.filter(user=person).select_related("author"),
            # What screening found in the person's writing, words as typed (originals of ***).
            "signals": SafetySignal.objects.filter(author=person)[:50],
            "sanction_form": SanctionForm(),
            "note_form": NoteForm(),
        },
    )


@require_POST
@moderator_only
def sanction_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    form = SanctionForm(request.POST)
    if form.is_valid():
        try:
            services.issue_sanction(
                user=person,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                duration_hours=form.cleaned_data["duration_hours"],
                by=signed_in(request),
            )
            messages.success(request, _("Đã ghi nhận hình thức xử lý."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy chọn hình thức và ghi lý do."))
    return redirect("forum:member", pk=person.pk)


@require_POST
@moderator_only
def sanction_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = get_object_or_404(Sanction, pk=pk)
    services.revoke_sanction(
        sanction=sanction, by=signed_in(request), reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Đã gỡ hình thức xử lý."))
    return redirect("forum:member", pk=sanction.user_id)


@require_POST
@moderator_only
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_staff_note(user=person, by=signed_in(request), note=form.cleaned_data["note"])
        messages.success(request, _("Đã lưu ghi chú."))
    else:
        messages.error(request, _("Ghi chú không được để trống."))
    return redirect("forum:member", pk=person.pk)
