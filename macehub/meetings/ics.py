"""A calendar invitation for a meeting (iCalendar, RFC 5545).

It carries no personal data: the forum's label, the partnership, the time in UTC, the
venue or online link and a link to the meeting page, behind sign-in. Never the names of
children, of cases or of the people invited: calendars are synchronised to phones and
shared with assistants, outside the product's protection."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from macehub.lib.links import safe_link
from macehub.lib.marking import HANDLING, LEVEL
from macehub.lib.site import site_url
from macehub.meetings.models import Meeting

CRLF = "\r\n"
FOLD_AT = 75  # octets per line, excluding the line break (RFC 5545 §3.1)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, continuation lines starting
    with a space, never inside a UTF-8 character (RFC 5545 §3.1)."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = FOLD_AT if not out else FOLD_AT - 1  # continuation lines carry a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return (CRLF + " ").join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_url(meeting: Meeting, request: HttpRequest | None = None) -> str:
    """SITE_URL's address, or in development the one the request came in on."""
    return f"{site_url(request)}{reverse('meetings:detail', args=[meeting.pk])}"


def uid(meeting: Meeting, request: HttpRequest | None = None) -> str:
    """Stable per meeting, so a changed or cancelled meeting updates the same event."""
    host = urlsplit(site_url(request)).hostname or "macehub"
    return f"meeting-{meeting.pk}-{meeting.partnership.slug}@{host}"


def calendar(meeting: Meeting, *, now: datetime | None = None,
             request: HttpRequest | None = None) -> str:
    label, partnership = meeting.forum_label, meeting.partnership.name
    link = safe_link(meeting.online_link)  # https only, whatever was held before
    where = meeting.venue or link
    description = (f"{LEVEL}. {HANDLING}\nSign in to macehub to read the agenda and "
                   f"papers: {meeting_url(meeting, request)}")
    if link:
        description += f"\nJoin online: {link}"
    cancelled = meeting.status == Meeting.Status.CANCELLED
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//macehub//Meetings//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:{uid(meeting, request)}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SEQUENCE:{meeting.version}",
        f"SUMMARY:{escape(f'{label}, {partnership}')}",
        f"LOCATION:{escape(where)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{meeting_url(meeting, request)}",
        "CLASS:CONFIDENTIAL",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)
