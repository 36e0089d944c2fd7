from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from dangbo.accounts.forms import DangboUserCreationForm, DangboUserEditForm


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/user_create.html"
    edit_template_name = "accounts/user_edit.html"

    def get_form_class(self, for_update=False):
        return DangboUserEditForm if for_update else DangboUserCreationForm
