"""The site's URLs plus the benchmarks' baselines: hello-world and the durable-write floor.

Installed only by `benchmarks.bench_settings` (never in the product's URLs)."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from benchmarks.peer_form.models import FloorRow
from communitysafety.urls import handler404, handler500  # noqa: F401
from communitysafety.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world")


@csrf_exempt
@require_POST
def floor(request: HttpRequest) -> HttpResponse:
    """Insert one row and commit: what any durable submit costs at least on this server."""
    with transaction.atomic():
        FloorRow.objects.create(body=request.body[:200].decode(errors="replace"))
    return HttpResponse("stored", status=201)


urlpatterns = [path("bench/hello/", hello), path("bench/floor/", floor), *site_urlpatterns]
