"""Who may read the API from a script on another site (CORS), as plain rules.

The API is read-only and public: by default any origin may read it (``*``). An operator may
list the sites allowed (``JPP_API_ORIGINS``, comma-separated origins): the answer then names
the request's origin when it is listed, nothing otherwise (the browser then keeps the answer
from the script), and says ``Vary: Origin`` so that a shared cache keeps one answer per origin.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

ANY = "*"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# What a script may send besides the CORS-safelisted headers: the conditional requests.
ALLOWED_HEADERS = ("If-None-Match", "If-Modified-Since", "Cache-Control")
# What a script may read besides the CORS-safelisted headers.
EXPOSED_HEADERS = (
    "ETag, Last-Modified, Link, X-Data-Version, X-Data-Date, X-Total-Count, "
    "X-IATI-Activities, X-IATI-Left-Out"
)
PREFLIGHT_MAX_AGE = 600  # seconds a browser may keep a preflight's answer
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9a-f:.]+\](:\d{1,5})?$")


def read_origins(value: str | None) -> tuple[str, ...]:
    """``JPP_API_ORIGINS``: unset or empty, any origin (``*``); else the listed origins
    (``https://example.org``: scheme, host and port, no path). ``*`` anywhere allows any.
    Entries that are not origins are ignored with a warning; if none is left, no site may."""
    entries = [part.strip().lower().rstrip("/") for part in (value or "").split(",")]
    entries = [entry for entry in entries if entry]
    if not entries or ANY in entries:
        return (ANY,)
    origins = []
    for entry in entries:
        if _ORIGIN.match(entry):
            origins.append(entry)
        else:
            log.warning("JPP_API_ORIGINS: %r is not an origin (scheme://host[:port])", entry[:80])
    if not origins:
        log.warning("JPP_API_ORIGINS names no origin: no other site may read the API")
    return tuple(dict.fromkeys(origins))


def cors_headers(origins: tuple[str, ...], origin: str | None) -> dict[str, str]:
    """The headers of every API answer for a request from ``origin`` (None: not a
    cross-origin request from a browser)."""
    if origins == (ANY,):
        return {
            "Access-Control-Allow-Origin": ANY,
            "Access-Control-Expose-Headers": EXPOSED_HEADERS,
        }
    headers = {"Vary": "Origin"}
    if origin and origin.lower() in origins:
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return headers


def preflight_headers(origins: tuple[str, ...], origin: str | None) -> dict[str, str]:
    """The answer to a preflight (OPTIONS): what may be asked, for how long."""
    headers = cors_headers(origins, origin)
    headers.pop("Access-Control-Expose-Headers", None)
    headers["Allow"] = ALLOWED_METHODS
    if "Access-Control-Allow-Origin" in headers:
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        headers["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
        headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return headers
