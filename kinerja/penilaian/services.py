"""Every write of the evaluation and every status change (issue #4, domain.md §5.2).

Same discipline as the SKP services: an explicit actor checked first (403), the period row locked
before its status is read, InvalidTransition for what the status does not allow (409), and a
RiwayatPeriode row for every change of status, rating, unlock and keberatan step.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kinerja.core.errors import field_error, pilihan, teks
from kinerja.core.workflow import InvalidTransition
from kinerja.organisasi.enums import JenisJabatan
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.organisasi.policies import is_admin_of
from kinerja.penilaian import policies, rules
from kinerja.penilaian.enums import JenisPembinaan, JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating
from kinerja.penilaian.models import (
    BukaKunci,
    BuktiDukung,
    Keberatan,
    KonversiAngkaKredit,
    Pembinaan,
    PengaturanPenilaian,
    PeriodePenilaian,
    PredikatOrganisasiUnit,
    PustakaUmpanBalik,
    Realisasi,
    RencanaAksi,
    RiwayatPeriode,
    UmpanBalik,
)
from kinerja.skp.enums import CoreValue, StatusSkp
from kinerja.skp.models import Indikator, RencanaHasilKerja, Skp

if TYPE_CHECKING:
    from kinerja.accounts.models import User

Status = PeriodePenilaian.Status

# Bukti dukung files: PDF, images and office documents, recognised by their bytes (issue #4 pt 2).
JENIS_BERKAS: dict[str, str] = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
}
_URL = URLValidator(schemes=["http", "https"])
BANYAK_PERIODE: dict[str, int] = {
    JenisPeriode.BULANAN: 12,
    JenisPeriode.TRIWULAN: 4,
    JenisPeriode.SEMESTER: 2,
}


# --- helpers -------------------------------------------------------------------------------------


def _lock(periode: PeriodePenilaian) -> PeriodePenilaian:
    return (
        PeriodePenilaian.objects.select_for_update(of=("self",))
        .select_related("skp__pegawai__jabatan", "skp__pegawai__unit_kerja")
        .get(pk=periode.pk)
    )


def _riwayat(
    periode: PeriodePenilaian, *, actor: User, aksi: str, dari: str, ke: str, catatan: str = ""
) -> None:
    RiwayatPeriode.objects.create(periode=periode, actor=actor, aksi=aksi, dari=dari, ke=ke, catatan=catatan)


def pengaturan_for(instansi_id: int) -> PengaturanPenilaian:
    """The instansi's settings, or the defaults (unsaved) when it has never changed them."""
    found = PengaturanPenilaian.objects.filter(instansi_id=instansi_id).first()
    return found or PengaturanPenilaian(instansi_id=instansi_id)


def tahun_of(periode: PeriodePenilaian) -> int:
    return periode.tanggal_awal.year


# --- settings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PengaturanData:
    frekuensi: str
    batas_hari: int
    jendela_keberatan_hari: int
    distribusi_memblokir: bool
    pembulatan_bawah: bool = True
    ak_dari_akhir: bool = False


def pengaturan_update(*, instansi_id: int, actor: User, data: PengaturanData) -> PengaturanPenilaian:
    if not is_admin_of(actor, instansi_id):
        raise PermissionDenied("Hanya admin instansi yang boleh mengubah pengaturan penilaian.")
    frekuensi = pilihan(data.frekuensi, JenisPeriode, field="frekuensi", label="Frekuensi")
    if frekuensi == JenisPeriode.AKHIR:
        raise field_error("frekuensi", "Pilih bulanan, triwulan atau semester.")
    if not 0 <= data.batas_hari <= 90:
        raise field_error("batas_hari", "Batas pengisian harus 0 sampai 90 hari.")
    if not 1 <= data.jendela_keberatan_hari <= 90:
        raise field_error("jendela_keberatan_hari", "Jendela keberatan harus 1 sampai 90 hari.")
    pengaturan, _ = PengaturanPenilaian.objects.update_or_create(
        instansi_id=instansi_id,
        defaults={
            "frekuensi": frekuensi,
            "batas_hari": data.batas_hari,
            "jendela_keberatan_hari": data.jendela_keberatan_hari,
            "distribusi_memblokir": data.distribusi_memblokir,
            "pembulatan_bawah": data.pembulatan_bawah,
            "ak_dari_akhir": data.ak_dari_akhir,
        },
    )
    return pengaturan


# --- periods -------------------------------------------------------------------------------------


def periode_sinkron(*, skp: Skp) -> list[PeriodePenilaian]:
    """Make sure an approved SKP has its periods: the instansi's periodic ones inside the SKP's own
    dates plus the AKHIR evaluation (issue #4 point 1). Idempotent; existing periods are kept."""
    if skp.status not in (StatusSkp.DISETUJUI, StatusSkp.DIGANTI):
        return []
    existing = _periode_of(skp)
    if existing:
        return existing
    pengaturan = pengaturan_for(skp.pegawai.instansi_id)
    with transaction.atomic():
        Skp.objects.select_for_update().filter(pk=skp.pk).first()  # one creator at a time
        if PeriodePenilaian.objects.filter(skp=skp).exists():
            return _periode_of(skp)
        PeriodePenilaian.objects.bulk_create(
            PeriodePenilaian(
                skp=skp,
                jenis=p.jenis,
                nomor=p.nomor,
                urutan=i,
                tanggal_awal=p.awal,
                tanggal_akhir=p.akhir,
                batas_pengisian=rules.batas_pengisian(p.akhir, pengaturan.batas_hari),
            )
            for i, p in enumerate(
                rules.periode_penilaian(pengaturan.frekuensi, skp.periode_awal, skp.periode_akhir), start=1
            )
        )
    return _periode_of(skp)


def _periode_of(skp: Skp) -> list[PeriodePenilaian]:
    periods = list(PeriodePenilaian.objects.filter(skp=skp).order_by("urutan"))
    for p in periods:
        p.skp = skp  # the caller's SKP (with its pegawai), not one query per period
    return periods


def terkunci_untuk_pegawai(periode: PeriodePenilaian, *, hari_ini: dt.date | None = None) -> bool:
    """After the deadline a period is locked for the pegawai unless the admin reopened it for them
    or their unit (or a unit above it); a finalised period is always locked."""
    return terkunci_map([periode], hari_ini=hari_ini)[periode.pk]


def terkunci_map(periods: list[PeriodePenilaian], *, hari_ini: dt.date | None = None) -> dict[int, bool]:
    """``terkunci_untuk_pegawai`` for many periods at once: at most two queries (the units of their
    pegawai, the unlocks that apply), whatever the number of periods."""
    hari_ini = hari_ini or timezone.localdate()
    hasil = {p.pk: p.terkunci_penilai for p in periods}
    lewat = [p for p in periods if not p.terkunci_penilai and hari_ini > p.batas_pengisian]
    if not lewat:
        return hasil
    unit_of = {p.skp.pegawai_id: p.skp.pegawai.unit_kerja_id for p in lewat}
    paths = dict(UnitKerja.objects.filter(pk__in=set(unit_of.values())).values_list("pk", "path"))

    def ancestors(unit_id: int) -> set[int]:
        return {int(part) for part in paths.get(unit_id, "").strip("/").split("/") if part} | {unit_id}

    semua_unit = set().union(*(ancestors(u) for u in unit_of.values()))
    buka = list(
        BukaKunci.objects.filter(
            Q(pegawai_id__in=list(unit_of)) | Q(unit_kerja_id__in=semua_unit),
            tahun__in={tahun_of(p) for p in lewat},
            sampai__gte=hari_ini,
        ).values_list("pegawai_id", "unit_kerja_id", "tahun", "jenis", "nomor")
    )
    for p in lewat:
        units = ancestors(unit_of[p.skp.pegawai_id])
        hasil[p.pk] = not any(
            (pegawai_id == p.skp.pegawai_id or unit_id in units)
            and (tahun, jenis, nomor) == (tahun_of(p), p.jenis, p.nomor)
            for pegawai_id, unit_id, tahun, jenis, nomor in buka
        )
    return hasil


def buka_kunci(
    *,
    actor: User,
    tahun: int,
    jenis: str,
    nomor: int,
    sampai: dt.date,
    alasan: str,
    pegawai: Pegawai | None = None,
    unit_kerja: UnitKerja | None = None,
) -> BukaKunci:
    """The admin reopens a period for a pegawai or a unit until a date, with a reason (issue #4 pt 1)."""
    if (pegawai is None) == (unit_kerja is None):
        raise ValidationError("Pilih satu pegawai atau satu unit kerja.")
    target = pegawai or unit_kerja
    assert target is not None
    if not is_admin_of(actor, target.instansi_id):
        raise PermissionDenied("Hanya admin instansi yang boleh membuka kunci periode.")
    jenis = pilihan(jenis, JenisPeriode, field="jenis", label="Jenis periode")
    alasan = teks(alasan, field="alasan", label="Alasan", batas=1000)
    if sampai < timezone.localdate():
        raise field_error("sampai", "Tanggal buka kunci tidak boleh di masa lalu.")
    with transaction.atomic():
        bk = BukaKunci.objects.create(
            instansi_id=target.instansi_id,
            pegawai=pegawai,
            unit_kerja=unit_kerja,
            tahun=tahun,
            jenis=jenis,
            nomor=nomor,
            sampai=sampai,
            alasan=alasan,
            actor=actor,
        )
        periode_qs = PeriodePenilaian.objects.filter(
            jenis=jenis, nomor=nomor, tanggal_awal__year=tahun
        ).exclude(skp__status=StatusSkp.DIGANTI)
        if pegawai is not None:
            periode_qs = periode_qs.filter(skp__pegawai=pegawai)
        else:
            assert unit_kerja is not None
            periode_qs = periode_qs.filter(skp__pegawai__unit_kerja__path__startswith=unit_kerja.path)
        RiwayatPeriode.objects.bulk_create(
            RiwayatPeriode(
                periode_id=pk,
                actor=actor,
                aksi="BUKA_KUNCI",
                dari=status,
                ke=status,
                catatan=f"Dibuka sampai {sampai:%d-%m-%Y}: {alasan}",
            )
            for pk, status in periode_qs.values_list("pk", "status")
        )
    return bk


# --- realisasi, rencana aksi, bukti dukung -------------------------------------------------------


def _terbuka_untuk_pemilik(periode: PeriodePenilaian, actor: User) -> PeriodePenilaian:
    locked = _lock(periode)
    _periksa_terbuka(locked, actor)
    return locked


def _periksa_terbuka(locked: PeriodePenilaian, actor: User) -> None:
    """The owner may still write to this (locked) period: their SKP is approved and the period is
    not past its deadline without an unlock, nor finalised."""
    policies.require_pemilik(actor, locked)
    if locked.skp.status != StatusSkp.DISETUJUI:
        raise InvalidTransition("SKP belum disetujui; realisasi belum dapat diisi.", dari=locked.skp.status)
    if terkunci_untuk_pegawai(locked):
        raise InvalidTransition(
            "Periode ini sudah terkunci (lewat batas pengisian atau sudah ditetapkan).", dari=locked.status
        )


def realisasi_simpan(
    *,
    periode: PeriodePenilaian,
    indikator: Indikator | int,
    actor: User,
    realisasi: str,
    sumber_data: str,
) -> Realisasi:
    """Insert or replace the realisasi of one indikator in one period: the hot write of the year
    (every pegawai, every period), so it is two statements in its transaction: the period locked
    together with the check that the indikator is its SKP's, and one upsert."""
    realisasi = teks(realisasi, field="realisasi", label="Realisasi", batas=1000)
    sumber_data = teks(sumber_data, field="sumber_data", label="Sumber data", batas=300, wajib=False)
    indikator_id = indikator if isinstance(indikator, int) else indikator.pk
    milik_skp = Indikator.objects.filter(pk=indikator_id, rhk__skp_id=OuterRef("skp_id"))
    with transaction.atomic():
        locked = (
            PeriodePenilaian.objects.select_for_update(of=("self",))
            .select_related("skp")
            .annotate(indikator_ada=Exists(milik_skp))
            .get(pk=periode.pk)
        )
        _periksa_terbuka(locked, actor)
        if not locked.indikator_ada:
            raise field_error("indikator", "Indikator ini bukan bagian dari SKP periode ini.")
        obj = Realisasi(
            periode=locked, indikator_id=indikator_id, realisasi=realisasi, sumber_data=sumber_data
        )
        Realisasi.objects.bulk_create(
            [obj],
            update_conflicts=True,
            unique_fields=["periode", "indikator"],
            update_fields=["realisasi", "sumber_data", "updated_at"],
        )
    return obj


def _rhk_of(periode: PeriodePenilaian, rhk_id: int) -> RencanaHasilKerja:
    rhk = RencanaHasilKerja.objects.filter(pk=rhk_id, skp_id=periode.skp_id).first()
    if rhk is None:
        raise field_error("rhk_id", "RHK ini bukan bagian dari SKP periode ini.")
    return rhk


def rencana_aksi_tambah(
    *, periode: PeriodePenilaian, rhk_id: int, actor: User, uraian: str, target: str = ""
) -> RencanaAksi:
    uraian = teks(uraian, field="uraian", label="Rencana aksi", batas=1000)
    target = teks(target, field="target", label="Target", batas=100, wajib=False)
    with transaction.atomic():
        periode = _terbuka_untuk_pemilik(periode, actor)
        return RencanaAksi.objects.create(
            periode=periode, rhk=_rhk_of(periode, rhk_id), uraian=uraian, target=target
        )


def bukti_tambah_tautan(
    *, periode: PeriodePenilaian, rhk_id: int, actor: User, nama: str, url: str
) -> BuktiDukung:
    nama = teks(nama, field="nama", label="Nama bukti", batas=200)
    url = (url or "").strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise field_error("url", "Tautan harus diawali http:// atau https://.", "skema")
    try:
        _URL(url)
    except ValidationError:
        raise field_error("url", "Tautan tidak valid.", "url") from None
    if len(url) > 1000:
        raise field_error("url", "Tautan terlalu panjang.")
    with transaction.atomic():
        periode = _terbuka_untuk_pemilik(periode, actor)
        return BuktiDukung.objects.create(
            periode=periode, rhk=_rhk_of(periode, rhk_id), nama=nama, url=url, uploaded_by=actor
        )


def jenis_berkas(upload: UploadedFile[Any]) -> tuple[str, str]:
    """(content type, extension) recognised from the file's bytes; refuses anything else."""
    batas = settings.KINERJA_UPLOAD_MAX_MB * 1024 * 1024
    if upload.size is None or upload.size == 0:
        raise field_error("file", "Berkas kosong.", "kosong")
    if upload.size > batas:
        raise field_error(
            "file", f"Berkas terlalu besar (paling besar {settings.KINERJA_UPLOAD_MAX_MB} MB).", "ukuran"
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in JENIS_BERKAS:
        raise field_error(
            "file",
            "Jenis berkas tidak diizinkan. Unggah PDF, gambar (JPG, PNG, GIF, WEBP) atau dokumen kantor.",
            "jenis",
        )
    return kind.mime, JENIS_BERKAS[kind.mime]


def bukti_tambah_berkas(
    *, periode: PeriodePenilaian, rhk_id: int, actor: User, nama: str, upload: UploadedFile[Any]
) -> BuktiDukung:
    """Stores the file under MEDIA_ROOT with a random name; on any failure the file is removed
    again, so a failed upload leaves no orphan (issue #4 "Bad input")."""
    nama = teks(nama or upload.name, field="nama", label="Nama bukti", batas=200)
    content_type, ekstensi = jenis_berkas(upload)
    stored = ""
    try:
        with transaction.atomic():
            periode = _terbuka_untuk_pemilik(periode, actor)
            bukti = BuktiDukung(
                periode=periode,
                rhk=_rhk_of(periode, rhk_id),
                nama=nama,
                kunci=secrets.token_hex(16),
                ekstensi=ekstensi,
                nama_berkas=(upload.name or "")[:255],
                content_type=content_type,
                ukuran=upload.size or 0,
                uploaded_by=actor,
            )
            bukti.berkas.save(bukti.kunci + ekstensi, upload, save=False)
            stored = bukti.berkas.name or ""
            bukti.save()
    except BaseException:
        if stored:
            BuktiDukung._meta.get_field("berkas").storage.delete(stored)
        raise
    return bukti


def bukti_hapus(*, bukti: BuktiDukung, actor: User) -> None:
    with transaction.atomic():
        _terbuka_untuk_pemilik(bukti.periode, actor)
        name = bukti.berkas.name
        BuktiDukung.objects.filter(pk=bukti.pk).delete()
        if name:
            storage = bukti.berkas.storage
            transaction.on_commit(lambda: storage.delete(name))


# --- umpan balik and pembinaan -------------------------------------------------------------------


def umpan_balik_tambah(
    *, periode: PeriodePenilaian, actor: User, isi: str, rhk_id: int | None = None, core_value: str = ""
) -> UmpanBalik:
    """The pejabat penilai's continuous feedback, per RHK or per core value, any time until the
    period is finalised (domain.md §3.12, C)."""
    isi = teks(isi, field="isi", label="Umpan balik", batas=2000)
    if (rhk_id is None) == (not core_value):
        raise ValidationError("Pilih satu RHK atau satu nilai perilaku (core value).", code="sasaran")
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_penilai(actor, periode)
        if periode.skp.status != StatusSkp.DISETUJUI:
            raise InvalidTransition("SKP belum disetujui.", dari=periode.skp.status)
        if periode.terkunci_penilai:
            raise InvalidTransition("Periode sudah ditetapkan.", dari=periode.status)
        rhk = _rhk_of(periode, rhk_id) if rhk_id is not None else None
        cv = pilihan(core_value, CoreValue, field="core_value", label="Core value") if core_value else ""
        assert actor.pegawai_id is not None
        return UmpanBalik.objects.create(
            periode=periode, rhk=rhk, core_value=cv, isi=isi, pemberi_id=actor.pegawai_id
        )


@dataclass(frozen=True)
class PembinaanData:
    jenis: str
    tanggal: dt.date
    topik: str
    catatan: str = ""
    tindak_lanjut: str = ""


def pembinaan_tambah(*, periode: PeriodePenilaian, actor: User, data: PembinaanData) -> Pembinaan:
    jenis = pilihan(data.jenis, JenisPembinaan, field="jenis", label="Jenis pembinaan")
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_penilai(actor, periode)
        assert actor.pegawai_id is not None
        return Pembinaan.objects.create(
            periode=periode,
            jenis=jenis,
            tanggal=data.tanggal,
            topik=teks(data.topik, field="topik", label="Topik", batas=300),
            catatan=teks(data.catatan, field="catatan", label="Catatan", batas=3000, wajib=False),
            tindak_lanjut=teks(
                data.tindak_lanjut, field="tindak_lanjut", label="Tindak lanjut", batas=3000, wajib=False
            ),
            pembina_id=actor.pegawai_id,
        )


# --- predikat organisasi -------------------------------------------------------------------------


def predikat_organisasi_set(
    *, unit: UnitKerja, actor: User, tahun: int, jenis: str, nomor: int, predikat: str
) -> PredikatOrganisasiUnit:
    policies.require_predikat_organisasi(actor, unit)
    jenis = pilihan(jenis, JenisPeriode, field="periode_jenis", label="Jenis periode")
    predikat = pilihan(predikat, PredikatOrganisasi, field="predikat", label="Predikat organisasi")
    if not 2000 <= tahun <= 2100:
        raise field_error("tahun", "Tahun tidak valid.")
    batas_nomor = BANYAK_PERIODE.get(jenis, 1)
    if not 1 <= nomor <= batas_nomor:
        raise field_error("periode_nomor", f"Nomor periode harus 1 sampai {batas_nomor}.")
    obj, _ = PredikatOrganisasiUnit.objects.update_or_create(
        unit_kerja=unit,
        tahun=tahun,
        jenis=jenis,
        nomor=nomor,
        defaults={"predikat": predikat, "ditetapkan_oleh": actor},
    )
    return obj


def predikat_organisasi_of(periode: PeriodePenilaian) -> str:
    """The capaian of the pegawai's unit for this period ('' when not set yet)."""
    return (
        PredikatOrganisasiUnit.objects.filter(
            unit_kerja_id=periode.skp.unit_kerja_id,
            tahun=tahun_of(periode),
            jenis=periode.jenis,
            nomor=periode.nomor,
        )
        .values_list("predikat", flat=True)
        .first()
        or ""
    )


def is_pimpinan_unit(pegawai: Pegawai) -> bool:
    return pegawai.unit_kerja.pimpinan_jabatan_id == pegawai.jabatan_id


# --- penilaian -----------------------------------------------------------------------------------


def penilaian_simpan(
    *,
    periode: PeriodePenilaian,
    actor: User,
    rating_hasil_kerja: str,
    rating_perilaku_kerja: str,
    deskripsi: str = "",
) -> PeriodePenilaian:
    """The pejabat penilai rates; the predikat follows the kuadran (domain.md §0.1). Ratings can
    change until the period is finalised. The rating hasil kerja of a pimpinan unit follows the
    predikat organisasi of their unit when it is set (§4.1)."""
    rating_perilaku_kerja = pilihan(
        rating_perilaku_kerja, Rating, field="rating_perilaku_kerja", label="Rating perilaku kerja"
    )
    deskripsi = teks(deskripsi, field="deskripsi", label="Deskripsi", batas=2000, wajib=False)
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_penilai(actor, periode)
        if periode.skp.status != StatusSkp.DISETUJUI:
            raise InvalidTransition("Hanya SKP yang disetujui yang dapat dinilai.", dari=periode.skp.status)
        if periode.terkunci_penilai:
            raise InvalidTransition(
                "Periode sudah ditetapkan dan tidak dapat dinilai ulang.", dari=periode.status
            )
        org = predikat_organisasi_of(periode)
        if org and is_pimpinan_unit(periode.skp.pegawai):
            rating_hasil_kerja = rules.rating_hasil_kerja_pimpinan(org)
        else:
            rating_hasil_kerja = pilihan(
                rating_hasil_kerja, Rating, field="rating_hasil_kerja", label="Rating hasil kerja"
            )
        dari = periode.pindah_status(Status.DINILAI)
        periode.rating_hasil_kerja = rating_hasil_kerja
        periode.rating_perilaku_kerja = rating_perilaku_kerja
        periode.deskripsi_rating = deskripsi
        periode.predikat = rules.predikat_kinerja(rating_hasil_kerja, rating_perilaku_kerja)
        periode.capaian_kinerja_organisasi = org
        periode.dinilai_oleh_id = actor.pegawai_id
        periode.dinilai_pada = timezone.now()
        periode.save()
        _riwayat(
            periode,
            actor=actor,
            aksi="DINILAI",
            dari=dari,
            ke=periode.status,
            catatan=(
                f"{Rating(rating_hasil_kerja).label} / {Rating(rating_perilaku_kerja).label} -> "
                f"{PredikatPegawai(periode.predikat).label}"
            ),
        )
    return periode


def distribusi_for(
    *, unit_id: int, tahun: int, jenis: str, nomor: int, ganti: tuple[int, str] | None = None
) -> rules.HasilDistribusi | None:
    """The unit's distribution for a period; None when the unit has no predikat organisasi yet.
    ``ganti`` = (periode id, predikat) counts that period with another predikat (what-if)."""
    from kinerja.penilaian.selectors import populasi_distribusi

    org = (
        PredikatOrganisasiUnit.objects.filter(unit_kerja_id=unit_id, tahun=tahun, jenis=jenis, nomor=nomor)
        .values_list("predikat", flat=True)
        .first()
    )
    if not org:
        return None
    unit = UnitKerja.objects.select_related("instansi").get(pk=unit_id)
    jumlah: dict[str, int] = {}
    for pk, predikat in populasi_distribusi(unit=unit, tahun=tahun, jenis=jenis, nomor=nomor):
        if ganti is not None and pk == ganti[0]:
            predikat = ganti[1]
        if predikat:
            jumlah[predikat] = jumlah.get(predikat, 0) + 1
    pengaturan = pengaturan_for(unit.instansi_id)
    return rules.cek_distribusi(org, jumlah, bulat_bawah=pengaturan.pembulatan_bawah)


def periode_tetapkan(
    *, periode: PeriodePenilaian, actor: User, alasan_distribusi: str = ""
) -> PeriodePenilaian:
    """The pejabat penilai finalises the period; it is locked from then on. A breach of the pola
    distribusi blocks, or needs a written reason, as the instansi chose (issue #4 point 5)."""
    alasan_distribusi = teks(
        alasan_distribusi, field="alasan_distribusi", label="Alasan", batas=2000, wajib=False
    )
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_penilai(actor, periode)
        if periode.status != Status.DINILAI:
            raise InvalidTransition("Periode harus dinilai dahulu sebelum ditetapkan.", dari=periode.status)
        pengaturan = pengaturan_for(periode.skp.pegawai.instansi_id)
        # The pimpinan is not in their unit's population (selectors.populasi_distribusi, domain.md
        # §4.4: their rating follows the unit), so the spread of their bawahan does not hold them.
        pimpinan_jabatan_id = (
            UnitKerja.objects.filter(pk=periode.skp.unit_kerja_id)
            .values_list("pimpinan_jabatan_id", flat=True)
            .first()
        )
        hasil = (
            None
            if pimpinan_jabatan_id is not None and pimpinan_jabatan_id == periode.skp.jabatan_id
            else distribusi_for(
                unit_id=periode.skp.unit_kerja_id,
                tahun=tahun_of(periode),
                jenis=periode.jenis,
                nomor=periode.nomor,
            )
        )
        if hasil is not None and hasil.pelanggaran:
            if pengaturan.distribusi_memblokir:
                raise InvalidTransition(
                    "Distribusi predikat unit tidak sesuai pola: " + " ".join(hasil.pelanggaran),
                    dari=periode.status,
                )
            if not alasan_distribusi:
                raise field_error(
                    "alasan_distribusi",
                    "Distribusi predikat unit tidak sesuai pola; tuliskan alasan "
                    "penetapan: " + " ".join(hasil.pelanggaran),
                    "distribusi",
                )
        dari = periode.pindah_status(Status.DITETAPKAN)
        periode.ditetapkan_pada = timezone.now()
        periode.alasan_distribusi = alasan_distribusi if hasil and hasil.pelanggaran else ""
        periode.save(update_fields=["status", "ditetapkan_pada", "alasan_distribusi"])
        _riwayat(
            periode,
            actor=actor,
            aksi="DITETAPKAN",
            dari=dari,
            ke=periode.status,
            catatan=periode.alasan_distribusi,
        )
        _konversi_ak(periode, pengaturan)
    return periode


def _konversi_ak(periode: PeriodePenilaian, pengaturan: PengaturanPenilaian) -> KonversiAngkaKredit | None:
    """A finalised period of a jabatan fungsional converts to angka kredit (domain.md §0.3, §7)."""
    jabatan = periode.skp.jabatan
    if jabatan.jenis != JenisJabatan.FUNGSIONAL or not jabatan.jenjang or not periode.predikat:
        return None
    if (periode.jenis == JenisPeriode.AKHIR) != pengaturan.ak_dari_akhir:
        return None
    bulan = rules.jumlah_bulan(periode.tanggal_awal, periode.tanggal_akhir)
    obj, _ = KonversiAngkaKredit.objects.update_or_create(
        periode=periode,
        defaults={
            "pegawai_id": periode.skp.pegawai_id,
            "tahun": tahun_of(periode),
            "jenjang": jabatan.jenjang,
            "predikat": periode.predikat,
            "persentase": rules.PERSENTASE_PREDIKAT[periode.predikat],
            "koefisien": rules.JENJANG_JF[jabatan.jenjang].koefisien,
            "bulan": bulan,
            "angka_kredit": rules.angka_kredit(
                bulan=bulan, predikat=periode.predikat, jenjang=jabatan.jenjang
            ),
        },
    )
    return obj


# --- keberatan -----------------------------------------------------------------------------------


def keberatan_ajukan(*, periode: PeriodePenilaian, actor: User, alasan: str) -> Keberatan:
    """The pegawai objects within the window after finalisation, once (domain.md §3.16)."""
    alasan = teks(alasan, field="alasan", label="Alasan keberatan", batas=3000)
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_pemilik(actor, periode)
        if Keberatan.objects.filter(periode=periode).exists():
            raise InvalidTransition("Keberatan untuk periode ini sudah pernah diajukan.", dari=periode.status)
        if periode.status != Status.DITETAPKAN or periode.ditetapkan_pada is None:
            raise InvalidTransition(
                "Keberatan hanya dapat diajukan atas penilaian yang sudah ditetapkan.", dari=periode.status
            )
        pengaturan = pengaturan_for(periode.skp.pegawai.instansi_id)
        batas = rules.batas_keberatan(
            timezone.localdate(periode.ditetapkan_pada), pengaturan.jendela_keberatan_hari
        )
        if timezone.localdate() > batas:
            raise InvalidTransition(
                f"Batas waktu keberatan sudah lewat ({batas:%d-%m-%Y}).", dari=periode.status
            )
        dari = periode.pindah_status(Status.KEBERATAN)
        periode.save(update_fields=["status"])
        keberatan = Keberatan.objects.create(periode=periode, alasan=alasan, predikat_semula=periode.predikat)
        _riwayat(
            periode, actor=actor, aksi="KEBERATAN_DIAJUKAN", dari=dari, ke=periode.status, catatan=alasan
        )
    return keberatan


def keberatan_jelaskan(*, periode: PeriodePenilaian, actor: User, penjelasan: str) -> Keberatan:
    penjelasan = teks(penjelasan, field="penjelasan", label="Penjelasan", batas=3000)
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_penilai(actor, periode)
        keberatan = Keberatan.objects.select_for_update().filter(periode=periode).first()
        if keberatan is None or periode.status != Status.KEBERATAN:
            raise InvalidTransition("Tidak ada keberatan yang menunggu penjelasan.", dari=periode.status)
        keberatan.penjelasan = penjelasan
        keberatan.penjelasan_pada = timezone.now()
        keberatan.save(update_fields=["penjelasan", "penjelasan_pada"])
        _riwayat(
            periode,
            actor=actor,
            aksi="KEBERATAN_DIJELASKAN",
            dari=periode.status,
            ke=periode.status,
            catatan=penjelasan,
        )
    return keberatan


def keberatan_putuskan(
    *, periode: PeriodePenilaian, actor: User, catatan: str, predikat: str = ""
) -> Keberatan:
    """The atasan pejabat penilai decides; a new predikat is final (domain.md §3.16, L)."""
    catatan = teks(catatan, field="catatan", label="Catatan keputusan", batas=3000)
    with transaction.atomic():
        periode = _lock(periode)
        policies.require_atasan_penilai(actor, periode)
        keberatan = Keberatan.objects.select_for_update().filter(periode=periode).first()
        if keberatan is None or periode.status != Status.KEBERATAN:
            raise InvalidTransition("Tidak ada keberatan yang menunggu keputusan.", dari=periode.status)
        baru = (
            pilihan(predikat, PredikatPegawai, field="predikat", label="Predikat")
            if predikat
            else periode.predikat
        )
        keberatan.predikat_keputusan = baru
        keberatan.catatan_keputusan = catatan
        keberatan.diputuskan_oleh_id = actor.pegawai_id
        keberatan.diputuskan_pada = timezone.now()
        keberatan.save()
        dari = periode.pindah_status(Status.FINAL)
        periode.predikat = baru
        periode.save(update_fields=["status", "predikat"])
        _riwayat(
            periode,
            actor=actor,
            aksi="KEBERATAN_DIPUTUSKAN",
            dari=dari,
            ke=periode.status,
            catatan=(
                f"Predikat {PredikatPegawai(keberatan.predikat_semula).label} -> "
                f"{PredikatPegawai(baru).label}. {catatan}"
            ),
        )
        _konversi_ak(periode, pengaturan_for(periode.skp.pegawai.instansi_id))
    return keberatan


# --- instansi libraries --------------------------------------------------------------------------


def pustaka_umpan_balik_tambah(*, instansi_id: int, actor: User, kalimat: str) -> PustakaUmpanBalik:
    if not is_admin_of(actor, instansi_id):
        raise PermissionDenied("Hanya admin instansi yang boleh mengubah pustaka umpan balik.")
    kalimat = teks(kalimat, field="kalimat", label="Kalimat", batas=300)
    return PustakaUmpanBalik.objects.create(instansi_id=instansi_id, kalimat=kalimat)


def pustaka_umpan_balik_hapus(*, item: PustakaUmpanBalik, actor: User) -> None:
    if not is_admin_of(actor, item.instansi_id):
        raise PermissionDenied("Hanya admin instansi yang boleh mengubah pustaka umpan balik.")
    item.delete()
