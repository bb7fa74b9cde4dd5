"""Hostile strings in residents' free text: stored as plain text, never executed,
escaped on every page and admin listing that shows them, neutralised in exports."""

import pytest

from surveys.models import UnsafePlaceReport
from tests.security.hostile import (
    DANGEROUS_HTML,
    HOSTILE_STRINGS,
    XSS,
    assert_cells_safe,
    assert_no_live_markup,
    assert_plain,
    csv_cells,
    response_bytes,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, wards, site, settings):
    """Every hostile string submitted as a report's place and description through the API."""
    settings.RATELIMIT_ENABLED = False
    references = {}
    for text in HOSTILE_STRINGS:
        response = client.post(
            "/api/v1/unsafe-places/",
            {
                "ward": wards[0].code,
                "place": text[:200],
                "reasons": ["badly_lit"],
                "time_of_day": "after_dark",
                "description": text,
            },
            content_type="application/json",
        )
        if response.status_code == 201:
            references[text] = response.json()["reference"]
        else:  # refused outright (e.g. nothing left once markup is stripped): nothing stored
            assert response.status_code == 400, response.content
    return references


def test_hostile_text_is_stored_as_plain_text(submitted):
    assert len(submitted) >= len(HOSTILE_STRINGS) // 2
    for text, reference in submitted.items():
        report = UnsafePlaceReport.objects.get(reference=reference)
        assert_plain(report.description, text)
        assert_plain(report.place, text[:200])
        if "&lt;" not in text:  # entity-encoded markup is kept as the literal text typed
            assert "<script" not in report.description.lower()
            assert "<img" not in report.place.lower()


def test_hostile_text_is_escaped_in_the_admin_listing_and_moderation_page(client, submitted):
    from tests.surveys.unsafe_factories import moderator

    client.force_login(moderator(username="hostile-mod"))
    pages = [client.get("/admin/unsafe-places/reports/")]
    pages += [
        client.get(f"/admin/unsafe-places/{report.pk}/moderate/")
        for report in UnsafePlaceReport.objects.all()[:8]
    ]
    for response in pages:
        assert response.status_code == 200
        assert_no_live_markup(response.content.decode())


def test_public_pages_never_show_descriptions_and_escape_what_they_show(client, submitted):
    for path in ("/unsafe-places/", "/api/v1/unsafe-places/summary/"):
        body = client.get(path).content.decode()
        for fragment in DANGEROUS_HTML:
            assert fragment not in body
    reference = next(iter(submitted.values()))
    body = client.post("/unsafe-places/check/", {"reference": reference}).content.decode()
    for fragment in DANGEROUS_HTML:
        assert fragment not in body


def test_csv_export_neutralises_formulas(client, submitted):
    from tests.surveys.unsafe_factories import moderator

    client.force_login(moderator(username="hostile-exporter"))
    response = client.get("/admin/unsafe-places/export.csv")
    assert_cells_safe(csv_cells(b"".join(response.streaming_content).decode()))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_report_list_exports_neutralise_formulas(client, submitted, fmt):
    from tests.surveys.unsafe_factories import moderator

    client.force_login(moderator(username=f"hostile-lister-{fmt}"))
    response = client.get("/admin/unsafe-places/reports/", {"export": fmt})
    content = response_bytes(response)
    assert_cells_safe(csv_cells(content.decode()) if fmt == "csv" else xlsx_cells(content))


def test_the_html_report_form_stores_plain_text_and_escapes_what_it_shows(
    client, wards, site, settings
):
    """The resident's form (not the API): the thank-you page, and the form shown again
    with an error holding what the resident typed, both escape it."""
    settings.RATELIMIT_ENABLED = False
    form = {"ward": wards[0].code, "environmental": ["badly_lit"], "time_of_day": "after_dark"}
    for text in HOSTILE_STRINGS:
        again = client.post(
            "/unsafe-places/report/",
            {**form, "time_of_day": "", "place": text[:200], "description": text},
        )
        assert again.status_code in (200, 400)
        assert_no_live_markup(again.content.decode())
        before = UnsafePlaceReport.objects.count()
        response = client.post(
            "/unsafe-places/report/", {**form, "place": text[:200], "description": text}
        )
        assert_no_live_markup(response.content.decode())
        if UnsafePlaceReport.objects.count() == before:  # refused: nothing left once stripped
            assert response.status_code == 400, text
            continue
        report = UnsafePlaceReport.objects.latest("pk")
        assert_plain(report.description, text)
        assert_plain(report.place, text[:200])


def test_moderators_notes_and_redactions_are_plain_and_escaped_where_residents_read_them(
    client, wards, site, settings
):
    from tests.surveys.unsafe_factories import UnsafePlaceReportFactory, moderator

    settings.RATELIMIT_ENABLED = False
    report = UnsafePlaceReportFactory(ward=wards[0])
    client.force_login(moderator(username="hostile-note-writer"))
    page = f"/admin/unsafe-places/{report.pk}/moderate/"
    public = ["/unsafe-places/", "/you-said-we-did/"]
    for text in HOSTILE_STRINGS:
        for action, field in (("note", "note"), ("redact", "description")):
            response = client.post(page, {"action": action, field: text})
            assert response.status_code in (200, 302), (action, text)
        report.refresh_from_db()
        if "\x00" not in text:  # a NUL byte is refused by the form
            assert_plain(report.outcome_note, text)
            assert_plain(report.description, text)
        assert_no_live_markup(client.get(page).content.decode())
        lookup = client.post("/unsafe-places/check/", {"reference": report.reference})
        assert_no_live_markup(lookup.content.decode())
        if text == "1 < 2 && 3 > 2":  # shown to the resident, as text
            assert "1 &lt; 2 &amp;&amp; 3 &gt; 2" in lookup.content.decode()
        if text in XSS:  # the heavier public pages, for the strings that carry markup
            for path in public:
                assert_no_live_markup(client.get(path).content.decode())
