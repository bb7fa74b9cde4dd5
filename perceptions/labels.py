"""What each measure is called on pages: a short name residents understand."""

from django.utils.translation import gettext_lazy as _

MEASURE_LABELS = {
    "good_job": _("Police doing a good job locally"),
    "relied_on": _("Police can be relied on to be there"),
    "treat_fairly": _("Police treat everyone fairly"),
    "dealing_issues": _("Police deal with things that matter"),
    "listen_concerns": _("Police listen to concerns"),
    "understand_issues": _("Police understand local issues"),
    "trust_mps": _("Trust in the police"),
    "informed_local": _("Feeling well informed"),
    "contact_ward_officer": _("Knowing how to contact the ward officer"),
    "feel_safe_day": _("Feeling safe walking alone in the day"),
    "feel_safe_night": _("Feeling safe walking alone after dark"),
}

QUADRANT_LABELS = {
    "reassurance": _("Reassurance: high fear, low crime"),
    "awareness": _("Awareness: high crime, low fear"),
    "visible_action": _("Visible action: high fear, high crime"),
    "maintain": _("Maintain: low fear, low crime"),
}


def measure_label(code: str) -> str:
    return str(MEASURE_LABELS.get(code, code))


def lower_first(text: str) -> str:
    """'Trust in the police' → 'trust in the police' (for the middle of a sentence)."""
    return text[:1].lower() + text[1:]
