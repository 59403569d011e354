"""Colours: Paul Tol's "muted" scheme, safe for the common colour-vision deficiencies."""

import math

from ..data import vocab

FIELD_COLOURS: dict[str, str] = dict(
    zip(
        vocab.keys(vocab.FIELDS),
        (
            "#88CCEE",  # water
            "#CC6677",  # disaster
            "#117733",  # agriculture
            "#882255",  # health
            "#44AA99",  # environment
            "#332288",  # industry
            "#DDCC77",  # education
            "#AA4499",  # social welfare
            "#999933",  # tourism & culture
            "#555555",  # governance
        ),
        strict=True,
    )
)
NO_FIELD_COLOUR = "#BBBBBB"

# Areas shaded by their number of projects: none is the background; one is already a clear
# tint (3:1 against the background, WCAG's contrast for graphics), and the tint darkens with
# the log of the count, so that a country with one project shows next to Viet Nam's 67.
NO_PROJECT_COLOUR = "#f4f6f8"
COUNT_RAMP = ("#4292c6", "#2171b5", "#08519c", "#08306b")  # one project ... the most
SCALE_STEPS = 16  # stops of the plotly colour scale between one project and the most


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in rgb)


def blend(colours: tuple[str, ...], fraction: float) -> str:
    """The colour a fraction (0-1) of the way along evenly spaced colours."""
    fraction = min(max(fraction, 0.0), 1.0) * (len(colours) - 1)
    low = min(int(fraction), len(colours) - 2)
    a, b = _rgb(colours[low]), _rgb(colours[low + 1])
    step = fraction - low
    return _hex(tuple(x + (y - x) * step for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def count_colour(count: int, most: int) -> str:
    """The colour of an area with ``count`` projects when the most any area has is ``most``."""
    if count <= 0:
        return NO_PROJECT_COLOUR
    if most <= 1:
        return COUNT_RAMP[0]
    return blend(COUNT_RAMP, math.log(min(count, most)) / math.log(most))


def count_scale(most: int) -> list[list[object]]:
    """A plotly colour scale for ``zmin=0, zmax=max(most, 1)`` that gives each count
    ``count_colour``: stops at 0, at one project and at counts spaced on a log scale."""
    most = max(most, 1)
    counts = sorted({1, most} | {round(most ** (k / SCALE_STEPS)) for k in range(SCALE_STEPS)})
    return [[0.0, NO_PROJECT_COLOUR]] + [
        [round(count / most, 6), count_colour(count, most)] for count in counts
    ]


def luminance(colour: str) -> float:
    """WCAG's relative luminance."""
    channels = [v / 255 for v in _rgb(colour)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
