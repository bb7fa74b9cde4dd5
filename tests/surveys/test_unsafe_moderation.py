"""The moderation workflow: transitions, redaction, duplicates, notes, safeguarding, audit."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from surveys.models import UnsafePlaceReport
from surveys.unsafe_places import moderation
from surveys.unsafe_places.enums import (
    CLOSED,
    NEEDS_PARTNER,
    NEEDS_REASON,
    TRANSITIONS,
    ReportStatus,
)
from tests.surveys.unsafe_factories import (
    PartnerFactory,
    UnsafePlaceReportFactory,
    moderator,
    safeguarding_lead,
)

ALL_PAIRS = [(a, b) for a in ReportStatus.values for b in ReportStatus.values]


def _arguments(to_status):
    kwargs = {}
    if to_status in NEEDS_REASON:
        kwargs["reason"] = "Crime report: sent to the police"
    if to_status in NEEDS_PARTNER:
        kwargs["partner"] = PartnerFactory(name="Havering Council street lighting")
    return kwargs


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_every_transition_is_allowed_or_refused_by_the_workflow(wards, from_status, to_status):
    partner = PartnerFactory() if from_status == ReportStatus.REFERRED else None
    report = UnsafePlaceReportFactory(status=from_status, referred_to=partner)
    user = moderator()

    if to_status in TRANSITIONS[from_status]:
        moderation.transition(report, to_status, user, **_arguments(to_status))
        report.refresh_from_db()
        assert report.status == to_status
        assert (report.closed_on is not None) == (to_status in CLOSED)
        entry = ModelLogEntry.objects.for_instance(report).get()
        assert entry.user == user
        assert entry.data["from"] == from_status and entry.data["to"] == to_status
    else:
        with pytest.raises(ValidationError):
            moderation.transition(report, to_status, user, **_arguments(to_status))
        report.refresh_from_db()
        assert report.status == from_status
        assert not ModelLogEntry.objects.for_instance(report).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("to_status", sorted(NEEDS_REASON))
def test_closing_without_a_fix_or_rejecting_needs_a_reason(wards, to_status):
    report = UnsafePlaceReportFactory(status=ReportStatus.UNDER_REVIEW)

    with pytest.raises(ValidationError) as error:
        moderation.transition(report, to_status, moderator(), reason="  ")
    assert "reason" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == ReportStatus.UNDER_REVIEW


@pytest.mark.django_db
def test_referring_needs_a_partner_and_records_it(wards):
    report = UnsafePlaceReportFactory()
    with pytest.raises(ValidationError):
        moderation.transition(report, ReportStatus.REFERRED, moderator())

    partner = PartnerFactory(name="Transport for London")
    moderation.transition(report, ReportStatus.REFERRED, moderator(), partner=partner)
    report.refresh_from_db()
    assert report.referred_to == partner
    entry = ModelLogEntry.objects.for_instance(report).get()
    assert "Transport for London" in entry.message


@pytest.mark.django_db
def test_rejected_reports_do_not_count(wards):
    kept = UnsafePlaceReportFactory()
    rejected = UnsafePlaceReportFactory()
    moderation.transition(rejected, ReportStatus.REJECTED, moderator(), reason="Spam")

    assert list(UnsafePlaceReport.objects.counted()) == [kept]


@pytest.mark.django_db
def test_redaction_overwrites_the_original_and_logs_only_that_it_happened(wards):
    report = UnsafePlaceReportFactory(description="Jane Smith at 12 High St follows me")

    moderation.redact_description(report, "[name] at [address] follows me", moderator())

    report.refresh_from_db()
    assert report.description == "[name] at [address] follows me"
    assert report.description_redacted
    entries = list(ModelLogEntry.objects.for_instance(report))
    assert [entry.action for entry in entries] == [moderation.ACTION_REDACT]
    assert "Jane" not in str(entries[0].data) and "Jane" not in entries[0].message


@pytest.mark.django_db
def test_redaction_refuses_text_longer_than_500_characters(wards):
    report = UnsafePlaceReportFactory(description="original")
    with pytest.raises(ValidationError):
        moderation.redact_description(report, "x" * 501, moderator())
    report.refresh_from_db()
    assert report.description == "original"


@pytest.mark.django_db
def test_near_duplicates_are_pins_within_the_distance_and_period(wards):
    report = UnsafePlaceReportFactory(latitude="51.5768", longitude="0.1837")
    near = UnsafePlaceReportFactory(latitude="51.5771", longitude="0.1839")  # ~37 m
    far = UnsafePlaceReportFactory(latitude="51.5800", longitude="0.1837")  # ~356 m
    old = UnsafePlaceReportFactory(latitude="51.5768", longitude="0.1837")
    UnsafePlaceReport.objects.filter(pk=old.pk).update(
        submitted_on=timezone.localdate() - timedelta(days=200)
    )

    assert moderation.near_duplicates(report, metres=75, days=90) == [near]
    assert set(moderation.near_duplicates(report, metres=500, days=90)) == {near, far}
    with override_settings(UNSAFE_PLACES_DUPLICATE_DAYS=365):
        assert set(moderation.near_duplicates(report)) == {near, old}


@pytest.mark.django_db
def test_near_duplicates_without_pins_are_the_same_place_in_the_same_ward(wards):
    report = UnsafePlaceReportFactory(ward=wards[0], place="Park Lane underpass")
    same = UnsafePlaceReportFactory(ward=wards[0], place="park lane UNDERPASS")
    UnsafePlaceReportFactory(ward=wards[1], place="Park Lane underpass")

    assert moderation.near_duplicates(report) == [same]


@pytest.mark.django_db
def test_a_group_shares_one_public_outcome_note(wards):
    reports = UnsafePlaceReportFactory.create_batch(3)
    user = moderator()
    group = moderation.group_duplicates(reports[:2], user, label="Station car park")
    moderation.group_duplicates([reports[1], reports[2]], user)

    moderation.set_public_note(reports[0], "Street lights repaired on 3 March", user)

    for report in reports:
        report.refresh_from_db()
        assert report.duplicate_group == group
        assert report.outcome_note == "Street lights repaired on 3 March"


@pytest.mark.django_db
def test_grouping_needs_two_reports(wards):
    with pytest.raises(ValidationError):
        moderation.group_duplicates([UnsafePlaceReportFactory()], moderator())


@pytest.mark.django_db
def test_a_public_note_on_one_report_is_plain_text(wards):
    report = UnsafePlaceReportFactory()
    moderation.set_public_note(report, "<b>Hedges cut</b> back", moderator())
    report.refresh_from_db()
    assert report.outcome_note == "Hedges cut back"


@pytest.mark.django_db
def test_a_safeguarding_flag_leaves_the_general_queue_and_tells_the_leads(wards):
    lead = safeguarding_lead(email="lead@example.org")
    flagger = moderator()
    report = UnsafePlaceReportFactory()

    with pytest.raises(ValidationError):
        moderation.mark_safeguarding_handled(report, lead)
    moderation.flag_safeguarding(report, flagger, note="Mentions a child at risk")

    report.refresh_from_db()
    assert report not in UnsafePlaceReport.objects.general_queue()
    assert report in UnsafePlaceReport.objects.safeguarding_queue()
    assert report.safeguarding_flagged_by == flagger
    moderation.mark_safeguarding_handled(report, lead, note="Called the duty team")
    report.refresh_from_db()
    assert report.safeguarding_handled_by == lead
    actions = [e.action for e in ModelLogEntry.objects.for_instance(report).order_by("pk")]
    assert actions == [moderation.ACTION_SAFEGUARDING, moderation.ACTION_SAFEGUARDING_HANDLED]


@pytest.mark.django_db(transaction=True)
def test_the_safeguarding_leads_get_an_email_at_once(wards):
    safeguarding_lead(email="lead@example.org")
    moderator(email="someone@example.org")
    report = UnsafePlaceReportFactory(description="private")

    moderation.flag_safeguarding(report, moderator())

    assert [m.to for m in mail.outbox] == [["lead@example.org"]]
    assert report.reference in mail.outbox[0].subject
    assert "private" not in mail.outbox[0].body


@pytest.mark.django_db
def test_descriptions_are_purged_after_the_retention_period(wards):
    today = timezone.localdate()
    expired = UnsafePlaceReportFactory(status="fixed", closed_on=today - timedelta(days=91))
    recent = UnsafePlaceReportFactory(status="fixed", closed_on=today - timedelta(days=10))
    open_case = UnsafePlaceReportFactory(status="under_review")

    with override_settings(UNSAFE_PLACES_DESCRIPTION_RETENTION_DAYS=90):
        assert moderation.purge_expired_descriptions() == 1
        assert moderation.purge_expired_descriptions() == 0  # idempotent

    for report in (expired, recent, open_case):
        report.refresh_from_db()
    assert expired.description == "" and expired.description_purged_on == today
    assert recent.description and open_case.description
