"""Background work of the home app: Wagtail's scheduled publishing as a task."""

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail)."""
    call_command("publish_scheduled")
