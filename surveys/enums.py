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


class Agreement(models.TextChoices):
    STRONGLY_AGREE = "strongly_agree", _("Strongly agree")
    TEND_TO_AGREE = "tend_to_agree", _("Tend to agree")
    NEITHER = "neither", _("Neither agree nor disagree")
    TEND_TO_DISAGREE = "tend_to_disagree", _("Tend to disagree")
    STRONGLY_DISAGREE = "strongly_disagree", _("Strongly disagree")
    DONT_KNOW = "dont_know", _("Don't know")
    REFUSED = "refused", _("Prefer not to say")
