"""The peer a plain Wagtail site would use for a survey: a contrib.forms FormPage storing
a FormSubmission (a JSON blob). It exists so benchmarks/submit.py can compare our survey
submit with it in the same run; only the benchmark settings install this app."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class BenchmarkFormField(AbstractFormField):
    """A field of the benchmark peer form."""

    page = ParentalKey("BenchmarkFormPage", on_delete=models.CASCADE, related_name="form_fields")


class BenchmarkFormPage(AbstractForm):
    """The peer form page, placed under Home by the benchmark's set-up only."""

    template = "peer_form/form_page.html"
    landing_page_template = "peer_form/form_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*AbstractForm.content_panels]

    class Meta:
        verbose_name = "benchmark form page"
