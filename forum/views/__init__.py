"""Forum pages. Thin: fetch with an access check, validate, call a service, render or redirect.

Nothing here is public (LoginRequiredMiddleware); what a person may not read is 404.
A suspended person sees the suspension notice instead of any board or topic.

Split by meaning into submodules (the project splits a file past ~600 lines); forum/urls.py
uses the views re-exported here.
"""

from .audit import (
    audit_csv,
    audit_log,
)
from .boards import (
    board_manage,
    board_manage_create,
    board_manage_edit,
)
from .cases import (
    case_create,
    case_detail,
    case_list,
    case_manage,
    case_reply,
    case_report,
)
from .moderation import (
    appeal_decide,
    queue_decide,
    review_queue,
    topic_action,
    watched_word_delete,
    watched_words,
)
from .people import (
    child_record,
    member,
    my_record,
    note_create,
    post_appeal,
    sanction_appeal,
    sanction_create,
    sanction_revoke,
)
from .reading import (
    board_detail,
    board_list,
    post_goto,
    post_image,
    topic_detail,
)
from .safety import (
    safety_report,
    support,
)
from .writing import (
    board_subscribe,
    post_edit,
    post_history,
    post_report,
    post_withdraw,
    reply,
    topic_create,
    topic_subscribe,
)

__all__ = [
    "appeal_decide",
    "audit_csv",
    "audit_log",
    "board_detail",
    "board_list",
    "board_manage",
    "board_manage_create",
    "board_manage_edit",
    "board_subscribe",
    "case_create",
    "case_detail",
    "case_list",
    "case_manage",
    "case_reply",
    "case_report",
    "child_record",
    "member",
    "my_record",
    "note_create",
    "post_appeal",
    "post_edit",
    "post_goto",
    "post_history",
    "post_image",
    "post_report",
    "post_withdraw",
    "queue_decide",
    "reply",
    "review_queue",
    "sanction_appeal",
    "sanction_create",
    "safety_report",
    "sanction_revoke",
    "support",
    "topic_action",
    "topic_create",
    "topic_detail",
    "topic_subscribe",
    "watched_word_delete",
    "watched_words",
]
