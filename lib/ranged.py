"""Serving a stored file in byte ranges (HTTP Range, 206), as players need.

Django's FileResponse always sends the whole file. iOS Safari will not play a
video whose server does not answer `Range: bytes=0-1` with 206, and every
browser seeks in a video or a recording by asking for a range. One range per
request is served; a request for several (rare, and allowed by RFC 9110) gets
the whole file, and a range outside the file gets 416.
"""

import re
from collections.abc import Iterator
from typing import IO, Literal

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_CHUNK = 64 * 1024


def parse_range(header: str, size: int) -> tuple[int, int] | None | Literal[False]:
    """(first, last) byte of a single satisfiable range; None when there is no usable
    single range (serve the whole file); False when the range is unsatisfiable."""
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None
    first_text, last_text = match.groups()
    if not first_text and not last_text:
        return None
    if not first_text:  # "bytes=-500": the last 500 bytes
        suffix = int(last_text)
        if suffix == 0:
            return False
        return max(0, size - suffix), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if first >= size or last < first:
        return False
    return first, min(last, size - 1)


def _chunks(handle: IO[bytes], first: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(first)
        remaining = length
        while remaining > 0:
            data = handle.read(min(_CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        handle.close()


def ranged_file_response(
    request: HttpRequest,
    handle: IO[bytes],
    *,
    size: int,
    content_type: str,
    filename: str = "",
    as_attachment: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """The file behind `handle` (opened "rb", `size` bytes), whole (200) or the one
    range asked for (206), or 416. The response closes `handle`."""
    byte_range = parse_range(request.headers.get("Range", ""), size)
    if byte_range is False:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if byte_range is None:
        whole = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
        whole["Accept-Ranges"] = "bytes"
        return whole
    first, last = byte_range
    length = last - first + 1
    part = StreamingHttpResponse(
        _chunks(handle, first, length), status=206, content_type=content_type
    )
    part["Content-Length"] = str(length)
    part["Content-Range"] = f"bytes {first}-{last}/{size}"
    part["Accept-Ranges"] = "bytes"
    if filename and (disposition := content_disposition_header(as_attachment, filename)):
        part["Content-Disposition"] = disposition
    return part
