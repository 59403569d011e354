"""Where a site counts, in every layer of its country, as the API says it (``counts_in``):
Viet Nam's 34 are formed from whole former provinces, so a site on one of the 63 counts,
surely, in the province it became part of (found by the issue 12 review: only VN-26 was
given, while Nepal's sites named both layers)."""

from __future__ import annotations

import pytest

from dashboard import REPO_ROOT
from dashboard.api.serialize import counted_in
from dashboard.data.model import Location
from dashboard.data.repository import BoundaryIndex

BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(BOUNDARIES)


def test_a_site_on_one_of_the_63_counts_in_the_province_it_became_part_of(boundaries):
    hue = Location(country="VNM", admin1="VN-26", precision=4, lon=107.5, lat=16.4)
    assert counted_in(boundaries, hue) == {
        "counts_in": ["VN-26", "VN-2025-46"],
        "counts_in_exact": True,
    }
    assert boundaries.became_part_of["VN-26"] == "VN-2025-46"
    assert boundaries.became_part_of["VN-DN"] == boundaries.became_part_of["VN-27"]


def test_a_site_of_a_country_with_one_layer_counts_in_its_own_unit_only(boundaries):
    cebu = Location(country="PHL", admin1="PH-CEB", precision=4, lon=123.9, lat=10.3)
    assert counted_in(boundaries, cebu) == {"counts_in": ["PH-CEB"], "counts_in_exact": True}
    assert counted_in(
        boundaries, Location(country="VNM", admin1=None, precision=5, lon=0, lat=0)
    ) == {
        "counts_in": [],
        "counts_in_exact": True,
    }
