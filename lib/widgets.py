"""Form widgets shared by the apps."""

from django import forms
from django_prose_editor.widgets import ProseEditorWidget
from js_asset import Media


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for files in private storage, which have no URL.

    Django's clearable input links to the current file; a private file has no
    link (it is served by a view that checks the reader), so show none.
    """

    def is_initial(self, value: object) -> bool:
        return False


class EditorWidget(ProseEditorWidget):
    """The rich-text editor with its menus and dialogs in Vietnamese.

    The editor's module reads `window.gettext` once, when it is evaluated; the
    translation script is a classic script, so it runs before those (deferred)
    modules whatever their order in the page.
    """

    @property
    def media(self) -> Media:
        return Media(js=["js/editor-vi.js"]) + super().media
