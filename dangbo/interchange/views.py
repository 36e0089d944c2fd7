"""Back-office import (upload → preview → confirm → result) and export of the user's data."""

import tempfile
from pathlib import Path

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.core.text import nfc, visible
from dangbo.interchange import scope_lock
from dangbo.interchange.background import ImportRefused, queue_check, queue_import
from dangbo.interchange.exporters import export_dataset
from dangbo.interchange.files import SPECS
from dangbo.interchange.models import ImportRun
from dangbo.interchange.progress import read_progress
from dangbo.interchange.readers import SheetError
from dangbo.interchange.selectors import import_runs_visible_to
from dangbo.interchange.services import may_import
from dangbo.interchange.template import write_template
from dangbo.interchange.uploads import progress_folder, store_upload, too_large
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
                # Checked by the worker (tasks.py); the run's page shows how far it is.
                run = queue_check(
                    actor=request.user, dataset=dataset, file_name=_file_name(upload.name)
                )
                return redirect("interchange_run", pk=run.pk)
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
            run = get_object_or_404(
                import_runs_visible_to(user=self.request.user), pk=self.kwargs["pk"]
            )
            if run.is_active:
                scope_lock.still_running(run)  # a run whose task died is marked stopped
            self._run = run
        return self._run

    def get_page_title(self):
        # "Kiểm tra tep.xlsx" / "Nhập tep.xlsx": the file's name, what was done with it.
        run = self.get_run()
        if run.dry_run:
            return _("Check of %(file)s") % {"file": run.file_name}
        return _("Import of %(file)s") % {"file": run.file_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("interchange_import"), "label": _("Import data")},
            {"url": reverse("interchange_runs"), "label": _("Imports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        run = self.get_run()
        return super().get_context_data(
            run=run,
            progress=read_progress(progress_folder(run)) if run.is_active else None,
            refresh_seconds=REFRESH_SECONDS,
            # The files the upload had rows in (an upload of people alone lists people).
            count_rows=[
                (_file_title(name), name, counts)
                for name, counts in (run.counts or {}).items()
                if any(counts.values())
            ],
            preview=_preview_files(run),
            may_confirm=run.status == ImportRun.Status.PREVIEWED
            and not run.error_count
            and bool(run.stored_path)
            and run.user_id == self.request.user.pk,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        preview = self.get_run()
        if (
            preview.status != ImportRun.Status.PREVIEWED
            or not preview.stored_path
            or preview.user_id != request.user.pk
        ):
            return redirect("interchange_run", pk=preview.pk)
        try:
            run = queue_import(actor=request.user, preview=preview)
        except ImportRefused as refused:
            context = self.get_context_data(refused=str(refused))
            return self.render_to_response(context, status=409)
        return redirect("interchange_run", pk=run.pk)


# How often the page of a queued or running import reloads itself (<meta http-equiv=refresh>:
# no script, so the strict CSP stays as it is and it works without JavaScript).
REFRESH_SECONDS = 2


class ImportRunListView(_ImportPage):
    """The imports the user may see (their own), newest first: status and counts, each
    linking to its report. A user can leave a running import and find it here."""

    template_name = "interchange/runs.html"
    page_title = _("Imports")
    paginate_by = 25

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("interchange_import"), "label": _("Import data")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        runs = import_runs_visible_to(user=self.request.user).order_by("-started_at", "-pk")
        page = Paginator(runs, self.paginate_by).get_page(self.request.GET.get("p"))
        for run in page:
            if run.is_active:
                scope_lock.still_running(run)
            run.total = _totals(run.counts or {})
        return super().get_context_data(
            page_obj=page,
            runs=page.object_list,
            show_user=any(r.user_id != self.request.user.pk for r in page),
            **kwargs,
        )


def _totals(counts: dict) -> dict:
    total = {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    for entry in counts.values():
        for key in total:
            total[key] += entry.get(key, 0)
    return total


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
