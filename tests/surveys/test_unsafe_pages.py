"""The public pages: report (both location paths, every bad input), look-up, map and table."""

import pytest
from django.test import override_settings

from communitysafety.wards.lookup import reset_index
from surveys.models import UnsafePlaceReport
from surveys.unsafe_places.forms import UnsafePlaceForm
from surveys.unsafe_places.moderation import set_public_note
from tests.communitysafety.factories import WardFactory
from tests.surveys.unsafe_factories import ROMFORD, UnsafePlaceReportFactory, moderator

REPORT = "/unsafe-places/report/"
LOOKUP = "/unsafe-places/check/"
MAP = "/unsafe-places/"


def words(**changes):
    data = {
        "place": "Subway under the ring road",
        "ward": "E05013983",
        "environmental": ["badly_lit", "empty_or_isolated"],
        "time_of_day": "after_dark",
    }
    data.update(changes)
    return data


def pin(**changes):
    data = {
        "latitude": str(ROMFORD[0]),
        "longitude": str(ROMFORD[1]),
        "behavioural": ["followed"],
        "time_of_day": "evening",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_report_page_renders_with_exit_this_page_and_the_crime_notice(client, site, wards):
    response = client.get(REPORT)

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-exit-this-page" in page
    assert "999" in page and "101" in page
    assert "<script>" not in page and 'style="' not in page
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


@pytest.mark.django_db
def test_a_place_in_words_is_reported_and_the_reference_shown(client, site, wards):
    response = client.post(REPORT, words(description="<em>No lights</em> & no people"))

    assert response.status_code == 200
    report = UnsafePlaceReport.objects.get()
    assert report.reference in response.content.decode()
    assert report.ward.name == "St Edward's" and report.location_source == "words"
    assert report.description == "No lights & no people"
    assert sorted(report.reason_codes) == ["badly_lit", "empty_or_isolated"]


@pytest.mark.django_db
def test_a_pin_is_reported_without_naming_the_place_or_ward(client, site, wards):
    response = client.post(REPORT, pin(age_band="16-24", sex="female", identity_related="yes"))

    assert response.status_code == 200
    report = UnsafePlaceReport.objects.get()
    assert report.location_source == "map" and report.ward.name == "St Edward's"
    assert (report.age_band, report.sex, report.identity_related) == ("16-24", "female", "yes")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (words(place=""), "Drop a pin on the map, or name the place"),
        (words(ward=""), "Choose the ward"),
        (words(ward="E05999999"), "Select a valid choice"),
        (words(environmental=[]), "Choose at least one reason"),
        (words(environmental=["made_up"]), "Select a valid choice"),
        (words(time_of_day=""), "Choose when the place felt unsafe"),
        (words(description="x" * 501), "500 characters or fewer"),
        (words(website="http://spam.example"), "Leave the last field empty"),
        (pin(latitude="51.75", longitude="0.1"), "outside Havering"),
        (pin(latitude="north", longitude="0.18"), "must be a point on the map"),
        (pin(latitude="95", longitude="0.18"), "must be a point on the map"),
        (pin(latitude="nan", longitude="0.18"), "must be a point on the map"),
        (pin(latitude="51.57", longitude=""), "must be a point on the map"),
    ],
)
def test_bad_input_shows_an_error_summary_and_stores_nothing(client, site, wards, data, message):
    response = client.post(REPORT, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert message in page
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_what_the_resident_typed_is_kept_when_the_form_has_errors(client, site, wards):
    response = client.post(REPORT, words(time_of_day="", description="Broken lamp post"))
    page = response.content.decode()
    assert "Broken lamp post" in page and "Subway under the ring road" in page


@pytest.mark.django_db
def test_the_empty_form_is_cached_but_shows_a_ward_added_since(client, site, wards):
    client.get(REPORT)  # the empty form's fields are now cached
    WardFactory(name="Newly drawn ward")
    reset_index()  # as each process does within RECHECK_SECONDS of the generation's bump

    assert "Newly drawn ward" in client.get(REPORT).content.decode()
    with_errors = client.post(REPORT, words(place="Car park stairs", time_of_day=""))
    assert 'value="Car park stairs"' in with_errors.content.decode()


@pytest.mark.django_db
@override_settings(UNSAFE_PLACES_SUBMIT_LIMIT=(2, 600))
def test_a_flood_of_form_posts_is_rate_limited(client, site, wards):
    statuses = [client.post(REPORT, words()).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert UnsafePlaceReport.objects.count() == 2


@pytest.mark.django_db
def test_the_form_needs_a_csrf_token(site, wards):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(REPORT, words())
    assert response.status_code == 403
    assert UnsafePlaceReport.objects.count() == 0


@pytest.mark.django_db
def test_a_resident_looks_up_status_and_public_note_only(client, site, wards):
    report = UnsafePlaceReportFactory(status="fixed", description="PRIVATE TEXT")
    set_public_note(report, "Street lights repaired on 3 March", moderator())

    typed = report.reference.lower().replace("-", " ")
    response = client.post(LOOKUP, {"reference": typed})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Fixed" in page and "Street lights repaired on 3 March" in page
    assert "PRIVATE TEXT" not in page


@pytest.mark.django_db
def test_an_unknown_reference_gets_a_clear_message(client, site, wards):
    response = client.post(LOOKUP, {"reference": "UP-0000-0000-0000"})
    assert response.status_code == 404
    assert "cannot find a report" in response.content.decode()


@pytest.mark.django_db
def test_the_public_map_shows_suppressed_counts_notes_and_no_descriptions(client, site, wards):
    romford = [w for w in wards if w.name == "St Edward's"][0]
    reports = UnsafePlaceReportFactory.create_batch(
        7, ward=romford, latitude="51.5768", longitude="0.1837", description="SECRET"
    )
    UnsafePlaceReportFactory(ward=wards[0], description="SECRET")
    reports[0].status = "fixed"
    reports[0].save()
    set_public_note(reports[0], "Hedges cut back on 1 May", moderator())

    page = client.get(MAP).content.decode()

    assert "SECRET" not in page and "51.5768" not in page
    assert "fewer than 5" in page
    assert "Hedges cut back on 1 May" in page
    assert ">7<" in page


@pytest.mark.django_db
def test_the_public_map_filters_by_reason_and_time_of_day(client, site, wards):
    UnsafePlaceReportFactory.create_batch(5, reasons=["followed"], time_of_day="evening")
    UnsafePlaceReportFactory.create_batch(6, reasons=["badly_lit"], time_of_day="morning")

    assert "Reports shown: 5" in client.get(MAP, {"reason": "followed"}).content.decode()
    assert "Reports shown: 6" in client.get(MAP, {"time_of_day": "morning"}).content.decode()
    assert "Reports shown: 11" in client.get(MAP, {"reason": "<script>"}).content.decode()


@pytest.mark.django_db
def test_the_ward_boundaries_are_served_as_geojson(client, wards):
    response = client.get("/unsafe-places/wards.geojson")
    body = response.json()
    assert response["Content-Type"] == "application/geo+json"
    assert len(body["features"]) == len(wards)
    assert {"code", "name"} == set(body["features"][0]["properties"])


@pytest.mark.django_db
def test_the_ward_choices_are_built_once_but_include_a_ward_added_since(site, wards):
    before = UnsafePlaceForm().fields["ward"].choices
    assert UnsafePlaceForm().fields["ward"].choices is before  # shared, not rebuilt
    ward = WardFactory(name="Newly drawn ward")
    reset_index()  # as each process does within RECHECK_SECONDS of the generation's bump

    after = UnsafePlaceForm().fields["ward"].choices
    assert (ward.code, "Newly drawn ward") in list(after)
    assert (ward.code, "Newly drawn ward") not in list(before)
    assert list(after)[0] == ("", "Choose a ward")
    assert UnsafePlaceForm({"ward": ward.code}).fields["ward"].valid_value(ward.code)
