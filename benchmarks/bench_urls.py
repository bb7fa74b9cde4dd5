"""The site's URLs plus the hello-world baseline view."""

from django.http import HttpResponse
from django.urls import path

from communitysafety.urls import handler404, handler500  # noqa: F401
from communitysafety.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
