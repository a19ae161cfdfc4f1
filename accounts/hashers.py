"""A cheaper hasher for the passwords the school prints on slips, and only for those.

Django's default PBKDF2 (over a million iterations) costs ~0.3 s per password:
5,000 new accounts would take 25 minutes. Initial passwords are different from
the passwords people choose: they are random (10 characters from a 54-letter
alphabet, about 57 bits), live only until first login, and
`must_change_password` forces a new one then. 10,000 PBKDF2 iterations on a
57-bit random secret is still far beyond brute force, and costs ~2 ms
(measured: 5,000 accounts hash in about 11 s on one core).

It is the LAST entry of PASSWORD_HASHERS, so Django never uses it for a
password a person chooses, and re-hashes with the preferred hasher at the
first successful login (`check_password` upgrades any non-preferred hash).
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class InitialPasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_initial"
    iterations = 10_000


def hash_initial_password(raw: str) -> str:
    return InitialPasswordHasher().encode(raw, InitialPasswordHasher().salt())
