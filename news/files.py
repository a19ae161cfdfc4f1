"""Which files news accepts: attachments and register documents (checked by lib.uploads).

Forms check an upload early for a message beside the field; services check
again before storing, so both import from here.
"""

from django.core.files.base import File

from lib.uploads import check_upload, file_types

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = file_types(
    "pdf", "docx", "xlsx", "pptx", "doc", "xls", "jpg", "png", "webp", "zip"
)
DOCUMENT_TYPES = file_types("pdf", "docx", "doc", "xlsx", "xls")


def check_document_file(upload: File) -> tuple[str, str]:
    """Return (safe original name, content type) of a register file or raise ValidationError."""
    checked = check_upload(upload, allowed=DOCUMENT_TYPES, max_bytes=ATTACHMENT_MAX_BYTES)
    return checked.name, checked.content_type
