from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.notices.models import NoticeKind


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Also send me by e-mail"),
        choices=NoticeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every notice is shown here in the back office; the kinds ticked also reach you "
            "by e-mail, at the address of your account."
        ),
    )
