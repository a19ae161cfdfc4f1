"""The navigation badges of a logged-in person, kept in the cache.

Every page a logged-in person sees shows a few counts (unread notifications,
unread announcements, review queues for staff). Counting them costs two to six
queries on every request; most requests change none of them. So the counts
are kept per person in the cache, and are thrown away:

* for one person, when something of theirs changes (a notification for them,
  an announcement they read): `forget(user_ids)`;
* for everybody, when what many people see changes (an announcement is
  published, a class changes): `forget_everyone()`;
* for staff only, when a review queue changes (a post waits for review, an
  article is submitted): `forget_staff()`;
* after `TIMEOUT` seconds in any case, which bounds what no write announces
  (an announcement scheduled for later becomes visible by the clock alone).

The entry also keeps what the header menu needs to know of the person, their
audience keys (portal/selectors.py), which change with the same writes (a class,
an enrolment, a guardianship, the school year, the person).

One cache round trip per page (`get_many`); no query when the entry is there.
"""

import secrets
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 60
_EVERYONE = "nav:gen"
_STAFF = "nav:gen:staff"


def _entry(user_id: int) -> str:
    return f"nav:counts:{user_id}"


def _generation(found: dict, key: str) -> str:
    return str(found.get(key, ""))


def entry_for[T](user_id: int, *, staff: bool, compute: Callable[[], T]) -> T:
    """The cached entry of `user_id`, or `compute()` stored for the next page."""
    entry_key = _entry(user_id)
    found = cache.get_many([_EVERYONE, _STAFF, entry_key])
    generation = (_generation(found, _EVERYONE), _generation(found, _STAFF) if staff else "")
    entry = found.get(entry_key)
    if isinstance(entry, dict) and entry.get("generation") == generation:
        kept: T = entry["value"]
        return kept
    value = compute()
    cache.set(entry_key, {"generation": generation, "value": value}, TIMEOUT)
    return value


# Each forgets when the writer's transaction commits: forgotten earlier, a page
# served in between would count the old rows again and keep them for TIMEOUT.


def forget(user_ids: Iterable[int]) -> None:
    keys = [_entry(user_id) for user_id in set(user_ids)]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))


def forget_everyone() -> None:
    transaction.on_commit(lambda: cache.set(_EVERYONE, secrets.token_hex(4), None))


def forget_staff() -> None:
    transaction.on_commit(lambda: cache.set(_STAFF, secrets.token_hex(4), None))
