"""Wrong passwords slow an account down; they never lock its owner out.

Per account, from any address: the first FREE_FAILURES wrong passwords cost
nothing; after the n-th (n >= FREE_FAILURES) the next try must wait
2^(n - FREE_FAILURES) seconds, at most MAX_WAIT. A try during the wait is refused
before the password is looked at ("thử lại sau N giây") and is not counted: the
owner who types the right password then waits out the delay, and it never grows
because of them. The right password clears the count; so does a password reset;
otherwise it is forgotten FORGET_AFTER after the last wrong one.

Per address, all accounts together: allauth's rate limit "login_failed_address"
in settings.ACCOUNT_RATE_LIMITS (200 wrong passwords an hour, enough for a
computer lab of 40 pupils behind one address, 5 typos each). What an attacker
gains under both is written down next to that setting.

The state lives in the cache (Redis in production), one small entry per account
that failed recently. A try is counted as wrong when it is let through, under a
short cache lock, so that a burst of simultaneous tries cannot all slip through
one free slot; a right password then clears the count.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from allauth.core.internal.ratelimit import cache_lock
from django.core.cache import cache
from django.db.models import Q

from .models import User

FREE_FAILURES = 5
MAX_WAIT = 15 * 60
FORGET_AFTER = 24 * 60 * 60
_PREFIX = "login-delay:"


def _now() -> float:
    return time.time()


def wait_after(failures: int) -> int:
    """Seconds the next try must wait after `failures` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES), MAX_WAIT)


@dataclass(frozen=True)
class Refusal:
    """A try refused without checking the password, and for how long still."""

    seconds: int


def account_key(credentials: dict) -> str:
    """One key per account, whichever of its names (username, e-mail, any case) is typed.

    A login that names no single account gets its own key, so that an unknown
    name is slowed down exactly as a known one (nothing to learn from the answer).
    """
    typed = str(credentials.get("username") or credentials.get("email") or "").strip()
    if typed:
        found = list(
            User.objects.filter(
                Q(username__iexact=typed)
                | Q(email__iexact=typed)
                | Q(emailaddress__email__iexact=typed)
            )
            .values_list("pk", flat=True)
            .distinct()[:2]
        )
        if len(found) == 1:
            return f"{_PREFIX}user:{found[0]}"
    return _PREFIX + "login:" + hashlib.sha256(typed.casefold().encode()).hexdigest()


def key_for_user(user_id: int) -> str:
    return f"{_PREFIX}user:{user_id}"


def admit(key: str) -> Refusal | None:
    """Let one try through (counted as wrong until `succeeded`), or say how long to wait."""
    with cache_lock(key) as locked:
        if not locked:  # another try for this account is being let in right now
            return Refusal(seconds=1)
        failures, next_try_at = cache.get(key, (0, 0.0))
        now = _now()
        if now < next_try_at:
            return Refusal(seconds=max(1, math.ceil(next_try_at - now)))
        failures += 1
        cache.set(key, (failures, now + wait_after(failures)), FORGET_AFTER)
    return None


def succeeded(key: str) -> None:
    """The right password: the account's count starts again."""
    with cache_lock(key):
        cache.delete(key)


def forget(user_id: int) -> None:
    """A password reset proved the owner: no wait left for their account."""
    succeeded(key_for_user(user_id))
