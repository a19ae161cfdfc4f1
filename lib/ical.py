"""A small iCalendar (RFC 5545) writer for published calendars.

DESIGN.md names the icalendar library for calendar feeds, but it is not
installed in this environment and helpers may not add packages. What a
published feed needs is small and fully specified by the RFC: TEXT escaping
(section 3.3.11), line folding at 75 octets without splitting a UTF-8
character (3.1), CRLF line ends and UTC date-times (3.3.5). This module does
exactly that and nothing more; swap it for icalendar when the package lands.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

LINE_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma escaped; every line break as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into CRLF-ended pieces of at most 75 octets.

    Continuation pieces start with one space, which counts towards their 75.
    A multi-byte character is never split between pieces.
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "".join(f"{piece}\r\n" for piece in pieces)


def utc_stamp(moment: datetime) -> str:
    """An aware date-time as an RFC 5545 UTC DATE-TIME (form #2, trailing Z)."""
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime
    summary: str
    ends_at: datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""


def calendar(
    events: Iterable[CalendarEvent],
    *,
    product_id: str,
    name: str,
    timezone_name: str,
    stamp: datetime,
) -> str:
    """A whole VCALENDAR (METHOD:PUBLISH) with one VEVENT per event.

    `stamp` is the DTSTAMP of every event: the moment the feed is written,
    since a published calendar's events carry no revision time of their own.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(product_id)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{timezone_name}",
    ]
    dtstamp = utc_stamp(stamp)
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART:{utc_stamp(event.starts_at)}",
        ]
        if event.ends_at is not None:
            lines.append(f"DTEND:{utc_stamp(event.ends_at)}")
        lines.append(f"SUMMARY:{escape_text(event.summary)}")
        if event.location:
            lines.append(f"LOCATION:{escape_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
