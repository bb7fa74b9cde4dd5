from django_tasks import task


@task()
def heartbeat() -> None:
    """Does nothing: the scheduler's own bookkeeping records each run."""
