"""Pegawai import from a SIASN-like CSV or XLSX file (issue #2 point 5; format in docs/import.md).

Each step works alone: ``import_parse`` reads a file into rows (refusing one that is too big or not a
spreadsheet), ``import_check`` validates every row against the instansi and plans the writes without
writing, ``import_apply`` writes that plan all-or-nothing. ``import_batch_*`` keep an uploaded file
between the dry run and the apply, so that applying re-reads and re-checks exactly what was checked.

Built for 100,000 rows: no query per row. Codes and existing pegawai are loaded into dicts once,
rows are compared in memory, and only new or changed rows are written, in bulk and in batches.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import secrets
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar, cast

import openpyxl
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, IntegerField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.models import Role, User
from kinerja.organisasi import rules, services
from kinerja.organisasi.enums import Golongan, StatusKepegawaian
from kinerja.organisasi.models import ImportPegawai, Instansi, Jabatan, Pegawai, UnitKerja

logger = logging.getLogger(__name__)

KOLOM_WAJIB = ("nip", "nama", "status_kepegawaian", "golongan", "kode_jabatan", "kode_unit_kerja")
KOLOM_OPSIONAL = ("gelar_depan", "gelar_belakang", "email", "tmt_jabatan")
# The template's column order.
KOLOM: tuple[str, ...] = ("nip", "nama", "gelar_depan", "gelar_belakang", "status_kepegawaian", "golongan")
KOLOM += ("kode_jabatan", "kode_unit_kerja", "email", "tmt_jabatan")
FORMAT_TANGGAL = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
BATCH = 2000
PROGRESS_EVERY = 1000
# A zip that unpacks far beyond the upload limit is a zip bomb, not a pegawai list.
XLSX_UNPACKED_FACTOR = 20
# Enough for any real file; beyond this the upload is the wrong file altogether.
MAX_ERRORS_STORED = 20_000
SAMPLE = 100
# Model field -> the file column that sets it, for the "what changes" lists.
FIELD_COLUMN = {"jabatan_id": "kode_jabatan", "unit_kerja_id": "kode_unit_kerja"}
# "1.98501E+17": a NIP that a spreadsheet turned into a number before saving as CSV.
NIP_ILMIAH = re.compile(r"\d+([.,]\d+)?[eE][+]?\d+")

Progress = Callable[[int], object]
T = TypeVar("T")


class BerkasTidakValid(ValidationError):
    """The file as a whole is refused (size, type, header): nothing is read from it."""


class ImportDitolak(ValidationError):
    """Applying was refused because rows have errors; ``plan`` lists them."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(
            _("Impor tidak diterapkan: %(n)d baris bermasalah. Tidak ada data yang diubah.")
            % {"n": plan.baris_salah},
            code="baris_salah",
        )
        self.plan = plan


@dataclass(frozen=True, slots=True)
class RowData:
    """One data row as written, cleaned of spaces. ``None`` in an optional column keeps the stored value."""

    baris: int  # the spreadsheet row; the header is row 1
    nip: str
    nama: str
    status_kepegawaian: str
    golongan: str
    kode_jabatan: str
    kode_unit_kerja: str
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    email: str | None = None
    tmt_jabatan: str | None = None
    nip_angka: bool = False  # the NIP cell held a number: Excel may already have lost digits


@dataclass(frozen=True)
class ParsedFile:
    format: str  # "CSV" or "XLSX"
    rows: list[RowData]
    kolom_diabaikan: list[str]


@dataclass(frozen=True, slots=True)
class RowError:
    baris: int
    nip: str
    kolom: str
    pesan: str


@dataclass(frozen=True, slots=True)
class Perubahan:
    pk: int
    nip: str
    nama: str
    fields: dict[str, Any]


@dataclass
class ImportPlan:
    jumlah_baris: int
    errors: list[RowError] = field(default_factory=list)
    baru: list[dict[str, Any]] = field(default_factory=list)
    berubah: list[Perubahan] = field(default_factory=list)
    tetap: int = 0

    @property
    def baris_salah(self) -> int:
        return len({e.baris for e in self.errors})


@dataclass(frozen=True)
class ImportResult:
    baru: int
    berubah: int
    tetap: int
    akun_dibuat: int


# --- Parse ---------------------------------------------------------------------------------------


def import_parse(*, fileobj: IO[bytes], filename: str = "", progress: Progress | None = None) -> ParsedFile:
    """Read a CSV or XLSX into rows, recognised by content, never by name; refuse anything else."""
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    limit = settings.KINERJA_IMPORT_MAX_MB * 1024 * 1024
    if size > limit:
        raise BerkasTidakValid(
            _("Berkas terlalu besar (%(s).1f MB); batasnya %(m)d MB.")
            % {"s": size / 1024 / 1024, "m": settings.KINERJA_IMPORT_MAX_MB},
            code="terlalu_besar",
        )
    if size == 0:
        raise BerkasTidakValid(_("Berkas kosong."), code="kosong")
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"PK\x03\x04"):
        with closing(_read_xlsx(fileobj, limit * XLSX_UNPACKED_FACTOR)) as table:
            return _rows("XLSX", table, progress)
    _refuse_known_binary(head, filename)
    return _rows("CSV", _read_csv(fileobj.read()), progress)


def _refuse_known_binary(head: bytes, filename: str) -> None:
    gambar = _("Berkas '%(f)s' adalah gambar, bukan CSV atau XLSX.")
    known = {
        b"%PDF": _("Berkas '%(f)s' adalah PDF, bukan CSV atau XLSX."),
        b"\x89PNG": gambar,
        b"\xff\xd8\xff": gambar,
        b"GIF8": gambar,
        b"\xd0\xcf\x11\xe0": _(
            "Berkas '%(f)s' berformat Excel lama (.xls) yang tidak didukung; simpan sebagai .xlsx atau CSV."
        ),
    }
    for magic, message in known.items():
        if head.startswith(magic):
            raise BerkasTidakValid(message % {"f": filename or "?"}, code="bukan_spreadsheet")


def _not_spreadsheet() -> BerkasTidakValid:
    return BerkasTidakValid(
        _("Berkas ini bukan CSV atau XLSX. Unduh templat dari halaman impor, isi, lalu unggah kembali."),
        code="bukan_spreadsheet",
    )


def _read_xlsx(fileobj: IO[bytes], max_unpacked: int) -> Generator[tuple[int, Sequence[Any]]]:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise _not_spreadsheet() from None
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise _not_spreadsheet()
    if sum(info.file_size for info in infos) > max_unpacked:
        raise BerkasTidakValid(_("Isi berkas XLSX terlalu besar."), code="terlalu_besar")
    fileobj.seek(0)
    try:
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types on a damaged file; all mean the same to the admin
        logger.info("XLSX tidak terbaca", exc_info=True)
        raise BerkasTidakValid(
            _("Berkas XLSX rusak atau tidak dapat dibaca; simpan ulang dari Excel atau LibreOffice."),
            code="rusak",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the stored size may be stale; read every row there is
        # Read-only mode fills in missing rows, so the count is the spreadsheet's row number.
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Iterator[tuple[int, Sequence[Any]]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")  # Excel's "Unicode text"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")  # Excel's "CSV" on Windows
            except UnicodeDecodeError:
                raise _not_spreadsheet() from None
    if any(ch < " " and ch not in "\t\r\n\f" for ch in text[:4096]):
        raise _not_spreadsheet()
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=lambda d: len(set(_header_names(header.split(d))) & set(KOLOM)))
    # A spreadsheet row is a CSV record (a quoted cell may span lines).
    return enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)


def _header_names(cells: Iterable[Any]) -> list[str]:
    return ["_".join(str(c or "").strip().lower().replace("-", " ").split()) for c in cells]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _rows(fmt: str, table: Iterator[tuple[int, Sequence[Any]]], progress: Progress | None) -> ParsedFile:
    try:
        header = next((cells for _n, cells in table if any(_text(c) for c in cells)), None)
        if header is None:
            raise BerkasTidakValid(_("Berkas tidak berisi data."), code="kosong")
        names = _header_names(header)
        pos: dict[str, int] = {}
        for i, name in enumerate(names):
            if name in KOLOM and name in pos:
                raise BerkasTidakValid(
                    _("Kolom '%(k)s' muncul lebih dari sekali.") % {"k": name}, code="kolom"
                )
            pos.setdefault(name, i)
        missing = [k for k in KOLOM_WAJIB if k not in pos]
        if missing:
            raise BerkasTidakValid(
                _("Kolom wajib tidak ada: %(k)s. Baris pertama harus berisi nama kolom seperti pada templat.")
                % {"k": ", ".join(missing)},
                code="kolom",
            )
        rows: list[RowData] = []
        count = 0
        for count, (number, cells) in enumerate(table, start=1):
            values = [_text(c) for c in cells]
            if any(values):
                rows.append(_row(number, cells, values, pos))
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(PROGRESS_EVERY)
    except csv.Error:
        raise _not_spreadsheet() from None
    if progress is not None:
        progress(count % PROGRESS_EVERY)
    if not rows:
        raise BerkasTidakValid(_("Berkas hanya berisi baris judul, tanpa data pegawai."), code="kosong")
    return ParsedFile(format=fmt, rows=rows, kolom_diabaikan=[n for n in names if n and n not in KOLOM])


def _row(number: int, cells: Sequence[Any], values: list[str], pos: dict[str, int]) -> RowData:
    def get(name: str) -> str:
        i = pos.get(name)
        return values[i] if i is not None and i < len(values) else ""

    raw_nip = cells[pos["nip"]] if pos["nip"] < len(cells) else None
    return RowData(
        baris=number,
        nip="".join(get("nip").split()).lstrip("'"),
        nama=get("nama"),
        status_kepegawaian=get("status_kepegawaian"),
        golongan=get("golongan"),
        kode_jabatan=get("kode_jabatan"),
        kode_unit_kerja=get("kode_unit_kerja"),
        gelar_depan=get("gelar_depan") or None,
        gelar_belakang=get("gelar_belakang") or None,
        email=get("email") or None,
        tmt_jabatan=get("tmt_jabatan") or None,
        nip_angka=isinstance(raw_nip, int | float) and not isinstance(raw_nip, bool),
    )


# --- Check ---------------------------------------------------------------------------------------


def _kode_map(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Codes as stored, plus their upper-case form when that is unambiguous (admins type 'kadis')."""
    exact = dict(pairs)
    folded: dict[str, int | None] = {}
    for kode, pk in exact.items():
        folded[kode.upper()] = None if kode.upper() in folded else pk
    return {**{k: v for k, v in folded.items() if v is not None}, **exact}


def _chunks(items: list[T]) -> Iterator[list[T]]:
    """Slices small enough for one ``IN (...)`` on every database (SQLite allows 999 parameters)."""
    size = min(connection.features.max_query_params or BATCH, BATCH)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _golongan(text: str) -> str:
    compact = "".join(text.split())
    ruang, slash, huruf = compact.partition("/")
    return f"{ruang.upper()}/{huruf.lower()}" if slash else compact.upper()


def _tanggal(text: str) -> dt.date | None:
    for fmt in FORMAT_TANGGAL:
        try:
            value = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return value if value.year >= rules.NIP_TAHUN_MINIMUM else None
    return None


COMPARED = (*KOLOM_OPSIONAL, "nama", "status_kepegawaian", "golongan", "jabatan_id", "unit_kerja_id")
PANJANG = ("nama", "gelar_depan", "gelar_belakang", "email")
# Choices.values builds a new list on every access; these are read once per row.
STATUS = frozenset(StatusKepegawaian.values)
GOLONGAN = frozenset(Golongan.values)


@dataclass(frozen=True)
class _Lookups:
    jabatan: dict[str, int]
    unit: dict[str, int]
    lain: set[str]  # NIPs of pegawai in other instansi
    akun: set[str]  # usernames taken by an account without this pegawai
    max_len: dict[str, int]
    golongan_error: dict[tuple[str, str], str | None] = field(default_factory=dict)


def import_check(*, instansi: Instansi, rows: list[RowData]) -> ImportPlan:
    """Validate every row and plan the writes; a fixed number of queries (chunked by NIP), no writes."""
    existing = {v["nip"]: v for v in Pegawai.objects.filter(instansi=instansi).values("pk", "nip", *COMPARED)}
    unknown = sorted({r.nip for r in rows if r.nip and r.nip not in existing})
    found = _Lookups(
        jabatan=_kode_map(Jabatan.objects.filter(instansi=instansi).values_list("kode", "pk")),
        unit=_kode_map(UnitKerja.objects.filter(instansi=instansi).values_list("kode", "pk")),
        lain=set(),
        akun=set(),
        max_len={f: cast("CharField[str, str]", Pegawai._meta.get_field(f)).max_length or 0 for f in PANJANG},
    )
    for chunk in _chunks(unknown):
        found.lain.update(Pegawai.objects.filter(nip__in=chunk).values_list("nip", flat=True))
        found.akun.update(User.objects.filter(username__in=chunk).values_list("username", flat=True))
    plan = ImportPlan(jumlah_baris=len(rows))
    first_row: dict[str, int] = {}
    for row in rows:
        errors, want = _check_row(row, found, first_row)
        if errors:
            plan.errors.extend(RowError(row.baris, row.nip, kolom, pesan) for kolom, pesan in errors)
            continue
        have = existing.get(row.nip)
        if have is None:
            plan.baru.append({"nip": row.nip, **want})
            continue
        changed = {k: v for k, v in want.items() if have[k] != v}
        if changed:
            plan.berubah.append(Perubahan(pk=have["pk"], nip=row.nip, nama=row.nama, fields=changed))
        else:
            plan.tetap += 1
    return plan


def _check_row(
    row: RowData, found: _Lookups, first_row: dict[str, int]
) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """(column, message) for every problem of one row, and the field values it asks for."""
    errors: list[tuple[str, str]] = []
    if row.nip_angka or NIP_ILMIAH.fullmatch(row.nip):
        errors.append(
            ("nip", _("NIP harus ditulis sebagai teks, bukan angka: Excel membulatkan angka 18 digit."))
        )
    elif not row.nip:
        errors.append(("nip", _("NIP wajib diisi.")))
    else:
        try:
            rules.validate_nip(row.nip, kode_pppk=settings.KINERJA_NIP_KODE_PPPK)
        except rules.NipTidakValid as exc:
            errors.append(("nip", str(exc)))
        else:
            if row.nip in first_row:
                errors.append(("nip", _("NIP ini sudah ada di baris %(b)d.") % {"b": first_row[row.nip]}))
            elif row.nip in found.lain:
                errors.append(("nip", _("NIP ini terdaftar di instansi lain.")))
            elif row.nip in found.akun:
                errors.append(("nip", _("Sudah ada akun pengguna dengan NIP ini tanpa data pegawai.")))
            first_row.setdefault(row.nip, row.baris)

    if not row.nama:
        errors.append(("nama", _("Nama wajib diisi.")))
    for name, limit in found.max_len.items():
        n = len(getattr(row, name) or "")
        if n > limit:
            errors.append((name, _("Paling banyak %(m)d karakter (terisi %(n)d).") % {"m": limit, "n": n}))
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            errors.append(("email", _("Alamat email '%(e)s' tidak valid.") % {"e": row.email}))

    status, golongan = row.status_kepegawaian.upper(), _golongan(row.golongan)
    if status not in STATUS:
        message = _("Status kepegawaian harus PNS atau PPPK, bukan '%(s)s'.")
        errors.append(("status_kepegawaian", message % {"s": row.status_kepegawaian}))
    if not golongan:
        errors.append(("golongan", _("Golongan wajib diisi.")))
    elif status in STATUS or golongan not in GOLONGAN:
        key = (status, golongan)
        if key not in found.golongan_error:  # a handful of pairs per file: ask the rule once each
            found.golongan_error[key] = rules.golongan_error(status, golongan)
        if found.golongan_error[key]:
            errors.append(("golongan", str(found.golongan_error[key])))

    jabatan_id = found.jabatan.get(row.kode_jabatan) or found.jabatan.get(row.kode_jabatan.upper())
    if jabatan_id is None and not row.kode_jabatan:
        errors.append(("kode_jabatan", _("Kode jabatan wajib diisi.")))
    elif jabatan_id is None:
        message = _("Kode jabatan '%(k)s' tidak ada di instansi ini.")
        errors.append(("kode_jabatan", message % {"k": row.kode_jabatan}))
    unit_id = found.unit.get(row.kode_unit_kerja) or found.unit.get(row.kode_unit_kerja.upper())
    if unit_id is None and not row.kode_unit_kerja:
        errors.append(("kode_unit_kerja", _("Kode unit kerja wajib diisi.")))
    elif unit_id is None:
        message = _("Kode unit kerja '%(k)s' tidak ada di instansi ini.")
        errors.append(("kode_unit_kerja", message % {"k": row.kode_unit_kerja}))
    tmt = _tanggal(row.tmt_jabatan) if row.tmt_jabatan else None
    if row.tmt_jabatan and tmt is None:
        message = _("Tanggal '%(t)s' tidak dikenali; tulis sebagai TTTT-BB-HH atau HH-BB-TTTT.")
        errors.append(("tmt_jabatan", message % {"t": row.tmt_jabatan}))
    if errors:
        return errors, {}

    want: dict[str, Any] = {
        "nama": row.nama,
        "status_kepegawaian": status,
        "golongan": golongan,
        "jabatan_id": jabatan_id,
        "unit_kerja_id": unit_id,
    }
    # An empty optional cell keeps what is stored: an import never erases data.
    want.update({f: getattr(row, f) for f in KOLOM_OPSIONAL[:3] if getattr(row, f) is not None})
    if tmt is not None:
        want["tmt_jabatan"] = tmt
    return errors, want


# --- Apply ---------------------------------------------------------------------------------------


def import_apply(
    *, instansi: Instansi, rows: list[RowData], actor: User | None, progress: Progress | None = None
) -> ImportResult:
    """Check again and write all of it or nothing; raise ImportDitolak when any row is bad.

    ``actor`` is None only from the command line. Pegawai absent from the file are left alone.
    """
    try:
        with transaction.atomic():
            # Two imports into one instansi serialise here, so both never plan the same new NIP.
            Instansi.objects.select_for_update().only("pk").get(pk=instansi.pk)
            plan = import_check(instansi=instansi, rows=rows)
            if plan.errors:
                raise ImportDitolak(plan)
            result = _write(instansi, plan, progress)
    except IntegrityError:
        logger.warning("impor pegawai bentrok dengan perubahan lain", exc_info=True)
        raise ValidationError(
            _("Data pegawai berubah selama impor berjalan. Tidak ada yang disimpan; ulangi impor."),
            code="bentrok",
        ) from None
    logger.info(
        "impor pegawai %s oleh %s: %d baru, %d berubah, %d tetap",
        instansi.kode,
        actor.username if actor else "baris perintah",
        result.baru,
        result.berubah,
        result.tetap,
    )
    return result


def _unusable_password() -> str:
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _write(instansi: Instansi, plan: ImportPlan, progress: Progress | None) -> ImportResult:
    now = timezone.now()
    created = 0
    for start in range(0, len(plan.baru), BATCH):
        batch = Pegawai.objects.bulk_create(
            [Pegawai(instansi=instansi, **values) for values in plan.baru[start : start + BATCH]]
        )
        # New pegawai log in with their NIP once an admin sets a password for them. The password is
        # what make_password(None) gives (unusable), from one urandom call instead of 40 random.choice.
        User.objects.bulk_create(
            User(
                username=p.nip,
                password=_unusable_password(),
                role=Role.PEGAWAI,
                pegawai_id=p.pk,
                email=p.email,
            )
            for p in batch
        )
        created += len(batch)
        if progress is not None:
            progress(len(batch))

    groups: dict[tuple[str, ...], list[Pegawai]] = {}
    for change in plan.berubah:
        groups.setdefault(tuple(sorted(change.fields)), []).append(Pegawai(pk=change.pk, **change.fields))
    for names, objs in groups.items():
        for chunk in _chunks(objs):
            Pegawai.objects.bulk_update(chunk, names)
            # bulk_update skips auto_now; one plain UPDATE is cheaper than a CASE per row.
            Pegawai.objects.filter(pk__in=[o.pk for o in chunk]).update(updated_at=now)
            if progress is not None:
                progress(len(chunk))
    if created or plan.berubah:
        services.penilai_rebuild(instansi=instansi)
    return ImportResult(baru=created, berubah=len(plan.berubah), tetap=plan.tetap, akun_dibuat=created)


# --- Upload batches (the web pages) --------------------------------------------------------------


def import_hasil(parsed: ParsedFile, plan: ImportPlan) -> dict[str, Any]:
    """What the result pages show, as JSON: counts, every bad row, samples of what changes."""
    return {
        "format": parsed.format,
        "jumlah_baris": plan.jumlah_baris,
        "baru": len(plan.baru),
        "berubah": len(plan.berubah),
        "tetap": plan.tetap,
        "baris_salah": plan.baris_salah,
        "jumlah_kesalahan": len(plan.errors),
        "kesalahan": [
            {"baris": e.baris, "nip": e.nip, "kolom": e.kolom, "pesan": e.pesan}
            for e in plan.errors[:MAX_ERRORS_STORED]
        ],
        "kolom_diabaikan": parsed.kolom_diabaikan,
        "contoh_baru": [{"nip": v["nip"], "nama": v["nama"]} for v in plan.baru[:SAMPLE]],
        "contoh_berubah": [
            {"nip": c.nip, "nama": c.nama, "kolom": [FIELD_COLUMN.get(f, f) for f in c.fields]}
            for c in plan.berubah[:SAMPLE]
        ],
    }


def import_batch_create(
    *, instansi: Instansi, actor: User, fileobj: IO[bytes], nama_file: str
) -> ImportPegawai:
    """Check an uploaded file (the dry run) and keep it for applying; a refused file is not stored."""
    parsed = import_parse(fileobj=fileobj, filename=nama_file)
    plan = import_check(instansi=instansi, rows=parsed.rows)
    batch = ImportPegawai(
        instansi=instansi,
        uploaded_by=actor,
        nama_file=nama_file[-255:],
        jumlah_baris=plan.jumlah_baris,
        hasil=import_hasil(parsed, plan),
    )
    fileobj.seek(0)
    batch.file.save(f"{batch.pk}.{parsed.format.lower()}", File(fileobj), save=False)
    try:
        batch.save(force_insert=True)
    except Exception:
        batch.file.delete(save=False)
        raise
    return batch


def import_batch_apply(
    *, batch: ImportPegawai, actor: User, progress: Progress | None = None
) -> ImportPegawai:
    """Apply a checked upload once: lock it, refuse a second apply, re-read and re-check the file."""
    refused: ImportDitolak | None = None
    with transaction.atomic():
        locked = ImportPegawai.objects.select_for_update().select_related("instansi").get(pk=batch.pk)
        if locked.status == ImportPegawai.Status.DITERAPKAN:
            raise ValidationError(_("Impor ini sudah diterapkan sebelumnya."), code="sudah_diterapkan")
        try:
            with locked.file.open("rb") as fh:
                parsed = import_parse(fileobj=fh, filename=locked.nama_file)
        except (FileNotFoundError, ValueError):  # ValueError: the batch has no file at all
            raise ValidationError(
                _("Berkas unggahan ini tidak ditemukan lagi; unggah ulang berkasnya."), code="berkas_hilang"
            ) from None
        try:
            result = import_apply(instansi=locked.instansi, rows=parsed.rows, actor=actor, progress=progress)
        except ImportDitolak as exc:
            # The data changed since the dry run: keep the fresh errors so the page shows them.
            refused = exc
            locked.hasil = import_hasil(parsed, exc.plan)
            locked.save(update_fields=["hasil"])
        else:
            locked.ubah_status(ImportPegawai.Status.DITERAPKAN)
            locked.applied_at = timezone.now()
            locked.applied_by = actor
            locked.hasil = {
                **locked.hasil,
                "baru": result.baru,
                "berubah": result.berubah,
                "tetap": result.tetap,
                "akun_dibuat": result.akun_dibuat,
            }
            locked.save(update_fields=["status", "applied_at", "applied_by", "hasil"])
    if refused is not None:
        raise refused
    return locked


def import_batch_get_for_user(*, user: User, pk: Any) -> ImportPegawai:
    """An upload of the admin's own instansi (any for a superadmin); 403 for non-admins, else 404."""
    if not (user.is_admin_instansi or user.is_superadmin):
        raise PermissionDenied(_("Hanya admin instansi yang boleh mengimpor pegawai."))
    qs = ImportPegawai.objects.select_related("instansi", "uploaded_by__pegawai", "applied_by__pegawai")
    if not user.is_superadmin:
        qs = qs.filter(instansi_id=user.instansi_id or 0)
    try:
        return qs.get(pk=pk)
    except ImportPegawai.DoesNotExist:
        raise Http404(_("Impor tidak ditemukan.")) from None


def import_batch_recent(*, instansi: Instansi, limit: int = 10) -> QuerySet[ImportPegawai]:
    return (
        ImportPegawai.objects.filter(instansi=instansi)
        .select_related("uploaded_by__pegawai")
        .defer("hasil")  # may hold thousands of errors; the list needs only their count
        .annotate(baris_salah=Cast(KT("hasil__baris_salah"), IntegerField()))
        .order_by("-created_at")[:limit]
    )


# --- Template ------------------------------------------------------------------------------------

PETUNJUK = {
    "nip": "198503122010011002 (18 digit, ditulis sebagai teks)",
    "nama": "Dewi Lestari (tanpa gelar)",
    "gelar_depan": "Dr.",
    "gelar_belakang": "S.Kom., M.T.",
    "status_kepegawaian": "PNS atau PPPK",
    "golongan": "PNS: III/a; PPPK: IX",
    "kode_jabatan": "lihat lembar Kode jabatan",
    "kode_unit_kerja": "lihat lembar Kode unit kerja",
    "email": "dewi@contoh.go.id",
    "tmt_jabatan": "2024-01-02 atau 02-01-2024",
}


def import_template(*, instansi: Instansi, fmt: str) -> tuple[bytes, str, str]:
    """The empty template (content, content type, file name); the XLSX also lists the instansi's codes."""
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(KOLOM)
        return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", "templat-impor-pegawai.csv"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    sheet.append(list(KOLOM))
    for i, name in enumerate(KOLOM, start=1):
        column = sheet.column_dimensions[openpyxl.utils.get_column_letter(i)]
        column.width = max(14, len(name) + 4)
        column.number_format = "@"  # text, so that Excel keeps all 18 digits of a NIP
    petunjuk = workbook.create_sheet("Petunjuk")
    petunjuk.append(["kolom", "wajib", "contoh"])
    for name in KOLOM:
        petunjuk.append([name, "ya" if name in KOLOM_WAJIB else "tidak", PETUNJUK[name]])
    for title, model in (("Kode jabatan", Jabatan), ("Kode unit kerja", UnitKerja)):
        codes = workbook.create_sheet(title)
        codes.append(["kode", "nama"])
        for row in model.objects.filter(instansi=instansi).order_by("kode").values_list("kode", "nama"):
            codes.append(list(row))
    out_bytes = io.BytesIO()
    workbook.save(out_bytes)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return out_bytes.getvalue(), content_type, "templat-impor-pegawai.xlsx"
