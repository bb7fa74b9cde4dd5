"""The site-wide alert banner: e.g. a scam doing the rounds this week."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class BannerLevel(models.TextChoices):
    WARNING = "warning", _("Warning (e.g. an active scam)")
    INFORMATION = "information", _("Information")


class SiteBannerQuerySet(models.QuerySet):
    def showing(self, now=None) -> "SiteBannerQuerySet":
        """Banners residents see now: switched on, started and not yet expired."""
        now = now or timezone.now()
        return self.filter(is_enabled=True, starts_at__lte=now, expires_at__gt=now).order_by(
            "-starts_at"
        )

    def next_change_after(self, now=None):
        """When the next banner starts or expires: cached pages must not outlive it."""
        now = now or timezone.now()
        enabled = self.filter(is_enabled=True)
        times = [
            enabled.filter(starts_at__gt=now).aggregate(t=models.Min("starts_at"))["t"],
            enabled.filter(expires_at__gt=now).aggregate(t=models.Min("expires_at"))["t"],
        ]
        times = [t for t in times if t is not None]
        return min(times) if times else None


class SiteBanner(models.Model):
    """A short message shown at the top of every public page until it expires."""

    title = models.CharField(_("title"), max_length=120)
    message = models.CharField(_("message"), max_length=300)
    link_url = models.URLField(_("link"), blank=True)
    link_text = models.CharField(_("link text"), max_length=80, blank=True)
    level = models.CharField(
        _("level"), max_length=12, choices=BannerLevel.choices, default=BannerLevel.WARNING
    )
    is_enabled = models.BooleanField(_("switched on"), default=True)
    starts_at = models.DateTimeField(_("shows from"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("expires"), help_text=_("The banner disappears by itself at this time.")
    )

    objects = SiteBannerQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
        FieldPanel("level"),
        FieldPanel("is_enabled"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("expires_at")]),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("site banner")
        verbose_name_plural = _("site banners")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("The banner must expire after it starts.")})
