"""People: a person's own record, a child's, members' sanctions and notes, appeals."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Guardianship, User

from .. import selectors, services
from ..access import moderator_only
from ..forms import AppealForm, NoteForm, SanctionForm
from ..models import Appeal, Post, PostStatus, Sanction, SanctionKind, StaffNote

# --- People: records, sanctions, notes, appeals --------------------------------------


def my_record(request):
    record = selectors.moderation_record([request.user.pk])[request.user.pk]
    appealed_posts = set(
        Appeal.objects.filter(author=request.user).values_list("post_id", "sanction_id")
    )
    for item in record:
        key = (item.get("post_id"), item.get("sanction_id"))
        item["appealed"] = key in appealed_posts
        item["may_appeal"] = not item["appealed"] and item["status"] in (
            PostStatus.REJECTED, PostStatus.HIDDEN, SanctionKind.MUTE, SanctionKind.SUSPENSION,
            SanctionKind.WARNING,
        )  # fmt: skip
    appeals = Appeal.objects.filter(author=request.user).order_by("-created_at")[:20]
    children = (
        [g.pupil for g in Guardianship.objects.filter(parent=request.user).select_related("pupil")]
        if request.user.is_parent
        else []
    )
    return render(
        request,
        "forum/my_record.html",
        {"record": record, "appeals": appeals, "appeal_form": AppealForm(), "children": children},
    )


def child_record(request, pupil_pk: int):
    guardianship = get_object_or_404(
        Guardianship.objects.select_related("pupil"), parent=request.user, pupil_id=pupil_pk
    )
    pupil = guardianship.pupil
    record = selectors.child_moderation_summary([pupil.pk])[pupil.pk]
    return render(request, "forum/child_record.html", {"pupil": pupil, "record": record})


@require_POST
def post_appeal(request, pk: int):
    post = get_object_or_404(Post, pk=pk, author=request.user)
    return _file_appeal(request, post=post)


@require_POST
def sanction_appeal(request, pk: int):
    sanction = get_object_or_404(Sanction, pk=pk, user=request.user)
    return _file_appeal(request, sanction=sanction)


def _file_appeal(request, **subject):
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.file_appeal(author=request.user, text_=form.cleaned_data["text"], **subject)
            messages.success(request, _("Đã gửi khiếu nại. Một người kiểm duyệt khác sẽ xem xét."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy viết vì sao bạn thấy quyết định chưa đúng."))
    return redirect("forum:my_record")


@moderator_only
def member(request, pk: int):
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
            "sanction_form": SanctionForm(),
            "note_form": NoteForm(),
        },
    )


@require_POST
@moderator_only
def sanction_create(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = SanctionForm(request.POST)
    if form.is_valid():
        try:
            services.issue_sanction(
                user=person,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                duration_hours=form.cleaned_data["duration_hours"],
                by=request.user,
            )
            messages.success(request, _("Đã ghi nhận hình thức xử lý."))
        except services.Refused as error:
            messages.error(request, error.message)
    else:
        messages.error(request, _("Hãy chọn hình thức và ghi lý do."))
    return redirect("forum:member", pk=person.pk)


@require_POST
@moderator_only
def sanction_revoke(request, pk: int):
    sanction = get_object_or_404(Sanction, pk=pk)
    services.revoke_sanction(
        sanction=sanction, by=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Đã gỡ hình thức xử lý."))
    return redirect("forum:member", pk=sanction.user_id)


@require_POST
@moderator_only
def note_create(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_staff_note(user=person, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Đã lưu ghi chú."))
    else:
        messages.error(request, _("Ghi chú không được để trống."))
    return redirect("forum:member", pk=person.pk)
