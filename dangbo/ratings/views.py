"""Back-office screens of the yearly classification and its approval (RULES §5)."""

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from dangbo.core import audit
from dangbo.core.errors import ConflictError, InputError
from dangbo.core.views import (
    MISSING_VERSION,
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedObjectMixin,
    ScopedViewSet,
    add_problems,
)
from dangbo.org import scope
from dangbo.org.forms import visible_units
from dangbo.org.policy import CHANGE, DECIDE
from dangbo.ratings import selectors, services
from dangbo.ratings.forms import (
    GROUP_FIELDS,
    RATING_FIELDS,
    ROUND_FIELDS,
    ApproveForm,
    GroupEditForm,
    GroupForm,
    RatingEditForm,
    RatingForm,
    RoundForm,
    SendBackForm,
    SubmitForm,
)
from dangbo.ratings.models import Level, Rating, RatingGroup, RatingRound, RoundStatus, SubjectKind


def with_group_names(queryset):
    """Each rating with its group's name (`group_name`), read in the same query."""
    names = RatingGroup.objects.filter(code=OuterRef("group")).values("name")[:1]
    return queryset.annotate(group_name=Subquery(names))


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
    group = django_filters.ChoiceFilter(
        label=gettext_lazy("group"),
        choices=lambda: [(g.code, g.name) for g in RatingGroup.objects.order_by("name")],
    )

    class Meta:
        model = Rating
        fields = ["year", "subject_kind", "level", "group"]

    def filter_unit(self, queryset, name, value):
        return scope.in_subtree(queryset, "unit", value)


class RatingIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return with_group_names(super().get_base_queryset())


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
        context.update(selectors.rating_context(user=self.request.user, rating=self.object))
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
        Column("group", label=capfirst(gettext_lazy("group")), accessor="group_name"),
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
    index_view_class = RatingIndexView
    add_view_class = RatingCreateView
    edit_view_class = RatingEditView
    inspect_view_class = RatingInspectView

    def get_form_class(self, for_update=False):
        return RatingForm


# --- rounds and their stages -----------------------------------------------------------------


class RoundCreateView(ScopedCreateView):
    """Opens a year's round of a committee as a draft (the office that keeps ratings)."""

    template_name = "ratings/round_open.html"
    page_title = gettext_lazy("Open a rating round")
    submit_button_label = gettext_lazy("Open as a draft")
    success_message = gettext_lazy("'%(object)s' opened as a draft.")

    def save_instance(self):
        data = self.form.cleaned_data
        return services.round_open(actor=self.request.user, year=data["year"], unit=data["unit"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("year") and data.get("unit"):
            context.update(
                selectors.round_context(
                    user=self.request.user, year=data["year"], unit=data["unit"]
                ),
                checked=data,
            )
        return context


class RoundInspectView(ScopedInspectView):
    template_name = "ratings/round_inspect.html"

    def may(self, action):
        return self.permission_policy.can(self.request.user, action, self.object.unit)

    @cached_property
    def header_buttons(self):
        """The round's next steps, in the header where they are seen (not under "More")."""
        pk = (quote(self.object.pk),)
        buttons = []
        if self.object.status == RoundStatus.DRAFT and self.may(CHANGE):
            url = reverse("rating_round:submit", args=pk)
            buttons.append(HeaderButton(_("Submit for approval"), url=url, icon_name="upload"))
        if self.object.status == RoundStatus.SUBMITTED and self.may(DECIDE):
            url = reverse("rating_round:approve", args=pk)
            buttons.append(HeaderButton(_("Approve"), url=url, icon_name="tick"))
            url = reverse("rating_round:send_back", args=pk)
            buttons.append(HeaderButton(_("Send back"), url=url, icon_name="undo"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context.update(
            selectors.round_context(
                user=self.request.user, year=round_.year, unit=round_.unit, record=round_
            )
        )
        return context


class RoundStepView(ScopedObjectMixin, WagtailAdminTemplateMixin, FormView):
    """One step of a round (submit, approve, send back), posted with the version of the
    round the user saw; the page shows the live quota check of the round's population."""

    model = RatingRound
    template_name = "ratings/round_step.html"
    header_icon = "tick"
    permission_policy = None
    action = CHANGE
    stage = RoundStatus.DRAFT
    button_label = ""
    intro = ""
    done_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_scoped_object(kwargs["pk"])
        if not self.permission_policy.can(request.user, self.action, self.object.unit):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def step(self, data, version):
        raise NotImplementedError

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

    def get_initial(self):
        return {"record_version": audit.fingerprint(self.object)}

    def form_valid(self, form):
        version = form.cleaned_data.get("record_version") or None
        if not version:
            form.add_error(None, MISSING_VERSION)
            return self.form_invalid(form)
        try:
            self.step(form.cleaned_data, version)
        except InputError as error:
            add_problems(form, error.problems)
            return self.form_invalid(form)
        except ConflictError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except PermissionError as error:
            raise PermissionDenied(str(error)) from error
        messages.success(self.request, self.done_message % {"round": self.object})
        return redirect(self.inspect_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context.update(
            selectors.round_context(
                user=self.request.user, year=round_.year, unit=round_.unit, record=round_
            )
        )
        context.update(
            object=round_,
            cancel_url=self.inspect_url(),
            button_label=self.button_label,
            intro=self.intro,
            open_stage=round_.status == self.stage,
        )
        return context


class RoundSubmitView(RoundStepView):
    form_class = SubmitForm
    page_title = gettext_lazy("Submit ratings for approval")
    header_icon = "upload"
    action = CHANGE
    stage = RoundStatus.DRAFT
    button_label = gettext_lazy("Submit for approval")
    intro = gettext_lazy(
        "Check the counts against the quota below. Once submitted, the round's ratings are "
        "closed to edits until the standing committee approves them or sends them back."
    )
    done_message = gettext_lazy("'%(round)s' submitted for approval.")

    def step(self, data, version):
        services.round_submit(actor=self.request.user, round_=self.object, expected_version=version)


class RoundApproveView(RoundStepView):
    form_class = ApproveForm
    page_title = gettext_lazy("Approve ratings")
    action = DECIDE
    stage = RoundStatus.SUBMITTED
    button_label = gettext_lazy("Approve")
    intro = gettext_lazy("Once approved, the round's ratings are closed to edits for good.")
    done_message = gettext_lazy("'%(round)s' approved.")

    def step(self, data, version):
        services.round_approve(
            actor=self.request.user,
            round_=self.object,
            override_reason=data.get("override_reason") or "",
            expected_version=version,
        )


class RoundSendBackView(RoundStepView):
    form_class = SendBackForm
    page_title = gettext_lazy("Send ratings back")
    header_icon = "undo"
    action = DECIDE
    stage = RoundStatus.SUBMITTED
    button_label = gettext_lazy("Send back to draft")
    intro = gettext_lazy(
        "The round goes back to draft and its ratings open to corrections by the office; "
        "write what must be corrected."
    )
    done_message = gettext_lazy("'%(round)s' sent back to draft.")

    def step(self, data, version):
        services.round_send_back(
            actor=self.request.user,
            round_=self.object,
            reason=data.get("reason") or "",
            expected_version=version,
        )


class RoundViewSet(ScopedViewSet):
    model = RatingRound
    icon = "tick"
    name = "rating_round"
    menu_label = gettext_lazy("Rating rounds")
    add_item_label = gettext_lazy("Open a rating round")
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
    list_export = [
        "year",
        "unit.code",
        "unit.name",
        "status",
        "submitted_at",
        "approved_at",
        "override_reason",
        "returned_reason",
    ]
    export_headings = {
        "unit.code": gettext_lazy("unit code"),
        "unit.name": gettext_lazy("committee"),
    }
    export_filename = "rating-rounds"
    add_view_class = RoundCreateView
    inspect_view_class = RoundInspectView

    def get_form_class(self, for_update=False):
        return RoundForm

    def step_view(self, view_class):
        return view_class.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("submit/<int:pk>/", self.step_view(RoundSubmitView), name="submit"),
            path("approve/<int:pk>/", self.step_view(RoundApproveView), name="approve"),
            path("send-back/<int:pk>/", self.step_view(RoundSendBackView), name="send_back"),
        ]


# --- the kept list of rating groups ----------------------------------------------------------


class GroupCreateView(ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.group_record(
            actor=self.request.user,
            code=data["code"],
            name=data["name"],
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
        )


class GroupEditView(ScopedEditView):
    def get_form_class(self):
        return GroupEditForm

    def save_instance(self):
        data = self.form.cleaned_data
        return services.group_update(
            actor=self.request.user,
            group=self.object,
            name=data["name"],
            valid_from=data.get("valid_from"),
            valid_to=data.get("valid_to"),
            expected_version=self.expected_version,
        )


class GroupViewSet(ScopedViewSet):
    model = RatingGroup
    icon = "list-ul"
    name = "rating_group"
    menu_label = gettext_lazy("Rating groups")
    form_fields = GROUP_FIELDS
    list_display = ["__str__", "code", "valid_from", "valid_to"]
    list_export = ["code", "name", "valid_from", "valid_to"]
    export_filename = "rating-groups"
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView

    def get_form_class(self, for_update=False):
        return GroupEditForm if for_update else GroupForm


class RatingsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Classification")
    menu_icon = "pick"
    menu_order = 340
    items = (RatingViewSet, RoundViewSet, GroupViewSet)
