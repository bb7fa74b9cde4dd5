"""What every delivery backend accepts and the two ways a send can fail."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


class TemporaryFailure(Exception):
    """Try again later (connection refused, 4xx, rate limited)."""


class PermanentFailure(Exception):
    """Never retry (address refused, 5xx, invalid number)."""


@dataclass(frozen=True, slots=True)
class EmailContent:
    """One email, already rendered. `reference` is our delivery id (or a purpose label)."""

    to: str
    subject: str
    text: str
    html: str
    reference: str = ""
    one_click_url: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class DeliveryBackend(ABC):
    """Sends email and, where supported, text messages; returns the provider's reference.

    Backends may hold a connection open between `open()` and `close()` so a
    batch reuses it.
    """

    supports_sms = False

    def open(self) -> None:
        """Open a connection for a batch (optional: by default there is none)."""
        return None

    def close(self) -> None:
        """Close what open() opened."""
        return None

    @abstractmethod
    def send_email(self, message: EmailContent) -> str:
        """Send one email; returns the provider's reference. Raises a *Failure."""

    def send_sms(self, number: str, text: str, reference: str = "") -> str:
        raise PermanentFailure("This backend cannot send text messages.")
