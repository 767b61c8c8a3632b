"""Named test personas in one small organisation (style.md: tests).

Pemerintah Kota Uji
└── Dinas Uji                 kepala_dinas (JPT Pratama)
    └── Bidang Uji            atasan (Kepala Bidang, Administrator) = atasan pejabat penilai
        └── Seksi Uji         pejabat_penilai (Kepala Seksi, Pengawas)
                              pegawai, rekan (pelaksana), fungsional (Ahli Pertama)
admin: an admin instansi placed in the Dinas; orang_lain: a pegawai of another instansi;
superadmin: a superadmin with no pegawai record.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.accounts.models import Role, User
from kinerja.core.testing.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UserFactory,
)
from kinerja.organisasi import services
from kinerja.organisasi.enums import Eselon, Golongan, JenisJabatan, JenjangJF, KategoriJF
from kinerja.organisasi.models import Instansi, Pegawai, UnitKerja

PASSWORD = "rahasia-123"  # noqa: S105 (test accounts only)


@dataclass
class Personas:
    instansi: Instansi
    dinas: UnitKerja
    bidang: UnitKerja
    seksi: UnitKerja
    kepala_dinas: User
    atasan: User
    pejabat_penilai: User
    pegawai: User
    rekan: User
    fungsional: User
    admin: User
    orang_lain: User
    superadmin: User

    def p(self, name: str) -> Pegawai:
        user: User = getattr(self, name)
        assert user.pegawai is not None
        return user.pegawai


def build_personas() -> Personas:
    ins = InstansiFactory(kode="KOTA-UJI", nama="Pemerintah Kota Uji", tempat="Kota Uji")
    jab = {
        "kadis": JabatanFactory(
            instansi=ins,
            kode="KADIS",
            nama="Kepala Dinas Uji",
            jenis=JenisJabatan.JPT_PRATAMA,
            eselon=Eselon.II_B,
        ),
        "kabid": JabatanFactory(
            instansi=ins,
            kode="KABID",
            nama="Kepala Bidang Uji",
            jenis=JenisJabatan.ADMINISTRATOR,
            eselon=Eselon.III_B,
        ),
        "kasi": JabatanFactory(
            instansi=ins,
            kode="KASI",
            nama="Kepala Seksi Uji",
            jenis=JenisJabatan.PENGAWAS,
            eselon=Eselon.IV_A,
        ),
        "pelaksana": JabatanFactory(
            instansi=ins,
            kode="PELAKSANA",
            nama="Pengadministrasi Umum",
            jenis=JenisJabatan.PELAKSANA,
        ),
        "jf": JabatanFactory(
            instansi=ins,
            kode="PRANATA-KOMP-AP",
            nama="Pranata Komputer Ahli Pertama",
            jenis=JenisJabatan.FUNGSIONAL,
            kategori=KategoriJF.KEAHLIAN,
            jenjang=JenjangJF.AHLI_PERTAMA,
        ),
    }
    dinas = UnitKerjaFactory(instansi=ins, kode="DINAS", nama="Dinas Uji", pimpinan_jabatan=jab["kadis"])
    bidang = UnitKerjaFactory(
        instansi=ins, kode="BIDANG", nama="Bidang Uji", parent=dinas, pimpinan_jabatan=jab["kabid"]
    )
    seksi = UnitKerjaFactory(
        instansi=ins, kode="SEKSI", nama="Seksi Uji", parent=bidang, pimpinan_jabatan=jab["kasi"]
    )

    def person(
        nama: str,
        jabatan: str,
        unit: UnitKerja,
        role: str = Role.PEGAWAI,
        golongan: str = Golongan.III_A,
    ) -> User:
        pegawai = PegawaiFactory(
            instansi=ins, nama=nama, jabatan=jab[jabatan], unit_kerja=unit, golongan=golongan
        )
        return UserFactory(pegawai=pegawai, role=role)

    kepala_dinas = person("Budi Santoso", "kadis", dinas, golongan=Golongan.IV_C)
    atasan = person("Siti Aminah", "kabid", bidang, golongan=Golongan.IV_A)
    pejabat_penilai = person("Agus Salim", "kasi", seksi, golongan=Golongan.III_D)
    pegawai = person("Dewi Lestari", "pelaksana", seksi, golongan=Golongan.II_C)
    rekan = person("Rudi Hartono", "pelaksana", seksi, golongan=Golongan.II_B)
    fungsional = person("Putu Ayu", "jf", seksi, golongan=Golongan.III_A)
    admin = person("Admin Kinerja", "pelaksana", dinas, role=Role.ADMIN_INSTANSI)

    lain = InstansiFactory(kode="KAB-LAIN", nama="Pemerintah Kabupaten Lain")
    orang_lain = UserFactory(pegawai=PegawaiFactory(instansi=lain, nama="Orang Lain"))
    superadmin = UserFactory(pegawai=None, username="superadmin", role=Role.SUPERADMIN)

    services.penilai_rebuild(instansi=ins)
    services.penilai_rebuild(instansi=lain)
    users = [kepala_dinas, atasan, pejabat_penilai, pegawai, rekan, fungsional, admin, orang_lain]
    for user in users:
        assert user.pegawai is not None
        user.pegawai.refresh_from_db()
    return Personas(
        instansi=ins,
        dinas=dinas,
        bidang=bidang,
        seksi=seksi,
        kepala_dinas=kepala_dinas,
        atasan=atasan,
        pejabat_penilai=pejabat_penilai,
        pegawai=pegawai,
        rekan=rekan,
        fungsional=fungsional,
        admin=admin,
        orang_lain=orang_lain,
        superadmin=superadmin,
    )
