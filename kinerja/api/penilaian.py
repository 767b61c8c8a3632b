"""Penilaian (evaluation): periods of an approved SKP, realisasi, bukti dukung, umpan balik,
ratings, finalisation, keberatan, the predikat organisasi of a unit, its distribution and the
angka kredit (issue #4 point 10).

Objects are fetched through ``kinerja.penilaian.policies`` / ``skp.policies`` (404 when the caller
may not see them); writes go through ``kinerja.penilaian.services`` (403 not allowed, 400 bad input
with the services' Bahasa Indonesia messages, 409 the status does not allow it).
"""

# No ``from __future__ import annotations`` in API modules: Ninja reads the signatures at import.
import datetime as dt
import json
from decimal import Decimal
from typing import Any, Self

import pydantic
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http.multipartparser import MultiPartParserError
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as SchemaValidationError
from pydantic import ModelWrapValidatorHandler, model_validator
from pydantic_core import PydanticCustomError

from kinerja.api.auth import ApiRequest
from kinerja.api.errors import ApiError, responses
from kinerja.api.schemas import pilihan_field
from kinerja.organisasi.policies import pegawai_get_for_user, unit_get_for_user
from kinerja.penilaian import policies, selectors, services
from kinerja.penilaian.enums import JenisPembinaan, JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating
from kinerja.penilaian.models import BuktiDukung, PeriodePenilaian
from kinerja.skp.enums import CoreValue
from kinerja.skp.policies import skp_get_for_user

router = Router(tags=["penilaian"])


# --- schemas -------------------------------------------------------------------------------------


class PeriodeOut(Schema):
    id: int
    skp_id: int
    jenis: str
    nomor: int
    tanggal_awal: dt.date
    tanggal_akhir: dt.date
    batas_pengisian: dt.date
    status: str
    capaian_kinerja_organisasi: str | None
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None
    predikat: str | None
    ditetapkan_pada: dt.datetime | None


def _periode(p: PeriodePenilaian) -> dict[str, Any]:
    return {
        "id": p.pk,
        "skp_id": p.skp_id,
        "jenis": p.jenis,
        "nomor": p.nomor,
        "tanggal_awal": p.tanggal_awal,
        "tanggal_akhir": p.tanggal_akhir,
        "batas_pengisian": p.batas_pengisian,
        "status": p.status,
        "capaian_kinerja_organisasi": p.capaian_kinerja_organisasi or None,
        "rating_hasil_kerja": p.rating_hasil_kerja or None,
        "rating_perilaku_kerja": p.rating_perilaku_kerja or None,
        "predikat": p.predikat or None,
        "ditetapkan_pada": p.ditetapkan_pada,
    }


class RealisasiIn(Schema):
    realisasi: str = Field(max_length=5000)
    sumber_data: str = Field("", max_length=5000)


class RealisasiOut(Schema):
    id: int
    periode_id: int
    indikator_id: int
    realisasi: str
    sumber_data: str


class BuktiTautanIn(Schema):
    rhk_id: int
    nama: str = Field(max_length=5000)
    url: str = Field(max_length=5000)


class BuktiOut(Schema):
    id: int
    rhk_id: int
    nama: str
    url: str | None
    berkas: bool
    content_type: str | None
    ukuran: int


class UmpanBalikIn(Schema):
    rhk_id: int | None = None
    core_value: str | None = pilihan_field(
        CoreValue, "Nilai BerAKHLAK, bila umpan balik untuk perilaku.", None
    )
    isi: str = Field(max_length=5000)


class UmpanBalikOut(Schema):
    id: int
    rhk_id: int | None
    core_value: str | None
    isi: str
    created_at: dt.datetime


class PenilaianIn(Schema):
    rating_hasil_kerja: str = pilihan_field(Rating, "Rating hasil kerja.")
    rating_perilaku_kerja: str = pilihan_field(Rating, "Rating perilaku kerja.")
    deskripsi: str = Field("", max_length=5000)


class TetapkanIn(Schema):
    alasan_distribusi: str = Field(
        "", max_length=5000, description="Wajib bila distribusi predikat unit tidak sesuai pola."
    )

    @model_validator(mode="wrap")
    @classmethod
    def _objek_json(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        # Every field has a default and a Ninja Schema reads the attributes of any object, so without
        # this a body of [1, 2] or "teks" would pass as an empty one and finalise the period. (A
        # "wrap" validator of the subclass runs before Schema's own, which wraps the raw value.)
        if not isinstance(data, dict | TetapkanIn):
            raise PydanticCustomError("dict_type", "Harus berupa objek JSON.")
        return handler(data)


class KeberatanIn(Schema):
    alasan: str = Field(max_length=5000)


class PenjelasanIn(Schema):
    penjelasan: str = Field(max_length=5000)


class KeputusanIn(Schema):
    catatan: str = Field(max_length=5000)
    predikat: str = pilihan_field(PredikatPegawai, "Predikat baru (final); kosong: predikat tetap.", "")


class KeberatanOut(Schema):
    periode_id: int
    alasan: str
    predikat_semula: str
    penjelasan: str | None
    predikat_keputusan: str | None
    catatan_keputusan: str | None
    diajukan_pada: dt.datetime
    diputuskan_pada: dt.datetime | None


def _keberatan(k: Any) -> dict[str, Any]:
    return {
        "periode_id": k.periode_id,
        "alasan": k.alasan,
        "predikat_semula": k.predikat_semula,
        "penjelasan": k.penjelasan or None,
        "predikat_keputusan": k.predikat_keputusan or None,
        "catatan_keputusan": k.catatan_keputusan or None,
        "diajukan_pada": k.diajukan_pada,
        "diputuskan_pada": k.diputuskan_pada,
    }


class PembinaanIn(Schema):
    jenis: str = pilihan_field(JenisPembinaan, "Coaching, mentoring atau konseling.")
    tanggal: dt.date
    topik: str = Field(max_length=5000)
    catatan: str = Field("", max_length=5000)
    tindak_lanjut: str = Field("", max_length=5000)


class PembinaanOut(Schema):
    id: int
    jenis: str
    tanggal: dt.date
    topik: str
    catatan: str
    tindak_lanjut: str


class PredikatOrganisasiIn(Schema):
    periode_jenis: str = pilihan_field(JenisPeriode, "BULANAN, TRIWULAN, SEMESTER atau AKHIR.")
    periode_nomor: int = Field(ge=1, le=12)
    tahun: int = Field(ge=2000, le=2100)
    predikat: str = pilihan_field(PredikatOrganisasi, "Predikat kinerja organisasi.")


class PredikatOrganisasiOut(Schema):
    unit_id: int
    periode_jenis: str
    periode_nomor: int
    tahun: int
    predikat: str


class DistribusiQuery(Schema):
    tahun: int = Field(ge=2000, le=2100)
    periode_jenis: str = pilihan_field(JenisPeriode, "Jenis periode.")
    periode_nomor: int = Field(1, ge=1, le=12)


class RentangOut(Schema):
    predikat: list[str]
    label: str
    minimum: int
    maksimum: int
    jumlah: int
    terpenuhi: bool


class DistribusiOut(Schema):
    unit_id: int
    predikat_organisasi: str | None
    jumlah: dict[str, int]
    total: int
    belum_dinilai: int
    batas: list[RentangOut] = Field(description="Jumlah pegawai yang diizinkan per kelompok predikat.")
    pelanggaran: list[str]
    saran: list[str]
    sesuai: bool


class AngkaKreditQuery(Schema):
    tahun: int | None = Field(None, ge=2000, le=2100)


class AngkaKreditRow(Schema):
    periode: str
    periode_id: int
    predikat: str
    persentase: Decimal
    koefisien: Decimal
    bulan: int
    angka_kredit: Decimal


class AngkaKreditOut(Schema):
    rows: list[AngkaKreditRow]
    total: Decimal
    kumulatif: Decimal
    kurang_untuk_kenaikan_pangkat: Decimal | None
    kurang_untuk_kenaikan_jenjang: Decimal | None
    jenjang_berikut: str | None


# --- periods -------------------------------------------------------------------------------------


@router.get(
    "/skp/{skp_id}/periode",
    response={200: list[PeriodeOut], **responses(401, 404)},
    summary="Periode penilaian SKP yang disetujui",
)
def periode_list(request: ApiRequest, skp_id: int) -> list[dict[str, Any]]:
    skp = skp_get_for_user(user=request.auth, pk=skp_id)
    # The periods of an approved SKP are derived rows, made the first time they are asked for.
    return [_periode(p) for p in services.periode_sinkron(skp=skp)]


@router.get(
    "/periode/{periode_id}", response={200: PeriodeOut, **responses(401, 404)}, summary="Satu periode"
)
def periode_detail(request: ApiRequest, periode_id: int) -> dict[str, Any]:
    return _periode(policies.periode_get_for_user(user=request.auth, pk=periode_id))


@router.put(
    "/periode/{periode_id}/realisasi/{indikator_id}",
    response={200: RealisasiOut, **responses(400, 401, 403, 404, 409)},
    summary="Isi realisasi satu indikator",
)
def realisasi_put(request: ApiRequest, periode_id: int, indikator_id: int, payload: RealisasiIn) -> Any:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    indikator = selectors.indikator_of(periode, indikator_id)
    obj = services.realisasi_simpan(
        periode=periode,
        indikator=indikator,
        actor=request.auth,
        realisasi=payload.realisasi,
        sumber_data=payload.sumber_data,
    )
    return {
        "id": obj.pk,
        "periode_id": obj.periode_id,
        "indikator_id": obj.indikator_id,
        "realisasi": obj.realisasi,
        "sumber_data": obj.sumber_data,
    }


def _bukti(b: BuktiDukung) -> dict[str, Any]:
    return {
        "id": b.pk,
        "rhk_id": b.rhk_id,
        "nama": b.nama,
        "url": b.url or None,
        "berkas": bool(b.berkas),
        "content_type": b.content_type or None,
        "ukuran": b.ukuran,
    }


@router.post(
    "/periode/{periode_id}/bukti-dukung",
    response={201: BuktiOut, **responses(400, 401, 403, 404, 409)},
    summary="Tambah bukti dukung: JSON {rhk_id, nama, url} atau multipart dengan file",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": BuktiTautanIn.model_json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["rhk_id", "file"],
                        "properties": {
                            "rhk_id": {"type": "integer"},
                            "nama": {"type": "string"},
                            "file": {"type": "string", "format": "binary"},
                        },
                    }
                },
            }
        }
    },
)
def bukti_post(request: ApiRequest, periode_id: int) -> Status[dict[str, Any]]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    if request.content_type == "multipart/form-data":
        return Status(201, _bukti(_bukti_berkas(request, periode)))
    return Status(201, _bukti(_bukti_tautan(request, periode)))


def _bukti_berkas(request: ApiRequest, periode: PeriodePenilaian) -> BuktiDukung:
    try:
        upload = request.FILES.get("file")
        form = request.POST
    except (MultiPartParserError, SuspiciousOperation) as exc:
        # A body Django cannot read as multipart (no boundary, too many parts) is bad input: without
        # this it reached the catch-all handler as a 500.
        raise ApiError("Isi multipart tidak dapat dibaca.", code="permintaan_tidak_valid") from exc
    if upload is None:
        raise ValidationError({"file": "Berkas wajib diunggah pada kolom 'file'."})
    return services.bukti_tambah_berkas(
        periode=periode,
        rhk_id=_int(form.get("rhk_id"), "rhk_id"),
        actor=request.auth,
        nama=form.get("nama", ""),
        upload=upload,
    )


def _bukti_tautan(request: ApiRequest, periode: PeriodePenilaian) -> BuktiDukung:
    try:
        raw = json.loads(request.body or b"{}")
    except (ValueError, SuspiciousOperation) as exc:  # not JSON, not UTF-8, or over the size limit
        raise ValidationError("Kirim JSON {rhk_id, nama, url} atau multipart dengan 'file'.") from exc
    if not isinstance(raw, dict):
        raise ValidationError("Kirim JSON {rhk_id, nama, url} atau multipart dengan 'file'.")
    try:
        data = BuktiTautanIn.model_validate(raw)
    except pydantic.ValidationError as exc:
        # The same 400 as the operations Ninja validates: one entry per field, in Bahasa Indonesia.
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise SchemaValidationError(errors) from None
    return services.bukti_tambah_tautan(
        periode=periode, rhk_id=data.rhk_id, actor=request.auth, nama=data.nama, url=data.url
    )


def _int(value: str | None, field: str) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise ValidationError({field: "Harus berupa bilangan bulat."}) from None


@router.delete(
    "/bukti-dukung/{bukti_id}", response={204: None, **responses(401, 403, 404, 409)}, summary="Hapus bukti"
)
def bukti_delete(request: ApiRequest, bukti_id: int) -> Status[None]:
    services.bukti_hapus(
        bukti=policies.bukti_get_for_user(user=request.auth, pk=bukti_id), actor=request.auth
    )
    return Status(204, None)


@router.post(
    "/periode/{periode_id}/umpan-balik",
    response={201: UmpanBalikOut, **responses(400, 401, 403, 404, 409)},
    summary="Umpan balik berkelanjutan per RHK atau per nilai perilaku",
)
def umpan_balik_post(request: ApiRequest, periode_id: int, payload: UmpanBalikIn) -> Status[dict[str, Any]]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    u = services.umpan_balik_tambah(
        periode=periode,
        actor=request.auth,
        isi=payload.isi,
        rhk_id=payload.rhk_id,
        core_value=payload.core_value or "",
    )
    return Status(
        201,
        {
            "id": u.pk,
            "rhk_id": u.rhk_id,
            "core_value": u.core_value or None,
            "isi": u.isi,
            "created_at": u.created_at,
        },
    )


@router.put(
    "/periode/{periode_id}/penilaian",
    response={200: PeriodeOut, **responses(400, 401, 403, 404, 409)},
    summary="Rating hasil kerja dan perilaku kerja; predikat mengikuti kuadran",
)
def penilaian_put(request: ApiRequest, periode_id: int, payload: PenilaianIn) -> dict[str, Any]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    periode = services.penilaian_simpan(
        periode=periode,
        actor=request.auth,
        rating_hasil_kerja=payload.rating_hasil_kerja,
        rating_perilaku_kerja=payload.rating_perilaku_kerja,
        deskripsi=payload.deskripsi,
    )
    return _periode(periode)


@router.post(
    "/periode/{periode_id}/tetapkan",
    response={200: PeriodeOut, **responses(400, 401, 403, 404, 409)},
    summary="Tetapkan (kunci) penilaian periode",
)
def tetapkan(request: ApiRequest, periode_id: int, payload: TetapkanIn | None = None) -> dict[str, Any]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    alasan = payload.alasan_distribusi if payload else ""
    return _periode(services.periode_tetapkan(periode=periode, actor=request.auth, alasan_distribusi=alasan))


@router.post(
    "/periode/{periode_id}/keberatan",
    response={201: KeberatanOut, **responses(400, 401, 403, 404, 409)},
    summary="Ajukan keberatan atas penilaian yang ditetapkan",
)
def keberatan_post(request: ApiRequest, periode_id: int, payload: KeberatanIn) -> Status[dict[str, Any]]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    keberatan = services.keberatan_ajukan(periode=periode, actor=request.auth, alasan=payload.alasan)
    return Status(201, _keberatan(keberatan))


@router.post(
    "/periode/{periode_id}/keberatan/penjelasan",
    response={200: KeberatanOut, **responses(400, 401, 403, 404, 409)},
    summary="Penjelasan pejabat penilai atas keberatan",
)
def keberatan_penjelasan(request: ApiRequest, periode_id: int, payload: PenjelasanIn) -> dict[str, Any]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    return _keberatan(
        services.keberatan_jelaskan(periode=periode, actor=request.auth, penjelasan=payload.penjelasan)
    )


@router.post(
    "/periode/{periode_id}/keberatan/keputusan",
    response={200: KeberatanOut, **responses(400, 401, 403, 404, 409)},
    summary="Keputusan atasan pejabat penilai (final)",
)
def keberatan_keputusan(request: ApiRequest, periode_id: int, payload: KeputusanIn) -> dict[str, Any]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    return _keberatan(
        services.keberatan_putuskan(
            periode=periode, actor=request.auth, catatan=payload.catatan, predikat=payload.predikat
        )
    )


@router.post(
    "/periode/{periode_id}/pembinaan",
    response={201: PembinaanOut, **responses(400, 401, 403, 404)},
    summary="Catat coaching, mentoring atau konseling",
)
def pembinaan_post(request: ApiRequest, periode_id: int, payload: PembinaanIn) -> Status[dict[str, Any]]:
    periode = policies.periode_get_for_user(user=request.auth, pk=periode_id)
    p = services.pembinaan_tambah(
        periode=periode,
        actor=request.auth,
        data=services.PembinaanData(
            jenis=payload.jenis,
            tanggal=payload.tanggal,
            topik=payload.topik,
            catatan=payload.catatan,
            tindak_lanjut=payload.tindak_lanjut,
        ),
    )
    return Status(
        201,
        {
            "id": p.pk,
            "jenis": p.jenis,
            "tanggal": p.tanggal,
            "topik": p.topik,
            "catatan": p.catatan,
            "tindak_lanjut": p.tindak_lanjut,
        },
    )


# --- unit ----------------------------------------------------------------------------------------


@router.put(
    "/unit/{unit_id}/predikat-organisasi",
    response={200: PredikatOrganisasiOut, **responses(400, 401, 403, 404)},
    summary="Tetapkan predikat kinerja organisasi unit untuk satu periode",
)
def predikat_organisasi_put(
    request: ApiRequest, unit_id: int, payload: PredikatOrganisasiIn
) -> dict[str, Any]:
    unit = unit_get_for_user(user=request.auth, pk=unit_id)
    obj = services.predikat_organisasi_set(
        unit=unit,
        actor=request.auth,
        tahun=payload.tahun,
        jenis=payload.periode_jenis,
        nomor=payload.periode_nomor,
        predikat=payload.predikat,
    )
    return {
        "unit_id": obj.unit_kerja_id,
        "periode_jenis": obj.jenis,
        "periode_nomor": obj.nomor,
        "tahun": obj.tahun,
        "predikat": obj.predikat,
    }


@router.get(
    "/unit/{unit_id}/distribusi",
    response={200: DistribusiOut, **responses(400, 401, 404)},
    summary="Distribusi predikat pegawai unit terhadap pola distribusi",
)
def distribusi(request: ApiRequest, unit_id: int, query: Query[DistribusiQuery]) -> dict[str, Any]:
    unit = unit_get_for_user(user=request.auth, pk=unit_id)
    if query.periode_jenis not in JenisPeriode.values:
        raise ValidationError({"periode_jenis": f"Pilihan: {', '.join(JenisPeriode.values)}."})
    pengaturan = services.pengaturan_for(unit.instansi_id)
    d = selectors.distribusi_unit(
        unit=unit,
        tahun=query.tahun,
        jenis=query.periode_jenis,
        nomor=query.periode_nomor,
        bulat_bawah=pengaturan.pembulatan_bawah,
    )
    hasil = d.hasil
    return {
        "unit_id": unit.pk,
        "predikat_organisasi": d.predikat_organisasi or None,
        # Counted even before the unit has a predikat organisasi (then there is no pola to check).
        "jumlah": hasil.jumlah if hasil else d.jumlah,
        "total": hasil.total if hasil else sum(d.jumlah.values()),
        "belum_dinilai": d.belum_dinilai,
        "batas": [
            {
                "predikat": list(r.kelompok),
                "label": r.label,
                "minimum": r.minimum,
                "maksimum": r.maksimum,
                "jumlah": r.jumlah,
                "terpenuhi": r.terpenuhi,
            }
            for r in (hasil.rentang if hasil else [])
        ],
        "pelanggaran": hasil.pelanggaran if hasil else [],
        "saran": hasil.saran if hasil else [],
        "sesuai": hasil.sesuai if hasil else True,
    }


# --- angka kredit --------------------------------------------------------------------------------


@router.get(
    "/pegawai/{nip}/angka-kredit",
    response={200: AngkaKreditOut, **responses(400, 401, 404)},
    summary="Konversi predikat ke angka kredit dan akumulasinya",
)
def angka_kredit(request: ApiRequest, nip: str, query: Query[AngkaKreditQuery]) -> dict[str, Any]:
    from kinerja.api.pegawai import PEGAWAI_LENGKAP

    pegawai = pegawai_get_for_user(user=request.auth, nip=nip, qs=PEGAWAI_LENGKAP)
    ak = selectors.angka_kredit_pegawai(pegawai=pegawai, tahun=query.tahun)
    return {
        "rows": [
            {
                "periode": f"{r.periode.get_jenis_display()} {r.periode.nomor} {r.tahun}",
                "periode_id": r.periode_id,
                "predikat": r.predikat,
                "persentase": r.persentase,
                "koefisien": r.koefisien,
                "bulan": r.bulan,
                "angka_kredit": r.angka_kredit,
            }
            for r in ak.rows
        ],
        "total": ak.total_tahun,
        "kumulatif": ak.kumulatif,
        "kurang_untuk_kenaikan_pangkat": ak.jarak.kurang_pangkat if ak.jarak else None,
        "kurang_untuk_kenaikan_jenjang": ak.jarak.kurang_jenjang if ak.jarak else None,
        "jenjang_berikut": ak.jarak.jenjang_berikut if ak.jarak else None,
    }
