"""Every forum write that has rules. One keyword-only function per action, each one transaction.

Views, commands and the seed call these; nothing else saves these models with
rules of its own. Each takes the acting person and decides their rights itself
(through forum.access), raising PermissionDenied and writing nothing when they lack
them, whatever the view checked before. Refusals of what a person wrote raise `Refused`
(a ValidationError with a code and a Vietnamese message) so that the view can show it
beside the text the person typed.

Split by meaning into submodules (the project splits a file past ~600 lines); every name
other code or tests use is re-exported here, so `services.create_reply(...)` keeps working.
"""

from .boards import (
    AUDIENCE_FIELDS,
    BOARD_FIELDS,
    POLICY_FIELDS,
    create_board,
    ensure_class_boards,
    update_board,
)
from .cases import (
    manage_case,
    open_case,
    reply_case,
)
from .errors import Refused
from .moderation import (
    DECISIONS,
    TOPIC_ACTIONS,
    add_staff_note,
    add_watched_word,
    decide_appeal,
    decide_post,
    delete_watched_word,
    file_appeal,
    issue_sanction,
    moderate_topic,
    revoke_sanction,
)
from .posting import (
    _subscribers,  # private, but tests/forum/test_subscriber_access.py imports it
    check_may_post,
    create_reply,
    create_topic,
    edit_post,
    report_post,
    toggle_subscription,
    withdraw_post,
)
from .safeguarding import URGENT_KIND

__all__ = [
    "AUDIENCE_FIELDS",
    "BOARD_FIELDS",
    "DECISIONS",
    "POLICY_FIELDS",
    "Refused",
    "TOPIC_ACTIONS",
    "URGENT_KIND",
    "_subscribers",
    "add_staff_note",
    "add_watched_word",
    "check_may_post",
    "create_board",
    "create_reply",
    "create_topic",
    "decide_appeal",
    "decide_post",
    "delete_watched_word",
    "edit_post",
    "ensure_class_boards",
    "file_appeal",
    "issue_sanction",
    "manage_case",
    "moderate_topic",
    "open_case",
    "reply_case",
    "report_post",
    "revoke_sanction",
    "toggle_subscription",
    "update_board",
    "withdraw_post",
]
