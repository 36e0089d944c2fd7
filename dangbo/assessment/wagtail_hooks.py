"""Registers the survey and help screens in the back office (menu group "Surveys and help")."""

from wagtail import hooks

from dangbo.assessment.views import AssessmentGroup


@hooks.register("register_admin_viewset")
def register_assessment_viewsets():
    return AssessmentGroup()
