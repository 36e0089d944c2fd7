"""The back office's door to the documents: the issue form (from the button "Tạo văn bản"
beside a review or a published list), the register (a ScopedViewSet under "Văn bản"), and
the downloads of a document as issued."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from dangbo.core.dates import vn_date
from dangbo.core.errors import InputError
from dangbo.core.models import RuleSettings
from dangbo.core.views import ScopedInspectView, ScopedViewSet
from dangbo.org.forms import writable_units
from dangbo.org.policy import ADD
from dangbo.reports.forms import IssueForm
from dangbo.reports.kinds import KINDS, kind_visible_to
from dangbo.reports.models import IssuedDocument
from dangbo.reports.permissions import document_policy
from dangbo.reports.profiles import header_defaults
from dangbo.reports.selectors import profile_of
from dangbo.reports.services import PROFILE_FIELDS, document_issue
from dangbo.reviews.options import OPTIONS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def may_issue(user, kind) -> bool:
    return kind_visible_to(user, kind) and document_policy.may(user, ADD)


def document_url_for(user, kind_name: str, **options) -> str | None:
    """The issue form of `kind_name` ("Tạo văn bản") with the screen's options, for whoever
    may issue it; None for whoever may not (the screen shows no button)."""
    from urllib.parse import urlencode

    kind = KINDS.get(kind_name)
    if kind is None or not may_issue(user, kind):
        return None
    return issue_url(kind_name, urlencode({k: v for k, v in options.items() if v is not None}))


def issue_url(name: str, query: str = "") -> str:
    from django.urls import reverse

    url = reverse("reports_issue", args=[name])
    return f"{url}?{query}" if query else url


class IssueView(WagtailAdminTemplateMixin, TemplateView):
    """The short form: the review's options, the issuing unit, date, signer, recipients."""

    template_name = "reports/issue.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.kind = KINDS.get(kwargs["name"])
        if self.kind is None or not may_issue(request.user, self.kind):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Make a document")

    def get_page_subtitle(self):
        return str(self.kind.title)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def initial(self) -> dict:
        units = writable_units(self.request.user, IssuedDocument)
        asked = self.request.GET.get("unit", "")
        unit = (units.filter(pk=int(asked)).first() if asked.isdigit() else None) or units.first()
        initial = {"issued_on": timezone.localdate(), "unit": unit}
        for name in self.kind.options:
            initial[name] = OPTIONS[name].initial()
        for name, option in self.kind.extra_options.items():
            initial[name] = option.initial()
        if "include_deputies" in self.kind.options:
            initial["include_deputies"] = RuleSettings.load(
                request_or_site=self.request
            ).tenure_include_deputies
        # The review's options as its screen had them (?as_of=…&include_deputies=on).
        for key in (*self.kind.options, *self.kind.extra_options):
            if key in self.request.GET:
                initial[key] = self.request.GET[key]
        if "include_deputies" in self.kind.options and "as_of" in self.request.GET:
            initial["include_deputies"] = self.request.GET.get("include_deputies") == "on"
        profile = profile_of(unit) if unit else None
        if profile is not None:
            for name in PROFILE_FIELDS:
                initial[name] = getattr(profile, name)
        elif unit is not None:
            initial.update(header_defaults(unit))
        return initial

    def get(self, request, *args, **kwargs):
        initial = self.initial()
        form = IssueForm(kind=self.kind, user=request.user, initial=initial)
        # Choosing another unit fills the form again from that unit's profile, keeping the
        # review's options.
        carried = [(k, v) for k, v in request.GET.items() if k != "unit"]
        context = self.get_context_data(
            form=form,
            units=list(writable_units(request.user, IssuedDocument)[:200]),
            chosen=initial["unit"],
            carried=carried,
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        form = IssueForm(request.POST, kind=self.kind, user=request.user)
        if form.is_valid():
            try:
                issued = document_issue(
                    actor=request.user,
                    kind=self.kind,
                    unit=form.cleaned_data["unit"],
                    options=form.options(),
                    data=form.issue_data(),
                )
            except InputError as error:
                for problem in error.problems:
                    field = problem.field if problem.field in form.fields else None
                    form.add_error(field, problem.message)
            except PermissionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Issued Số %(number)s.") % {"number": issued.number_text}
                )
                return redirect("reports_document:inspect", issued.pk)
        messages.error(request, _("The document was not issued: see the problems below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def download(request, pk: int, fmt: str):
    """The document's file exactly as issued."""
    if fmt not in ("docx", "xlsx"):
        raise Http404
    found = document_policy.visible(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    data = IssuedDocument.objects.values_list(fmt, flat=True).get(pk=found.pk)
    response = HttpResponse(bytes(data), content_type=DOCX if fmt == "docx" else XLSX)
    name = found.number_text.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


class IssuedDocumentInspectView(ScopedInspectView):
    template_name = "reports/document_inspect.html"

    def get_page_title(self):
        return _("Số %(number)s") % {"number": self.object.number_text}

    @property
    def header_buttons(self):
        from django.urls import reverse

        return [
            HeaderButton(
                _("Download .docx"),
                url=reverse("reports_download", args=[self.object.pk, "docx"]),
                icon_name="download",
            ),
            HeaderButton(
                _("Download .xlsx"),
                url=reverse("reports_download", args=[self.object.pk, "xlsx"]),
                icon_name="download",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = KINDS.get(self.object.kind)
        context.update(
            kind_title=kind.title if kind else self.object.kind,
            issued_on=vn_date(self.object.issued_on),
            figures=sorted(self.object.figures.items()),
            options=sorted(self.object.options.items()),
        )
        return context


class NoAddView(TemplateView):
    """Documents are issued from the review they come from, never typed in."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


def _kind_title(document) -> str:
    kind = KINDS.get(document.kind)
    return str(kind.title) if kind else document.kind


class IssuedDocumentViewSet(ScopedViewSet):
    model = IssuedDocument
    icon = "doc-full"
    name = "reports_document"
    menu_label = pgettext_lazy("register", "Documents")
    menu_order = 450
    add_to_admin_menu = True
    edit_enabled = False
    add_view_class = NoAddView
    inspect_view_class = IssuedDocumentInspectView
    list_display = [
        Column("number_text", label=gettext_lazy("Number"), accessor="number_text"),
        Column("issued_on", label=gettext_lazy("Date"), accessor=lambda d: vn_date(d.issued_on)),
        Column("kind", label=gettext_lazy("Document"), accessor=_kind_title),
        Column("unit", label=gettext_lazy("Issuing unit"), accessor="unit.name"),
        Column("signer_name", label=gettext_lazy("Signer"), accessor="signer_name"),
    ]
    list_filter = ["doc_type", "term"]
    form_fields = []

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = None
        return view_kwargs
