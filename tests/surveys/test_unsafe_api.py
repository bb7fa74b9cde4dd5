"""The unsafe-places API: submit (both location paths, every bad input), summary, staff list."""

import json

import pytest
from django.test import override_settings

from surveys.models import UnsafePlaceReport
from tests.surveys.unsafe_factories import ROMFORD, UnsafePlaceReportFactory, moderator

URL = "/api/v1/unsafe-places/"
SUMMARY = "/api/v1/unsafe-places/summary/"


def post(client, body, **extra):
    payload = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, payload, content_type="application/json", **extra)


def valid_pin(**changes):
    body = {
        "location": {"lat": ROMFORD[0], "lng": ROMFORD[1]},
        "reasons": ["badly_lit", "followed"],
        "time_of_day": "after_dark",
    }
    body.update(changes)
    return body


def valid_words(**changes):
    body = {
        "ward": "E05013986",
        "place": "Footpath from the station to Corbets Tey Road",
        "reasons": ["empty_or_isolated"],
        "time_of_day": "evening",
    }
    body.update(changes)
    return body


@pytest.mark.django_db
def test_a_pin_in_the_borough_is_stored_with_its_ward_and_a_rounded_point(client, wards):
    response = post(client, valid_pin(location={"lat": 51.576849, "lng": 0.183712}))

    assert response.status_code == 201
    body = response.json()
    assert body["ward"] == {"code": "E05013983", "name": "St Edward's"}
    assert body["status"] == "new"
    report = UnsafePlaceReport.objects.get(reference=body["reference"])
    assert str(report.latitude) == "51.5768"
    assert str(report.longitude) == "0.1837"
    assert sorted(report.reason_codes) == ["badly_lit", "followed"]
    assert report.location_source == "map"


@pytest.mark.django_db
def test_a_place_in_words_with_a_ward_is_stored_without_a_point(client, wards):
    response = post(client, valid_words())

    assert response.status_code == 201, response.json()
    assert response.json()["ward"]["name"] == "Upminster"
    report = UnsafePlaceReport.objects.get()
    assert report.latitude is None and report.place.startswith("Footpath")
    assert report.location_source == "words"


@pytest.mark.django_db
def test_references_are_unique_and_not_sequential(client, wards):
    refs = {post(client, valid_pin()).json()["reference"] for _ in range(5)}
    assert len(refs) == 5
    assert all(ref.startswith("UP-") and len(ref) == 17 for ref in refs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        (valid_pin(location={"lat": 51.75, "lng": 0.1}), "location"),  # outside the borough
        (valid_pin(location={"lat": 95, "lng": 0.1}), "location"),
        (valid_pin(location={"lat": 51.5, "lng": 190}), "location"),
        (valid_pin(location={"lat": "north", "lng": 0.18}), "location"),
        (valid_pin(location={"lat": "51.57", "lng": 0.18}), "location"),
        (valid_pin(location={"lat": True, "lng": 0.18}), "location"),
        (valid_pin(location={"lat": None, "lng": 0.18}), "location"),
        (valid_pin(location="Romford"), "location"),
        (valid_pin(reasons=[]), "reasons"),
        (valid_pin(reasons=["scary"]), "reasons"),
        (valid_pin(reasons="badly_lit"), "reasons"),
        (valid_pin(reasons=["badly_lit", "badly_lit"]), "reasons"),
        ({k: v for k, v in valid_pin().items() if k != "reasons"}, "reasons"),
        (valid_pin(time_of_day="midnight"), "time_of_day"),
        (valid_pin(description="x" * 501), "description"),
        (valid_pin(age_band="12-15"), "age_band"),
        (valid_words(ward="E05999999"), "ward"),
        (valid_words(place=""), "place"),
        (valid_words(place="<b></b>"), "place"),
        ({**valid_words(), "location": {"lat": ROMFORD[0], "lng": ROMFORD[1]}}, "ward"),
        ({"reasons": ["badly_lit"], "time_of_day": "evening"}, "location"),
        (valid_pin(email="me@example.org"), "email"),
    ],
)
def test_bad_input_gets_a_message_for_its_field_and_stores_nothing(client, wards, body, field):
    response = post(client, body)

    assert response.status_code == 400
    assert field in response.json()
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', "", '{"lat": NaN}'])
def test_a_malformed_body_gets_a_400_and_stores_nothing(client, wards, raw):
    response = post(client, raw)

    assert response.status_code == 400
    assert response.json()
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_a_huge_body_is_refused_with_a_clear_message(client, wards):
    response = post(client, valid_pin(description="x" * 20_000))

    assert response.status_code == 413
    assert "too large" in response.json()["non_field_errors"][0]
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_markup_in_text_is_stored_as_plain_text(client, wards):
    body = valid_words(
        place="<b>Bus stop</b> & shelter",
        description='<script>alert(1)</script>Dark <img src=x onerror="alert(2)">path',
    )
    response = post(client, body)

    assert response.status_code == 201
    report = UnsafePlaceReport.objects.get()
    assert report.place == "Bus stop & shelter"
    assert report.description == "Dark path"


@pytest.mark.django_db
@override_settings(UNSAFE_PLACES_SUBMIT_LIMIT=(3, 600))
def test_a_flood_from_one_client_is_rate_limited_and_not_stored(client, wards):
    statuses = [post(client, valid_pin()).status_code for _ in range(5)]

    assert statuses == [201, 201, 201, 429, 429]
    assert UnsafePlaceReport.objects.count() == 3


@pytest.mark.django_db
def test_a_logged_in_session_is_not_used_by_the_submit_endpoint(client, wards):
    # With session auth a cross-site form could post as a moderator; the endpoint ignores it
    # and still needs no CSRF token.
    client.force_login(moderator())
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    response = post(csrf_client, valid_pin())
    assert response.status_code == 201


@pytest.mark.django_db
def test_raw_reports_are_staff_only(client, wards):
    UnsafePlaceReportFactory(description="Private detail")
    assert client.get("/api/v1/unsafe-places/reports/").status_code == 403

    client.force_login(moderator())
    response = client.get("/api/v1/unsafe-places/reports/")
    assert response.status_code == 200
    assert response.json()["results"][0]["description"] == "Private detail"


@pytest.mark.django_db
def test_the_summary_suppresses_small_counts_and_never_shows_descriptions_or_points(client, wards):
    for _ in range(6):
        UnsafePlaceReportFactory(
            ward=wards[0], latitude="51.5768", longitude="0.1837", description="SECRET"
        )
    UnsafePlaceReportFactory(ward=wards[1], reasons=["followed"], description="SECRET")

    response = client.get(SUMMARY)

    assert response.status_code == 200
    text = response.content.decode()
    assert "SECRET" not in text and "51.5768" not in text
    body = response.json()
    by_code = {row["code"]: row for row in body["wards"]}
    assert by_code[wards[0].code]["count"] == 6
    assert by_code[wards[1].code]["count"] is None
    assert by_code[wards[1].code]["display"] == "fewer than 5"
    assert body["grid"]["features"][0]["properties"]["count"] == 6


@pytest.mark.django_db
def test_the_summary_filters_by_reason_and_time_and_rejects_unknown_codes(client, wards):
    UnsafePlaceReportFactory.create_batch(5, reasons=["followed"], time_of_day="evening")
    UnsafePlaceReportFactory.create_batch(5, reasons=["badly_lit"], time_of_day="morning")

    assert client.get(SUMMARY, {"reason": "followed"}).json()["total"]["count"] == 5
    assert client.get(SUMMARY, {"time_of_day": "morning"}).json()["total"]["count"] == 5
    assert client.get(SUMMARY, {"reason": "nope"}).status_code == 400


@pytest.mark.django_db
def test_rejected_reports_do_not_count_in_the_summary(client, wards):
    UnsafePlaceReportFactory.create_batch(5)
    UnsafePlaceReportFactory.create_batch(3, status="rejected", status_reason="spam")

    assert client.get(SUMMARY).json()["total"]["count"] == 5


def test_the_openapi_schema_documents_the_endpoints(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "post" in paths["/api/v1/unsafe-places/"]
    assert "get" in paths["/api/v1/unsafe-places/summary/"]


@pytest.mark.django_db
def test_no_address_or_user_agent_is_stored_with_a_report(client, wards):
    post(client, valid_pin(), REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="TellTaleBrowser/1.0")

    row = UnsafePlaceReport.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    assert "203.0.113.77" not in stored and "TellTale" not in stored
    assert not any(name == "ip" or "agent" in name for name in row)


@pytest.mark.django_db
def test_the_staff_list_keeps_safeguarding_reports_for_the_leads(client, wards):
    from tests.surveys.unsafe_factories import safeguarding_lead

    UnsafePlaceReportFactory(safeguarding=True)
    client.force_login(moderator())
    assert client.get("/api/v1/unsafe-places/reports/").json()["count"] == 0
    client.force_login(safeguarding_lead())
    assert client.get("/api/v1/unsafe-places/reports/").json()["count"] == 1


@pytest.mark.django_db
def test_a_blank_filter_code_is_refused_by_the_summary(client, wards):
    assert client.get(SUMMARY + "?time_of_day=").status_code == 400


@pytest.mark.django_db
def test_a_pin_with_a_blank_ward_and_place_is_accepted(client, wards):
    response = post(client, valid_pin(ward="", place=""))
    assert response.status_code == 201


@pytest.mark.django_db
def test_the_ward_index_is_built_once_and_reused_by_every_submit(client, wards):
    """The point → ward index (prepared geometries) is loaded on the first look-up in
    a process; later submits read no boundaries and no wards: only the report and
    its reasons are written."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from communitysafety.wards.lookup import get_index

    assert post(client, valid_pin()).status_code == 201
    index = get_index()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert post(client, valid_pin()).status_code == 201
            assert post(client, valid_words()).status_code == 201
    assert get_index() is index
    sql = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert "wards_ward" not in sql and "boundary" not in sql
    assert UnsafePlaceReport.objects.count() == 7


@pytest.mark.django_db
def test_a_report_not_referred_is_null_and_documented_as_nullable(client, wards):
    UnsafePlaceReportFactory(referred_to=None)
    client.force_login(moderator())
    [row] = client.get("/api/v1/unsafe-places/reports/").json()["results"]
    assert row["referred_to"] is None
    schema = client.get("/api/schema/?format=json").json()
    assert schema["components"]["schemas"]["StaffReport"]["properties"]["referred_to"]["nullable"]
