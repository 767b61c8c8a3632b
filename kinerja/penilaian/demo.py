"""Evaluation data of the demo instansi (issue #4): a year under way, visible on every page.

For the approved demo SKP (kinerja/skp/demo.py) the periods are opened; the Kepala Bidang sets
the predikat organisasi of the Seksi Infrastruktur TI; I Ketut Sudarsana (Pranata Komputer Ahli
Muda) reports realisasi and bukti for the quarters that have ended, Dadang Hermawan gives feedback,
rates them, finalises the first two (so the angka kredit shows) and leaves the latest one rated but
open. Past quarters are reopened for the demo through the admin's buka kunci, with that reason in
their history. Everything goes through the services; a second run changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kinerja.accounts.models import User
from kinerja.organisasi.demo import INSTANSI, PERSONA
from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, Rating
from kinerja.penilaian.models import PeriodePenilaian, PustakaUmpanBalik
from kinerja.skp.demo import KABID, KASI_TI
from kinerja.skp.enums import StatusSkp
from kinerja.skp.models import Skp

STAF = "I Ketut Sudarsana"
PUSTAKA = [
    "Terima kasih, hasil kerja sesuai ekspektasi.",
    "Mohon lengkapi bukti dukung sebelum batas pengisian.",
    "Pertahankan ketepatan waktu pelaporan.",
    "Perlu koordinasi lebih awal dengan seksi terkait.",
]
# (quarter, rating hasil kerja, rating perilaku, finalise?)
PENILAIAN = [
    (1, Rating.SESUAI_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, True),
    (2, Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, True),
    (3, Rating.DI_ATAS_EKSPEKTASI, Rating.DI_ATAS_EKSPEKTASI, False),
]


def _user(nama: str) -> User:
    return User.objects.select_related("pegawai__unit_kerja").get(
        pegawai__nama=nama, pegawai__instansi__kode=INSTANSI["kode"]
    )


def seed_penilaian_demo() -> int:
    """Returns the number of periods rated by this run (0 when the demo is already there)."""
    hari_ini = timezone.localdate()
    dinilai = 0
    with transaction.atomic():
        admin, kabid, kasi, staf = (_user(n) for n in (PERSONA["admin"], KABID, KASI_TI, STAF))
        assert admin.pegawai is not None and kasi.pegawai is not None
        instansi_id = admin.pegawai.instansi_id
        if not PustakaUmpanBalik.objects.filter(instansi_id=instansi_id).exists():
            PustakaUmpanBalik.objects.bulk_create(
                PustakaUmpanBalik(instansi_id=instansi_id, kalimat=k) for k in PUSTAKA
            )
        for disetujui in Skp.objects.filter(
            pegawai__instansi_id=instansi_id, status=StatusSkp.DISETUJUI
        ).select_related("pegawai"):
            services.periode_sinkron(skp=disetujui)

        skp = Skp.objects.filter(pegawai=staf.pegawai, status=StatusSkp.DISETUJUI).first()
        if skp is None:
            return 0
        periods = {
            p.nomor: p
            for p in PeriodePenilaian.objects.filter(skp=skp, jenis=JenisPeriode.TRIWULAN).select_related(
                "skp__pegawai"
            )
        }
        seksi = kasi.pegawai.unit_kerja
        for nomor, hasil, perilaku, tetapkan in PENILAIAN:
            periode = periods.get(nomor)
            if periode is None or periode.tanggal_akhir >= hari_ini or periode.status != "BELUM_DINILAI":
                continue
            services.predikat_organisasi_set(
                unit=seksi,
                actor=kabid,
                tahun=periode.tanggal_awal.year,
                jenis=JenisPeriode.TRIWULAN,
                nomor=nomor,
                predikat=PredikatOrganisasi.BAIK,
            )
            if services.terkunci_untuk_pegawai(periode):
                services.buka_kunci(
                    actor=admin,
                    pegawai=staf.pegawai,
                    tahun=periode.tanggal_awal.year,
                    jenis=JenisPeriode.TRIWULAN,
                    nomor=nomor,
                    sampai=hari_ini,
                    alasan="Data contoh instansi demo: realisasi triwulan yang sudah lewat diisi.",
                )
            for rhk in skp.rhk.all():
                for indikator in rhk.indikator.all():
                    services.realisasi_simpan(
                        periode=periode,
                        indikator=indikator,
                        actor=staf,
                        realisasi=f"{3 * nomor} {indikator.satuan}",
                        sumber_data="Aplikasi helpdesk jaringan",
                    )
                services.bukti_tambah_tautan(
                    periode=periode,
                    rhk_id=rhk.pk,
                    actor=staf,
                    nama=f"Laporan pemeliharaan triwulan {nomor}",
                    url=f"https://arsip.kotacontoh.example/jaringan/tw{nomor}.pdf",
                )
                services.umpan_balik_tambah(periode=periode, actor=kasi, isi=PUSTAKA[0], rhk_id=rhk.pk)
            services.umpan_balik_tambah(periode=periode, actor=kasi, isi="👍", core_value="KOLABORATIF")
            services.penilaian_simpan(
                periode=periode, actor=kasi, rating_hasil_kerja=hasil, rating_perilaku_kerja=perilaku
            )
            dinilai += 1
            if tetapkan:
                services.periode_tetapkan(
                    periode=periode,
                    actor=kasi,
                    alasan_distribusi="Hanya satu pegawai yang dinilai di seksi ini pada periode ini.",
                )
    return dinilai
