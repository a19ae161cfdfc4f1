"""The refusal every forum service raises when a rule says no to what a person wrote."""

from django.core.exceptions import ValidationError


class Refused(ValidationError):
    """A rule said no; the message is for the person, in Vietnamese.

    Lacking the right to act at all is not a refusal but PermissionDenied: the person
    was never offered the action, so there is nothing to explain beside their text.
    """
