"""Usernames from Vietnamese names, readable random passwords, and their slips.

Usernames: the given name followed by the initials of the family and middle
names, folded to ASCII ("Nguyễn Thị Ánh" → "anhnt"); on collision a number
from 2 up is appended ("anhnt2", "anhnt3"…). Parents get the same scheme with
a "ph" prefix ("ph.binhnt") so that a pupil and a parent with the same name
never compete, and staff can tell them apart at a glance.
"""

import base64
import hashlib
import re
import secrets

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from lib.text import fold

# No 0/O/o, 1/l/I: slips are read off paper by children and grandparents.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 (an alphabet, not a password)
PASSWORD_LENGTH = 10
PARENT_PREFIX = "ph."
_NOT_LETTER = re.compile(r"[^a-z0-9]")


def username_base(full_name: str, *, prefix: str = "") -> str:
    words = [_NOT_LETTER.sub("", word) for word in fold(full_name).split()]
    words = [word for word in words if word]
    if not words:
        return f"{prefix}nguoidung"
    given, others = words[-1], words[:-1]
    return (prefix + given + "".join(word[0] for word in others))[:140]


def unique_username(base: str, taken: set[str]) -> str:
    """The first of base, base2, base3… not in `taken` (which it then joins)."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    taken.add(candidate)
    return candidate


def taken_usernames() -> set[str]:
    """Every username in use, in one query (a school has thousands, not millions)."""
    from .models import User

    return {name.lower() for name in User.objects.values_list("username", flat=True)}


def readable_password(length: int = PASSWORD_LENGTH) -> str:
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))
        # At least one digit and one letter, so nobody mistakes it for a code.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def _fernet() -> Fernet:
    key = hashlib.sha256(f"accounts.credentials:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(password: str) -> str:
    return _fernet().encrypt(password.encode()).decode()


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # SECRET_KEY changed since the slip was issued: it must be reissued.
        return ""
