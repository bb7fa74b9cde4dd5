"""Background work of the surveys app (idempotent; primitive arguments)."""

from django_tasks import task

from surveys.annual.retention import purge_partial_responses


@task()
def purge_partial_survey_responses() -> int:
    """Scheduled daily (cron: `manage.py purge_partial_responses --enqueue`): running it twice
    deletes nothing more."""
    return purge_partial_responses()
