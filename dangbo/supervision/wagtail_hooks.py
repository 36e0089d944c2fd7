"""Registers the supervision screens in the back office (menu group "Supervision"), and a
committee member's own page ("My work")."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dangbo.supervision import views
from dangbo.supervision.views import SupervisionGroup


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionGroup()


@hooks.register("register_admin_urls")
def register_my_work_urls():
    return [
        path("my-work/", views.MyWorkView.as_view(), name="supervision_my_work"),
        path("my-work/report/", views.OwnReportView.as_view(), name="supervision_own_report"),
        path(
            "supervision/files/<int:pk>/",
            views.report_file_download,
            name="supervision_report_file",
        ),
    ]


class MyWorkMenuItem(MenuItem):
    """Shown to users whose login is linked to a person with supervision assignments."""

    def is_shown(self, request):
        return views.shows_my_work(request)


@hooks.register("register_admin_menu_item")
def register_my_work_menu_item():
    return MyWorkMenuItem(_("My work"), reverse("supervision_my_work"), icon_name="tasks", order=50)
