"""The partnership's shared vocabularies, defined once and used by every app.

Content is tagged with topics and priorities, unsafe-place reports are referred
to partners, alerts are targeted by topic and the communications plan names an
owning partner: all of them point at these rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class StrategicPriority(index.Indexed, models.Model):
    """One of the partnership plan's six strategic priorities."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("summary"), blank=True)

    panels = [FieldPanel("number"), FieldPanel("title"), FieldPanel("slug"), FieldPanel("summary")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Topic(index.Indexed, models.Model):
    """A crime-prevention topic residents pick advice and alerts by (burglary, fraud, …)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=255, blank=True)
    priorities = models.ManyToManyField(
        StrategicPriority, related_name="topics", blank=True, verbose_name=_("priorities")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("priorities"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class PartnerKind(models.TextChoices):
    POLICE_WARD_TEAM = "police_ward_team", _("Police ward team")
    POLICE = "police", _("Police")
    COUNCIL_SERVICE = "council_service", _("Council service")
    FIRE = "fire", _("Fire and rescue")
    HEALTH = "health", _("Health")
    PROBATION = "probation", _("Probation")
    TRANSPORT = "transport", _("Transport")
    VOLUNTARY = "voluntary", _("Voluntary or community group")


class PartnerOrganisation(index.Indexed, models.Model):
    """A member of the partnership, or a team within one, that owns actions and takes referrals."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    ward = models.ForeignKey(
        "wards.Ward",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partners",
        verbose_name=_("ward"),
        help_text=_("For ward teams: the ward they cover."),
    )
    email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_responsible_authority = models.BooleanField(
        _("responsible authority"),
        default=False,
        help_text=_("One of the statutory members under the Crime and Disorder Act 1998."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("ward"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("is_responsible_authority"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name
