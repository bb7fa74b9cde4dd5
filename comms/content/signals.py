"""Signal wiring for content: a banner change retires every cached page and page shell.

Pages, sites and settings are wired in `communitysafety.home.signals`.
"""

from django.db.models.signals import post_delete, post_save

from comms.models.banners import SiteBanner
from communitysafety.common.page_cache import SITE_CONTENT

post_save.connect(
    SITE_CONTENT.bump, sender=SiteBanner, dispatch_uid="comms.content.cache.banner_saved"
)
post_delete.connect(
    SITE_CONTENT.bump, sender=SiteBanner, dispatch_uid="comms.content.cache.banner_deleted"
)
