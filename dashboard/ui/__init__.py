"""The page, one folder per region: each keeps its components (``layout.py``), its rules as
plain functions of plain values (no Dash), and its callbacks (``callbacks.py``: adapters
from the page's inputs to those rules and back)."""

from __future__ import annotations

from dash import Dash

from ..context import AppContext
from .detail_panel import callbacks as detail_panel
from .filter_panel import callbacks as filter_panel
from .map_panel import callbacks as map_panel
from .project_page import callbacks as project_page
from .project_table import callbacks as project_table
from .shell import callbacks as shell

REGIONS = (filter_panel, map_panel, detail_panel, project_table, project_page, shell)


def register(app: Dash, context: AppContext) -> None:
    """Every region's callbacks on this app (never Dash's global registry: tests build many
    apps in one process)."""
    for region in REGIONS:
        region.register(app, context)
