"""Pegawai: the caller (``/me``), one pegawai with their atasan chain, and their bawahan.

Every pegawai is fetched through ``policies.pegawai_get_for_user``: one the caller may not see is a
404, exactly as a NIP that does not exist.
"""

# No ``from __future__ import annotations`` in API modules: Ninja reads the operations' signatures
# (``Query[BawahanQuery]``) when the module is imported.
from typing import Any

from django.db.models import F, IntegerField, QuerySet, Value
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from kinerja.accounts.models import Role, User
from kinerja.api.auth import ApiRequest
from kinerja.api.errors import responses
from kinerja.api.schemas import (
    InstansiOut,
    JabatanOut,
    JabatanRingkasOut,
    Paginasi,
    PegawaiRingkasOut,
    UnitKerjaOut,
    blank_as_null,
)
from kinerja.organisasi import selectors
from kinerja.organisasi.enums import Golongan, StatusKepegawaian
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.policies import pegawai_get_for_user, pegawai_visible_to

router = Router(tags=["pegawai"])


class PegawaiOut(Schema):
    nip: str
    nama: str
    nama_lengkap: str = Field(description="Nama dengan gelar, seperti dicetak.")
    instansi: InstansiOut
    jabatan: JabatanOut
    unit_kerja: UnitKerjaOut
    golongan: Golongan
    pangkat_golongan: str = Field(description='Misalnya "Penata Muda, III/a"; golongan saja untuk PPPK.')
    status_kepegawaian: StatusKepegawaian
    email: str | None
    pejabat_penilai: PegawaiRingkasOut | None
    atasan_pejabat_penilai: PegawaiRingkasOut | None

    nulls = blank_as_null("email")


class PegawaiDetailOut(PegawaiOut):
    rantai_atasan: list[PegawaiRingkasOut] = Field(
        description="Pejabat penilai, atasannya, dan seterusnya ke atas; yang terdekat lebih dulu."
    )


class MeOut(Schema):
    """The caller: the pegawai fields, all null for a superadmin without a pegawai record."""

    username: str
    role: Role
    nip: str | None = None
    nama: str | None = None
    nama_lengkap: str | None = None
    instansi: InstansiOut | None = None
    jabatan: JabatanOut | None = None
    unit_kerja: UnitKerjaOut | None = None
    golongan: Golongan | None = None
    pangkat_golongan: str | None = None
    status_kepegawaian: StatusKepegawaian | None = None
    email: str | None = None
    pejabat_penilai: PegawaiRingkasOut | None = None
    atasan_pejabat_penilai: PegawaiRingkasOut | None = None

    nulls = blank_as_null("email")


class BawahanQuery(Schema):
    semua: bool = Field(False, description="true: bawahan langsung dan tidak langsung.")


class UnitKerjaRingkasOut(Schema):
    id: int
    nama: str


class BawahanOut(Schema):
    nip: str
    nama_lengkap: str
    jabatan: JabatanRingkasOut
    unit_kerja: UnitKerjaRingkasOut
    golongan: Golongan
    kedalaman: int = Field(description="1 = dinilai langsung, 2 = bawahan dari bawahan langsung, ...")


# The pegawai with everything PegawaiOut names, in the same query as the access check.
PEGAWAI_LENGKAP = Pegawai.objects.select_related(
    "instansi",
    "jabatan",
    "unit_kerja",
    "pejabat_penilai__jabatan",
    "atasan_pejabat_penilai__jabatan",
)


# The columns BawahanOut reads (nama_lengkap needs the gelar).
BAWAHAN_FIELDS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "golongan",
    "jabatan__nama",
    "jabatan__jenis",
    "unit_kerja__nama",
)


def _pegawai_data(pegawai: Pegawai) -> dict[str, Any]:
    return {name: getattr(pegawai, name) for name in PegawaiOut.model_fields}


@router.get("/me", response={200: MeOut, **responses(401)}, summary="Pengguna yang sedang masuk")
def me(request: ApiRequest) -> dict[str, Any]:
    user = request.auth
    data: dict[str, Any] = {"username": user.username, "role": user.role}
    if user.pegawai is None:
        return data
    pegawai = pegawai_get_for_user(user=user, nip=user.pegawai.nip, qs=PEGAWAI_LENGKAP)
    return {**data, **_pegawai_data(pegawai)}


@router.get(
    "/pegawai/{nip}",
    response={200: PegawaiDetailOut, **responses(401, 404)},
    summary="Satu pegawai dengan rantai atasannya",
)
def pegawai_detail(request: ApiRequest, nip: str) -> dict[str, Any]:
    pegawai = pegawai_get_for_user(user=request.auth, nip=nip, qs=PEGAWAI_LENGKAP)
    return {**_pegawai_data(pegawai), "rantai_atasan": selectors.rantai_atasan_of(pegawai)}


def _bawahan(*, user: User, pegawai: Pegawai, semua: bool) -> QuerySet[Pegawai]:
    qs = selectors.bawahan_of(pegawai, langsung=not semua)
    if semua:
        # bawahan_of(langsung=False) joins the closure rows of this atasan; their depth is read
        # from the same join.
        qs = qs.annotate(kedalaman=F("rantai_atas__kedalaman"))
    else:
        qs = qs.annotate(kedalaman=Value(1, output_field=IntegerField()))
    # Only the bawahan the caller may see: a pegawai reading their atasan's bawahan must not learn
    # about their peers, whom GET /pegawai/{nip} hides (policies.pegawai_visible_to).
    visible = pegawai_visible_to(user).values("pk")
    return (
        qs.filter(pk__in=visible)
        .only(*BAWAHAN_FIELDS)
        .order_by("kedalaman", "unit_kerja__path", "nama", "pk")
    )


@router.get(
    "/pegawai/{nip}/bawahan",
    response={200: list[BawahanOut], **responses(400, 401, 404)},
    summary="Bawahan seorang pegawai (langsung, atau semua dengan ?semua=true)",
)
@paginate(Paginasi)
def pegawai_bawahan(request: ApiRequest, nip: str, filters: Query[BawahanQuery]) -> QuerySet[Pegawai]:
    pegawai = pegawai_get_for_user(user=request.auth, nip=nip)
    return _bawahan(user=request.auth, pegawai=pegawai, semua=filters.semua)
