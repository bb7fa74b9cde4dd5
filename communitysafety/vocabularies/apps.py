from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VocabulariesConfig(AppConfig):
    name = "communitysafety.vocabularies"
    label = "vocabularies"
    verbose_name = _("Shared vocabularies")
    role_permissions = {
        "Editors": [
            "add_topic",
            "change_topic",
            "view_topic",
            "add_partnerorganisation",
            "change_partnerorganisation",
            "view_partnerorganisation",
            "view_strategicpriority",
        ],
        "Moderators": ["view_partnerorganisation", "view_topic"],
        "Analysts": ["view_topic", "view_strategicpriority", "view_partnerorganisation"],
    }
