"""Read-only API tokens for partner systems: created in the admin, hashed, revocable, audited."""
