"""Every form draws its error summary and fields from the one GOV.UK component, so a
resident who follows an error link lands on the field to fix, and every label names an
element that is there."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms

from communitysafety.common.govuk import describe_bound_field, select_field
from communitysafety.home.templatetags.govuk import error_links

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    """The ids on a page, the targets of its labels and of its error summary's links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.label_targets: list[str] = []
        self.summary_links: list[str] = []
        self.summaries = 0
        self._in_summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "label" and attributes.get("for"):
            self.label_targets.append(attributes["for"] or "")
        if "govuk-error-summary" in (attributes.get("class") or "").split():
            self.summaries += 1
            self._in_summary = True
        if tag == "a" and self._in_summary and (attributes.get("href") or "").startswith("#"):
            self.summary_links.append((attributes["href"] or "")[1:])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_summary = False


def _parsed(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def _assert_links_land(page: _Ids) -> None:
    assert page.summaries == 1
    assert page.summary_links, "the error summary links to no field"
    missing = [target for target in page.summary_links if target not in page.ids]
    assert missing == []
    assert [label for label in page.label_targets if label not in page.ids] == []
    assert [i for i, n in Counter(page.ids).items() if n > 1] == []


def test_an_empty_unsafe_place_report_links_each_error_to_its_field(client, site, wards):
    page = _parsed(client.post("/unsafe-places/report/", {}).content.decode())
    _assert_links_land(page)
    assert "id_environmental_0" in page.summary_links  # checkboxes: the first box
    assert "id_time_of_day_0" in page.summary_links  # radios: the first radio


def test_an_empty_report_look_up_links_its_error_to_the_reference(client, site, wards):
    page = _parsed(client.post("/unsafe-places/check/", {"reference": ""}).content.decode())
    _assert_links_land(page)
    assert page.summary_links == ["id_reference"]


def test_an_empty_alerts_sign_up_links_each_error_to_its_field(client, site, wards):
    page = _parsed(client.post("/alerts/", {"email": ""}).content.decode())
    _assert_links_land(page)
    assert {"id_email", "id_consent", "id_topics_0"} <= set(page.summary_links)


def test_a_listing_filter_with_an_unknown_value_shows_everything_without_an_error(
    client, site, wards
):
    from comms.content.filters import EventFilterForm

    form = EventFilterForm({"ward": "E05999999", "when": "someday"})
    assert form.cleaned() == {}
    assert form.errors == {}
    assert describe_bound_field(form["ward"])["errors"] == []


class _Example(forms.Form):
    name = forms.CharField(label="Name", max_length=20, help_text="As you like")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")
    notes = forms.CharField(label="Notes", max_length=9, widget=forms.Textarea, required=False)


def test_a_django_field_is_described_with_the_ids_django_renders():
    form = _Example({"name": "", "colour": "b"})
    name, colour, agree, notes = (describe_bound_field(form[n]) for n in _Example.base_fields)
    assert (name["kind"], name["id"], name["hint"]) == ("input", "id_name", "As you like")
    assert name["errors"] and ("maxlength", "20") in name["attrs"]
    assert colour["kind"] == "radios"
    assert [(i["id"], i["checked"]) for i in colour["items"]] == [
        ("id_colour_0", False),
        ("id_colour_1", True),
    ]
    assert (agree["kind"], agree["value"]) == ("checkbox", False)
    assert notes["kind"] == "textarea" and notes["attrs"] == []  # no silent cut-off


def test_error_links_go_to_the_first_option_of_radios_and_to_named_get_fields():
    form = _Example({})
    assert [link["href"] for link in error_links(form)] == ["#id_name", "#id_colour_0", "#id_agree"]
    assert error_links({"end": "Choose a month"}) == [{"href": "#end", "message": "Choose a month"}]
    assert error_links(None) == []


def test_a_get_select_marks_the_chosen_option_and_carries_its_error():
    field = select_field("periods", "Periods", [(1, "1"), (2, "2")], 2, "Choose 1 or 2")
    assert [i["checked"] for i in field["items"]] == [False, True]
    assert field["errors"] == ["Choose 1 or 2"]
