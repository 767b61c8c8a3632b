"""Output schemas shared by several resources, and the API's one pagination.

Blank optional text in the database ("" for a missing eselon or email) is answered as ``null``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import field_validator

from kinerja.organisasi.enums import Eselon, JenisJabatan, JenjangJF, KategoriJF

PAGE_LIMIT_DEFAULT = 100
PAGE_LIMIT_MAX = 500


class InstansiOut(Schema):
    kode: str
    nama: str


class UnitKerjaOut(Schema):
    id: int
    kode: str
    nama: str


def _blank_to_none(value: object) -> object:
    return None if value == "" else value


def blank_as_null(*fields: str) -> Any:
    """A validator that answers blank text as null, for a schema attribute: ``nulls = blank_as_null("x")``."""
    return field_validator(*fields, mode="before")(_blank_to_none)


class JabatanOut(Schema):
    kode: str
    nama: str
    jenis: JenisJabatan
    eselon: Eselon | None
    kategori: KategoriJF | None
    jenjang: JenjangJF | None

    nulls = blank_as_null("eselon", "kategori", "jenjang")


class JabatanRingkasOut(Schema):
    nama: str
    jenis: JenisJabatan


class PegawaiRingkasOut(Schema):
    """A pegawai named inside another answer (pejabat penilai, atasan chain)."""

    nip: str
    nama_lengkap: str
    jabatan: JabatanRingkasOut


class Paginasi(LimitOffsetPagination):
    """``?limit=&offset=``, answered as ``{"count": n, "items": [...]}``; a limit above the maximum is
    bad input (400), not silently cut."""

    class Input(Schema):
        limit: int = Field(
            PAGE_LIMIT_DEFAULT, ge=1, le=PAGE_LIMIT_MAX, description="Jumlah baris per halaman."
        )
        offset: int = Field(0, ge=0, description="Jumlah baris yang dilewati.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=PAGE_LIMIT_MAX, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        # A page slice is only stable on a total order; every list orders by its own fields plus pk.
        assert not isinstance(queryset, QuerySet) or queryset.ordered, "paginate an ordered queryset"
        return super().paginate_queryset(queryset, pagination, request, **params)


def pilihan_field(choices: Any, description: str, default: Any = ...) -> Any:
    """A text field that documents its choices without letting pydantic refuse an unknown one in
    English: the services answer it (400, "Jenis RHK 'X' tidak dikenal. Pilihan: ...")."""
    return Field(default, description=description, json_schema_extra={"enum": list(choices.values)})
