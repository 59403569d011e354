"""Validators of API answers (pure): an ``ETag`` from the data's version and the request's
normalised query, a ``Last-Modified`` from the data's date, and whether a conditional
request can be answered ``304 Not Modified``.

An answer whose statuses follow today (no ``as_of``) changes at midnight although the data
does not: today is part of its query (so of its ETag), and its Last-Modified is today when
that is later than the data's date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime

CACHE_CONTROL = "public, max-age=300"  # five minutes: an import shows within that


def etag(version: str, path: str, query: tuple[str, ...]) -> str:
    """A weak validator (the same records, whatever the compression) of one answer:
    ``query`` is the request's query as the answer read it (normalised)."""
    text = repr((version, path, query))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def last_modified(data_date: date | None, today: date | None) -> datetime | None:
    """Midnight (UTC) of the data's date, or of ``today`` for an answer whose statuses
    follow today, whichever is later; None when the data states no date."""
    days = [day for day in (data_date, today) if day is not None]
    if data_date is None or not days:
        return None
    day = max(days)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def not_modified(
    tag: str,
    modified: datetime | None,
    if_none_match: Iterable[str] | None,
    if_modified_since: datetime | None,
) -> bool:
    """RFC 9110 13.2.2: If-None-Match (weak comparison; ``*`` matches) decides when sent;
    otherwise If-Modified-Since, against Last-Modified."""
    if if_none_match is not None:
        tags = {value.removeprefix("W/").strip('"') for value in if_none_match}
        return "*" in tags or tag in tags
    if if_modified_since is None or modified is None:
        return False
    since = if_modified_since
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return modified <= since
