"""What of the register a user may read: the documents of the units they see, of the kinds
whose records they may read (`kind_visible_to`)."""

from django.db.models import QuerySet

from dangbo.org import scope
from dangbo.reports.kinds import KINDS, kind_visible_to
from dangbo.reports.models import IssuedDocument, IssuerProfile


def readable_kinds(user) -> list[str]:
    return [name for name, kind in KINDS.items() if kind_visible_to(user, kind)]


def issued_document_list_visible_to(*, user) -> QuerySet[IssuedDocument]:
    documents = scope.filter_by_unit_path(
        IssuedDocument.objects.select_related("unit", "issued_by").defer("docx", "xlsx"),
        user,
        "unit",
    )
    return documents.filter(kind__in=readable_kinds(user))


def issuer_profile_list_visible_to(*, user) -> QuerySet[IssuerProfile]:
    return scope.filter_by_unit_path(IssuerProfile.objects.select_related("unit"), user, "unit")


def profile_of(unit) -> IssuerProfile | None:
    return IssuerProfile.objects.filter(unit=unit).first()
