"""The content of an SKP: RHK, indikator, perilaku, lampiran, turunkan and the instansi settings
(domain.md §3.5-§3.9, §4.5-§4.7)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.accounts.models import Role
from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.skp import services
from kinerja.skp.enums import (
    Aspek,
    BentukSkp,
    CoreValue,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    StatusSkp,
)
from kinerja.skp.models import (
    Indikator,
    Lampiran,
    LampiranBawaan,
    PerilakuKerja,
    PustakaEkspektasi,
    RencanaHasilKerja,
    Skp,
)
from kinerja.skp.services import SkpTerkunci

D = Decimal
XSS = '<script>alert("x")</script><b onmouseover="x()">&amp;</b>'


def utama(uraian="Laporan kegiatan", **extra):
    return {"jenis": JenisRhk.UTAMA, "uraian": uraian, **extra}


def rhk_kadis(personas):
    """A JPT SKP of the kepala dinas with an ORGANISASI and an INDIVIDU RHK."""
    skp = make_skp(personas.kepala_dinas)
    me = personas.kepala_dinas
    organisasi = services.rhk_create(
        skp=skp, actor=me, data=utama("Meningkatnya layanan publik", klasifikasi=KlasifikasiRhk.ORGANISASI)
    )
    individu = services.rhk_create(
        skp=skp, actor=me, data=utama("Terselenggaranya rapat pimpinan", klasifikasi=KlasifikasiRhk.INDIVIDU)
    )
    return organisasi, individu


# --- RHK: the JA/JF form (§4.5) ------------------------------------------------------------------


def test_a_ja_jf_rhk_intervenes_an_rhk_of_the_pejabat_penilai_and_keeps_its_text(personas):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1).rhk.get()
    skp = make_skp(personas.pegawai)
    rhk = services.rhk_create(
        skp=skp, actor=personas.pegawai, data=utama("Tersusunnya laporan", rhk_atasan_id=kasi_rhk.pk)
    )
    assert (rhk.rhk_atasan_id, rhk.rhk_atasan_uraian) == (kasi_rhk.pk, "Rencana hasil kerja 1")
    assert (rhk.klasifikasi, rhk.perspektif, rhk.penugasan_dari) == ("", "", "")
    assert rhk.urutan == 1


@pytest.mark.parametrize("pemilik", ["rekan", "atasan", "fungsional", "orang_lain"])
def test_a_ja_jf_rhk_cannot_intervene_the_rhk_of_anyone_but_the_pejabat_penilai(personas, pemilik):
    if pemilik == "atasan":
        lain = make_skp(personas.atasan, rhk=1).rhk.get()
    else:
        lain = make_skp(getattr(personas, pemilik), rhk=1).rhk.get()
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(rhk_atasan_id=lain.pk))
    assert exc.value.message_dict["rhk_atasan_id"] == ["RHK atasan harus RHK dari SKP pejabat penilai Anda."]
    assert not skp.rhk.exists()


def test_an_unknown_rhk_atasan_is_refused(personas):
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(rhk_atasan_id=999_999))
    assert "rhk_atasan_id" in exc.value.message_dict


def test_the_rhk_atasan_must_come_from_an_skp_of_an_overlapping_period(personas):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1, akhir=dt.date(TAHUN, 6, 30)).rhk.get()
    skp = make_skp(personas.pegawai, awal=dt.date(TAHUN, 7, 1))
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(rhk_atasan_id=kasi_rhk.pk))
    assert "tidak mencakup periode" in exc.value.message_dict["rhk_atasan_id"][0]


def test_a_kepala_bidang_can_intervene_only_the_organisasi_rhk_of_the_jpt(personas):
    organisasi, individu = rhk_kadis(personas)
    skp = make_skp(personas.atasan)
    rhk = services.rhk_create(skp=skp, actor=personas.atasan, data=utama(rhk_atasan_id=organisasi.pk))
    assert rhk.rhk_atasan_id == organisasi.pk
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.atasan, data=utama(rhk_atasan_id=individu.pk))
    assert "Organisasi" in exc.value.message_dict["rhk_atasan_id"][0]
    with pytest.raises(ValidationError):
        services.rhk_update(rhk=rhk, actor=personas.atasan, data={"rhk_atasan_id": individu.pk})
    rhk.refresh_from_db()
    assert rhk.rhk_atasan_id == organisasi.pk


def test_a_replaced_version_rhk_cannot_be_intervened(personas):
    kadis_rhk = [rhk_kadis(personas)[0]]
    kabid = make_skp(personas.atasan, rhk=1, rhk_atasan=kadis_rhk)
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    baru = services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    services.skp_ajukan(skp=baru, actor=personas.pejabat_penilai)
    services.skp_setujui(skp=baru, actor=personas.atasan)
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError):
        services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(rhk_atasan_id=kasi.rhk.get().pk))
    rhk = services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(rhk_atasan_id=baru.rhk.get().pk))
    assert rhk.rhk_atasan_id == baru.rhk.get().pk


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("klasifikasi", KlasifikasiRhk.ORGANISASI),
        ("perspektif", Perspektif.PROSES_BISNIS),
        ("penugasan_dari", "Menteri"),
    ],
)
def test_a_ja_jf_rhk_refuses_the_jpt_fields(personas, field, value):
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(**{field: value}))
    assert field in exc.value.message_dict


def test_updating_an_rhk_without_rhk_atasan_keeps_the_link_and_none_removes_it(personas):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1).rhk.get()
    skp = make_skp(personas.pegawai)
    rhk = services.rhk_create(skp=skp, actor=personas.pegawai, data=utama(rhk_atasan_id=kasi_rhk.pk))
    rhk = services.rhk_update(rhk=rhk, actor=personas.pegawai, data={"uraian": "Uraian baru"})
    assert (rhk.uraian, rhk.rhk_atasan_id) == ("Uraian baru", kasi_rhk.pk)
    rhk = services.rhk_update(rhk=rhk, actor=personas.pegawai, data={"rhk_atasan_id": None})
    assert (rhk.rhk_atasan_id, rhk.rhk_atasan_uraian) == (None, "")


# --- RHK: the JPT form (§4.5) --------------------------------------------------------------------


def test_a_jpt_rhk_defaults_to_klasifikasi_organisasi_and_keeps_perspektif_and_penugasan(personas):
    skp = make_skp(personas.kepala_dinas)
    assert skp.bentuk == BentukSkp.JPT
    rhk = services.rhk_create(
        skp=skp,
        actor=personas.kepala_dinas,
        data=utama(
            "Meningkatnya indeks kepuasan masyarakat",
            perspektif=Perspektif.PENERIMA_LAYANAN,
            penugasan_dari="  Wali Kota  ",
        ),
    )
    assert (rhk.klasifikasi, rhk.perspektif, rhk.penugasan_dari) == (
        KlasifikasiRhk.ORGANISASI,
        Perspektif.PENERIMA_LAYANAN,
        "Wali Kota",
    )


def test_a_jpt_rhk_does_not_intervene(personas):
    skp = make_skp(personas.kepala_dinas)
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.kepala_dinas, data=utama(rhk_atasan_id=1))
    assert "rhk_atasan_id" in exc.value.message_dict
    assert not skp.rhk.exists()


@pytest.mark.parametrize(("field", "value"), [("klasifikasi", "CAMPURAN"), ("perspektif", "KEUANGAN")])
def test_a_jpt_rhk_refuses_an_unknown_choice(personas, field, value):
    skp = make_skp(personas.kepala_dinas)
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.kepala_dinas, data=utama(**{field: value}))
    assert field in exc.value.message_dict


# --- RHK: text and order -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"jenis": JenisRhk.UTAMA, "uraian": "   "}, "uraian"),
        ({"jenis": JenisRhk.UTAMA}, "uraian"),
        ({"jenis": JenisRhk.UTAMA, "uraian": "x" * 2001}, "uraian"),
        ({"jenis": "LAINNYA", "uraian": "Laporan"}, "jenis"),
        ({"uraian": "Laporan"}, "jenis"),
        (
            {"jenis": JenisRhk.UTAMA, "uraian": "Laporan", "ukuran_keberhasilan": "y" * 2001},
            "ukuran_keberhasilan",
        ),
    ],
)
def test_bad_rhk_input_is_refused_per_field(personas, data, field):
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.rhk_create(skp=skp, actor=personas.pegawai, data=data)
    assert field in exc.value.message_dict


def test_html_in_text_is_stored_verbatim(personas):
    skp = make_skp(personas.pegawai)
    me = personas.pegawai
    rhk = services.rhk_create(skp=skp, actor=me, data=utama(XSS, ukuran_keberhasilan=XSS))
    indikator = services.indikator_create(
        rhk=rhk,
        actor=me,
        data={"aspek": Aspek.KUALITAS, "indikator": XSS, "target_min": D(1), "satuan": "<i>%</i>"},
    )
    lampiran = services.lampiran_create(skp=skp, actor=me, jenis=JenisLampiran.KONSEKUENSI, uraian=XSS)
    rhk.refresh_from_db()
    indikator.refresh_from_db()
    lampiran.refresh_from_db()
    assert rhk.uraian == rhk.ukuran_keberhasilan == indikator.indikator == lampiran.uraian == XSS
    assert indikator.satuan == "<i>%</i>"


def test_rhk_get_their_urutan_per_jenis_and_move_up_and_down(personas):
    skp = make_skp(personas.pegawai)
    me = personas.pegawai
    a, b, c = (services.rhk_create(skp=skp, actor=me, data=utama(n)) for n in "ABC")
    t = services.rhk_create(skp=skp, actor=me, data={"jenis": JenisRhk.TAMBAHAN, "uraian": "T"})
    assert [r.urutan for r in (a, b, c, t)] == [1, 2, 3, 1]

    def urutan():
        return list(skp.rhk.filter(jenis=JenisRhk.UTAMA).order_by("urutan").values_list("uraian", flat=True))

    services.rhk_geser(rhk=c, actor=me, arah=-1)
    assert urutan() == ["A", "C", "B"]
    services.rhk_geser(rhk=a, actor=me, arah=1)
    assert urutan() == ["C", "A", "B"]
    services.rhk_geser(rhk=c, actor=me, arah=-1)  # already first: nothing moves
    services.rhk_geser(rhk=b, actor=me, arah=1)  # already last
    assert urutan() == ["C", "A", "B"]
    t.refresh_from_db()
    assert t.urutan == 1
    with pytest.raises(ValidationError):
        services.rhk_geser(rhk=a, actor=me, arah=2)
    with pytest.raises(PermissionDenied):
        services.rhk_geser(rhk=a, actor=personas.rekan, arah=1)


def test_changing_the_jenis_puts_the_rhk_at_the_end_of_its_new_group(personas):
    skp = make_skp(personas.pegawai)
    me = personas.pegawai
    services.rhk_create(skp=skp, actor=me, data={"jenis": JenisRhk.TAMBAHAN, "uraian": "T1"})
    rhk = services.rhk_create(skp=skp, actor=me, data=utama("U1"))
    rhk = services.rhk_update(rhk=rhk, actor=me, data={"jenis": JenisRhk.TAMBAHAN})
    assert (rhk.jenis, rhk.urutan) == (JenisRhk.TAMBAHAN, 2)


def test_deleting_an_atasan_rhk_keeps_the_printed_text_of_the_bawahan_rhk(personas):
    kasi = make_skp(personas.pejabat_penilai, rhk=1)
    kasi_rhk = kasi.rhk.get()
    bawahan = make_skp(personas.pegawai, rhk=1, rhk_atasan=[kasi_rhk]).rhk.get()
    services.rhk_delete(rhk=kasi_rhk, actor=personas.pejabat_penilai)
    bawahan.refresh_from_db()
    assert (bawahan.rhk_atasan_id, bawahan.rhk_atasan_uraian) == (None, "Rencana hasil kerja 1")
    assert not Indikator.objects.filter(rhk_id=kasi_rhk.pk).exists()


# --- Indikator (§3.6, §4.6) ----------------------------------------------------------------------


def indikator_data(**extra):
    data = {"aspek": Aspek.KUANTITAS, "indikator": "Jumlah dokumen", "satuan": "Dokumen"}
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("extra", "field", "pesan"),
    [
        ({"target_min": D(5), "target_max": D(3)}, "target_min", "melebihi"),
        ({"target_min": D(-1), "target_max": D(3)}, "target_min", "negatif"),
        ({"target_min": D("NaN")}, "target_min", "angka"),
        ({"target_max": D("Infinity")}, "target_min", "angka"),
        ({"target_min": D("1e15")}, "target_min", "terlalu besar"),
        ({}, "target_min", "wajib"),
        ({"target_min": D(1), "aspek": ""}, "aspek", "wajib"),
        ({"target_min": D(1), "aspek": "MUTU"}, "aspek", "tidak dikenal"),
        ({"target_min": D(1), "satuan": ""}, "satuan", "wajib"),
        ({"target_min": D(1), "indikator": " "}, "indikator", "wajib"),
        ({"target_min": D(1), "satuan": "s" * 51}, "satuan", "terlalu panjang"),
    ],
)
def test_bad_kuantitatif_indikator_input_is_refused(personas, extra, field, pesan):
    rhk = services.rhk_create(skp=make_skp(personas.pegawai), actor=personas.pegawai, data=utama())
    with pytest.raises(ValidationError) as exc:
        services.indikator_create(rhk=rhk, actor=personas.pegawai, data=indikator_data(**extra))
    assert pesan in exc.value.message_dict[field][0]
    assert not rhk.indikator.exists()


@pytest.mark.parametrize(
    ("lo", "hi", "stored", "tampil"),
    [
        (D(12), None, (D(12), D(12)), "12 Dokumen"),
        (None, D(7), (D(7), D(7)), "7 Dokumen"),
        (D(80), D(90), (D(80), D(90)), "80 - 90 Dokumen"),
        (D("0.5"), D("0.5"), (D("0.5"), D("0.5")), "0.5 Dokumen"),
    ],
)
def test_a_single_target_is_stored_as_min_equal_max(personas, lo, hi, stored, tampil):
    rhk = services.rhk_create(skp=make_skp(personas.pegawai), actor=personas.pegawai, data=utama())
    indikator = services.indikator_create(
        rhk=rhk, actor=personas.pegawai, data=indikator_data(target_min=lo, target_max=hi)
    )
    indikator.refresh_from_db()
    assert (indikator.target_min, indikator.target_max) == stored
    assert indikator.target_tampil == tampil


def test_a_jpt_indikator_needs_no_aspek(personas):
    skp = make_skp(personas.kepala_dinas)
    rhk = services.rhk_create(skp=skp, actor=personas.kepala_dinas, data=utama())
    indikator = services.indikator_create(
        rhk=rhk,
        actor=personas.kepala_dinas,
        data={"indikator": "Indeks kepuasan", "target_min": D(80), "satuan": "Indeks"},
    )
    assert indikator.aspek == ""


def test_a_kualitatif_indikator_needs_a_target_in_words_when_it_has_no_number(personas):
    skp = make_skp(personas.pegawai, pendekatan=Pendekatan.KUALITATIF)
    rhk = services.rhk_create(skp=skp, actor=personas.pegawai, data=utama())
    with pytest.raises(ValidationError) as exc:
        services.indikator_create(rhk=rhk, actor=personas.pegawai, data={"indikator": "Kualitas laporan"})
    assert "target_kualitatif" in exc.value.message_dict
    # Words alone, no aspek and no satuan: the kualitatif form.
    kata = services.indikator_create(
        rhk=rhk,
        actor=personas.pegawai,
        data={"indikator": "Kualitas laporan", "target_kualitatif": "Diterima tanpa revisi"},
    )
    assert (kata.target_min, kata.aspek, kata.satuan, kata.target_tampil) == (
        None,
        "",
        "",
        "Diterima tanpa revisi",
    )
    # A number is allowed too, and then the words are optional.
    angka = services.indikator_create(
        rhk=rhk,
        actor=personas.pegawai,
        data={"indikator": "Laporan", "target_min": D(4), "satuan": "Laporan"},
    )
    assert (angka.target_min, angka.target_max) == (D(4), D(4))


def test_updating_an_indikator_checks_the_merged_values(personas):
    rhk = services.rhk_create(skp=make_skp(personas.pegawai), actor=personas.pegawai, data=utama())
    indikator = services.indikator_create(
        rhk=rhk, actor=personas.pegawai, data=indikator_data(target_min=D(1), target_max=D(2))
    )
    with pytest.raises(ValidationError):
        services.indikator_update(indikator=indikator, actor=personas.pegawai, data={"target_min": D(5)})
    indikator = services.indikator_update(
        indikator=indikator, actor=personas.pegawai, data={"target_min": D(5), "target_max": D(8)}
    )
    indikator.refresh_from_db()
    assert (indikator.target_min, indikator.target_max, indikator.satuan) == (D(5), D(8), "Dokumen")


def test_indikator_move_within_their_rhk(personas):
    rhk = services.rhk_create(skp=make_skp(personas.pegawai), actor=personas.pegawai, data=utama())
    a, b, c = (
        services.indikator_create(
            rhk=rhk, actor=personas.pegawai, data=indikator_data(indikator=n, target_min=D(1))
        )
        for n in "ABC"
    )
    services.indikator_geser(indikator=b, actor=personas.pegawai, arah=1)
    assert list(rhk.indikator.order_by("urutan").values_list("indikator", flat=True)) == ["A", "C", "B"]
    services.indikator_geser(indikator=a, actor=personas.pegawai, arah=-1)
    assert list(rhk.indikator.order_by("urutan").values_list("indikator", flat=True)) == ["A", "C", "B"]
    with pytest.raises(PermissionDenied):
        services.indikator_geser(indikator=c, actor=personas.pejabat_penilai, arah=-1)


def test_only_the_owner_changes_indikator(personas):
    rhk = services.rhk_create(skp=make_skp(personas.pegawai), actor=personas.pegawai, data=utama())
    indikator = services.indikator_create(
        rhk=rhk, actor=personas.pegawai, data=indikator_data(target_min=D(1))
    )
    for other in (personas.rekan, personas.pejabat_penilai):
        with pytest.raises(PermissionDenied):
            services.indikator_create(rhk=rhk, actor=other, data=indikator_data(target_min=D(1)))
        with pytest.raises(PermissionDenied):
            services.indikator_update(indikator=indikator, actor=other, data={"indikator": "Ubah"})
        with pytest.raises(PermissionDenied):
            services.indikator_delete(indikator=indikator, actor=other)
    assert rhk.indikator.count() == 1


# --- Perilaku kerja (§3.9) -----------------------------------------------------------------------


def test_the_pejabat_penilai_writes_the_ekspektasi_khusus_while_draft_or_submitted(personas):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=1).rhk.all())
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=kasi_rhk)
    penilai = personas.pejabat_penilai
    services.perilaku_set_ekspektasi(
        skp=skp, actor=penilai, core_value=CoreValue.KOMPETEN, ekspektasi_khusus="  Ikut pelatihan SIG.  "
    )
    assert skp.perilaku.get(core_value=CoreValue.KOMPETEN).ekspektasi_khusus == "Ikut pelatihan SIG."

    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    services.perilaku_set_ekspektasi(
        skp=skp, actor=penilai, core_value=CoreValue.KOMPETEN, ekspektasi_khusus=""
    )
    assert skp.perilaku.get(core_value=CoreValue.KOMPETEN).ekspektasi_khusus == ""

    services.skp_setujui(skp=skp, actor=penilai)
    with pytest.raises(SkpTerkunci):
        services.perilaku_set_ekspektasi(
            skp=skp, actor=penilai, core_value=CoreValue.KOMPETEN, ekspektasi_khusus="Terlambat"
        )
    assert skp.perilaku.get(core_value=CoreValue.KOMPETEN).ekspektasi_khusus == ""


def test_the_ekspektasi_of_a_draft_is_written_by_the_current_pejabat_penilai(personas):
    """A draft's pejabat penilai follows the organisation until submission (skp_ajukan): after a
    change of pejabat penilai the new one writes the ekspektasi, the former one no longer may."""
    skp = make_skp(personas.pegawai)
    pegawai = personas.p("pegawai")
    pegawai.pejabat_penilai = personas.p("atasan")
    pegawai.atasan_pejabat_penilai = personas.p("kepala_dinas")
    pegawai.save()
    with pytest.raises(PermissionDenied):
        services.perilaku_set_ekspektasi(
            skp=skp, actor=personas.pejabat_penilai, core_value=CoreValue.LOYAL, ekspektasi_khusus="Lama"
        )
    services.perilaku_set_ekspektasi(
        skp=skp, actor=personas.atasan, core_value=CoreValue.LOYAL, ekspektasi_khusus="Baru"
    )
    assert skp.perilaku.get(core_value=CoreValue.LOYAL).ekspektasi_khusus == "Baru"


@pytest.mark.parametrize("name", ["pegawai", "rekan", "atasan", "admin"])
def test_only_the_pejabat_penilai_writes_the_ekspektasi_khusus(personas, name):
    skp = make_skp(personas.pegawai)
    with pytest.raises(PermissionDenied):
        services.perilaku_set_ekspektasi(
            skp=skp, actor=getattr(personas, name), core_value=CoreValue.LOYAL, ekspektasi_khusus="Setia"
        )
    assert not PerilakuKerja.objects.filter(skp=skp).exclude(ekspektasi_khusus="").exists()


@pytest.mark.parametrize(
    ("core_value", "teks", "field"),
    [
        ("KEJUJURAN", "x", "core_value"),
        ("", "x", "core_value"),
        (CoreValue.LOYAL, "x" * 2001, "ekspektasi_khusus"),
    ],
)
def test_bad_ekspektasi_input_is_refused(personas, core_value, teks, field):
    skp = make_skp(personas.pegawai)
    with pytest.raises(ValidationError) as exc:
        services.perilaku_set_ekspektasi(
            skp=skp, actor=personas.pejabat_penilai, core_value=core_value, ekspektasi_khusus=teks
        )
    assert field in exc.value.message_dict


# --- Lampiran (§3.8) -----------------------------------------------------------------------------


def test_the_owner_adds_changes_and_removes_lampiran_items(personas):
    skp = make_skp(personas.pegawai)
    me = personas.pegawai
    item = services.lampiran_create(skp=skp, actor=me, jenis=JenisLampiran.KONSEKUENSI, uraian=" Teguran ")
    assert item.uraian == "Teguran"
    assert item.urutan == 1 + max(
        Lampiran.objects.filter(skp=skp, jenis=JenisLampiran.KONSEKUENSI)
        .exclude(pk=item.pk)
        .values_list("urutan", flat=True)
    )
    services.lampiran_update(lampiran=item, actor=me, uraian="Teguran tertulis")
    item.refresh_from_db()
    assert item.uraian == "Teguran tertulis"
    services.lampiran_delete(lampiran=item, actor=me)
    assert not Lampiran.objects.filter(pk=item.pk).exists()


def test_lampiran_input_and_access_are_checked(personas):
    skp = make_skp(personas.pegawai)
    item = skp.lampiran.first()
    with pytest.raises(ValidationError):
        services.lampiran_create(skp=skp, actor=personas.pegawai, jenis="LAIN", uraian="x")
    with pytest.raises(ValidationError):
        services.lampiran_update(lampiran=item, actor=personas.pegawai, uraian="  ")
    with pytest.raises(PermissionDenied):
        services.lampiran_create(skp=skp, actor=personas.pejabat_penilai, jenis="KONSEKUENSI", uraian="x")
    with pytest.raises(PermissionDenied):
        services.lampiran_update(lampiran=item, actor=personas.rekan, uraian="Ubah")
    with pytest.raises(PermissionDenied):
        services.lampiran_delete(lampiran=item, actor=personas.rekan)
    assert Lampiran.objects.filter(pk=item.pk).exists()


# --- Turunkan (matriks peran hasil, §4.5 rule 3) -------------------------------------------------


def test_turunkan_creates_the_bawahan_draft_skp_and_a_linked_utama_rhk(personas):
    kasi = make_skp(personas.pejabat_penilai, rhk=1, awal=dt.date(TAHUN, 2, 1))
    kasi_rhk = kasi.rhk.get()
    pegawai = personas.p("pegawai")
    assert not Skp.objects.filter(pegawai=pegawai).exists()

    rhk = services.rhk_turunkan(rhk_atasan=kasi_rhk, bawahan=pegawai, actor=personas.pejabat_penilai)

    skp = rhk.skp
    assert (skp.pegawai_id, skp.status, skp.bentuk, skp.pendekatan) == (
        pegawai.pk,
        StatusSkp.DRAFT,
        BentukSkp.JA_JF,
        kasi.pendekatan,
    )
    assert (skp.periode_awal, skp.periode_akhir) == (kasi.periode_awal, kasi.periode_akhir)
    assert skp.perilaku.count() == 7 and skp.lampiran.exists()
    assert (rhk.jenis, rhk.uraian, rhk.rhk_atasan_id, rhk.rhk_atasan_uraian, rhk.urutan) == (
        JenisRhk.UTAMA,
        kasi_rhk.uraian,
        kasi_rhk.pk,
        kasi_rhk.uraian,
        1,
    )
    # The pegawai finishes it: it is their own draft.
    services.rhk_update(rhk=rhk, actor=personas.pegawai, data={"uraian": "Versi saya"})


def test_turunkan_adds_to_an_existing_draft_skp(personas):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1).rhk.get()
    skp = make_skp(personas.pegawai, rhk=2, rhk_atasan=[kasi_rhk])
    rhk = services.rhk_turunkan(
        rhk_atasan=kasi_rhk, bawahan=personas.p("pegawai"), actor=personas.pejabat_penilai
    )
    assert (rhk.skp_id, rhk.urutan) == (skp.pk, 3)
    assert Skp.objects.filter(pegawai=personas.p("pegawai")).count() == 1


@pytest.mark.parametrize("bawahan", ["atasan", "kepala_dinas", "orang_lain", "pejabat_penilai"])
def test_turunkan_to_someone_who_is_not_a_bawahan_is_forbidden(personas, bawahan):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1).rhk.get()
    with pytest.raises(PermissionDenied):
        services.rhk_turunkan(
            rhk_atasan=kasi_rhk, bawahan=personas.p(bawahan), actor=personas.pejabat_penilai
        )
    assert Skp.objects.count() == 1


def test_only_the_owner_of_the_rhk_can_hand_it_down(personas):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1).rhk.get()
    with pytest.raises(PermissionDenied):
        services.rhk_turunkan(rhk_atasan=kasi_rhk, bawahan=personas.p("pegawai"), actor=personas.atasan)


def test_turunkan_to_a_submitted_skp_is_refused(personas):
    kasi_rhk = make_skp(personas.pejabat_penilai, rhk=1).rhk.get()
    skp = make_skp(personas.pegawai, rhk=1, rhk_atasan=[kasi_rhk])
    services.skp_ajukan(skp=skp, actor=personas.pegawai)
    with pytest.raises(SkpTerkunci):
        services.rhk_turunkan(
            rhk_atasan=kasi_rhk, bawahan=personas.p("pegawai"), actor=personas.pejabat_penilai
        )
    assert skp.rhk.count() == 1


def test_a_jpt_hands_down_only_organisasi_rhk(personas):
    organisasi, individu = rhk_kadis(personas)
    kabid = personas.p("atasan")
    rhk = services.rhk_turunkan(rhk_atasan=organisasi, bawahan=kabid, actor=personas.kepala_dinas)
    assert rhk.rhk_atasan_id == organisasi.pk
    with pytest.raises(ValidationError):
        services.rhk_turunkan(rhk_atasan=individu, bawahan=kabid, actor=personas.kepala_dinas)
    assert RencanaHasilKerja.objects.filter(skp__pegawai=kabid).count() == 1


# --- Instansi settings: pustaka ekspektasi and lampiran bawaan -----------------------------------


@pytest.fixture
def admin_lain(personas):
    """The admin of the other instansi."""
    return UserFactory(
        pegawai=PegawaiFactory(instansi=personas.p("orang_lain").instansi), role=Role.ADMIN_INSTANSI
    )


@pytest.mark.parametrize("name", ["admin", "superadmin"])
def test_the_admin_of_the_instansi_manages_the_settings(personas, name):
    actor = getattr(personas, name)
    ins = personas.instansi.pk
    kalimat = services.pustaka_create(
        instansi_id=ins, actor=actor, core_value=CoreValue.ADAPTIF, kalimat="Menguasai aplikasi baru"
    )
    bawaan = services.lampiran_bawaan_create(
        instansi_id=ins, actor=actor, jenis=JenisLampiran.KONSEKUENSI, uraian="Sanksi disiplin"
    )
    kedua = services.lampiran_bawaan_create(
        instansi_id=ins, actor=actor, jenis=JenisLampiran.KONSEKUENSI, uraian="Penghargaan"
    )
    assert (bawaan.urutan, kedua.urutan) == (1, 2)
    services.pustaka_delete(item=kalimat, actor=actor)
    services.lampiran_bawaan_delete(item=bawaan, actor=actor)
    assert not PustakaEkspektasi.objects.exists()
    assert list(LampiranBawaan.objects.values_list("uraian", flat=True)) == ["Penghargaan"]


@pytest.mark.parametrize("name", ["pegawai", "pejabat_penilai", "kepala_dinas", "orang_lain", "admin_lain"])
def test_nobody_else_manages_the_settings(personas, admin_lain, name):
    actor = admin_lain if name == "admin_lain" else getattr(personas, name)
    ins = personas.instansi.pk
    kalimat = PustakaEkspektasi.objects.create(instansi_id=ins, core_value=CoreValue.LOYAL, kalimat="Setia")
    bawaan = LampiranBawaan.objects.create(instansi_id=ins, jenis=JenisLampiran.KONSEKUENSI, uraian="Teguran")
    with pytest.raises(PermissionDenied):
        services.pustaka_create(instansi_id=ins, actor=actor, core_value=CoreValue.LOYAL, kalimat="x")
    with pytest.raises(PermissionDenied):
        services.lampiran_bawaan_create(
            instansi_id=ins, actor=actor, jenis=JenisLampiran.KONSEKUENSI, uraian="x"
        )
    with pytest.raises(PermissionDenied):
        services.pustaka_delete(item=kalimat, actor=actor)
    with pytest.raises(PermissionDenied):
        services.lampiran_bawaan_delete(item=bawaan, actor=actor)
    assert PustakaEkspektasi.objects.count() == LampiranBawaan.objects.count() == 1


def test_settings_input_is_checked(personas):
    ins = personas.instansi.pk
    with pytest.raises(ValidationError):
        services.pustaka_create(instansi_id=ins, actor=personas.admin, core_value="JUJUR", kalimat="x")
    with pytest.raises(ValidationError):
        services.pustaka_create(
            instansi_id=ins, actor=personas.admin, core_value=CoreValue.LOYAL, kalimat=" "
        )
    with pytest.raises(ValidationError):
        services.lampiran_bawaan_create(instansi_id=ins, actor=personas.admin, jenis="LAIN", uraian="x")
    assert not PustakaEkspektasi.objects.exists() and not LampiranBawaan.objects.exists()
