"""Admin hooks of the surveys app (each feature's module registers its own on import)."""

# Unsafe-place reports (issue 6).
from . import unsafe_admin  # noqa: F401
