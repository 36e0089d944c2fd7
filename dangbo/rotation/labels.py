"""What each rotation finding means, in the words of 65-QĐ/TW and the texts it relies on."""

from django.utils.translation import gettext_lazy

FINDING_LABELS = {
    "too_short": gettext_lazy("Planned for less than 36 months"),
    "too_close_to_retirement": gettext_lazy(
        "Fewer years of service left before retirement than a rotation needs "
        "(10 years; 5 for a term limit or a non-local appointment)"
    ),
    "under_discipline": gettext_lazy("A discipline decision against the person is in force"),
    "promotion_barred": gettext_lazy(
        "A promotion to a higher post while the person is under a promotion bar"
    ),
}

# What is wrong with a plan's years for its kind (dangbo.rules.rotation.plan_period_problems).
PLAN_PROBLEM_LABELS = {
    "ends_before_start": gettext_lazy("The plan ends before it starts."),
    "annual_spans_years": gettext_lazy("An annual plan covers one year: its two years are equal."),
    "term_not_five_years": gettext_lazy(
        "A five-year plan covers a term: from year and to year are 4 years apart (2016–2020) "
        "or 5 (the congress term, 2020–2025)."
    ),
}

# The key posts the plan's page counts (dangbo.rules.rotation.key_post).
KEY_POST_LABELS = {
    "party_secretary": gettext_lazy("party secretaries"),
    "peoples_committee_chair": gettext_lazy("People's Committee chairs"),
    "council_chair": gettext_lazy("People's Council chairs"),
    "deputy_secretary": gettext_lazy("deputy secretaries"),
    "": gettext_lazy("other posts"),
}
