"""The resident's journey through the annual survey, under /survey/<slug>/.

Start → one page per section (skip rules decide which) → About you → check your
answers → submit once → confirmation. Everything works without JavaScript; every
error is shown in a GOV.UK error summary; nothing identifying (IP address, user
agent, email address) is stored with the answers.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communitysafety.common.ratelimit import Limit, is_limited
from surveys.annual import journey
from surveys.annual.bank import LABELS
from surveys.annual.question_forms import (
    WARD_REFUSED,
    AboutYouForm,
    AssistedStartForm,
    HoneypotMixin,
    SectionForm,
)
from surveys.annual.rendering import describe, error_summary
from surveys.enums import Mode
from surveys.geocoding import get_geocoder
from surveys.models import Survey, SurveyPage, SurveyResponse, Wave

START_LIMIT = Limit("survey-start", 20, 3600)
SUBMIT_LIMIT = Limit("survey-submit", 30, 3600)
TEMPLATES = "surveys/survey/"


def session_key(slug: str) -> str:
    return f"survey:{slug}"


def open_wave(survey: Survey) -> Wave | None:
    return survey.waves.open_on(timezone.localdate()).order_by("-year").first()


def render_page(request, name, context, status=200):
    return TemplateResponse(request, TEMPLATES + name, context, status=status)


def closed_page(request: HttpRequest, survey: Survey) -> HttpResponse:
    today = timezone.localdate()
    upcoming = survey.waves.filter(opens_on__gt=today).order_by("opens_on").first()
    return render_page(request, "closed.html", {"survey": survey, "upcoming": upcoming}, status=200)


def refused_page(request: HttpRequest, survey: Survey, message: str, status: int) -> HttpResponse:
    return render_page(
        request, "problem.html", {"survey": survey, "message": message}, status=status
    )


def _current(request: HttpRequest, wave: Wave) -> SurveyResponse | None:
    pk = request.session.get(session_key(wave.survey.slug))
    if not pk:
        return None
    return SurveyResponse.objects.filter(pk=pk, wave=wave).first()


class Journey:
    """What every step view needs: the survey, its open wave, this resident's response."""

    def __init__(self, request: HttpRequest, slug: str, fetch_response: bool = True):
        self.request = request
        # The open wave and its survey in one query; the survey alone only when closed.
        self.wave = (
            Wave.objects.open_on(timezone.localdate())
            .filter(survey__slug=slug)
            .select_related("survey")
            .order_by("-year")
            .first()
        )
        self.survey = self.wave.survey if self.wave else get_object_or_404(Survey, slug=slug)
        self.response = _current(request, self.wave) if self.wave and fetch_response else None

    @cached_property
    def bank(self):
        """Sections with their questions and options, loaded only by views that render them."""
        return journey.load_bank(self.wave) if self.response else []

    def answers(self) -> dict[str, list[str]]:
        return journey.stored_answers(self.response)

    def steps(self, answers=None) -> list[journey.Step]:
        return journey.steps_for(self.bank, answers if answers is not None else self.answers())

    def url(self, name: str, *args) -> str:
        return reverse(f"surveys:survey_{name}", args=[self.survey.slug, *args])

    def step_url(self, step: journey.Step) -> str:
        if step.key == journey.ABOUT_YOU:
            return self.url("about")
        return self.url("step", int(step.key))

    def guard(self) -> HttpResponse | None:
        """The closed page, the confirmation, or the survey page when there is no response."""
        if self.wave is None:
            return closed_page(self.request, self.survey)
        if self.response is None:
            return redirect(self.url("start"))
        if self.response.completed_on is not None:
            return redirect(self.url("done"))
        return None

    def base_context(self, **extra) -> dict:
        return {
            "survey": self.survey,
            "wave": self.wave,
            "assisted": self.request.session.get("survey-assisted") == self.response.pk
            if self.response
            else False,
            **extra,
        }


def _survey_page(survey: Survey) -> SurveyPage | None:
    return SurveyPage.objects.live().filter(survey=survey).first()


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    wave = open_wave(survey)
    if wave is None:
        return closed_page(request, survey)
    if request.method == "GET":
        page = _survey_page(survey)
        if page is not None:
            return redirect(page.url)
        return render_page(request, "start.html", {"survey": survey, "wave": wave})
    form = HoneypotMixin(request.POST)
    if form.is_bot():
        return refused_page(request, survey, _("We could not accept this form."), 400)
    if is_limited(request, START_LIMIT):
        return refused_page(request, survey, _("Too many surveys started. Try again later."), 429)
    response = journey.new_response(wave, Mode.ONLINE)
    request.session[session_key(slug)] = response.pk
    flow = Journey(request, slug)
    return redirect(flow.step_url(flow.steps()[0]))


@login_required
@permission_required("surveys.add_surveyresponse", raise_exception=True)
@require_http_methods(["GET", "POST"])
def assisted_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff enter a paper, street or telephone response through the same form."""
    survey = get_object_or_404(Survey, slug=slug)
    wave = open_wave(survey)
    if wave is None:
        return closed_page(request, survey)
    form = AssistedStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = journey.new_response(wave, form.cleaned_data["mode"])
        request.session[session_key(slug)] = response.pk
        request.session["survey-assisted"] = response.pk
        flow = Journey(request, slug)
        return redirect(flow.step_url(flow.steps()[0]))
    context = {
        "survey": survey,
        "wave": wave,
        "form": form,
        "mode": describe(form["mode"]),
        "errors": error_summary(form) if form.is_bound else [],
    }
    return render_page(request, "assisted_start.html", context)


def _navigation(flow: Journey, steps, index: int) -> dict:
    previous = flow.step_url(steps[index - 1]) if index > 0 else None
    return {
        "back_url": previous,
        "step_number": index + 1,
        "step_count": len(steps),
        "change": flow.request.GET.get("change") == "1",
    }


def _next_url(flow: Journey, steps_after, index: int, change: bool) -> str:
    if change and flow.response.furthest_step >= len(steps_after):
        missing = journey.unanswered(steps_after, flow.answers())
        return flow.step_url(missing[0][0]) + "?change=1" if missing else flow.url("check")
    return (
        flow.step_url(steps_after[index + 1]) if index + 1 < len(steps_after) else flow.url("check")
    )


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    flow = Journey(request, slug)
    if (blocked := flow.guard()) is not None:
        return blocked
    answers = flow.answers()
    steps = flow.steps(answers)
    index = next((i for i, s in enumerate(steps) if s.key == str(section_id)), None)
    if index is None:
        return redirect(flow.step_url(steps[0]))
    current = steps[index]
    initial = {
        q.code: (
            answers.get(q.code, [])
            if q.kind == "multiple"
            else next(iter(answers.get(q.code, [])), "")
        )
        for q in current.questions
    }
    form = SectionForm(request.POST or None, initial=initial, questions=current.questions)
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        saving = "save_and_return" in request.POST
        if form.is_valid():
            journey.save_section(
                flow.response, current.questions, form.cleaned_data, flow.bank, index
            )
            if saving:
                return redirect(flow.url("save"))
            return redirect(_next_url(flow, flow.steps(), index, change))
        if saving:
            valid = [q for q in current.questions if q.code not in form.errors]
            journey.save_section(flow.response, valid, form.cleaned_data, flow.bank, index - 1)
    context = flow.base_context(
        step=current,
        form=form,
        questions=[describe(form[q.code]) for q in current.questions],
        errors=error_summary(form) if form.is_bound else [],
        **_navigation(flow, steps, index),
    )
    return render_page(request, "step.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def about_you(request: HttpRequest, slug: str) -> HttpResponse:
    flow = Journey(request, slug)
    if (blocked := flow.guard()) is not None:
        return blocked
    steps = flow.steps()
    index = len(steps) - 1
    response = flow.response
    initial = {
        "ward": response.ward.code if response.ward_id else "",
        "age_band": response.age_band,
        "sex": response.sex,
    }
    form = AboutYouForm(request.POST or None, initial=initial, geocoder=get_geocoder())
    if request.method == "POST" and form.is_valid():
        response.ward = form.ward_instance()
        age_band = form.cleaned_data["age_band"]
        response.age_band = "" if age_band == WARD_REFUSED else age_band
        response.sex = form.cleaned_data.get("sex") or ""
        response.furthest_step = max(response.furthest_step, len(steps))
        response.saved_on = timezone.localdate()
        response.save(update_fields=["ward", "age_band", "sex", "furthest_step", "saved_on"])
        if "save_and_return" in request.POST:
            return redirect(flow.url("save"))
        return redirect(flow.url("check"))
    fields = [describe(form[name]) for name in form.fields]
    context = flow.base_context(
        form=form,
        fields=fields,
        errors=error_summary(form) if form.is_bound else [],
        **_navigation(flow, steps, index),
    )
    return render_page(request, "about_you.html", context, status=400 if form.errors else 200)


def _summary_rows(flow: Journey, steps, answers) -> list[dict]:
    rows = []
    for s in steps:
        for question in s.questions:
            labels = {o.code: o.label for o in question.options.all()}
            given = [
                labels.get(code) or str(LABELS.get(code, code))
                for code in answers.get(question.code, [])
            ]
            if question.kind == "text":
                given = answers.get(question.code, [])
            rows.append(
                {
                    "question": question.wording,
                    "answers": given,
                    "change_url": flow.step_url(s) + "?change=1",
                    "code": question.code,
                }
            )
    return rows


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        return _submit(request, slug)
    flow = Journey(request, slug)
    if (blocked := flow.guard()) is not None:
        return blocked
    return _check_page(flow)


def _check_page(flow: Journey, errors: list[dict] | None = None) -> HttpResponse:
    answers = flow.answers()
    steps = flow.steps(answers)
    context = flow.base_context(
        rows=_summary_rows(flow, steps, answers),
        response=flow.response,
        errors=errors or [],
        back_url=flow.step_url(steps[-1]),
        about_url=flow.url("about") + "?change=1",
    )
    return render_page(flow.request, "check.html", context, status=400 if errors else 200)


def _submit(request: HttpRequest, slug: str) -> HttpResponse:
    """The final POST, kept short: the response row, its open wave and survey are read in
    one locking query (`journey.submit_to_open_wave`), and completeness is checked against
    the wave's rules held in memory. A response already completed (a double click) also
    goes to the done page. Every POST but a honeypot's counts toward the rate limit, a
    submit to a closed survey too, so probing closed surveys is limited like submitting."""
    pk = request.session.get(session_key(slug))
    if HoneypotMixin(request.POST).is_bot():
        return refused_page(request, _survey_or_404(slug), _("We could not accept this form."), 400)
    if (not pk or request.session.get("survey-assisted") != pk) and is_limited(
        request, SUBMIT_LIMIT
    ):
        return refused_page(
            request, _survey_or_404(slug), _("Too many submissions. Try again later."), 429
        )
    try:
        if not pk:
            raise SurveyResponse.DoesNotExist
        response, _completed = journey.submit_to_open_wave(slug, pk, timezone.localdate())
    except SurveyResponse.DoesNotExist:
        # The rare path: a closed survey, a stale session or a response of another wave.
        flow = Journey(request, slug, fetch_response=False)
        if flow.wave is None:
            return closed_page(request, flow.survey)
        return redirect(flow.url("start"))
    except journey.Incomplete as incomplete:
        flow = Journey(request, slug, fetch_response=False)
        flow.response = incomplete.response
        errors = [
            {
                "href": flow.step_url(s) + "?change=1",
                "message": _("Answer “%(q)s”") % {"q": q.wording},
            }
            for s, q in incomplete.missing
        ] or [{"href": flow.url("about"), "message": _("Tell us about you before you submit")}]
        return _check_page(flow, errors)
    # Nothing is written to the session: the done page reads the stored completion.
    return redirect(reverse("surveys:survey_done", args=[response.wave.survey.slug]))


def _survey_or_404(slug: str) -> Survey:
    return get_object_or_404(Survey, slug=slug)


def done(request: HttpRequest, slug: str) -> HttpResponse:
    survey = get_object_or_404(Survey, slug=slug)
    pk = request.session.get(session_key(slug))
    response = SurveyResponse.objects.filter(pk=pk, completed_on__isnull=False).first()
    if response is None:
        return redirect(reverse("surveys:survey_start", args=[slug]))
    page = _survey_page(survey)
    assisted = request.session.get("survey-assisted") == response.pk
    return render_page(request, "done.html", {"survey": survey, "page": page, "assisted": assisted})
