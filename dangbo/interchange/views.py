"""Back-office import (upload → preview → confirm → result) and export of the user's data."""

import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.core.text import nfc, visible
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.files import SPECS
from dangbo.interchange.models import ImportRun
from dangbo.interchange.readers import SheetError
from dangbo.interchange.services import import_dataset, may_import
from dangbo.interchange.template import write_template
from dangbo.interchange.uploads import discard_upload, store_upload, too_large
from dangbo.org import scope


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Dataset"), help_text=_("An .xlsx workbook, or a .zip of CSV files.")
    )


class _MayImport:
    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _ImportPage(_MayImport, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Import data")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        # Wagtail's default is "Home" alone, which then reads as the page's title.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ImportUploadView(_ImportPage):
    template_name = "interchange/upload.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=UploadForm()))

    def post(self, request, *args, **kwargs):
        # Refused before the body is read (a few KB over the file for the form's fields).
        message = too_large(_content_length(request) - 64 * 1024)
        if message:
            form = UploadForm(data={})
            form.is_valid()
            form.errors["file"] = form.error_class([message])
            return self.render_to_response(self.get_context_data(form=form), status=413)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                dataset = store_upload(upload)
            except SheetError as error:
                form.add_error("file", str(error))
            else:
                result = import_dataset(
                    dataset,
                    actor=request.user,
                    dry_run=True,
                    via=ImportRun.Via.SCREEN,
                    file_name=_file_name(upload.name),
                )
                if result.run.error_count:
                    # A preview with errors cannot be confirmed: its file is not kept.
                    discard_upload(dataset)
                else:
                    result.run.stored_path = str(dataset)
                    result.run.save(update_fields=["stored_path"])
                return redirect("interchange_run", pk=result.run.pk)
        return self.render_to_response(self.get_context_data(form=form))


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _file_name(name: str) -> str:
    """The upload's name as the run records it: visible characters, at most 255 of them."""
    name = visible(nfc(Path(name).name))
    return name if len(name) <= 255 else name[:254] + "…"


class ImportRunView(_ImportPage):
    """A preview (with its confirm button) or the result of an import by this user."""

    template_name = "interchange/run.html"

    def get_run(self) -> ImportRun:
        if not hasattr(self, "_run"):
            self._run = get_object_or_404(ImportRun, pk=self.kwargs["pk"], user=self.request.user)
        return self._run

    def get_page_title(self):
        # "Kiểm tra tep.xlsx" / "Nhập tep.xlsx": the file's name, what was done with it.
        run = self.get_run()
        if run.status == ImportRun.Status.PREVIEWED:
            return _("Check of %(file)s") % {"file": run.file_name}
        return _("Import of %(file)s") % {"file": run.file_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("interchange_import"), "label": _("Import data")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        run = self.get_run()
        return super().get_context_data(
            run=run,
            count_rows=[
                (_file_title(name), name, counts) for name, counts in (run.counts or {}).items()
            ],
            preview=_preview_files(run),
            may_confirm=run.status == ImportRun.Status.PREVIEWED
            and not run.error_count
            and bool(run.stored_path),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        preview = self.get_run()
        if preview.status != ImportRun.Status.PREVIEWED or not preview.stored_path:
            return redirect("interchange_run", pk=preview.pk)
        result = import_dataset(
            Path(preview.stored_path),
            actor=request.user,
            via=ImportRun.Via.SCREEN,
            file_name=preview.file_name,
        )
        # A preview is confirmed once; the stored file stays as a record of what was read.
        preview.stored_path = ""
        preview.save(update_fields=["stored_path"])
        return redirect("interchange_run", pk=result.run.pk)


def _file_title(name: str) -> str:
    spec = SPECS.get(name)
    return spec.title if spec is not None and spec.title else name


def _preview_files(run: ImportRun) -> list[dict]:
    """The preview's rows per file, with how many more the file adds or changes."""
    files = []
    for entry in run.preview or []:
        counts = (run.counts or {}).get(entry["file"], {})
        total = counts.get("created", 0) + counts.get("updated", 0)
        files.append(
            {
                **entry,
                "sheet": _file_title(entry["file"]),
                "added": counts.get("created", 0),
                "changed": counts.get("updated", 0),
                "more": max(total - len(entry["rows"]), 0),
            }
        )
    return files


class TemplateDownloadView(_MayImport, View):
    """The template workbook: Vietnamese sheets and headers, dropdowns, one example row."""

    def get(self, request):
        handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
        write_template(Path(handle.name))
        return FileResponse(
            open(handle.name, "rb"),  # noqa: SIM115 - the response closes it
            as_attachment=True,
            filename="mau-nhap-lieu-dangbo.xlsx",
        )


class ExportView(View):
    """The data the user may see, as one .xlsx workbook in the import format: its keys, or
    with `?words=vi` Vietnamese sheets, headers and labels (both import back)."""

    def get(self, request):
        if not scope.has_access(request.user):
            raise PermissionDenied
        vietnamese = request.GET.get("words") == "vi"
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
        export_dataset(Path(handle.name), user=request.user, vietnamese=vietnamese)
        return FileResponse(
            open(handle.name, "rb"),  # noqa: SIM115 - the response closes it
            as_attachment=True,
            filename=f"dangbo-{'tieng-viet-' if vietnamese else ''}{stamp}.xlsx",
        )
