"""The upload's background task (database backend in production, immediate in tests)."""

from django_tasks import task

from communitysafety.common.uploads.jobs import process


@task()
def process_upload(job_id: int) -> str:
    """Check and import one uploaded file; idempotent (only a queued job is claimed)."""
    return process(job_id)
