"""Back-office screens of the yearly classification and its approval (RULES §5)."""

from collections import Counter

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button

from dangbo.core.errors import InputError
from dangbo.core.views import (
    ScopedCreateView,
    ScopedEditView,
    ScopedInspectView,
    ScopedObjectMixin,
    ScopedViewSet,
    add_problems,
)
from dangbo.org import scope
from dangbo.org.forms import visible_units
from dangbo.ratings import services
from dangbo.ratings.facts import findings_for
from dangbo.ratings.forms import (
    RATING_FIELDS,
    ROUND_FIELDS,
    ApproveForm,
    RatingEditForm,
    RatingForm,
    RoundForm,
)
from dangbo.ratings.labels import FINDING_LABELS
from dangbo.ratings.models import Level, Rating, RatingRound, RoundStatus, SubjectKind


def labelled(findings: list[dict], record=None) -> list[dict]:
    """Findings with what they mean; a blocking finding let stand shows its override."""
    overridden = bool(record is not None and record.override_reason)
    return [
        {
            **f,
            "label": FINDING_LABELS.get(f["finding"], f["finding"]),
            "overridden": overridden and f["finding"] in services.BLOCKING,
        }
        for f in findings
    ]


# --- ratings -------------------------------------------------------------------------------


class RatingFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("unit (and below)"),
        queryset=lambda request: visible_units(request.user if request else None),
        method="filter_unit",
    )
    subject_kind = django_filters.ChoiceFilter(
        label=gettext_lazy("subject"), choices=SubjectKind.choices
    )
    level = django_filters.ChoiceFilter(label=gettext_lazy("level"), choices=Level.choices)

    class Meta:
        model = Rating
        fields = ["year", "subject_kind", "level", "group"]

    def filter_unit(self, queryset, name, value):
        return scope.in_subtree(queryset, "unit", value)


class RatingCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.rating_record(
            actor=self.request.user,
            year=data["year"],
            group=data.get("group") or "",
            level=data["level"],
            person=data.get("person"),
            unit=data.get("unit"),
            score=data.get("score"),
        )


class RatingEditView(ScopedEditView):
    def get_form_class(self):
        return RatingEditForm

    def save_instance(self):
        data = self.form.cleaned_data
        return services.rating_update(
            actor=self.request.user,
            rating=self.object,
            group=data.get("group") or "",
            level=data["level"],
            score=data.get("score"),
            expected_version=self.expected_version,
        )


class RatingInspectView(ScopedInspectView):
    """A rating's page: the findings of its year and group that concern it."""

    template_name = "ratings/rating_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rating = self.object
        # The quota is counted in the group: the group's ratings of the year are enough.
        group = Rating.objects.filter(year=rating.year, group=rating.group)
        findings = [
            f
            for f in findings_for(group, rating.year)
            if f["subject_code"] == rating.subject_code
            or (f["subject_code"] is None and f["subject_kind"] == rating.subject_kind)
        ]
        context["findings"] = labelled(findings)
        return context


class RatingViewSet(ScopedViewSet):
    model = Rating
    icon = "pick"
    name = "rating"
    menu_label = gettext_lazy("Ratings")
    form_fields = RATING_FIELDS
    list_display = [
        "__str__",
        "year",
        "subject_kind",
        Column("unit", label=capfirst(gettext_lazy("unit")), accessor="unit.name"),
        "group",
        "level",
        "score",
    ]
    filterset_class = RatingFilterSet
    list_export = [
        "year",
        "subject_kind",
        "person.code",
        "person.full_name",
        "unit.code",
        "unit.name",
        "group",
        "level",
        "score",
    ]
    export_headings = {
        "person.code": gettext_lazy("person code"),
        "person.full_name": gettext_lazy("full name"),
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("unit"),
    }
    export_filename = "ratings"
    add_view_class = RatingCreateView
    edit_view_class = RatingEditView
    inspect_view_class = RatingInspectView

    def get_form_class(self, for_update=False):
        return RatingForm


# --- rounds and their approval ---------------------------------------------------------------


def round_context(year, unit, record=None) -> dict:
    ratings = Rating.objects.filter(year=year, unit__path__startswith=unit.path)
    levels = dict(Level.choices)
    counts = Counter(ratings.values_list("level", flat=True))
    return {
        "findings": labelled(services.round_findings(year, unit), record),
        "counts": [(levels[level], counts.get(level, 0)) for level in Level.values],
        "rated": sum(counts.values()),
    }


class RoundCreateView(ScopedCreateView):
    """Approves a year's ratings of a committee; a standing quota finding needs a reason."""

    template_name = "ratings/round_approve.html"
    page_title = gettext_lazy("Approve ratings")
    submit_button_label = gettext_lazy("Approve")
    success_message = gettext_lazy("'%(object)s' approved.")

    def save_instance(self):
        data = self.form.cleaned_data
        return services.round_approve(
            actor=self.request.user,
            year=data["year"],
            unit=data["unit"],
            override_reason=data.get("override_reason") or "",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("year") and data.get("unit"):
            context.update(round_context(data["year"], data["unit"]), checked=data)
        return context


class RoundInspectView(ScopedInspectView):
    template_name = "ratings/round_inspect.html"

    def get_extra_header_buttons(self):
        if self.object.status != RoundStatus.APPROVED and self.can_change(self.object):
            url = reverse("rating_round:approve", args=(quote(self.object.pk),))
            yield Button(_("Approve"), url=url, icon_name="tick", priority=5)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(round_context(self.object.year, self.object.unit, self.object))
        return context


class RoundApproveView(ScopedObjectMixin, WagtailAdminTemplateMixin, FormView):
    """Approves a round kept as a draft (POST, with the override reason when needed)."""

    model = RatingRound
    form_class = ApproveForm
    template_name = "ratings/round_approve_existing.html"
    page_title = gettext_lazy("Approve ratings")
    header_icon = "tick"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_scoped_object(kwargs["pk"])
        self.require_change(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def inspect_url(self):
        return reverse("rating_round:inspect", args=(quote(self.object.pk),))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("rating_round:index"),
                "label": capfirst(RatingRound._meta.verbose_name_plural),
            },
            {"url": self.inspect_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        try:
            services.round_approve(
                actor=self.request.user,
                year=self.object.year,
                unit=self.object.unit,
                override_reason=form.cleaned_data["override_reason"] or "",
            )
        except InputError as error:
            add_problems(form, error.problems)
            return self.form_invalid(form)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(self.request, _("'%(round)s' approved.") % {"round": self.object})
        return redirect(self.inspect_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(round_context(self.object.year, self.object.unit, self.object))
        context.update(object=self.object, cancel_url=self.inspect_url())
        return context


class RoundViewSet(ScopedViewSet):
    model = RatingRound
    icon = "tick"
    name = "rating_round"
    menu_label = gettext_lazy("Rating rounds")
    edit_enabled = False
    form_fields = ROUND_FIELDS
    list_display = [
        "__str__",
        "year",
        Column("unit", label=capfirst(gettext_lazy("committee")), accessor="unit.name"),
        "status",
        Column(
            "approved_at",
            label=capfirst(gettext_lazy("approved at")),
            accessor=lambda r: r.approved_at.strftime("%d/%m/%Y") if r.approved_at else "—",
        ),
    ]
    list_filter = ["year", "status"]
    list_export = ["year", "unit.code", "unit.name", "status", "approved_at", "override_reason"]
    export_headings = {
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("committee"),
    }
    export_filename = "rating-rounds"
    add_view_class = RoundCreateView
    inspect_view_class = RoundInspectView

    def get_form_class(self, for_update=False):
        return RoundForm

    @property
    def approve_view(self):
        return RoundApproveView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
        ]


class RatingsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Classification")
    menu_icon = "pick"
    menu_order = 340
    items = (RatingViewSet, RoundViewSet)
