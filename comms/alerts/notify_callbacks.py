"""GOV.UK Notify delivery-status callbacks: authenticated with a bearer token from settings."""

import hmac
import json

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from comms.alerts import conf
from comms.models import Delivery, DeliveryStatus

# Notify's final statuses → ours. "temporary-failure" means the inbox was full or the
# phone off for days: Notify has already retried, so it counts as failed.
NOTIFY_STATUSES = {
    "delivered": DeliveryStatus.SENT,
    "permanent-failure": DeliveryStatus.BOUNCED,
    "temporary-failure": DeliveryStatus.FAILED,
    "technical-failure": DeliveryStatus.FAILED,
}


def _authorised(request: HttpRequest) -> bool:
    expected = conf.get("COMMS_NOTIFY_CALLBACK_TOKEN")
    given = request.headers.get("Authorization", "")
    return bool(expected) and hmac.compare_digest(given.encode(), f"Bearer {expected}".encode())


@csrf_exempt  # a server-to-server call authenticated by its bearer token
@require_POST
def delivery_status(request: HttpRequest) -> HttpResponse:
    if not _authorised(request):
        return HttpResponse(status=401)
    try:
        payload = json.loads(request.body)
        notification_id = str(payload["id"])
        status = NOTIFY_STATUSES.get(payload["status"])
    except (ValueError, KeyError, TypeError):
        return HttpResponse(status=400)
    if status is None:  # "sending", "created": not final yet
        return HttpResponse(status=204)
    Delivery.objects.filter(provider_reference=notification_id[:64]).update(status=status)
    return HttpResponse(status=204)
