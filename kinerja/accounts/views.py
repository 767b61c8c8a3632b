from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from kinerja.accounts import services
from kinerja.accounts.forms import NipAuthenticationForm


class MasukView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = NipAuthenticationForm
    redirect_authenticated_user = True


class KeluarView(auth_views.LogoutView):
    pass


class GantiKataSandiView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        services.password_changed(user=self.request.user)  # type: ignore[arg-type]
        messages.success(self.request, _("Kata sandi berhasil diganti."))
        return response
