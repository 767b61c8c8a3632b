"""The database itself refuses two overlapping SKP of different seri for one pegawai and jabatan
(migration 0002: an exclusion constraint on PostgreSQL, triggers on SQLite). Written straight
through the ORM, past every service check, so that a race between two requests cannot slip by."""

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, transaction

from kinerja.core.testing.factories import JabatanFactory
from kinerja.skp.enums import BentukSkp, Pendekatan, StatusSkp
from kinerja.skp.models import Skp

TAHUN = 2026


def skp(personas, *, awal=(1, 1), akhir=(12, 31), jabatan=None, pegawai="pegawai", seri=None, versi=1):
    p = personas.p(pegawai)
    return Skp(
        pegawai=p,
        jabatan=jabatan or p.jabatan,
        unit_kerja=p.unit_kerja,
        bentuk=BentukSkp.JA_JF,
        pendekatan=Pendekatan.KUANTITATIF,
        tahun=TAHUN,
        periode_awal=dt.date(TAHUN, *awal),
        periode_akhir=dt.date(TAHUN, *akhir),
        status=StatusSkp.DRAFT,
        seri=seri or uuid.uuid4(),
        versi=versi,
        created_by=getattr(personas, pegawai),
    )


@pytest.mark.parametrize(
    ("awal", "akhir"),
    [
        ((1, 1), (12, 31)),  # the same period
        ((6, 1), (6, 30)),  # inside
        ((12, 31), (12, 31)),  # one shared day at the end: the ranges are closed
        ((1, 1), (1, 1)),  # one shared day at the start
    ],
)
def test_an_overlapping_skp_of_another_seri_is_refused_on_insert(personas, awal, akhir):
    skp(personas).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Skp.objects.create(**_fields(skp(personas, awal=awal, akhir=akhir)))
    assert Skp.objects.count() == 1


def test_bulk_create_of_two_overlapping_skp_is_refused(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        Skp.objects.bulk_create([skp(personas, akhir=(6, 30)), skp(personas, awal=(6, 30), akhir=(12, 31))])
    assert not Skp.objects.exists()


def test_moving_a_period_onto_another_skp_is_refused_on_update(personas):
    skp(personas, akhir=(6, 30)).save()
    kedua = skp(personas, awal=(7, 1))
    kedua.save()
    kedua.periode_awal = dt.date(TAHUN, 6, 15)
    with pytest.raises(IntegrityError), transaction.atomic():
        kedua.save(update_fields=["periode_awal"])
    kedua.refresh_from_db()
    assert kedua.periode_awal == dt.date(TAHUN, 7, 1)


def test_versions_of_one_seri_may_overlap(personas):
    seri = uuid.uuid4()
    with transaction.atomic():
        Skp.objects.create(**_fields(skp(personas, seri=seri, versi=1)))
        Skp.objects.create(**_fields(skp(personas, seri=seri, versi=2)))
    assert Skp.objects.filter(seri=seri).count() == 2


def test_another_jabatan_or_another_pegawai_may_overlap(personas):
    skp(personas).save()
    lain = JabatanFactory(instansi=personas.instansi, nama="Plt Kepala Subbagian")
    with transaction.atomic():
        Skp.objects.bulk_create([skp(personas, jabatan=lain), skp(personas, pegawai="rekan")])
    assert Skp.objects.count() == 3


def test_adjacent_periods_of_the_same_jabatan_are_accepted(personas):
    with transaction.atomic():
        Skp.objects.bulk_create([skp(personas, akhir=(6, 30)), skp(personas, awal=(7, 1))])
    assert Skp.objects.count() == 2


def _fields(obj):
    """Model instance -> keyword arguments for ``objects.create``."""
    return {f.attname: getattr(obj, f.attname) for f in Skp._meta.concrete_fields if not f.primary_key}
