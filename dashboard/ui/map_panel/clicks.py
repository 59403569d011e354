"""What a click on a map selects (pure)."""

from __future__ import annotations

from typing import Any

Place = dict[str, Any]


def place_of_click(click: object) -> Place | None:
    """A province of the choropleth, or the circle of an area too small to click (the same),
    or a project's marker (with its project's ID)."""
    if not isinstance(click, dict) or not click.get("points"):
        return None
    point = click["points"][0]
    if not isinstance(point, dict):
        return None
    area = point.get("customdata")
    if isinstance(area, dict) and isinstance(area.get("area"), str):
        return {"province": area["area"]}
    if "lon" in point and "lat" in point:
        place: Place = {"point": [point["lon"], point["lat"]]}
        if isinstance(point.get("customdata"), str):
            place["project"] = point["customdata"]
        return place
    if isinstance(point.get("location"), str):
        return {"province": point["location"]}
    return None
