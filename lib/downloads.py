"""Handing out a private file after the view's access check: by nginx, or streamed.

Behind nginx (`PRIVATE_FILES_X_ACCEL=1`, deploy/nginx-congtruong.conf) the
application answers with an empty response whose `X-Accel-Redirect` names the
file under nginx's internal location for PRIVATE_FILES_ROOT: nginx sends the
bytes (ranges, sendfile, no gunicorn thread held by a slow phone). The
internal location has no URL of its own: a browser asking for it gets 404.
nginx keeps Content-Type, Content-Disposition and Cache-Control from this
response and adds the file security headers itself.

Otherwise (development, gunicorn alone, a file outside that root) the file is
streamed by Django as before.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files import File
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header


def _accel_path(path: Path) -> str | None:
    if not getattr(settings, "PRIVATE_FILES_X_ACCEL", False):
        return None
    root = getattr(settings, "PRIVATE_FILES_ROOT", None)
    if not root:
        return None
    try:
        relative = path.resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None
    prefix = getattr(settings, "PRIVATE_FILES_X_ACCEL_PREFIX", "/_private/")
    return f"{prefix}{quote(relative.as_posix())}"


def private_file_response(
    file: File,
    *,
    content_type: str,
    as_attachment: bool = False,
    filename: str = "",
) -> HttpResponseBase:
    """The response for `file` (a stored FileField value), once access was checked."""
    path = Path(file.path)  # type: ignore[attr-defined]  # FieldFile on a file system storage
    location = _accel_path(path)
    if location is None:
        try:
            handle = file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    if not path.is_file():
        raise Http404
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = location
    disposition = content_disposition_header(as_attachment, filename or path.name)
    if disposition:
        response["Content-Disposition"] = disposition
    return response
