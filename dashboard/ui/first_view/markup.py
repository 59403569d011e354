"""Dash's HTML components written as HTML by the server (pure): the first view shows the
components the app's own layouts build (a project's facts, the data's date), so that the
page says what the app will say, in the same words, before any script has run.

Only what a browser reads without JavaScript is written: tags, text, classes, links and
``aria-*``/``data-*``/``lang`` attributes. Never ``style`` (the strict CSP: what a first
view needs is in assets/style.css), never an ``id`` (the app's own components carry them,
and the app is in the same document), never callback properties (``n_clicks``)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

TAGS_OF = {"dash_core_components": {"Link": "a"}}
VOID = frozenset({"br", "hr", "img", "input", "wbr", "meta", "link", "source"})
RENAMED = {"className": "class", "htmlFor": "for", "tabIndex": "tabindex", "hrefLang": "hreflang"}
WRITTEN = frozenset(
    {"class", "for", "tabindex", "hreflang", "href", "target", "rel", "lang", "scope", "title"}
    | {"role", "type", "open", "colSpan", "rowSpan", "dateTime", "alt", "src"}
)
SKIPPED = frozenset({"children", "style", "id", "key", "loading_state", "setProps"})


def _tag(component: Mapping[str, Any]) -> str:
    namespace, kind = component["namespace"], component["type"]
    if namespace == "dash_html_components":
        return str(kind).lower()
    tag = TAGS_OF.get(namespace, {}).get(kind)
    if tag is None:
        raise ValueError(f"no HTML for the component {namespace}.{kind}")
    return tag


def _attribute(name: str, value: object) -> str:
    name = RENAMED.get(name, name)
    known = name in WRITTEN or name.startswith(("aria-", "data-"))
    if not known or value is None or value is False or name in SKIPPED:
        return ""
    if value is True:
        return f" {name.lower()}"
    return f' {name.lower()}="{html.escape(str(value))}"'


def to_html(node: Any) -> str:
    """A component tree (or text, a number, a list of them) as HTML."""
    if node is None:
        return ""
    if isinstance(node, str):
        return html.escape(node, quote=False)
    if isinstance(node, int | float):
        return html.escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    component = node.to_plotly_json()
    tag = _tag(component)
    props = component["props"]
    attributes = "".join(_attribute(name, value) for name, value in props.items())
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{to_html(props.get('children'))}</{tag}>"
