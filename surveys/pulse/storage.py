"""Storing pulse answers and managing their links to alert subscriptions.

One store function behind the form (and the demo), and the two calls comms/alerts makes
when a subscriber withdraws consent or leaves: the link is removed from the answers, the
answers themselves stay (they are anonymous without it).
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core import signing
from django.utils import timezone

from communitysafety.wards.models import Ward
from surveys import contract
from surveys.models import PulseResponse, PulseSource

LINK_SALT = "surveys.pulse.link"


def store_pulse_response(
    *,
    ward: Ward,
    age_band: str,
    answers: Mapping[str, str],
    source: str = PulseSource.ONLINE,
    link_key: str = "",
    completed_on: date | None = None,
) -> PulseResponse:
    """Save one resident's answers; unknown codes are a programming error upstream."""
    fields = {}
    for code in contract.PULSE_QUESTIONS:
        answer = answers.get(code, "")
        if answer and answer not in contract.answer_codes(code):
            raise ValueError(f"{code}: unknown answer code {answer!r}")
        fields[code] = answer
    return PulseResponse.objects.create(
        ward=ward,
        age_band=age_band,
        source=source,
        link_key=link_key,
        completed_on=completed_on or timezone.localdate(),
        **fields,
    )


def signed_link(key: str) -> str:
    """The value of the pulse URL's ``link`` parameter: the key, signed (not guessable)."""
    return signing.dumps(key, salt=LINK_SALT, compress=True)


def read_link(value: str) -> str:
    """The key from a signed ``link`` parameter, or "" when missing or tampered with."""
    if not value:
        return ""
    try:
        key = signing.loads(value, salt=LINK_SALT)
    except signing.BadSignature:
        return ""
    return key if isinstance(key, str) and len(key) <= 32 else ""


def unlink(keys: Iterable[str]) -> int:
    """Remove these link keys from every pulse answer; how many answers were unlinked."""
    keys = [k for k in keys if k]
    if not keys:
        return 0
    return PulseResponse.objects.filter(link_key__in=keys).update(link_key="")


def unlink_all_but(kept_keys: Iterable[str]) -> int:
    """Remove every link key not in ``kept_keys`` (the purge's sweep for ended links)."""
    kept = [k for k in kept_keys if k]
    return PulseResponse.objects.linked().exclude(link_key__in=kept).update(link_key="")


def answers_by_link(code: str) -> list[tuple[str, str]]:
    """(link key or "", answer) of every pulse answer to ``code``, for aggregate tables."""
    if code not in contract.PULSE_QUESTIONS:
        raise ValueError(f"{code} is not a pulse question")
    return list(PulseResponse.objects.exclude(**{code: ""}).values_list("link_key", code))
