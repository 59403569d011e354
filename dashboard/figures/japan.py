"""The view from Japan: prefectures shaded by the projects their partners run abroad, and a
circle at each home city whose point the gazetteer has."""

from __future__ import annotations

import html

import pandas as pd

from ..i18n import Translator
from .map import HALO, Figure, MapView, map_figure, site_sizes

HOME_COLOUR = "#882255"  # Tol muted wine: not a field colour, so not read as one


def japan_figure(
    view: MapView, counts: pd.Series, cities: pd.DataFrame, names: dict[str, str], t: Translator
) -> Figure:
    """``cities``: see ``homes.home_cities``; ``names``: prefecture code -> shown name.

    A circle carries its prefecture's code, so that a click on it opens the prefecture.
    """
    no_projects = pd.DataFrame(columns=["project_id", "lon", "lat", "field"])
    figure = map_figure(view, counts, no_projects, t)
    sizes = site_sizes(cities["projects"]) if not cities.empty else []
    city_names = cities["city_ja"].where(cities["city_ja"] != "", cities["city"])
    shown = city_names if t.lang == "ja" else cities["city"]
    hover = [
        f"<b>{html.escape(city)}</b> ({html.escape(names.get(prefecture, ''))})<br>"
        + html.escape(t.plural("{count} project", "{count} projects", int(projects)))
        for city, prefecture, projects in zip(
            shown, cities["prefecture"], cities["projects"], strict=True
        )
    ]
    common = {"type": "scattermap", "mode": "markers", "showlegend": False}
    figure["data"][1:] = [  # the cities in place of the (empty) project markers
        {
            **common,
            "lon": cities["lon"].tolist(),
            "lat": cities["lat"].tolist(),
            "marker": {"size": [size + 3 for size in sizes], "color": "#333333"},
            "hoverinfo": "skip",
            "name": HALO,
        },
        {
            **common,
            "lon": cities["lon"].tolist(),
            "lat": cities["lat"].tolist(),
            "marker": {"size": sizes, "color": HOME_COLOUR, "opacity": 0.9},
            "customdata": cities["prefecture"].tolist(),
            "hovertext": hover,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "name": t("Home cities"),
        },
    ]
    return figure
