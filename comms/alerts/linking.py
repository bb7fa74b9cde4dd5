"""Subscribers' consent to link their pulse answers to their alert subscription.

Off by default and withdrawable on the manage page. The link is a random key stored on
the subscriber and on each pulse answer they give through their own link; it is never
derived from the email address, so the pulse table on its own identifies no-one. When the
subscriber withdraws or leaves, the key is removed from both sides; the retention purge
sweeps away any key whose subscription has gone (deleted in the admin, for example).

What it is for: :func:`informed_by_alerts` compares how well informed subscribers who
receive alerts feel with everyone else who answered the pulse survey, in aggregate only.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comms.models import Subscriber
from perceptions.analysis.measures import MEASURES_BY_CODE, AnswerClass
from surveys.models.pulse import new_link_key
from surveys.pulse.storage import answers_by_link, signed_link, unlink, unlink_all_but

SUPPRESS_BELOW = 10  # the contract's disclosure threshold
LOW_BASE_BELOW = 50


@transaction.atomic
def give_consent(subscriber: Subscriber) -> None:
    """Start linking: a new random key (a fresh one after every withdrawal)."""
    if subscriber.pulse_link_key:
        return
    subscriber.pulse_link_key = new_link_key()
    subscriber.pulse_link_consented_at = timezone.now()
    subscriber.save(update_fields=["pulse_link_key", "pulse_link_consented_at"])


@transaction.atomic
def withdraw_consent(subscriber: Subscriber) -> int:
    """Stop linking and unlink every answer given so far; how many were unlinked."""
    key = subscriber.pulse_link_key
    subscriber.pulse_link_key = ""
    subscriber.pulse_link_consented_at = None
    subscriber.save(update_fields=["pulse_link_key", "pulse_link_consented_at"])
    return unlink([key])


def pulse_link_parameter(subscriber: Subscriber) -> str:
    """``link=<signed key>`` for the pulse URL when the subscriber consented, else ""."""
    if not subscriber.pulse_link_key:
        return ""
    return "link=" + signed_link(subscriber.pulse_link_key)


def pulse_url(subscriber: Subscriber) -> str:
    """The pulse survey address for this subscriber: linked only with their consent."""
    parameter = pulse_link_parameter(subscriber)
    return reverse("surveys:pulse") + (f"?{parameter}" if parameter else "")


def purge_ended_links() -> int:
    """Retention purge: remove link keys whose subscription (or consent) has gone."""
    kept = Subscriber.objects.exclude(pulse_link_key="").values_list("pulse_link_key", flat=True)
    return unlink_all_but(list(kept))


@dataclass(frozen=True, slots=True)
class InformedRow:
    """One row of the analysts' table; ``share`` is None when suppressed."""

    label: object  # a lazy translation
    n: int
    share: float | None
    low_base: bool


def informed_by_alerts() -> list[InformedRow]:
    """Share feeling well informed: linked subscribers vs everyone else (pulse answers).

    Unweighted shares of answers in the base (the pulse is not a random sample, so this
    describes who answered, not the borough); fewer than 10 answers are suppressed.
    """
    measure = MEASURES_BY_CODE["informed_local"]
    current = set(
        Subscriber.objects.confirmed()
        .exclude(pulse_link_key="")
        .values_list("pulse_link_key", flat=True)
    )
    counts = {True: [0, 0], False: [0, 0]}
    for key, answer in answers_by_link("informed_local"):
        kind = measure.classify(answer)
        if kind in (AnswerClass.POSITIVE, AnswerClass.NEGATIVE):
            tally = counts[bool(key) and key in current]
            tally[0] += 1
            tally[1] += kind == AnswerClass.POSITIVE
    rows = []
    for linked, label in (
        (True, _("Receive alerts (answers linked with consent)")),
        (False, _("Everyone else who answered")),
    ):
        n, positive = counts[linked]
        share = positive / n if n >= SUPPRESS_BELOW else None
        rows.append(InformedRow(label, n, share, n < LOW_BASE_BELOW))
    return rows
