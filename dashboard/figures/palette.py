"""Colours: Paul Tol's "muted" scheme, safe for the common colour-vision deficiencies."""

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
# Province shading: light to dark blue; provinces with no project stay almost white.
PROVINCE_SCALE = [[0.0, "#f4f6f8"], [0.001, "#deebf7"], [0.5, "#6baed6"], [1.0, "#08306b"]]
