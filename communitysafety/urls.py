"""Site URLs: our apps' routes, the API, health check, admin, then Wagtail pages."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from comms.content.roadshow import EventCreateView
from communitysafety import views
from communitysafety.api import api_not_found, router
from communitysafety.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Before Wagtail's admin: its "add event page" view, reading ?ward= (roadshow planner).
    path(
        "admin/pages/add/comms/eventpage/<int:parent_page_id>/",
        never_cache(require_admin_access(EventCreateView.as_view())),
        {"content_type_app_name": "comms", "content_type_model_name": "eventpage"},
        name="comms_event_create",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^api/", api_not_found),  # anything else under /api/: a JSON 404
    path("", include("surveys.urls")),
    path("", include("perceptions.urls")),
    path("", include("comms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "communitysafety.views.page_not_found"
handler500 = "communitysafety.views.server_error"
