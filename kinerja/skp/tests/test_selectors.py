"""SKP reads: the inbox, the matriks peran hasil, the RHK a pegawai may intervene, the riwayat
(domain.md §4.5, §5.1), with their query counts pinned."""

import datetime as dt

import pytest

from kinerja.accounts.models import Role
from kinerja.core.testing.factories import PegawaiFactory, UserFactory
from kinerja.core.testing.skp import TAHUN, make_approved, make_skp
from kinerja.skp import selectors, services
from kinerja.skp.enums import JenisRhk, KlasifikasiRhk, StatusSkp


def bawahan_baru(personas, n):
    """``n`` more pelaksana in the seksi, rated by the kepala seksi."""
    kasi = personas.p("pejabat_penilai")
    users = []
    for i in range(n):
        pegawai = PegawaiFactory(
            instansi=personas.instansi,
            nama=f"Staf {i:02d}",
            jabatan=personas.p("pegawai").jabatan,
            unit_kerja=personas.seksi,
            pejabat_penilai=kasi,
            atasan_pejabat_penilai=personas.p("atasan"),
        )
        users.append(UserFactory(pegawai=pegawai, role=Role.PEGAWAI))
    return users


def rhk_kadis(personas):
    skp = make_skp(personas.kepala_dinas)
    organisasi = services.rhk_create(
        skp=skp,
        actor=personas.kepala_dinas,
        data={"jenis": JenisRhk.UTAMA, "uraian": "Organisasi", "klasifikasi": KlasifikasiRhk.ORGANISASI},
    )
    individu = services.rhk_create(
        skp=skp,
        actor=personas.kepala_dinas,
        data={"jenis": JenisRhk.UTAMA, "uraian": "Individu", "klasifikasi": KlasifikasiRhk.INDIVIDU},
    )
    return organisasi, individu


# --- Inbox ---------------------------------------------------------------------------------------


def test_the_inbox_lists_every_bawahan_submitted_first(personas):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=1).rhk.all())
    rekan = make_skp(personas.rekan, rhk=1, rhk_atasan=kasi_rhk)
    pegawai = make_skp(personas.pegawai, rhk=1, rhk_atasan=kasi_rhk)
    services.skp_ajukan(skp=pegawai, actor=personas.pegawai)

    rows = selectors.inbox(penilai=personas.p("pejabat_penilai"), tahun=TAHUN)

    assert [(r.pegawai.nama, r.skp_id, r.status) for r in rows] == [
        ("Dewi Lestari", pegawai.pk, StatusSkp.DIAJUKAN),
        ("Rudi Hartono", rekan.pk, StatusSkp.DRAFT),
        ("Putu Ayu", None, None),
    ]
    assert rows[0].tanggal_diajukan is not None and rows[1].tanggal_diajukan is None
    # The kepala seksi's own SKP and people rated by others are not in it.
    assert personas.p("pejabat_penilai") not in [r.pegawai for r in rows]


def test_older_submissions_come_first_and_approved_ones_last(personas):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=1).rhk.all())
    fungsional = make_approved(personas.fungsional, personas.pejabat_penilai, rhk=1, rhk_atasan=kasi_rhk)
    rekan = make_skp(personas.rekan, rhk=1, rhk_atasan=kasi_rhk)
    pegawai = make_skp(personas.pegawai, rhk=1, rhk_atasan=kasi_rhk)
    services.skp_ajukan(skp=rekan, actor=personas.rekan)
    services.skp_ajukan(skp=pegawai, actor=personas.pegawai)

    rows = selectors.inbox(penilai=personas.p("pejabat_penilai"), tahun=TAHUN)

    assert [(r.skp_id, r.status) for r in rows] == [
        (rekan.pk, StatusSkp.DIAJUKAN),
        (pegawai.pk, StatusSkp.DIAJUKAN),
        (fungsional.pk, StatusSkp.DISETUJUI),
    ]


def test_the_inbox_shows_an_open_revisi_rather_than_the_approved_version(personas):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=1).rhk.all())
    lama = make_approved(personas.pegawai, personas.pejabat_penilai, rhk=1, rhk_atasan=kasi_rhk)
    baru = services.skp_revisi(skp=lama, actor=personas.pegawai)
    services.skp_ajukan(skp=baru, actor=personas.pegawai)
    rows = {r.pegawai.pk: r for r in selectors.inbox(penilai=personas.p("pejabat_penilai"), tahun=TAHUN)}
    assert (rows[personas.p("pegawai").pk].skp_id, rows[personas.p("pegawai").pk].status) == (
        baru.pk,
        StatusSkp.DIAJUKAN,
    )
    assert selectors.inbox(penilai=personas.p("pejabat_penilai"), tahun=TAHUN + 1)[0].skp_id is None


@pytest.mark.parametrize("extra", [0, 12])
def test_the_inbox_query_count_does_not_grow_with_the_rows(personas, django_assert_num_queries, extra):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=1).rhk.all())
    for user in [personas.pegawai, *bawahan_baru(personas, extra)]:
        skp = make_skp(user, rhk=1, rhk_atasan=kasi_rhk)
        services.skp_ajukan(skp=skp, actor=user)
    penilai = personas.p("pejabat_penilai")
    # 1: the bawahan with jabatan and unit, and their SKP of the year as subqueries.
    with django_assert_num_queries(1):
        rows = selectors.inbox(penilai=penilai, tahun=TAHUN)
        names = [(r.pegawai.jabatan.nama, r.pegawai.unit_kerja.nama) for r in rows]
    assert len(names) == 3 + extra


# --- Matriks peran hasil -------------------------------------------------------------------------


def test_the_matriks_puts_each_bawahan_rhk_under_the_rhk_it_intervenes(personas):
    kasi = make_skp(personas.pejabat_penilai, rhk=2)
    k1, k2 = kasi.rhk.order_by("urutan")
    pegawai = make_skp(personas.pegawai, rhk=2, rhk_atasan=[k1, k2])
    p1, p2 = pegawai.rhk.order_by("urutan")
    tambahan = services.rhk_create(
        skp=pegawai, actor=personas.pegawai, data={"jenis": JenisRhk.TAMBAHAN, "uraian": "Panitia"}
    )
    rekan = make_skp(personas.rekan, rhk=1, rhk_atasan=[k1])
    r1 = rekan.rhk.get()

    m = selectors.matriks_peran_hasil(skp=kasi)

    assert m.kolom == [k1, k2]
    # Rows by jenis jabatan then name: the fungsional before the pelaksana.
    assert [(row.pegawai.nama, row.skp.pk if row.skp else None) for row in m.rows] == [
        ("Putu Ayu", None),
        ("Dewi Lestari", pegawai.pk),
        ("Rudi Hartono", rekan.pk),
    ]
    fungsional, dewi, rudi = m.rows
    assert fungsional.cells == [[], []] and fungsional.tanpa_intervensi == []
    assert dewi.cells == [[p1], [p2]] and dewi.tanpa_intervensi == [tambahan]
    assert rudi.cells == [[r1], []] and rudi.tanpa_intervensi == []


def test_the_matriks_shows_the_newest_version_of_a_bawahan_skp(personas):
    kasi = make_skp(personas.pejabat_penilai, rhk=1)
    lama = make_approved(personas.pegawai, personas.pejabat_penilai, rhk=1, rhk_atasan=list(kasi.rhk.all()))
    baru = services.skp_revisi(skp=lama, actor=personas.pegawai)
    row = next(r for r in selectors.matriks_peran_hasil(skp=kasi).rows if r.pegawai.pk == lama.pegawai_id)
    assert row.skp == baru
    assert row.cells == [[baru.rhk.get()]]


@pytest.mark.parametrize("extra", [0, 10])
def test_the_matriks_query_count_does_not_grow_with_the_rows(personas, django_assert_num_queries, extra):
    kasi = make_skp(personas.pejabat_penilai, rhk=3)
    kolom = list(kasi.rhk.all())
    for user in [personas.pegawai, *bawahan_baru(personas, extra)]:
        make_skp(user, rhk=2, indikator=0, rhk_atasan=kolom)
    # 1 the kolom RHK, 2 the bawahan with their jabatan, 3 their SKP, 4 the RHK of those SKP.
    with django_assert_num_queries(4):
        m = selectors.matriks_peran_hasil(skp=kasi)
        cells = [(row.pegawai.jabatan.nama, [len(c) for c in row.cells]) for row in m.rows]
    assert len(cells) == 3 + extra
    assert sum(sum(c) for _, c in cells) == 2 * (1 + extra)


# --- RHK atasan options --------------------------------------------------------------------------


def test_rhk_atasan_options_are_the_rhk_of_the_pejabat_penilai_for_an_overlapping_period(personas):
    kasi_awal = make_skp(personas.pejabat_penilai, rhk=1, akhir=dt.date(TAHUN, 6, 30))
    kasi_akhir = make_skp(personas.pejabat_penilai, rhk=2, awal=dt.date(TAHUN, 7, 1))
    make_skp(personas.rekan, rhk=1)
    make_skp(personas.atasan, rhk=1)
    skp = make_skp(personas.pegawai, awal=dt.date(TAHUN, 8, 1))
    assert selectors.rhk_atasan_options(skp) == list(kasi_akhir.rhk.order_by("urutan"))
    assert kasi_awal.rhk.get() not in selectors.rhk_atasan_options(skp)


def test_rhk_atasan_options_of_a_jpt_atasan_exclude_individu(personas):
    organisasi, individu = rhk_kadis(personas)
    options = selectors.rhk_atasan_options(make_skp(personas.atasan))
    assert options == [organisasi] and individu not in options


def test_a_jpt_skp_has_no_rhk_atasan_options(personas):
    organisasi, _ = rhk_kadis(personas)
    assert selectors.rhk_atasan_options(organisasi.skp) == []


def test_rhk_atasan_options_exclude_a_replaced_version(personas):
    organisasi, _ = rhk_kadis(personas)
    kabid = make_skp(personas.atasan, rhk=1, rhk_atasan=[organisasi])
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    baru = services.skp_revisi(skp=kasi, actor=personas.pejabat_penilai)
    services.skp_ajukan(skp=baru, actor=personas.pejabat_penilai)
    services.skp_setujui(skp=baru, actor=personas.atasan)
    assert selectors.rhk_atasan_options(make_skp(personas.pegawai)) == [baru.rhk.get()]


def test_penilai_tanpa_skp(personas):
    skp = make_skp(personas.pegawai, awal=dt.date(TAHUN, 7, 1))
    assert selectors.penilai_tanpa_skp(skp)
    make_skp(personas.pejabat_penilai, akhir=dt.date(TAHUN, 6, 30))
    assert selectors.penilai_tanpa_skp(skp)  # it does not cover this period
    make_skp(personas.pejabat_penilai, awal=dt.date(TAHUN, 7, 1))
    assert not selectors.penilai_tanpa_skp(skp)
    assert selectors.penilai_tanpa_skp(make_skp(personas.kepala_dinas))  # nobody rates the top


# --- Riwayat and lists ---------------------------------------------------------------------------


def test_riwayat_of_spans_every_version_of_the_skp(personas):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=1).rhk.all())
    lama = make_approved(personas.pegawai, personas.pejabat_penilai, rhk=1, rhk_atasan=kasi_rhk)
    baru = services.skp_revisi(skp=lama, actor=personas.pegawai, catatan="Tugas baru")
    services.skp_ajukan(skp=baru, actor=personas.pegawai)
    services.skp_setujui(skp=baru, actor=personas.pejabat_penilai)
    expected = [
        (lama.pk, "DIBUAT"),
        (lama.pk, "DIAJUKAN"),
        (lama.pk, "DISETUJUI"),
        (baru.pk, "REVISI"),
        (baru.pk, "DIAJUKAN"),
        (baru.pk, "DISETUJUI"),
        (lama.pk, "DIGANTI"),
    ]
    assert [(r.skp_id, r.aksi) for r in selectors.riwayat_of(lama)] == expected
    assert [(r.skp_id, r.aksi) for r in selectors.riwayat_of(baru)] == expected
    # Another pegawai's riwayat is not mixed in.
    assert all(r.skp.pegawai_id == lama.pegawai_id for r in selectors.riwayat_of(lama))


def test_skp_list_shows_what_the_user_may_see(personas):
    pegawai = make_skp(personas.pegawai)
    kasi = make_skp(personas.pejabat_penilai)
    make_skp(personas.orang_lain)
    rekan = make_skp(personas.rekan)
    # Their own and their atasan chain's (to read the RHK they intervene), not a colleague's.
    assert set(selectors.skp_list(user=personas.pegawai)) == {pegawai, kasi}
    assert set(selectors.skp_list(user=personas.pejabat_penilai)) == {pegawai, kasi, rekan}
    assert set(selectors.skp_list(user=personas.pejabat_penilai, pegawai=personas.p("pegawai"))) == {pegawai}
    assert list(selectors.skp_list(user=personas.pejabat_penilai, tahun=TAHUN + 1)) == []
    assert pegawai not in selectors.skp_list(user=personas.orang_lain)


def test_skp_detail_needs_five_queries_whatever_its_size(personas, django_assert_num_queries):
    kasi_rhk = list(make_skp(personas.pejabat_penilai, rhk=2).rhk.all())
    skp = make_skp(personas.pegawai, rhk=4, indikator=3, rhk_atasan=kasi_rhk)
    # 1 the SKP with its people, 2 RHK with their atasan RHK, 3 indikator, 4 perilaku, 5 lampiran.
    with django_assert_num_queries(5):
        s = selectors.skp_detail_qs().get(pk=skp.pk)
        isi = [(r.rhk_atasan.uraian, [i.target_tampil for i in r.indikator.all()]) for r in s.rhk.all()]
        perilaku = [p.panduan for p in s.perilaku.all()]
        lampiran = [item.uraian for item in s.lampiran.all()]
        orang = (s.pegawai.jabatan.nama, s.pejabat_penilai.jabatan.nama, s.atasan_pejabat_penilai.nama)
    assert len(isi) == 4 and all(len(t) == 3 for _, t in isi)
    assert len(perilaku) == 7 and lampiran and orang[1] == "Kepala Seksi Uji"
