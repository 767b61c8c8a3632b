"""The demo instansi "Pemerintah Kota Contoh" (issue #2 point 8), built by ``manage.py seed_demo``.

Pemerintah Kota Contoh
└── Sekretariat Daerah                       Sekretaris Daerah (JPT Pratama, II.a)
    └── Dinas Komunikasi dan Informatika     Kepala Dinas (JPT Pratama, II.b)          kepala_dinas
        ├── Sekretariat                      Sekretaris (Administrator, III.a)
        │   ├── Subbagian Umum dan Kepegawaian   Kepala Subbagian (Pengawas)          admin
        │   └── Subbagian Keuangan
        ├── Bidang Aplikasi Informatika      Kepala Bidang (Administrator, III.b)      kepala_bidang
        │   ├── Seksi Pengembangan Aplikasi  Kepala Seksi (Pengawas, IV.a)             kepala_seksi
        │   │                                staff                                     fungsional, pelaksana
        │   └── Seksi Infrastruktur dan Teknologi Informasi
        ├── Bidang Informasi dan Komunikasi Publik (two seksi)
        └── Bidang Persandian dan Statistik (two seksi)

Everything is data in the tables below; ``seed_demo()`` creates what is missing and brings what exists
back in line with the tables (get-or-create by kode and NIP), so running it twice changes nothing. A
password a demo user has changed is never reset. To add a person, append a row to ``ORANG`` (the NIP's
nomor urut is the row's position, so inserting in the middle would change later NIPs).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from kinerja.accounts.models import Role, User
from kinerja.organisasi import rules, services
from kinerja.organisasi.enums import (
    Eselon,
    Golongan,
    JenisJabatan,
    JenjangJF,
    KategoriJF,
    StatusKepegawaian,
)
from kinerja.organisasi.models import Instansi, Jabatan, Pegawai, UnitKerja

# Demo only: every demo account starts with this password. Never use the demo data in production.
DEMO_PASSWORD = "Kinerja2026!"  # noqa: S105

INSTANSI = {"kode": "PEMKOT-CONTOH", "nama": "Pemerintah Kota Contoh", "tempat": "Kota Contoh"}
# RFC 2606 reserved domain: no demo e-mail can ever reach a real mailbox.
EMAIL_DOMAIN = "kotacontoh.example"
# The six named demo accounts: role -> nama in ORANG. The fungsional and the pelaksana sit in the
# kepala_seksi's seksi, which lies in the kepala_bidang's bidang, which is in the kepala_dinas's dinas.
PERSONA: dict[str, str] = {
    "admin": "Rina Agustina",  # Analis SDM Aparatur, Subbagian Umum dan Kepegawaian; role ADMIN_INSTANSI
    "kepala_dinas": "Andi Muhammad Fadli",
    "kepala_bidang": "Maruli Tua Siregar",
    "kepala_seksi": "Ni Made Ayu Pratiwi",
    "fungsional": "Fitri Handayani",
    "pelaksana": "Dimas Aditya Nugroho",
}
ROLES = tuple(PERSONA)


@dataclass(frozen=True)
class Unit:
    kode: str
    nama: str
    parent: str | None  # kode of the parent unit
    pimpinan: str  # nama of the head's jabatan
    jenis: str
    eselon: str

    @property
    def jabatan_kode(self) -> str:
        return f"KEPALA-{self.kode}"


# Parents come before their children.
UNITS: tuple[Unit, ...] = (
    Unit("SETDA", "Sekretariat Daerah", None, "Sekretaris Daerah", JenisJabatan.JPT_PRATAMA, Eselon.II_A),
    Unit(
        "KOMINFO",
        "Dinas Komunikasi dan Informatika",
        "SETDA",
        "Kepala Dinas Komunikasi dan Informatika",
        JenisJabatan.JPT_PRATAMA,
        Eselon.II_B,
    ),
    Unit(
        "SEKR",
        "Sekretariat Dinas Komunikasi dan Informatika",
        "KOMINFO",
        "Sekretaris Dinas Komunikasi dan Informatika",
        JenisJabatan.ADMINISTRATOR,
        Eselon.III_A,
    ),
    Unit(
        "UMPEG",
        "Subbagian Umum dan Kepegawaian",
        "SEKR",
        "Kepala Subbagian Umum dan Kepegawaian",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "KEU",
        "Subbagian Keuangan",
        "SEKR",
        "Kepala Subbagian Keuangan",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "APTIKA",
        "Bidang Aplikasi Informatika",
        "KOMINFO",
        "Kepala Bidang Aplikasi Informatika",
        JenisJabatan.ADMINISTRATOR,
        Eselon.III_B,
    ),
    Unit(
        "APTIKA-PA",
        "Seksi Pengembangan Aplikasi",
        "APTIKA",
        "Kepala Seksi Pengembangan Aplikasi",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "APTIKA-TI",
        "Seksi Infrastruktur dan Teknologi Informasi",
        "APTIKA",
        "Kepala Seksi Infrastruktur dan Teknologi Informasi",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "IKP",
        "Bidang Informasi dan Komunikasi Publik",
        "KOMINFO",
        "Kepala Bidang Informasi dan Komunikasi Publik",
        JenisJabatan.ADMINISTRATOR,
        Eselon.III_B,
    ),
    Unit(
        "IKP-PIP",
        "Seksi Pengelolaan Informasi Publik",
        "IKP",
        "Kepala Seksi Pengelolaan Informasi Publik",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "IKP-KP",
        "Seksi Komunikasi Publik dan Kemitraan Media",
        "IKP",
        "Kepala Seksi Komunikasi Publik dan Kemitraan Media",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "PS",
        "Bidang Persandian dan Statistik",
        "KOMINFO",
        "Kepala Bidang Persandian dan Statistik",
        JenisJabatan.ADMINISTRATOR,
        Eselon.III_B,
    ),
    Unit(
        "PS-SANDI",
        "Seksi Persandian dan Keamanan Informasi",
        "PS",
        "Kepala Seksi Persandian dan Keamanan Informasi",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
    Unit(
        "PS-STAT",
        "Seksi Statistik Sektoral",
        "PS",
        "Kepala Seksi Statistik Sektoral",
        JenisJabatan.PENGAWAS,
        Eselon.IV_A,
    ),
)

_KEAHLIAN, _KETERAMPILAN = KategoriJF.KEAHLIAN, KategoriJF.KETERAMPILAN
# The non-structural jabatan: kode -> (nama, jenis, kategori, jenjang).
JABATAN: dict[str, tuple[str, str, str, str]] = {
    "PLK-ADM": ("Pengadministrasi Perkantoran", JenisJabatan.PELAKSANA, "", ""),
    "PLK-DATA": ("Pengelola Data", JenisJabatan.PELAKSANA, "", ""),
    "PLK-OPR": ("Operator Layanan Operasional", JenisJabatan.PELAKSANA, "", ""),
    "PRAKOM-AP": (
        "Pranata Komputer Ahli Pertama",
        JenisJabatan.FUNGSIONAL,
        _KEAHLIAN,
        JenjangJF.AHLI_PERTAMA,
    ),
    "PRAKOM-AM": ("Pranata Komputer Ahli Muda", JenisJabatan.FUNGSIONAL, _KEAHLIAN, JenjangJF.AHLI_MUDA),
    "PRAKOM-T": ("Pranata Komputer Terampil", JenisJabatan.FUNGSIONAL, _KETERAMPILAN, JenjangJF.TERAMPIL),
    "STAT-AP": ("Statistisi Ahli Pertama", JenisJabatan.FUNGSIONAL, _KEAHLIAN, JenjangJF.AHLI_PERTAMA),
    "AKP-AM": ("Analis Kebijakan Ahli Muda", JenisJabatan.FUNGSIONAL, _KEAHLIAN, JenjangJF.AHLI_MUDA),
    "ASDM-AP": (
        "Analis SDM Aparatur Ahli Pertama",
        JenisJabatan.FUNGSIONAL,
        _KEAHLIAN,
        JenjangJF.AHLI_PERTAMA,
    ),
}
KEPALA = "*"  # in ORANG: the pimpinan jabatan of the person's unit


@dataclass(frozen=True)
class Orang:
    unit: str
    jabatan: str  # a JABATAN kode, or KEPALA
    nama: str
    jk: str  # "L" or "P": gives the NIP's jenis kelamin digit
    lahir: str  # YYYYMMDD
    tmt: str  # YYYYMM of the TMT CPNS; a PPPK has "21" in place of the month (rules.validate_nip)
    golongan: str  # a PNS golongan ruang ("III/a") or a PPPK golongan ("IX")
    depan: str = ""
    belakang: str = ""


# Names from across Indonesia; golongan fit the jabatan (domain.md §2).
ORANG: tuple[Orang, ...] = (
    # Pimpinan
    Orang("SETDA", KEPALA, "Hendro Wibisono", "L", "19680417", "199403", "IV/d", "Dr.", "M.Si."),
    Orang("KOMINFO", KEPALA, "Andi Muhammad Fadli", "L", "19720809", "199803", "IV/c", "Ir.", "M.T."),
    Orang("SEKR", KEPALA, "Sri Wahyuningsih", "P", "19750122", "200003", "IV/a", "", "S.E., M.M."),
    Orang("UMPEG", KEPALA, "Euis Kurniasih", "P", "19800611", "200604", "III/d", "", "S.Sos."),
    Orang("KEU", KEPALA, "Muhammad Rizal Tanjung", "L", "19820930", "200812", "III/c", "", "S.E."),
    Orang("APTIKA", KEPALA, "Maruli Tua Siregar", "L", "19770305", "200203", "IV/a", "", "S.Kom., M.T."),
    Orang("APTIKA-PA", KEPALA, "Ni Made Ayu Pratiwi", "P", "19840716", "200904", "III/d", "", "S.Kom."),
    Orang("APTIKA-TI", KEPALA, "Dadang Hermawan", "L", "19810223", "200701", "III/d", "", "S.T."),
    Orang("IKP", KEPALA, "Jeane Maria Rumondor", "P", "19760918", "200112", "III/d", "", "S.Sos., M.Si."),
    Orang("IKP-PIP", KEPALA, "Teuku Rizky Maulana", "L", "19850127", "201003", "III/c", "", "S.I.Kom."),
    Orang("IKP-KP", KEPALA, "Nurhayati Hasan", "P", "19830414", "200902", "III/c", "", "S.Sos."),
    Orang("PS", KEPALA, "Yohanis Latumahina", "L", "19780625", "200303", "IV/a", "", "S.Si., M.Stat."),
    Orang("PS-SANDI", KEPALA, "Agus Prasetyo", "L", "19820812", "200803", "III/d", "", "S.Kom."),
    Orang("PS-STAT", KEPALA, "Lina Marlina Nasution", "P", "19860305", "201103", "III/c", "", "S.Si."),
    # Subbagian Umum dan Kepegawaian
    Orang("UMPEG", "ASDM-AP", "Rina Agustina", "P", "19930817", "201903", "III/b", "", "S.Psi."),
    Orang("UMPEG", "PLK-ADM", "Siti Khodijah", "P", "19880402", "201003", "II/d"),
    Orang("UMPEG", "PLK-ADM", "Bambang Sutrisno", "L", "19790115", "200501", "III/a"),
    Orang("UMPEG", "PLK-DATA", "Ahmad Rifani", "L", "19910709", "201503", "II/c", "", "A.Md."),
    Orang("UMPEG", "PLK-OPR", "Yosef Bria", "L", "19950521", "202221", "V"),
    # Subbagian Keuangan
    Orang("KEU", "PLK-DATA", "Dewi Anggraini", "P", "19900304", "201503", "III/a", "", "S.E."),
    Orang("KEU", "PLK-ADM", "I Komang Adi Saputra", "L", "19920611", "201703", "II/c", "", "A.Md."),
    Orang("KEU", "PLK-ADM", "Wulan Permatasari", "P", "19940923", "201903", "II/b"),
    Orang("KEU", "AKP-AM", "Hendra Wijaya", "L", "19830129", "200903", "III/d", "", "S.E., M.M."),
    Orang("KEU", "PLK-OPR", "Moh. Holil", "L", "19870816", "201103", "II/b"),
    # Seksi Pengembangan Aplikasi (the persona seksi)
    Orang("APTIKA-PA", "PRAKOM-AP", "Fitri Handayani", "P", "19960214", "202003", "III/a", "", "S.Kom."),
    Orang("APTIKA-PA", "PLK-DATA", "Dimas Aditya Nugroho", "L", "19970408", "202003", "II/c", "", "A.Md."),
    Orang("APTIKA-PA", "PRAKOM-AM", "Fajar Ramadhan", "L", "19870512", "201103", "III/c", "", "S.Kom., M.T."),
    Orang("APTIKA-PA", "PRAKOM-T", "Yuliana Sembiring", "P", "19950702", "201903", "II/c", "", "A.Md."),
    Orang("APTIKA-PA", "PRAKOM-AP", "Aditya Pratama Putra", "L", "19980117", "202321", "IX", "", "S.Kom."),
    Orang("APTIKA-PA", "PLK-OPR", "Eko Saputro", "L", "19890930", "201403", "II/b"),
    # Seksi Infrastruktur dan Teknologi Informasi
    Orang(
        "APTIKA-TI", "PRAKOM-AM", "I Ketut Sudarsana", "L", "19860306", "201003", "III/d", "", "S.T., M.Kom."
    ),
    Orang("APTIKA-TI", "PRAKOM-T", "Asep Saepudin", "L", "19920819", "201603", "II/d", "", "A.Md."),
    Orang("APTIKA-TI", "PRAKOM-T", "Ratna Juwita", "P", "19940201", "201803", "II/b", "", "A.Md."),
    Orang("APTIKA-TI", "PRAKOM-AP", "Muhammad Iqbal Harahap", "L", "19940613", "202221", "IX", "", "S.Kom."),
    Orang("APTIKA-TI", "PLK-OPR", "Suparman", "L", "19800724", "200603", "II/d"),
    # Seksi Pengelolaan Informasi Publik
    Orang("IKP-PIP", "AKP-AM", "Ni Luh Putu Ariani", "P", "19850813", "201003", "III/c", "", "S.Sos., M.Si."),
    Orang("IKP-PIP", "PLK-DATA", "Andi Tenri Ajeng", "P", "19930325", "201903", "III/a", "", "S.I.Kom."),
    Orang("IKP-PIP", "PLK-ADM", "Nur Aini", "P", "19910111", "201403", "II/c"),
    Orang("IKP-PIP", "PLK-OPR", "Slamet Widodo", "L", "19830607", "200903", "II/d"),
    Orang("IKP-PIP", "PRAKOM-AP", "Steven Kaunang", "L", "19970920", "202103", "III/a", "", "S.Kom."),
    # Seksi Komunikasi Publik dan Kemitraan Media
    Orang("IKP-KP", "AKP-AM", "Rahmat Hidayat", "L", "19840403", "200903", "III/c", "", "S.I.Kom., M.Si."),
    Orang("IKP-KP", "PLK-DATA", "Ni Kadek Dwi Lestari", "P", "19950828", "202003", "III/a", "", "S.Sos."),
    Orang("IKP-KP", "PLK-ADM", "Herlina Simatupang", "P", "19900517", "201403", "II/c"),
    Orang("IKP-KP", "PLK-OPR", "Agustinus Wanma", "L", "19960817", "202221", "V"),
    Orang("IKP-KP", "PLK-OPR", "Joko Susilo", "L", "19860227", "201003", "II/c"),
    # Seksi Persandian dan Keamanan Informasi
    Orang("PS-SANDI", "PRAKOM-AP", "Cut Rahmi Fitria", "P", "19940705", "201903", "III/b", "", "S.Kom."),
    Orang("PS-SANDI", "PRAKOM-T", "Irfan Maulana", "L", "19930914", "201703", "II/d", "", "A.Md."),
    Orang("PS-SANDI", "PLK-DATA", "Lestari Wulandari", "P", "19920302", "201603", "II/d"),
    Orang("PS-SANDI", "PLK-OPR", "Dedi Supriadi", "L", "19850919", "201103", "II/c"),
    Orang("PS-SANDI", "PRAKOM-AM", "I Wayan Sukerta", "L", "19830702", "200803", "III/d", "", "S.Kom., M.T."),
    # Seksi Statistik Sektoral
    Orang("PS-STAT", "STAT-AP", "Dian Puspitasari", "P", "19950314", "202003", "III/a", "", "S.Si."),
    Orang("PS-STAT", "STAT-AP", "Rizki Ananda Lubis", "L", "19960129", "202103", "III/a", "", "S.Stat."),
    Orang("PS-STAT", "STAT-AP", "Maria Yasinta Bere", "P", "19930522", "202321", "IX", "", "S.Si."),
    Orang("PS-STAT", "PLK-DATA", "Yuni Astuti", "P", "19910826", "201503", "II/c", "", "A.Md."),
    Orang("PS-STAT", "PLK-ADM", "Budi Setiawan", "L", "19810410", "200703", "II/d"),
)


def nip(urut: int, orang: Orang) -> str:
    """The NIP: tanggal lahir + TMT + jenis kelamin (1 pria, 2 wanita) + nomor urut (the row number)."""
    return f"{orang.lahir}{orang.tmt}{'1' if orang.jk == 'L' else '2'}{urut:03d}"


def nama_lengkap(orang: Orang) -> str:
    nama = f"{orang.depan} {orang.nama}".strip()
    return f"{nama}, {orang.belakang}" if orang.belakang else nama


def email(orang: Orang) -> str:
    return ".".join(re.findall(r"[a-z]+", orang.nama.lower())) + "@" + EMAIL_DOMAIN


def status_kepegawaian(orang: Orang) -> str:
    return StatusKepegawaian.PPPK if orang.golongan in rules.GOLONGAN_PPPK else StatusKepegawaian.PNS


@dataclass(frozen=True)
class Persona:
    role: str
    nip: str
    nama: str
    password: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def personas() -> list[Persona]:
    """The six named demo accounts, in ROLES order (from the tables; no database access)."""
    by_nama = {o.nama: (urut, o) for urut, o in enumerate(ORANG, start=1)}
    by_role = {role: by_nama[nama] for role, nama in PERSONA.items()}
    return [
        Persona(role, nip(*by_role[role]), nama_lengkap(by_role[role][1]), DEMO_PASSWORD) for role in ROLES
    ]


def demo_exists() -> bool:
    return Pegawai.objects.filter(
        nip__in=[p.nip for p in personas()], instansi__kode=INSTANSI["kode"]
    ).exists()


@dataclass(frozen=True)
class DemoResult:
    instansi: Instansi
    personas: list[Persona]
    unit_baru: int
    jabatan_baru: int
    pegawai_baru: int
    user_baru: int
    jumlah_unit: int
    jumlah_pegawai: int


M = TypeVar("M", bound=models.Model)


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, bool]:
    """Get by ``lookup`` and save only the fields that differ from ``values``, or create."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save(update_fields=[*changed, *(["updated_at"] if hasattr(obj, "updated_at") else [])])
    return obj, False


def seed_demo() -> DemoResult:
    """Build "Pemerintah Kota Contoh", or bring an existing copy back in line with the tables."""
    with transaction.atomic():
        instansi, _created = _upsert(
            Instansi, {"kode": INSTANSI["kode"]}, {"nama": INSTANSI["nama"], "tempat": INSTANSI["tempat"]}
        )
        jabatan_baru = 0
        jabatan: dict[str, Jabatan] = {}
        specs = [(u.jabatan_kode, (u.pimpinan, u.jenis, u.eselon, "", "")) for u in UNITS] + [
            (kode, (nama, jenis, "", kategori, jenjang))
            for kode, (nama, jenis, kategori, jenjang) in JABATAN.items()
        ]
        for kode, (nama, jenis, eselon, kategori, jenjang) in specs:
            values = {
                "nama": nama,
                "jenis": jenis,
                "eselon": eselon,
                "kategori": kategori,
                "jenjang": jenjang,
            }
            jabatan[kode], created = _upsert(Jabatan, {"instansi": instansi, "kode": kode}, values)
            jabatan_baru += created

        unit_baru = 0
        units: dict[str, UnitKerja] = {}
        for urutan, spec in enumerate(UNITS, start=1):
            parent = units[spec.parent] if spec.parent else None
            pimpinan = jabatan[spec.jabatan_kode]
            unit = UnitKerja.objects.filter(instansi=instansi, kode=spec.kode).first()
            if unit is None:
                unit = services.unit_create(
                    instansi=instansi,
                    kode=spec.kode,
                    nama=spec.nama,
                    parent=parent,
                    pimpinan_jabatan=pimpinan,
                    urutan=urutan,
                )
                unit_baru += 1
            elif (unit.nama, unit.parent_id, unit.pimpinan_jabatan_id, unit.urutan) != (
                spec.nama,
                parent.pk if parent else None,
                pimpinan.pk,
                urutan,
            ):
                unit = services.unit_update(
                    unit=unit, nama=spec.nama, parent=parent, pimpinan_jabatan=pimpinan, urutan=urutan
                )
            units[spec.kode] = unit

        pegawai_baru = 0
        pegawai: list[tuple[Pegawai, Orang]] = []
        for urut, orang in enumerate(ORANG, start=1):
            jab = jabatan[f"KEPALA-{orang.unit}" if orang.jabatan == KEPALA else orang.jabatan]
            fields: dict[str, Any] = {
                "instansi": instansi,
                "nama": orang.nama,
                "gelar_depan": orang.depan,
                "gelar_belakang": orang.belakang,
                "status_kepegawaian": status_kepegawaian(orang),
                "golongan": Golongan(orang.golongan),
                "jabatan": jab,
                "unit_kerja": units[orang.unit],
                "email": email(orang),
                "aktif": True,
            }
            obj, created = _upsert(Pegawai, {"nip": nip(urut, orang)}, fields)
            pegawai_baru += created
            pegawai.append((obj, orang))

        user_baru = _sync_users(pegawai)
        services.penilai_rebuild(instansi=instansi)
        return DemoResult(
            instansi=instansi,
            personas=personas(),
            unit_baru=unit_baru,
            jabatan_baru=jabatan_baru,
            pegawai_baru=pegawai_baru,
            user_baru=user_baru,
            jumlah_unit=UnitKerja.objects.filter(instansi=instansi).count(),
            jumlah_pegawai=Pegawai.objects.filter(instansi=instansi).count(),
        )


def _sync_users(pegawai: list[tuple[Pegawai, Orang]]) -> int:
    """One account per demo pegawai (username = NIP). An existing account keeps its password and role."""
    existing = {u.username: u for u in User.objects.filter(username__in=[p.nip for p, _o in pegawai])}
    password_hash = ""  # hashed once, lazily: hashing is deliberately slow
    baru = 0
    for p, orang in pegawai:
        user = existing.get(p.nip)
        if user is not None:
            if user.pegawai_id is None:
                user.pegawai = p
                user.save(update_fields=["pegawai"])
            continue
        password_hash = password_hash or make_password(DEMO_PASSWORD)
        User.objects.create(
            username=p.nip,
            password=password_hash,
            pegawai=p,
            role=Role.ADMIN_INSTANSI if orang.nama == PERSONA["admin"] else Role.PEGAWAI,
            email=p.email,
        )
        baru += 1
    return baru
