"""Dependencies several regions' callbacks listen to: every filter control, and the page's
language. One definition, so that no two callbacks can list them in different orders."""

from __future__ import annotations

from dash import Input, State

from . import ids
from .filter_panel.controls import FILTER_CONTROLS

FILTER_INPUTS = {name: Input(component, "value") for name, component in FILTER_CONTROLS.items()}
LANGUAGE = State(ids.LANGUAGE, "data")
