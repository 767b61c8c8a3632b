"""SKP (planning): the SKP with its RHK, indikator, perilaku kerja and lampiran, and its workflow.

Every object is fetched through ``kinerja.skp.policies`` (404 when the caller may not see it) and
every write goes through ``kinerja.skp.services``, which answers 403 (not the pemilik or the pejabat
penilai), 400 (bad input, with the services' Bahasa Indonesia messages) and 409 (the status does
not allow it). Enum fields are accepted as text and checked by the services, so that an unknown
value gets the same Indonesian message on the pages and here; the OpenAPI document still lists
the choices.
"""

# No ``from __future__ import annotations`` in API modules: Ninja reads the operations' signatures
# when the module is imported.
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema, Status
from ninja.params import functions as param_functions
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from kinerja.accounts.models import User
from kinerja.api.auth import ApiRequest
from kinerja.api.errors import responses
from kinerja.api.schemas import JabatanRingkasOut, blank_as_null, pilihan_field
from kinerja.organisasi.policies import pegawai_get_for_user
from kinerja.skp import policies, selectors, services
from kinerja.skp.enums import (
    Aspek,
    BentukSkp,
    CoreValue,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    StatusSkp,
)
from kinerja.skp.models import Indikator, Lampiran, PerilakuKerja, RencanaHasilKerja, RiwayatSkp, Skp

router = Router(tags=["skp"])


# --- Output --------------------------------------------------------------------------------------


class PegawaiNamaOut(Schema):
    nip: str
    nama: str
    nama_lengkap: str = Field(description="Nama dengan gelar, seperti dicetak.")


class AktorOut(Schema):
    nip: str | None = Field(description="Null untuk akun tanpa data pegawai (superadmin).")
    nama: str


class IndikatorOut(Schema):
    id: int
    aspek: Aspek | None
    indikator: str
    target_min: Decimal | None
    target_max: Decimal | None
    satuan: str | None
    target_kualitatif: str | None
    urutan: int

    nulls = blank_as_null("aspek", "satuan", "target_kualitatif")


class RhkOut(Schema):
    id: int
    jenis: JenisRhk
    uraian: str
    klasifikasi: KlasifikasiRhk | None = Field(description="Hanya SKP JPT.")
    perspektif: Perspektif | None = Field(description="Hanya SKP JPT.")
    penugasan_dari: str | None = Field(description="Hanya SKP JPT.")
    ukuran_keberhasilan: str | None
    rhk_atasan_id: int | None = Field(description="RHK pejabat penilai yang diintervensi (JA/JF).")
    rhk_atasan_uraian: str | None = Field(
        description="Teks RHK atasan itu, tetap ada bila RHK atasannya kemudian dihapus."
    )
    urutan: int
    indikator: list[IndikatorOut]

    nulls = blank_as_null(
        "klasifikasi", "perspektif", "penugasan_dari", "ukuran_keberhasilan", "rhk_atasan_uraian"
    )


class PerilakuOut(Schema):
    core_value: CoreValue
    label: str
    panduan: list[str] = Field(description="Tiga panduan perilaku BerAKHLAK (SE MenPANRB 20/2021).")
    ekspektasi_khusus: str | None = Field(description="Ekspektasi khusus pimpinan.")

    nulls = blank_as_null("ekspektasi_khusus")

    @staticmethod
    def resolve_label(obj: PerilakuKerja) -> str:
        return str(obj.get_core_value_display())


class LampiranOut(Schema):
    id: int
    jenis: JenisLampiran
    uraian: str
    urutan: int


class SkpRingkasOut(Schema):
    id: int
    status: StatusSkp
    versi: int
    bentuk: BentukSkp
    pendekatan: Pendekatan
    tahun: int
    periode_awal: dt.date
    periode_akhir: dt.date
    is_plt_plh: bool
    pegawai: PegawaiNamaOut
    jabatan: JabatanRingkasOut = Field(description="Jabatan pada SKP ini (tidak ikut berubah bila pindah).")
    pejabat_penilai: PegawaiNamaOut | None
    tanggal_diajukan: dt.datetime | None
    tanggal_disetujui: dt.datetime | None


class SkpOut(SkpRingkasOut):
    atasan_pejabat_penilai: PegawaiNamaOut | None
    revisi_dari_id: int | None = Field(description="Versi yang direvisi oleh versi ini.")
    catatan_pengembalian: str | None
    tanggal_penetapan: dt.date | None
    rhk: list[RhkOut]
    perilaku: list[PerilakuOut]
    lampiran: list[LampiranOut]

    nulls = blank_as_null("catatan_pengembalian")


class RiwayatOut(Schema):
    aksi: str
    dari: StatusSkp | None
    ke: StatusSkp
    actor: AktorOut
    catatan: str | None
    created_at: dt.datetime
    versi: int

    nulls = blank_as_null("dari", "catatan")

    @staticmethod
    def resolve_actor(obj: RiwayatSkp) -> dict[str, Any]:
        user: User = obj.actor
        if user.pegawai is None:
            return {"nip": None, "nama": user.get_full_name() or user.username}
        return {"nip": user.pegawai.nip, "nama": user.pegawai.nama_lengkap}

    @staticmethod
    def resolve_versi(obj: RiwayatSkp) -> int:
        return obj.skp.versi


# --- Input ---------------------------------------------------------------------------------------


class SkpCreateIn(Schema):
    pendekatan: str = pilihan_field(Pendekatan, "Pendekatan penyusunan SKP.")
    periode_awal: dt.date | None = Field(
        None, description="Bawaan: 1 Januari tahun berjalan, atau TMT jabatan bila lebih kemudian."
    )
    periode_akhir: dt.date | None = Field(None, description="Bawaan: 31 Desember tahun periode awal.")
    is_plt_plh: bool = Field(False, description="SKP tugas Plt/Plh, berjalan di samping SKP jabatan.")


class SkpListQuery(Schema):
    pegawai: str | None = Field(None, description="NIP; bawaan: SKP Anda sendiri.")
    tahun: int | None = Field(None, ge=1900, le=9999)


class RhkCreateIn(Schema):
    jenis: str = pilihan_field(JenisRhk, "Jenis RHK.")
    uraian: str
    rhk_atasan_id: int | None = Field(None, description="RHK pejabat penilai yang diintervensi (JA/JF).")
    klasifikasi: str | None = pilihan_field(KlasifikasiRhk, "Hanya SKP JPT.", None)
    perspektif: str | None = pilihan_field(Perspektif, "Hanya SKP JPT.", None)
    penugasan_dari: str | None = Field(None, description="Hanya SKP JPT.")
    ukuran_keberhasilan: str | None = None


class RhkUpdateIn(Schema):
    """Only the fields sent are changed; ``"rhk_atasan_id": null`` removes the link."""

    jenis: str | None = pilihan_field(JenisRhk, "Jenis RHK.", None)
    uraian: str | None = None
    rhk_atasan_id: int | None = None
    klasifikasi: str | None = pilihan_field(KlasifikasiRhk, "Hanya SKP JPT.", None)
    perspektif: str | None = pilihan_field(Perspektif, "Hanya SKP JPT.", None)
    penugasan_dari: str | None = None
    ukuran_keberhasilan: str | None = None


SEN = Decimal("0.01")


def _angka(value: object) -> Decimal | None:
    """A target as an exact Decimal, with the message in Bahasa Indonesia (pydantic's is English).
    Negative, too large and min > max are the services' to refuse (rules.target_error)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise PydanticCustomError("angka", "Target harus berupa angka.")
    try:
        # str() first: a JSON 0.1 becomes Decimal("0.1"), not the binary float's long expansion.
        angka = Decimal(str(value).strip())
    except InvalidOperation:
        raise PydanticCustomError("angka", "Target harus berupa angka.") from None
    if not angka.is_finite():
        raise PydanticCustomError("angka", "Target harus berupa angka.")
    try:
        # Two places, as stored (Decimal(14, 2)), so the answer reads "10.00" as a later GET does.
        dua_desimal = angka.quantize(SEN)
    except InvalidOperation:
        return angka  # beyond the precision: the service refuses it as too large
    if dua_desimal != angka:
        # Refuse rather than silently round a target.
        raise PydanticCustomError("angka_desimal", "Target paling banyak dua angka di belakang koma.")
    return dua_desimal


TARGET_DESC = "Angka >= 0, paling banyak dua angka desimal; satu target saja berarti minimum = maksimum."


class IndikatorCreateIn(Schema):
    aspek: str | None = pilihan_field(Aspek, "Wajib pada SKP JA/JF kuantitatif.", None)
    indikator: str
    target_min: Decimal | None = Field(None, description=TARGET_DESC)
    target_max: Decimal | None = Field(None, description=TARGET_DESC)
    satuan: str | None = Field(None, description="Wajib pada pendekatan kuantitatif.")
    target_kualitatif: str | None = Field(None, description="Target dalam kata-kata (kualitatif).")

    targets = field_validator("target_min", "target_max", mode="before")(_angka)


class IndikatorUpdateIn(Schema):
    """Only the fields sent are changed."""

    aspek: str | None = pilihan_field(Aspek, "Wajib pada SKP JA/JF kuantitatif.", None)
    indikator: str | None = None
    target_min: Decimal | None = Field(None, description=TARGET_DESC)
    target_max: Decimal | None = Field(None, description=TARGET_DESC)
    satuan: str | None = None
    target_kualitatif: str | None = None

    targets = field_validator("target_min", "target_max", mode="before")(_angka)


class EkspektasiIn(Schema):
    ekspektasi_khusus: str = Field(description="Boleh kosong.")


class LampiranCreateIn(Schema):
    jenis: str = pilihan_field(JenisLampiran, "Bagian lampiran.")
    uraian: str


class LampiranUpdateIn(Schema):
    uraian: str


class CatatanIn(Schema):
    catatan: str = Field(description="Alasan pengembalian; wajib.")


class CatatanOpsionalIn(Schema):
    catatan: str = ""


# --- Helpers -------------------------------------------------------------------------------------


def _skp_lengkap(user: User, pk: int) -> Skp:
    """The SKP with everything SkpOut shows, in a fixed number of queries (selectors.skp_detail_qs)."""
    return policies.skp_get_for_user(user=user, pk=pk, qs=selectors.skp_detail_qs())


def _skp(user: User, pk: int) -> Skp:
    return policies.skp_get_for_user(user=user, pk=pk)


WRITE = responses(400, 401, 403, 404, 409)

# Every path names its object {id}; the functions call it skp_id, rhk_id, ... for clarity.
ID: Any = param_functions.Path(..., alias="id")


# --- SKP -----------------------------------------------------------------------------------------


@router.post(
    "/skp", response={201: SkpOut, **responses(400, 401, 403)}, summary="Buat SKP baru untuk diri sendiri"
)
def skp_create(request: ApiRequest, payload: SkpCreateIn) -> Status[Skp]:
    skp = services.skp_create(
        actor=request.auth,
        pendekatan=payload.pendekatan,
        periode_awal=payload.periode_awal,
        periode_akhir=payload.periode_akhir,
        is_plt_plh=payload.is_plt_plh,
    )
    return Status(201, _skp_lengkap(request.auth, skp.pk))


@router.get(
    "/skp",
    response={200: list[SkpRingkasOut], **responses(400, 401, 404)},
    summary="Daftar SKP seorang pegawai (bawaan: SKP Anda sendiri)",
)
def skp_daftar(request: ApiRequest, filters: Query[SkpListQuery]) -> QuerySet[Skp] | list[Skp]:
    user = request.auth
    if filters.pegawai:
        pegawai = pegawai_get_for_user(user=user, nip=filters.pegawai)
    elif user.pegawai is not None:
        pegawai = user.pegawai
    else:
        return []  # a superadmin without a pegawai record has no SKP of their own
    # Not paginated: a pegawai has a handful of SKP per year (one per jabatan, plus revisi).
    return selectors.skp_list(user=user, pegawai=pegawai, tahun=filters.tahun)


@router.get("/skp/{id}", response={200: SkpOut, **responses(401, 404)}, summary="Satu SKP lengkap")
def skp_detail(request: ApiRequest, skp_id: int = ID) -> Skp:
    return _skp_lengkap(request.auth, skp_id)


@router.get(
    "/skp/{id}/riwayat", response={200: list[RiwayatOut], **responses(401, 404)}, summary="Riwayat SKP"
)
def skp_riwayat(request: ApiRequest, skp_id: int = ID) -> QuerySet[RiwayatSkp]:
    """Every status change of every version of this SKP, oldest first."""
    return selectors.riwayat_of(_skp(request.auth, skp_id))


# --- Workflow ------------------------------------------------------------------------------------


@router.post("/skp/{id}/ajukan", response={200: SkpOut, **WRITE}, summary="Ajukan SKP ke pejabat penilai")
def skp_ajukan(request: ApiRequest, skp_id: int = ID) -> Skp:
    services.skp_ajukan(skp=_skp(request.auth, skp_id), actor=request.auth)
    return _skp_lengkap(request.auth, skp_id)


@router.post("/skp/{id}/batal-ajukan", response={200: SkpOut, **WRITE}, summary="Batalkan pengajuan SKP")
def skp_batal_ajukan(request: ApiRequest, skp_id: int = ID) -> Skp:
    services.skp_batal_ajukan(skp=_skp(request.auth, skp_id), actor=request.auth)
    return _skp_lengkap(request.auth, skp_id)


@router.post(
    "/skp/{id}/setujui", response={200: SkpOut, **WRITE}, summary="Setujui (tetapkan) SKP; pejabat penilai"
)
def skp_setujui(request: ApiRequest, payload: CatatanOpsionalIn | None = None, skp_id: int = ID) -> Skp:
    catatan = payload.catatan if payload is not None else ""
    services.skp_setujui(skp=_skp(request.auth, skp_id), actor=request.auth, catatan=catatan)
    return _skp_lengkap(request.auth, skp_id)


@router.post(
    "/skp/{id}/kembalikan",
    response={200: SkpOut, **WRITE},
    summary="Kembalikan SKP ke pegawai dengan catatan; pejabat penilai",
)
def skp_kembalikan(request: ApiRequest, payload: CatatanIn, skp_id: int = ID) -> Skp:
    services.skp_kembalikan(skp=_skp(request.auth, skp_id), actor=request.auth, catatan=payload.catatan)
    return _skp_lengkap(request.auth, skp_id)


@router.post(
    "/skp/{id}/revisi",
    response={201: SkpOut, **WRITE},
    summary="Buat versi revisi (draf) dari SKP yang sudah disetujui",
)
def skp_revisi(
    request: ApiRequest, payload: CatatanOpsionalIn | None = None, skp_id: int = ID
) -> Status[Skp]:
    catatan = payload.catatan if payload is not None else ""
    baru = services.skp_revisi(skp=_skp(request.auth, skp_id), actor=request.auth, catatan=catatan)
    return Status(201, _skp_lengkap(request.auth, baru.pk))


# --- RHK and indikator ---------------------------------------------------------------------------


@router.post("/skp/{id}/rhk", response={201: RhkOut, **WRITE}, summary="Tambah RHK")
def rhk_create(request: ApiRequest, payload: RhkCreateIn, skp_id: int = ID) -> Status[RencanaHasilKerja]:
    data: services.RhkData = payload.model_dump(exclude_unset=True)  # type: ignore[assignment]
    rhk = services.rhk_create(skp=_skp(request.auth, skp_id), actor=request.auth, data=data)
    return Status(201, rhk)


@router.patch("/rhk/{id}", response={200: RhkOut, **WRITE}, summary="Ubah RHK (hanya field yang dikirim)")
def rhk_update(request: ApiRequest, payload: RhkUpdateIn, rhk_id: int = ID) -> RencanaHasilKerja:
    rhk = policies.rhk_get_for_user(user=request.auth, pk=rhk_id)
    data: services.RhkData = payload.model_dump(exclude_unset=True)  # type: ignore[assignment]
    return services.rhk_update(rhk=rhk, actor=request.auth, data=data)


@router.delete("/rhk/{id}", response={204: None, **WRITE}, summary="Hapus RHK beserta indikatornya")
def rhk_delete(request: ApiRequest, rhk_id: int = ID) -> Status[None]:
    services.rhk_delete(rhk=policies.rhk_get_for_user(user=request.auth, pk=rhk_id), actor=request.auth)
    return Status(204, None)


@router.post("/rhk/{id}/indikator", response={201: IndikatorOut, **WRITE}, summary="Tambah indikator")
def indikator_create(request: ApiRequest, payload: IndikatorCreateIn, rhk_id: int = ID) -> Status[Indikator]:
    rhk = policies.rhk_get_for_user(user=request.auth, pk=rhk_id)
    data: services.IndikatorData = payload.model_dump(exclude_unset=True)  # type: ignore[assignment]
    return Status(201, services.indikator_create(rhk=rhk, actor=request.auth, data=data))


@router.patch(
    "/indikator/{id}",
    response={200: IndikatorOut, **WRITE},
    summary="Ubah indikator (hanya field yang dikirim)",
)
def indikator_update(request: ApiRequest, payload: IndikatorUpdateIn, indikator_id: int = ID) -> Indikator:
    indikator = policies.indikator_get_for_user(user=request.auth, pk=indikator_id)
    data: services.IndikatorData = payload.model_dump(exclude_unset=True)  # type: ignore[assignment]
    return services.indikator_update(indikator=indikator, actor=request.auth, data=data)


@router.delete("/indikator/{id}", response={204: None, **WRITE}, summary="Hapus indikator")
def indikator_delete(request: ApiRequest, indikator_id: int = ID) -> Status[None]:
    indikator = policies.indikator_get_for_user(user=request.auth, pk=indikator_id)
    services.indikator_delete(indikator=indikator, actor=request.auth)
    return Status(204, None)


# --- Perilaku kerja and lampiran -----------------------------------------------------------------


@router.put(
    "/skp/{id}/perilaku/{core_value}",
    response={200: PerilakuOut, **WRITE},
    summary="Tulis ekspektasi khusus pimpinan untuk satu core value; pejabat penilai",
)
def perilaku_update(
    request: ApiRequest, core_value: str, payload: EkspektasiIn, skp_id: int = ID
) -> PerilakuKerja:
    # An unknown core value is bad input (400, the service names the choices), not a missing page.
    return services.perilaku_set_ekspektasi(
        skp=_skp(request.auth, skp_id),
        actor=request.auth,
        core_value=core_value,
        ekspektasi_khusus=payload.ekspektasi_khusus,
    )


@router.post("/skp/{id}/lampiran", response={201: LampiranOut, **WRITE}, summary="Tambah butir lampiran")
def lampiran_create(request: ApiRequest, payload: LampiranCreateIn, skp_id: int = ID) -> Status[Lampiran]:
    lampiran = services.lampiran_create(
        skp=_skp(request.auth, skp_id), actor=request.auth, jenis=payload.jenis, uraian=payload.uraian
    )
    return Status(201, lampiran)


@router.patch("/lampiran/{id}", response={200: LampiranOut, **WRITE}, summary="Ubah uraian butir lampiran")
def lampiran_update(request: ApiRequest, payload: LampiranUpdateIn, lampiran_id: int = ID) -> Lampiran:
    lampiran = policies.lampiran_get_for_user(user=request.auth, pk=lampiran_id)
    return services.lampiran_update(lampiran=lampiran, actor=request.auth, uraian=payload.uraian)


@router.delete("/lampiran/{id}", response={204: None, **WRITE}, summary="Hapus butir lampiran")
def lampiran_delete(request: ApiRequest, lampiran_id: int = ID) -> Status[None]:
    lampiran = policies.lampiran_get_for_user(user=request.auth, pk=lampiran_id)
    services.lampiran_delete(lampiran=lampiran, actor=request.auth)
    return Status(204, None)
