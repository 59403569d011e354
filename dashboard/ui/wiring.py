"""Dependencies several regions' callbacks listen to: every filter control, and the page's
language. One definition, so that no two callbacks can list them in different orders."""

from __future__ import annotations

from dash import Input, State

from . import ids
from .filter_panel.controls import FILTER_CONTROLS, FILTER_INPUT_LIMITS
from .limits import InputLimit
from .map_panel.views import MAP_INPUT_LIMITS
from .project_table.paging import TABLE_INPUT_LIMITS
from .view_state import VIEW_INPUT_LIMITS

FILTER_INPUTS = {name: Input(component, "value") for name, component in FILTER_CONTROLS.items()}
# The same, read but not listened to: a region that follows the filters only sometimes (the
# list while open, the side panel while a place is selected) listens to a store instead.
FILTER_STATES = {name: State(component, "value") for name, component in FILTER_CONTROLS.items()}
LANGUAGE = State(ids.LANGUAGE, "data")

# Every region's limits on the values its callbacks take (``limits.py``), for the guard.
CALLBACK_INPUT_LIMITS: dict[tuple[str, str], InputLimit] = {
    **FILTER_INPUT_LIMITS,
    **VIEW_INPUT_LIMITS,
    **MAP_INPUT_LIMITS,
    **TABLE_INPUT_LIMITS,
}
