"""Back-office screens of the yearly classification and its approval (RULES §5)."""

import django_filters
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from dangbo.core.views import (
    ScopedCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSet,
    StageActionView,
    SubtreeUnitFilter,
)
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

# --- ratings -------------------------------------------------------------------------------


class RatingFilterSet(WagtailFilterSet):
    unit = SubtreeUnitFilter("unit")
    subject_kind = django_filters.ChoiceFilter(
        label=gettext_lazy("subject"), choices=SubjectKind.choices
    )
    level = django_filters.ChoiceFilter(label=gettext_lazy("level"), choices=Level.choices)
    group = django_filters.ChoiceFilter(
        label=gettext_lazy("group"), choices=selectors.group_choices
    )

    class Meta:
        model = Rating
        fields = ["year", "subject_kind", "level", "group"]


class RatingIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return selectors.with_group_names(super().get_base_queryset())


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context.update(
            selectors.round_context(
                user=self.request.user, year=round_.year, unit=round_.unit, record=round_
            )
        )
        return context


class RoundStepView(StageActionView):
    """One step of a round (submit, approve, send back), posted with the version of the
    round the user saw; the page shows the live quota check of the round's population.
    Its button is in the round's header, where it is seen (not under "More")."""

    model = RatingRound
    record_arg = "round_"
    template_name = "ratings/round_step.html"
    in_header = True
    not_applicable_message = gettext_lazy("This step is not open: the round is “%(status)s”.")

    def get_success_message(self, instance, data):
        return self.success_message % {"round": instance}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.object
        context.update(
            selectors.round_context(
                user=self.request.user, year=round_.year, unit=round_.unit, record=round_
            )
        )
        return context


class RoundSubmitView(RoundStepView):
    service = services.round_submit
    right = CHANGE
    from_statuses = (RoundStatus.DRAFT,)
    form_class = SubmitForm
    page_title = gettext_lazy("Submit ratings for approval")
    header_icon = button_icon = "upload"
    button_text = submit_label = gettext_lazy("Submit for approval")
    intro = gettext_lazy(
        "Check the counts against the quota below. Once submitted, the round's ratings are "
        "closed to edits until the standing committee approves them or sends them back."
    )
    success_message = gettext_lazy("'%(round)s' submitted for approval.")


class RoundApproveView(RoundStepView):
    service = services.round_approve
    service_fields = ("override_reason",)
    right = DECIDE
    from_statuses = (RoundStatus.SUBMITTED,)
    form_class = ApproveForm
    page_title = gettext_lazy("Approve ratings")
    button_text = submit_label = gettext_lazy("Approve")
    intro = gettext_lazy("Once approved, the round's ratings are closed to edits for good.")
    success_message = gettext_lazy("'%(round)s' approved.")


class RoundSendBackView(RoundStepView):
    service = services.round_send_back
    service_fields = ("reason",)
    right = DECIDE
    from_statuses = (RoundStatus.SUBMITTED,)
    form_class = SendBackForm
    url_path = "send-back"
    page_title = gettext_lazy("Send ratings back")
    header_icon = button_icon = "undo"
    button_text = gettext_lazy("Send back")
    submit_label = gettext_lazy("Send back to draft")
    intro = gettext_lazy(
        "The round goes back to draft and its ratings open to corrections by the office; "
        "write what must be corrected."
    )
    success_message = gettext_lazy("'%(round)s' sent back to draft.")


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
    action_views = {
        "submit": RoundSubmitView,
        "approve": RoundApproveView,
        "send_back": RoundSendBackView,
    }

    def get_form_class(self, for_update=False):
        return RoundForm


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
