"""Who may read and issue documents (docs/roles.md).

The register is read by whoever reads the issuing unit and the records the document shows
(its kind's `reads`, in the selector); a document is issued by the bodies that sign the
office's paperwork on their units: the organization office, the standing committee and the
inspection commission. A helper body, a committee member, a secretary or an editor reads
what they may, and issues nothing.
"""

from dangbo.org.policy import (
    ADD,
    CHANGE,
    COMMITTEE,
    HELPERS,
    INSPECTION,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)
from dangbo.reports import selectors
from dangbo.reports.models import IssuedDocument, IssuerProfile

ISSUERS = OFFICE | STANDING | INSPECTION

document_policy = register(
    ScopedPolicy(
        IssuedDocument,
        visible=lambda user: selectors.issued_document_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={
            VIEW: OFFICE | STANDING | COMMITTEE | INSPECTION | HELPERS | SECRETARIES,
            ADD: ISSUERS,
        },
    )
)

profile_policy = register(
    ScopedPolicy(
        IssuerProfile,
        visible=lambda user: selectors.issuer_profile_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: ISSUERS, ADD: ISSUERS, CHANGE: ISSUERS},
    )
)
