"""SKP services: creation, mutasi, the planning workflow and revisi (domain.md §3.4, §5.1, §5.4)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.core.testing.factories import JabatanFactory
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.core.workflow import InvalidTransition
from kinerja.organisasi.enums import JenisJabatan
from kinerja.skp import rules, services
from kinerja.skp.enums import BentukSkp, CoreValue, JenisLampiran, JenisRhk, Pendekatan, StatusSkp
from kinerja.skp.models import Indikator, Lampiran, LampiranBawaan, RencanaHasilKerja, RiwayatSkp, Skp
from kinerja.skp.services import SkpTerkunci

KN = Pendekatan.KUANTITATIF
AWAL, AKHIR = dt.date(TAHUN, 1, 1), dt.date(TAHUN, 12, 31)


def riwayat(skp):
    return list(
        RiwayatSkp.objects.filter(skp=skp)
        .order_by("created_at", "id")
        .values_list("aksi", "dari", "ke", "actor_id", "catatan")
    )


def skp_kasi(personas, rhk=1):
    """The kepala seksi's draft SKP: the RHK the pegawai intervenes."""
    return make_skp(personas.pejabat_penilai, rhk=rhk)


def skp_pegawai_lengkap(personas, rhk=1):
    """A complete draft SKP of the pegawai, every RHK intervening the kepala seksi's first RHK."""
    atasan_rhk = list(skp_kasi(personas).rhk.all())
    return make_skp(personas.pegawai, rhk=rhk, rhk_atasan=atasan_rhk)


def pindah_jabatan(personas, name, *, nama, tmt):
    """A mutasi as the organisation data records it: a new jabatan and its TMT."""
    pegawai = personas.p(name)
    pegawai.jabatan = JabatanFactory(instansi=personas.instansi, nama=nama, jenis=JenisJabatan.PELAKSANA)
    pegawai.tmt_jabatan = tmt
    pegawai.save()
    return pegawai


# --- skp_create ----------------------------------------------------------------------------------


def test_a_new_skp_defaults_to_the_current_year_and_the_organisations_penilai(personas):
    skp = services.skp_create(actor=personas.pegawai, pendekatan=KN)
    tahun = timezone.localdate().year
    assert (skp.tahun, skp.periode_awal, skp.periode_akhir) == (
        tahun,
        dt.date(tahun, 1, 1),
        dt.date(tahun, 12, 31),
    )
    assert skp.status == StatusSkp.DRAFT
    assert (skp.versi, skp.revisi_dari_id, skp.is_plt_plh) == (1, None, False)
    assert skp.bentuk == BentukSkp.JA_JF
    assert skp.pendekatan == KN
    assert skp.pegawai_id == personas.p("pegawai").pk
    assert skp.jabatan_id == personas.p("pegawai").jabatan_id
    assert skp.unit_kerja_id == personas.seksi.pk
    assert skp.pejabat_penilai_id == personas.p("pejabat_penilai").pk
    assert skp.atasan_pejabat_penilai_id == personas.p("atasan").pk
    assert skp.created_by_id == personas.pegawai.pk


def test_a_new_skp_starts_on_the_tmt_when_it_falls_in_the_year(personas):
    pegawai = personas.p("pegawai")
    pegawai.tmt_jabatan = dt.date(TAHUN, 6, 1)
    pegawai.save()
    skp = services.skp_create(actor=personas.pegawai, pendekatan=KN, periode_akhir=AKHIR)
    assert (skp.periode_awal, skp.periode_akhir) == (dt.date(TAHUN, 6, 1), AKHIR)


def test_a_new_skp_has_the_seven_perilaku_rows_in_order_without_ekspektasi(personas):
    skp = make_skp(personas.pegawai)
    rows = list(skp.perilaku.order_by("urutan").values_list("core_value", "ekspektasi_khusus"))
    assert rows == [(cv, "") for cv in CoreValue.values]


def test_a_new_skp_takes_the_lampiran_from_the_rules_when_the_instansi_has_none(personas):
    skp = make_skp(personas.pegawai)
    items = list(Lampiran.objects.filter(skp=skp).values_list("jenis", "uraian"))
    # Listed by jenis (the printed order), each jenis in the order of the rules.
    bawaan = [(jenis, uraian) for jenis, daftar in rules.LAMPIRAN_BAWAAN.items() for uraian in daftar]
    assert items == sorted(bawaan, key=lambda item: item[0])


def test_a_new_skp_takes_the_lampiran_bawaan_of_the_instansi_when_it_has_some(personas):
    services.lampiran_bawaan_create(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        jenis=JenisLampiran.KONSEKUENSI,
        uraian="Tunjangan kinerja sesuai capaian",
    )
    services.lampiran_bawaan_create(
        instansi_id=personas.instansi.pk,
        actor=personas.admin,
        jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA,
        uraian="Laptop dan akses internet",
    )
    skp = make_skp(personas.pegawai)
    items = set(Lampiran.objects.filter(skp=skp).values_list("jenis", "uraian"))
    assert items == {
        (JenisLampiran.KONSEKUENSI, "Tunjangan kinerja sesuai capaian"),
        (JenisLampiran.DUKUNGAN_SUMBER_DAYA, "Laptop dan akses internet"),
    }


def test_the_lampiran_bawaan_of_another_instansi_is_not_used(personas):
    LampiranBawaan.objects.create(
        instansi=personas.p("orang_lain").instansi,
        jenis=JenisLampiran.KONSEKUENSI,
        uraian="Milik instansi lain",
    )
    skp = make_skp(personas.pegawai)
    assert not Lampiran.objects.filter(skp=skp, uraian="Milik instansi lain").exists()
    assert Lampiran.objects.filter(skp=skp).count() == sum(len(v) for v in rules.LAMPIRAN_BAWAAN.values())


def test_creating_an_skp_writes_a_dibuat_history_row(personas):
    skp = make_skp(personas.pegawai)
    assert riwayat(skp) == [("DIBUAT", "", StatusSkp.DRAFT, personas.pegawai.pk, "")]


def test_a_jpt_gets_the_jpt_form_and_no_pejabat_penilai_inside_the_instansi(personas):
    skp = make_skp(personas.kepala_dinas)
    assert skp.bentuk == BentukSkp.JPT
    assert skp.pejabat_penilai_id is None


def test_the_pimpinan_of_a_unit_kerja_mandiri_gets_the_jpt_form(personas):
    personas.seksi.mandiri = True
    personas.seksi.save()
    assert make_skp(personas.pejabat_penilai).bentuk == BentukSkp.JPT
    # Only its pimpinan: the staff of a mandiri unit keep the JA/JF form.
    assert make_skp(personas.pegawai).bentuk == BentukSkp.JA_JF


def test_a_second_overlapping_skp_for_the_same_jabatan_is_refused_with_a_clear_message(personas):
    make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.skp_create(
            actor=personas.pegawai,
            pendekatan=KN,
            periode_awal=dt.date(TAHUN, 6, 1),
            periode_akhir=AKHIR,
        )
    assert exc.value.message_dict["periode_awal"] == [
        f"Sudah ada SKP untuk jabatan ini pada periode 01-01-{TAHUN} s.d. 31-12-{TAHUN}."
    ]
    assert Skp.objects.filter(pegawai=personas.p("pegawai")).count() == 1


def test_two_skp_of_the_same_jabatan_in_separate_halves_of_the_year_are_accepted(personas):
    make_skp(personas.pegawai, akhir=dt.date(TAHUN, 6, 30))
    make_skp(personas.pegawai, awal=dt.date(TAHUN, 7, 1))
    assert Skp.objects.filter(pegawai=personas.p("pegawai")).count() == 2


@pytest.mark.parametrize(
    ("awal", "akhir"),
    [(dt.date(TAHUN, 6, 1), dt.date(TAHUN, 5, 31)), (dt.date(TAHUN, 6, 1), dt.date(TAHUN + 1, 5, 31))],
)
def test_an_invalid_period_is_refused(personas, awal, akhir):
    with pytest.raises(ValidationError) as exc:
        services.skp_create(actor=personas.pegawai, pendekatan=KN, periode_awal=awal, periode_akhir=akhir)
    assert "periode_akhir" in exc.value.message_dict
    assert not Skp.objects.exists()


@pytest.mark.parametrize("pendekatan", ["", "CAMPURAN", None])
def test_an_unknown_pendekatan_is_refused(personas, pendekatan):
    with pytest.raises(ValidationError) as exc:
        services.skp_create(actor=personas.pegawai, pendekatan=pendekatan)
    assert "pendekatan" in exc.value.message_dict


def test_a_user_without_a_pegawai_record_cannot_plan_an_skp(personas):
    with pytest.raises(PermissionDenied):
        services.skp_create(actor=personas.superadmin, pendekatan=KN)


# --- Mutasi and Plt/Plh (§5.4) -------------------------------------------------------------------


def test_after_a_mutasi_a_new_skp_closes_the_old_one_the_day_before_the_tmt(personas):
    lama = make_skp(personas.pegawai)
    pegawai = pindah_jabatan(personas, "pegawai", nama="Analis Kebijakan", tmt=dt.date(TAHUN, 7, 1))

    baru = services.skp_create(actor=personas.pegawai, pendekatan=KN, periode_akhir=AKHIR)

    assert (baru.jabatan_id, baru.periode_awal, baru.periode_akhir) == (
        pegawai.jabatan_id,
        dt.date(TAHUN, 7, 1),
        AKHIR,
    )
    lama.refresh_from_db()
    assert lama.periode_akhir == dt.date(TAHUN, 6, 30)
    assert lama.status == StatusSkp.DRAFT
    aksi, dari, ke, actor_id, catatan = riwayat(lama)[-1]
    assert (aksi, dari, ke, actor_id) == ("DITUTUP", StatusSkp.DRAFT, StatusSkp.DRAFT, personas.pegawai.pk)
    assert f"30-06-{TAHUN}" in catatan and "Analis Kebijakan" in catatan


def test_a_mutasi_closes_an_approved_skp_too_and_keeps_it_approved(personas):
    lama = make_approved(
        personas.pegawai, personas.pejabat_penilai, rhk=1, rhk_atasan=list(skp_kasi(personas).rhk.all())
    )
    pindah_jabatan(personas, "pegawai", nama="Analis Kebijakan", tmt=dt.date(TAHUN, 4, 1))
    services.skp_create(actor=personas.pegawai, pendekatan=KN, periode_akhir=AKHIR)
    lama.refresh_from_db()
    assert (lama.status, lama.periode_akhir) == (StatusSkp.DISETUJUI, dt.date(TAHUN, 3, 31))


def test_a_mutasi_skp_that_would_start_before_the_old_one_is_refused(personas):
    lama = make_skp(personas.pegawai, awal=dt.date(TAHUN, 3, 1))
    pindah_jabatan(personas, "pegawai", nama="Analis Kebijakan", tmt=dt.date(TAHUN, 3, 1))
    with pytest.raises(ValidationError) as exc:
        services.skp_create(actor=personas.pegawai, pendekatan=KN, periode_akhir=AKHIR)
    assert "periode_awal" in exc.value.message_dict
    lama.refresh_from_db()
    assert lama.periode_akhir == AKHIR
    assert [r[0] for r in riwayat(lama)] == ["DIBUAT"]


def test_a_plt_skp_runs_beside_the_definitive_one_and_is_not_closed_by_a_later_mutasi(personas):
    definitif = make_skp(personas.pegawai)
    pindah_jabatan(personas, "pegawai", nama="Plt Kepala Subbagian", tmt=dt.date(TAHUN, 4, 1))
    plt = services.skp_create(
        actor=personas.pegawai,
        pendekatan=KN,
        periode_awal=dt.date(TAHUN, 4, 1),
        periode_akhir=dt.date(TAHUN, 9, 30),
        is_plt_plh=True,
    )
    definitif.refresh_from_db()
    assert plt.is_plt_plh
    assert definitif.periode_akhir == AKHIR
    assert [r[0] for r in riwayat(definitif)] == ["DIBUAT"]

    # A real mutasi later in the year closes the definitive SKP, not the Plt one.
    pindah_jabatan(personas, "pegawai", nama="Analis Kebijakan", tmt=dt.date(TAHUN, 8, 1))
    services.skp_create(actor=personas.pegawai, pendekatan=KN, periode_akhir=AKHIR)
    definitif.refresh_from_db()
    plt.refresh_from_db()
    assert definitif.periode_akhir == dt.date(TAHUN, 7, 31)
    assert plt.periode_akhir == dt.date(TAHUN, 9, 30)


# --- Ajukan --------------------------------------------------------------------------------------


def test_it_refuses_submit_without_utama_rhk(personas):
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.skp_ajukan(skp=skp, actor=personas.pegawai)
    assert exc.value.messages == ["SKP harus memiliki sekurang-kurangnya satu RHK utama."]
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT


def test_a_refused_submit_lists_every_problem(personas):
    kasi_rhk = skp_kasi(personas).rhk.get()
    skp = make_skp(personas.pegawai)
    services.rhk_create(
        skp=skp, actor=personas.pegawai, data={"jenis": JenisRhk.UTAMA, "uraian": "Laporan keuangan"}
    )
    kedua = services.rhk_create(
        skp=skp,
        actor=personas.pegawai,
        data={"jenis": JenisRhk.UTAMA, "uraian": "Arsip surat", "rhk_atasan_id": kasi_rhk.pk},
    )
    services.indikator_create(
        rhk=kedua,
        actor=personas.pegawai,
        data={
            "aspek": "KUANTITAS",
            "indikator": "Jumlah arsip",
            "target_min": Decimal(1),
            "satuan": "Berkas",
        },
    )
    # A TAMBAHAN RHK without indikator or link does not block the submission.
    services.rhk_create(
        skp=skp, actor=personas.pegawai, data={"jenis": JenisRhk.TAMBAHAN, "uraian": "Panitia HUT"}
    )
    with pytest.raises(ValidationError) as exc:
        services.skp_ajukan(skp=skp, actor=personas.pegawai)
    assert exc.value.messages == [
        "RHK utama 1 (Laporan keuangan) belum memiliki indikator.",
        "RHK utama 1 (Laporan keuangan) belum terhubung ke RHK pejabat penilai yang diintervensi.",
    ]


def test_submit_without_a_pejabat_penilai_is_refused(personas):
    skp = make_skp(personas.kepala_dinas, rhk=1)
    with pytest.raises(ValidationError) as exc:
        services.skp_ajukan(skp=skp, actor=personas.kepala_dinas)
    assert "Pejabat penilai Anda belum ditentukan" in exc.value.messages[0]
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT


def test_a_jpt_may_submit_without_intervening_any_rhk(personas):
    skp = make_skp(personas.kepala_dinas, rhk=1)
    kadis = personas.p("kepala_dinas")
    kadis.pejabat_penilai = personas.p("orang_lain")  # e.g. the sekda, set by the admin
    kadis.save()
    services.skp_ajukan(skp=skp, actor=personas.kepala_dinas)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN
    assert skp.pejabat_penilai_id == personas.p("orang_lain").pk


def test_submit_takes_the_current_pejabat_penilai_of_the_organisation(personas):
    skp = skp_pegawai_lengkap(personas)
    pegawai = personas.p("pegawai")
    pegawai.pejabat_penilai = personas.p("atasan")
    pegawai.atasan_pejabat_penilai = personas.p("kepala_dinas")
    pegawai.save()
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    skp.refresh_from_db()
    assert skp.pejabat_penilai_id == personas.p("atasan").pk
    assert skp.atasan_pejabat_penilai_id == personas.p("kepala_dinas").pk


def test_only_the_owner_may_submit(personas):
    skp = skp_pegawai_lengkap(personas)
    for other in (personas.rekan, personas.pejabat_penilai, personas.admin):
        with pytest.raises(PermissionDenied):
            services.skp_ajukan(skp=skp, actor=other)


# --- The workflow (§5.1) -------------------------------------------------------------------------


def test_the_full_workflow_writes_a_history_row_for_every_transition(personas):
    skp = skp_pegawai_lengkap(personas)
    pegawai, penilai = personas.pegawai, personas.pejabat_penilai

    services.skp_ajukan(skp=skp, actor=pegawai)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN and skp.tanggal_diajukan is not None

    services.skp_kembalikan(skp=skp, actor=penilai, catatan="Target kuantitas terlalu rendah.")
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT
    assert skp.catatan_pengembalian == "Target kuantitas terlalu rendah."

    services.skp_ajukan(skp=skp, actor=pegawai)
    services.skp_setujui(skp=skp, actor=penilai, catatan="Baik.")
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DISETUJUI
    assert skp.tanggal_disetujui is not None
    assert skp.tanggal_penetapan == timezone.localdate()
    assert skp.catatan_pengembalian == ""

    assert riwayat(skp) == [
        ("DIBUAT", "", "DRAFT", pegawai.pk, ""),
        ("DIAJUKAN", "DRAFT", "DIAJUKAN", pegawai.pk, ""),
        ("DIKEMBALIKAN", "DIAJUKAN", "DRAFT", penilai.pk, "Target kuantitas terlalu rendah."),
        ("DIAJUKAN", "DRAFT", "DIAJUKAN", pegawai.pk, ""),
        ("DISETUJUI", "DIAJUKAN", "DISETUJUI", penilai.pk, "Baik."),
    ]


def test_approval_freezes_the_printed_data(personas):
    skp = skp_pegawai_lengkap(personas)
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    services.skp_setujui(skp=skp, actor=personas.pejabat_penilai)
    skp.refresh_from_db()
    snap = skp.snapshot
    assert snap["instansi"] == "Pemerintah Kota Uji"
    assert snap["tempat"] == "Kota Uji"
    assert snap["pegawai"]["nama"] == "Dewi Lestari"
    assert snap["pegawai"]["nip"] == personas.p("pegawai").nip
    assert snap["pegawai"]["jabatan"] == "Pengadministrasi Umum"
    assert snap["pegawai"]["unit_kerja"] == "Seksi Uji"
    assert snap["pegawai"]["pangkat_golongan"]
    assert snap["pejabat_penilai"]["nama"] == "Agus Salim"
    assert snap["pejabat_penilai"]["jabatan"] == "Kepala Seksi Uji"
    assert snap["atasan_pejabat_penilai"]["nama"] == "Siti Aminah"

    # A later mutasi does not change what the approved SKP prints.
    pindah_jabatan(personas, "pegawai", nama="Analis Kebijakan", tmt=dt.date(TAHUN, 9, 1))
    skp.refresh_from_db()
    assert skp.snapshot["pegawai"]["jabatan"] == "Pengadministrasi Umum"


@pytest.mark.parametrize("catatan", ["", "   ", None])
def test_returning_an_skp_needs_a_catatan(personas, catatan):
    skp = skp_pegawai_lengkap(personas)
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.skp_kembalikan(skp=skp, actor=personas.pejabat_penilai, catatan=catatan)
    assert "catatan" in exc.value.message_dict
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN


def test_the_owner_can_withdraw_a_submission(personas):
    skp = skp_pegawai_lengkap(personas)
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    services.skp_batal_ajukan(skp=skp, actor=personas.pegawai)
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DRAFT
    assert riwayat(skp)[-1] == ("BATAL_AJUKAN", "DIAJUKAN", "DRAFT", personas.pegawai.pk, "")


def test_only_the_owner_can_withdraw_a_submission(personas):
    skp = skp_pegawai_lengkap(personas)
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    with pytest.raises(PermissionDenied):
        services.skp_batal_ajukan(skp=skp, actor=personas.pejabat_penilai)


@pytest.mark.parametrize("name", ["pegawai", "rekan", "atasan", "admin", "orang_lain"])
def test_only_the_pejabat_penilai_approves_or_returns(personas, name):
    skp = skp_pegawai_lengkap(personas)
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    actor = getattr(personas, name)
    with pytest.raises(PermissionDenied):
        services.skp_setujui(skp=skp, actor=actor)
    with pytest.raises(PermissionDenied):
        services.skp_kembalikan(skp=skp, actor=actor, catatan="Tidak.")
    skp.refresh_from_db()
    assert skp.status == StatusSkp.DIAJUKAN


def test_approving_or_returning_a_draft_is_an_invalid_transition(personas):
    skp = skp_pegawai_lengkap(personas)
    with pytest.raises(InvalidTransition):
        services.skp_setujui(skp=skp, actor=personas.pejabat_penilai)
    with pytest.raises(InvalidTransition):
        services.skp_kembalikan(skp=skp, actor=personas.pejabat_penilai, catatan="Perbaiki.")
    with pytest.raises(InvalidTransition):
        services.skp_batal_ajukan(skp=skp, actor=personas.pegawai)


def test_an_approved_skp_cannot_be_submitted_returned_or_withdrawn(personas):
    skp = make_approved(
        personas.pegawai, personas.pejabat_penilai, rhk=1, rhk_atasan=list(skp_kasi(personas).rhk.all())
    )
    with pytest.raises(InvalidTransition):
        services.skp_ajukan(skp=skp, actor=personas.pegawai)
    with pytest.raises(InvalidTransition):
        services.skp_setujui(skp=skp, actor=personas.pejabat_penilai)
    with pytest.raises(InvalidTransition):
        services.skp_kembalikan(skp=skp, actor=personas.pejabat_penilai, catatan="Ulang.")
    with pytest.raises(InvalidTransition):
        services.skp_batal_ajukan(skp=skp, actor=personas.pegawai)
    assert len(riwayat(skp)) == 3


def test_the_content_is_locked_once_submitted(personas):
    skp = skp_pegawai_lengkap(personas)
    rhk = skp.rhk.get()
    indikator = rhk.indikator.get()
    lampiran = skp.lampiran.first()
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    me = personas.pegawai
    edits = [
        lambda: services.rhk_create(skp=skp, actor=me, data={"jenis": "TAMBAHAN", "uraian": "Baru"}),
        lambda: services.rhk_update(rhk=rhk, actor=me, data={"uraian": "Ubah"}),
        lambda: services.rhk_delete(rhk=rhk, actor=me),
        lambda: services.rhk_geser(rhk=rhk, actor=me, arah=1),
        lambda: services.indikator_update(indikator=indikator, actor=me, data={"indikator": "Ubah"}),
        lambda: services.indikator_delete(indikator=indikator, actor=me),
        lambda: services.lampiran_create(skp=skp, actor=me, jenis="KONSEKUENSI", uraian="Baru"),
        lambda: services.lampiran_update(lampiran=lampiran, actor=me, uraian="Ubah"),
        lambda: services.lampiran_delete(lampiran=lampiran, actor=me),
    ]
    for edit in edits:
        with pytest.raises(SkpTerkunci):
            edit()
    rhk.refresh_from_db()
    assert rhk.uraian == "Rencana hasil kerja 1"
    assert Indikator.objects.filter(pk=indikator.pk).exists()


def test_a_non_owner_cannot_edit_a_draft(personas):
    skp = skp_pegawai_lengkap(personas)
    rhk = skp.rhk.get()
    for other in (personas.rekan, personas.pejabat_penilai, personas.admin, personas.superadmin):
        with pytest.raises(PermissionDenied):
            services.rhk_create(skp=skp, actor=other, data={"jenis": "UTAMA", "uraian": "Sisipan"})
        with pytest.raises(PermissionDenied):
            services.rhk_update(rhk=rhk, actor=other, data={"uraian": "Ubah"})
    rhk.refresh_from_db()
    assert rhk.uraian == "Rencana hasil kerja 1"
    assert skp.rhk.count() == 1


# --- Revisi (§5.4) -------------------------------------------------------------------------------


def rantai_disetujui(personas):
    """kepala_dinas (JPT, ORGANISASI RHK) <- kepala bidang <- kepala seksi (approved) <- pegawai."""
    kadis_rhk = list(make_skp(personas.kepala_dinas, rhk=1).rhk.all())
    kabid = make_skp(personas.atasan, rhk=1, rhk_atasan=kadis_rhk)
    kasi = make_skp(personas.pejabat_penilai, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    services.perilaku_set_ekspektasi(
        skp=kasi, actor=personas.atasan, core_value=CoreValue.LOYAL, ekspektasi_khusus="Jaga rahasia seksi."
    )
    services.lampiran_create(
        skp=kasi,
        actor=personas.pejabat_penilai,
        jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA,
        uraian="Mobil dinas",
    )
    services.skp_ajukan(skp=kasi, actor=personas.pejabat_penilai)
    kasi = services.skp_setujui(skp=kasi, actor=personas.atasan)
    pegawai = make_skp(personas.pegawai, rhk=1, rhk_atasan=list(kasi.rhk.all()))
    return kasi, pegawai


def test_a_revisi_is_a_new_draft_version_with_a_copy_of_the_content(personas):
    kasi, _ = rantai_disetujui(personas)

    baru = services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai, catatan="Prioritas berubah.")

    assert (baru.status, baru.versi, baru.seri, baru.revisi_dari_id) == (
        StatusSkp.DRAFT,
        2,
        kasi.seri,
        kasi.pk,
    )
    assert baru.snapshot == {} and baru.tanggal_disetujui is None and baru.tanggal_penetapan is None
    lama_rhk, baru_rhk = kasi.rhk.get(), baru.rhk.get()
    assert baru_rhk.pk != lama_rhk.pk and baru_rhk.asal_id == lama_rhk.pk
    assert (baru_rhk.uraian, baru_rhk.jenis, baru_rhk.rhk_atasan_id, baru_rhk.rhk_atasan_uraian) == (
        lama_rhk.uraian,
        lama_rhk.jenis,
        lama_rhk.rhk_atasan_id,
        lama_rhk.rhk_atasan_uraian,
    )

    def isi_indikator(rhk):
        return list(rhk.indikator.values_list("aspek", "indikator", "target_min", "target_max", "satuan"))

    assert isi_indikator(baru_rhk) == isi_indikator(lama_rhk)
    assert list(baru.perilaku.values_list("core_value", "ekspektasi_khusus", "urutan")) == list(
        kasi.perilaku.values_list("core_value", "ekspektasi_khusus", "urutan")
    )
    assert list(baru.lampiran.values_list("jenis", "uraian", "urutan")) == list(
        kasi.lampiran.values_list("jenis", "uraian", "urutan")
    )
    assert baru.perilaku.get(core_value=CoreValue.LOYAL).ekspektasi_khusus == "Jaga rahasia seksi."
    assert baru.lampiran.filter(uraian="Mobil dinas").exists()
    assert riwayat(baru) == [("REVISI", "", "DRAFT", personas.pejabat_penilai.pk, "Prioritas berubah.")]

    # The approved version is untouched until the revisi is approved.
    kasi.refresh_from_db()
    assert kasi.status == StatusSkp.DISETUJUI
    assert kasi.snapshot["pegawai"]["nama"] == "Agus Salim"
    assert kasi.rhk.get().uraian == "Rencana hasil kerja 1"


def test_approving_a_revisi_replaces_the_old_version_and_carries_the_cascade_over(personas):
    kasi, pegawai_skp = rantai_disetujui(personas)
    bawahan_rhk = pegawai_skp.rhk.get()
    assert bawahan_rhk.rhk_atasan_id == kasi.rhk.get().pk

    baru = services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    baru_rhk = baru.rhk.get()
    services.rhk_update(rhk=baru_rhk, actor=personas.pejabat_penilai, data={"uraian": "Rencana yang diubah"})
    bawahan_rhk.refresh_from_db()
    assert bawahan_rhk.rhk_atasan_id == kasi.rhk.get().pk  # not yet: the revisi is only a draft

    services.skp_ajukan(skp=baru, actor=personas.pejabat_penilai)
    services.skp_setujui(skp=baru, actor=personas.atasan)

    kasi.refresh_from_db()
    baru.refresh_from_db()
    assert (kasi.status, baru.status) == (StatusSkp.DIGANTI, StatusSkp.DISETUJUI)
    assert riwayat(kasi)[-1] == ("DIGANTI", "DISETUJUI", "DIGANTI", personas.atasan.pk, "Diganti versi 2.")
    bawahan_rhk.refresh_from_db()
    assert bawahan_rhk.rhk_atasan_id == baru_rhk.pk


def test_a_second_revisi_while_one_is_open_is_refused(personas):
    kasi, _ = rantai_disetujui(personas)
    services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    with pytest.raises(InvalidTransition):
        services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    assert Skp.objects.filter(seri=kasi.seri).count() == 2


def test_a_replaced_version_cannot_be_revised_again_but_the_new_one_can(personas):
    kasi, _ = rantai_disetujui(personas)
    baru = services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    services.skp_ajukan(skp=baru, actor=personas.pejabat_penilai)
    services.skp_setujui(skp=baru, actor=personas.atasan)
    with pytest.raises(InvalidTransition):
        services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    ketiga = services.skp_revisi(skp=baru, actor=personas.pejabat_penilai)
    assert (ketiga.versi, ketiga.revisi_dari_id) == (3, baru.pk)


def test_only_an_approved_skp_of_ones_own_can_be_revised(personas):
    kasi, pegawai_skp = rantai_disetujui(personas)
    with pytest.raises(InvalidTransition):
        services.skp_revisi(skp=pegawai_skp, actor=personas.pegawai)  # still a draft
    with pytest.raises(PermissionDenied):
        services.skp_revisi(skp=kasi, actor=personas.atasan)  # the penilai does not request it


def test_a_revisi_of_a_jpt_skp_copies_the_jpt_fields(personas):
    skp = make_skp(personas.kepala_dinas)
    services.rhk_create(
        skp=skp,
        actor=personas.kepala_dinas,
        data={
            "jenis": JenisRhk.UTAMA,
            "uraian": "Meningkatnya kualitas layanan",
            "klasifikasi": "INDIVIDU",
            "perspektif": "PENERIMA_LAYANAN",
            "penugasan_dari": "Wali Kota",
        },
    )
    # Approve it the way the sekda would.
    kadis = personas.p("kepala_dinas")
    kadis.pejabat_penilai = personas.p("orang_lain")
    kadis.save()
    rhk = skp.rhk.get()
    services.indikator_create(
        rhk=rhk,
        actor=personas.kepala_dinas,
        data={"indikator": "Indeks kepuasan", "target_min": Decimal(80), "satuan": "%"},
    )
    services.skp_ajukan(skp=skp, actor=personas.kepala_dinas)
    services.skp_setujui(skp=skp, actor=personas.orang_lain)
    baru = services.skp_revisi(skp=skp, actor=personas.kepala_dinas)
    copy = baru.rhk.get()
    assert (copy.klasifikasi, copy.perspektif, copy.penugasan_dari) == (
        "INDIVIDU",
        "PENERIMA_LAYANAN",
        "Wali Kota",
    )
    assert RencanaHasilKerja.objects.filter(skp__seri=skp.seri).count() == 2
