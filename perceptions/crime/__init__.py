"""Recorded-crime analysis for the strategic assessment tables (pure Python, no Django).

``parsing`` reads the MPS borough/ward files and the partner long format,
``populations`` the Census denominators and borough-name matching, ``tables``
builds the borough and ward tables, ``summary`` writes sentences about them,
``partners`` turns partner datasets into lines of the borough table, ``display``
gives the rows as cells for pages and downloads, and ``formatting`` holds the
shared number formats. The Django side is ``perceptions.crime.imports`` (files →
database) and ``perceptions.crime.queries`` (database → these tables).
"""
