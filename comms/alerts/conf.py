"""The comms app's settings, each with a default, read in one place.

Kept here rather than in settings/base.py so that the app's knobs are listed
together; every one can be overridden in a settings module.
"""

from django.conf import settings


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    # Which backend sends alerts: Django's mailers (SMTP), GOV.UK Notify, or the recorder.
    "COMMS_DELIVERY_BACKEND": "comms.alerts.delivery.django_mail.DjangoMailBackend",
    # The MAILERS alias the Django mail backend sends through.
    "COMMS_MAILER": "default",
    "COMMS_NOTIFY_API_KEY": "",
    "COMMS_NOTIFY_BASE_URL": "https://api.notifications.service.gov.uk",
    "COMMS_NOTIFY_TIMEOUT_SECONDS": 10,
    "COMMS_NOTIFY_EMAIL_TEMPLATE_ID": "",
    "COMMS_NOTIFY_SMS_TEMPLATE_ID": "",
    # Bearer token Notify sends with its delivery-status callbacks (empty: endpoint refuses all).
    "COMMS_NOTIFY_CALLBACK_TOKEN": "",
    "COMMS_BATCH_SIZE": 500,
    # PostgreSQL: record sends without waiting for the WAL flush (comms/alerts/sending.py says why).
    "COMMS_UNFLUSHED_SEND_RECORDS": True,
    "COMMS_MAX_ATTEMPTS": 5,
    "COMMS_RETRY_BASE_SECONDS": 60,
    # A delivery still "sending" after this long belonged to a worker that died.
    "COMMS_SENDING_TIMEOUT_SECONDS": 300,
    "COMMS_CONFIRM_LINK_MAX_AGE": 3 * 24 * 3600,
    "COMMS_MANAGE_LINK_MAX_AGE": 400 * 24 * 3600,
    "COMMS_UNCONFIRMED_RETENTION_DAYS": 7,
    "COMMS_CONSENT_WORDING_VERSION": "2026-11",
    "COMMS_SUBSCRIBE_RATE": (10, 3600),
}
