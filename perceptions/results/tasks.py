"""Background work of the perceptions app: recompute a survey's stored results."""

from django_tasks import task


@task()
def compute_results(survey_id: int) -> int:
    """Recompute and store the results of one survey (idempotent); returns the generation."""
    from perceptions.results.generation import refresh_results

    return refresh_results(survey_id).generation
