"""Kept only so that old migrations that name `portal.lib.storage` still import.

The helpers live in the top-level `lib/` package now.
"""
