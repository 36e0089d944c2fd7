"""The blocks of an article's body: rich text, and images with their caption."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CaptionedImageBlock(blocks.StructBlock):
    """Wagtail's image block (alt text required unless marked decorative) with a caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Caption"),
        help_text=_("Shown under the image, e.g. what it shows and who took it."),
    )

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "portal/blocks/captioned_image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"],
    )
    image = CaptionedImageBlock()

    class Meta:
        label = _("Body")
