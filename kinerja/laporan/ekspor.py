"""Excel exports of a unit and the units below it (issue #5 point 3): rekap SKP, rekap penilaian,
monitoring and angka kredit.

Rows stream from one ``values_list`` query per export (``.iterator()``) into an openpyxl write-only
workbook built in a spooled temporary file, so neither the rows nor the sheet are ever all in
memory, and the query count does not grow with the rows. Access: the admin of the unit's instansi,
or the pimpinan of the unit or of a unit above it; anyone else gets 404 (no leak).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja.organisasi import selectors as organisasi_selectors
from kinerja.organisasi.models import UnitKerja
from kinerja.organisasi.policies import is_admin_of, unit_get_for_user, unit_visible_to
from kinerja.penilaian import selectors as penilaian_selectors
from kinerja.penilaian.enums import JenisPeriode
from kinerja.penilaian.rules import BULAN_PER_PERIODE
from kinerja.skp import selectors as skp_selectors

if TYPE_CHECKING:
    from kinerja.accounts.models import User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000
# Kept in memory up to this size, then spilled to disk by SpooledTemporaryFile.
MEMORI_MAKS = 8 * 1024 * 1024
TAHUN_MIN, TAHUN_MAKS = 2000, 2100

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Permintaan:
    """The cleaned parameters of one export."""

    jenis: str
    unit_id: int
    tahun: int
    periode_jenis: str = ""
    periode_nomor: int = 0


@dataclass(frozen=True)
class Jenis:
    """One kind of export: its title, its columns (header, width) and how its rows are read."""

    judul: str
    kolom: tuple[tuple[str, int], ...]
    per_periode: bool
    baris: Callable[[UnitKerja, Permintaan], Iterator[Sequence[object]]]


# --- the rows of each kind -------------------------------------------------------------------------


def nama_lengkap(nama: str, depan: str, belakang: str) -> str:
    """As Pegawai.nama_lengkap, from the columns of a values_list row."""
    nama = f"{depan} {nama}".strip()
    return f"{nama}, {belakang}" if belakang else nama


def _stream(qs: QuerySet[Any, tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    return qs.iterator(chunk_size=CHUNK)


def _rekap_skp(unit: UnitKerja, p: Permintaan) -> Iterator[Sequence[object]]:
    # SIASN-like: unit_induk is the OPD, the child of the root unit on the row's path (or the root).
    atas = organisasi_selectors.unit_nama_atas(instansi_id=unit.instansi_id)
    rows = skp_selectors.rekap_skp_rows(unit_path=unit.path, tahun=p.tahun)
    for nip, nama, depan, belakang, jabatan, unit_nama, path, status, awal, akhir in _stream(rows):
        ids = [int(part) for part in path.strip("/").split("/") if part]
        induk = atas.get(ids[1] if len(ids) > 1 else ids[0], unit_nama)
        yield (nip, nama_lengkap(nama, depan, belakang), jabatan, unit_nama, induk, status, awal, akhir)


def _rekap_penilaian(unit: UnitKerja, p: Permintaan) -> Iterator[Sequence[object]]:
    rows = penilaian_selectors.rekap_penilaian_rows(
        unit_path=unit.path, tahun=p.tahun, jenis=p.periode_jenis, nomor=p.periode_nomor
    )
    for nip, nama, depan, belakang, *rest in _stream(rows):
        yield (nip, nama_lengkap(nama, depan, belakang), *(value or "" for value in rest))


def _monitoring(unit: UnitKerja, p: Permintaan) -> Iterator[Sequence[object]]:
    rows = penilaian_selectors.monitoring_rows(unit_path=unit.path, tahun=p.tahun)
    for nip, nama, depan, belakang, jabatan, unit_nama, status, realisasi, dinilai, ditetapkan in _stream(
        rows
    ):
        yield (
            nip,
            nama_lengkap(nama, depan, belakang),
            jabatan,
            unit_nama,
            status or "BELUM_ADA",
            realisasi,
            dinilai,
            ditetapkan,
        )


def _angka_kredit(unit: UnitKerja, p: Permintaan) -> Iterator[Sequence[object]]:
    rows = penilaian_selectors.angka_kredit_rows(unit_path=unit.path, tahun=p.tahun)
    for nip, nama, depan, belakang, jabatan, jenjang, jenis, nomor, *angka in _stream(rows):
        periode = jenis if jenis == JenisPeriode.AKHIR else f"{jenis} {nomor}"
        # persentase, koefisien and angka kredit stay Decimal: openpyxl writes them as numbers.
        yield (nip, nama_lengkap(nama, depan, belakang), jabatan, jenjang, periode, *angka)


NIP, NAMA, JABATAN, UNIT = ("nip", 21), ("nama", 34), ("jabatan", 34), ("unit", 30)

JENIS: dict[str, Jenis] = {
    "rekap-skp": Jenis(
        judul="Rekap SKP",
        kolom=(
            NIP,
            NAMA,
            JABATAN,
            UNIT,
            ("unit_induk", 30),
            ("status", 12),
            ("periode_awal", 13),
            ("periode_akhir", 13),
        ),
        per_periode=False,
        baris=_rekap_skp,
    ),
    "rekap-penilaian": Jenis(
        judul="Rekap Penilaian",
        kolom=(
            NIP,
            NAMA,
            JABATAN,
            UNIT,
            ("rating_hasil_kerja", 22),
            ("rating_perilaku_kerja", 22),
            ("predikat", 17),
            ("status", 15),
        ),
        per_periode=True,
        baris=_rekap_penilaian,
    ),
    "monitoring": Jenis(
        judul="Monitoring",
        kolom=(
            NIP,
            NAMA,
            JABATAN,
            UNIT,
            ("status_skp", 12),
            ("realisasi_terisi", 16),
            ("periode_dinilai", 16),
            ("periode_ditetapkan", 19),
        ),
        per_periode=False,
        baris=_monitoring,
    ),
    "angka-kredit": Jenis(
        judul="Angka Kredit",
        kolom=(
            NIP,
            NAMA,
            JABATAN,
            ("jenjang", 16),
            ("periode", 13),
            ("predikat", 17),
            ("persentase", 11),
            ("koefisien", 10),
            ("bulan", 7),
            ("angka_kredit", 14),
        ),
        per_periode=False,
        baris=_angka_kredit,
    ),
}


# --- parameters and access -------------------------------------------------------------------------


def _bulat(data: Mapping[str, Any], nama: str, label: str, lo: int, hi: int) -> int:
    raw = data.get(nama)
    text = "" if raw is None else str(raw).strip()
    if not text:
        raise ValidationError(f"{label} wajib diisi.", code="wajib")
    if not text.isdigit() or not lo <= int(text) <= hi:
        raise ValidationError(f"{label} harus bilangan bulat antara {lo} dan {hi}.", code="tidak_valid")
    return int(text)


def permintaan(jenis: str, data: Mapping[str, Any]) -> Permintaan:
    """Clean the parameters of an export; 404 for an unknown kind, ValidationError (400, in Bahasa
    Indonesia) for a missing or bad parameter."""
    if jenis not in JENIS:
        raise Http404("Jenis ekspor tidak dikenal.")
    unit_id = _bulat(data, "unit", "Unit kerja", 1, 2**31 - 1)
    tahun = _bulat(data, "tahun", "Tahun", TAHUN_MIN, TAHUN_MAKS)
    if not JENIS[jenis].per_periode:
        return Permintaan(jenis=jenis, unit_id=unit_id, tahun=tahun)
    periode_jenis = str(data.get("periode_jenis") or "").strip().upper()
    if periode_jenis not in JenisPeriode.values:
        raise ValidationError(
            "Jenis periode harus salah satu dari: " + ", ".join(JenisPeriode.values) + ".",
            code="tidak_valid",
        )
    # Twelve months a year: 4 triwulan, 2 semester, 1 evaluasi akhir.
    nomor = _bulat(data, "periode_nomor", "Nomor periode", 1, 12 // BULAN_PER_PERIODE.get(periode_jenis, 12))
    return Permintaan(
        jenis=jenis, unit_id=unit_id, tahun=tahun, periode_jenis=periode_jenis, periode_nomor=nomor
    )


def unit_pimpinan(user: User) -> UnitKerja | None:
    """The unit at the top of what this user may export: the unit they lead, or None when they lead
    none. Admins are checked per unit (``unit_untuk_ekspor``)."""
    return organisasi_selectors.unit_dipimpin(pegawai_id=user.pegawai_id)


def unit_untuk_ekspor(*, user: User, unit_id: int) -> UnitKerja:
    """The unit if this user may export it: the admin of its instansi, or the pimpinan of it or of a
    unit above it. 404 otherwise, also for a unit of the user's own instansi (no leak)."""
    unit = unit_get_for_user(user=user, pk=unit_id)
    if is_admin_of(user, unit.instansi_id):
        return unit
    dipimpin = unit_pimpinan(user)
    if dipimpin is not None and unit.path.startswith(dipimpin.path):
        return unit
    raise Http404("Unit kerja tidak ditemukan.")


def unit_pilihan(*, user: User) -> list[UnitKerja]:
    """The units offered on the export page; 403 for a user who may export none."""
    if user.is_superadmin or user.is_admin_instansi:
        return list(unit_visible_to(user).order_by("path"))
    dipimpin = unit_pimpinan(user)
    if dipimpin is None:
        raise PermissionDenied("Hanya admin instansi dan pimpinan unit yang boleh mengekspor rekap.")
    return list(unit_visible_to(user).filter(path__startswith=dipimpin.path).order_by("path"))


# --- the workbook ----------------------------------------------------------------------------------


def tulis_xlsx(
    *, judul: str, kolom: Sequence[tuple[str, int]], rows: Iterable[Sequence[object]], fh: IO[bytes]
) -> int:
    """Write one sheet to ``fh``: a bold filled header row, frozen below it, with column widths and
    an auto filter over the data. Returns the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(judul[:31])
    # Write-only sheets take their layout before the first row.
    sheet.freeze_panes = "A2"
    for i, (_, lebar) in enumerate(kolom, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = lebar
    header = []
    for nama, _ in kolom:
        cell = WriteOnlyCell(sheet, value=nama)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
        header.append(cell)
    sheet.append(header)
    n = 0
    for row in rows:
        sheet.append(list(row))
        n += 1
    # The auto filter is written after the rows, so it can cover exactly the data.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(kolom))}{n + 1}"
    workbook.save(fh)
    return n


@dataclass
class Berkas:
    fh: IO[bytes]
    nama: str
    baris: int


def buat(*, user: User, p: Permintaan) -> Berkas:
    """The XLSX of an export, checked for access (404), in a spooled temporary file at offset 0."""
    unit = unit_untuk_ekspor(user=user, unit_id=p.unit_id)
    jenis = JENIS[p.jenis]
    fh: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=MEMORI_MAKS)  # noqa: SIM115 (closed by the response)
    try:
        n = tulis_xlsx(judul=jenis.judul, kolom=jenis.kolom, rows=jenis.baris(unit, p), fh=fh)
    except BaseException:
        fh.close()
        raise
    fh.seek(0)
    bagian = [p.jenis, slugify(unit.kode) or str(unit.pk), str(p.tahun)]
    if jenis.per_periode:
        bagian += [p.periode_jenis.lower(), str(p.periode_nomor)]
    return Berkas(fh=fh, nama="-".join(bagian) + ".xlsx", baris=n)


def file_response(berkas: Berkas) -> FileResponse:
    """Stream the file (FileResponse closes it when the response is done)."""
    response = FileResponse(berkas.fh, as_attachment=True, filename=berkas.nama, content_type=XLSX)
    response["Cache-Control"] = "private, no-store"
    return response


def tahun_ini() -> int:
    return timezone.localdate().year
