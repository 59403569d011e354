"""BASELINE for `make bench` only: the common naive Dash recipe, NOT the app.

What many Dash map tutorials do, written plainly so that the benchmark can say how far the
app is from it: one DataFrame of every project location, and one callback that filters it
and rebuilds the whole figure with ``px.choropleth_map`` (the full-resolution Natural Earth
admin-1 GeoJSON of the country embedded in the figure, every time) plus ``px.scatter_map``
(one marker per project location with its hover text). The same data as the app
(``$JPP_GEODATA_DIR/projects.json``), the same filters the benchmark changes (field and free
text), and a naive ``/api/projects``. The map style is ``white-bg`` so that it, like the
app, fetches no tiles: the timings compare the recipes, not a tile server.

    BENCH_FULL_GEOJSON=path.geojson JPP_GEODATA_DIR=… gunicorn … bench.baseline:server
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html
from flask import jsonify, request

from dashboard.data import vocab

COUNTRY = os.environ.get("JPP_DEFAULT_COUNTRY", "VNM")
GEODATA = Path(os.environ.get("JPP_GEODATA_DIR", "geodata"))
GEOJSON = json.loads(Path(os.environ["BENCH_FULL_GEOJSON"]).read_text(encoding="utf-8"))
RECORDS = json.loads((GEODATA / "projects.json").read_text(encoding="utf-8"))["projects"]

LOCATIONS = pd.DataFrame(
    [
        {
            "id": record["id"],
            "title": record["title_en"] or record["title_ja"] or record["id"],
            "partners": ", ".join(p["name"] for p in record["partners"]),
            "field": record["fields"][0] if record["fields"] else "not stated",
            "country": location["country"],
            "admin1": location["admin1"],
            "lon": location["lon"],
            "lat": location["lat"],
        }
        for record in RECORDS
        for location in record["locations"]
    ]
)

app = Dash(__name__, title="BASELINE (naive recipe) - benchmark only")
app.layout = html.Div(
    [
        html.H1("BASELINE: the naive Dash recipe, for benchmarks only"),
        # Tick boxes, as the app's: the redraw bench (bench/redraw.py) ticks them.
        dcc.Checklist(
            id="field",
            options=[{"label": t.label_en, "value": t.key} for t in vocab.FIELDS],
            value=[],
        ),
        dcc.Input(id="search", type="text", value=""),
        dcc.Graph(id="map", style={"height": "540px"}),
    ]
)


@app.callback(Output("map", "figure"), Input("field", "value"), Input("search", "value"))
def update_map(fields: list[str] | None, search: str | None):  # type: ignore[no-untyped-def]
    rows = LOCATIONS[LOCATIONS["country"] == COUNTRY]
    if fields:
        rows = rows[rows["field"].isin(fields)]
    if search:
        rows = rows[rows["title"].str.contains(search, case=False, regex=False)]
    counts = rows.groupby("admin1").size().reset_index(name="projects")
    figure = px.choropleth_map(
        counts,
        geojson=GEOJSON,
        locations="admin1",
        featureidkey="properties.code",
        color="projects",
        map_style="white-bg",
        center={"lon": 105.8, "lat": 16.0},
        zoom=4.6,
        opacity=0.85,
    )
    points = px.scatter_map(
        rows, lon="lon", lat="lat", color="field", hover_name="title", hover_data=["partners"]
    )
    figure.add_traces(points.data)
    return figure


server = app.server


@server.get("/api/projects")
def api_projects():  # type: ignore[no-untyped-def]
    country = request.args.get("country")
    found = [r for r in RECORDS if not country or country in r["countries"]]
    return jsonify(count=len(found), projects=found)
