"""Roadshows and community events: where residents meet officers and partners."""

import functools

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from comms.content.blocks import ContentBodyBlock
from comms.models.base import ContentPageMixin, lazy_listing
from communitysafety.home.routing import (
    CachedChildRoutesMixin,
    CachedViewRestrictionsMixin,
    public_pages,
)


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Going ahead")
    CANCELLED = "cancelled", _("Cancelled")
    RESCHEDULED = "rescheduled", _("Rescheduled")


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "comms.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None) -> "EventPageQuerySet":
        """Events that have not ended yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None) -> "EventPageQuerySet":
        """Events that have ended, most recent first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


def event_problems(
    start, end, is_online: bool, venue_name: str, address: str, online_url: str
) -> dict[str, str]:
    """What stops an event being published, by field: read by the admin form and the API."""
    problems: dict[str, str] = {}
    if start and end and end < start:
        problems["end"] = _("The event must end after it starts. Check the end date and time.")
    if not is_online and not (venue_name.strip() and address.strip()):
        field = "venue_name" if not venue_name.strip() else "address"
        problems[field] = _(
            "Give the venue name and address, or tick 'online event' and give the joining link."
        )
    if is_online and not online_url.strip():
        problems["online_url"] = _("Give the joining link for an online event.")
    return problems


class EventPageForm(WagtailAdminPageForm):
    """Blocks publishing (and submitting for review) an event residents could not attend."""

    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation:
            # Saving a draft: let editors keep unfinished work.
            return cleaned
        problems = event_problems(
            cleaned.get("start"),
            cleaned.get("end"),
            bool(cleaned.get("is_online")),
            cleaned.get("venue_name") or "",
            cleaned.get("address") or "",
            cleaned.get("online_url") or "",
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


class EventIndexPage(CachedChildRoutesMixin, CachedViewRestrictionsMixin, ContentPageMixin, Page):
    """/events/: upcoming and past roadshows, filtered by ward and month, with a map."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["comms.EventPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "comms/event_index_page.html"

    class Meta:
        verbose_name = _("event index page")

    def events(self) -> EventPageQuerySet:
        return (
            public_pages(EventPage.objects.child_of(self).live())
            .select_related("ward")
            .defer("ward__boundary")  # large; the map reads /events/wards.geojson instead
        )

    def get_context(self, request, *args, **kwargs):
        from comms.content.filters import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None)
        results, result_count = lazy_listing(request, lambda: form.filter(self.events()))
        context.update(
            filter_form=form,
            showing_past=form.showing_past,  # a template calls it: no look-up when cached
            results=results,
            result_count=result_count,
            query_string=form.query_string(),
        )
        return context


class EventPage(CachedViewRestrictionsMixin, ContentPageMixin, Page):
    """One roadshow or community event, with what happened afterwards."""

    summary = models.TextField(_("summary"), max_length=400)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("Why it was cancelled, or the old date when it has moved."),
    )
    is_online = models.BooleanField(_("online event"), default=False)
    online_url = models.URLField(_("joining link"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=150, blank=True)
    address = models.TextField(_("address"), max_length=300, blank=True)
    ward = models.ForeignKey(
        "wards.Ward",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_pages",
        verbose_name=_("ward"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        max_length=600,
        blank=True,
        help_text=_("Step-free access, hearing loop, toilets, parking, quiet space…"),
    )
    booking_url = models.URLField(_("booking link"), blank=True)
    partners = ParentalManyToManyField(
        "vocabularies.PartnerOrganisation",
        related_name="event_pages",
        blank=True,
        verbose_name=_("partners attending"),
    )
    topics = ParentalManyToManyField(
        "vocabularies.Topic", related_name="event_pages", blank=True, verbose_name=_("topics")
    )
    body = StreamField(ContentBodyBlock(), blank=True, verbose_name=_("body"), use_json_field=True)
    outcome = models.TextField(
        _("what happened / what you told us"),
        max_length=1500,
        blank=True,
        help_text=_("After the event: how many came, what residents raised, what we will do."),
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True)

    objects = EventPageManager()

    base_form_class = EventPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("status"),
                FieldPanel("status_note"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("ward"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("is_online"),
                FieldPanel("online_url"),
                FieldPanel("accessibility"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("booking_url"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("body"),
        FieldPanel("outcome"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.SearchField("address"),
        index.SearchField("body"),
        index.SearchField("outcome"),
        index.RelatedFields("ward", [index.SearchField("name")]),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["comms.EventIndexPage"]
    subpage_types: list[str] = []
    template = "comms/event_page.html"

    class Meta:
        verbose_name = _("event page")
        ordering = ["start"]

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def og_type(self) -> str:
        return "event"

    def location_point(self) -> tuple[float, float] | None:
        """(lat, lng) for the map: the venue when given, else the middle of its ward."""
        if self.latitude is not None and self.longitude is not None:
            return (self.latitude, self.longitude)
        if self.ward_id:
            from comms.content.geography import ward_centre

            return ward_centre(self.ward)
        return None

    def ics_url(self) -> str:
        """The .ics download for this event: beside its page, e.g. /events/<slug>.ics."""
        return f"{self.get_parent().url}{self.slug}.ics"

    def get_context(self, request, *args, **kwargs):
        from comms.content.structured_data import event_json_ld

        context = super().get_context(request, *args, **kwargs)
        # A template calls it, so a cached fragment costs no partner or ward look-up.
        context["json_ld"] = functools.partial(event_json_ld, self, request)
        return context
