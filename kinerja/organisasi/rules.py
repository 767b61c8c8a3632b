"""Rules of the regulation about the organisation and its people. Pure functions, no ORM.

Each rule cites its source in domain.md (§ numbers) and the regulation behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kinerja.organisasi.enums import (
    Golongan,
    JenisJabatan,
    JenjangJF,
    KategoriJF,
    StatusKepegawaian,
)

# --- NIP (Nomor Induk Pegawai) -------------------------------------------------------------
# The 18-digit NIP of a PNS: YYYYMMDD (tanggal lahir) + YYYYMM (TMT CPNS) + 1 digit jenis kelamin
# (1 pria, 2 wanita) + 3 digit nomor urut (Peraturan BKN on NIP; domain.md §3, issue #2).
NIP_PANJANG = 18
NIP_TAHUN_MINIMUM = 1900
# G: a NI PPPK carries "21" where a PNS NIP has the TMT month (e.g. 199305152022212001).
# Configurable through settings.KINERJA_NIP_KODE_PPPK; None turns the exception off.
NIP_KODE_PPPK_DEFAULT = "21"


class NipTidakValid(ValueError):
    """A NIP that breaks the format; the message says which part is wrong."""


@dataclass(frozen=True)
class NipInfo:
    tanggal_lahir: dt.date
    tmt_tahun: int
    tmt_bulan: int | None  # None for a NI PPPK code in place of the month
    jenis_kelamin: str  # "L" or "P"
    nomor_urut: int


def validate_nip(nip: str, *, kode_pppk: str | None = NIP_KODE_PPPK_DEFAULT) -> NipInfo:
    """Check an NIP part by part and return what it encodes, or raise NipTidakValid."""
    value = (nip or "").strip()
    if not value.isdigit() or not value.isascii():
        raise NipTidakValid(_("NIP hanya boleh berisi angka."))
    if len(value) != NIP_PANJANG:
        raise NipTidakValid(
            _("NIP harus %(n)d digit, bukan %(m)d digit.") % {"n": NIP_PANJANG, "m": len(value)}
        )
    try:
        lahir = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise NipTidakValid(
            _("Tanggal lahir pada NIP (digit 1-8, %(v)s) bukan tanggal yang valid.") % {"v": value[0:8]}
        ) from None
    if lahir.year < NIP_TAHUN_MINIMUM:
        raise NipTidakValid(_("Tahun lahir pada NIP (digit 1-4) tidak masuk akal."))
    tmt_tahun, tmt_bulan_text = int(value[8:12]), value[12:14]
    tmt_bulan: int | None = int(tmt_bulan_text)
    if kode_pppk is not None and tmt_bulan_text == kode_pppk:
        tmt_bulan = None
    elif not 1 <= int(tmt_bulan_text) <= 12:
        raise NipTidakValid(
            _("Bulan TMT pada NIP (digit 13-14, %(v)s) harus 01 sampai 12.") % {"v": tmt_bulan_text}
        )
    if (tmt_tahun, tmt_bulan or 12) <= (lahir.year, lahir.month):
        raise NipTidakValid(
            _("TMT pada NIP (digit 9-14, %(v)s) harus sesudah tanggal lahir.") % {"v": value[8:14]}
        )
    if value[14] not in "12":
        raise NipTidakValid(
            _("Digit jenis kelamin pada NIP (digit 15) harus 1 atau 2, bukan %(v)s.") % {"v": value[14]}
        )
    urut = int(value[15:18])
    if urut == 0:
        raise NipTidakValid(_("Nomor urut pada NIP (digit 16-18) tidak boleh 000."))
    return NipInfo(
        tanggal_lahir=lahir,
        tmt_tahun=tmt_tahun,
        tmt_bulan=tmt_bulan,
        jenis_kelamin="L" if value[14] == "1" else "P",
        nomor_urut=urut,
    )


# --- Pangkat and golongan ------------------------------------------------------------------
# The pangkat of each PNS golongan ruang (domain.md §2 Golongan, C).
PANGKAT_PNS: dict[str, str] = {
    Golongan.I_A: "Juru Muda",
    Golongan.I_B: "Juru Muda Tingkat I",
    Golongan.I_C: "Juru",
    Golongan.I_D: "Juru Tingkat I",
    Golongan.II_A: "Pengatur Muda",
    Golongan.II_B: "Pengatur Muda Tingkat I",
    Golongan.II_C: "Pengatur",
    Golongan.II_D: "Pengatur Tingkat I",
    Golongan.III_A: "Penata Muda",
    Golongan.III_B: "Penata Muda Tingkat I",
    Golongan.III_C: "Penata",
    Golongan.III_D: "Penata Tingkat I",
    Golongan.IV_A: "Pembina",
    Golongan.IV_B: "Pembina Tingkat I",
    Golongan.IV_C: "Pembina Utama Muda",
    Golongan.IV_D: "Pembina Utama Madya",
    Golongan.IV_E: "Pembina Utama",
}
# PPPK have golongan I-XVII and no pangkat (domain.md §2 StatusKepegawaian, L).
GOLONGAN_PPPK: frozenset[str] = frozenset(g for g in Golongan.values if "/" not in g)


def pangkat_golongan(golongan: str) -> str:
    """The printed "PANGKAT/GOL RUANG" (domain.md §6 identity block), e.g. "Penata Muda, III/a"."""
    pangkat = PANGKAT_PNS.get(golongan)
    return f"{pangkat}, {golongan}" if pangkat else golongan


def golongan_error(status: str, golongan: str) -> str | None:
    """Why a golongan does not fit the status kepegawaian, or None when it does."""
    if golongan not in Golongan.values:
        return _("Golongan '%(g)s' tidak dikenal.") % {"g": golongan}
    if status == StatusKepegawaian.PPPK and golongan not in GOLONGAN_PPPK:
        return _("Golongan PPPK harus I sampai XVII, bukan %(g)s.") % {"g": golongan}
    if status == StatusKepegawaian.PNS and golongan in GOLONGAN_PPPK:
        return _("Golongan PNS harus berbentuk ruang, misalnya III/a, bukan %(g)s.") % {"g": golongan}
    return None


# --- Jabatan ---------------------------------------------------------------------------------
# Jenjang JF per kategori (domain.md §2 JenjangJF; Permen PANRB 1/2023, C).
JENJANG_PER_KATEGORI: dict[str, frozenset[str]] = {
    KategoriJF.KEAHLIAN: frozenset(
        {JenjangJF.AHLI_PERTAMA, JenjangJF.AHLI_MUDA, JenjangJF.AHLI_MADYA, JenjangJF.AHLI_UTAMA}
    ),
    KategoriJF.KETERAMPILAN: frozenset(
        {JenjangJF.PEMULA, JenjangJF.TERAMPIL, JenjangJF.MAHIR, JenjangJF.PENYELIA}
    ),
}


def jabatan_error(jenis: str, kategori: str, jenjang: str) -> str | None:
    """Why a jabatan's kategori/jenjang do not fit its jenis, or None when they do."""
    if jenis == JenisJabatan.FUNGSIONAL:
        if kategori not in JENJANG_PER_KATEGORI:
            return _("Jabatan fungsional harus punya kategori Keahlian atau Keterampilan.")
        if jenjang not in JENJANG_PER_KATEGORI[kategori]:
            return _("Jenjang %(j)s bukan jenjang kategori %(k)s.") % {"j": jenjang, "k": kategori}
    elif kategori or jenjang:
        return _("Hanya jabatan fungsional yang punya kategori dan jenjang.")
    return None


# --- Pejabat penilai kinerja -----------------------------------------------------------------
# Permen PANRB 6/2022 via SE pejabat penilai (domain.md §5.3, C): the pejabat penilai is the atasan
# langsung and at minimum a pejabat pengawas, or an official with delegated authority who holds a JPT,
# administrator or pengawas position.
JENIS_PEJABAT_PENILAI: frozenset[str] = frozenset(
    {
        JenisJabatan.JPT_UTAMA,
        JenisJabatan.JPT_MADYA,
        JenisJabatan.JPT_PRATAMA,
        JenisJabatan.ADMINISTRATOR,
        JenisJabatan.PENGAWAS,
    }
)


def boleh_menjadi_pejabat_penilai(jenis_jabatan: str) -> bool:
    return jenis_jabatan in JENIS_PEJABAT_PENILAI


@dataclass(frozen=True)
class OrgSnapshot:
    """The organisation as plain maps, so that the resolution below needs no database."""

    unit_parent: Mapping[int, int | None]  # unit id -> parent unit id
    unit_pimpinan: Mapping[int, int | None]  # unit id -> pegawai id holding its pimpinan jabatan
    pegawai_unit: Mapping[int, int]  # pegawai id -> unit id
    pegawai_jenis: Mapping[int, str]  # pegawai id -> JenisJabatan of their jabatan
    penetapan: Mapping[int, int]  # pegawai id -> pejabat penilai set by an admin (Plt, tim...)


def resolve_pejabat_penilai(org: OrgSnapshot, pegawai_id: int) -> int | None:
    """Walk up the unit tree to the first pimpinan who may be a pejabat penilai (domain.md §5.3).

    An admin's penetapan (Plt/Plh, ketua tim, delegation) wins. A pegawai who leads their own unit is
    rated by the pimpinan above. A vacant or ineligible pimpinan is skipped, so the walk goes on up.
    """
    if pegawai_id in org.penetapan:
        return org.penetapan[pegawai_id]
    unit: int | None = org.pegawai_unit.get(pegawai_id)
    seen: set[int] = set()
    while unit is not None and unit not in seen:
        seen.add(unit)
        pimpinan = org.unit_pimpinan.get(unit)
        if (
            pimpinan is not None
            and pimpinan != pegawai_id
            and boleh_menjadi_pejabat_penilai(org.pegawai_jenis.get(pimpinan, ""))
        ):
            return pimpinan
        unit = org.unit_parent.get(unit)
    return None


class SiklusAtasan(ValueError):
    """The pejabat penilai links loop back on themselves."""

    def __init__(self, siklus: list[int]) -> None:
        super().__init__(siklus)
        self.siklus = siklus


def rantai_atasan(penilai: Mapping[int, int | None], pegawai_id: int) -> list[int]:
    """The atasan chain of a pegawai, nearest first; raise SiklusAtasan on a loop."""
    chain: list[int] = []
    seen = {pegawai_id}
    current = penilai.get(pegawai_id)
    while current is not None:
        if current in seen:
            raise SiklusAtasan([pegawai_id, *chain, current])
        seen.add(current)
        chain.append(current)
        current = penilai.get(current)
    return chain


def semua_rantai_atasan(penilai: Mapping[int, int | None]) -> dict[int, list[int]]:
    """Every pegawai's chain, nearest first, sharing the work along common chains."""
    memo: dict[int, list[int]] = {}
    for start in penilai:
        path: list[int] = []
        on_path: set[int] = set()
        node: int | None = start
        while node is not None and node not in memo:
            if node in on_path:
                loop = [*path[path.index(node) :], node]
                raise SiklusAtasan(loop)
            on_path.add(node)
            path.append(node)
            node = penilai.get(node)
        tail = memo[node] if node is not None else []
        base = [node, *tail] if node is not None else []
        for member in reversed(path):
            memo[member] = base
            base = [member, *base]
    return memo
