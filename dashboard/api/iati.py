"""``GET /api/projects.iati.xml``: the filtered projects as an IATI 2.03 activity file.

The route's parsing and caching are the API's (``routes.filtered``); this renders the
selection with the data layer's writer (``data/exchange/iati``). The publisher comes from
the settings (``JPP_IATI_PUBLISHER``), put in the app's config by ``create_app``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from flask import Response, current_app, g, jsonify

from ..data.exchange.iati.codes import Publisher
from ..data.exchange.iati.writer import IatiOptions, NothingToPublish, to_iati, unit_names
from ..data.filters import Selection
from ..data.loading import ProjectStore
from ..data.repository import Repository
from .exports import export_file_name

CONFIG_KEY = "JPP_IATI_PUBLISHER"
MIMETYPE = "application/xml"
# Measured (2026-12-06, the shared 2-core machine, bench/generate.py's projects): 0.27 ms of
# CPU a project and 1.1 kB of XML (2,000: 0.57 s, 2.2 MB; 20,000: 5.4 s, 22 MB). 5,000 keeps
# one request near the other downloads' worst (~1.4 s) and its answer near 5.5 MB.
MAX_IATI_PROJECTS = 5_000


def _error(message: str, status: int) -> Response:
    response = jsonify(error={"parameter": None, "message": message})
    response.status_code = status
    return response


def iati_render(repository: Repository) -> Callable[[ProjectStore, Selection], Response]:
    def export_iati(store: ProjectStore, selection: Selection) -> Response:
        if selection.count > MAX_IATI_PROJECTS:
            return _error(
                f"this filter selects {selection.count:,} projects; one IATI file holds at "
                f"most {MAX_IATI_PROJECTS:,}: narrow it (country, province, field, start years)",
                400,
            )
        rows = np.flatnonzero(selection.mask)
        statuses = selection.statuses.to_numpy()
        projects = [store.projects[row] for row in rows]
        options = IatiOptions(
            publisher=current_app.config.get(CONFIG_KEY) or Publisher(),
            as_of=g.jpp_as_of,
            statuses={store.projects[row].id: str(statuses[row]) for row in rows},
            province_names=unit_names(repository.boundaries),
        )
        try:
            written = to_iati(projects, options)
        except NothingToPublish as error:
            return _error(f"{error}; IATI needs a date and a status of every activity", 404)
        response = Response(written.data, mimetype=MIMETYPE)
        response.headers["Content-Type"] = f"{MIMETYPE}; charset=utf-8"
        name = export_file_name("iati.xml", g.jpp_spec, None, g.jpp_as_of)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["X-IATI-Activities"] = str(len(written.written))
        response.headers["X-IATI-Left-Out"] = str(len(written.left_out))
        return response

    return export_iati
