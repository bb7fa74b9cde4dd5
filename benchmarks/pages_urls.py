"""The site's URLs plus a Django hello-world view: the baseline, under the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("hello/", hello), path("", include("communitysafety.urls"))]

handler404 = "communitysafety.views.page_not_found"
handler500 = "communitysafety.views.server_error"
