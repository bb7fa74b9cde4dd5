"""Residents who asked for local alerts.

We keep only what is needed to send what they chose: the contact details,
their choices, when they consented and which wording they agreed to. Someone
who leaves is deleted; delivery rows keep their figures with an empty link.
"""

import hashlib

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment) -> "SubscriberQuerySet":
        """Sign-ups never confirmed by `moment`: the purge task deletes them."""
        return self.filter(confirmed_at__isnull=True, created_at__lt=moment)

    def for_alert(self, alert) -> "SubscriberQuerySet":
        """Confirmed subscribers an alert reaches: its kind or topics, and its wards.

        A subscriber with no wards chose the whole borough; a whole-borough
        alert reaches every ward's subscribers.
        """
        from comms.models.alerts import AlertKind

        audience = self.confirmed()
        if alert.kind == AlertKind.EVENT:
            audience = audience.filter(wants_events=True)
        elif alert.kind == AlertKind.SURVEY_RESULTS:
            audience = audience.filter(wants_survey_results=True)
        else:
            audience = audience.filter(
                pk__in=Subscriber.topics.through.objects.filter(
                    topic_id__in=alert.topics.values("pk")
                ).values("subscriber_id")
            )
        if not alert.whole_borough:
            in_wards = Subscriber.wards.through.objects.filter(
                ward_id__in=alert.wards.values("pk")
            ).values("subscriber_id")
            any_ward = Subscriber.wards.through.objects.values("subscriber_id")
            audience = audience.filter(Q(pk__in=in_wards) | ~Q(pk__in=any_ward))
        return audience


def email_fingerprint(email: str) -> str:
    """A short hash binding a signed link to one address without putting it in the URL."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


class Subscriber(models.Model):
    """A resident who receives alerts by email (and optionally text message).

    Used by the subscribe, manage and unsubscribe pages and by the fan-out.
    """

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    # Kept only with consent to text messages (mobile_consented_at), offered only when
    # the delivery backend can send them (GOV.UK Notify); deleted with the subscriber.
    mobile = models.CharField(_("mobile number"), max_length=16, blank=True)
    mobile_consented_at = models.DateTimeField(
        _("text-message consent given at"), null=True, blank=True
    )
    wards = models.ManyToManyField(
        "wards.Ward", related_name="+", blank=True, verbose_name=_("wards")
    )
    topics = models.ManyToManyField(
        "vocabularies.Topic", related_name="+", blank=True, verbose_name=_("topics")
    )
    wants_events = models.BooleanField(_("events"), default=False)
    wants_survey_results = models.BooleanField(_("survey results"), default=False)
    consent_wording = models.CharField(_("consent wording version"), max_length=20)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("consent confirmed at"), null=True, blank=True)
    # Consent to link pulse answers to this subscription (off by default, withdrawable on
    # the manage page): a random key, never the email address; blank without consent.
    # Withdrawing or leaving clears it here and on the pulse answers (comms/alerts/linking.py).
    pulse_link_key = models.CharField(_("pulse link key"), max_length=32, blank=True)
    pulse_link_consented_at = models.DateTimeField(
        _("pulse link consent given at"), null=True, blank=True
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["confirmed_at", "created_at"])]

    def __str__(self) -> str:
        return _("Subscriber %(id)s") % {"id": self.pk}

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def fingerprint(self) -> str:
        return email_fingerprint(self.email)
