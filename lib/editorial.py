"""The editorial workflow news articles and lessons share, as plain rules.

draft → submitted → published; an editor may return a submitted or published
piece to its author with a comment (returned), and the author submits it again.
Who writes differs by app (news lets pupil contributors write, lessons only
staff) and is decided by the app's `access` module; what the states allow, and
who among writers and editors may edit and submit, is decided here once.

These functions know nothing of users or models: the caller passes who acts
(their id, whether they write, whether they edit for the school) and the
piece's author id and status, so lib imports no app.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
PUBLISHED = "published"

# States in which the author may still change their own piece and submit it.
AUTHOR_EDITABLE = frozenset({DRAFT, RETURNED})
# States an editor may return to the author.
RETURNABLE = frozenset({SUBMITTED, PUBLISHED})


def can_edit(
    *, actor_id: int | None, is_writer: bool, is_editor: bool, author_id: int, status: str
) -> bool:
    """Editors edit every piece in every state; an author their own draft or returned piece."""
    if not is_writer:
        return False
    if is_editor:
        return True
    return actor_id == author_id and status in AUTHOR_EDITABLE


def can_submit(*, actor_id: int | None, is_writer: bool, is_editor: bool, author_id: int) -> bool:
    """The author sends their own piece for review; an editor may send anyone's."""
    return is_writer and (actor_id == author_id or is_editor)


def check_submittable(status: str) -> None:
    """Raise ValidationError unless a piece in `status` may be submitted."""
    if status not in AUTHOR_EDITABLE:
        raise ValidationError(_("Chỉ gửi duyệt được bản nháp hoặc bài bị trả lại."), code="state")


def check_returnable(status: str, comment: str) -> str:
    """The stripped comment, or ValidationError: only what waits for review or is
    published goes back, and always with a reason the author can act on."""
    if status not in RETURNABLE:
        raise ValidationError(_("Chỉ trả lại được bài đang chờ duyệt."), code="state")
    if not comment.strip():
        raise ValidationError(_("Hãy ghi lý do trả lại để tác giả sửa."), code="required")
    return comment.strip()
