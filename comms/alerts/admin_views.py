"""Staff views for alerts: review (audience, previews, figures) and the approval steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin.views.generic import CreateView, EditView

from comms.alerts import approval
from comms.alerts.messages import alert_email, alert_sms
from comms.models import Alert, AlertStatus


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Who it reaches, how it looks as email and text, and the delivery figures."""
    if not request.user.has_perm("comms.view_alert"):
        raise PermissionDenied
    alert = get_object_or_404(Alert, pk=pk)
    if request.method == "POST":
        action = {
            "submit": approval.submit,
            "approve": approval.approve,
            "return": approval.return_to_draft,
        }.get(request.POST.get("action"))
        if action is None or not request.user.has_perm("comms.change_alert"):
            raise PermissionDenied
        try:
            action(alert, request.user)
            messages.success(request, "Done.")
        except approval.ApprovalError as error:
            messages.error(request, str(error))
        return redirect("comms_alert:review", pk=alert.pk)
    email = alert_email(alert, None)
    sms = alert_sms(alert)
    return TemplateResponse(
        request,
        "comms/alerts/admin/review.html",
        {
            "alert": alert,
            "audience": alert.audience().count(),
            "email": email,
            "sms": sms,
            "sms_length": len(sms),
            "figures": alert.figures(),
            "can_approve": alert.status == AlertStatus.AWAITING_APPROVAL
            and alert.author_id != request.user.pk
            and request.user.has_perm("comms.approve_alert"),
            "queue": Alert.objects.approval_queue()[:10],
        },
    )


class AlertEditView(EditView):
    """Editing an alert after it was submitted sends it back to draft (it needs approving again)."""

    def dispatch(self, request, *args, **kwargs):
        alert = get_object_or_404(Alert, pk=kwargs.get("pk"))
        if alert.status in (AlertStatus.SENDING, AlertStatus.SENT):
            messages.error(request, "An alert that has been sent cannot be changed.")
            return redirect("comms_alert:review", pk=alert.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        instance = self.form.save(commit=False)
        if instance.status != AlertStatus.DRAFT:
            instance.status = AlertStatus.DRAFT
            instance.approved_by = None
            instance.approved_at = None
        instance.save()
        self.form.save_m2m()
        return instance


class AlertCreateView(CreateView):
    """The person who writes an alert is its author (and so cannot approve it)."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.author = self.request.user
        instance.status = AlertStatus.DRAFT
        instance.save()
        self.form.save_m2m()
        return instance


def informed_by_alerts(request: HttpRequest) -> HttpResponse:
    """Analysts: do residents who receive alerts feel better informed? (aggregate only)"""
    if not request.user.has_perm("comms.view_alert"):
        raise PermissionDenied
    from comms.alerts.linking import LOW_BASE_BELOW, SUPPRESS_BELOW
    from comms.alerts.linking import informed_by_alerts as rows

    context = {"rows": rows(), "suppress_below": SUPPRESS_BELOW, "low_base_below": LOW_BASE_BELOW}
    return TemplateResponse(request, "comms/alerts/admin/informed.html", context)
