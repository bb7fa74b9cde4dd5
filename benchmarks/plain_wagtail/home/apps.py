from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The generated `home` app (label kept, so its migrations run unchanged)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "benchmarks.plain_wagtail.home"
    label = "home"
