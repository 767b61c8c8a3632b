"""SKP saya, the editor and its workflow through the pages: access, the full flow, escaping, 409."""

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.core.testing.skp import TAHUN, make_skp
from kinerja.skp import services
from kinerja.skp.enums import JenisLampiran, JenisRhk, StatusSkp
from kinerja.skp.models import Indikator, RencanaHasilKerja, Skp

HTMX = {"HTTP_HX_REQUEST": "true"}


def detail(skp):
    return reverse("skp:detail", args=[skp.pk])


def aksi(skp, nama):
    return reverse("skp:aksi", args=[skp.pk, nama])


def test_skp_list_shows_my_skp_and_a_prefilled_form(client, personas):
    skp = make_skp(personas.pegawai)
    client.force_login(personas.pegawai)
    html = client.get(reverse("skp:list")).content.decode()
    assert detail(skp) in html
    assert "Draf" in html
    assert f'value="{dt.date.today().year}-12-31"' in html


def test_skp_list_is_forbidden_to_an_account_without_pegawai(client, personas):
    client.force_login(personas.superadmin)
    assert client.get(reverse("skp:list")).status_code == 403


def test_creating_an_skp_redirects_to_its_editor(client, personas):
    client.force_login(personas.pegawai)
    response = client.post(
        reverse("skp:create"),
        {"periode_awal": f"{TAHUN}-01-01", "periode_akhir": f"{TAHUN}-12-31", "pendekatan": "KUANTITATIF"},
    )
    skp = Skp.objects.get(pegawai=personas.p("pegawai"))
    assert response.status_code == 302 and response["Location"] == detail(skp)


def test_creating_an_skp_with_a_bad_period_says_why_in_indonesian(client, personas):
    client.force_login(personas.pegawai)
    response = client.post(
        reverse("skp:create"),
        {"periode_awal": f"{TAHUN}-06-01", "periode_akhir": f"{TAHUN}-01-01", "pendekatan": "KUANTITATIF"},
        follow=True,
    )
    assert "Periode berakhir sebelum dimulai." in response.content.decode()
    assert not Skp.objects.exists()


def test_detail_access_owner_penilai_atasan_see_it_a_peer_and_another_instansi_do_not(client, personas):
    skp = make_skp(personas.pegawai)
    for name in ("pegawai", "pejabat_penilai", "atasan", "admin"):
        client.force_login(getattr(personas, name))
        assert client.get(detail(skp)).status_code == 200, name
    for name in ("rekan", "orang_lain"):
        client.force_login(getattr(personas, name))
        assert client.get(detail(skp)).status_code == 404, name
        assert client.get(reverse("skp:riwayat", args=[skp.pk])).status_code == 404, name


def test_full_flow_through_the_pages(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    rhk_atasan = skp_penilai.rhk.get()

    client.force_login(personas.pegawai)
    client.post(
        reverse("skp:create"),
        {"periode_awal": f"{TAHUN}-01-01", "periode_akhir": f"{TAHUN}-12-31", "pendekatan": "KUANTITATIF"},
    )
    skp = Skp.objects.get(pegawai=personas.p("pegawai"))
    html = client.get(detail(skp)).content.decode()
    assert rhk_atasan.uraian in html  # offered in the "RHK atasan" dropdown

    response = client.post(
        reverse("skp:rhk_create", args=[skp.pk]),
        {"jenis": JenisRhk.UTAMA, "uraian": "Laporan keuangan bulanan", "rhk_atasan_id": rhk_atasan.pk},
        **HTMX,
    )
    assert response.status_code == 200 and 'id="rhk"' in response.content.decode()
    rhk = RencanaHasilKerja.objects.get(skp=skp)
    assert rhk.rhk_atasan == rhk_atasan

    response = client.post(
        reverse("skp:indikator_create", args=[rhk.pk]),
        {"aspek": "KUANTITAS", "indikator": "Jumlah laporan", "target_min": "12", "satuan": "Laporan"},
        **HTMX,
    )
    assert response.status_code == 200 and f'id="rhk-{rhk.pk}"' in response.content.decode()
    assert "12 Laporan" in response.content.decode()

    assert client.post(aksi(skp, "ajukan")).status_code == 302
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN

    client.force_login(personas.pejabat_penilai)
    client.post(aksi(skp, "kembalikan"), {"catatan": "Tambahkan target waktu."})
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT

    client.force_login(personas.pegawai)
    html = client.get(detail(skp)).content.decode()
    assert "SKP dikembalikan oleh pejabat penilai" in html and "Tambahkan target waktu." in html
    client.post(
        reverse("skp:indikator_create", args=[rhk.pk]),
        {"aspek": "WAKTU", "indikator": "Ketepatan waktu", "target_min": "12", "satuan": "Bulan"},
    )
    client.post(aksi(skp, "ajukan"))

    client.force_login(personas.pejabat_penilai)
    response = client.post(aksi(skp, "setujui"))
    assert response.status_code == 302 and response["Location"] == detail(skp)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    riwayat = client.get(reverse("skp:riwayat", args=[skp.pk])).content.decode()
    for aksi_nama in ("DIBUAT", "DIAJUKAN", "DIKEMBALIKAN", "DISETUJUI"):
        assert aksi_nama in riwayat


def test_ajukan_refused_lists_the_problems(client, personas):
    skp = make_skp(personas.pegawai)
    client.force_login(personas.pegawai)
    response = client.post(aksi(skp, "ajukan"), **HTMX, HTTP_HX_TRIGGER="f-ajukan")
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#f-ajukan .form-errors"
    assert "sekurang-kurangnya satu RHK utama" in response.content.decode()
    response = client.post(aksi(skp, "ajukan"), {"next": detail(skp)}, follow=True)
    assert "sekurang-kurangnya satu RHK utama" in response.content.decode()


def test_kembalikan_needs_a_catatan(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    client.force_login(personas.pejabat_penilai)
    response = client.post(aksi(skp, "kembalikan"), {"catatan": ""}, **HTMX)
    assert response.status_code == 400 and "wajib diisi" in response.content.decode()
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN


def test_html_in_an_rhk_is_shown_escaped(client, personas):
    skp = make_skp(personas.pegawai)
    services.rhk_create(
        skp=skp, actor=personas.pegawai, data={"jenis": JenisRhk.UTAMA, "uraian": "<script>alert(1)</script>"}
    )
    client.force_login(personas.pegawai)
    html = client.get(detail(skp)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_non_owner_cannot_edit(client, personas):
    skp = make_skp(personas.pegawai, rhk=1)
    rhk = skp.rhk.get()
    client.force_login(personas.pejabat_penilai)  # sees the SKP, does not own it
    html = client.get(detail(skp)).content.decode()
    assert reverse("skp:rhk_delete", args=[rhk.pk]) not in html
    assert client.post(reverse("skp:rhk_delete", args=[rhk.pk])).status_code == 403
    assert (
        client.post(reverse("skp:rhk_create", args=[skp.pk]), {"jenis": "UTAMA", "uraian": "x"}).status_code
        == 403
    )
    assert client.post(aksi(skp, "ajukan")).status_code == 403
    client.force_login(personas.rekan)  # does not even see it
    assert client.post(reverse("skp:rhk_delete", args=[rhk.pk])).status_code == 404
    assert RencanaHasilKerja.objects.filter(pk=rhk.pk).exists()


def test_the_owner_cannot_approve_their_own_skp(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    client.force_login(personas.pegawai)
    assert client.post(aksi(skp, "setujui")).status_code == 403


def test_editing_after_ajukan_gives_409(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    rhk = skp.rhk.get()
    client.force_login(personas.pegawai)
    response = client.post(reverse("skp:rhk_update", args=[rhk.pk]), {"jenis": "UTAMA", "uraian": "Baru"})
    assert response.status_code == 409
    assert "tidak dapat diubah" in response.content.decode()
    response = client.post(reverse("skp:indikator_delete", args=[rhk.indikator.get().pk]), **HTMX)
    assert response.status_code == 409
    assert Indikator.objects.filter(rhk=rhk).exists()


def test_rhk_and_indikator_edit_move_and_delete(client, personas):
    skp = make_skp(personas.pegawai, rhk=2, indikator=2)
    pertama, kedua = skp.rhk.order_by("urutan")
    client.force_login(personas.pegawai)
    client.post(reverse("skp:rhk_geser", args=[kedua.pk]), {"arah": "-1"}, **HTMX)
    assert list(skp.rhk.order_by("urutan").values_list("pk", flat=True)) == [kedua.pk, pertama.pk]
    response = client.post(
        reverse("skp:rhk_update", args=[pertama.pk]), {"jenis": "TAMBAHAN", "uraian": "Diubah"}, **HTMX
    )
    assert response.status_code == 200
    pertama.refresh_from_db()
    assert (pertama.jenis, pertama.uraian) == ("TAMBAHAN", "Diubah")
    ind1, ind2 = kedua.indikator.order_by("urutan")
    client.post(reverse("skp:indikator_geser", args=[ind2.pk]), {"arah": "-1"}, **HTMX)
    assert list(kedua.indikator.order_by("urutan").values_list("pk", flat=True)) == [ind2.pk, ind1.pk]
    client.post(
        reverse("skp:indikator_update", args=[ind1.pk]),
        {"aspek": "KUALITAS", "indikator": "Baru", "target_min": "80", "target_max": "90", "satuan": "%"},
    )
    ind1.refresh_from_db()
    assert ind1.indikator == "Baru"
    client.post(reverse("skp:indikator_delete", args=[ind1.pk]), **HTMX)
    client.post(reverse("skp:rhk_delete", args=[pertama.pk]))
    assert list(skp.rhk.values_list("pk", flat=True)) == [kedua.pk]
    assert kedua.indikator.count() == 1


def test_a_bad_target_is_refused_with_400_and_an_indonesian_message(client, personas):
    skp = make_skp(personas.pegawai, rhk=1, indikator=0)
    rhk = skp.rhk.get()
    client.force_login(personas.pegawai)
    response = client.post(
        reverse("skp:indikator_create", args=[rhk.pk]),
        {"aspek": "KUANTITAS", "indikator": "X", "target_min": "9", "target_max": "3", "satuan": "Dok"},
        **HTMX,
        HTTP_HX_TRIGGER=f"f-ind-baru-{rhk.pk}",
    )
    assert response.status_code == 400
    assert "Target minimum tidak boleh melebihi target maksimum." in response.content.decode()


def test_info_alert_when_the_penilai_has_no_skp_yet(client, personas):
    skp = make_skp(personas.pegawai)
    client.force_login(personas.pegawai)
    assert "belum memiliki SKP untuk periode ini" in client.get(detail(skp)).content.decode()
    make_skp(personas.pejabat_penilai)
    assert "belum memiliki SKP untuk periode ini" not in client.get(detail(skp)).content.decode()


def test_only_the_penilai_sets_the_ekspektasi_with_the_pustaka_offered(client, personas):
    services.pustaka_create(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        core_value="AKUNTABEL",
        kalimat="Jujur & tertib",
    )
    skp = make_skp(personas.pegawai)
    url = reverse("skp:ekspektasi", args=[skp.pk])
    data = {"core_value": "AKUNTABEL", "ekspektasi_khusus": "Laporan tepat waktu"}
    client.force_login(personas.pegawai)
    assert "Jujur &amp; tertib" not in client.get(detail(skp)).content.decode()
    assert client.post(url, data).status_code == 403
    client.force_login(personas.pejabat_penilai)
    assert "Jujur &amp; tertib" in client.get(detail(skp)).content.decode()
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and "Laporan tepat waktu" in response.content.decode()
    assert skp.perilaku.get(core_value="AKUNTABEL").ekspektasi_khusus == "Laporan tepat waktu"


def test_lampiran_add_edit_delete_by_the_owner_only(client, personas):
    skp = make_skp(personas.pegawai)
    client.force_login(personas.pegawai)
    client.post(
        reverse("skp:lampiran_create", args=[skp.pk]),
        {"jenis": JenisLampiran.KONSEKUENSI, "uraian": "Butir baru"},
        **HTMX,
    )
    item = skp.lampiran.get(uraian="Butir baru")
    client.post(reverse("skp:lampiran_update", args=[skp.pk, item.pk]), {"uraian": "Butir diubah"}, **HTMX)
    item.refresh_from_db()
    assert item.uraian == "Butir diubah"
    client.force_login(personas.pejabat_penilai)
    assert client.post(reverse("skp:lampiran_delete", args=[skp.pk, item.pk])).status_code == 403
    client.force_login(personas.pegawai)
    client.post(reverse("skp:lampiran_delete", args=[skp.pk, item.pk]), **HTMX)
    assert not skp.lampiran.filter(pk=item.pk).exists()
    other = make_skp(personas.rekan)
    lain = other.lampiran.first()
    assert client.post(reverse("skp:lampiran_delete", args=[skp.pk, lain.pk])).status_code == 404


def test_batal_ajukan_and_revisi_by_the_owner(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    client.force_login(personas.pegawai)
    client.post(aksi(skp, "batal-ajukan"))
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    services.skp_setujui(skp=skp, actor=personas.pejabat_penilai)
    response = client.post(aksi(skp, "revisi"), {"catatan": "Tugas baru"})
    baru = Skp.objects.get(revisi_dari=skp)
    assert response["Location"] == detail(baru) and baru.versi == 2


def test_an_unknown_action_is_404(client, personas):
    skp = make_skp(personas.pegawai)
    client.force_login(personas.pegawai)
    assert client.post(aksi(skp, "hapus-semua")).status_code == 404


def test_home_card_shows_my_skp_and_what_waits_for_me(client, personas):
    skp_atasan = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(skp_atasan.rhk.all()))
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    client.force_login(personas.pejabat_penilai)
    assert reverse("skp:home_card") in client.get("/").content.decode()
    html = client.get(reverse("skp:home_card")).content.decode()
    assert "menunggu persetujuan Anda" in html and detail(skp_atasan) in html


@pytest.mark.parametrize("jumlah", [2, 30])
def test_detail_query_count_does_not_grow_with_rhk(client, personas, django_assert_num_queries, jumlah):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=2)
    skp = make_skp(personas.pegawai, rhk=jumlah, indikator=3, rhk_atasan=list(skp_penilai.rhk.all()))
    client.force_login(personas.pegawai)
    url = detail(skp)
    # 1 session, 2 the user with their pegawai, 3 the SKP with its people (the owner's own: no
    # visibility subquery), 4 RHK with their atasan RHK, 5 indikator, 6 perilaku, 7 lampiran,
    # 8 the RHK atasan options, 9 does the pejabat penilai have an SKP for the period.
    with django_assert_num_queries(9) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert "rantaiatasan" not in ctx.captured_queries[2]["sql"]
    assert '"skp_skp"."snapshot"' not in ctx.captured_queries[2]["sql"]
    assert response.content.decode().count('class="rhk-nomor') == jumlah
