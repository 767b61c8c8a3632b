from django.urls import path

from kinerja.skp.views import editor, pengaturan, skp, tim

app_name = "skp"

urlpatterns = [
    path("", skp.skp_list, name="list"),
    path("baru/", skp.skp_create, name="create"),
    path("ringkasan/", skp.home_card, name="home_card"),
    path("persetujuan/", tim.inbox, name="inbox"),
    path("<int:pk>/", skp.skp_detail, name="detail"),
    path("<int:pk>/riwayat/", skp.skp_riwayat, name="riwayat"),
    path("<int:pk>/matriks/", tim.matriks, name="matriks"),
    path("<int:pk>/aksi/<slug:nama>/", skp.skp_aksi, name="aksi"),
    path("<int:pk>/rhk/", editor.rhk_create, name="rhk_create"),
    path("<int:pk>/ekspektasi/", editor.ekspektasi, name="ekspektasi"),
    path("<int:pk>/lampiran/", editor.lampiran_create, name="lampiran_create"),
    path("<int:pk>/lampiran/<int:lampiran_pk>/ubah/", editor.lampiran_update, name="lampiran_update"),
    path("<int:pk>/lampiran/<int:lampiran_pk>/hapus/", editor.lampiran_delete, name="lampiran_delete"),
    path("rhk/<int:pk>/ubah/", editor.rhk_update, name="rhk_update"),
    path("rhk/<int:pk>/hapus/", editor.rhk_delete, name="rhk_delete"),
    path("rhk/<int:pk>/geser/", editor.rhk_geser, name="rhk_geser"),
    path("rhk/<int:pk>/turunkan/", tim.turunkan, name="turunkan"),
    path("rhk/<int:pk>/indikator/", editor.indikator_create, name="indikator_create"),
    path("indikator/<int:pk>/ubah/", editor.indikator_update, name="indikator_update"),
    path("indikator/<int:pk>/hapus/", editor.indikator_delete, name="indikator_delete"),
    path("indikator/<int:pk>/geser/", editor.indikator_geser, name="indikator_geser"),
    path("pengaturan/", pengaturan.pengaturan, name="pengaturan"),
    path("pengaturan/pustaka/", pengaturan.pustaka_create, name="pustaka_create"),
    path("pengaturan/pustaka/<int:pk>/hapus/", pengaturan.pustaka_delete, name="pustaka_delete"),
    path("pengaturan/lampiran/", pengaturan.lampiran_bawaan_create, name="lampiran_bawaan_create"),
    path(
        "pengaturan/lampiran/<int:pk>/hapus/",
        pengaturan.lampiran_bawaan_delete,
        name="lampiran_bawaan_delete",
    ),
]
