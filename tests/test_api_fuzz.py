"""Whatever the query string, the API answers 200 or a 400 naming a parameter: never a 500."""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.api.params import ALL_PARAMETERS
from dashboard.app import create_app
from dashboard.settings import Settings

NAMES = st.sampled_from([*sorted(ALL_PARAMETERS), "colour", "", "q[]", "field "])
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["water", "VNM", "VN-26", "2020-04-01", "-1", "1e9", "9" * 40, "", ","]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(NAMES, VALUES), max_size=6), st.sampled_from(["", ".geojson", ".csv"]))
def test_never_a_server_error(client, pairs, suffix):
    response = client.get(f"/api/projects{suffix}?{urlencode(pairs)}")
    assert response.status_code in (200, 400), response.data[:300]
    if response.status_code == 400:
        assert response.json["error"]["message"]
