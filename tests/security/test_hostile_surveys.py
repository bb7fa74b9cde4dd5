"""Hostile strings in the annual survey's free-text answers, by both ways in (the
resident's journey and `import_responses`): stored as plain text, escaped on the
pages that show them, formula-safe in the analysts' CSV and XLSX exports."""

import csv

import pytest
from django.urls import reverse
from django.utils.html import escape

from communitysafety.common.sanitise import has_control_characters
from communitysafety.home.roles import ANALYSTS
from surveys import answer_store
from surveys.models import SurveyResponse, Wave
from surveys.models.questions import TEXT_ANSWER_CODE
from tests.communitysafety.factories import UserFactory
from tests.security.hostile import (
    HOSTILE_STRINGS,
    assert_cells_safe,
    assert_no_live_markup,
    assert_plain,
    csv_cells,
    response_bytes,
    xlsx_cells,
)
from tests.surveys.factories import WaveFactory, add_survey_page
from tests.surveys.importing import run
from tests.surveys.journey import answer_sections, url

pytestmark = pytest.mark.django_db
FREE_TEXT = "local_concerns"
# Respondent ids from a fieldwork file: up to 64 characters, unique, no NUL byte.
# Ids with control characters are refused at import (a line error), so not stored here.
HOSTILE_IDS = [
    f"{text[:60]}#{number}"
    for number, text in enumerate(HOSTILE_STRINGS)
    if not has_control_characters(text)
]


@pytest.fixture
def wave(site, wards, settings):
    settings.RATELIMIT_ENABLED = False
    wave = WaveFactory()
    add_survey_page(wave.survey)
    return wave


def test_the_resident_journey_stores_free_text_plain_and_the_check_page_escapes_it(client, wave):
    answer_sections(client, client.post(url("start")))
    section = wave.sections.get(title="Anything else")
    for text in HOSTILE_STRINGS:
        response = client.post(url("step", section.pk) + "?change=1", {FREE_TEXT: text})
        if response.status_code == 400:  # refused with a message (a NUL byte): shown escaped
            assert "\x00" in text
            assert_no_live_markup(response.content.decode())
            continue
        assert response.status_code == 302, text
        stored = answer_store.answers_of(SurveyResponse.objects.get()).get(FREE_TEXT, [])
        assert len(stored) <= 1
        assert_plain(stored[0] if stored else "", text)
        check = client.get(url("check")).content.decode()
        assert_no_live_markup(check)
        if stored and not any(space in stored[0] for space in "\n\t"):
            assert escape(stored[0]) in check  # shown, as text
        # The step page shows the answer again in its text box, escaped.
        assert_no_live_markup(client.get(url("step", section.pk)).content.decode())
    assert client.post(url("check"))["Location"] == url("done")
    assert SurveyResponse.objects.complete().count() == 1
    assert Wave.objects.filter(pk=wave.pk).exists()


def test_imported_free_text_is_plain_and_exports_neutralise_formulas(client, tmp_path, wards):
    WaveFactory()
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent_id", "completed_at", FREE_TEXT])
        for number, text in enumerate(HOSTILE_STRINGS):
            writer.writerow([f"H{number}", "2026-01-02", text])
        for text in HOSTILE_IDS:  # the analysts' ids are free text too
            writer.writerow([text, "2026-01-03", ""])
    status, _out, err = run(str(path))
    assert status == 0, err
    ids = dict(SurveyResponse.objects.values_list("pk", "respondent_id"))
    wave = Wave.objects.get(year=2026)
    stored = {
        ids[pk]: text
        for pk, triples in answer_store.wave_answers_by_response(wave, chunk_size=100)
        for question, code, text in triples
        if question == FREE_TEXT and code == TEXT_ANSWER_CODE
    }
    for number, text in enumerate(HOSTILE_STRINGS):
        assert_plain(stored.get(f"H{number}", ""), text)
    assert SurveyResponse.objects.count() == len(HOSTILE_STRINGS) + len(HOSTILE_IDS)

    client.force_login(UserFactory(username="hostile-analyst", groups=[ANALYSTS]))
    wave = Wave.objects.get(year=2026)
    exported = response_bytes(client.get(reverse("surveys_export", args=[wave.pk, "csv"])))
    cells = csv_cells(exported.decode())
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert_cells_safe(cells)
    xlsx = response_bytes(client.get(reverse("surveys_export", args=[wave.pk, "xlsx"])))
    assert_cells_safe(xlsx_cells(xlsx))

    # The responses listing shows the ids, escaped; its own CSV export is formula-safe.
    listing = client.get("/admin/survey_responses/")
    assert listing.status_code == 200
    assert_no_live_markup(listing.content.decode())
    listed = response_bytes(client.get("/admin/survey_responses/", {"export": "csv"}))
    assert_cells_safe(csv_cells(listed.decode()))
    xlsx_cells(response_bytes(client.get("/admin/survey_responses/", {"export": "xlsx"})))
