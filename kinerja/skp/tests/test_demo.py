"""The demo SKP: a visible cascade from the Kepala Dinas down to staff, built idempotently."""

import pytest

from kinerja.organisasi.demo import seed_demo
from kinerja.skp.demo import KADIS, KASI_TI, seed_skp_demo
from kinerja.skp.enums import BentukSkp, KlasifikasiRhk, StatusSkp
from kinerja.skp.models import RencanaHasilKerja, RiwayatSkp, Skp

pytestmark = pytest.mark.django_db


def test_it_builds_the_cascade_from_kepala_dinas_to_staff_once():
    seed_demo()
    assert seed_skp_demo(2026) == 6
    assert seed_skp_demo(2026) == 0
    assert Skp.objects.count() == 6

    kadis = Skp.objects.get(pegawai__nama=KADIS)
    assert kadis.bentuk == BentukSkp.JPT
    assert kadis.status == StatusSkp.DISETUJUI
    assert kadis.snapshot["pejabat_penilai"]["nama"].startswith("Dr. Hendro Wibisono")

    # Every JA/JF RHK intervenes an RHK of its own pejabat penilai's SKP, never an INDIVIDU one.
    for rhk in RencanaHasilKerja.objects.filter(skp__bentuk=BentukSkp.JA_JF).select_related(
        "skp__pegawai", "rhk_atasan__skp"
    ):
        assert rhk.rhk_atasan is not None
        assert rhk.rhk_atasan.skp.pegawai_id == rhk.skp.pegawai.pejabat_penilai_id
        assert rhk.rhk_atasan.klasifikasi != KlasifikasiRhk.INDIVIDU

    statuses = sorted(Skp.objects.values_list("status", flat=True))
    assert statuses.count(StatusSkp.DIAJUKAN) == 1
    assert statuses.count(StatusSkp.DRAFT) == 1
    kasi = Skp.objects.get(pegawai__nama=KASI_TI)
    assert [r.aksi for r in RiwayatSkp.objects.filter(skp=kasi)] == ["DIBUAT", "DIAJUKAN", "DISETUJUI"]
