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


class FloorRow(models.Model):
    """One row per request of benchmarks/submit.py's floor view: the durable-write floor.

    The least a submit can do: insert one small row and commit, under the same server,
    middleware and database as the real submits (issue 19.4)."""

    created_at = models.DateTimeField(auto_now_add=True)
    body = models.CharField(max_length=200)

    class Meta:
        verbose_name = "benchmark floor row"

    def __str__(self) -> str:
        return f"floor row {self.pk}"
