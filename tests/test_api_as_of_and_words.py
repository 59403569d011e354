"""The API's ``as_of`` as a day, a month or a fiscal year, and its words in ``lang``."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from dashboard.api import openapi
from dashboard.app import create_app
from dashboard.settings import Settings


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.mark.parametrize(
    ("as_of", "day"),
    [("2024-06", "2024-06-30"), ("FY2024", "2025-03-31"), ("2024年度", "2025-03-31")],
)
def test_as_of_a_month_or_a_fiscal_year_is_its_last_day(client, as_of, day):
    for path in ("/api/projects", "/api/projects.geojson"):
        answer = client.get(f"{path}?country=VNM&as_of={quote(as_of)}").json
        assert answer["as_of"] == day
    by_period = client.get(f"/api/projects?status=ongoing&as_of={quote(as_of)}").json
    by_day = client.get(f"/api/projects?status=ongoing&as_of={day}").json
    assert by_period["count"] == by_day["count"]
    assert [p["id"] for p in by_period["projects"]] == [p["id"] for p in by_day["projects"]]


def test_a_bad_as_of_is_a_400_naming_it_and_what_it_takes(client):
    response = client.get("/api/projects?as_of=2024")
    assert response.status_code == 400
    error = response.json["error"]
    assert error["parameter"] == "as_of"
    assert "FY2024" in error["message"] and "2024-06" in error["message"]


def test_the_description_says_what_as_of_takes():
    (as_of,) = [p for p in openapi.parameters() if p["name"] == "as_of"]
    assert "fiscal year" in as_of["description"]
    assert as_of["schema"]["maxLength"] == 32


def test_the_answers_words_follow_lang(client):
    answer = client.get("/api/projects?country=VNM&field=water&lang=ja").json
    labels = answer["labels"]
    assert labels["lang"] == "ja"
    assert labels["status"]["ongoing"] == "実施中"
    assert labels["field"]["water"] == "水・衛生"
    assert answer["data"]["statement"]["lang"] == "ja"
    for project in answer["projects"]:  # the records keep their keys; the words are beside
        assert project["status"] in labels["status"]
        assert all(field in labels["field"] for field in project["fields"])
    english = client.get("/api/projects.geojson?country=VNM").json["labels"]
    assert (english["lang"], english["status"]["ongoing"]) == ("en", "Ongoing")
    assert client.get("/api/projects?lang=fr").status_code == 400
