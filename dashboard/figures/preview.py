"""The picture a shared link shows (Open Graph, 1200×630 PNG): a map drawn offline from the
boundary files, with the page's title above it (pure: shapes and words in, PNG bytes out).

Drawn at twice the size and scaled down, so edges are smooth; saved with a small palette,
so a picture of flat colours stays well under the 150 kB previews should weigh.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from shapely.geometry.base import BaseGeometry

WIDTH, HEIGHT = 1200, 630
SCALE = 2  # drawn at 2400×1260, then scaled down
BAND = 170  # the title's band, at the top
MARGIN = 24
BACKGROUND = "#dbe7f0"  # sea
LAND = "#f4f6f8"
WITH_PROJECTS = "#6baed6"
OUTLINE = "#8a9aa8"
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
# Fonts with Japanese and Vietnamese glyphs, from Debian's fonts-noto-cjk (the Makefile
# installs it); without them the title is left off, never drawn as boxes.
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
Colour = str
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True)
class Preview:
    shapes: Sequence[tuple[BaseGeometry, Colour]]  # land, each with its fill
    points: Sequence[tuple[float, float, Colour]]  # lon, lat, colour
    bounds: Bounds  # what the map must show (lon/lat)
    title: str
    subtitle: str = ""


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | None:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return None


class _Projection:
    """Equirectangular, x shrunk by the cosine of the middle latitude (what a web map shows
    near it), fitted into the map's box with its aspect kept."""

    def __init__(self, bounds: Bounds, box: tuple[int, int, int, int]) -> None:
        west, south, east, north = bounds
        self.kx = math.cos(math.radians(max(-80.0, min(80.0, (south + north) / 2))))
        width = max((east - west) * self.kx, 1e-6)
        height = max(north - south, 1e-6)
        left, top, right, bottom = box
        self.scale = min((right - left) / width, (bottom - top) / height)
        self.x0 = left + ((right - left) - width * self.scale) / 2 - west * self.kx * self.scale
        self.y0 = top + ((bottom - top) - height * self.scale) / 2 + north * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.x0 + lon * self.kx * self.scale, self.y0 - lat * self.scale


def _polygons(geometry: BaseGeometry) -> list:
    if geometry.geom_type == "Polygon":
        return [geometry]
    return [part for part in getattr(geometry, "geoms", []) if part.geom_type == "Polygon"]


def _draw_map(draw: ImageDraw.ImageDraw, preview: Preview) -> None:
    box = (MARGIN * SCALE, (BAND + MARGIN // 2) * SCALE, (WIDTH - MARGIN) * SCALE, HEIGHT * SCALE)
    project = _Projection(preview.bounds, box)
    for geometry, fill in preview.shapes:
        for polygon in _polygons(geometry):
            ring = [project(x, y) for x, y, *_ in polygon.exterior.coords]
            if len(ring) >= 3:
                draw.polygon(ring, fill=fill, outline=OUTLINE, width=SCALE)
    radius = 9 * SCALE
    for lon, lat, colour in preview.points:
        x, y = project(lon, lat)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour, outline="#333")


def fitted_lines(text: str, fits: Callable[[str], bool], most: int = 2) -> list[str]:
    """``text`` in at most ``most`` lines that each ``fits``, the last cut with "…" if it
    must be. Japanese has no spaces: it breaks between any two characters; other text
    between words."""
    cjk = sum(1 for ch in text if ord(ch) > 0x2E80) > len(text) / 3
    tokens = list(text) if cjk else text.split(" ")
    glue = "" if cjk else " "
    lines: list[str] = []
    line = ""
    for token in tokens:
        candidate = f"{line}{glue}{token}" if line else token
        if fits(candidate) or not line:
            line = candidate
            continue
        lines.append(line)
        line = token
    lines.append(line)
    if len(lines) > most:
        last = lines[most - 1]
        while last and not fits(last + "…"):  # a word at a time where there are words
            last = last.rsplit(" ", 1)[0] if " " in last and not cjk else last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + "…"]
    return lines


def _draw_title(draw: ImageDraw.ImageDraw, preview: Preview) -> None:
    title_font, sub_font = _font(40 * SCALE), _font(26 * SCALE)
    draw.rectangle((0, 0, WIDTH * SCALE, BAND * SCALE), fill="white")
    if title_font is None or sub_font is None:
        return
    room = (WIDTH - 2 * MARGIN) * SCALE
    lines = fitted_lines(preview.title, lambda line: title_font.getlength(line) <= room)
    y = 16 * SCALE
    for line in lines:
        draw.text((MARGIN * SCALE, y), line, font=title_font, fill=TEXT)
        y += 50 * SCALE
    if preview.subtitle:
        subtitle = fitted_lines(preview.subtitle, lambda s: sub_font.getlength(s) <= room, 1)
        draw.text((MARGIN * SCALE, 122 * SCALE), subtitle[0], font=sub_font, fill=MUTED)


def preview_png(preview: Preview) -> bytes:
    """The picture, as PNG bytes: a few dozen kB."""
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    _draw_map(draw, preview)
    _draw_title(draw, preview)
    small = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.quantize(colors=128, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()
