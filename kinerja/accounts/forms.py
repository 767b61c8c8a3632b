from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class NipAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP"),
        max_length=30,
        widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("NIP atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().replace(" ", "")
