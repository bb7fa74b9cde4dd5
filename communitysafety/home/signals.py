"""Publishing or changing what every page shows bumps the site-content generation.

Pages (publish, unpublish, move, delete), sites, view restrictions, site settings and the
taxonomy pages show (topics, priorities, partners, wards: listing filters, tags and cards
name them): the page cache, the cached fragments of listings and pages (`content_cache`),
the cached page shell (`site_shell`) and each process's Site, restriction and child-route
look-ups (`communitysafety.home.routing`) are keyed on it. Apps add their own senders
(comms bumps it when a banner changes).
"""

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from communitysafety.common.page_cache import SITE_CONTENT
from communitysafety.vocabularies.models import PartnerOrganisation, StrategicPriority, Topic
from communitysafety.wards.models import Ward

#: Everything whose change retires cached pages: what editors publish, and the snippets
#: whose names pages and listing filters show.
SITE_CONTENT_MODELS = (
    Page,
    Site,
    PageViewRestriction,
    BaseSiteSetting,
    BaseGenericSetting,
    Topic,
    StrategicPriority,
    PartnerOrganisation,
    Ward,
)


def bump_on_save(sender, instance, **kwargs: Any) -> None:
    """post_save/post_delete of a page, site, view restriction or site setting."""
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting) and kwargs.get("created"):
        return  # made with its defaults on first read (`for_request`): pages already show those
    if isinstance(instance, SITE_CONTENT_MODELS):
        SITE_CONTENT.bump()


page_published.connect(SITE_CONTENT.bump, dispatch_uid="home.site_content.published")
page_unpublished.connect(SITE_CONTENT.bump, dispatch_uid="home.site_content.unpublished")
post_page_move.connect(SITE_CONTENT.bump, dispatch_uid="home.site_content.moved")
post_save.connect(bump_on_save, dispatch_uid="home.site_content.saved")
post_delete.connect(bump_on_save, dispatch_uid="home.site_content.deleted")
