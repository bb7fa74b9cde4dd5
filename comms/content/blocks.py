"""StreamField blocks for advice, event and news pages.

Rich text is limited to a short allow-list of features: Draftail's converter drops
anything else (Word's classes, inline styles, fonts, scripts) when an editor pastes.
Each block has its template in `templates/blocks/`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# What editors may use in body text: no headings above h2, no colours, no tables.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
# Short texts inside panels and steps: inline formatting and links only.
INLINE_FEATURES = ["bold", "italic", "link"]


class CalloutBlock(blocks.StructBlock):
    """An inset panel that draws attention to one point (e.g. 'Never give your PIN')."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "blocks/comms_callout_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Step"))
    detail = blocks.RichTextBlock(features=INLINE_FEATURES, required=False, label=_("Detail"))


class NumberedStepsBlock(blocks.StructBlock):
    """What to do, in order: rendered as a numbered list so screen readers announce the count."""

    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "blocks/numbered_steps_block.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image whose alternative text is required here, not left to the image library."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/accessible_image_block.html"


class RelatedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Link text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Or an address"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": blocks.ValidationError(_("Choose a page or give an address."))}
            )
        return value


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default=_("Related links"), label=_("Heading"))
    links = blocks.ListBlock(RelatedLinkBlock(), min_num=1, label=_("Links"))

    class Meta:
        icon = "link"
        label = _("Related links")
        template = "blocks/related_links_block.html"


class ReportItBlock(blocks.StructBlock):
    """The 'report it' panel: 999 in an emergency, 101 or online otherwise."""

    heading = blocks.CharBlock(max_length=120, default=_("Report it"), label=_("Heading"))
    text = blocks.RichTextBlock(features=INLINE_FEATURES, required=False, label=_("Text"))
    online_url = blocks.URLBlock(
        required=False,
        default="https://www.met.police.uk/ro/report/",
        label=_("Online reporting address"),
    )
    crimestoppers = blocks.BooleanBlock(
        required=False, default=True, label=_("Mention Crimestoppers (anonymous, 0800 555 111)")
    )

    class Meta:
        icon = "warning"
        label = _("Report it panel")
        template = "blocks/report_it_block.html"


class ContentBodyBlock(blocks.StreamBlock):
    """The body of an advice, event or news page."""

    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    callout = CalloutBlock()
    steps = NumberedStepsBlock()
    image = AccessibleImageBlock()
    related_links = RelatedLinksBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A video or post address (YouTube, Vimeo…); fetched when you save."),
        template="blocks/embed_block.html",
    )
    report_it = ReportItBlock()
