"""Who we have not heard: the public summary, the analysts' page, downloads and the ranking."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from perceptions.results.representativeness import where_to_go_next
from tests.communitysafety.factories import UserFactory
from tests.perceptions.coverage_factories import coverage_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet(wards):
    return [wards[2], wards[7]]


@pytest.fixture
def survey(wards, quiet, site):
    return coverage_survey([w.code for w in wards], [w.code for w in quiet])


def _csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_where_to_go_next_ranks_the_quiet_wards_young_adults_first(survey, quiet):
    ranked = where_to_go_next(survey)
    top = {(row.ward_code, row.age_band) for row in ranked[:4]}
    assert top == {(w.code, band) for w in quiet for band in ("16-24", "25-34")}
    assert ranked[0].wave == 2024  # the latest wave, released or not
    assert ranked == sorted(ranked, key=lambda r: -r.shortfall)
    assert ranked[0].ward_name in {w.name for w in quiet}


def test_public_page_shows_released_wave_margins_without_cells(client, survey, quiet):
    response = client.get(reverse("perceptions:coverage"))
    assert response.status_code == 200
    assert "perceptions/representativeness.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "2023" in html and "2024" not in html
    assert "Respondents and residents by age group, 2023" in html
    assert "Respondents and residents by ward, 2023" in html
    assert "Groups we most need to hear from" in html
    assert f"{quiet[0].name}: 25 to 34" in html or f"{quiet[1].name}: 25 to 34" in html
    ward_ratio = {row["ward"]: row["ratio"] for row in response.context["ward_rows"]}
    assert ward_ratio[quiet[0].code] < 1
    assert "Kish" not in html and "By ward and age" not in html
    assert "<script>" not in html and 'style="' not in html


def test_analysts_page_shows_cells_weights_and_where_to_go(client, survey, quiet):
    url = reverse("perceptions:staff_coverage")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(groups=["Analysts"]))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Final weights and Kish effective sample size, 2024" in html
    assert "Where to go next: wards and age groups ranked by shortfall" in html
    assert f"{quiet[0].name}: 16 to 24" in html
    assert response.context["flagged_cells"] >= 4
    borough = response.context["weight_rows"][0]
    assert borough["name"] == "Whole borough" and borough["effective_n"] < borough["n"]
    assert client.get(url, {"year": 2023}).context["year"] == 2023


def test_public_csv_holds_margins_of_released_waves(client, survey):
    rows = _csv(client.get(reverse("perceptions:coverage_download", args=["csv"])))
    assert {row["wave"] for row in rows} == {"2023"}
    assert {row["margin"] for row in rows} == {"ward", "age_band"}
    ages = [row for row in rows if row["margin"] == "age_band"]
    assert sum(float(row["population_share"]) for row in ages) == pytest.approx(1)


def test_staff_downloads_hold_cells_and_weights(client, survey, quiet):
    client.force_login(UserFactory(groups=["Analysts"]))
    url = reverse("perceptions:staff_coverage_download", args=["csv"])
    rows = _csv(client.get(url))
    cell = next(
        r
        for r in rows
        if r["wave"] == "2024" and r["ward_code"] == quiet[0].code and r["age_band"] == "16-24"
    )
    assert cell["margin"] == "ward_age" and cell["sample"] == "1" and cell["flagged"] == "True"
    weights = _csv(client.get(url, {"table": "weights"}))
    assert {r["group"] for r in weights} >= {"borough", quiet[0].code}
    workbook = load_workbook(
        io.BytesIO(
            client.get(reverse("perceptions:staff_coverage_download", args=["xlsx"])).content
        )
    )
    assert workbook.sheetnames == ["coverage", "weights"]


def test_downloads_neutralise_formulas_in_ward_names(client, survey, wards):
    wards[0].name = "=HYPERLINK(1)"
    wards[0].save()
    rows = _csv(client.get(reverse("perceptions:coverage_download", args=["csv"])))
    assert "'=HYPERLINK(1)" in {row["ward_name"] for row in rows}


def test_an_unknown_format_is_not_found(client, survey):
    assert client.get(reverse("perceptions:coverage_download", args=["pdf"])).status_code == 404
