"""Registers the survey and help screens in the back office (menu group "Surveys and help")."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton

from dangbo.assessment.selectors import helps_noted_by
from dangbo.assessment.views import AssessmentGroup
from dangbo.core.dates import vn_date_or_dash


@hooks.register("register_admin_viewset")
def register_assessment_viewsets():
    return AssessmentGroup()


@hooks.register("dangbo_unit_header_buttons")
def record_help_progress_buttons(request, unit):
    """A helper body records its progress from the page of the unit it helps (issue 8 item 7)."""
    helps = list(helps_noted_by(user=request.user, unit=unit))
    for help_given in helps:
        label = _("Record help progress")
        if len(helps) > 1:
            label = _("%(action)s (from %(start)s)") % {
                "action": label,
                "start": vn_date_or_dash(help_given.start_date),
            }
        url = reverse("assistance:progress", args=(quote(help_given.pk),))
        yield HeaderButton(label, url=url, icon_name="edit", priority=5)
