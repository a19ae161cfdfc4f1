"""Signals accounts sends to the apps above it.

This is the one deliberate inversion of the import map (../shared/DESIGN.md):
accounts sits below the forum and may not import it, yet every class needs
its class board, moderated by its homeroom teacher. The forum connects its
receiver in ForumConfig.ready().
"""

from django.dispatch import Signal

# Sent with `year` (a SchoolYear), inside the transaction of the change, whenever
# a class of that year is created or its name, grade, year or homeroom teacher
# changes. Receivers must be idempotent: one send may stand for many changes.
classes_changed = Signal()
