"""Vocabularies are snippets, grouped under one admin menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from communitysafety.common.admin_exports import SafeExportSnippetViewSet
from communitysafety.vocabularies.models import PartnerOrganisation, StrategicPriority, Topic


class StrategicPriorityViewSet(SafeExportSnippetViewSet):
    model = StrategicPriority
    icon = "pick"
    list_display = ["number", "title"]
    search_fields = ["title"]


class TopicViewSet(SafeExportSnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    list_filter = ["priorities"]
    search_fields = ["name"]


class PartnerOrganisationViewSet(SafeExportSnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "kind", "ward"]
    list_filter = ["kind", "is_responsible_authority"]
    search_fields = ["name"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Vocabularies"
    menu_icon = "list-ul"
    menu_order = 900
    items = (StrategicPriorityViewSet, TopicViewSet, PartnerOrganisationViewSet)


register_snippet(VocabularyGroup)
