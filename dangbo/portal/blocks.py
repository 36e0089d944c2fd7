"""The blocks of an article's body: rich text, and images with their caption."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
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


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text that must hold some text: Draftail leaves `<p data-block-key="…"></p>` for a
    paragraph added and left empty, which Wagtail's "required" accepts on submission; the
    approver's editor then reads it as empty and refuses to approve until it is fixed."""

    def clean(self, value):
        value = super().clean(value)
        if self.required and not strip_tags(value.source).replace("&nbsp;", " ").strip():
            raise ValidationError(_("This paragraph is empty: write it or remove it."))
        return value


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote"],
    )
    image = CaptionedImageBlock()

    class Meta:
        label = _("Body")
