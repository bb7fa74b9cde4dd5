"""Staff upload data files in the Wagtail admin; a background task imports them.

The shared side knows no feature: each app declares the kinds of file it accepts with
``upload_kinds()`` on its AppConfig (see :mod:`.registry`), and the task calls that
kind's import, the same function its management command calls.
"""
