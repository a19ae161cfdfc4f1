"""Byte ranges (lib.ranged): what a player asks for and what it gets."""

import io

import pytest
from django.test import RequestFactory

from lib.ranged import parse_range, ranged_file_response


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-1", (0, 1)),
        ("bytes=10-", (10, 99)),
        ("bytes=-5", (95, 99)),
        ("bytes=-500", (0, 99)),
        ("bytes=90-500", (90, 99)),  # the end is clipped to the file
        ("bytes=100-", False),  # starts past the end
        ("bytes=5-2", False),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 100) == expected


def test_a_partial_response_streams_only_the_range():
    data = bytes(range(256)) * 4
    request = RequestFactory().get("/", HTTP_RANGE="bytes=1000-1023")
    response = ranged_file_response(
        request, io.BytesIO(data), size=len(data), content_type="video/webm"
    )
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == data[1000:]
    assert response["Content-Range"] == "bytes 1000-1023/1024"
