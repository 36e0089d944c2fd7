"""Issuing a document: the content from the data, a number from the register, the files as
issued, the issuer profile remembered; audited, one transaction (nothing written on error)."""

import json
from dataclasses import replace
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit, records
from dangbo.core.errors import InputError, Problem
from dangbo.org.policy import ADD
from dangbo.reports.content import Content, DocumentKind
from dangbo.reports.engine import Issue, render_docx
from dangbo.reports.kinds import kind_visible_to
from dangbo.reports.models import IssuedDocument, IssuerProfile, NumberCounter
from dangbo.reports.permissions import document_policy
from dangbo.reports.terms import DEFAULT_TERM_START, term_of
from dangbo.reports.words import number_text
from dangbo.reports.xlsx import render_xlsx

# What the issue form asks (and the profile remembers), with whether it must be given.
PROFILE_FIELDS = (
    "superior_body",
    "issuing_body",
    "abbreviation",
    "author",
    "place",
    "on_behalf",
    "signer_title",
    "signer_name",
    "recipients",
    "term_started_on",
)
REQUIRED = {
    "issuing_body": _("Write the issuing body (e.g. HUYỆN UỶ TÂN KỲ)."),
    "abbreviation": _("Write the issuer's abbreviation in the number (e.g. HU, BTCHU)."),
    "signer_title": _("Write the signer's title (e.g. PHÓ BÍ THƯ)."),
    "signer_name": _("Write the signer's name."),
}


def _plain_options(options: dict, names) -> dict:
    """The options as the register keeps them (JSON): dates in ISO."""
    kept = {}
    for name in names:
        value = options.get(name)
        kept[name] = value.isoformat() if isinstance(value, date) else value
    return kept


def _problems(data: dict) -> list[Problem]:
    problems = [
        Problem(field, str(message))
        for field, message in REQUIRED.items()
        if not str(data.get(field) or "").strip()
    ]
    if not isinstance(data.get("issued_on"), date):
        problems.append(Problem("issued_on", _("Write the document's date (dd/mm/yyyy).")))
    abbreviation = str(data.get("abbreviation") or "")
    if any(c in abbreviation for c in " /-"):
        problems.append(
            Problem("abbreviation", _("The abbreviation has no spaces, '/' or '-'."), abbreviation)
        )
    return problems


def readable_twice(content: Content) -> Content:
    """The content with every table's rows readable twice (the .docx, then the .xlsx): a
    generator (the contract allows one) is kept as a list; re-readable rows (a list,
    MappedRows) stay as they are."""
    tables = tuple(
        replace(t, rows=list(t.rows)) if iter(t.rows) is t.rows else t for t in content.tables
    )
    return replace(content, tables=tables)


def next_number(*, unit, doc_type: str, term: str) -> int:
    """The next number of (unit, type, term), taken under a lock on its counter row: two
    issues at once wait for each other and never get the same number."""
    NumberCounter.objects.get_or_create(unit=unit, doc_type=doc_type, term=term)
    counter = NumberCounter.objects.select_for_update().get(unit=unit, doc_type=doc_type, term=term)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def issuer_profile_remember(*, actor, unit, data: dict, source: str) -> IssuerProfile:
    """Keep what the issue form said, for the unit's next document (audited)."""
    values = {f: data[f] for f in PROFILE_FIELDS if f in data and data[f] is not None}
    if isinstance(values.get("recipients"), list | tuple):
        values["recipients"] = "\n".join(values["recipients"])
    current = IssuerProfile.objects.select_for_update().filter(unit=unit).first()
    if current is None:
        values.setdefault("term_started_on", DEFAULT_TERM_START)
        return records.create(IssuerProfile(unit=unit, **values), actor=actor, source=source)
    return records.update(current, values, actor=actor, source=source)


@transaction.atomic
def document_issue(
    *,
    actor,
    kind: DocumentKind,
    unit,
    options: dict,
    data: dict,
    source: str = audit.SOURCE_SCREEN,
) -> IssuedDocument:
    """Issue a document of `kind` for `unit` as `actor`: number, files, register entry.

    `data` holds the issue form's fields (PROFILE_FIELDS, `issued_on`, `replaces`);
    `recipients` a list of lines. InputError on bad input, PermissionError without the
    right; nothing is written then.
    """
    if not kind_visible_to(actor, kind):
        raise PermissionError(_("You may not read the records this document shows."))
    document_policy.require(actor, ADD, unit, _("You may not issue documents for this unit."))
    if problems := _problems(data):
        raise InputError(problems)
    content = readable_twice(kind.build(user=actor, unit=unit, options=options))
    profile = issuer_profile_remember(actor=actor, unit=unit, data=data, source=source)
    term = term_of(data["issued_on"], profile.term_started_on)
    number = next_number(unit=unit, doc_type=content.doc_type, term=term)
    text = number_text(number, content.doc_type, profile.abbreviation)
    recipients = [r.strip() for r in data.get("recipients") or () if r.strip()]
    issue = Issue(
        superior_body=profile.superior_body,
        issuing_body=profile.issuing_body,
        number_text=text,
        place=profile.place,
        issued_on=data["issued_on"],
        signer_title=profile.signer_title,
        signer_name=profile.signer_name,
        on_behalf=profile.on_behalf,
        recipients=tuple(recipients),
        author=profile.author or unit.name,  # never "… của )": a sentence needs its issuer
        replaces=(data.get("replaces") or "").strip(),
    )
    document = IssuedDocument(
        unit=unit,
        kind=kind.name,
        doc_type=content.doc_type,
        term=term,
        number=number,
        number_text=text,
        subject=content.subject[:500],
        issued_on=issue.issued_on,
        options=_plain_options(options, (*kind.options, *kind.extra_options)),
        figures=json.loads(json.dumps(content.figures, default=str)),
        header={
            "superior_body": issue.superior_body,
            "issuing_body": issue.issuing_body,
            "author": issue.author,
            "place": issue.place,
            "on_behalf": issue.on_behalf,
        },
        signer_title=issue.signer_title,
        signer_name=issue.signer_name,
        recipients=recipients,
        replaces=issue.replaces,
        issued_by=actor if getattr(actor, "pk", None) else None,
        issued_at=timezone.now(),
        docx=render_docx(content, issue),
        xlsx=render_xlsx(content),
    )
    try:
        with transaction.atomic():
            return records.create(document, actor=actor, source=source)
    except IntegrityError:
        raise InputError(
            [Problem("number", _("This number is already in the register."), text)]
        ) from None
