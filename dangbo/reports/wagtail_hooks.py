"""The documents in the back office: the register under "Văn bản", the issue form and the
downloads."""

from django.urls import path
from wagtail import hooks

from dangbo.reports.views import IssuedDocumentViewSet, IssueView, download


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/issue/<slug:name>/", IssueView.as_view(), name="reports_issue"),
        path(
            "reports/documents/<int:pk>/download/<slug:fmt>/",
            download,
            name="reports_download",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_report_viewsets():
    return IssuedDocumentViewSet()
