import pytest
from django.core.exceptions import ValidationError

from kinerja.organisasi import services
from kinerja.organisasi.models import PenetapanPejabatPenilai, RantaiAtasan, RiwayatPejabatPenilai


def test_an_admin_sets_a_plt_as_pejabat_penilai_and_it_is_kept_in_history(personas):
    pegawai, atasan = personas.p("pegawai"), personas.p("atasan")
    services.penetapan_set(
        pegawai=pegawai,
        pejabat_penilai=atasan,
        jenis="PLT",
        alasan="Sprint Plt 12/2026",
        actor=personas.admin,
    )
    pegawai.refresh_from_db()
    assert pegawai.pejabat_penilai_id == atasan.pk
    assert pegawai.atasan_pejabat_penilai_id == personas.p("kepala_dinas").pk
    row = RiwayatPejabatPenilai.objects.get(pegawai=pegawai)
    assert (row.aksi, row.jenis, row.alasan, row.actor_id) == (
        "TETAPKAN",
        "PLT",
        "Sprint Plt 12/2026",
        personas.admin.pk,
    )
    assert row.penilai_sebelum_id == personas.p("pejabat_penilai").pk
    assert row.penilai_sesudah_id == atasan.pk
    # The closure follows: the kepala seksi is no longer above the pegawai.
    assert not RantaiAtasan.objects.filter(pegawai=pegawai, atasan=personas.p("pejabat_penilai")).exists()


def test_removing_a_penetapan_returns_to_the_tree_and_records_it(personas):
    pegawai = personas.p("pegawai")
    services.penetapan_set(
        pegawai=pegawai, pejabat_penilai=personas.p("atasan"), jenis="PLH", alasan="Plh", actor=personas.admin
    )
    services.penetapan_hapus(pegawai=pegawai, alasan="Plh selesai", actor=personas.admin)
    pegawai.refresh_from_db()
    assert pegawai.pejabat_penilai_id == personas.p("pejabat_penilai").pk
    assert list(RiwayatPejabatPenilai.objects.filter(pegawai=pegawai).values_list("aksi", flat=True)) == [
        "HAPUS",
        "TETAPKAN",
    ]


def test_it_refuses_a_penetapan_that_makes_a_cycle_and_changes_nothing(personas):
    kabid, kasi = personas.p("atasan"), personas.p("pejabat_penilai")
    before = list(RantaiAtasan.objects.order_by("pk").values_list("pegawai_id", "atasan_id", "kedalaman"))
    with pytest.raises(ValidationError, match="siklus atasan"):
        services.penetapan_set(
            pegawai=kabid, pejabat_penilai=kasi, jenis="DELEGASI", alasan="x", actor=personas.admin
        )
    assert not PenetapanPejabatPenilai.objects.exists()
    assert not RiwayatPejabatPenilai.objects.exists()
    after = list(RantaiAtasan.objects.order_by("pk").values_list("pegawai_id", "atasan_id", "kedalaman"))
    assert after == before


@pytest.mark.parametrize(
    ("who", "jenis", "alasan", "pesan"),
    [
        ("pegawai", "PLT", "ok", "dirinya sendiri"),
        ("rekan", "PLT", "ok", "minimal pejabat pengawas"),
        ("orang_lain", "PLT", "ok", "instansi yang sama"),
        ("atasan", "PLT", "   ", "Alasan"),
    ],
)
def test_it_refuses_a_bad_penetapan_with_a_clear_message(personas, who, jenis, alasan, pesan):
    with pytest.raises(ValidationError, match=pesan):
        services.penetapan_set(
            pegawai=personas.p("pegawai"),
            pejabat_penilai=personas.p(who),
            jenis=jenis,
            alasan=alasan,
            actor=personas.admin,
        )
    assert not RiwayatPejabatPenilai.objects.exists()


def test_a_ketua_tim_may_be_a_pelaksana(personas):
    pegawai = personas.p("pegawai")
    services.penetapan_set(
        pegawai=pegawai,
        pejabat_penilai=personas.p("rekan"),
        jenis="KETUA_TIM",
        alasan="SK tim 3/2026",
        actor=personas.admin,
    )
    pegawai.refresh_from_db()
    assert pegawai.pejabat_penilai_id == personas.p("rekan").pk


def test_moving_a_unit_rewrites_the_subtree_paths_and_reresolves(personas):
    # Move the seksi directly under the dinas: its head is now rated by the kepala dinas.
    services.unit_update(
        unit=personas.seksi,
        nama="Seksi Uji",
        parent=personas.dinas,
        pimpinan_jabatan=personas.seksi.pimpinan_jabatan,
    )
    personas.seksi.refresh_from_db()
    assert personas.seksi.path == f"{personas.dinas.path}{personas.seksi.pk}/"
    assert personas.seksi.kedalaman == 1
    kasi = personas.p("pejabat_penilai")
    kasi.refresh_from_db()
    assert kasi.pejabat_penilai_id == personas.p("kepala_dinas").pk


def test_a_unit_cannot_move_under_itself(personas):
    with pytest.raises(ValidationError, match="ke bawah dirinya"):
        services.unit_update(
            unit=personas.bidang, nama="Bidang", parent=personas.seksi, pimpinan_jabatan=None
        )
