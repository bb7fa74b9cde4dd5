from wagtail.models import Page


class HomePage(Page):
    """The generated home page model: no fields of its own."""
