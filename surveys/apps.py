from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """What residents submit: the annual survey and unsafe-place reports."""

    name = "surveys"
    verbose_name = _("Surveys and reports")
    role_permissions: dict[str, list[str]] = {}
