"""News and updates from the partnership, followed by RSS and Atom."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from comms.content.blocks import ContentBodyBlock
from comms.models.base import ContentPageMixin, lazy_listing
from communitysafety.home.routing import (
    CachedChildRoutesMixin,
    CachedViewRestrictionsMixin,
    public_pages,
)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "comms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsIndexPage(CachedChildRoutesMixin, CachedViewRestrictionsMixin, ContentPageMixin, Page):
    """/news/: the partnership's updates, newest first."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["comms.NewsPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "comms/news_index_page.html"

    class Meta:
        verbose_name = _("news index page")

    def news(self):
        return public_pages(NewsPage.objects.child_of(self).live()).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["results"] = lazy_listing(request, self.news)[0]
        return context


class NewsPage(CachedViewRestrictionsMixin, ContentPageMixin, Page):
    """One news item: a roadshow write-up, a campaign launch, what changed after the survey."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(ContentBodyBlock(), blank=True, verbose_name=_("body"), use_json_field=True)
    topics = ParentalManyToManyField(
        "vocabularies.Topic", related_name="news_pages", blank=True, verbose_name=_("topics")
    )
    priorities = ParentalManyToManyField(
        "vocabularies.StrategicPriority",
        related_name="news_pages",
        blank=True,
        verbose_name=_("strategic priorities"),
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("priorities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["comms.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "comms/news_page.html"

    class Meta:
        verbose_name = _("news page")
