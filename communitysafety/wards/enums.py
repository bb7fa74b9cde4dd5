"""Age groups as the Census counts them and as the survey asks them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    """Survey age bands (contract codes); also the weighting margin."""

    AGE_16_24 = "16-24", _("16 to 24")
    AGE_25_34 = "25-34", _("25 to 34")
    AGE_35_49 = "35-49", _("35 to 49")
    AGE_50_64 = "50-64", _("50 to 64")
    AGE_65_PLUS = "65+", _("65 or over")


UNDER_16 = "0-15"

# Census 2021 "age_group" labels → our codes (children are kept for rates per resident).
CENSUS_AGE_GROUPS = {
    "Aged 15 years and under": UNDER_16,
    "Aged 16 to 24 years": AgeBand.AGE_16_24.value,
    "Aged 25 to 34 years": AgeBand.AGE_25_34.value,
    "Aged 35 to 49 years": AgeBand.AGE_35_49.value,
    "Aged 50 to 64 years": AgeBand.AGE_50_64.value,
    "Aged 65 years and over": AgeBand.AGE_65_PLUS.value,
}
