"""The language of a request: the URL's ``lang``, then the browser's preference."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from flask import has_request_context, request

from ...i18n import DEFAULT_LANGUAGE, negotiate


def request_language() -> str:
    """Dash fetches the layout by a separate request (``/_dash-layout``), whose referrer is
    the page's own URL."""
    if not has_request_context():  # Dash builds the layout once at start-up to check it
        return DEFAULT_LANGUAGE
    requested = request.args.get("lang")
    if not requested and request.path.endswith("_dash-layout"):
        # Only our own page fetches its layout. No host check: behind a proxy the Host the
        # app sees is not the one in the browser; cross-origin referrers carry no query
        # anyway (Referrer-Policy: strict-origin-when-cross-origin).
        referrer = urlsplit(request.referrer or "")
        requested = parse_qs(referrer.query).get("lang", [None])[0]
    return negotiate(requested, request.headers.get("Accept-Language"))


def page_path() -> str:
    """The path of the page being built: the request's own, or for the layout (fetched by
    the page) the page's, from the referrer ('' when neither says)."""
    if not has_request_context():
        return ""
    if request.path.endswith("_dash-layout"):
        return urlsplit(request.referrer or "").path
    return request.path


def page_search() -> str:
    """The query of the page being built, as ``page_path`` finds its path."""
    if not has_request_context():
        return ""
    if request.path.endswith("_dash-layout"):
        return urlsplit(request.referrer or "").query
    return request.query_string.decode("utf-8", errors="replace")
