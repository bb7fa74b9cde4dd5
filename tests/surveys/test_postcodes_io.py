"""The postcodes.io geocoder against a local fake serving recorded answers: the backend,
the survey's About you page and the unsafe-place report's no-map path. On a time-out,
a 404 or an outage the resident is asked to pick the ward, never shown an error page."""

import logging
import socket

import pytest
from django.test import override_settings

from surveys.geocoding import GeocoderUnavailable, PostcodesIoGeocoder
from surveys.models import SurveyResponse, UnsafePlaceReport
from tests.surveys.journey import answer_up_to_about_you
from tests.surveys.postcodes_server import FakePostcodesIo

PORT = 8205
BACKEND = "surveys.geocoding.PostcodesIoGeocoder"
ST_EDWARDS = "E05013983"
REPORT = "/unsafe-places/report/"


@pytest.fixture
def postcodes_io():
    with (
        FakePostcodesIo(PORT) as fake,
        override_settings(
            SURVEY_GEOCODER_BACKEND=BACKEND,
            SURVEY_GEOCODER_BASE_URL=fake.base_url,
            SURVEY_GEOCODER_TIMEOUT=1,
        ),
    ):
        yield fake


@pytest.mark.django_db
def test_a_postcode_is_looked_up_and_placed_in_our_ward(postcodes_io, wards):
    assert PostcodesIoGeocoder().ward_code_for("rm1 3bb") == ST_EDWARDS
    assert postcodes_io.paths == ["/postcodes/RM13BB"]


@pytest.mark.django_db
def test_unknown_postcodes_and_streets_are_not_found(postcodes_io, wards):
    geocoder = PostcodesIoGeocoder()
    assert geocoder.ward_code_for("ZZ9 9ZZ") is None  # a 404 from postcodes.io
    assert geocoder.ward_code_for("South Street") is None  # not a postcode: not asked
    assert postcodes_io.paths == ["/postcodes/ZZ99ZZ"]


@pytest.mark.django_db
def test_an_outage_a_timeout_or_no_service_is_unavailable(postcodes_io, wards, settings):
    postcodes_io.status = 500
    with pytest.raises(GeocoderUnavailable):
        PostcodesIoGeocoder().ward_code_for("RM1 3BB")
    with socket.create_server(("127.0.0.1", PORT + 1)):  # accepts, never answers
        settings.SURVEY_GEOCODER_BASE_URL = f"http://127.0.0.1:{PORT + 1}"
        with pytest.raises(GeocoderUnavailable):
            PostcodesIoGeocoder().ward_code_for("RM1 3BB")
    settings.SURVEY_GEOCODER_BASE_URL = f"http://127.0.0.1:{PORT + 2}"  # nothing listens
    with pytest.raises(GeocoderUnavailable):
        PostcodesIoGeocoder().ward_code_for("RM1 3BB")


@pytest.mark.django_db
def test_a_mirror_under_a_path_is_asked_there(wards, settings):
    settings.SURVEY_GEOCODER_BASE_URL = f"http://127.0.0.1:{PORT}/mirror/"
    with FakePostcodesIo(PORT) as fake:
        assert PostcodesIoGeocoder().ward_code_for("RM1 3BB") is None  # fake knows no /mirror
    assert fake.paths == ["/mirror/postcodes/RM13BB"]


def test_the_survey_finds_the_ward_from_a_postcode(client, wave, postcodes_io):
    location = answer_up_to_about_you(client)
    unknown = client.post(location, {"postcode": "ZZ9 9ZZ", "age_band": "65+"})
    assert unknown.status_code == 400 and "govuk-error-summary" in unknown.content.decode()
    assert "select your ward instead" in unknown.content.decode()
    client.post(location, {"postcode": "rm1 3bb", "age_band": "65+"})
    assert SurveyResponse.objects.get().ward.code == ST_EDWARDS
    assert "RM1" not in repr(list(SurveyResponse.objects.values())).upper()


def test_the_survey_asks_for_the_ward_when_postcodes_io_is_down(client, wave, postcodes_io):
    postcodes_io.delay = 1.5  # past the time-out
    location = answer_up_to_about_you(client)
    slow = client.post(location, {"postcode": "RM1 3BB", "age_band": "65+"})
    page = slow.content.decode()
    assert slow.status_code == 400 and "govuk-error-summary" in page
    assert "cannot look up postcodes" in page and 'name="ward"' in page
    postcodes_io.delay = 0
    client.post(location, {"ward": ST_EDWARDS, "age_band": "65+"})
    assert SurveyResponse.objects.get().ward.code == ST_EDWARDS


def _report(**changes):
    data = {
        "place": "Subway under the ring road",
        "postcode": "RM1 3BB",
        "environmental": ["badly_lit"],
        "time_of_day": "after_dark",
    }
    return data | changes


@pytest.mark.django_db
def test_a_report_without_a_pin_finds_its_ward_by_postcode(client, site, wards, postcodes_io):
    assert 'name="postcode"' in client.get(REPORT).content.decode()
    response = client.post(REPORT, _report())
    assert response.status_code == 200
    report = UnsafePlaceReport.objects.get()
    assert report.ward.code == ST_EDWARDS and report.location_source == "geocoder"
    assert "RM1" not in repr(list(UnsafePlaceReport.objects.values())).upper()


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "says"), [(404, "could not find a ward"), (503, "cannot look")])
def test_a_report_asks_for_the_ward_when_the_postcode_is_not_found_or_the_service_is_down(
    client, site, wards, postcodes_io, status, says
):
    postcodes_io.status = status
    response = client.post(REPORT, _report())
    page = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in page
    assert says in page and 'name="ward"' in page
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_no_postcode_reaches_a_log_line(client, site, wards, postcodes_io, caplog):
    postcodes_io.status = 500
    with caplog.at_level(logging.DEBUG):
        client.post(REPORT, _report(postcode="RM1 3BB"))
    assert caplog.records, "the outage is logged"
    logged = " ".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records).upper()
    assert "RM1" not in logged and "RM13BB" not in logged
