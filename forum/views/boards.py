"""Boards: audience and policy, edited by collaborators."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import SchoolClass

from .. import services
from ..access import moderator_only, signed_in
from ..forms import BoardForm
from ..models import Board

# --- Boards: audience and policy, for collaborators -------------------------------------


@moderator_only
def board_manage(request: HttpRequest) -> HttpResponse:
    boards = list(Board.objects.all())
    # Audience labels name classes: fetch the classes the keys mention in one query.
    class_ids = set()
    for board in boards:
        try:
            audience = audiences.parse(board.audience)
        except ValueError:
            continue
        if audience.scope == "class" and audience.value is not None:
            class_ids.add(audience.value)
    class_names = dict(SchoolClass.objects.filter(pk__in=class_ids).values_list("pk", "name"))
    for board in boards:
        try:
            label = audiences.label(board.audience, class_names=class_names)
        except ValueError:
            label = board.audience
        board.audience_text = label  # type: ignore[attr-defined]  # read by the template
    return render(request, "forum/board_manage.html", {"boards": boards})


@moderator_only
def board_manage_create(request: HttpRequest) -> HttpResponse:
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.create_board(by=signed_in(request), **form.changes())
        except services.Refused as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã tạo chuyên mục “%s”.") % board.name)
            return redirect("forum:board_manage")
    return render(request, "forum/board_form.html", {"form": form, "board": None})


@moderator_only
def board_manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    board = get_object_or_404(Board.objects.select_related("school_class"), pk=pk)
    form = BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.update_board(board=board, by=signed_in(request), **form.changes())
        except services.Refused as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu chuyên mục “%s”.") % board.name)
            return redirect("forum:board_manage")
    return render(request, "forum/board_form.html", {"form": form, "board": board})
