"""``manage.py seed_scale``: a small instansi with every invariant the services keep (issue #6)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Count

from kinerja.accounts.models import User
from kinerja.organisasi import rules as org_rules
from kinerja.organisasi import services as org_services
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja.penilaian import rules as pen_rules
from kinerja.penilaian.models import (
    Keberatan,
    KonversiAngkaKredit,
    PengaturanPenilaian,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    Realisasi,
    RiwayatPeriode,
    UmpanBalik,
)
from kinerja.skp import rules as skp_rules
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import BentukSkp, CoreValue, JenisRhk, KlasifikasiRhk, StatusSkp
from kinerja.skp.models import Indikator, Lampiran, PerilakuKerja, RencanaHasilKerja, RiwayatSkp, Skp

N = 120
TAHUN = 2025  # a past year: every period has ended, so the run does not depend on today
PS = PeriodePenilaian.Status


@pytest.fixture
def instansi(transactional_db) -> Instansi:
    call_command("seed_scale", pegawai=N, tahun=TAHUN, seed=7, verbosity=0)
    return Instansi.objects.get(kode="SKALA")


def _replay(rows: list[tuple[str, str]], transitions: dict[str, frozenset[str]], start: str) -> str:
    """Walk the history rows (dari, ke) and return the status they lead to; fail on a gap."""
    status = start
    for dari, ke in rows:
        assert dari == status, (rows, status)
        assert ke == dari or ke in transitions[dari], (dari, ke)
        status = ke
    return status


def test_it_builds_the_organisation(instansi: Instansi) -> None:
    pegawai = list(Pegawai.objects.filter(instansi=instansi).select_related("jabatan", "unit_kerja"))
    assert len(pegawai) == N
    for p in pegawai:
        org_rules.validate_nip(p.nip, kode_pppk=settings.KINERJA_NIP_KODE_PPPK)
        p.full_clean(validate_unique=False)
        assert org_rules.golongan_error(p.status_kepegawaian, p.golongan) is None
    assert {p.status_kepegawaian for p in pegawai} == {"PNS", "PPPK"}
    levels = set(UnitKerja.objects.filter(instansi=instansi).values_list("kedalaman", flat=True))
    assert levels == {0, 1, 2, 3, 4}
    for unit in UnitKerja.objects.filter(instansi=instansi).select_related("parent"):
        assert unit.path == f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        assert unit.kedalaman == (unit.parent.kedalaman + 1 if unit.parent else 0)
    jabatan = list(Jabatan.objects.filter(instansi=instansi))
    for j in jabatan:
        j.full_clean(validate_unique=False)
    held = {p.jabatan.jenis for p in pegawai}
    assert {JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS} <= held
    assert {JenisJabatan.PELAKSANA, JenisJabatan.FUNGSIONAL} <= held
    assert {p.jabatan.kategori for p in pegawai if p.jabatan.jenis == JenisJabatan.FUNGSIONAL} == {
        "KEAHLIAN",
        "KETERAMPILAN",
    }
    # Everyone but the top is rated, and the service agrees with every link (it writes nothing).
    assert [p.nip for p in pegawai if p.pejabat_penilai_id is None] == [
        p.nip for p in pegawai if p.unit_kerja.parent_id is None
    ]
    assert org_services.penilai_rebuild(instansi=instansi) == org_services.RebuildResult(0, 0, 0)
    spans = Pegawai.objects.filter(instansi=instansi).values("pejabat_penilai").annotate(n=Count("pk"))
    assert max(row["n"] for row in spans if row["pejabat_penilai"]) <= 16


def test_every_pegawai_has_one_account_with_the_demo_password(instansi: Instansi) -> None:
    users = User.objects.filter(pegawai__instansi=instansi).select_related("pegawai")
    assert users.count() == N
    assert all(u.username == u.pegawai.nip for u in users)
    assert len({u.password for u in users}) == 1  # hashed once
    assert users.first().check_password("Kinerja2026!")
    assert users.filter(role="ADMIN_INSTANSI").count() == 1


def test_skp_statuses_history_and_content_follow_the_services(instansi: Instansi) -> None:
    skps = list(
        Skp.objects.filter(pegawai__instansi=instansi).select_related("pegawai", "jabatan", "unit_kerja")
    )
    assert {s.status for s in skps} == set(StatusSkp.values)
    assert Skp.objects.filter(pegawai__instansi=instansi).values("pegawai").distinct().count() == N
    riwayat: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for skp_id, dari, ke, aksi in (
        RiwayatSkp.objects.filter(skp__in=skps)
        .order_by("created_at", "id")
        .values_list("skp_id", "dari", "ke", "aksi")
    ):
        riwayat[skp_id].append((dari, ke, aksi))
    for skp in skps:
        rows = riwayat[skp.pk]
        assert rows[0][:2] == ("", StatusSkp.DRAFT)
        assert rows[0][2] == ("REVISI" if skp.versi > 1 else "DIBUAT")
        assert _replay([(d, k) for d, k, _a in rows[1:]], Skp.TRANSITIONS, StatusSkp.DRAFT) == skp.status
        aksi = [a for _d, _k, a in rows]
        if skp.status == StatusSkp.DISETUJUI:
            assert aksi[-2:] == ["DIAJUKAN", "DISETUJUI"]
            assert skp.tanggal_penetapan is not None and skp.tanggal_disetujui is not None
        if skp.status in (StatusSkp.DISETUJUI, StatusSkp.DIGANTI):
            # The snapshot is what skp_setujui froze: identitas_baru of the approved SKP.
            assert skp.snapshot == skp_selectors.identitas_baru(skp)
        else:
            assert skp.snapshot == {}
        if skp.status == StatusSkp.DIGANTI:
            assert Skp.objects.filter(seri=skp.seri, versi=skp.versi + 1, status=StatusSkp.DISETUJUI).exists()
        if skp.catatan_pengembalian:
            assert aksi[-1] == "DIKEMBALIKAN" and skp.status == StatusSkp.DRAFT
        assert skp.periode_awal == skp_rules.periode_awal_default(TAHUN, skp.pegawai.tmt_jabatan)
        assert skp.bentuk == skp_rules.bentuk_skp(
            skp.jabatan.jenis,
            pimpinan_unit_mandiri=skp.unit_kerja.mandiri
            and skp.unit_kerja.pimpinan_jabatan_id == skp.jabatan_id,
        )
    perilaku = PerilakuKerja.objects.filter(skp__in=skps).values("skp").annotate(n=Count("pk"))
    assert {row["n"] for row in perilaku} == {len(CoreValue.values)} and len(perilaku) == len(skps)
    bawaan = sum(len(items) for items in skp_rules.LAMPIRAN_BAWAAN.values())
    lampiran = Lampiran.objects.filter(skp__in=skps).values("skp").annotate(n=Count("pk"))
    assert {row["n"] for row in lampiran} == {bawaan}
    jumlah_rhk = RencanaHasilKerja.objects.filter(skp__in=skps).values("skp").annotate(n=Count("pk"))
    assert {row["n"] for row in jumlah_rhk} <= set(range(5, 11))
    jumlah_indikator = Indikator.objects.filter(rhk__skp__in=skps).values("rhk").annotate(n=Count("pk"))
    assert {row["n"] for row in jumlah_indikator} <= {1, 2, 3}
    for indikator in Indikator.objects.filter(rhk__skp__in=skps).select_related("rhk__skp")[:400]:
        indikator.full_clean(validate_unique=False)


def test_every_ja_jf_utama_rhk_intervenes_its_pejabat_penilai(instansi: Instansi) -> None:
    rhk = RencanaHasilKerja.objects.filter(
        skp__pegawai__instansi=instansi,
        skp__bentuk=BentukSkp.JA_JF,
        jenis=JenisRhk.UTAMA,
        skp__status__in=[StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, StatusSkp.DIGANTI],
    ).select_related("skp", "rhk_atasan__skp")
    assert rhk.exists()
    for r in rhk:
        atasan = r.rhk_atasan
        assert atasan is not None, r.pk
        assert atasan.skp.pegawai_id == r.skp.pejabat_penilai_id
        assert skp_rules.periode_bertumpang(
            (atasan.skp.periode_awal, atasan.skp.periode_akhir), (r.skp.periode_awal, r.skp.periode_akhir)
        )
        # A current version, and of a JPT SKP only an ORGANISASI RHK (rhk_dapat_diintervensi, rules).
        assert atasan.skp.status != StatusSkp.DIGANTI
        assert (
            skp_rules.rhk_atasan_error(
                bentuk_skp_atasan=atasan.skp.bentuk, klasifikasi_atasan=atasan.klasifikasi
            )
            is None
        )
        assert r.rhk_atasan_uraian == atasan.uraian
    jpt = RencanaHasilKerja.objects.filter(skp__pegawai__instansi=instansi, skp__bentuk=BentukSkp.JPT)
    assert set(jpt.values_list("klasifikasi", flat=True)) == {
        KlasifikasiRhk.ORGANISASI,
        KlasifikasiRhk.INDIVIDU,
    }
    assert not jpt.filter(rhk_atasan__isnull=False).exists()


def test_every_approved_skp_has_its_periods_and_evaluations(instansi: Instansi) -> None:
    pengaturan = PengaturanPenilaian.objects.get(instansi=instansi)
    approved = Skp.objects.filter(
        pegawai__instansi=instansi, status__in=[StatusSkp.DISETUJUI, StatusSkp.DIGANTI]
    ).select_related("pegawai__unit_kerja", "jabatan")
    periods = defaultdict(list)
    for p in PeriodePenilaian.objects.filter(skp__in=approved).order_by("urutan"):
        periods[p.skp_id].append(p)
    assert not PeriodePenilaian.objects.filter(
        skp__pegawai__instansi=instansi, skp__status__in=[StatusSkp.DRAFT, StatusSkp.DIAJUKAN]
    ).exists()
    org = {
        (unit_id, jenis, nomor): predikat
        for unit_id, jenis, nomor, predikat in PredikatOrganisasiUnit.objects.filter(
            unit_kerja__instansi=instansi, tahun=TAHUN
        ).values_list("unit_kerja_id", "jenis", "nomor", "predikat")
    }
    assert org
    keberatan = {k.periode_id: k for k in Keberatan.objects.filter(periode__skp__in=approved)}
    ak = {k.periode_id: k for k in KonversiAngkaKredit.objects.filter(periode__skp__in=approved)}
    riwayat = defaultdict(list)
    for periode_id, dari, ke in (
        RiwayatPeriode.objects.filter(periode__skp__in=approved)
        .order_by("created_at", "id")
        .values_list("periode_id", "dari", "ke")
    ):
        riwayat[periode_id].append((dari, ke))
    statuses = set()
    for skp in approved:
        want = pen_rules.periode_penilaian(pengaturan.frekuensi, skp.periode_awal, skp.periode_akhir)
        got = periods[skp.pk]
        assert [(p.jenis, p.nomor, p.tanggal_awal, p.tanggal_akhir) for p in got] == [
            (w.jenis, w.nomor, w.awal, w.akhir) for w in want
        ]
        pimpinan = skp.unit_kerja.pimpinan_jabatan_id == skp.jabatan_id
        for p in got:
            statuses.add(p.status)
            assert p.batas_pengisian == pen_rules.batas_pengisian(p.tanggal_akhir, pengaturan.batas_hari)
            assert _replay(riwayat[p.pk], PeriodePenilaian.TRANSITIONS, PS.BELUM_DINILAI) == p.status
            if p.status == PS.BELUM_DINILAI:
                assert p.predikat == p.rating_hasil_kerja == p.capaian_kinerja_organisasi == ""
                assert p.pk not in ak
                continue
            assert skp.status == StatusSkp.DISETUJUI
            assert p.dinilai_oleh_id == skp.pejabat_penilai_id
            kuadran = pen_rules.predikat_kinerja(p.rating_hasil_kerja, p.rating_perilaku_kerja)
            if p.status == PS.FINAL:
                assert keberatan[p.pk].predikat_semula == kuadran
                assert p.predikat == keberatan[p.pk].predikat_keputusan
                assert keberatan[p.pk].diputuskan_oleh_id == skp.atasan_pejabat_penilai_id
            else:
                assert p.predikat == kuadran
                assert (p.status == PS.KEBERATAN) == (p.pk in keberatan)
            capaian = org.get((skp.unit_kerja_id, p.jenis, p.nomor), "")
            assert p.capaian_kinerja_organisasi == capaian
            if capaian and pimpinan:
                assert p.rating_hasil_kerja == pen_rules.rating_hasil_kerja_pimpinan(capaian)
            finalised = p.status in (PS.DITETAPKAN, PS.KEBERATAN, PS.FINAL)
            wants_ak = finalised and skp.jabatan.jenis == JenisJabatan.FUNGSIONAL and p.jenis != "AKHIR"
            assert (p.pk in ak) == wants_ak
            if wants_ak:
                bulan = pen_rules.jumlah_bulan(p.tanggal_awal, p.tanggal_akhir)
                assert ak[p.pk].bulan == bulan
                assert ak[p.pk].jenjang == skp.jabatan.jenjang
                assert ak[p.pk].predikat == p.predikat
                assert ak[p.pk].angka_kredit == pen_rules.angka_kredit(
                    bulan=bulan, predikat=p.predikat, jenjang=skp.jabatan.jenjang
                )
    assert statuses == set(PS.values)
    assert Realisasi.objects.filter(periode__skp__in=approved).exists()
    # Feedback is given before the period is finalised, by the pejabat penilai.
    for ub in UmpanBalik.objects.filter(periode__skp__in=approved).select_related("periode__skp")[:300]:
        assert ub.pemberi_id == ub.periode.skp.pejabat_penilai_id
        assert ub.periode.ditetapkan_pada is None or ub.created_at < ub.periode.ditetapkan_pada
        assert ub.created_at.date() >= ub.periode.skp.tanggal_disetujui.date() - dt.timedelta(days=1)


def test_it_refuses_to_run_twice_and_rebuilds_with_replace(instansi: Instansi) -> None:
    with pytest.raises(CommandError, match="--replace"):
        call_command("seed_scale", pegawai=N, tahun=TAHUN, seed=7, verbosity=0)
    before = Skp.objects.filter(pegawai__instansi=instansi).count()
    call_command("seed_scale", pegawai=N, tahun=TAHUN, seed=7, verbosity=0, replace=True)
    assert not Instansi.objects.filter(pk=instansi.pk).exists()
    again = Instansi.objects.get(kode="SKALA")
    assert Pegawai.objects.filter(instansi=again).count() == N
    assert Skp.objects.filter(pegawai__instansi=again).count() == before  # same seed, same data
    assert User.objects.count() == N
    assert not Skp.objects.exclude(pegawai__instansi=again).exists()
