"""Pengaturan SKP: admin instansi only; pustaka ekspektasi and lampiran bawaan."""

from django.urls import reverse

from kinerja.accounts.models import Role
from kinerja.skp import services
from kinerja.skp.models import LampiranBawaan, PustakaEkspektasi

URL = reverse("skp:pengaturan")


def test_a_non_admin_gets_403(client, personas):
    client.force_login(personas.pegawai)
    assert client.get(URL).status_code == 403
    assert (
        client.post(reverse("skp:pustaka_create"), {"core_value": "LOYAL", "kalimat": "x"}).status_code == 403
    )
    assert not PustakaEkspektasi.objects.exists()


def test_the_admin_manages_pustaka_and_lampiran_bawaan(client, personas):
    client.force_login(personas.admin)
    assert client.get(URL).status_code == 200
    client.post(reverse("skp:pustaka_create"), {"core_value": "LOYAL", "kalimat": "Menjaga <nama> baik"})
    client.post(reverse("skp:lampiran_bawaan_create"), {"jenis": "KONSEKUENSI", "uraian": "Teguran"})
    html = client.get(URL).content.decode()
    assert "Menjaga &lt;nama&gt; baik" in html and "Teguran" in html
    item = PustakaEkspektasi.objects.get()
    bawaan = LampiranBawaan.objects.get()
    client.post(reverse("skp:pustaka_delete", args=[item.pk]))
    client.post(reverse("skp:lampiran_bawaan_delete", args=[bawaan.pk]))
    assert not PustakaEkspektasi.objects.exists() and not LampiranBawaan.objects.exists()


def test_an_empty_kalimat_is_refused_in_indonesian(client, personas):
    client.force_login(personas.admin)
    response = client.post(reverse("skp:pustaka_create"), {"core_value": "LOYAL", "kalimat": ""}, follow=True)
    assert "Kalimat" in response.content.decode() and "tidak boleh kosong" in response.content.decode()
    assert not PustakaEkspektasi.objects.exists()


def test_an_admin_cannot_delete_another_instansis_items(client, personas):
    lain = personas.p("orang_lain").instansi
    admin_lain = personas.orang_lain
    admin_lain.role = Role.ADMIN_INSTANSI
    admin_lain.save(update_fields=["role"])
    item = services.pustaka_create(instansi_id=lain.pk, actor=admin_lain, core_value="LOYAL", kalimat="x")
    client.force_login(personas.admin)
    assert client.post(reverse("skp:pustaka_delete", args=[item.pk])).status_code == 404
    assert PustakaEkspektasi.objects.filter(pk=item.pk).exists()
