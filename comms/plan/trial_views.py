"""Staff views for trials: run a plan action as a trial, see its split and verdict."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from comms.models import PlanItem, PlanTrial
from comms.plan.tasks import evaluate_plan_trial
from comms.plan.trials import create_trial, item_verdict


class TrialForm(forms.Form):
    """The three dates of a staggered roll-out and an optional seed (blank: a new one)."""

    before_from = forms.DateField(
        label=gettext_lazy("Before period starts on"),
        help_text=gettext_lazy("Answers from this date until the start count as before."),
        error_messages={"required": gettext_lazy("Enter when the before period starts")},
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Early group starts on"),
        error_messages={"required": gettext_lazy("Enter when the early group starts")},
    )
    late_starts_on = forms.DateField(
        label=gettext_lazy("Late group starts on"),
        help_text=gettext_lazy("Answers from the early start until this date count as after."),
        error_messages={"required": gettext_lazy("Enter when the late group starts")},
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Seed"),
        required=False,
        min_value=0,
        max_value=2**62,
        help_text=gettext_lazy("Leave empty for a new random split; enter one to repeat a split."),
    )

    def clean(self) -> dict:
        data = super().clean()
        before, start, late = (data.get(k) for k in ("before_from", "starts_on", "late_starts_on"))
        if before and start and before >= start:
            self.add_error("starts_on", _("The early start must be after the before period starts"))
        if start and late and start >= late:
            self.add_error("late_starts_on", _("The late start must be after the early start"))
        return data


def trial_create(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("comms.change_planitem"):
        raise PermissionDenied
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    if PlanTrial.objects.filter(item=item).exists():
        return redirect("comms_plan_item:trial", item.trial.pk)
    form = TrialForm(request.POST or None, initial={"starts_on": item.starts_on})
    if request.method == "POST" and form.is_valid():
        try:
            trial = create_trial(item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            log(
                instance=item,
                action="comms.plan.trial",
                user=request.user,
                data={"seed": trial.seed},
            )
            messages.success(request, _("The wards are split at random. Record the seed."))
            return redirect("comms_plan_item:trial", trial.pk)
    context = {"item": item, "form": form, "wards": item.audience_wards.all()}
    return TemplateResponse(request, "comms/plan/admin/trial_create.html", context)


def trial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("comms.view_planitem"):
        raise PermissionDenied
    trial = get_object_or_404(PlanTrial.objects.select_related("item", "item__plan"), pk=pk)
    context = {
        "trial": trial,
        "item": trial.item,
        "verdict": item_verdict(trial.item),
        "early": trial.early_wards.order_by("name"),
        "late": trial.late_wards.order_by("name"),
        "cells": trial.cells,
    }
    return TemplateResponse(request, "comms/plan/admin/trial_detail.html", context)


@require_POST
def trial_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("comms.change_planitem"):
        raise PermissionDenied
    trial = get_object_or_404(PlanTrial, pk=pk)
    evaluate_plan_trial.enqueue(trial.pk)
    messages.success(request, _("The evaluation is running. Reload this page to see it."))
    return redirect("comms_plan_item:trial", trial.pk)
