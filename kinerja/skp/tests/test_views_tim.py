"""The pejabat penilai's pages: the approval inbox and the matriks peran hasil with "Turunkan"."""

import pytest
from django.urls import reverse

from kinerja.core.testing.factories import PegawaiFactory
from kinerja.core.testing.skp import TAHUN, make_skp
from kinerja.organisasi import services as org_services
from kinerja.skp import services
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import RencanaHasilKerja, Skp

INBOX = reverse("skp:inbox")


def _diajukan(personas, name="pegawai"):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    skp = make_skp(getattr(personas, name), rhk=1, rhk_atasan=list(skp_penilai.rhk.all()))
    return services.skp_ajukan(skp=skp, actor=getattr(personas, name))


def test_inbox_lists_every_bawahan_submitted_first(client, personas):
    make_skp(personas.rekan)
    skp = _diajukan(personas, "fungsional")
    client.force_login(personas.pejabat_penilai)
    html = client.get(INBOX, {"tahun": TAHUN}).content.decode()
    posisi = {n: html.index(personas.p(n).nama) for n in ("pegawai", "rekan", "fungsional")}
    assert posisi["fungsional"] < posisi["rekan"] and posisi["fungsional"] < posisi["pegawai"]
    assert reverse("skp:aksi", args=[skp.pk, "setujui"]) in html
    assert reverse("skp:aksi", args=[skp.pk, "kembalikan"]) in html


def test_inbox_of_someone_without_bawahan_is_empty_and_without_pegawai_is_403(client, personas):
    client.force_login(personas.rekan)
    assert "tidak menjadi pejabat penilai" in client.get(INBOX).content.decode()
    client.force_login(personas.superadmin)
    assert client.get(INBOX).status_code == 403


def test_setujui_and_kembalikan_from_the_inbox_come_back_to_it(client, personas):
    skp = _diajukan(personas)
    client.force_login(personas.pejabat_penilai)
    url = reverse("skp:aksi", args=[skp.pk, "kembalikan"])
    kembali_ke = f"{INBOX}?tahun={TAHUN}"
    response = client.post(url, {"catatan": "", "next": kembali_ke})
    assert response["Location"] == kembali_ke  # refused: the message is shown on the inbox
    response = client.post(url, {"catatan": "Perbaiki indikator", "next": kembali_ke})
    assert response["Location"] == f"{INBOX}?tahun={TAHUN}"
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT and skp.catatan_pengembalian == "Perbaiki indikator"
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    client.post(reverse("skp:aksi", args=[skp.pk, "setujui"]), {"next": INBOX})
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI


def test_only_the_pejabat_penilai_approves_from_the_inbox(client, personas):
    skp = _diajukan(personas)
    client.force_login(personas.atasan)  # sees the SKP (indirect bawahan) but does not rate it
    assert client.post(reverse("skp:aksi", args=[skp.pk, "setujui"]), {"next": INBOX}).status_code == 403
    client.force_login(personas.orang_lain)
    assert client.post(reverse("skp:aksi", args=[skp.pk, "setujui"]), {"next": INBOX}).status_code == 404


def test_setujui_twice_is_409(client, personas):
    skp = _diajukan(personas)
    client.force_login(personas.pejabat_penilai)
    client.post(reverse("skp:aksi", args=[skp.pk, "setujui"]))
    assert client.post(reverse("skp:aksi", args=[skp.pk, "setujui"])).status_code == 409


@pytest.mark.parametrize("tambahan", [2, 47])
def test_inbox_query_count_does_not_grow_with_bawahan(client, personas, django_assert_num_queries, tambahan):
    jabatan = personas.p("pegawai").jabatan
    for _ in range(tambahan):
        PegawaiFactory(instansi=personas.instansi, jabatan=jabatan, unit_kerja=personas.seksi)
    org_services.penilai_rebuild(instansi=personas.instansi)
    _diajukan(personas)
    client.force_login(personas.pejabat_penilai)
    # 1 session, 2 the user with their pegawai, 3 the bawahan with jabatan, unit and their SKP
    # of the year annotated (inbox selector).
    with django_assert_num_queries(3):
        response = client.get(INBOX, {"tahun": TAHUN})
    assert response.content.decode().count('class="list-group-item"') == 3 + tambahan


def test_matriks_shows_bawahan_rhk_under_my_rhk(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=2)
    kolom = list(skp_penilai.rhk.order_by("urutan"))
    make_skp(personas.pegawai, rhk=1, rhk_atasan=[kolom[1]])
    skp_rekan = make_skp(personas.rekan)
    services.rhk_create(skp=skp_rekan, actor=personas.rekan, data={"jenis": "UTAMA", "uraian": "Mandiri <b>"})
    url = reverse("skp:matriks", args=[skp_penilai.pk])
    client.force_login(personas.pejabat_penilai)
    html = client.get(url).content.decode()
    assert personas.p("pegawai").nama in html and personas.p("fungsional").nama in html
    assert "Mandiri &lt;b&gt;" in html  # the rekan's RHK that intervenes nothing
    assert reverse("skp:turunkan", args=[kolom[0].pk]) in html
    client.force_login(personas.atasan)  # may look (the SKP is visible) but hands nothing down
    html = client.get(url).content.decode()
    assert reverse("skp:turunkan", args=[kolom[0].pk]) not in html
    client.force_login(personas.orang_lain)
    assert client.get(url).status_code == 404


def test_turunkan_creates_the_bawahan_draft_with_the_rhk(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    rhk = skp_penilai.rhk.get()
    client.force_login(personas.pejabat_penilai)
    response = client.post(reverse("skp:turunkan", args=[rhk.pk]), {"nip": personas.p("fungsional").nip})
    assert response["Location"] == reverse("skp:matriks", args=[skp_penilai.pk])
    turunan = RencanaHasilKerja.objects.get(skp__pegawai=personas.p("fungsional"))
    assert turunan.rhk_atasan == rhk and turunan.skp.status == StatusSkp.DRAFT


def test_turunkan_access(client, personas):
    skp_penilai = make_skp(personas.pejabat_penilai, rhk=1)
    rhk = skp_penilai.rhk.get()
    url = reverse("skp:turunkan", args=[rhk.pk])
    client.force_login(personas.pejabat_penilai)
    # A pegawai who is not my bawahan: the atasan is visible but not rated by me -> 403.
    assert client.post(url, {"nip": personas.p("atasan").nip}).status_code == 403
    assert client.post(url, {"nip": personas.p("orang_lain").nip}).status_code == 404
    client.force_login(personas.atasan)  # sees the RHK but does not own it
    assert client.post(url, {"nip": personas.p("pegawai").nip}).status_code == 403
    client.force_login(personas.orang_lain)
    assert client.post(url, {"nip": personas.p("orang_lain").nip}).status_code == 404
    assert not Skp.objects.filter(pegawai=personas.p("atasan")).exists()


def test_turunkan_to_a_submitted_skp_is_409(client, personas):
    skp = _diajukan(personas)
    rhk = RencanaHasilKerja.objects.get(skp__pegawai=personas.p("pejabat_penilai"))
    client.force_login(personas.pejabat_penilai)
    response = client.post(reverse("skp:turunkan", args=[rhk.pk]), {"nip": personas.p("pegawai").nip})
    assert response.status_code == 409
    assert skp.rhk.count() == 1
