"""Static files storage whose URLs are worked out once per process.

Every page's shell asks for the same few static URLs (`{% static %}`): under the manifest
storage each is a name clean-up, a manifest look-up and a URL join, and with a name
missing from a non-strict manifest, a read and hash of the file. The manifest is fixed
for a process's lifetime (it is loaded when the storage is made, and `collectstatic`
runs before the processes start), so each answer can be kept. The key holds DEBUG too:
with DEBUG on, the storage answers the unhashed name. Errors are not kept.
"""

import functools

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

URLS_KEPT = 1024  # far more than the static names the templates use


class CachedUrlManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, with `url()` kept per name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Per instance: a new storage (tests that change STORAGES or STATIC_ROOT) starts
        # afresh, with its own manifest.
        self._kept_url = functools.lru_cache(maxsize=URLS_KEPT)(self._url_for)

    def url(self, name: str, force: bool = False) -> str:
        return self._kept_url(name, force, settings.DEBUG)

    def _url_for(self, name: str, force: bool, _debug: bool) -> str:
        # `_debug` is only part of the cache key: the storage reads settings.DEBUG itself.
        return super().url(name, force)
