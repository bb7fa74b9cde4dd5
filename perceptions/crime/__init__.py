"""Recorded-crime analysis for the strategic assessment tables (pure Python, no Django).

``parsing`` reads the MPS borough/ward files and the partner long format,
``populations`` the Census denominators and borough-name matching, ``tables``
builds the borough and ward tables, ``summary`` writes sentences about them and
``formatting`` holds the shared number formats.
"""
