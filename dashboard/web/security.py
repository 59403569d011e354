"""Safe to expose: security headers, the secret key, request limits, and 4xx for bad callbacks.

The map is public and embedded in other sites, so every response carries a Content-Security-
Policy that allows only this origin's scripts (Dash's one inline script by its hash, no
``unsafe-eval``), the operator's tile server, and the embedding sites the operator named.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from dash import Dash
from dash.exceptions import PreventUpdate
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ..settings import Settings
from ..ui.limits import MAX_BODY_DEPTH, InputLimit, deeper_than, value_problem
from ..ui.wiring import CALLBACK_INPUT_LIMITS

log = logging.getLogger("dashboard.security")

# The only POST endpoint is Dash's callback endpoint; the page's largest callback request
# (every filter and the URL) is a few kilobytes.
MAX_CONTENT_LENGTH = 1024 * 1024
# A view's URL with every province and field ticked and a 200-character Japanese search is
# about 3.5 kB; gunicorn refuses request lines over 4094 bytes before the app sees them.
MAX_QUERY_STRING = 4096
CALLBACK_ENDPOINT = "/_dash-update-component"
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _InlineScripts(HTMLParser):
    """The text of every inline script a browser would run (not JSON data blocks)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = {name: value or "" for name, value in attrs}
        runs = attributes.get("type", "").strip().lower() in _JS_TYPES
        self._current = [] if runs and "src" not in attributes else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for the inline scripts of a page, in order."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in dict.fromkeys(parser.scripts)
    ]


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def content_security_policy(settings: Settings, script_hashes: Iterable[str]) -> str:
    """The policy for every response.

    - ``style-src 'unsafe-inline'``: plotly.js and MapLibre write ``<style>`` elements and
      style attributes at run time (plotly's modebar and hover rules, MapLibre's canvas
      container); their content cannot be hashed ahead. Styles cannot run code.
    - ``worker-src``/``child-src blob:``: MapLibre starts its tile worker from a blob URL.
    - The tile server's origin, when the operator set one, for its images.
    """
    tiles = _origin(settings.tile_url)
    extra = f" {tiles}" if tiles else ""
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": f"'self' data: blob:{extra}",
        "font-src": "'self' data:",
        "connect-src": f"'self'{extra}",
        "worker-src": "'self' blob:",
        "child-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": " ".join(settings.frame_ancestors),
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _rendered_index(app: Dash) -> str:
    with app.server.test_request_context("/"):
        return app.index()


def _error(message: str, status: int = 400) -> tuple[Response, int]:
    return jsonify(error={"parameter": None, "message": message}), status


# --- the Dash callback endpoint -------------------------------------------------------------

_JSON_KIND = {str: "string", int: "number", float: "number", bool: "boolean", list: "list"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, dict):
        return "object"
    return _JSON_KIND.get(type(value), "other")


def layout_kinds(layout: Any) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(id, property) -> (JSON kind, kind of list items) of every prop the layout sets.

    The browser sends back values of the kind the layout gave (a checklist's value is a list
    of strings, a slider's a list of numbers): anything else did not come from the page.
    """
    kinds: dict[tuple[str, str], tuple[str, str | None]] = {}
    components = [layout, *layout._traverse()] if hasattr(layout, "_traverse") else []
    for component in components:
        component_id = getattr(component, "id", None)
        if not isinstance(component_id, str):
            continue
        for prop in component._prop_names:
            value = getattr(component, prop, None)
            if prop in ("children", "id"):
                continue
            if value is None:
                kind = _unset_kind(component, prop)
                if kind:
                    kinds[(component_id, prop)] = (kind, None)
                continue
            item = None
            if isinstance(value, list) and value:
                item_kinds = {_kind(v) for v in value}
                item = item_kinds.pop() if len(item_kinds) == 1 else None
            elif isinstance(value, list) and prop == "value":
                item = _option_kind(getattr(component, "options", None))
            kinds[(component_id, prop)] = (_kind(value), item)
    return kinds


# Props the layout leaves unset but whose kind the browser fixes (dcc.Location's parts of the
# URL, a button's click count, a graph's click data, a text input's value).
_UNSET_KINDS = {
    "search": "string",
    "pathname": "string",
    "hash": "string",
    "href": "string",
    "n_clicks": "number",
    "clickData": "object",
    "hoverData": "object",
    "selectedData": "object",
    "relayoutData": "object",
}
_TEXT_INPUTS = {"text", "search", "date", "email", "url", "tel", "password"}


# Components whose value always has the length the layout gave it (a range slider's two ends).
_FIXED_LENGTH_VALUES = frozenset({"RangeSlider"})


def layout_lengths(layout: Any) -> dict[tuple[str, str], int]:
    """(id, "value") -> the number of items a fixed-length value holds (2 for a range)."""
    components = [layout, *layout._traverse()] if hasattr(layout, "_traverse") else []
    return {
        (component.id, "value"): len(component.value)
        for component in components
        if type(component).__name__ in _FIXED_LENGTH_VALUES
        and isinstance(getattr(component, "id", None), str)
        and isinstance(getattr(component, "value", None), list)
    }


def _unset_kind(component: Any, prop: str) -> str | None:
    if prop == "value" and getattr(component, "type", None) in _TEXT_INPUTS:
        return "string"
    return _UNSET_KINDS.get(prop)


def _option_kind(options: Any) -> str | None:
    """The kind of a choice component's option values: what its (list) value holds."""
    if not isinstance(options, list) or not options:
        return None
    values = [o.get("value") if isinstance(o, dict) else o for o in options]
    found = {_kind(v) for v in values}
    return found.pop() if len(found) == 1 else None


class BadCallback(ValueError):
    """A callback request the page could not have sent."""


# The body's own lists: the changed inputs' names, and the outputs (a list per output that
# matches several components, such as the table's headers).
_BODY_LISTS = InputLimit(chars=256, items=100, depth=4)
Limits = dict[tuple[str, str], InputLimit]


def check_callback_body(
    body: Any,
    callbacks: dict[str, dict[str, Any]],
    kinds: dict[tuple[str, str], tuple[str, str | None]],
    lengths: dict[tuple[str, str], int] | None = None,
    limits: Limits | None = None,
) -> None:
    """Raise BadCallback when the body is not what Dash's renderer sends for a callback:
    of another shape, or with a value over its input's limit (``ui/limits.py``)."""
    _check_size(body)
    output = body.get("output")
    # Clientside callbacks are listed too, but run in the browser: no server function.
    if not isinstance(output, str) or "callback" not in callbacks.get(output, {}):
        raise BadCallback("unknown output")
    spec = callbacks[output]
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        raise BadCallback("changedPropIds must be a list of strings")
    outputs = body.get("outputs", [])
    if not isinstance(outputs, list | dict):
        raise BadCallback("outputs must be a list or an object")
    for key, expected in (("inputs", spec.get("inputs", [])), ("state", spec.get("state", []))):
        given = body.get(key, [])
        if not isinstance(given, list) or len(given) != len(expected):
            raise BadCallback(f"{key} must be a list of {len(expected)}")
        for want, item in zip(expected, given, strict=True):
            _check_dependency(key, want, item, kinds, lengths or {}, limits or {})


def _check_size(body: Any) -> None:
    """A JSON object of the depth and lists a callback request has."""
    if not isinstance(body, dict):
        raise BadCallback("the body must be a JSON object")
    if deeper_than(body, MAX_BODY_DEPTH):
        raise BadCallback(f"the body is nested deeper than {MAX_BODY_DEPTH}")
    for key in ("changedPropIds", "outputs"):
        problem = value_problem(body.get(key), _BODY_LISTS)
        if problem:
            raise BadCallback(f"{key} {problem}")


def _check_components(key: str, want: dict, item: Any) -> None:
    """A pattern-matching (ALL) dependency: a list of the components it matched."""
    if not isinstance(item, list) or not all(
        isinstance(each, dict) and isinstance(each.get("id"), dict) for each in item
    ):
        raise BadCallback(f"{key}: {want['id']} expects a list of components")
    problem = value_problem(item, InputLimit())
    if problem:
        raise BadCallback(f"{key}: {want['id']} {problem}")


def _check_dependency(
    key: str, want: dict, item: Any, kinds: dict, lengths: dict, limits: Limits
) -> None:
    if want["id"].startswith("{"):
        _check_components(key, want, item)
        return
    if not isinstance(item, dict) or item.get("id") != want["id"]:
        raise BadCallback(f"{key}: expected {want['id']}.{want['property']}")
    if item.get("property") != want["property"]:
        raise BadCallback(f"{key}: expected {want['id']}.{want['property']}")
    value = item.get("value")
    problem = value_problem(value, limits.get((want["id"], want["property"]), InputLimit()))
    if problem:
        raise BadCallback(f"{want['id']}.{want['property']} {problem}")
    expected = kinds.get((want["id"], want["property"]))
    if value is None or expected is None:
        return
    kind, item_kind = expected
    if _kind(value) != kind:
        raise BadCallback(f"{want['id']}.{want['property']} must be a {kind}")
    if item_kind and not all(_kind(each) == item_kind for each in value):
        raise BadCallback(f"{want['id']}.{want['property']} must be a list of {item_kind}s")
    length = lengths.get((want["id"], want["property"]))
    if length is not None and len(value) != length:
        raise BadCallback(f"{want['id']}.{want['property']} must be a list of {length}")


def _guard_callbacks(app: Dash) -> None:
    """Malformed callback requests answer 400, with the reason; never a 500.

    The body is checked against the registered callbacks and the kinds of the layout's
    values (and the two ends of a range) before Dash dispatches it. A callback that still
    raises on a well-formed but impossible value is answered 400 too, and logged
    with its traceback, so that the callback can be made to refuse it explicitly.
    """
    server = app.server
    endpoint = CALLBACK_ENDPOINT
    dispatch: Callable[..., Any] = server.view_functions[endpoint]
    layout = app.layout() if callable(app.layout) else app.layout
    kinds = layout_kinds(layout)
    lengths = layout_lengths(layout)

    def guarded_dispatch(*args: Any, **kwargs: Any) -> Any:
        try:
            body = request.get_json(silent=True)  # kept: Dash reads it again from the cache
        except HTTPException:
            raise  # 413 for a body over the limit, 400 for a client gone
        except RecursionError:
            return _error(f"the body is nested deeper than {MAX_BODY_DEPTH}")
        except Exception:  # a body the server could not read (a malformed chunk)
            log.info("callback body could not be read", exc_info=True)
            return _error("the body could not be read")
        if body is None:
            return _error("the body must be JSON (Content-Type: application/json)")
        try:
            check_callback_body(body, app.callback_map, kinds, lengths, CALLBACK_INPUT_LIMITS)
        except BadCallback as error:
            return _error(str(error))
        try:
            return dispatch(*args, **kwargs)
        except (PreventUpdate, HTTPException):
            raise
        except Exception:
            output = body.get("output")
            log.exception("callback %r failed on its inputs", str(output)[:200])
            return _error("the callback could not use these input values")

    guarded_dispatch.__name__ = getattr(dispatch, "__name__", "dispatch")
    server.view_functions[endpoint] = guarded_dispatch


# --- the hook ------------------------------------------------------------------------------


def install(app: Dash, settings: Settings) -> None:
    """Register the headers, limits and guards on the app (after its routes exist)."""
    server: Flask = app.server
    # Nothing in this app signs data that must outlive the process or be shared between
    # workers (no sessions, no logins), so a random key per process is safe; an operator who
    # adds such a feature sets JPP_SECRET_KEY so that every worker and instance agrees.
    server.secret_key = settings.secret_key or secrets.token_hex(32)
    # Never debug in production, whatever FLASK_DEBUG says: debug would return tracebacks.
    server.debug = False
    server.config.update(MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH, PROPAGATE_EXCEPTIONS=False)

    policy = content_security_policy(settings, inline_script_hashes(_rendered_index(app)))
    headers = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        # Full referrers within the site (the page reads its language from them), the
        # origin only to other sites.
        "Referrer-Policy": "strict-origin-when-cross-origin",
        # Embedding is governed by frame-ancestors; X-Frame-Options could only narrow it.
    }
    server.extensions["jpp_csp"] = policy

    @server.before_request
    def limit_query_string() -> tuple[Response, int] | None:
        if len(request.query_string) > MAX_QUERY_STRING:
            return _error(f"the query string is longer than {MAX_QUERY_STRING} bytes", 414)
        return None

    @server.after_request
    def security_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers[name] = value
        response.headers.pop("X-Frame-Options", None)
        return response

    _guard_callbacks(app)


__all__ = ["check_callback_body", "content_security_policy", "inline_script_hashes", "install"]
