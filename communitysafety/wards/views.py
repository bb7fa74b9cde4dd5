"""Ward boundaries as GeoJSON for every map on the site (same origin: no tiles needed,
CSP `connect-src 'self'`)."""

import json

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from communitysafety.wards.models import Ward


@require_GET
def boundaries_geojson(request: HttpRequest) -> HttpResponse:
    """All wards with code and name. Browsers cache it for an hour (boundaries rarely change)."""
    features = [
        {"type": "Feature", "geometry": boundary, "properties": {"code": code, "name": name}}
        for code, name, boundary in Ward.objects.order_by("name").values_list(
            "code", "name", "boundary"
        )
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features})
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response
