"""The peer of benchmarks/pages.py: the site `wagtail start plain_wagtail` generates.

Its settings, URLs, home app and templates are the generated ones with DEBUG off,
the search app and Django admin left out, and the database settings of our own
production (persistent connections; WAL on SQLite) so the two sites differ only in
the application. It has its own SQLite database, migrated when the benchmark starts.
"""
