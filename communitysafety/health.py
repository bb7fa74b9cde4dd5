"""Health check for load balancers and a friendly page when the database is down."""

import logging
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from communitysafety.common.scheduler.health import job_health

logger = logging.getLogger(__name__)


def oldest_waiting_task_age() -> float | None:
    """Seconds the oldest ready-but-unclaimed database task has waited, or None."""
    from django_tasks_db.models import DBTaskResult

    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True)
    ).first()
    if oldest is None:
        return None
    return (timezone.now() - oldest).total_seconds()


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """`/healthz`: 200 when the database answers and no periodic job is overdue, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        age = oldest_waiting_task_age()
        computed = _results_last_computed()
        jobs = job_health(timezone.now())
    except DatabaseError:
        logger.exception("Health check could not reach the database")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    overdue = any(job["overdue"] for job in jobs.values())
    return JsonResponse(
        {
            "status": "error" if overdue else "ok",
            "database": "ok",
            "oldest_waiting_task_seconds": age,
            "results_last_computed": computed,
            "periodic_jobs": jobs,
        },
        status=503 if overdue else 200,
    )


def _results_last_computed() -> dict[str, str | None]:
    """Survey slug → ISO time its perceptions results were last computed."""
    from perceptions.results.generation import results_last_computed

    return {
        slug: when.isoformat() if when else None for slug, when in results_last_computed().items()
    }


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection into a clear "try again" page (503).

    Residents see a page that tells them nothing was saved and to try again,
    never a stack trace; the error is logged for staff.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import InterfaceError, OperationalError

        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable: %s", type(exception).__name__)
            response = render(request, "503.html", status=503)
            response["Retry-After"] = "30"
            return response
        return None
