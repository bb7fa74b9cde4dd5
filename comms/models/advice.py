"""Crime-prevention advice: what residents read when they are worried about something."""

import datetime

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from comms.content.blocks import ContentBodyBlock, NumberedStepsBlock
from comms.models.base import ContentPageMixin, lazy_listing
from communitysafety.home.routing import (
    CachedChildRoutesMixin,
    CachedViewRestrictionsMixin,
    public_pages,
)

REVIEW_INTERVAL_DAYS = 365
DEFAULT_REPORT_ONLINE_URL = "https://www.met.police.uk/ro/report/"


class AdvicePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "comms.AdvicePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def _default_review_due() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


class AdviceIndexPage(CachedChildRoutesMixin, CachedViewRestrictionsMixin, ContentPageMixin, Page):
    """/advice/: residents browse advice by topic, strategic priority and ward."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["comms.AdvicePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "comms/advice_index_page.html"

    class Meta:
        verbose_name = _("advice index page")

    def advice(self):
        return (
            public_pages(AdvicePage.objects.child_of(self).live())
            .order_by("title")
            .prefetch_related("topics")
        )

    def get_context(self, request, *args, **kwargs):
        from comms.content.filters import AdviceFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = AdviceFilterForm(request.GET or None)
        results, result_count = lazy_listing(request, lambda: form.filter(self.advice()))
        context.update(
            filter_form=form,
            results=results,
            result_count=result_count,
            query_string=form.query_string(),
        )
        return context


class AdvicePage(CachedViewRestrictionsMixin, ContentPageMixin, Page):
    """One piece of crime-prevention advice, reviewed at least once a year."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three sentences: who this is for.")
    )
    steps = StreamField(
        [("steps", NumberedStepsBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("what you can do"),
        use_json_field=True,
    )
    body = StreamField(ContentBodyBlock(), blank=True, verbose_name=_("body"), use_json_field=True)
    show_emergency_warning = models.BooleanField(
        _("show 'if it is happening now call 999'"), default=True
    )
    report_online_url = models.URLField(
        _("report online address"), blank=True, default=DEFAULT_REPORT_ONLINE_URL
    )
    report_phone = models.CharField(_("non-emergency number"), max_length=40, default="101")
    report_notes = models.CharField(
        _("other ways to report"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Action Fraud on 0300 123 2040 for fraud."),
    )
    topics = ParentalManyToManyField(
        "vocabularies.Topic", related_name="advice_pages", blank=True, verbose_name=_("topics")
    )
    priorities = ParentalManyToManyField(
        "vocabularies.StrategicPriority",
        related_name="advice_pages",
        blank=True,
        verbose_name=_("strategic priorities"),
    )
    wards = ParentalManyToManyField(
        "wards.Ward",
        related_name="advice_pages",
        blank=True,
        verbose_name=_("wards"),
        help_text=_("Leave empty when the advice applies across the borough."),
    )
    related_advice = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related advice")
    )
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    review_due = models.DateField(
        _("review due"),
        default=_default_review_due,
        help_text=_("Shows in the 'advice past its review date' report after this date."),
    )
    tags = ClusterTaggableManager(through=AdvicePageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("steps"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("show_emergency_warning"),
                FieldPanel("report_phone"),
                FieldPanel("report_online_url"),
                FieldPanel("report_notes"),
            ],
            heading=_("Where to report"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("wards", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Who and what it is about"),
        ),
        FieldPanel("related_advice"),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("review_due")], heading=_("Review")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("steps"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("review_due"),
    ]
    parent_page_types = ["comms.AdviceIndexPage"]
    subpage_types: list[str] = []
    template = "comms/advice_page.html"

    class Meta:
        verbose_name = _("advice page")

    def live_related_advice(self):
        return public_pages(self.related_advice.live()).order_by("title")
