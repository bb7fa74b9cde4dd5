"""The two-person rule for alerts: one writes, another approves; then it is scheduled.

An urgent alert jumps the approval queue but still needs an approver. Every
step is written to Wagtail's audit log.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from comms.models import Alert, AlertStatus


class ApprovalError(Exception):
    """The step is not allowed: wrong status, own alert, or no permission."""


def submit(alert: Alert, user) -> None:
    if alert.status != AlertStatus.DRAFT:
        raise ApprovalError(_("Only a draft can be sent for approval."))
    if not (alert.whole_borough or alert.wards.exists()):
        raise ApprovalError(_("Choose wards or the whole borough before sending for approval."))
    Alert.objects.filter(pk=alert.pk).update(
        status=AlertStatus.AWAITING_APPROVAL, submitted_at=timezone.now()
    )
    log(instance=alert, action="comms.alert.submit", user=user, data={"urgent": alert.urgent})


def approve(alert: Alert, user) -> bool:
    """Approve; returns True if it was due and sending has been started."""
    if alert.author_id == user.pk:
        raise ApprovalError(_("Someone other than the author must approve an alert."))
    if not user.has_perm("comms.approve_alert"):
        raise ApprovalError(_("You do not have permission to approve alerts."))
    with transaction.atomic():
        changed = Alert.objects.filter(pk=alert.pk, status=AlertStatus.AWAITING_APPROVAL).update(
            status=AlertStatus.APPROVED, approved_by=user, approved_at=timezone.now()
        )
        if not changed:
            raise ApprovalError(_("Only an alert awaiting approval can be approved."))
        log(instance=alert, action="comms.alert.approve", user=user)
    alert.refresh_from_db()
    if alert.send_at is None or alert.send_at <= timezone.now():
        from comms.alerts.tasks import dispatch_due_alerts

        dispatch_due_alerts.enqueue()
        return True
    return False


def return_to_draft(alert: Alert, user) -> None:
    changed = Alert.objects.filter(
        pk=alert.pk, status__in=[AlertStatus.AWAITING_APPROVAL, AlertStatus.APPROVED]
    ).update(status=AlertStatus.DRAFT, approved_by=None, approved_at=None)
    if not changed:
        raise ApprovalError(_("Only an alert not yet sending can go back to draft."))
    log(instance=alert, action="comms.alert.return_to_draft", user=user)
