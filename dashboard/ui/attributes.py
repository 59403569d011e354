"""HTML attributes whose names are not Python names (``aria-label``, ``aria-hidden``): Dash
takes them as keyword arguments, which only a dict can spell."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def attributes(values: Mapping[str, object]) -> dict[str, Any]:
    """``html.Span(**attributes({"aria-hidden": "true"}))``."""
    return dict(values)
