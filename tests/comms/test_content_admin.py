"""Editors create content in the Wagtail admin; bad input is refused with a clear message."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from comms.content.workflow import WORKFLOW_NAME, ensure_review_workflow
from comms.models import AdvicePage, EventPage, NewsPage, SiteBanner
from communitysafety.vocabularies.models import StrategicPriority, Topic
from tests.comms.content_factories import AdvicePageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def list_block(items: list) -> dict:
    """Form data for a ListBlock (like wagtail's `streamfield`, without block types)."""
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def add_url(model: str, parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("comms", model, parent.pk))


def event_form(**overrides) -> dict:
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "title": "Harold Hill community day",
        "slug": "harold-hill-community-day",
        "summary": "Advice on scams and burglary.",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
        "status": "scheduled",
        "status_note": "",
        "venue_name": "Harold Hill Library",
        "address": "Farnham Road, Harold Hill RM3 8ED",
        "online_url": "",
        "accessibility": "Step-free.",
        "booking_url": "",
        "outcome": "",
        "tags": "",
        "body": streamfield([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_and_publishes_an_advice_page_with_steps_and_topics(
    client, editor, advice_index
):
    client.force_login(editor)
    burglary = Topic.objects.get(slug="burglary")
    priority = StrategicPriority.objects.get(number=5)
    data = nested_form_data(
        {
            "title": "Protect your shed",
            "slug": "protect-your-shed",
            "summary": "Sheds hold tools burglars use.",
            "steps": streamfield(
                [
                    (
                        "steps",
                        {
                            "heading": "What you can do",
                            "steps": list_block(
                                [
                                    {"title": "Fit a padlock", "detail": rich_text("")},
                                    {"title": "Mark your tools", "detail": rich_text("")},
                                ]
                            ),
                        },
                    )
                ]
            ),
            "body": streamfield([("paragraph", rich_text("<p>Keep ladders locked away.</p>"))]),
            "show_emergency_warning": "on",
            "report_phone": "101",
            "report_online_url": "https://www.met.police.uk/ro/report/",
            "report_notes": "",
            "last_reviewed": "2026-11-01",
            "review_due": "2027-11-01",
            "tags": "sheds, gardens",
            "action-publish": "action-publish",
        }
    )
    data["topics"] = [str(burglary.pk)]
    data["priorities"] = [str(priority.pk)]
    response = client.post(add_url("advicepage", advice_index), data)
    assert response.status_code == 302, response.context["form"].errors
    page = AdvicePage.objects.get(slug="protect-your-shed")
    assert page.live
    assert [s["title"] for s in page.steps[0].value["steps"]] == [
        "Fit a padlock",
        "Mark your tools",
    ]
    assert list(page.topics.all()) == [burglary]
    assert sorted(page.tags.names()) == ["gardens", "sheds"]
    assert client.get(page.url).status_code == 200


def test_pasted_word_markup_is_cleaned_to_the_allowed_features(client, editor, advice_index):
    client.force_login(editor)
    word = (
        '<p class="MsoNormal" style="font-family:Calibri"><span style="color:red">'
        "<b>Never</b> give your PIN</span><o:p></o:p></p>"
        "<h1>Big heading</h1><table><tr><td>cell text</td></tr></table>"
        "<script>alert(1)</script>"
    )
    data = nested_form_data(
        {
            "title": "PIN safety",
            "slug": "pin-safety",
            "summary": "Keep your PIN to yourself.",
            "steps": streamfield([]),
            "body": streamfield([("paragraph", rich_text(word))]),
            "report_phone": "101",
            "report_online_url": "",
            "report_notes": "",
            "last_reviewed": "2026-11-01",
            "review_due": "2027-11-01",
            "tags": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(add_url("advicepage", advice_index), data)
    assert response.status_code == 302
    stored = AdvicePage.objects.get(slug="pin-safety").body[0].value.source
    assert "<b>Never</b> give your PIN" in stored
    for dirt in ("style=", "MsoNormal", "<o:p", "<h1", "<table", "<td", "<script"):
        assert dirt not in stored
    # Text inside dropped elements survives as plain text, escaped on output.
    assert "cell text" in stored


def test_editor_creates_an_event(client, editor, event_index, wards):
    client.force_login(editor)
    data = event_form()
    data["ward"] = str(wards[0].pk)
    response = client.post(add_url("eventpage", event_index), data)
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="harold-hill-community-day")
    assert event.live and event.ward == wards[0]


def test_event_ending_before_it_starts_cannot_be_published(client, editor, event_index):
    client.force_login(editor)
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = event_form(
        start=start.strftime("%Y-%m-%d %H:%M"),
        end=(start - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
    )
    response = client.post(add_url("eventpage", event_index), data)
    assert response.status_code == 200
    assert "The event must end after it starts" in str(response.context["form"].errors["end"])
    assert not EventPage.objects.exists()


def test_event_without_a_venue_and_not_online_cannot_be_published(client, editor, event_index):
    client.force_login(editor)
    response = client.post(add_url("eventpage", event_index), event_form(venue_name=""))
    assert response.status_code == 200
    assert "Give the venue name and address" in str(response.context["form"].errors)
    assert not EventPage.objects.exists()


def test_online_event_needs_no_venue_but_a_joining_link(client, editor, event_index):
    client.force_login(editor)
    data = event_form(venue_name="", address="", is_online="on", online_url="")
    response = client.post(add_url("eventpage", event_index), data)
    assert "Give the joining link" in str(response.context["form"].errors)
    data = event_form(
        venue_name="", address="", is_online="on", online_url="https://meet.example.org/x"
    )
    assert client.post(add_url("eventpage", event_index), data).status_code == 302


def test_an_unfinished_event_can_still_be_saved_as_a_draft(client, editor, event_index):
    client.force_login(editor)
    data = event_form(venue_name="")
    del data["action-publish"]
    response = client.post(add_url("eventpage", event_index), data)
    assert response.status_code == 302
    assert not EventPage.objects.get().live


def test_editor_creates_a_news_page(client, editor, news_index):
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": "Roadshows return",
            "slug": "roadshows-return",
            "date": "2026-11-20",
            "summary": "A roadshow in every ward.",
            "body": streamfield([("paragraph", rich_text("<p>Dates below.</p>"))]),
            "tags": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(add_url("newspage", news_index), data)
    assert response.status_code == 302, response.context["form"].errors
    assert NewsPage.objects.get(slug="roadshows-return").live


@pytest.mark.parametrize("model", ["adviceindexpage", "eventindexpage", "newsindexpage"])
def test_editor_can_open_the_add_form_for_each_section(client, editor, home, model):
    client.force_login(editor)
    assert client.get(add_url(model, home)).status_code == 200


def test_editor_can_open_the_add_and_edit_forms_of_each_content_page(
    client, editor, advice_index, event_index, news_index
):
    client.force_login(editor)
    for model, parent in (
        ("advicepage", advice_index),
        ("eventpage", event_index),
        ("newspage", news_index),
    ):
        response = client.get(add_url(model, parent))
        assert response.status_code == 200, model
    event = EventPageFactory(parent=event_index)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
    assert "Partners attending" in html and "Accessibility" in html


def test_editor_sets_a_site_banner_with_an_expiry(client, editor, site):
    client.force_login(editor)
    url = reverse("wagtailsnippets_comms_sitebanner:add")
    now = timezone.localtime()
    response = client.post(
        url,
        {
            "title": "Scam warning",
            "message": "Hang up on callers asking for your card.",
            "link_url": "",
            "link_text": "",
            "level": "warning",
            "is_enabled": "on",
            "starts_at": now.strftime("%Y-%m-%d %H:%M"),
            "expires_at": (now + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302
    assert SiteBanner.objects.get().title == "Scam warning"
    assert "Scam warning" in client.get("/").content.decode()


def test_stale_advice_report_lists_only_advice_past_its_review_date(client, editor, advice_index):
    today = timezone.localdate()
    AdvicePageFactory(
        parent=advice_index, title="Old scams advice", review_due=today - datetime.timedelta(1)
    )
    AdvicePageFactory(
        parent=advice_index, title="Fresh burglary advice", review_due=today + datetime.timedelta(9)
    )
    client.force_login(editor)
    html = client.get(reverse("comms_stale_advice")).content.decode()
    assert "Old scams advice" in html
    assert "Fresh burglary advice" not in html
    csv = client.get(reverse("comms_stale_advice") + "?export=csv")
    assert b"Old scams advice" in b"".join(csv.streaming_content)


def test_pages_preview_on_mobile_and_desktop(advice_index):
    page = AdvicePageFactory(parent=advice_index)
    names = [size["name"] for size in page.preview_sizes]
    assert names[0] == "mobile" and "desktop" in names
    assert page.default_preview_size == "mobile"


def test_editor_submits_for_review_and_an_approver_publishes(client, editor, approver, event_index):
    ensure_review_workflow()
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert event_index.get_workflow() == workflow
    client.force_login(editor)
    data = event_form()
    del data["action-publish"]
    data["action-submit"] = "action-submit"
    response = client.post(add_url("eventpage", event_index), data)
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert not event.live
    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(approver)
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(event.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": "Looks right."})
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live


def test_approvers_group_is_separate_from_moderators(db):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask

    ensure_review_workflow()
    task = GroupApprovalTask.objects.get(name="Approver review")
    assert [g.name for g in task.groups.all()] == ["Approvers"]
    assert Group.objects.filter(name="Moderators").exists()


def test_event_factory_makes_valid_events(event_index):
    event = EventPageFactory(parent=event_index)
    assert event.end > event.start
