"""Bad input on a discipline case, as people read it (shared by services and the importer).

The checks themselves are `dangbo.rules.discipline.validate_case`; this module turns its
problem codes into messages on the right field.
"""

from django.utils.translation import gettext_lazy as _

from dangbo.core.errors import Problem

MESSAGES = {
    "unknown_subject_kind": ("subject_kind", _("The subject is a person or a unit.")),
    "unknown_form": ("form", _("Unknown form of discipline.")),
    "form_not_for_subject": (
        "form",
        _("This form of discipline does not apply to this kind of subject."),
    ),
    "unknown_category": ("category", _("Unknown category; use ordinary or no_limit.")),
    "probationary_form": (
        "form",
        _("A probationary member can only be reprimanded or warned (69-QĐ/TW)."),
    ),
    "cach_chuc_without_post": (
        "form",
        _("Removal from post needs a post held on the decision date."),
    ),
    "decided_before_violation": ("decided_date", _("The decision is dated before the violation.")),
    "announced_before_decision": (
        "announced_date",
        _("The announcement is dated before the decision."),
    ),
    "unknown_complaint_outcome": ("complaint_outcome", _("Unknown complaint outcome.")),
    "complaint_before_announcement": (
        "complaint_date",
        _("The complaint is dated before the announcement."),
    ),
    "complaint_resolved_without_complaint": (
        "complaint_resolved_date",
        _("A resolution needs the complaint date."),
    ),
    "complaint_resolved_before_complaint": (
        "complaint_resolved_date",
        _("The complaint is resolved before it was filed."),
    ),
    "complaint_resolution_without_outcome": (
        "complaint_outcome",
        _("A resolved complaint needs its outcome (upheld, annulled or changed)."),
    ),
    "complaint_outcome_without_resolution": (
        "complaint_outcome",
        _("A complaint outcome needs the resolution date."),
    ),
    "form_without_decision": (
        "form",
        _("The form is chosen with the decision: give the decision date, or leave the form empty."),
    ),
    "decision_without_form": ("form", _("A decision needs its form of discipline.")),
    "announced_without_decision": (
        "announced_date",
        _("A decision is announced after it is taken: record the decision first."),
    ),
    "complaint_without_announcement": (
        "complaint_date",
        _("A complaint is about an announced decision: record the announcement first."),
    ),
    "step_out_of_order": (
        "",
        _(
            "This step cannot be recorded now: the case's steps go in order (decision, "
            "announcement, complaint, resolution)."
        ),
    ),
    "step_in_future": ("", _("The date is after today: record a step once it has happened.")),
    "decided_before_ideological_work": (
        "decided_date",
        _("The decision is dated before the ideological work with the person."),
    ),
}


def problems_from_codes(codes) -> list[Problem]:
    problems = []
    for code in codes:
        field, message = MESSAGES.get(code, ("", code))
        problems.append(Problem(field, str(message)))
    return problems
