"""The list of periods of one SKP: its query count does not grow with the number of periods."""

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.penilaian import services
from kinerja.penilaian.enums import JenisPeriode
from kinerja.penilaian.models import PengaturanPenilaian
from kinerja.penilaian.tests.conftest import skp_bawahan

pytestmark = pytest.mark.django_db


def _page(client, django_assert_num_queries, user, skp):
    client.force_login(user)
    services.periode_sinkron(skp=skp)
    # session, user, the SKP with its people, the periods, the pegawai's unit path, the unlocks
    with django_assert_num_queries(6):
        response = client.get(reverse("penilaian:skp_periode", args=[skp.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("frekuensi", [JenisPeriode.SEMESTER, JenisPeriode.BULANAN])
def test_the_period_list_costs_the_same_for_3_or_13_periods(
    client, personas, rantai, jam, django_assert_num_queries, frekuensi
):
    PengaturanPenilaian.objects.create(instansi=personas.instansi, frekuensi=frekuensi)
    skp = skp_bawahan(personas.pegawai, personas, rantai)
    jam.set(dt.datetime(2026, 11, 23, 10, 0))
    html = _page(client, django_assert_num_queries, personas.pegawai, skp)
    assert html.count("terkunci") >= (1 if frekuensi == JenisPeriode.SEMESTER else 10)


def test_a_unit_unlock_opens_the_period_in_the_list(client, personas, rantai, jam):
    PengaturanPenilaian.objects.create(instansi=personas.instansi, frekuensi=JenisPeriode.SEMESTER)
    skp = skp_bawahan(personas.pegawai, personas, rantai)
    jam.set(dt.datetime(2026, 11, 23, 10, 0))
    periods = services.periode_sinkron(skp=skp)
    assert services.terkunci_map(periods)[periods[0].pk] is True
    services.buka_kunci(
        actor=personas.admin,
        tahun=2026,
        jenis=JenisPeriode.SEMESTER,
        nomor=1,
        sampai=dt.date(2026, 11, 30),
        alasan="Server down saat batas pengisian",
        unit_kerja=personas.bidang,
    )
    lock = services.terkunci_map(services.periode_sinkron(skp=skp))
    assert lock[periods[0].pk] is False
    assert services.terkunci_untuk_pegawai(periods[0]) is False
