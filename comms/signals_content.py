"""Signal wiring for content: publishing or changing anything a page shows purges the cache."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_cache import bump, bump_on_save

page_published.connect(bump, dispatch_uid="comms.content_cache.published")
page_unpublished.connect(bump, dispatch_uid="comms.content_cache.unpublished")
post_page_move.connect(bump, dispatch_uid="comms.content_cache.moved")
post_save.connect(bump_on_save, dispatch_uid="comms.content_cache.saved")
post_delete.connect(bump_on_save, dispatch_uid="comms.content_cache.deleted")
