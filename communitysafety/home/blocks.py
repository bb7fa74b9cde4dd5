"""Blocks for the home and information pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TaskLinkBlock(blocks.StructBlock):
    """A card on the home page pointing residents at one thing they can do."""

    title = blocks.CharBlock(max_length=80, label=_("Title"))
    description = blocks.CharBlock(max_length=200, required=False, label=_("Description"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Or a site path"),
        help_text=_("Used when no page is chosen, e.g. /unsafe-places/report/"),
    )

    class Meta:
        icon = "link"
        template = "blocks/task_link_block.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Text"))

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"


class InformationBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", template="blocks/heading_block.html", label=_("Heading")
    )
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul"], label=_("Paragraph")
    )
    callout = CalloutBlock()
