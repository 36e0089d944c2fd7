"""The notices screens: my notices (a list, mark read), and which kinds reach me by e-mail."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dangbo.core.errors import InputError
from dangbo.notices import selectors, services
from dangbo.notices.forms import PreferenceForm
from dangbo.notices.models import Notice

PER_PAGE = 25


class NoticeIndexView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Notices")
    header_icon = "mail"
    template_name = "notices/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unread_only = self.request.GET.get("state") == "unread"
        notices = selectors.notice_list_visible_to(user=self.request.user, unread_only=unread_only)
        page = Paginator(notices, PER_PAGE).get_page(self.request.GET.get("p"))
        for notice in page.object_list:
            notice.url = notice.record_url()
        context.update(
            page=page,
            unread_only=unread_only,
            unread=selectors.unread_count(user=self.request.user),
            back=self.request.get_full_path(),
        )
        return context


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("notices_index")


@require_POST
def mark_read(request, pk: int):
    try:
        services.notice_mark_read(actor=request.user, notice_id=pk)
    except Notice.DoesNotExist:
        raise Http404 from None
    return redirect(_back(request))


@require_POST
def mark_all_read(request):
    count = services.notices_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)d notices marked as read.") % {"count": count})
    return redirect(_back(request))


class PreferenceView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Notices by e-mail")
    header_icon = "mail"
    template_name = "notices/preferences.html"
    form_class = PreferenceForm

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("notices_index"), "label": _("Notices")},
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        return {"email_kinds": selectors.email_kinds_of(user=self.request.user)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email"] = self.request.user.email
        return context

    def form_valid(self, form):
        try:
            services.preference_set(
                actor=self.request.user, email_kinds=form.cleaned_data["email_kinds"]
            )
        except InputError as error:
            for problem in error.problems:
                form.add_error(None, problem.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Your notice preferences were saved."))
        return redirect("notices_preferences")
