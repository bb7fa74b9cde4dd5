"""Save and come back later: resume codes, the emailed link, and resuming on any device."""

from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communitysafety.common.ratelimit import Limit, is_limited
from surveys.annual import journey
from surveys.annual.question_forms import EmailLinkForm, ResumeForm
from surveys.annual.rendering import describe, error_summary
from surveys.annual.views import (
    Journey,
    closed_page,
    open_wave,
    refused_page,
    render_page,
    session_key,
)
from surveys.models import Survey

RESUME_LIMIT = Limit("survey-resume", 10, 600)
EMAIL_LIMIT = Limit("survey-email", 5, 3600)


@require_http_methods(["GET", "POST"])
def save_for_later(request: HttpRequest, slug: str) -> HttpResponse:
    flow = Journey(request, slug)
    if (blocked := flow.guard()) is not None:
        return blocked
    code_key = f"survey-code:{slug}"
    form = EmailLinkForm(request.POST or None)
    sent = False
    if request.method == "GET" or not request.session.get(code_key):
        request.session[code_key] = journey.issue_resume_code(flow.response)
    code = request.session[code_key]
    link = request.build_absolute_uri(flow.url("resume") + f"?code={code}")
    if request.method == "POST" and form.is_valid():
        if is_limited(request, EMAIL_LIMIT):
            return refused_page(
                request, flow.survey, _("Too many emails sent. Try again later."), 429
            )
        send_mail(
            _("Your link to finish the survey"),
            _(
                "Use this link to carry on with the survey: %(link)s\n\n"
                "Your resume code is %(code)s."
            )
            % {"link": link, "code": code},
            None,
            [form.cleaned_data["email"]],
        )
        sent = True
        form = EmailLinkForm()
    context = flow.base_context(
        code=code,
        link=link,
        form=form,
        email=describe(form["email"]),
        errors=error_summary(form) if form.is_bound else [],
        sent=sent,
    )
    return render_page(request, "save.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    wave = open_wave(survey)
    if wave is None:
        return closed_page(request, survey)
    form = ResumeForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        if is_limited(request, RESUME_LIMIT):
            return refused_page(request, survey, _("Too many attempts. Try again later."), 429)
        found = journey.find_by_code(wave, form.cleaned_data["code"])
        if found is None:
            form.add_error("code", _("We could not find answers with that resume code"))
        elif found.completed_on is not None:
            form.add_error(
                "code",
                _("These answers have already been submitted: the code cannot be used again"),
            )
        else:
            request.session[session_key(slug)] = found.pk
            flow = Journey(request, slug)
            answers = flow.answers()
            steps = flow.steps(answers)
            missing = journey.unanswered(steps, answers)
            if missing:
                return redirect(flow.step_url(missing[0][0]))
            if found.furthest_step < len(steps):
                return redirect(flow.step_url(steps[min(found.furthest_step, len(steps) - 1)]))
            return redirect(flow.url("check"))
    if form.errors:
        status = 400
    context = {
        "survey": survey,
        "wave": wave,
        "form": form,
        "code": describe(form["code"]),
        "errors": error_summary(form) if form.is_bound else [],
    }
    return render_page(request, "resume.html", context, status=status)
