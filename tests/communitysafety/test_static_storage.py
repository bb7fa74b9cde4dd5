"""Static URLs are worked out once per process, and are still the manifest's hashed ones."""

import json

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import Context, Template
from django.templatetags.static import static

from communitysafety.common.static_storage import CachedUrlManifestStaticFilesStorage

BACKEND = "communitysafety.common.static_storage.CachedUrlManifestStaticFilesStorage"
SHELL = Template("{% load static %}{% static 'css/site.css' %} {% static 'js/site.js' %}")


@pytest.fixture
def manifest_storage(settings, tmp_path):
    """Production's storage over a manifest of two files (what collectstatic writes)."""
    paths = {"css/site.css": "css/site.0123abcd4567.css", "js/site.js": "js/site.89ef0123.js"}
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": paths, "version": "1.1", "hash": "0123456789ab"})
    )
    settings.STATIC_ROOT = str(tmp_path)
    settings.STATIC_URL = "/static/"
    settings.DEBUG = False
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": BACKEND}}


def test_production_serves_static_files_with_the_kept_urls():
    from communitysafety.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == BACKEND


def test_the_url_is_the_hashed_one_and_is_worked_out_once(manifest_storage):
    first = SHELL.render(Context())
    again = SHELL.render(Context())

    assert first == again == "/static/css/site.0123abcd4567.css /static/js/site.89ef0123.js"
    storage = staticfiles_storage._wrapped
    assert isinstance(storage, CachedUrlManifestStaticFilesStorage)
    info = storage._kept_url.cache_info()
    assert (info.misses, info.hits) == (2, 2)


def test_with_debug_on_the_url_is_the_unhashed_one(manifest_storage, settings):
    assert static("css/site.css") == "/static/css/site.0123abcd4567.css"
    settings.DEBUG = True
    assert static("css/site.css") == "/static/css/site.css"


def test_a_name_missing_from_the_manifest_fails_every_time(manifest_storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            static("css/not-collected.css")
