"""The register of issued documents (sổ đăng ký văn bản đi), its counters and the issuer
profile of each unit.

A document's number counts per issuing unit, document type and committee term from 01
(`Số 01-BC/HU`); the counter row of that triple is locked (`select_for_update`) while a
number is taken, and the register refuses a second document with the same number. An issued
document is never edited or deleted: it keeps the .docx and .xlsx as issued, and a
correction is a new document naming the one it replaces.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.org.models import Unit


class IssuerProfile(models.Model):
    """How a unit signs its documents: the header's two lines, its abbreviation in the
    number, its town, its usual signer and recipients; remembered from its last issue."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    superior_body = models.CharField(_("superior body"), max_length=255, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    abbreviation = models.CharField(_("abbreviation in the number"), max_length=32)
    author = models.CharField(_("issued by (in a sentence)"), max_length=255, blank=True)
    place = models.CharField(_("place"), max_length=128, blank=True)
    on_behalf = models.CharField(_("on behalf line"), max_length=128, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=128, blank=True)
    signer_name = models.CharField(_("signer"), max_length=255, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    term_started_on = models.DateField(_("the committee term started on"))

    class Meta:
        verbose_name = _("issuer profile")
        verbose_name_plural = _("issuer profiles")

    def __str__(self):
        return f"{self.issuing_body} ({self.abbreviation})"


class NumberCounter(models.Model):
    """The last number given to a (unit, document type, term): locked while a number is taken."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    doc_type = models.CharField(max_length=8)
    term = models.CharField(max_length=16)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "doc_type", "term"], name="reports_counter_once"
            )
        ]

    def __str__(self):
        return f"{self.doc_type} {self.term}: {self.last_number}"


class IssuedDocument(models.Model):
    """A document as issued: its number, what it was made from, and its files."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("document"), max_length=64)
    doc_type = models.CharField(_("document type"), max_length=8)
    term = models.CharField(_("committee term"), max_length=16)
    number = models.PositiveIntegerField(_("number"))
    number_text = models.CharField(_("number"), max_length=64)
    subject = models.CharField(_("subject"), max_length=500)
    issued_on = models.DateField(_("date"))
    options = models.JSONField(_("options"), default=dict)
    figures = models.JSONField(_("figures"), default=dict)
    header = models.JSONField(_("header"), default=dict)
    signer_title = models.CharField(_("signer's title"), max_length=128)
    signer_name = models.CharField(_("signer"), max_length=255)
    recipients = models.JSONField(_("recipients"), default=list)
    replaces = models.CharField(_("replaces"), max_length=64, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    issued_at = models.DateTimeField(_("issued at"))
    docx = models.BinaryField(editable=False)
    xlsx = models.BinaryField(editable=False)

    audit_exclude = ("docx", "xlsx")

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "doc_type", "term", "number"], name="reports_number_once"
            )
        ]

    def __str__(self):
        return f"Số {self.number_text}: {self.subject}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An issued document is never changed: issue a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("An issued document is never deleted: issue a new one.")
