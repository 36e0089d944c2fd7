"""The home per role (replacing Wagtail's dashboard) and its search: they render, the
selectors compute."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
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
        return {
            "request": self.request,
            "today": today,
            "since": since,
            "roles": grants_text(user),
            "unrestricted": scope.is_unrestricted(user),
            "has_access": scope.has_access(user),
            "due": selectors.due_work(user, today),
            "findings": selectors.new_findings(user, today, since),
            "counts": selectors.subtree_counts(user, today),
            "search_form": SearchForm(),
        }


class SearchView(WagtailAdminTemplateMixin, TemplateView):
    """People and units found by name or code, accent-insensitive, within the user's scope."""

    page_title = _("Search people and units")
    header_icon = "search"
    template_name = "home/search.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

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
