"""Shared services that know no feature.

Sanitising, rate limits, caches, import/export plumbing and retention: each feature
uses them, none of them imports a feature (import-linter holds this).
"""
