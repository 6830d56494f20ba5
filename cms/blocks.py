"""The one StreamField vocabulary every page body shares (as in wagtail/bakerydemo)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tiêu đề"), max_length=255)
    size = blocks.ChoiceBlock(
        label=_("cấp"),
        choices=[("h2", _("Cấp 2")), ("h3", _("Cấp 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "cms/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=255)
    attribution = blocks.CharBlock(label=_("nguồn ảnh"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"))
    source = blocks.CharBlock(label=_("nguồn"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "cms/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("tệp"))
    title = blocks.CharBlock(label=_("tên hiển thị"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("Tệp đính kèm")
        template = "cms/blocks/document.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("câu hỏi"), max_length=500)
    answer = blocks.RichTextBlock(
        label=_("trả lời"), features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("Câu hỏi thường gặp")
        template = "cms/blocks/question.html"


class LegalBasisBlock(blocks.StructBlock):
    """A rule and the article it comes from, side by side (STYLE.md §6)."""

    reference = blocks.CharBlock(label=_("căn cứ"), max_length=255)
    text = blocks.RichTextBlock(label=_("nội dung"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "doc-full-inverse"
        label = _("Quy định pháp luật")
        template = "cms/blocks/legal_basis.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    question = QuestionBlock()
    legal_basis = LegalBasisBlock()
