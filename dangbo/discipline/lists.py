"""Back-office screens of the published discipline lists (RULES §4): the lists of each
period, generating a draft from the cases, approving it (the committee's inspection
commission), publishing it on the committee's sub-site, and its public page."""

from datetime import date

from django import forms
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton

from dangbo.core.dates import vn_date_or_dash
from dangbo.core.forms import BoundedMeta
from dangbo.core.views import (
    ActionForm,
    ScopedCreateView,
    ScopedInspectView,
    ScopedViewSet,
    StageActionView,
)
from dangbo.discipline import services
from dangbo.discipline.models import Form, ListStatus, PublishedList
from dangbo.org.forms import UnitChoiceField, capitalise_labels, writable_units
from dangbo.org.models import Unit
from dangbo.org.policy import CHANGE, DECIDE


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class ListForm(WagtailAdminModelForm):
    """Which list to generate: the committee and the period."""

    unit = UnitChoiceField(queryset=Unit.objects.none(), label=gettext_lazy("committee"))
    year = forms.IntegerField(label=gettext_lazy("year"), min_value=1930, max_value=2100)

    class Meta(BoundedMeta):
        model = PublishedList
        fields = ["unit", "year", "period"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        capitalise_labels(self)
        self.fields["unit"].queryset = writable_units(for_user, PublishedList)
        self.fields["unit"].help_text = _(
            "The committee whose list it is: every decision announced in the period in its tree."
        )


def rows_for_screen(published_list: PublishedList) -> list[dict]:
    labels = dict(Form.choices)
    return [
        {
            **row,
            "form_label": labels.get(row.get("form"), row.get("form")),
            "decided_on": vn_date_or_dash(_day(row.get("decided_date"))),
        }
        for row in published_list.rows
    ]


class ListCreateView(ScopedCreateView):
    page_title = gettext_lazy("Generate a list")
    submit_button_label = gettext_lazy("Generate the draft")
    success_message = gettext_lazy("'%(object)s' generated as a draft from the cases.")

    def get_page_subtitle(self):
        return _("Generate a list")

    def save_instance(self):
        data = self.form.cleaned_data
        return services.published_list_generate(
            actor=self.request.user, unit=data["unit"], year=data["year"], period=data["period"]
        )


class ListInspectView(ScopedInspectView):
    template_name = "discipline/list_inspect.html"

    @cached_property
    def header_buttons(self):
        """The list's next steps, in the header where they are seen."""
        buttons = [
            HeaderButton(
                view.button_label(),
                url=reverse(url_name, args=(quote(self.object.pk),)),
                icon_name=view.button_icon,
            )
            for url_name, view in self.record_actions
            if view.offered(self.permission_policy, self.request.user, self.object)
        ]
        if url := public_url(self.object, self.request):
            buttons.append(HeaderButton(_("See the public page"), url=url, icon_name="link"))
        if url := document_url(self.object, self.request.user):
            buttons.append(HeaderButton(_("Make a document"), url=url, icon_name="doc-full"))
        return buttons

    def get_action_buttons(self):
        return []  # in the header already

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            rows=rows_for_screen(self.object),
            public_url=public_url(self.object, self.request),
            corrections=correction_lines(self.object),
        )
        return context


def document_url(published_list: PublishedList, user) -> str | None:
    """The notice of an approved or published list ("Tạo văn bản"), for whoever may issue it."""
    from dangbo.reports.kinds import KINDS
    from dangbo.reports.views import issue_url, may_issue

    kind = KINDS["discipline-list"]
    if published_list.status == ListStatus.DRAFT or not may_issue(user, kind):
        return None
    query = f"unit={published_list.unit_id}&year={published_list.year}"
    return issue_url(kind.name, f"{query}&list_period={published_list.period}")


def public_url(published_list: PublishedList, request=None) -> str | None:
    page = published_list.page
    if page is None or not page.live:
        return None
    return page.specific.full_url


def correction_lines(published_list: PublishedList) -> list[dict]:
    from dangbo.portal.lists import change_text

    return [
        {
            "on": _day(c["on"]),
            "lines": [change_text(x) for x in c["changes"]],
        }
        for c in reversed(published_list.corrections)
    ]


class ListActionView(StageActionView):
    model = PublishedList
    template_name = "discipline/list_action.html"
    header_icon = ""  # the viewset's own, as the lists' other pages

    @classmethod
    def allowed(cls, policy, user, instance) -> bool:
        return policy.can(user, cls.right, instance.unit)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = rows_for_screen(self.object)
        return context


class ListRegenerateView(ListActionView):
    right = CHANGE
    from_statuses = (ListStatus.DRAFT, ListStatus.APPROVED)
    page_title = gettext_lazy("Generate again")
    submit_label = gettext_lazy("Generate again from the cases")
    intro = gettext_lazy(
        "The rows are computed again from the cases; an approved list goes back to draft and "
        "must be approved again."
    )
    success_message = gettext_lazy("'%(object)s' generated again from the cases.")
    button_icon = "rotate"
    form_class = ActionForm

    def perform(self, instance, data, expected_version):
        services.published_list_generate(
            actor=self.request.user,
            unit=instance.unit,
            year=instance.year,
            period=instance.period,
            expected_version=expected_version,
        )


class ListApproveView(ListActionView):
    right = DECIDE
    from_statuses = (ListStatus.DRAFT,)
    page_title = gettext_lazy("Approve")
    submit_label = gettext_lazy("Approve the list")
    intro = gettext_lazy(
        "Check the rows below against the cases: once approved, the list can be published on "
        "the committee's sub-site."
    )
    success_message = gettext_lazy("'%(object)s' approved.")
    button_icon = "tick"
    service = services.published_list_approve
    record_arg = "published_list"


class ListPublishView(ListActionView):
    right = CHANGE
    from_statuses = (ListStatus.APPROVED,)
    page_title = pgettext_lazy("discipline list", "Publish")
    submit_label = gettext_lazy("Publish on the sub-site")
    intro = gettext_lazy(
        "The list becomes a public page of the committee's sub-site, with the name, unit, "
        "form, date and deciding body of each decision (never the summary of the violation)."
    )
    success_message = gettext_lazy("'%(object)s' published.")
    button_icon = "upload"
    service = services.published_list_publish
    record_arg = "published_list"


class PublishedListViewSet(ScopedViewSet):
    model = PublishedList
    icon = "list-ol"
    name = "discipline_published_list"
    menu_label = gettext_lazy("Lists to approve and publish")
    add_item_label = gettext_lazy("Generate a list")
    edit_enabled = False
    form_fields = ["unit", "year", "period"]
    list_display = [
        "__str__",
        Column("unit", label=capfirst(gettext_lazy("committee")), accessor="unit.name"),
        "year",
        "period",
        "status",
        Column(
            "approved_at",
            label=capfirst(gettext_lazy("approved at")),
            accessor=lambda r: vn_date_or_dash(r.approved_at and timezone.localdate(r.approved_at)),
        ),
        Column(
            "corrected_on",
            label=capfirst(gettext_lazy("corrected on")),
            accessor=lambda r: vn_date_or_dash(r.corrected_on),
        ),
    ]
    list_filter = ["year", "period", "status"]
    list_export = [
        "unit.code",
        "unit.name",
        "year",
        "period",
        "status",
        "approved_at",
        "published_at",
    ]
    export_headings = {
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("committee"),
    }
    export_filename = "discipline-lists"
    add_view_class = ListCreateView
    inspect_view_class = ListInspectView
    action_views = {
        "regenerate": ListRegenerateView,
        "approve": ListApproveView,
        "publish": ListPublishView,
    }

    def get_form_class(self, for_update=False):
        return ListForm
