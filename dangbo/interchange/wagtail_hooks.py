from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from dangbo.interchange.services import may_import
from dangbo.interchange.views import (
    ExportView,
    ImportRunListView,
    ImportRunView,
    ImportUploadView,
    TemplateDownloadView,
)


@hooks.register("register_admin_urls")
def register_interchange_urls():
    return [
        path("interchange/import/", ImportUploadView.as_view(), name="interchange_import"),
        path("interchange/runs/", ImportRunListView.as_view(), name="interchange_runs"),
        path("interchange/runs/<int:pk>/", ImportRunView.as_view(), name="interchange_run"),
        path("interchange/export/", ExportView.as_view(), name="interchange_export"),
        path("interchange/template/", TemplateDownloadView.as_view(), name="interchange_template"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import data"), reverse("interchange_import"), icon_name="upload", order=900
    )
