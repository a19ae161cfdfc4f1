"""Boards: one per class, and the audience and policy collaborators edit."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import SchoolClass, SchoolYear, User
from accounts.services import record_audit
from lib.text import unique_slug

from .. import conf
from ..access import is_forum_moderator
from ..models import ROLE_CHOICES, Board
from .errors import Refused

# --- Boards ----------------------------------------------------------------------------


def ensure_class_boards(*, year: SchoolYear) -> int:
    """A board for every class of `year`, moderated by its homeroom teacher. Idempotent.

    Returns how many boards were created. Call it when a class is created or its
    homeroom teacher changes.
    """
    created = 0
    with transaction.atomic():
        classes = SchoolClass.objects.filter(year=year).select_related("forum_board")
        for school_class in classes:
            board = getattr(school_class, "forum_board", None)
            if board is None:
                board = Board.objects.create(
                    # Board names are data, not interface text: Vietnamese in every language.
                    name=f"Lớp {school_class.name}",
                    slug=unique_slug(Board, f"lop-{school_class.name}-{year.name}"),
                    description=f"Chuyên mục riêng của lớp {school_class.name}, năm học {year.name}",
                    audience=audiences.class_key(school_class.pk),
                    school_class=school_class,
                    position=300 + school_class.grade * 10,
                    start_roles="pupil,staff",
                    reply_roles="pupil,staff",
                )
                created += 1
                record_audit(actor=None, action="forum.board_create", target=board)
            wanted = [school_class.homeroom_teacher_id] if school_class.homeroom_teacher_id else []
            current = set(board.moderators.values_list("pk", flat=True))
            if current != set(wanted):
                board.moderators.set(wanted)
    return created


# Who may post and how: the fields collaborators edit in the forum's own board pages.
AUDIENCE_FIELDS = ("audience", "open_to_parents")
POLICY_FIELDS = (
    "start_roles",
    "reply_roles",
    "start_min_grade",
    "start_max_grade",
    "reply_min_grade",
    "reply_max_grade",
    "premoderation",
    "slow_mode_seconds",
    "allow_images",
    "allow_links",
)
BOARD_FIELDS = ("name", "description", "position", *AUDIENCE_FIELDS, *POLICY_FIELDS)


def _board_snapshot(board: Board, fields: Iterable[str]) -> str:
    """One `field=value` line per field, for the audit row's before/after."""
    return "\n".join(f"{field}={getattr(board, field)}" for field in fields)


def _check_board(board: Board) -> None:
    """The rules a board must keep whoever edits it; the form checks them first with
    friendlier placement, this is the last word for every caller."""
    try:
        audiences.parse(board.audience)
    except ValueError:
        raise Refused(_("Đối tượng của chuyên mục không hợp lệ."), code="bad_audience") from None
    if board.audience == audiences.PUBLIC:
        raise Refused(_("Diễn đàn chỉ dành cho người có tài khoản."), code="public_audience")
    allowed_roles = {role for role, _label in ROLE_CHOICES}
    for field in ("start_roles", "reply_roles"):
        value = getattr(board, field)
        if value and not set(value.split(",")) <= allowed_roles:
            raise Refused(_("Vai trò được chọn không hợp lệ."), code="bad_role")
    for start, end in (("start_min_grade", "start_max_grade"), ("reply_min_grade", "reply_max_grade")):  # fmt: skip
        if getattr(board, start) > getattr(board, end):
            raise Refused(_("Khối bắt đầu phải nhỏ hơn hoặc bằng khối kết thúc."), code="grade_range")  # fmt: skip
    if not 0 <= board.slow_mode_seconds <= conf.BOARD_MAX_SLOW_MODE_SECONDS:
        raise Refused(
            _("Chế độ chậm phải từ 0 đến %(max)s giây.")
            % {"max": conf.BOARD_MAX_SLOW_MODE_SECONDS},
            code="slow_mode_range",
        )
    try:
        board.full_clean(exclude=["slug", "moderators"])
    except ValidationError as error:
        raise Refused(error.messages[0], code="invalid") from None


def create_board(
    *,
    by: User,
    name: str,
    audience: str,
    description: str = "",
    position: int = 100,
    open_to_parents: bool = False,
    **policy: Any,
) -> Board:
    """A new (non-class) board, made by the collaborator team. `policy` takes any of
    POLICY_FIELDS; the model's defaults fill the rest. Writes one audit row with every
    setting as `after`."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    unknown = set(policy) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"create_board() got unknown policy fields {sorted(unknown)}")
    board = Board(
        name=name.strip(),
        description=description.strip(),
        audience=audience,
        position=position,
        open_to_parents=open_to_parents,
        **policy,
    )
    _check_board(board)
    with transaction.atomic():
        board.slug = unique_slug(Board, board.name)
        board.save()
        record_audit(
            actor=by,
            action="forum.board_create",
            target=board,
            after=_board_snapshot(board, BOARD_FIELDS),
        )
    return board


def update_board(*, board: Board, by: User, **changes: Any) -> Board:
    """Change a board's name, audience or policy, as a member of the collaborator team.
    A class board's audience follows its class and cannot be changed here. Writes an
    audit row with the changed fields' before and after; changes nothing (and writes
    nothing) when nothing differs."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    unknown = set(changes) - set(BOARD_FIELDS)
    if unknown:
        raise TypeError(f"update_board() got unknown fields {sorted(unknown)}")
    with transaction.atomic():
        # Lock the row so that two collaborators saving at once each audit what they changed.
        current = Board.objects.select_for_update().get(pk=board.pk)
        changed = [field for field, value in changes.items() if getattr(current, field) != value]
        if current.school_class_id and "audience" in changed:
            raise Refused(
                _("Đối tượng của chuyên mục lớp đi theo lớp, không đổi được."),
                code="class_audience",
            )
        if not changed:
            return current
        before = _board_snapshot(current, changed)
        for field in changed:
            setattr(current, field, changes[field])
        _check_board(current)
        current.save(update_fields=changed)
        record_audit(
            actor=by,
            action="forum.board_update",
            target=current,
            before=before,
            after=_board_snapshot(current, changed),
        )
    return current
