"""The areas of a first view's map as SVG paths, read from the boundary file the
interactive map fetches and kept per file and view (bounded)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ...data.store_cache import Bounded
from ...figures.svg_map import Size, area_paths, figure_projection
from ..boundary_layers import BOUNDARIES_PATH

PATHS_KEPT = 64  # views' paths kept: a country and a size each, 2-60 kB


@lru_cache(maxsize=16)
def _shapes(file: Path, mtime_ns: int, feature_key: str) -> dict[str, BaseGeometry]:
    """Each feature's geometry by its code (``id`` or ``properties.code``, as the figure
    names it); read again when the file changes."""
    del mtime_ns  # in the key only: a rebuilt file is read again
    features = json.loads(file.read_bytes())["features"]
    if feature_key == "id":
        return {str(f["id"]): shape(f["geometry"]) for f in features if f.get("geometry")}
    name = feature_key.removeprefix("properties.")
    return {str(f["properties"][name]): shape(f["geometry"]) for f in features if f.get("geometry")}


_PATHS: Bounded[tuple[Any, ...], dict[str, str]] = Bounded(PATHS_KEPT)


def boundary_file(boundaries_dir: Path, site_path: str) -> Path:
    """The file behind a boundary file's address on this site (``boundary_layers``)."""
    return boundaries_dir / site_path.removeprefix(BOUNDARIES_PATH + "/")


def figure_paths(
    boundaries_dir: Path, site_path: str, figure: dict[str, Any], size: Size
) -> dict[str, str]:
    """The paths of the areas the figure's first trace draws, for its view."""
    areas = figure["data"][0]
    file = boundary_file(boundaries_dir, site_path)
    view = figure["layout"]["map"]
    centre = (view["center"]["lon"], view["center"]["lat"], view["zoom"])
    mtime = file.stat().st_mtime_ns
    key = (str(file), mtime, areas["featureidkey"], centre, size)

    def compute() -> dict[str, str]:
        shapes = _shapes(file, mtime, areas["featureidkey"])
        return area_paths(shapes, figure_projection(figure, size), areas["locations"])

    return _PATHS.get(key, compute)
