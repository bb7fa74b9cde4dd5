"""The baseline every benchmark compares against: a Django hello-world view.

Served by the same gunicorn settings as the site (`gunicorn benchmarks.hello_django:application`).
"""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmark-only",  # noqa: S106
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
    )
    django.setup()


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("", hello)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
