from django.urls import path

from kinerja.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.MasukView.as_view(), name="login"),
    path("keluar/", views.KeluarView.as_view(), name="logout"),
    path("ganti-kata-sandi/", views.GantiKataSandiView.as_view(), name="password_change"),
]
