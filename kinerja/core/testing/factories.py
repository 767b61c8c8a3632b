"""factory_boy factories for the whole project's tests."""

from __future__ import annotations

import factory

from kinerja.accounts.models import Role, User
from kinerja.organisasi import services
from kinerja.organisasi.enums import Golongan, JenisJabatan, StatusKepegawaian
from kinerja.organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja


def make_nip(n: int, *, tahun_lahir: int = 1985, jenis_kelamin: int = 1) -> str:
    """A valid NIP, unique per n (n < 999 * 28 * 12)."""
    urut = n % 999 + 1
    day = (n // 999) % 28 + 1
    month = (n // (999 * 28)) % 12 + 1
    return f"{tahun_lahir}{month:02d}{day:02d}201001{jenis_kelamin}{urut:03d}"


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"INS{n}")
    nama = factory.Sequence(lambda n: f"Instansi {n}")
    tempat = "Kota Contoh"


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"JAB{n}")
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    jenis = JenisJabatan.PELAKSANA


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    """Builds through services.unit_create so that the materialised path is right."""

    class Meta:
        model = UnitKerja

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"UNIT{n}")
    nama = factory.Sequence(lambda n: f"Unit {n}")
    parent = None
    pimpinan_jabatan = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return services.unit_create(**kwargs)


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    instansi = factory.SubFactory(InstansiFactory)
    nip = factory.Sequence(make_nip)
    nama = factory.Sequence(lambda n: f"Pegawai {n}")
    status_kepegawaian = StatusKepegawaian.PNS
    golongan = Golongan.III_A
    jabatan = factory.SubFactory(JabatanFactory, instansi=factory.SelfAttribute("..instansi"))
    unit_kerja = factory.SubFactory(UnitKerjaFactory, instansi=factory.SelfAttribute("..instansi"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.LazyAttribute(lambda o: o.pegawai.nip if o.pegawai else f"user{id(o)}")
    role = Role.PEGAWAI
    pegawai = factory.SubFactory(PegawaiFactory)
    password = factory.PostGenerationMethodCall("set_password", "rahasia-123")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            self.save()
