"""The home page, plain information pages, the partnership's site-wide settings, and the
staff's recovery codes for two-factor authentication."""

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from communitysafety.home.blocks import InformationBodyBlock, TaskLinkBlock
from communitysafety.home.routing import CachedChildRoutesMixin, CachedViewRestrictionsMixin


class HomePage(CachedChildRoutesMixin, CachedViewRestrictionsMixin, Page):
    """The front door for residents: what the partnership is and what they can do here."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    tasks = StreamField(
        [("task", TaskLinkBlock())],
        blank=True,
        verbose_name=_("things residents can do"),
        use_json_field=True,
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("tasks"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")


class InformationPage(CachedViewRestrictionsMixin, Page):
    """A plain page (privacy notice, accessibility statement, cookies, about us)."""

    summary = models.CharField(_("summary"), max_length=255, blank=True)
    body = StreamField(InformationBodyBlock(), verbose_name=_("body"), use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    template = "home/information_page.html"

    class Meta:
        verbose_name = _("information page")


@register_setting(icon="site")
class PartnershipSettings(BaseSiteSetting):
    """Contact details and the links every page footer shows, edited by comms staff."""

    partnership_name = models.CharField(
        _("partnership name"), max_length=150, default="Havering Community Safety Partnership"
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("partnership_name"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("cookies_page"),
            ],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("partnership settings")


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """A staff member's set of one-time recovery codes: the way in when the phone is lost.

    django-otp's own static device keeps its codes in clear; a database copy would then
    let anyone past the second factor. Codes here are stored as salted SHA-256 hashes
    (they are 60 random bits, so a slow password hash is not needed) and each works once.
    """

    salt = models.CharField(_("salt"), max_length=32)

    class Meta:
        verbose_name = _("recovery code set")
        verbose_name_plural = _("recovery code sets")

    def hash_code(self, code: str) -> str:
        normalised = "".join(ch for ch in code.upper() if ch.isalnum())
        return hashlib.sha256(f"{self.salt}:{normalised}".encode()).hexdigest()

    def verify_token(self, token: str) -> bool:
        """Use up the code ``token`` if it is one of this set's unused codes."""
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        used = self.codes.filter(code_hash=self.hash_code(str(token)), used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used:
            self.throttle_reset()
            return True
        self.throttle_increment()
        return False

    def get_throttle_factor(self) -> int:
        return 1

    def remaining(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()


class RecoveryCode(models.Model):
    """One recovery code's hash, and when it was used (never reused)."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(_("code hash"), max_length=64, db_index=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.device} ({'used' if self.used_at else 'unused'})"
