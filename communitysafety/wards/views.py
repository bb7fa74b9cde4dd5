"""Ward boundaries as GeoJSON for every map on the site (same origin: no tiles needed,
CSP `connect-src 'self'`)."""

import json
from functools import lru_cache

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .lookup import GENERATION_KEY
from .models import Ward


@lru_cache(maxsize=1)
def _boundaries(generation: str) -> bytes:
    features = [
        {"type": "Feature", "geometry": boundary, "properties": {"code": code, "name": name}}
        for code, name, boundary in Ward.objects.order_by("name").values_list(
            "code", "name", "boundary"
        )
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


@require_GET
def boundaries_geojson(request: HttpRequest) -> HttpResponse:
    """All wards with code and name; rebuilt when `load_wards` bumps the generation."""
    body = _boundaries(f"{cache.get(GENERATION_KEY)}:{Ward.objects.count()}")
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response
