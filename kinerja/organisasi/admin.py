"""Django admin for reference data, open to superadmins only.

Writes that change the tree go through the services, so that paths and pejabat penilai stay right.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.organisasi import services
from kinerja.organisasi.models import (
    Instansi,
    Jabatan,
    Pegawai,
    PenetapanPejabatPenilai,
    RiwayatPejabatPenilai,
    UnitKerja,
)


class SuperadminOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superadmin", False))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    has_add_permission = has_module_permission

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # nothing is deleted: pegawai leave by aktif=False, units are moved


@admin.register(Instansi)
class InstansiAdmin(SuperadminOnly):
    list_display = ["kode", "nama", "tempat"]
    search_fields = ["kode", "nama"]


@admin.register(Jabatan)
class JabatanAdmin(SuperadminOnly):
    list_display = ["kode", "nama", "jenis", "eselon", "kategori", "jenjang", "instansi"]
    list_filter = ["instansi", "jenis"]
    search_fields = ["kode", "nama"]

    def save_model(self, request: HttpRequest, obj: Jabatan, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.penilai_rebuild(instansi=obj.instansi)  # the jenis decides who may rate


@admin.register(UnitKerja)
class UnitKerjaAdmin(SuperadminOnly):
    list_display = ["kode", "nama", "parent", "pimpinan_jabatan", "kedalaman"]
    list_filter = ["instansi"]
    search_fields = ["kode", "nama"]
    raw_id_fields = ["parent", "pimpinan_jabatan"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["instansi", "kode"] if obj else []

    def save_model(self, request: HttpRequest, obj: UnitKerja, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.unit_update(
                unit=obj,
                nama=data["nama"],
                parent=data["parent"],
                pimpinan_jabatan=data["pimpinan_jabatan"],
                urutan=data["urutan"],
            )
        else:
            created = services.unit_create(
                instansi=data["instansi"],
                kode=data["kode"],
                nama=data["nama"],
                parent=data["parent"],
                pimpinan_jabatan=data["pimpinan_jabatan"],
                urutan=data["urutan"],
            )
            obj.pk = created.pk


@admin.register(Pegawai)
class PegawaiAdmin(SuperadminOnly):
    list_display = ["nip", "nama", "jabatan", "unit_kerja", "pejabat_penilai", "aktif"]
    list_filter = ["instansi", "status_kepegawaian", "aktif"]
    search_fields = ["nip", "nama"]
    raw_id_fields = ["jabatan", "unit_kerja"]
    readonly_fields = ["pejabat_penilai", "atasan_pejabat_penilai"]
    list_select_related = ["jabatan", "unit_kerja", "pejabat_penilai"]

    def save_model(self, request: HttpRequest, obj: Pegawai, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.penilai_rebuild(instansi=obj.instansi)


@admin.register(PenetapanPejabatPenilai, RiwayatPejabatPenilai)
class ReadOnlyHistoryAdmin(SuperadminOnly):
    """Penetapan are made on the pegawai page (with a reason and a history row), not here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
