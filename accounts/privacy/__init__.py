"""The personal-data registry: every model that holds data about a person says how
that data is exported and what happens to it when the person's account is deleted.

Contract for every app (including future ones):

    # <app>/privacy.py — imported automatically at start-up (autodiscover)
    from accounts import privacy

    privacy.register(
        Post,
        owner_fields=("author",),   # rows that are this person's (exported, erased)
        erase=privacy.KEEP,          # or privacy.DELETE, or a function(user, rows)
        reason="Bài viết giữ lại trong chủ đề; tên tác giả thành “Người dùng đã xoá”.",
        exclude=("ip_hash",),        # fields never exported
    )

- `owner_fields`: the user foreign keys (or "pk" for the user model itself)
  that make a row this person's. Default: every user FK of the model.
- Every other user FK of the model is a *mention* (e.g. `decided_by`): on
  deletion it is set to NULL when nullable; a non-nullable mention keeps
  pointing at the account, which stays as an anonymous tombstone
  ("Người dùng đã xoá") — the user row is never deleted, so nothing cascades.
- `erase`: DELETE removes the owned rows; KEEP keeps them (the account itself
  becomes "Người dùng đã xoá", so kept rows no longer name the person) and
  needs a `reason`; a function `erase(user, rows)` does anything else.
- `for_guardian`: what a guardian downloading their child's data may see:
  None (all owned rows), HIDE (none), or a function(queryset) -> queryset.
  A pupil may hide a case from their parents; the download must too.
- `export(user) -> list[dict]` overrides the default (the owned rows' fields
  minus `exclude`); FileField/ImageField files of owned rows go into the ZIP.

tests/accounts/test_privacy.py fails when a model with a user FK (from any
installed app) is not registered, or when a registration is malformed (KEEP
without a reason, an unknown owner field). Registration itself never raises.
"""

from .registry import DELETE, HIDE, KEEP, Entry, entries, entry_for, is_registered, register

__all__ = ["DELETE", "HIDE", "KEEP", "Entry", "entries", "entry_for", "is_registered", "register"]
