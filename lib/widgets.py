"""Form widgets shared by the apps."""

from django import forms


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for files in private storage, which have no URL.

    Django's clearable input links to the current file; a private file has no
    link (it is served by a view that checks the reader), so show none.
    """

    def is_initial(self, value: object) -> bool:
        return False
