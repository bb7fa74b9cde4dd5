"""Alerts written by comms staff and one delivery row per (alert, subscriber, channel).

The unique constraint on deliveries is what makes fan-out idempotent: a retried
or duplicated task inserts with ignore_conflicts and claims rows before sending,
so nobody is sent the same alert twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communitysafety.common.sanitise import clean_rich_text, plain_text

ALERT_BODY_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"})


class AlertKind(models.TextChoices):
    TOPIC = "topic", _("Crime prevention topic")
    EVENT = "event", _("Event")
    SURVEY_RESULTS = "survey_results", _("Survey results")


class AlertStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved (scheduled)")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class AlertQuerySet(models.QuerySet):
    def approval_queue(self) -> "AlertQuerySet":
        """Alerts waiting for a second person: urgent ones first, then oldest first."""
        return self.filter(status=AlertStatus.AWAITING_APPROVAL).order_by(
            "-urgent", "submitted_at", "pk"
        )

    def due(self, now=None) -> "AlertQuerySet":
        now = now or timezone.now()
        return self.filter(status=AlertStatus.APPROVED).filter(
            Q(send_at__isnull=True) | Q(send_at__lte=now)
        )


class Alert(models.Model):
    """A short message to residents who chose its topic (or events/results) and ward.

    Written by comms staff in the admin, approved by a second person, then sent
    by the background fan-out.
    """

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(
        _("body"),
        help_text=_("Short. Paragraphs, bold, italic, lists and links only."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("link to page"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind, default=AlertKind.TOPIC)
    topics = models.ManyToManyField(
        "vocabularies.Topic", related_name="+", blank=True, verbose_name=_("topics")
    )
    wards = models.ManyToManyField("wards.Ward", related_name="+", blank=True)
    whole_borough = models.BooleanField(_("whole borough"), default=False)
    send_sms = models.BooleanField(_("also send a text message"), default=False)
    urgent = models.BooleanField(
        _("urgent"), default=False, help_text=_("Jumps the approval queue; still needs approval.")
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AlertStatus, default=AlertStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    sending_started_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        permissions = [("approve_alert", "Can approve alerts written by someone else")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # One line: the title becomes the email Subject header.
        self.title = " ".join(plain_text(self.title).split())
        self.body = clean_rich_text(self.body, tags=ALERT_BODY_TAGS)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.title and not plain_text(self.title).strip():
            # Markup only (e.g. a pasted <script>): saving would leave an empty subject line.
            raise ValidationError({"title": _("Write the title as plain text.")})

    @property
    def body_text(self) -> str:
        return plain_text(self.body.replace("</p>", "</p>\n\n").replace("<br>", "\n"))

    def audience(self):
        from comms.models.subscribers import Subscriber

        return Subscriber.objects.for_alert(self)

    def figures(self) -> dict[str, int]:
        """Delivery figures for the admin: queued, sent, failed, bounced, unsubscribes since."""
        counts = self.deliveries.aggregate(
            queued=Count("pk", filter=Q(status__in=[DeliveryStatus.QUEUED, "sending"])),
            sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
            failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
            bounced=Count("pk", filter=Q(status=DeliveryStatus.BOUNCED)),
            unsubscribed=Count("pk", filter=Q(subscriber__isnull=True, channel=Channel.EMAIL)),
        )
        return counts


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")


class Delivery(models.Model):
    """One alert to one subscriber on one channel: the unit that is claimed, sent and retried.

    When the subscriber leaves, `subscriber` becomes empty: the figures stay, the person goes.
    """

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "comms.Subscriber", on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    channel = models.CharField(max_length=5, choices=Channel, default=Channel.EMAIL)
    status = models.CharField(max_length=10, choices=DeliveryStatus, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=64, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "subscriber", "channel"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [
            models.Index(fields=["alert", "status"]),
            models.Index(fields=["status", "claimed_at"]),
            models.Index(fields=["claim"]),
            models.Index(fields=["provider_reference"]),
        ]

    def __str__(self) -> str:
        return f"{self.alert_id}/{self.subscriber_id}/{self.channel}: {self.status}"
