"""A realistic instansi of N pegawai, written in bulk (issue #6 point 1, ``manage.py seed_scale``).

Pemerintah Provinsi (Sekretaris Daerah, JPT Madya)
└── OPD: Sekretariat Daerah, Inspektorat, Dinas ..., Badan ...      JPT Pratama (II.a)
    └── Sekretariat / Bidang / Biro                                  Administrator (III.a/b)
        └── Subbagian / Seksi                                        Pengawas (IV.a)
            └── UPT / Satuan Pelaksana (some mandiri)                Pengawas (IV.b)
Staff (pelaksana, fungsional keahlian and keterampilan, some PPPK) sit mostly in the seksi and UPT;
senior fungsional sit directly under a Kepala OPD or a Kepala Bidang. Spans of control are about
5-15 everywhere except the top, where the Sekretaris Daerah rates every Kepala OPD.

The services stay the source of truth: every row is what they would have written, in the order
they would have written it. Where a row follows a rule, the rule function computes it
(``penilaian.rules.predikat_kinerja``, ``angka_kredit``, ``jumlah_bulan``, ``periode_penilaian``,
``batas_pengisian``, ``cek_distribusi``; ``skp.rules.periode_awal_default``, ``bentuk_skp``). The
pejabat penilai are resolved with ``organisasi.rules`` as ``penilai_rebuild`` does, then the service
itself runs as the authority (it finds nothing to change) and its result is what the SKP use. Only the
ids are chosen here, so that the rows can be streamed (COPY on PostgreSQL) without reading them back.

Writing: on PostgreSQL at top level each stage commits, and the two halves of the instansi (whole OPD
each, no row of one referring to the other) are written side by side on two connections; a failure
deletes what was committed. On SQLite, or inside a caller's transaction, it is one transaction.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import math
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone

from kinerja.accounts.models import Role, User
from kinerja.organisasi import rules as org_rules
from kinerja.organisasi import services as org_services
from kinerja.organisasi.enums import Eselon, JenisJabatan, JenjangJF, KategoriJF, StatusKepegawaian
from kinerja.organisasi.models import (
    Instansi,
    Jabatan,
    Pegawai,
    RantaiAtasan,
    UnitKerja,
)
from kinerja.penilaian import rules as pen_rules
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi
from kinerja.penilaian.models import (
    BuktiDukung,
    Keberatan,
    KonversiAngkaKredit,
    PengaturanPenilaian,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    PustakaUmpanBalik,
    Realisasi,
    RiwayatPeriode,
    UmpanBalik,
)
from kinerja.skala import data
from kinerja.skala.hapus import hapus_instansi
from kinerja.skala.tabel import (
    FIELDS_BUKTI,
    FIELDS_PENILAIAN,
    FIELDS_PERIODE,
    FIELDS_REALISASI,
    FIELDS_SKP,
    FIELDS_UMPAN_BALIK,
    GOL_PNS,
    GOL_PPPK,
    LABEL_JENJANG,
    NAIK,
    NAMA_PERIODE,
    PASANGAN,
    PREDIKAT_ORG,
    SEBARAN,
    STATUS_BARU,
    STATUS_LAMA,
)
from kinerja.skala.tulis import BulkWriter
from kinerja.skp import rules as skp_rules
from kinerja.skp.enums import BentukSkp, CoreValue, JenisRhk, KlasifikasiRhk, Pendekatan, StatusSkp
from kinerja.skp.models import (
    Indikator,
    Lampiran,
    PerilakuKerja,
    RencanaHasilKerja,
    RiwayatSkp,
    Skp,
)

DEMO_PASSWORD = "Kinerja2026!"  # noqa: S105 - the documented demo password, as in organisasi.demo
MINIMUM_PEGAWAI = 50
UTC = dt.UTC
J = JenjangJF
PS = PeriodePenilaian.Status


def _periode_tanpa_nilai(
    pid: int, skp_id: int, per: Any, urutan: int, batas: dt.date, status: str
) -> tuple[object, ...]:
    """A PeriodePenilaian row with no rating yet (or of a replaced SKP version): every rating,
    predikat and date column empty, as services.periode_sinkron writes it."""
    return (
        pid,
        skp_id,
        per.jenis,
        per.nomor,
        urutan,
        per.awal,
        per.akhir,
        batas,
        status,
        *[""] * 6,
        None,
        None,
        None,
    )


class SudahAda(Exception):
    """An instansi with this kode exists and --replace was not given."""


class Bar(Protocol):
    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


ProgressFactory = Callable[[str, int], Bar]


class _NoBar:
    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


@dataclass(frozen=True)
class Opsi:
    pegawai: int
    seed: int = 2026
    tahun: int | None = None
    password: str = DEMO_PASSWORD
    kode: str = "SKALA"
    nama: str = "Pemerintah Provinsi Skala Nusantara"
    tempat: str = "Kota Skala"
    frekuensi: str = JenisPeriode.TRIWULAN
    replace: bool = False
    hari_ini: dt.date | None = None  # the evaluation date; today unless a test fixes it


@dataclass
class Hasil:
    instansi_id: int
    counts: dict[str, int]
    detik: dict[str, float] = field(default_factory=dict)

    @property
    def total_detik(self) -> float:
        return sum(self.detik.values())

    def ringkasan(self) -> str:
        rows = ", ".join(f"{label.split('.')[-1]}={n:,}" for label, n in self.counts.items() if n)
        stages = ", ".join(f"{name} {secs:.1f}s" for name, secs in self.detik.items())
        return f"baris: {rows} | tahap: {stages} | total {self.total_detik:.1f}s"


@dataclass
class _Unit:
    idx: int
    kode: str
    nama: str
    level: int
    parent: int | None
    urusan: str
    opd: str
    urutan: int
    jabatan: int = 0  # id of the pimpinan jabatan
    mandiri: bool = False
    head: int = 0  # pegawai id of the pimpinan
    id: int = 0


@dataclass
class _Orang:
    id: int
    nip: str
    nama: str
    depan: str
    belakang: str
    status: str
    golongan: str
    jabatan: int
    unit: int  # _Unit.idx
    tmt_jabatan: dt.date
    email: str

    @property
    def nama_lengkap(self) -> str:
        nama = f"{self.depan} {self.nama}".strip()
        return f"{nama}, {self.belakang}" if self.belakang else nama


@dataclass
class _SkpPlan:
    id: int
    pegawai: int
    status: str
    bentuk: str
    pendekatan: str
    awal: dt.date
    akhir: dt.date
    pp: int | None
    app: int | None
    versi: int = 1
    revisi_dari: int | None = None
    # filled for the current approved version: what the evaluation needs
    rhk: list[tuple[int, bool]] = field(default_factory=list)  # (rhk id, utama)
    indikator: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # (id, realisasi bank)
    disetujui: dt.datetime | None = None


# (periode id, SKP, period, input open until, rated at): a period that has begun
Isian = tuple[int, _SkpPlan, pen_rules.Periode, dt.date, dt.datetime | None]


@dataclass
class Penilaian:
    """What the evaluation stage writes, every list in periode id order."""

    periode_rows: list[tuple[Any, ...]]
    org_rows: list[tuple[Any, ...]]
    riwayat: list[tuple[Any, ...]]
    keberatan: list[tuple[Any, ...]]
    ak_rows: list[tuple[Any, ...]]
    filled: list[Isian]


class _Builder:
    def __init__(self, opsi: Opsi, progress: ProgressFactory | None) -> None:
        self.o = opsi
        self.rng = random.Random(opsi.seed)  # noqa: S311 - reproducible test data, not secrets
        self.now = timezone.now()
        self.hari_ini = opsi.hari_ini or timezone.localdate(self.now)
        self.tahun = opsi.tahun or self.hari_ini.year
        # Events are dated up to the evaluation date: the whole year and its January for a past year.
        self.ref = min(self.hari_ini, dt.date(self.tahun + 1, 1, 31))
        self.progress = progress or (lambda desc, total: _NoBar())
        self.w = BulkWriter(connection)
        self.detik: dict[str, float] = {}
        self.domain = f"{opsi.kode.lower()}.example"
        self.units: list[_Unit] = []
        self.orang: list[_Orang] = []
        self.jabatan_rows: list[tuple[Any, ...]] = []
        self.jabatan_key: dict[tuple[Any, ...], int] = {}
        self.jabatan_info: dict[int, tuple[str, str, str]] = {}  # id -> (nama, jenis, jenjang)
        self.used_nip: set[str] = set()
        self._times: dict[int, list[dt.datetime]] = {}

    # --- helpers -------------------------------------------------------------------------------

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Bar]:
        bar = self.progress(name, total)
        start = time.perf_counter()
        try:
            yield bar
        finally:
            bar.close()
            self.detik[name] = self.detik.get(name, 0.0) + time.perf_counter() - start

    def pool(self, ordinal: int) -> list[dt.datetime]:
        """32 moments in office hours (08:00-17:00 WIB, 01:00-10:00 UTC) of a day, none after now."""
        pool = self._times.get(ordinal)
        if pool is None:
            day = dt.date.fromordinal(ordinal)
            pool = [
                min(
                    dt.datetime(
                        day.year, day.month, day.day, 1 + i % 9, (i * 7) % 60, (i * 13) % 60, tzinfo=UTC
                    ),
                    self.now,
                )
                for i in range(32)
            ]
            self._times[ordinal] = pool
        return pool

    def at(self, day: dt.date, rng: random.Random | None = None) -> dt.datetime:
        return self.pool(day.toordinal())[int((rng or self.rng).random() * 32)]

    # --- organisation --------------------------------------------------------------------------

    def jabatan(
        self,
        key: tuple[Any, ...],
        kode: str,
        nama: str,
        jenis: str,
        eselon: str = "",
        kategori: str = "",
        jenjang: str = "",
    ) -> int:
        found = self.jabatan_key.get(key)
        if found is not None:
            return found
        pk = self._jabatan_next + len(self.jabatan_rows)
        self.jabatan_rows.append((pk, self.instansi.pk, kode, nama[:200], jenis, eselon, kategori, jenjang))
        self.jabatan_key[key] = pk
        self.jabatan_info[pk] = (nama[:200], jenis, jenjang)
        return pk

    def unit(
        self,
        nama: str,
        level: int,
        parent: _Unit | None,
        urusan: str,
        opd: str,
        urutan: int,
        kode: str,
        jabatan_nama: str,
        jenis: str,
        eselon: str,
    ) -> _Unit:
        u = _Unit(
            len(self.units), kode, nama[:200], level, parent.idx if parent else None, urusan, opd, urutan
        )
        u.jabatan = self.jabatan(("KEPALA", kode), f"KEPALA-{kode}"[:40], jabatan_nama, jenis, eselon)
        self.units.append(u)
        u.head = self.person(u, u.jabatan, jenis, level=level, head=True)
        return u

    def split(self, total: int, parts: int, minimum: int) -> list[int]:
        parts = max(1, min(parts, total // minimum if minimum else parts))
        weights = [0.75 + self.rng.random() / 2 for _ in range(parts)]
        spare = total - parts * minimum
        scale = spare / sum(weights)
        sizes = [minimum + int(w * scale) for w in weights]
        for i in range(total - sum(sizes)):
            sizes[i % parts] += 1
        return sizes

    def staff_jabatan(self, level: int, opd_k: int) -> tuple[int, str]:
        """A jabatan for a staff seat: (jabatan id, key for golongan)."""
        r = self.rng.random()
        rng = self.rng
        if level <= 2:  # senior fungsional directly under a Kepala OPD or Kepala Bidang
            jenjang = J.AHLI_MADYA if r < 0.5 else (J.AHLI_UTAMA if level == 1 and r < 0.65 else J.AHLI_MUDA)
            return self.fungsional(KategoriJF.KEAHLIAN, jenjang, opd_k), jenjang
        if r < 0.55:
            i = int(rng.random() * len(data.PELAKSANA))
            pk = self.jabatan(("PLK", i), f"PLK-{i + 1:02d}", data.PELAKSANA[i], JenisJabatan.PELAKSANA)
            return pk, JenisJabatan.PELAKSANA
        if r < 0.85:
            q = rng.random()
            jenjang = J.AHLI_PERTAMA if q < 0.6 else (J.AHLI_MUDA if q < 0.95 else J.AHLI_MADYA)
            return self.fungsional(KategoriJF.KEAHLIAN, jenjang, opd_k), jenjang
        q = rng.random()
        jenjang = J.PEMULA if q < 0.1 else J.TERAMPIL if q < 0.55 else J.MAHIR if q < 0.9 else J.PENYELIA
        return self.fungsional(KategoriJF.KETERAMPILAN, jenjang, opd_k), jenjang

    def fungsional(self, kategori: str, jenjang: str, opd_k: int) -> int:
        mark = "K" if kategori == KategoriJF.KEAHLIAN else "T"
        bases = [i for i, (_n, cats) in enumerate(data.FUNGSIONAL) if mark in cats]
        # An OPD employs a few kinds of JF: pick among four, chosen by the OPD.
        i = bases[(opd_k * 3 + int(self.rng.random() * 4)) % len(bases)]
        base = data.FUNGSIONAL[i][0]
        label = LABEL_JENJANG[jenjang]
        return self.jabatan(
            ("JF", i, jenjang),
            f"JF-{i + 1:02d}-{jenjang}",
            f"{base} {label}",
            JenisJabatan.FUNGSIONAL,
            kategori=kategori,
            jenjang=jenjang,
        )

    def person(self, u: _Unit, jabatan: int, gol_key: str, *, level: int, head: bool) -> int:
        rng = self.rng
        lelaki = rng.random() < (0.6 if head else 0.5)
        pppk = not head and rng.random() < 0.12 and gol_key in GOL_PPPK
        first = rng.choice(data.DEPAN_L if lelaki else data.DEPAN_P)
        parts = [first]
        r = rng.random()
        if r < 0.55:
            parts.append(rng.choice(data.TENGAH_L if lelaki else data.TENGAH_P))
        if r > 0.75:
            parts.append(rng.choice(data.MARGA))
        nama = " ".join(dict.fromkeys(parts))
        golongan = rng.choice((GOL_PPPK if pppk else GOL_PNS)[gol_key])
        senior = golongan.startswith("IV") or golongan in ("XII", "XIII")
        depan = "Dr." if head and level <= 1 and rng.random() < 0.3 else ""
        if senior or golongan.startswith("III") or golongan in ("IX", "X", "XI"):
            belakang = rng.choice(data.GELAR_S1)
            if senior and rng.random() < 0.7:
                belakang += " " + rng.choice(data.GELAR_S2)
        elif rng.random() < 0.4:
            belakang = rng.choice(data.GELAR_D3)
        else:
            belakang = ""
        # NIP: tanggal lahir + TMT CPNS (or "21" for a NI PPPK) + jenis kelamin + nomor urut.
        muda = (1966, 1968, 1970, 1975, 1978)[level] if head else 1968
        tua = (1972, 1976, 1982, 1988, 1990)[level] if head else 2001
        lahir = dt.date(
            muda + int(rng.random() * (tua - muda + 1)),
            1 + int(rng.random() * 12),
            1 + int(rng.random() * 28),
        )
        if pppk:
            tmt_tahun = min(max(2019, lahir.year + 23), self.tahun - 1) + int(rng.random() * 3)
            tmt_tahun = min(tmt_tahun, self.tahun - 1)
            # A NI PPPK carries the instansi's PPPK code where a PNS NIP has the TMT month.
            kode = settings.KINERJA_NIP_KODE_PPPK or f"{1 + int(rng.random() * 12):02d}"
            tmt = f"{tmt_tahun}{kode}"
        else:
            tmt_tahun = min(lahir.year + 21 + int(rng.random() * 8), self.tahun - 1)
            if tmt_tahun < lahir.year + 19:
                lahir = lahir.replace(year=tmt_tahun - 22)
            tmt = f"{tmt_tahun}{1 + int(rng.random() * 12):02d}"
        prefix = f"{lahir:%Y%m%d}{tmt}{'1' if lelaki else '2'}"
        nip = ""
        for _ in range(50):
            nip = f"{prefix}{1 + int(rng.random() * 999):03d}"
            if nip not in self.used_nip:
                break
        else:  # pragma: no cover - 50 collisions in a row cannot happen with 999 numbers per prefix
            raise RuntimeError("NIP habis")
        self.used_nip.add(nip)
        if not head and rng.random() < 0.03:
            tmt_jabatan = dt.date(self.tahun, 2 + int(rng.random() * 6), 1)  # came in mid-year
        else:
            year = max(tmt_tahun, self.tahun - 1 - int(rng.random() * 8))
            tmt_jabatan = dt.date(min(year, self.tahun - 1), 1 + int(rng.random() * 12), 1)
        pk = self._pegawai_next + len(self.orang)
        slug = ".".join(p.lower() for p in nama.split()[:2] if p.isalpha())
        self.orang.append(
            _Orang(
                pk,
                nip,
                nama,
                depan,
                belakang,
                StatusKepegawaian.PPPK if pppk else StatusKepegawaian.PNS,
                golongan,
                jabatan,
                u.idx,
                tmt_jabatan,
                f"{slug}.{pk}@{self.domain}",
            )
        )
        return pk

    def staff(self, u: _Unit, n: int, level: int, opd_k: int) -> None:
        for _ in range(n):
            jabatan, key = self.staff_jabatan(level, opd_k)
            self.person(u, jabatan, key, level=level, head=False)

    def plan_org(self) -> None:
        n = self.o.pegawai
        root = self.unit(
            self.o.nama,
            0,
            None,
            "pemerintahan daerah",
            self.o.nama,
            1,
            "PROV",
            "Sekretaris Daerah",
            JenisJabatan.JPT_MADYA,
            Eselon.I_B,
        )
        rest = n - 1
        k = max(2, math.ceil(rest / 2500))
        for i, budget in enumerate(self.split(rest, k, 12)):
            self.plan_opd(root, i, budget)

    def plan_opd(self, root: _Unit, k: int, budget: int) -> None:
        nama, kepala, urusan, bidang = data.OPD[k % len(data.OPD)]
        if k >= len(data.OPD):
            nama = f"{nama} Wilayah {data.ROMAWI[(k // len(data.OPD)) % len(data.ROMAWI)]}"
            kepala = f"{kepala} Wilayah {data.ROMAWI[(k // len(data.OPD)) % len(data.ROMAWI)]}"
        opd = self.unit(
            nama,
            1,
            root,
            urusan,
            nama,
            k + 1,
            f"OPD{k + 1:02d}",
            kepala,
            JenisJabatan.JPT_PRATAMA,
            Eselon.II_A,
        )
        rest = budget - 1
        direct = min(int(self.rng.random() * 4), max(0, rest - 9))
        self.staff(opd, direct, 1, k)
        rest -= direct
        c = min(max(3, math.ceil(rest / 513)), 8)
        names: list[tuple[str, bool]] = [] if k == 0 else [(f"Sekretariat {nama}", True)]
        j = 0
        while len(names) < c:
            b = bidang[j % len(bidang)]
            names.append((b if j < len(bidang) else f"{b} {data.ROMAWI[j // len(bidang)]}", False))
            j += 1
        for i, size in enumerate(self.split(rest, c, 3)):
            self.plan_bidang(opd, names[i][0], names[i][1], i, size, k)

    def plan_bidang(self, opd: _Unit, nama: str, sekretariat: bool, i: int, budget: int, k: int) -> None:
        if sekretariat:
            jabatan_nama, eselon = nama.replace("Sekretariat", "Sekretaris", 1), Eselon.III_A
        elif nama.startswith("Inspektur"):
            jabatan_nama, eselon = nama, Eselon.III_A
        else:
            jabatan_nama, eselon = f"Kepala {nama}", Eselon.III_B
        b = self.unit(
            nama,
            2,
            opd,
            opd.urusan,
            opd.opd,
            i + 1,
            f"{opd.kode}.{i + 1}",
            jabatan_nama,
            JenisJabatan.ADMINISTRATOR,
            eselon,
        )
        rest = budget - 1
        direct = min(int(self.rng.random() * 3), max(0, rest - 4))
        self.staff(b, direct, 2, k)
        rest -= direct
        c = min(max(2, math.ceil(rest / 100)), 5)
        short = nama.split(" ", 1)[-1]
        for j, size in enumerate(self.split(rest, c, 2)):
            if sekretariat:
                s_nama = data.SUBBAGIAN[j % len(data.SUBBAGIAN)]
            else:
                s_nama = f"Seksi {data.SEKSI[(i * 3 + j) % len(data.SEKSI)]} {short}"
            self.plan_seksi(b, s_nama, sekretariat, j, size, k)

    def plan_seksi(self, b: _Unit, nama: str, sekretariat: bool, j: int, budget: int, k: int) -> None:
        s = self.unit(
            nama,
            3,
            b,
            b.urusan,
            b.opd,
            j + 1,
            f"{b.kode}.{j + 1}",
            f"Kepala {nama}",
            JenisJabatan.PENGAWAS,
            Eselon.IV_A,
        )
        rest = budget - 1
        if rest < 5:
            self.staff(s, rest, 3, k)
            return
        direct = 2 + int(self.rng.random() * (min(6, rest - 3) - 1))
        self.staff(s, direct, 3, k)
        rest -= direct
        u = min(max(1, round(rest / 9)), 10)
        topic = b.urusan.split(" dan ")[0].title() if not sekretariat else nama.split(" ", 1)[-1]
        for m, size in enumerate(self.split(rest, u, 3)):
            if sekretariat:
                u_nama = f"Satuan Pelaksana {topic} {data.ROMAWI[m % len(data.ROMAWI)]}"
            else:
                u_nama = f"UPT {topic} {data.WILAYAH[(j * 5 + m) % len(data.WILAYAH)]}"
                if m >= len(data.WILAYAH):
                    u_nama += f" {data.ROMAWI[m // len(data.WILAYAH)]}"
            upt = self.unit(
                u_nama,
                4,
                s,
                s.urusan,
                s.opd,
                m + 1,
                f"{s.kode}.{m + 1}",
                f"Kepala {u_nama}",
                JenisJabatan.PENGAWAS,
                Eselon.IV_B,
            )
            # Some UPT are unit kerja mandiri: their kepala plans with the JPT form (domain.md §4.5).
            upt.mandiri = self.rng.random() < 0.1
            self.staff(upt, size - 1, 4, k)

    def write_org(self) -> None:
        self.instansi = Instansi.objects.create(kode=self.o.kode, nama=self.o.nama, tempat=self.o.tempat)
        self.w.counts["organisasi.Instansi"] += 1
        self._jabatan_next = self.w.ids(Jabatan, 0)
        self._pegawai_next = self.w.ids(Pegawai, 0)
        unit_first = self.w.ids(UnitKerja, 0)
        with self.stage("organisasi", self.o.pegawai) as bar:
            self.plan_org()
            self.w.ids(Jabatan, len(self.jabatan_rows))
            self.w.ids(Pegawai, len(self.orang))
            self.w.ids(UnitKerja, len(self.units))
            for u in self.units:
                u.id = unit_first + u.idx
            paths: dict[int, str] = {}
            rows = []
            for u in self.units:
                parent = self.units[u.parent] if u.parent is not None else None
                paths[u.idx] = f"{paths[parent.idx] if parent else '/'}{u.id}/"
                rows.append(
                    (
                        u.id,
                        self.instansi.pk,
                        u.kode,
                        u.nama,
                        parent.id if parent else None,
                        u.jabatan,
                        u.mandiri,
                        paths[u.idx],
                        u.level,
                        u.urutan,
                    )
                )
            self.w.write(
                Jabatan,
                ("id", "instansi", "kode", "nama", "jenis", "eselon", "kategori", "jenjang"),
                self.jabatan_rows,
            )
            self.w.write(
                UnitKerja,
                (
                    "id",
                    "instansi",
                    "kode",
                    "nama",
                    "parent",
                    "pimpinan_jabatan",
                    "mandiri",
                    "path",
                    "kedalaman",
                    "urutan",
                ),
                rows,
            )
            self.pengaturan = PengaturanPenilaian.objects.create(
                instansi=self.instansi, frekuensi=self.o.frekuensi
            )
            PustakaUmpanBalik.objects.bulk_create(
                PustakaUmpanBalik(instansi=self.instansi, kalimat=k) for k in data.PUSTAKA_UMPAN_BALIK
            )
            self.w.counts["penilaian.PengaturanPenilaian"] += 1
            self.w.counts["penilaian.PustakaUmpanBalik"] += len(data.PUSTAKA_UMPAN_BALIK)
            bar.update(self.o.pegawai)

    # --- pegawai and users -----------------------------------------------------------------------

    def precompute_penilai(self) -> None:
        """The pejabat penilai by the same rules penilai_rebuild applies (organisasi.rules), so that
        Pegawai and RantaiAtasan are written in bulk; resolve_penilai then runs the service itself."""
        units = self.units
        snapshot = org_rules.OrgSnapshot(
            unit_parent={u.id: units[u.parent].id if u.parent is not None else None for u in units},
            unit_pimpinan={u.id: u.head for u in units},
            pegawai_unit={p.id: units[p.unit].id for p in self.orang},
            pegawai_jenis={p.id: self.jabatan_info[p.jabatan][1] for p in self.orang},
            penetapan={},
        )
        penilai = {p.id: org_rules.resolve_pejabat_penilai(snapshot, p.id) for p in self.orang}
        self.chains = org_rules.semua_rantai_atasan(penilai)

    def write_pegawai(self) -> None:
        n = len(self.orang)
        self.precompute_penilai()
        chains = self.chains
        with self.stage("pegawai", 2 * n) as bar:
            units = self.units
            joined = self.at(dt.date(self.tahun - 1, 12, 1))
            self.w.write(
                Pegawai,
                (
                    "id",
                    "instansi",
                    "nip",
                    "nama",
                    "gelar_depan",
                    "gelar_belakang",
                    "status_kepegawaian",
                    "golongan",
                    "jabatan",
                    "unit_kerja",
                    "email",
                    "tmt_jabatan",
                    "aktif",
                    "pejabat_penilai",
                    "atasan_pejabat_penilai",
                    "created_at",
                    "updated_at",
                ),
                (
                    (
                        p.id,
                        self.instansi.pk,
                        p.nip,
                        p.nama,
                        p.depan,
                        p.belakang,
                        p.status,
                        p.golongan,
                        p.jabatan,
                        units[p.unit].id,
                        p.email,
                        p.tmt_jabatan,
                        True,
                        chains[p.id][0] if chains[p.id] else None,
                        chains[p.id][1] if len(chains[p.id]) > 1 else None,
                        joined,
                        joined,
                    )
                    for p in self.orang
                ),
                progress=bar.update,
            )
            # One account per pegawai, the password hashed once (hashing is deliberately slow).
            password = make_password(self.o.password)
            self.user_first = self.w.ids(User, n)
            admin_pk = self.admin_pegawai()
            self.w.write(
                User,
                (
                    "id",
                    "password",
                    "last_login",
                    "is_superuser",
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "is_staff",
                    "is_active",
                    "date_joined",
                    "role",
                    "pegawai",
                    "harus_ganti_password",
                ),
                (
                    (
                        self.user_first + i,
                        password,
                        None,
                        False,
                        p.nip,
                        "",
                        "",
                        p.email,
                        False,
                        True,
                        joined,
                        Role.ADMIN_INSTANSI if p.id == admin_pk else Role.PEGAWAI,
                        p.id,
                        False,
                    )
                    for i, p in enumerate(self.orang)
                ),
                progress=bar.update,
            )

    def admin_pegawai(self) -> int:
        """The pengelola kinerja: the Kepala Subbagian Umum dan Kepegawaian of the first OPD that has one."""
        for u in self.units:
            if u.level == 3 and u.nama == data.SUBBAGIAN[0]:
                return u.head
        return self.units[0].head

    def grup_unit(self) -> dict[int, int]:
        """Unit idx -> 0 or 1: whole OPD, about half of the pegawai each; the top unit in half 0."""
        opd: dict[int, int] = {}
        for u in self.units:  # parents come before their children
            opd[u.idx] = u.idx if u.level <= 1 else opd[u.parent or 0]
        size = Counter(opd[p.unit] for p in self.orang)
        load = [size[0], 0]
        half = {0: 0}
        for idx, n in sorted(((i, n) for i, n in size.items() if i != 0), key=lambda item: -item[1]):
            g = 0 if load[0] <= load[1] else 1
            half[idx] = g
            load[g] += n
        return {u.idx: half[opd[u.idx]] for u in self.units}

    def user_of(self, pegawai_id: int) -> int:
        return self.user_first + pegawai_id - self._pegawai_next

    def resolve_penilai(self) -> None:
        with self.stage("penilai", len(self.orang)) as bar:
            first = self.w.ids(RantaiAtasan, sum(len(c) for c in self.chains.values()))
            ids = _Sequential(first)
            self.w.write(
                RantaiAtasan,
                ("id", "pegawai", "atasan", "kedalaman"),
                ids.number(
                    (pk, atasan, depth)
                    for pk, chain in self.chains.items()
                    for depth, atasan in enumerate(chain, start=1)
                ),
            )
            self.w.finish(RantaiAtasan)
            # The service is the authority: it re-resolves everything and corrects what differs
            # (nothing, when the rules above were applied right); what it leaves is used below.
            self.rebuild = org_services.penilai_rebuild(instansi=self.instansi)
            self.pp: dict[int, int | None] = {}
            self.app: dict[int, int | None] = {}
            for pk, pp, app in Pegawai.objects.filter(instansi=self.instansi).values_list(
                "pk", "pejabat_penilai_id", "atasan_pejabat_penilai_id"
            ):
                self.pp[pk], self.app[pk] = pp, app
            bar.update(len(self.orang))

    # --- SKP -----------------------------------------------------------------------------------

    def identitas(self, pegawai_id: int | None) -> dict[str, str]:
        """skp.selectors._identitas_pegawai of the current data."""
        if pegawai_id is None:
            return {}
        p = self.orang[pegawai_id - self._pegawai_next]
        return {
            "nip": p.nip,
            "nama": p.nama_lengkap,
            "pangkat_golongan": org_rules.pangkat_golongan(p.golongan),
            "jabatan": self.jabatan_info[p.jabatan][0],
            "unit_kerja": self.units[p.unit].nama,
        }

    def snapshot(self, plan: _SkpPlan) -> dict[str, Any]:
        """skp.selectors.identitas_baru at approval: the SKP's own pejabat penilai and atasan."""
        return {
            "instansi": self.o.nama,
            "tempat": self.o.tempat,
            "pegawai": self.identitas(plan.pegawai),
            "pejabat_penilai": self.identitas(plan.pp),
            "atasan_pejabat_penilai": self.identitas(plan.app),
        }

    def day(self, start: dt.date, lo: int, hi: int) -> dt.date:
        return start + dt.timedelta(days=lo + int(self.rng.random() * (hi - lo + 1)))

    def build_skp(self) -> None:
        rng = self.rng
        tahun = self.tahun
        depth: dict[int, int] = {}

        def depth_of(pk: int) -> int:
            chain = []
            node: int | None = pk
            while node is not None and node not in depth:
                chain.append(node)
                node = self.pp.get(node)
            d = depth[node] if node is not None else -1
            for member in reversed(chain):
                d += 1
                depth[member] = d
            return depth[pk]

        # Two halves of the instansi, whole OPD each, written side by side (see ``parallel``). A
        # bawahan's RHK intervenes an RHK of the same OPD (a Kepala OPD plans with the JPT form), so
        # no row of one half refers to the other. Within a half, atasan come before their bawahan.
        grup = self.grup_unit()
        order = sorted(
            (p.id for p in self.orang),
            key=lambda pk: (grup[self.orang[pk - self._pegawai_next].unit], depth_of(pk), pk),
        )
        n = len(order)
        skp_first = self.w.ids(Skp, 0)
        rhk_next = self.w.ids(RencanaHasilKerja, 0)
        ind_next = self.w.ids(Indikator, 0)
        skp_rows: list[tuple[Any, ...]] = []
        riwayat: list[tuple[Any, ...]] = []
        perilaku: list[tuple[Any, ...]] = []
        lampiran: list[tuple[Any, ...]] = []
        rhk_rows: list[tuple[Any, ...]] = []
        ind_rows: list[tuple[Any, ...]] = []
        self.approved: list[_SkpPlan] = []
        self.diganti: list[_SkpPlan] = []
        # pegawai id -> the RHK of their current SKP that a bawahan may intervene: (id, uraian)
        linkable: dict[int, list[tuple[int, str]]] = {}
        lampiran_bawaan = [
            (jenis, uraian) for jenis, items in skp_rules.LAMPIRAN_BAWAAN.items() for uraian in items
        ]
        core_values = CoreValue.values
        bank = _realisasi_bank()
        next_skp = skp_first
        cut: dict[type[models.Model], int] = {}

        def rhk_and_indikator(
            plan: _SkpPlan,
            u: _Unit,
            texts: list[tuple[Any, ...]] | None,
            asal: list[int] | None,
            link_all: bool,
        ) -> list[tuple[Any, ...]]:
            """Write the RHK and indikator of one SKP version. ``texts`` repeats an earlier version's
            content (a revisi copies it); returns the content for such a copy."""
            nonlocal rhk_next, ind_next
            content: list[tuple[Any, ...]] = []
            if texts is None:
                total = 5 + int(rng.random() * 6)
                tambahan = min(int(rng.random() * 3), total - 4)
                jpt = plan.bentuk == BentukSkp.JPT
                atasan = linkable.get(plan.pp or 0, [])
                for i in range(total):
                    utama = i < total - tambahan
                    jenis = JenisRhk.UTAMA if utama else JenisRhk.TAMBAHAN
                    klas: str
                    pool: tuple[str, ...]
                    if jpt:
                        organisasi = utama and (i < 3 or rng.random() < 0.6)
                        klas = KlasifikasiRhk.ORGANISASI if organisasi else KlasifikasiRhk.INDIVIDU
                        pool = data.RHK_JPT_ORGANISASI if organisasi else data.RHK_JPT_INDIVIDU
                        uraian = pool[(i + int(rng.random() * 3)) % len(pool)]
                        persp = data.PERSPEKTIF[i % 4] if utama else ""
                        tugas = rng.choice(data.PENUGASAN) if utama else ""
                        link: tuple[int, str] | None = None
                    else:
                        klas, persp, tugas = "", "", ""
                        pool = data.RHK_JA if utama else data.RHK_TAMBAHAN
                        uraian = pool[int(rng.random() * len(pool))]
                        link = None
                        if utama and atasan and (link_all or rng.random() < 0.7):
                            link = atasan[int(rng.random() * len(atasan))]
                            if rng.random() < 0.3:
                                uraian = link[1]  # handed down as is (rhk_turunkan)
                    uraian = uraian.format(u=u.urusan, n=u.nama)
                    ukuran = (
                        rng.choice(data.UKURAN_KUALITATIF) if plan.pendekatan == Pendekatan.KUALITATIF else ""
                    )
                    n_ind = 1 + int(rng.random() * 3)
                    objek = data.OBJEK[int(rng.random() * len(data.OBJEK))]
                    targets = tuple(int(rng.random() * 3) for _ in range(n_ind))
                    content.append((jenis, uraian, klas, persp, tugas, link, ukuran, n_ind, objek, targets))
            else:
                content = texts
            urutan: Counter[str] = Counter()
            for pos, (jenis, uraian, klas, persp, tugas, link, ukuran, n_ind, objek, targets) in enumerate(
                content
            ):
                rhk_id = rhk_next
                rhk_next += 1
                urutan[jenis] += 1
                rhk_rows.append(
                    (
                        rhk_id,
                        plan.id,
                        jenis,
                        uraian,
                        klas,
                        persp,
                        tugas,
                        link[0] if link else None,
                        link[1] if link else "",
                        ukuran,
                        asal[pos] if asal else None,
                        urutan[jenis],
                    )
                )
                plan.rhk.append((rhk_id, jenis == JenisRhk.UTAMA))
                for k in range(n_ind):
                    ind_id = ind_next
                    ind_next += 1
                    row, realisasi = _indikator(plan, objek, k, targets[k], bank)
                    ind_rows.append((ind_id, rhk_id, *row, k + 1))
                    plan.indikator.append((ind_id, realisasi))
            return content

        def history(skp_id: int, rows: list[tuple[str, str, str, int, str, dt.datetime]]) -> None:
            for dari, ke, aksi, actor, catatan, when in rows:
                riwayat.append((skp_id, dari, ke, aksi, actor, catatan, when))

        with self.stage("skp", n) as bar:
            for count, pk in enumerate(order, start=1):
                p = self.orang[pk - self._pegawai_next]
                u = self.units[p.unit]
                if grup[p.unit] == 1 and not cut:
                    cut.update(
                        {
                            Skp: len(skp_rows),
                            RencanaHasilKerja: len(rhk_rows),
                            Indikator: len(ind_rows),
                            RiwayatSkp: len(riwayat),
                            PerilakuKerja: len(perilaku),
                            Lampiran: len(lampiran),
                        }
                    )
                    self.approved_cut = len(self.approved)
                    self.diganti_cut = len(self.diganti)
                jenis = self.jabatan_info[p.jabatan][1]
                mandiri = u.mandiri and u.jabatan == p.jabatan
                bentuk = skp_rules.bentuk_skp(jenis, pimpinan_unit_mandiri=mandiri)
                pendekatan = Pendekatan.KUALITATIF if rng.random() < 0.08 else Pendekatan.KUANTITATIF
                awal = skp_rules.periode_awal_default(tahun, p.tmt_jabatan)
                akhir = skp_rules.periode_default(tahun)[1]
                pp, app = self.pp[pk], self.app[pk]
                owner = self.user_of(pk)
                penilai_user = self.user_of(pp) if pp else None
                r = rng.random()
                if pp is None:
                    status = "DRAFT"  # the top has nobody to submit to
                elif r < 0.02 and awal.month == 1:
                    status = "REVISI"
                elif r < 0.84:
                    status = StatusSkp.DISETUJUI
                elif r < 0.92:
                    status = StatusSkp.DIAJUKAN
                elif r < 0.96:
                    status = "KEMBALI"
                else:
                    status = "DRAFT"
                dibuat_day = self.day(max(awal, dt.date(tahun, 1, 2)), 0, 9)
                dibuat = self.at(dibuat_day)
                diajukan = self.at(self.day(dibuat_day, 1, 6))
                disetujui = self.at(self.day(diajukan.date(), 1, 6))
                plan = _SkpPlan(next_skp, pk, StatusSkp.DRAFT, bentuk, pendekatan, awal, akhir, pp, app)
                next_skp += 1
                seri = uuid.UUID(int=rng.getrandbits(128), version=4)
                ekspektasi = {cv: rng.choice(data.EKSPEKTASI) for cv in core_values if rng.random() < 0.08}
                hist: list[tuple[str, str, str, int, str, dt.datetime]] = [
                    ("", StatusSkp.DRAFT, "DIBUAT", owner, "", dibuat)
                ]
                catatan_kembali = ""
                tanggal_diajukan = tanggal_disetujui = None
                penetapan = None
                snapshot: dict[str, Any] = {}
                updated = dibuat
                final_status = StatusSkp.DRAFT
                if status in (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, "KEMBALI", "REVISI"):
                    assert penilai_user is not None
                    hist.append((StatusSkp.DRAFT, StatusSkp.DIAJUKAN, "DIAJUKAN", owner, "", diajukan))
                    tanggal_diajukan = updated = diajukan
                    final_status = StatusSkp.DIAJUKAN
                    if status == "KEMBALI":
                        catatan_kembali = rng.choice(data.CATATAN_KEMBALI)
                        hist.append(
                            (
                                StatusSkp.DIAJUKAN,
                                StatusSkp.DRAFT,
                                "DIKEMBALIKAN",
                                penilai_user,
                                catatan_kembali,
                                disetujui,
                            )
                        )
                        updated, final_status = disetujui, StatusSkp.DRAFT
                    elif status in (StatusSkp.DISETUJUI, "REVISI"):
                        hist.append(
                            (
                                StatusSkp.DIAJUKAN,
                                StatusSkp.DISETUJUI,
                                "DISETUJUI",
                                penilai_user,
                                "",
                                disetujui,
                            )
                        )
                        tanggal_disetujui = updated = disetujui
                        penetapan = timezone.localdate(disetujui)
                        final_status = StatusSkp.DISETUJUI
                        plan.status = StatusSkp.DISETUJUI
                        snapshot = self.snapshot(plan)
                plan.status = final_status
                plan.disetujui = tanggal_disetujui
                link_all = final_status != StatusSkp.DRAFT
                content = rhk_and_indikator(plan, u, None, None, link_all)
                v1_rhk = [rhk_id for rhk_id, _utama in plan.rhk]
                current = plan
                if status == "REVISI":
                    # v2 copies v1 (skp_revisi), is approved, and v1 becomes DIGANTI (skp_setujui).
                    rev_day = self.day(max(disetujui.date(), dt.date(tahun, 2, 1)), 0, 30)
                    rev = self.at(rev_day)
                    rev_aju = self.at(self.day(rev_day, 1, 4))
                    rev_ok = self.at(self.day(rev_aju.date(), 1, 4))
                    v2 = _SkpPlan(
                        next_skp,
                        pk,
                        StatusSkp.DISETUJUI,
                        bentuk,
                        pendekatan,
                        awal,
                        akhir,
                        pp,
                        app,
                        versi=2,
                        revisi_dari=plan.id,
                    )
                    next_skp += 1
                    v2.disetujui = rev_ok
                    hist.append(
                        (
                            StatusSkp.DISETUJUI,
                            StatusSkp.DIGANTI,
                            "DIGANTI",
                            penilai_user or owner,
                            "Diganti versi 2.",
                            rev_ok,
                        )
                    )
                    plan.status = StatusSkp.DIGANTI
                    updated = rev_ok
                    changed = [list(c) for c in content]
                    changed[0][1] = f"{changed[0][1]} (revisi)"
                    rhk_and_indikator(v2, u, [tuple(c) for c in changed], v1_rhk, True)
                    current = v2
                    self.diganti.append(plan)
                skp_rows.append(
                    (
                        plan.id,
                        pk,
                        p.jabatan,
                        u.id,
                        pp,
                        app,
                        bentuk,
                        pendekatan,
                        tahun,
                        awal,
                        akhir,
                        plan.status,
                        False,
                        seri,
                        1,
                        None,
                        snapshot,
                        catatan_kembali,
                        tanggal_diajukan,
                        tanggal_disetujui,
                        penetapan,
                        owner,
                        dibuat,
                        updated,
                    )
                )
                history(plan.id, hist)
                for i, cv in enumerate(core_values, start=1):
                    perilaku.append((plan.id, cv, ekspektasi.get(cv, ""), i))
                for i, (jl, uraian) in enumerate(lampiran_bawaan, start=1):
                    lampiran.append((plan.id, jl, uraian, i))
                if current is not plan:
                    assert penilai_user is not None
                    skp_rows.append(
                        (
                            current.id,
                            pk,
                            p.jabatan,
                            u.id,
                            pp,
                            app,
                            bentuk,
                            pendekatan,
                            tahun,
                            awal,
                            akhir,
                            StatusSkp.DISETUJUI,
                            False,
                            seri,
                            2,
                            plan.id,
                            self.snapshot(current),
                            "",
                            rev_aju,
                            rev_ok,
                            timezone.localdate(rev_ok),
                            owner,
                            rev,
                            rev_ok,
                        )
                    )
                    history(
                        current.id,
                        [
                            ("", StatusSkp.DRAFT, "REVISI", owner, data.REVISI, rev),
                            (StatusSkp.DRAFT, StatusSkp.DIAJUKAN, "DIAJUKAN", owner, "", rev_aju),
                            (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, "DISETUJUI", penilai_user, "", rev_ok),
                        ],
                    )
                    for i, cv in enumerate(core_values, start=1):
                        perilaku.append((current.id, cv, ekspektasi.get(cv, ""), i))
                    for i, (jl, uraian) in enumerate(lampiran_bawaan, start=1):
                        lampiran.append((current.id, jl, uraian, i))
                if current.status == StatusSkp.DISETUJUI:
                    self.approved.append(current)
                # What a bawahan may intervene: the current version's UTAMA RHK; of a JPT SKP only
                # klasifikasi ORGANISASI (skp.rules.rhk_atasan_error).
                start = len(rhk_rows) - len(current.rhk)
                linkable[pk] = [
                    (row[0], row[3])
                    for row in rhk_rows[start:]
                    if row[2] == JenisRhk.UTAMA
                    and (bentuk != BentukSkp.JPT or row[4] == KlasifikasiRhk.ORGANISASI)
                ]
                if count % 5000 == 0:
                    bar.update(5000)
            bar.update(n % 5000)
        if not cut:  # everything in the first half (cannot happen with two OPD or more)
            for model, rows in (
                (Skp, skp_rows),
                (RencanaHasilKerja, rhk_rows),
                (Indikator, ind_rows),
                (RiwayatSkp, riwayat),
                (PerilakuKerja, perilaku),
                (Lampiran, lampiran),
            ):
                cut[model] = len(rows)
            self.approved_cut, self.diganti_cut = len(self.approved), len(self.diganti)

        with self.stage("skp tulis", sum(len(rows) for rows in (skp_rows, rhk_rows, ind_rows))) as bar:
            for model, rows in ((Skp, skp_rows), (RencanaHasilKerja, rhk_rows), (Indikator, ind_rows)):
                self.w.ids(model, len(rows))
            numbered = {
                RiwayatSkp: (self.w.ids(RiwayatSkp, len(riwayat)), riwayat),
                PerilakuKerja: (self.w.ids(PerilakuKerja, len(perilaku)), perilaku),
                Lampiran: (self.w.ids(Lampiran, len(lampiran)), lampiran),
            }
            lists: dict[type[models.Model], list[tuple[Any, ...]]] = {
                Skp: skp_rows,
                RencanaHasilKerja: rhk_rows,
                Indikator: ind_rows,
            }

            def bagian(grup: int) -> Callable[[BulkWriter], None]:
                def job(w: BulkWriter) -> None:
                    for model, fields in FIELDS_SKP:
                        first, rows = numbered.get(model, (None, lists.get(model, [])))
                        lo, hi = (0, cut[model]) if grup == 0 else (cut[model], len(rows))
                        if first is None:
                            w.write(model, fields, rows[lo:hi], progress=bar.update)
                        else:
                            w.write(model, fields, ((first + i, *rows[i]) for i in range(lo, hi)))

                return job

            # Each half of the OPD writes its own SKP and everything under them: no row of one half
            # refers to a row of the other, so the two transactions never wait on each other.
            self.parallel([bagian(0), bagian(1)])

    # --- evaluation ----------------------------------------------------------------------------

    def build_penilaian(self) -> None:
        with self.stage("penilaian", len(self.approved)):
            rencana = self.plan_penilaian()
        self.write_penilaian(rencana)

    def plan_penilaian(
        self,
    ) -> Penilaian:
        rng = self.rng
        tahun = self.tahun
        ref = self.ref
        frek = self.o.frekuensi
        batas_hari = self.pengaturan.batas_hari
        units = self.units
        pimpinan_jabatan = {u.id: u.jabatan for u in units}
        periods_cache: dict[tuple[dt.date, dt.date], list[pen_rules.Periode]] = {}

        def periods_of(plan: _SkpPlan) -> list[pen_rules.Periode]:
            key = (plan.awal, plan.akhir)
            if key not in periods_cache:
                periods_cache[key] = pen_rules.periode_penilaian(frek, plan.awal, plan.akhir)
            return periods_cache[key]

        # 1. Predikat organisasi of every unit below the top, for every period that has ended, set by
        #    the pimpinan of the unit above (penilaian.policies.may_set_predikat_organisasi).
        ended_keys: list[tuple[str, int, dt.date]] = [
            (p.jenis, p.nomor, p.akhir)
            for p in pen_rules.periode_penilaian(frek, dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
            if p.akhir < ref
        ]
        admin_user = self.user_of(self.admin_pegawai())
        org: dict[tuple[int, str, int], str] = {}
        org_rows: list[tuple[Any, ...]] = []
        for u in units:
            if u.parent is None:
                continue
            parent = units[u.parent]
            by = self.user_of(parent.head) if parent.head else admin_user
            for jenis, nomor, akhir in ended_keys:
                predikat = _pick(PREDIKAT_ORG, rng.random())
                org[(u.id, jenis, nomor)] = predikat
                org_rows.append((u.id, tahun, jenis, nomor, predikat, by, self.at(self.day(akhir, 1, 2))))

        # 2. The periods of every approved SKP (periode_sinkron) and what happened in each: ratings
        #    first, then the distribution at penetapan, then keberatan.
        unit_of_pegawai = {p.id: units[p.unit] for p in self.orang}
        jabatan_of = {p.id: p.jabatan for p in self.orang}
        periode_first = self.w.ids(PeriodePenilaian, 0)
        next_periode = periode_first
        events: list[list[Any]] = []  # one per period, see below
        counts: dict[tuple[int, str, int], Counter[str]] = {}
        dc, ac = self.diganti_cut, self.approved_cut
        items = [(p, True) for p in self.diganti[:dc]] + [(p, False) for p in self.approved[:ac]]
        items += [(p, True) for p in self.diganti[dc:]] + [(p, False) for p in self.approved[ac:]]
        self.periode_cut = 0
        for n_item, (plan, replaced) in enumerate(items):
            if n_item == dc + ac:
                self.periode_cut = next_periode  # the first period of the second half
            if replaced:
                # A replaced version keeps the periods made when it was approved; nothing was filled in.
                for i, per in enumerate(periods_of(plan), start=1):
                    events.append(
                        [next_periode, plan, per, i, PS.BELUM_DINILAI, "", "", "", "", None, None, False]
                    )
                    next_periode += 1
                continue
            u = unit_of_pegawai[plan.pegawai]
            pimpinan = pimpinan_jabatan[u.id] == jabatan_of[plan.pegawai]
            plist = periods_of(plan)
            latest = max(
                (p.akhir for p in plist if p.akhir < ref and p.jenis != JenisPeriode.AKHIR), default=None
            )
            for i, per in enumerate(plist, start=1):
                status = PS.BELUM_DINILAI
                rhk = rpk = predikat = capaian = deskripsi = ""
                dinilai = ditetapkan = None
                span = (ref - per.akhir).days
                if per.akhir < ref and plan.disetujui is not None and plan.disetujui.date() <= per.akhir:
                    cuts = (
                        STATUS_BARU if per.akhir == latest or per.jenis == JenisPeriode.AKHIR else STATUS_LAMA
                    )
                    r = rng.random()
                    status = (
                        PS.BELUM_DINILAI
                        if r < cuts[0]
                        else PS.DINILAI
                        if r < cuts[1]
                        else PS.DITETAPKAN
                        if r < cuts[2]
                        else PS.KEBERATAN
                        if r < cuts[3]
                        else PS.FINAL
                    )
                    if span < 21 and status != PS.BELUM_DINILAI:
                        status = PS.DINILAI  # too recent to have been finalised
                    if status in (PS.KEBERATAN, PS.FINAL) and (plan.app is None or span < 36):
                        status = PS.DITETAPKAN  # nobody to decide, or too recent for an objection
                if status != PS.BELUM_DINILAI:
                    capaian = org.get((u.id, per.jenis, per.nomor), "")
                    spread = SEBARAN.get(capaian or PredikatOrganisasi.BAIK, SEBARAN[PredikatOrganisasi.BAIK])
                    target = _pick(spread, rng.random())
                    pairs = PASANGAN[target]
                    rhk, rpk = pairs[int(rng.random() * len(pairs))]
                    if capaian and pimpinan:
                        rhk = pen_rules.rating_hasil_kerja_pimpinan(capaian)
                    predikat = pen_rules.predikat_kinerja(rhk, rpk)
                    deskripsi = data.DESKRIPSI_RATING[int(rng.random() * len(data.DESKRIPSI_RATING))]
                    dinilai = self.at(self.day(per.akhir, 3, min(12, max(3, span - 1))))
                    if status != PS.DINILAI:
                        ditetapkan = self.at(self.day(per.akhir, 13, 20))
                    if not pimpinan:
                        counts.setdefault((u.id, per.jenis, per.nomor), Counter())[predikat] += 1
                events.append(
                    [
                        next_periode,
                        plan,
                        per,
                        i,
                        status,
                        rhk,
                        rpk,
                        predikat,
                        capaian,
                        dinilai,
                        ditetapkan,
                        pimpinan,
                        deskripsi,
                    ]
                )
                next_periode += 1

        distribusi: dict[tuple[int, str, int], str] = {}
        for key, counter in counts.items():
            org_unit = org.get(key)
            if org_unit:
                hasil = pen_rules.cek_distribusi(
                    org_unit, counter, bulat_bawah=self.pengaturan.pembulatan_bawah
                )
                distribusi[key] = data.ALASAN_DISTRIBUSI if hasil.pelanggaran else ""

        periode_rows: list[tuple[Any, ...]] = []
        riwayat: list[tuple[Any, ...]] = []
        keberatan: list[tuple[Any, ...]] = []
        ak_rows: list[tuple[Any, ...]] = []
        # what the pegawai and the penilai filled in: (periode id, plan, period, open for input until, rated)
        filled: list[Isian] = []
        for ev in events:
            pid, plan, per, urutan, status = ev[0], ev[1], ev[2], ev[3], ev[4]
            batas = pen_rules.batas_pengisian(per.akhir, batas_hari)
            if len(ev) == 12:  # a replaced version
                periode_rows.append(_periode_tanpa_nilai(pid, plan.id, per, urutan, batas, status))
                continue
            rhk, rpk, predikat, capaian, dinilai, ditetapkan, pimpinan, deskripsi = ev[5:]
            u = unit_of_pegawai[plan.pegawai]
            penilai_user = self.user_of(plan.pp) if plan.pp else None
            alasan = ""
            if status in (PS.DITETAPKAN, PS.KEBERATAN, PS.FINAL) and not pimpinan:
                alasan = distribusi.get((u.id, per.jenis, per.nomor), "")
            if plan.disetujui is not None and per.awal <= self.ref:
                filled.append((pid, plan, per, min(batas, self.ref), dinilai))
            if status == PS.BELUM_DINILAI:
                periode_rows.append(_periode_tanpa_nilai(pid, plan.id, per, urutan, batas, status))
                continue
            assert penilai_user is not None and dinilai is not None
            riwayat.append(
                (
                    pid,
                    PS.BELUM_DINILAI,
                    PS.DINILAI,
                    "DINILAI",
                    penilai_user,
                    f"{rhk} / {rpk} -> {predikat}",
                    dinilai,
                )
            )
            semula = predikat
            diputuskan = None
            if ditetapkan is not None:
                riwayat.append(
                    (pid, PS.DINILAI, PS.DITETAPKAN, "DITETAPKAN", penilai_user, alasan, ditetapkan)
                )
            if status in (PS.KEBERATAN, PS.FINAL):
                assert ditetapkan is not None and plan.app is not None
                owner = self.user_of(plan.pegawai)
                diajukan = self.at(self.day(ditetapkan.date(), 1, 7))
                alasan_k = rng.choice(data.ALASAN_KEBERATAN)
                riwayat.append(
                    (pid, PS.DITETAPKAN, PS.KEBERATAN, "KEBERATAN_DIAJUKAN", owner, alasan_k, diajukan)
                )
                jelas = status == PS.FINAL or rng.random() < 0.5
                jelas_pada = self.at(self.day(diajukan.date(), 1, 3)) if jelas else None
                if jelas:
                    riwayat.append(
                        (
                            pid,
                            PS.KEBERATAN,
                            PS.KEBERATAN,
                            "KEBERATAN_DIJELASKAN",
                            penilai_user,
                            data.PENJELASAN,
                            jelas_pada,
                        )
                    )
                keputusan = ""
                if status == PS.FINAL:
                    assert jelas_pada is not None
                    keputusan = NAIK.get(predikat, predikat) if rng.random() < 0.4 else predikat
                    diputuskan = self.at(self.day(jelas_pada.date(), 1, 5))
                    riwayat.append(
                        (
                            pid,
                            PS.KEBERATAN,
                            PS.FINAL,
                            "KEBERATAN_DIPUTUSKAN",
                            self.user_of(plan.app),
                            f"Predikat {semula} -> {keputusan}. {data.KEPUTUSAN}",
                            diputuskan,
                        )
                    )
                    predikat = keputusan
                keberatan.append(
                    (
                        pid,
                        alasan_k,
                        diajukan,
                        semula,
                        data.PENJELASAN if jelas else "",
                        jelas_pada,
                        keputusan,
                        data.KEPUTUSAN if keputusan else "",
                        plan.app if keputusan else None,
                        diputuskan,
                    )
                )
            periode_rows.append(
                (
                    pid,
                    plan.id,
                    per.jenis,
                    per.nomor,
                    urutan,
                    per.awal,
                    per.akhir,
                    batas,
                    status,
                    capaian,
                    rhk,
                    rpk,
                    deskripsi,
                    predikat,
                    alasan,
                    plan.pp,
                    dinilai,
                    ditetapkan,
                )
            )
            # A finalised period of a jabatan fungsional converts to angka kredit (penilaian.services
            # ._konversi_ak): the periodic ones, unless the instansi converts the AKHIR only.
            _nama, jenis_j, jenjang = self.jabatan_info[jabatan_of[plan.pegawai]]
            if (
                ditetapkan is not None
                and jenis_j == JenisJabatan.FUNGSIONAL
                and (per.jenis == JenisPeriode.AKHIR) == self.pengaturan.ak_dari_akhir
            ):
                bulan = pen_rules.jumlah_bulan(per.awal, per.akhir)
                ak_rows.append(
                    (
                        pid,
                        plan.pegawai,
                        per.awal.year,
                        jenjang,
                        predikat,
                        pen_rules.PERSENTASE_PREDIKAT[predikat],
                        pen_rules.JENJANG_JF[jenjang].koefisien,
                        bulan,
                        pen_rules.angka_kredit(bulan=bulan, predikat=predikat, jenjang=jenjang),
                        ditetapkan,
                        diputuskan or ditetapkan,
                    )
                )

        if not self.periode_cut:
            self.periode_cut = next_periode
        self.w.ids(PeriodePenilaian, len(periode_rows))
        return Penilaian(periode_rows, org_rows, riwayat, keberatan, ak_rows, filled)

    def write_penilaian(self, r: Penilaian) -> None:
        """The periods and what was filled in them: realisasi per indikator, bukti dukung links per RHK
        and umpan balik of the pejabat penilai for every period that has begun (nearly complete for the
        ended ones, partial for the one under way), with the riwayat, keberatan and angka kredit.
        Each half of the instansi is one transaction; each generator has its own random stream, so
        running them side by side stays reproducible."""
        ref = self.ref
        sumber = data.SUMBER_DATA
        n_sumber = len(sumber)
        label = {
            (per.jenis, per.nomor): (
                f"{NAMA_PERIODE.get(per.jenis, 'Tahunan')} {data.ROMAWI[per.nomor - 1]} {self.tahun}"
                if per.jenis != JenisPeriode.AKHIR
                else f"Tahunan {self.tahun}"
            )
            for _pid, _plan, per, _batas, _dinilai in r.filled
        }
        core_values = CoreValue.values
        seed = self.o.seed
        pool = self.pool

        def span(plan: _SkpPlan, per: pen_rules.Periode, until: dt.date) -> tuple[int, int]:
            # Input opens when the SKP is approved and closes at the batas pengisian.
            lo = max(per.awal, per.akhir - dt.timedelta(days=10)) if per.akhir < ref else per.awal
            assert plan.disetujui is not None
            lo = max(lo, plan.disetujui.date())
            return lo.toordinal(), max(0, (until - lo).days) + 1

        def realisasi(filled: list[Isian], grup: int) -> Iterator[tuple[Any, ...]]:
            rng = random.Random(seed * 10 + 1 + grup)  # noqa: S311 - reproducible test data
            f = rng.random
            for pid, plan, per, until, _dinilai in filled:
                share = 0.9 if per.akhir < ref else 0.3
                lo, days = span(plan, per, until)
                for ind_id, bank in plan.indikator:
                    if f() < share:
                        when = pool(lo + int(f() * days))[int(f() * 32)]
                        yield (pid, ind_id, bank[int(f() * len(bank))], sumber[int(f() * n_sumber)], when)

        def bukti(filled: list[Isian], grup: int) -> Iterator[tuple[Any, ...]]:
            rng = random.Random(seed * 10 + 3 + grup)  # noqa: S311 - reproducible test data
            f = rng.random
            for pid, plan, per, until, _dinilai in filled:
                share = 0.5 if per.akhir < ref else 0.2
                owner = self.user_of(plan.pegawai)
                nama = f"Laporan {label[(per.jenis, per.nomor)]}"
                lo, days = span(plan, per, until)
                for rhk_id, utama in plan.rhk:
                    if utama and f() < share:
                        url = f"https://arsip.{self.domain}/bukti/{pid}/{rhk_id}"
                        when = pool(lo + int(f() * days))[int(f() * 32)]
                        yield (pid, rhk_id, nama, url, "", "", "", "", "", 0, owner, when)

        def umpan_balik(filled: list[Isian], grup: int) -> Iterator[tuple[Any, ...]]:
            rng = random.Random(seed * 10 + 5 + grup)  # noqa: S311 - reproducible test data
            f = rng.random
            for pid, plan, per, _until, dinilai in filled:
                if plan.pp is None:
                    continue
                # Before the rating (the period is not finalised yet) and never after the evaluation date.
                last = min(per.akhir, ref - dt.timedelta(days=1))
                if dinilai is not None:
                    last = min(last, dinilai.date())
                assert plan.disetujui is not None
                start = max(per.awal, plan.disetujui.date())
                if last < start:
                    continue
                lo, days = start.toordinal(), (last - start).days + 1
                for _ in range(int(f() * 3)):
                    when = pool(lo + int(f() * days))[int(f() * 32)]
                    isi = data.UMPAN_BALIK[int(f() * len(data.UMPAN_BALIK))]
                    if f() < 0.5:
                        yield (pid, plan.rhk[int(f() * len(plan.rhk))][0], "", isi, plan.pp, when)
                    else:
                        yield (pid, None, core_values[int(f() * 7)], isi, plan.pp, when)

        def halves(rows: list[Any]) -> tuple[list[Any], list[Any]]:
            k = bisect.bisect_left(rows, self.periode_cut, key=lambda row: row[0])
            return rows[:k], rows[k:]

        periode = halves(r.periode_rows)
        filled = halves(r.filled)
        numbered = {
            RiwayatPeriode: (self.w.ids(RiwayatPeriode, len(r.riwayat)), halves(r.riwayat)),
            Keberatan: (self.w.ids(Keberatan, len(r.keberatan)), halves(r.keberatan)),
            KonversiAngkaKredit: (self.w.ids(KonversiAngkaKredit, len(r.ak_rows)), halves(r.ak_rows)),
        }
        # Rows of the streams are counted only as they are made: the second half starts after the
        # most the first could write (one realisasi per indikator, one bukti per RHK utama, two
        # umpan balik per period).
        bound = {
            Realisasi: sum(len(plan.indikator) for _p, plan, _per, _u, _d in filled[0]),
            BuktiDukung: sum(1 for _p, plan, _per, _u, _d in filled[0] for _r, utama in plan.rhk if utama),
            UmpanBalik: 2 * len(filled[0]),
        }
        streams = {
            Realisasi: (FIELDS_REALISASI, realisasi),
            BuktiDukung: (FIELDS_BUKTI, bukti),
            UmpanBalik: (FIELDS_UMPAN_BALIK, umpan_balik),
        }
        first = {model: self.w.ids(model, 0) for model in streams}
        seq = {
            model: (_Sequential(first[model]), _Sequential(first[model] + bound[model])) for model in streams
        }
        estimate = sum(len(plan.indikator) for _p, plan, _per, _u, _d in r.filled)
        with self.stage("penilaian tulis", len(r.periode_rows) + estimate) as bar:
            with self.commit():
                first_org = self.w.ids(PredikatOrganisasiUnit, len(r.org_rows))
                self.w.write(
                    PredikatOrganisasiUnit,
                    (
                        "id",
                        "unit_kerja",
                        "tahun",
                        "jenis",
                        "nomor",
                        "predikat",
                        "ditetapkan_oleh",
                        "updated_at",
                    ),
                    ((first_org + i, *row) for i, row in enumerate(r.org_rows)),
                )

            def bagian(grup: int) -> Callable[[BulkWriter], None]:
                def job(w: BulkWriter) -> None:
                    w.write(PeriodePenilaian, FIELDS_PERIODE, periode[grup], progress=bar.update)
                    for model, (start, (lo, hi)) in numbered.items():
                        offset = start + (0 if grup == 0 else len(lo))
                        rows = lo if grup == 0 else hi
                        w.write(
                            model, FIELDS_PENILAIAN[model], ((offset + i, *row) for i, row in enumerate(rows))
                        )
                    for model, (fields, make) in streams.items():
                        progress = bar.update if model is Realisasi else None
                        w.write(
                            model,
                            fields,
                            seq[model][grup].number(make(filled[grup], grup)),
                            progress=progress,
                        )

                return job

            self.parallel([bagian(0), bagian(1)])
        for model in streams:
            self.w.ids(model, bound[model] + seq[model][1].count)

    # --- the whole run ---------------------------------------------------------------------------

    @contextmanager
    def commit(self) -> Iterator[None]:
        """One stage's transaction (PostgreSQL, run at top level); a savepoint otherwise."""
        with transaction.atomic():
            self.w.begin()
            yield

    def parallel(self, jobs: list[Callable[[BulkWriter], None]]) -> None:
        """Run writers that do not depend on each other. On PostgreSQL each gets its own connection and
        transaction, so the database works on both cores (its per-row foreign key checks are the main
        cost); elsewhere, or inside a caller's transaction, they run one after the other."""
        if not self.side_by_side:
            for job in jobs:
                job(self.w)
            return
        errors: list[BaseException] = []
        lock = threading.Lock()

        def work(job: Callable[[BulkWriter], None]) -> None:
            try:
                writer = BulkWriter(connections[DEFAULT_DB_ALIAS])
                with transaction.atomic():
                    writer.begin()
                    job(writer)
                with lock:
                    self.w.counts.update(writer.counts)
            except BaseException as exc:
                errors.append(exc)
            finally:
                connections[DEFAULT_DB_ALIAS].close()

        threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]

    def run(self) -> Hasil:
        if self.o.pegawai < MINIMUM_PEGAWAI:
            raise ValueError(f"Jumlah pegawai minimal {MINIMUM_PEGAWAI}.")
        # At top level on PostgreSQL each stage commits and independent tables are written side by
        # side; a failure then deletes what was written. Otherwise it is all one transaction.
        self.side_by_side = connection.vendor == "postgresql" and not connection.in_atomic_block
        outer = contextlib.nullcontext() if self.side_by_side else transaction.atomic()
        with outer:
            with self.commit():
                existing = Instansi.objects.filter(kode=self.o.kode).first()
                if existing is not None:
                    if not self.o.replace:
                        jumlah = Pegawai.objects.filter(instansi=existing).count()
                        raise SudahAda(
                            f"Instansi dengan kode {self.o.kode} sudah ada ({existing.nama}, "
                            f"{jumlah:,} pegawai). Gunakan --replace untuk menghapus data instansi itu dan "
                            "membangunnya ulang, atau pilih --kode lain."
                        )
                    with self.stage("hapus", 1) as bar:
                        hapus_instansi(existing)
                        bar.update(1)
                self.used_nip = set(Pegawai.objects.values_list("nip", flat=True))
                self.used_nip |= set(User.objects.values_list("username", flat=True))
                self.write_org()
                self.write_pegawai()
                self.resolve_penilai()
            try:
                self.build_skp()
                self.build_penilaian()
                self.w.finish()
            except BaseException:
                if self.side_by_side:  # earlier stages are committed: take them back
                    with transaction.atomic():
                        hapus_instansi(Instansi.objects.get(pk=self.instansi.pk))
                raise
        if self.side_by_side:
            with self.stage("analyze", 1), connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for whoever queries the data next
        return Hasil(self.instansi.pk, dict(self.w.counts), dict(self.detik))


class _Sequential:
    """Numbers rows of a generator whose length is known only at the end."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.count = 0

    def number(self, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
        for row in rows:
            yield (self.first + self.count, *row)
            self.count += 1


def _pick(table: tuple[tuple[str, float], ...], r: float) -> str:
    for value, upto in table:
        if r < upto:
            return value
    return table[-1][0]


def _realisasi_bank() -> dict[str, tuple[str, ...]]:
    return {
        "Dokumen": tuple(f"{k} Dokumen" for k in (1, 2, 3, 4, 5, 6)),
        "%": tuple(f"{k}%" for k in (85, 90, 95, 98, 100)),
        "Bulan": ("3 Bulan", "Tepat waktu"),
        "Indeks": ("81,5", "82,7", "84,1", "86,0"),
        "Nilai": ("72,4", "75,8", "78,1"),
        "": data.REALISASI_KUALITATIF,
    }


def _indikator(
    plan: _SkpPlan, objek: str, k: int, t: int, bank: dict[str, tuple[str, ...]]
) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """(aspek, indikator, target_min, target_max, satuan, target_kualitatif) and its realisasi bank,
    shaped as skp.services._indikator_clean leaves them."""
    if plan.pendekatan == Pendekatan.KUALITATIF:
        return ("", f"Kualitas {objek} yang dihasilkan", None, None, "", data.TARGET_KUALITATIF), bank[""]
    if plan.bentuk == BentukSkp.JPT:
        aspek, teks, targets, satuan = data.INDIKATOR_JPT[k % 3]
    else:
        aspek, teks, targets, satuan = data.INDIKATOR_JA[k % 3]
    target = Decimal(targets[t % len(targets)])
    lo = target - 10 if satuan == "%" and t == 0 else target  # some targets are a range ("80 - 90 %")
    return (aspek, teks.format(o=objek), lo, target, satuan, ""), bank[satuan]


def seed_scale(opsi: Opsi, progress: ProgressFactory | None = None) -> Hasil:
    """Build the instansi; raises SudahAda when it exists and ``opsi.replace`` is not set."""
    return _Builder(opsi, progress).run()
