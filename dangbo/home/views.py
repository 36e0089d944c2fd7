"""The home per role (replacing Wagtail's dashboard) and its search: they render, the
selectors compute."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.accounts.models import UserRole
from dangbo.home import selectors
from dangbo.home.forms import SearchForm
from dangbo.org import scope


def grants_text(user) -> str:
    """ "Ban Tổ chức — Huyện ủy Tân Kỳ; …": whose home this is."""
    from dangbo.org.models import Unit

    reaches = scope.reaches(user)
    names = dict(Unit.objects.filter(pk__in={r.unit_id for r in reaches}).values_list("pk", "name"))
    return "; ".join(f"{UserRole(r.role).label} — {names.get(r.unit_id, '')}" for r in reaches)


class HomePanel(Component):
    """The user's work for today: due work, new findings, counts of their subtree."""

    name = "dangbo_home"
    order = 10
    template_name = "home/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        today = timezone.localdate()
        since = selectors.previous_login(self.request)
        has_access = scope.has_access(user)
        # The reviews behind "New findings" and the subtree's counts are kept per scope and
        # day: when they are not, the page is sent at once with the due work and the search,
        # and they come in their own request (FindingsFragmentView, dangbo/js/widgets.js),
        # unless asked for with the page (?reviews=1: the link shown without JavaScript).
        now = not has_access or self.request.GET.get(FINDINGS_PARAMETER) == "1"
        counts = findings = None
        if now:
            counts = selectors.subtree_counts(user, today) if has_access else []
            findings = selectors.new_findings(user, today, since) if has_access else []
        else:
            kept = selectors.subtree_counts(user, today, compute=False)
            if kept is not selectors.NOT_KEPT and selectors.findings_kept(user, today):
                counts, findings = kept, selectors.new_findings(user, today, since)
                now = True
        due = selectors.due_work(user, today, reviews=now) if has_access else []
        return {
            "request": self.request,
            "today": today,
            "since": since,
            "roles": grants_text(user),
            "unrestricted": scope.is_unrestricted(user),
            "has_access": has_access,
            "due": due,
            "findings": findings,
            "counts": counts,
            "fragment_url": reverse("home_findings"),
            "findings_page_url": reverse("wagtailadmin_home") + f"?{FINDINGS_PARAMETER}=1",
            "search_form": SearchForm() if selectors.may_search(user) else None,
            # A login that reads no review (the portal's editors) gets no "New findings".
            "has_reviews": selectors.reads_reviews(user),
        }


FINDINGS_PARAMETER = "reviews"


class FindingsFragmentView(TemplateView):
    """The home's counts and findings alone (no admin chrome), computed and kept: what the
    home's page asks for once it is shown (dangbo/js/widgets.js, "dangbo-fragment")."""

    template_name = "home/findings_fragment.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        today = timezone.localdate()
        since = selectors.previous_login(self.request)
        return {
            "since": since,
            "counts": selectors.subtree_counts(user, today),
            "findings": selectors.new_findings(user, today, since),
            "due_slots": selectors.deferred_due(user, today),
        }


class UnitLookupView(View):
    """Units the user sees whose name or code hold every typed word (accents ignored), as
    JSON for the unit filter's search box (core/views/filters.UnitFilterSelect)."""

    def get(self, request):
        found = selectors.unit_lookup(request.user, request.GET.get("q", ""))
        status = 400 if found.error else 200
        return JsonResponse(
            {
                "results": [
                    {
                        "id": unit.pk,
                        "label": str(unit),
                        "parent": unit.parent.name if unit.parent_id else "",
                    }
                    for unit in found.units
                ],
                "more": found.more_units,
                "error": found.error,
            },
            status=status,
        )


class SearchView(WagtailAdminTemplateMixin, TemplateView):
    """People and units found by name or code, accent-insensitive, within the user's scope."""

    page_title = _("Search people and units")
    header_icon = "search"
    template_name = "home/search.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not selectors.may_search(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        result = selectors.search(self.request.user, query) if "q" in self.request.GET else None
        context.update(
            search_form=SearchForm(initial={"q": query[: selectors.MAX_QUERY]}),
            result=result,
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["result"] is not None and context["result"].error:
            response.status_code = 400
        return response
