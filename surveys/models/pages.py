"""The Wagtail page that presents a survey's open wave to residents."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from communitysafety.home.routing import CachedViewRestrictionsMixin
from surveys.models.waves import Survey, Wave

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class SurveyPage(CachedViewRestrictionsMixin, Page):
    """Residents' way into the annual survey: what it is for, how long it takes and
    the privacy notice, then a Start button for the wave open today."""

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="pages", verbose_name=_("survey")
    )
    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)
    minutes_to_complete = models.PositiveSmallIntegerField(_("minutes to complete"), default=10)
    privacy_notice = RichTextField(_("privacy notice"), features=TEXT_FEATURES, blank=True)
    confirmation_text = RichTextField(_("what happens next"), features=TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("survey"),
        FieldPanel("intro"),
        FieldPanel("minutes_to_complete"),
        FieldPanel("privacy_notice"),
        FieldPanel("confirmation_text"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "surveys/survey/survey_page.html"

    class Meta:
        verbose_name = _("survey page")

    def current_wave(self) -> Wave | None:
        """The wave open today, else the next one to open, else the latest."""
        today = timezone.localdate()
        waves = self.survey.waves.all()
        return (
            waves.open_on(today).order_by("-year").first()
            or waves.filter(opens_on__gt=today).order_by("opens_on").first()
            or waves.order_by("-year").first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        wave = self.current_wave()
        today = timezone.localdate()
        context["wave"] = wave
        context["wave_open"] = bool(wave and wave.is_open(today))
        context["not_yet_open"] = bool(wave and wave.opens_on and wave.opens_on > today)
        return context
