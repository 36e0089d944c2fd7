from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from dangbo.accounts import services
from dangbo.accounts.forms import DangboUserCreationForm, DangboUserEditForm


class _SavesGrants:
    """Saves the form's grants through the audited services, as the operator."""

    def save_instance(self):
        user = super().save_instance()
        for form in self.form.grants.forms:
            if not form.has_changed() or not form.cleaned_data:
                continue
            values = {f: form.cleaned_data[f] for f in services.GRANT_FIELDS}
            if form.instance.pk:
                services.grant_update(actor=self.request.user, grant=form.instance, **values)
            else:
                services.grant_give(actor=self.request.user, user=user, **values)
        return user


class UserCreateView(_SavesGrants, CreateView):
    pass


class UserEditView(_SavesGrants, EditView):
    pass


class UserViewSet(WagtailUserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    create_template_name = "accounts/user_create.html"
    edit_template_name = "accounts/user_edit.html"

    def get_form_class(self, for_update=False):
        return DangboUserEditForm if for_update else DangboUserCreationForm
