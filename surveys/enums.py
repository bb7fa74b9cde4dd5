"""Answer scales and codes from the contract, with the labels residents read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    TELEPHONE = "telephone", _("Telephone")
    PAPER = "paper", _("Paper")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    PREFER_NOT_TO_SAY = "prefer_not_to_say", _("Prefer not to say")
