"""Background work of the perceptions app: recompute a survey's stored results."""

from django_tasks import task


@task()
def compute_results(survey_id: int) -> int:
    """Recompute and store the results of one survey (idempotent); returns the generation."""
    from perceptions.results.generation import refresh_results

    return refresh_results(survey_id).generation


@task()
def refresh_stale_results() -> int:
    """Recompute every survey whose responses changed since (`perceptions_compute --stale`)."""
    from perceptions.results.generation import refresh_results, stale_survey_ids

    survey_ids = stale_survey_ids()
    for survey_id in survey_ids:
        refresh_results(survey_id)
    return len(survey_ids)
