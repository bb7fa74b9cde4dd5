"""The report form's postcode/street path through the optional geocoder (a recording fake)."""

import pytest
from django.test import override_settings

from surveys.geocoding import RecordingGeocoder
from surveys.models import UnsafePlaceReport

REPORT = "/unsafe-places/report/"
FAKE = "surveys.geocoding.RecordingGeocoder"
ST_EDWARDS = "E05013983"


def by_postcode(**changes):
    data = {
        "place": "Subway under the ring road",
        "postcode": "rm1 1aa",
        "environmental": ["badly_lit"],
        "time_of_day": "after_dark",
    }
    data.update(changes)
    return data


@pytest.fixture
def geocoder():
    RecordingGeocoder.reset(known={"RM11AA": ST_EDWARDS, "SOUTHSTREET": ST_EDWARDS})
    with override_settings(SURVEY_GEOCODER_BACKEND=FAKE):
        yield RecordingGeocoder
    RecordingGeocoder.reset()


@pytest.mark.django_db
def test_without_a_geocoder_the_postcode_field_is_not_shown_and_not_used(client, site, wards):
    RecordingGeocoder.reset(known={"RM11AA": ST_EDWARDS})

    page = client.get(REPORT).content.decode()
    response = client.post(REPORT, by_postcode())

    assert 'name="postcode"' not in page
    assert (
        response.status_code == 400
        and "Choose the ward the place is in." in response.content.decode()
    )
    assert RecordingGeocoder.lookups == [] and UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_a_postcode_sets_the_ward_and_is_not_stored(client, site, wards, geocoder):
    page = client.get(REPORT).content.decode()
    response = client.post(REPORT, by_postcode())

    assert 'name="postcode"' in page
    assert response.status_code == 200
    report = UnsafePlaceReport.objects.get()
    assert report.ward.code == ST_EDWARDS and report.location_source == "geocoder"
    assert report.latitude is None and report.longitude is None
    assert report.place == "Subway under the ring road"
    stored = repr(list(UnsafePlaceReport.objects.values()))
    assert "RM1" not in stored.upper().replace(" ", "")
    assert geocoder.lookups == ["RM11AA"]


@pytest.mark.django_db
def test_a_street_name_finds_the_ward_too(client, site, wards, geocoder):
    response = client.post(REPORT, by_postcode(postcode="South Street"))

    assert response.status_code == 200
    assert UnsafePlaceReport.objects.get().ward.code == ST_EDWARDS


@pytest.mark.django_db
def test_a_chosen_ward_wins_and_nothing_is_looked_up(client, site, wards, geocoder):
    response = client.post(REPORT, by_postcode(ward="E05013967", postcode="RM1 1AA"))

    assert response.status_code == 200
    assert UnsafePlaceReport.objects.get().ward.code == "E05013967"
    assert geocoder.lookups == []


@pytest.mark.django_db
def test_a_pin_is_not_sent_to_the_geocoder(client, site, wards, geocoder):
    from tests.surveys.unsafe_factories import ROMFORD

    data = by_postcode(latitude=str(ROMFORD[0]), longitude=str(ROMFORD[1]))
    response = client.post(REPORT, data)

    assert response.status_code == 200
    assert UnsafePlaceReport.objects.get().location_source == "map"
    assert geocoder.lookups == []


@pytest.mark.django_db
def test_an_unknown_postcode_gets_an_error_summary_and_the_ward_list_still_works(
    client, site, wards, geocoder
):
    response = client.post(REPORT, by_postcode(postcode="ZZ9 9ZZ"))

    body = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in body and 'href="#id_postcode"' in body
    assert "We could not find a ward in Havering for that postcode or street" in body
    assert 'value="ZZ9 9ZZ"' in body  # kept so the resident can correct it
    assert UnsafePlaceReport.objects.count() == 0

    fixed = client.post(REPORT, by_postcode(postcode="", ward=ST_EDWARDS))
    assert fixed.status_code == 200 and UnsafePlaceReport.objects.count() == 1


@pytest.mark.django_db
def test_a_geocoder_that_is_down_gets_an_error_summary_not_a_server_error(
    client, site, wards, geocoder
):
    geocoder.available = False

    response = client.post(REPORT, by_postcode())

    body = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in body
    assert "We cannot look up postcodes or streets at the moment" in body
    assert geocoder.lookups == ["RM11AA"] and UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_neither_ward_nor_postcode_asks_for_one_of_them(client, site, wards, geocoder):
    response = client.post(REPORT, by_postcode(postcode=""))

    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose the ward the place is in, or enter a postcode or street." in body
    assert geocoder.lookups == []


class BrokenBackend:
    def ward_code_for(self, text):
        raise TimeoutError("no route to geocoder")


@pytest.mark.django_db
@override_settings(SURVEY_GEOCODER_BACKEND="tests.surveys.test_unsafe_geocoder.BrokenBackend")
def test_a_backend_failing_in_its_own_way_counts_as_unavailable(client, site, wards):
    response = client.post(REPORT, by_postcode())

    assert response.status_code == 400
    assert "We cannot look up postcodes or streets at the moment" in response.content.decode()


API = "/api/v1/unsafe-places/"


def api_post(client, **body):
    data = {"place": "Subway under the ring road", "reasons": ["badly_lit"]}
    data.update(time_of_day="after_dark", **body)
    return client.post(API, data, content_type="application/json")


@pytest.mark.django_db
def test_the_api_finds_the_ward_from_a_postcode_and_does_not_store_it(client, wards, geocoder):
    response = api_post(client, postcode="RM1 1AA")

    assert response.status_code == 201, response.json()
    assert response.json()["ward"]["code"] == ST_EDWARDS
    report = UnsafePlaceReport.objects.get()
    assert report.location_source == "geocoder" and report.latitude is None
    assert "RM1" not in repr(list(UnsafePlaceReport.objects.values())).upper()


@pytest.mark.django_db
def test_the_api_explains_an_unknown_postcode_and_a_geocoder_that_is_down(client, wards, geocoder):
    unknown = api_post(client, postcode="ZZ9 9ZZ")
    geocoder.available = False
    down = api_post(client, postcode="RM1 1AA")

    assert unknown.status_code == 400 and "No ward in Havering" in unknown.json()["postcode"][0]
    assert down.status_code == 400 and "not working" in down.json()["postcode"][0]
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_the_api_refuses_a_postcode_when_no_geocoder_is_configured(client, wards):
    RecordingGeocoder.reset(known={"RM11AA": ST_EDWARDS})

    response = api_post(client, postcode="RM1 1AA")

    assert response.status_code == 400 and "give a ward code" in response.json()["postcode"][0]
    assert RecordingGeocoder.lookups == [] and UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_the_api_refuses_a_pin_with_a_postcode_and_prefers_a_ward_over_one(client, wards, geocoder):
    from tests.surveys.unsafe_factories import ROMFORD

    both = api_post(client, postcode="RM1 1AA", location={"lat": ROMFORD[0], "lng": ROMFORD[1]})
    ward_wins = api_post(client, postcode="RM1 1AA", ward="E05013967")

    assert both.status_code == 400 and "postcode" in both.json()
    assert ward_wins.status_code == 201 and ward_wins.json()["ward"]["code"] == "E05013967"
    assert geocoder.lookups == []
