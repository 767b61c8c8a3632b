"""Every write of the SKP (planning) and every status change (domain.md §5.1, issue #3).

Each service takes the acting user, checks that they may act (403), locks the SKP row before
reading its status (so that an edit cannot race a submission), refuses what the status does not
allow (409, ``InvalidTransition``) and writes a ``RiwayatSkp`` row for every status change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from kinerja.core.errors import field_error, pilihan, teks
from kinerja.core.workflow import InvalidTransition
from kinerja.organisasi.models import Pegawai
from kinerja.skp import policies, rules, selectors
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
from kinerja.skp.models import (
    Indikator,
    Lampiran,
    LampiranBawaan,
    PerilakuKerja,
    PustakaEkspektasi,
    RencanaHasilKerja,
    RiwayatSkp,
    Skp,
    rhk_dapat_diintervensi,
)

if TYPE_CHECKING:
    from kinerja.accounts.models import User


class SkpTerkunci(InvalidTransition):
    """The SKP is no longer a draft: its content cannot change (409)."""


# --- helpers -------------------------------------------------------------------------------------


def _lock(skp: Skp) -> Skp:
    return Skp.objects.select_for_update().select_related("pegawai").get(pk=skp.pk)


def _riwayat(skp: Skp, *, actor: User, aksi: str, dari: str, ke: str, catatan: str = "") -> None:
    RiwayatSkp.objects.create(skp=skp, actor=actor, aksi=aksi, dari=dari, ke=ke, catatan=catatan)


def _draft_for_owner(skp: Skp, actor: User) -> Skp:
    """Lock the SKP and make sure the actor owns it and it is still a draft."""
    locked = _lock(skp)
    policies.require_pemilik(actor, locked)
    if locked.status != StatusSkp.DRAFT:
        raise SkpTerkunci(
            "SKP sudah diajukan atau disetujui dan tidak dapat diubah lagi.", dari=locked.status
        )
    return locked


def _urutan_berikut(qs: Any) -> int:
    return int(qs.aggregate(m=Max("urutan"))["m"] or 0) + 1


def _bentuk_for(pegawai: Pegawai) -> BentukSkp:
    unit = pegawai.unit_kerja
    mandiri = bool(unit.mandiri and unit.pimpinan_jabatan_id == pegawai.jabatan_id)
    return rules.bentuk_skp(pegawai.jabatan.jenis, pimpinan_unit_mandiri=mandiri)


# --- SKP -----------------------------------------------------------------------------------------


def skp_create(
    *,
    actor: User,
    pendekatan: str,
    periode_awal: dt.date | None = None,
    periode_akhir: dt.date | None = None,
    is_plt_plh: bool = False,
) -> Skp:
    """The actor plans a new SKP for themself (domain.md §5.1 "Tambah Periode SKP").

    The period defaults to the current year from the TMT of the jabatan. An open SKP of another
    jabatan that overlaps (a mutasi or promotion) is closed the day before the new period starts
    (§5.4), unless the new one is a Plt/Plh assignment, which runs beside it.
    """
    if actor.pegawai_id is None:
        raise PermissionDenied("Akun ini tidak terhubung ke data pegawai.")
    return _skp_create(
        pegawai_id=actor.pegawai_id,
        actor=actor,
        pendekatan=pendekatan,
        periode_awal=periode_awal,
        periode_akhir=periode_akhir,
        is_plt_plh=is_plt_plh,
    )


def _skp_create(
    *,
    pegawai_id: int,
    actor: User,
    pendekatan: str,
    periode_awal: dt.date | None,
    periode_akhir: dt.date | None,
    is_plt_plh: bool,
) -> Skp:
    pendekatan = pilihan(pendekatan, Pendekatan, field="pendekatan", label="Pendekatan", wajib=True)
    with transaction.atomic():
        # Serialise SKP creation per pegawai: the overlap checks below read before they write.
        pegawai = (
            Pegawai.objects.select_for_update().select_related("jabatan", "unit_kerja").get(pk=pegawai_id)
        )
        tahun = (periode_awal or periode_akhir or timezone.localdate()).year
        awal = periode_awal or rules.periode_awal_default(tahun, pegawai.tmt_jabatan)
        akhir = periode_akhir or rules.periode_default(awal.year)[1]
        if (error := rules.periode_error(awal, akhir)) is not None:
            raise field_error("periode_akhir", error, "periode")

        terbuka = list(
            Skp.objects.select_for_update()
            .filter(pegawai=pegawai, periode_awal__lte=akhir, periode_akhir__gte=awal)
            .exclude(status=StatusSkp.DIGANTI)
        )
        for lama in terbuka:
            if lama.jabatan_id == pegawai.jabatan_id or is_plt_plh or lama.is_plt_plh:
                if lama.jabatan_id == pegawai.jabatan_id:
                    raise field_error(
                        "periode_awal",
                        f"Sudah ada SKP untuk jabatan ini pada periode {lama.periode_awal:%d-%m-%Y} "
                        f"s.d. {lama.periode_akhir:%d-%m-%Y}.",
                        "bertumpang",
                    )
                continue
            # Mutasi / promotion: the old SKP ends the day before the new one starts.
            if lama.periode_awal >= awal:
                raise field_error(
                    "periode_awal",
                    "SKP jabatan sebelumnya dimulai pada atau setelah tanggal ini; "
                    "periode SKP baru harus dimulai setelah "
                    f"{lama.periode_awal:%d-%m-%Y}.",
                    "bertumpang",
                )
            akhir_lama = rules.akhir_sebelum_tmt(awal)
            _riwayat(
                lama,
                actor=actor,
                aksi="DITUTUP",
                dari=lama.status,
                ke=lama.status,
                catatan=(
                    f"Periode ditutup pada {akhir_lama:%d-%m-%Y} karena pindah jabatan ke "
                    f"{pegawai.jabatan.nama}."
                ),
            )
            lama.periode_akhir = akhir_lama
            lama.save(update_fields=["periode_akhir", "updated_at"])

        skp = Skp(
            pegawai=pegawai,
            jabatan=pegawai.jabatan,
            unit_kerja=pegawai.unit_kerja,
            pejabat_penilai_id=pegawai.pejabat_penilai_id,
            atasan_pejabat_penilai_id=pegawai.atasan_pejabat_penilai_id,
            bentuk=_bentuk_for(pegawai),
            pendekatan=pendekatan,
            tahun=awal.year,
            periode_awal=awal,
            periode_akhir=akhir,
            is_plt_plh=is_plt_plh,
            created_by=actor,
        )
        try:
            with transaction.atomic():
                skp.save()
        except IntegrityError:
            # The database constraint caught a race the checks above could not see.
            raise field_error(
                "periode_awal",
                "Sudah ada SKP lain untuk jabatan ini pada periode yang bertumpang.",
                "bertumpang",
            ) from None
        _isi_bawaan(skp)
        _riwayat(skp, actor=actor, aksi="DIBUAT", dari="", ke=StatusSkp.DRAFT)
    return skp


def _isi_bawaan(skp: Skp) -> None:
    """Seven BerAKHLAK rows (always) and the instansi's default lampiran (issue #3 points 3-4)."""
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(skp=skp, core_value=cv, urutan=i) for i, cv in enumerate(CoreValue.values, start=1)
    )
    bawaan = list(
        LampiranBawaan.objects.filter(instansi_id=skp.pegawai.instansi_id).values_list("jenis", "uraian")
    )
    if not bawaan:
        bawaan = [(jenis, uraian) for jenis, items in rules.LAMPIRAN_BAWAAN.items() for uraian in items]
    Lampiran.objects.bulk_create(
        Lampiran(skp=skp, jenis=jenis, uraian=uraian, urutan=i) for i, (jenis, uraian) in enumerate(bawaan, 1)
    )


def skp_ajukan(*, skp: Skp, actor: User) -> Skp:
    """DRAFT -> DIAJUKAN by the pegawai, once the SKP is complete (domain.md §5.1)."""
    with transaction.atomic():
        skp = _lock(skp)
        policies.require_pemilik(actor, skp)
        if skp.status != StatusSkp.DRAFT:
            raise InvalidTransition("Hanya SKP berstatus draf yang dapat diajukan.", dari=skp.status)
        # The pejabat penilai follows the organisation until the SKP is submitted.
        skp.pejabat_penilai_id = skp.pegawai.pejabat_penilai_id
        skp.atasan_pejabat_penilai_id = skp.pegawai.atasan_pejabat_penilai_id
        if skp.pejabat_penilai_id is None:
            raise ValidationError(
                "Pejabat penilai Anda belum ditentukan. Hubungi admin kepegawaian.", code="tanpa_penilai"
            )
        ringkas = [
            rules.RhkRingkas(
                uraian=r.uraian,
                jenis=r.jenis,
                jumlah_indikator=len(r.indikator.all()),
                punya_rhk_atasan=r.rhk_atasan_id is not None,
            )
            for r in RencanaHasilKerja.objects.filter(skp=skp).prefetch_related("indikator")
        ]
        masalah = rules.syarat_ajukan(bentuk=skp.bentuk, rhk=ringkas)
        if masalah:
            raise ValidationError(masalah, code="belum_lengkap")
        dari = skp.pindah_status(StatusSkp.DIAJUKAN)
        skp.tanggal_diajukan = timezone.now()
        skp.save(
            update_fields=[
                "status",
                "tanggal_diajukan",
                "pejabat_penilai",
                "atasan_pejabat_penilai",
                "updated_at",
            ]
        )
        _riwayat(skp, actor=actor, aksi="DIAJUKAN", dari=dari, ke=skp.status)
    return skp


def skp_batal_ajukan(*, skp: Skp, actor: User) -> Skp:
    """DIAJUKAN -> DRAFT by the pegawai before the pejabat penilai decides (§5.1, G)."""
    with transaction.atomic():
        skp = _lock(skp)
        policies.require_pemilik(actor, skp)
        if skp.status != StatusSkp.DIAJUKAN:
            raise InvalidTransition("Hanya SKP yang sedang diajukan yang dapat dibatalkan.", dari=skp.status)
        dari = skp.pindah_status(StatusSkp.DRAFT)
        skp.save(update_fields=["status", "updated_at"])
        _riwayat(skp, actor=actor, aksi="BATAL_AJUKAN", dari=dari, ke=skp.status)
    return skp


def skp_kembalikan(*, skp: Skp, actor: User, catatan: str) -> Skp:
    """DIAJUKAN -> DRAFT by the pejabat penilai, with the reason (§5.1; catatan required, G)."""
    catatan = teks(catatan, field="catatan", label="Catatan pengembalian", batas=rules.BATAS_CATATAN)
    with transaction.atomic():
        skp = _lock(skp)
        policies.require_pejabat_penilai(actor, skp)
        if skp.status != StatusSkp.DIAJUKAN:
            raise InvalidTransition(
                "Hanya SKP yang sedang diajukan yang dapat dikembalikan.", dari=skp.status
            )
        dari = skp.pindah_status(StatusSkp.DRAFT)
        skp.catatan_pengembalian = catatan
        skp.save(update_fields=["status", "catatan_pengembalian", "updated_at"])
        _riwayat(skp, actor=actor, aksi="DIKEMBALIKAN", dari=dari, ke=skp.status, catatan=catatan)
    return skp


def skp_setujui(*, skp: Skp, actor: User, catatan: str = "") -> Skp:
    """DIAJUKAN -> DISETUJUI by the pejabat penilai, who thereby ditetapkan the SKP (§5.1).

    Freezes the snapshot. When this is a revisi, the version it replaces becomes DIGANTI and the
    bawahan RHK that intervened the old RHK now point at their copies in this version.
    """
    catatan = teks(catatan, field="catatan", label="Catatan", batas=rules.BATAS_CATATAN, wajib=False)
    with transaction.atomic():
        skp = _lock(skp)
        policies.require_pejabat_penilai(actor, skp)
        if skp.status != StatusSkp.DIAJUKAN:
            raise InvalidTransition("Hanya SKP yang sedang diajukan yang dapat disetujui.", dari=skp.status)
        dari = skp.pindah_status(StatusSkp.DISETUJUI)
        now = timezone.now()
        skp.tanggal_disetujui = now
        skp.tanggal_penetapan = timezone.localdate(now)
        skp.catatan_pengembalian = ""
        skp.snapshot = selectors.identitas_baru(skp)
        skp.save(
            update_fields=[
                "status",
                "tanggal_disetujui",
                "tanggal_penetapan",
                "catatan_pengembalian",
                "snapshot",
                "updated_at",
            ]
        )
        _riwayat(skp, actor=actor, aksi="DISETUJUI", dari=dari, ke=skp.status, catatan=catatan)
        if skp.revisi_dari_id is not None:
            _ganti_versi_lama(skp, actor=actor)
    return skp


def _ganti_versi_lama(baru: Skp, *, actor: User) -> None:
    assert baru.revisi_dari_id is not None
    lama = Skp.objects.select_for_update().get(pk=baru.revisi_dari_id)
    if lama.status == StatusSkp.DISETUJUI:
        dari = lama.pindah_status(StatusSkp.DIGANTI)
        lama.save(update_fields=["status", "updated_at"])
        _riwayat(
            lama,
            actor=actor,
            aksi="DIGANTI",
            dari=dari,
            ke=lama.status,
            catatan=f"Diganti versi {baru.versi}.",
        )
    # Carry the cascade over in one UPDATE: bawahan RHK that intervened an old RHK now intervene
    # its copy in this version, with its current text; one removed in the revisi loses the link
    # but keeps the printed text.
    salinan = RencanaHasilKerja.objects.filter(skp=baru, asal_id=OuterRef("rhk_atasan_id"))
    RencanaHasilKerja.objects.filter(rhk_atasan__skp_id=lama.pk).update(
        rhk_atasan_id=Subquery(salinan.values("pk")[:1]),
        rhk_atasan_uraian=Coalesce(Subquery(salinan.values("uraian")[:1]), F("rhk_atasan_uraian")),
    )


def skp_revisi(*, skp: Skp, actor: User, catatan: str = "") -> Skp:
    """A new DRAFT version of an approved SKP; the approved one stays until the new is approved."""
    catatan = teks(catatan, field="catatan", label="Alasan revisi", batas=rules.BATAS_CATATAN, wajib=False)
    with transaction.atomic():
        skp = _lock(skp)
        policies.require_pemilik(actor, skp)
        if skp.status != StatusSkp.DISETUJUI:
            raise InvalidTransition("Hanya SKP yang sudah disetujui yang dapat direvisi.", dari=skp.status)
        if Skp.objects.filter(seri=skp.seri, versi__gt=skp.versi).exists():
            raise InvalidTransition("Revisi SKP ini sudah ada dan belum disetujui.", dari=skp.status)
        baru = Skp.objects.get(pk=skp.pk)
        baru.pk = None
        baru.versi = skp.versi + 1
        baru.revisi_dari = skp
        baru.status = StatusSkp.DRAFT
        baru.snapshot = {}
        baru.tanggal_diajukan = baru.tanggal_disetujui = None
        baru.tanggal_penetapan = None
        baru.catatan_pengembalian = ""
        baru.created_by = actor
        baru.save(force_insert=True)
        _salin_isi(skp, baru)
        _riwayat(
            baru,
            actor=actor,
            aksi="REVISI",
            dari="",
            ke=StatusSkp.DRAFT,
            catatan=catatan or f"Revisi dari versi {skp.versi}.",
        )
    return baru


def _salin_isi(lama: Skp, baru: Skp) -> None:
    rhk_lama = list(RencanaHasilKerja.objects.filter(skp=lama).prefetch_related("indikator"))
    rhk_baru = RencanaHasilKerja.objects.bulk_create(
        RencanaHasilKerja(
            skp=baru,
            jenis=r.jenis,
            uraian=r.uraian,
            klasifikasi=r.klasifikasi,
            perspektif=r.perspektif,
            penugasan_dari=r.penugasan_dari,
            rhk_atasan_id=r.rhk_atasan_id,
            rhk_atasan_uraian=r.rhk_atasan_uraian,
            ukuran_keberhasilan=r.ukuran_keberhasilan,
            asal=r,
            urutan=r.urutan,
        )
        for r in rhk_lama
    )
    Indikator.objects.bulk_create(
        Indikator(
            rhk=baru_rhk,
            aspek=i.aspek,
            indikator=i.indikator,
            target_min=i.target_min,
            target_max=i.target_max,
            satuan=i.satuan,
            target_kualitatif=i.target_kualitatif,
            urutan=i.urutan,
        )
        for lama_rhk, baru_rhk in zip(rhk_lama, rhk_baru, strict=True)
        for i in lama_rhk.indikator.all()
    )
    PerilakuKerja.objects.bulk_create(
        PerilakuKerja(
            skp=baru, core_value=p.core_value, ekspektasi_khusus=p.ekspektasi_khusus, urutan=p.urutan
        )
        for p in PerilakuKerja.objects.filter(skp=lama)
    )
    Lampiran.objects.bulk_create(
        Lampiran(skp=baru, jenis=item.jenis, uraian=item.uraian, urutan=item.urutan)
        for item in Lampiran.objects.filter(skp=lama)
    )


# --- RHK -----------------------------------------------------------------------------------------


class RhkData(TypedDict, total=False):
    jenis: str
    uraian: str
    rhk_atasan_id: int | None
    klasifikasi: str
    perspektif: str
    penugasan_dari: str
    ukuran_keberhasilan: str


def _rhk_atasan(skp: Skp, rhk_atasan_id: int) -> RencanaHasilKerja:
    """The RHK of the pejabat penilai that this SKP's RHK may intervene (domain.md §4.5 rules 1-2)."""
    if skp.bentuk != BentukSkp.JA_JF:
        raise field_error(
            "rhk_atasan_id", "SKP JPT tidak mengintervensi RHK atasan; isi 'penugasan dari'.", "bentuk"
        )
    penilai_id = skp.pegawai.pejabat_penilai_id
    atasan = (
        RencanaHasilKerja.objects.select_related("skp")
        .filter(rhk_dapat_diintervensi(), pk=rhk_atasan_id, skp__pegawai_id=penilai_id or 0)
        .first()
    )
    if penilai_id is None or atasan is None:
        raise field_error(
            "rhk_atasan_id", "RHK atasan harus RHK dari SKP pejabat penilai Anda.", "rhk_atasan"
        )
    if not rules.periode_bertumpang(
        (atasan.skp.periode_awal, atasan.skp.periode_akhir), (skp.periode_awal, skp.periode_akhir)
    ):
        raise field_error(
            "rhk_atasan_id", "SKP pejabat penilai untuk RHK itu tidak mencakup periode SKP ini.", "rhk_atasan"
        )
    error = rules.rhk_atasan_error(bentuk_skp_atasan=atasan.skp.bentuk, klasifikasi_atasan=atasan.klasifikasi)
    if error:
        raise field_error("rhk_atasan_id", error, "rhk_atasan")
    return atasan


def _rhk_clean(skp: Skp, data: RhkData, current: RencanaHasilKerja | None = None) -> dict[str, Any]:
    def pick(key: str) -> Any:
        if key in data:
            return data[key]  # type: ignore[literal-required]
        return getattr(current, key) if current is not None else None

    clean: dict[str, Any] = {
        "jenis": pilihan(pick("jenis"), JenisRhk, field="jenis", label="Jenis RHK", wajib=True),
        "uraian": teks(pick("uraian"), field="uraian", label="Rencana hasil kerja", batas=rules.BATAS_URAIAN),
        "ukuran_keberhasilan": teks(
            pick("ukuran_keberhasilan"),
            field="ukuran_keberhasilan",
            label="Ukuran keberhasilan",
            batas=rules.BATAS_URAIAN,
            wajib=False,
        ),
    }
    jpt_fields = ("klasifikasi", "perspektif", "penugasan_dari")
    if skp.bentuk == BentukSkp.JPT:
        clean["klasifikasi"] = (
            pilihan(
                pick("klasifikasi"), KlasifikasiRhk, field="klasifikasi", label="Klasifikasi", wajib=False
            )
            or KlasifikasiRhk.ORGANISASI
        )
        clean["perspektif"] = pilihan(
            pick("perspektif"), Perspektif, field="perspektif", label="Perspektif", wajib=False
        )
        clean["penugasan_dari"] = teks(
            pick("penugasan_dari"),
            field="penugasan_dari",
            label="Penugasan dari",
            batas=rules.BATAS_PENUGASAN,
            wajib=False,
        )
        if data.get("rhk_atasan_id"):
            _rhk_atasan(skp, int(data["rhk_atasan_id"] or 0))  # raises: JPT does not intervene
    else:
        for key in jpt_fields:
            if data.get(key):
                raise field_error(key, "Klasifikasi, perspektif dan penugasan hanya untuk SKP JPT.", "bentuk")
        if "rhk_atasan_id" in data:
            atasan_id = data["rhk_atasan_id"]
            atasan = _rhk_atasan(skp, int(atasan_id)) if atasan_id else None
            clean["rhk_atasan"] = atasan
            clean["rhk_atasan_uraian"] = atasan.uraian if atasan else ""
    return clean


def rhk_create(*, skp: Skp, actor: User, data: RhkData) -> RencanaHasilKerja:
    with transaction.atomic():
        skp = _draft_for_owner(skp, actor)
        clean = _rhk_clean(skp, data)
        urutan = _urutan_berikut(RencanaHasilKerja.objects.filter(skp=skp, jenis=clean["jenis"]))
        return RencanaHasilKerja.objects.create(skp=skp, urutan=urutan, **clean)


def rhk_update(*, rhk: RencanaHasilKerja, actor: User, data: RhkData) -> RencanaHasilKerja:
    with transaction.atomic():
        skp = _draft_for_owner(rhk.skp, actor)
        rhk = RencanaHasilKerja.objects.select_for_update().get(pk=rhk.pk)
        clean = _rhk_clean(skp, data, current=rhk)
        if clean["jenis"] != rhk.jenis:
            clean["urutan"] = _urutan_berikut(RencanaHasilKerja.objects.filter(skp=skp, jenis=clean["jenis"]))
        for key, value in clean.items():
            setattr(rhk, key, value)
        rhk.save()
    return rhk


def rhk_delete(*, rhk: RencanaHasilKerja, actor: User) -> None:
    """Removes the RHK and its indikator. Bawahan RHK that intervened it keep the printed text."""
    with transaction.atomic():
        _draft_for_owner(rhk.skp, actor)
        RencanaHasilKerja.objects.filter(pk=rhk.pk).delete()


def rhk_geser(*, rhk: RencanaHasilKerja, actor: User, arah: int) -> None:
    """Move the RHK one place up (arah = -1) or down (+1) within its jenis."""
    with transaction.atomic():
        skp = _draft_for_owner(rhk.skp, actor)
        _geser(list(RencanaHasilKerja.objects.filter(skp=skp, jenis=rhk.jenis)), rhk.pk, arah)


def _geser(items: list[Any], pk: int, arah: int) -> None:
    if arah not in (-1, 1):
        raise field_error("arah", "Arah harus -1 (naik) atau 1 (turun).", "arah")
    ids = [item.pk for item in items]
    i = ids.index(pk)
    j = i + arah
    if not 0 <= j < len(items):
        return
    items[i], items[j] = items[j], items[i]
    for urutan, item in enumerate(items, start=1):
        item.urutan = urutan
    type(items[0]).objects.bulk_update(items, ["urutan"])


def rhk_turunkan(*, rhk_atasan: RencanaHasilKerja, bawahan: Pegawai, actor: User) -> RencanaHasilKerja:
    """The pejabat penilai hands one of their RHK down to a bawahan as a pre-filled draft RHK
    (matriks peran hasil, domain.md §4.5 rule 3). The bawahan's draft SKP for the period is
    created if there is none; a submitted or approved one is left alone (409)."""
    with transaction.atomic():
        if actor.pegawai_id is None or rhk_atasan.skp.pegawai_id != actor.pegawai_id:
            raise PermissionDenied("Hanya pemilik RHK yang dapat menurunkannya.")
        if bawahan.pejabat_penilai_id != actor.pegawai_id:
            raise PermissionDenied("Pegawai ini bukan bawahan yang Anda nilai.")
        atasan_skp = rhk_atasan.skp
        target = (
            Skp.objects.select_for_update()
            .select_related("pegawai")
            .filter(
                pegawai=bawahan,
                periode_awal__lte=atasan_skp.periode_akhir,
                periode_akhir__gte=atasan_skp.periode_awal,
            )
            .exclude(status=StatusSkp.DIGANTI)
            .order_by("-periode_awal", "-versi")
            .first()
        )
        if target is None:
            awal = max(
                atasan_skp.periode_awal, rules.periode_awal_default(atasan_skp.tahun, bawahan.tmt_jabatan)
            )
            target = _skp_create(
                pegawai_id=bawahan.pk,
                actor=actor,
                pendekatan=atasan_skp.pendekatan,
                periode_awal=awal,
                periode_akhir=atasan_skp.periode_akhir,
                is_plt_plh=False,
            )
        if target.status != StatusSkp.DRAFT:
            raise SkpTerkunci("SKP bawahan sudah diajukan atau disetujui; RHK tidak dapat ditambahkan.")
        if target.bentuk != BentukSkp.JA_JF:
            raise ValidationError("SKP bawahan berbentuk JPT dan tidak mengintervensi RHK.", code="bentuk")
        _rhk_atasan(target, rhk_atasan.pk)
        urutan = _urutan_berikut(RencanaHasilKerja.objects.filter(skp=target, jenis=JenisRhk.UTAMA))
        return RencanaHasilKerja.objects.create(
            skp=target,
            jenis=JenisRhk.UTAMA,
            uraian=rhk_atasan.uraian,
            rhk_atasan=rhk_atasan,
            rhk_atasan_uraian=rhk_atasan.uraian,
            urutan=urutan,
        )


# --- Indikator -----------------------------------------------------------------------------------


class IndikatorData(TypedDict, total=False):
    aspek: str
    indikator: str
    target_min: Decimal | None
    target_max: Decimal | None
    satuan: str
    target_kualitatif: str


def _desimal(value: Any, field: str) -> Decimal | None:
    """A target given as Decimal, int or numeric text; None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise field_error(field, "Target harus berupa angka.", "target")
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except ArithmeticError:
        raise field_error(field, "Target harus berupa angka.", "target") from None


def _indikator_clean(skp: Skp, data: IndikatorData, current: Indikator | None = None) -> dict[str, Any]:
    def pick(key: str) -> Any:
        if key in data:
            return data[key]  # type: ignore[literal-required]
        return getattr(current, key) if current is not None else None

    kuantitatif = skp.pendekatan == Pendekatan.KUANTITATIF
    # The JA/JF kuantitatif form has an aspek column; the JPT form has none (domain.md §3.6, C).
    aspek_wajib = kuantitatif and skp.bentuk == BentukSkp.JA_JF
    target_min, target_max = rules.normalisasi_target(
        _desimal(pick("target_min"), "target_min"), _desimal(pick("target_max"), "target_max")
    )
    error = rules.target_error(
        pendekatan=skp.pendekatan, target_min=target_min, target_max=target_max, wajib_angka=True
    )
    if error:
        raise field_error("target_min", error, "target")
    satuan = teks(pick("satuan"), field="satuan", label="Satuan", batas=rules.BATAS_SATUAN, wajib=kuantitatif)
    target_kualitatif = teks(
        pick("target_kualitatif"),
        field="target_kualitatif",
        label="Target",
        batas=rules.BATAS_INDIKATOR,
        wajib=not kuantitatif and target_min is None,
    )
    return {
        "aspek": pilihan(pick("aspek"), Aspek, field="aspek", label="Aspek", wajib=aspek_wajib),
        "indikator": teks(
            pick("indikator"), field="indikator", label="Indikator", batas=rules.BATAS_INDIKATOR
        ),
        "target_min": target_min,
        "target_max": target_max,
        "satuan": satuan,
        "target_kualitatif": target_kualitatif,
    }


def indikator_create(*, rhk: RencanaHasilKerja, actor: User, data: IndikatorData) -> Indikator:
    with transaction.atomic():
        skp = _draft_for_owner(rhk.skp, actor)
        clean = _indikator_clean(skp, data)
        urutan = _urutan_berikut(Indikator.objects.filter(rhk=rhk))
        return Indikator.objects.create(rhk=rhk, urutan=urutan, **clean)


def indikator_update(*, indikator: Indikator, actor: User, data: IndikatorData) -> Indikator:
    with transaction.atomic():
        skp = _draft_for_owner(indikator.rhk.skp, actor)
        indikator = Indikator.objects.select_for_update().get(pk=indikator.pk)
        for key, value in _indikator_clean(skp, data, current=indikator).items():
            setattr(indikator, key, value)
        indikator.save()
    return indikator


def indikator_delete(*, indikator: Indikator, actor: User) -> None:
    with transaction.atomic():
        _draft_for_owner(indikator.rhk.skp, actor)
        Indikator.objects.filter(pk=indikator.pk).delete()


def indikator_geser(*, indikator: Indikator, actor: User, arah: int) -> None:
    with transaction.atomic():
        _draft_for_owner(indikator.rhk.skp, actor)
        _geser(list(Indikator.objects.filter(rhk_id=indikator.rhk_id)), indikator.pk, arah)


# --- Perilaku kerja and lampiran -----------------------------------------------------------------


def perilaku_set_ekspektasi(
    *, skp: Skp, actor: User, core_value: str, ekspektasi_khusus: str
) -> PerilakuKerja:
    """Only the pejabat penilai writes the ekspektasi khusus pimpinan, while the SKP is a draft or
    submitted (domain.md §5.1, C). It may be left empty."""
    core_value = pilihan(core_value, CoreValue, field="core_value", label="Core value", wajib=True)
    ekspektasi = teks(
        ekspektasi_khusus,
        field="ekspektasi_khusus",
        label="Ekspektasi khusus",
        batas=rules.BATAS_EKSPEKTASI,
        wajib=False,
    )
    with transaction.atomic():
        skp = _lock(skp)
        policies.require_pejabat_penilai(actor, skp)
        if skp.status not in (StatusSkp.DRAFT, StatusSkp.DIAJUKAN):
            raise SkpTerkunci("Ekspektasi khusus tidak dapat diubah setelah SKP disetujui.", dari=skp.status)
        perilaku = PerilakuKerja.objects.get(skp=skp, core_value=core_value)
        perilaku.ekspektasi_khusus = ekspektasi
        perilaku.save(update_fields=["ekspektasi_khusus"])
    return perilaku


def lampiran_create(*, skp: Skp, actor: User, jenis: str, uraian: str) -> Lampiran:
    jenis = pilihan(jenis, JenisLampiran, field="jenis", label="Jenis lampiran", wajib=True)
    uraian = teks(uraian, field="uraian", label="Uraian lampiran", batas=rules.BATAS_LAMPIRAN)
    with transaction.atomic():
        skp = _draft_for_owner(skp, actor)
        urutan = _urutan_berikut(Lampiran.objects.filter(skp=skp, jenis=jenis))
        return Lampiran.objects.create(skp=skp, jenis=jenis, uraian=uraian, urutan=urutan)


def lampiran_update(*, lampiran: Lampiran, actor: User, uraian: str) -> Lampiran:
    uraian = teks(uraian, field="uraian", label="Uraian lampiran", batas=rules.BATAS_LAMPIRAN)
    with transaction.atomic():
        _draft_for_owner(lampiran.skp, actor)
        lampiran.uraian = uraian
        lampiran.save(update_fields=["uraian"])
    return lampiran


def lampiran_delete(*, lampiran: Lampiran, actor: User) -> None:
    with transaction.atomic():
        _draft_for_owner(lampiran.skp, actor)
        Lampiran.objects.filter(pk=lampiran.pk).delete()


# --- Instansi settings (admin instansi) ----------------------------------------------------------


def _require_admin(actor: User, instansi_id: int) -> None:
    from kinerja.organisasi.policies import is_admin_of

    if not is_admin_of(actor, instansi_id):
        raise PermissionDenied("Hanya admin instansi yang boleh mengubah pengaturan ini.")


def pustaka_create(*, instansi_id: int, actor: User, core_value: str, kalimat: str) -> PustakaEkspektasi:
    _require_admin(actor, instansi_id)
    core_value = pilihan(core_value, CoreValue, field="core_value", label="Core value", wajib=True)
    kalimat = teks(kalimat, field="kalimat", label="Kalimat", batas=rules.BATAS_EKSPEKTASI)
    return PustakaEkspektasi.objects.create(instansi_id=instansi_id, core_value=core_value, kalimat=kalimat)


def pustaka_delete(*, item: PustakaEkspektasi, actor: User) -> None:
    _require_admin(actor, item.instansi_id)
    item.delete()


def lampiran_bawaan_create(*, instansi_id: int, actor: User, jenis: str, uraian: str) -> LampiranBawaan:
    _require_admin(actor, instansi_id)
    jenis = pilihan(jenis, JenisLampiran, field="jenis", label="Jenis lampiran", wajib=True)
    uraian = teks(uraian, field="uraian", label="Uraian", batas=rules.BATAS_LAMPIRAN)
    urutan = _urutan_berikut(LampiranBawaan.objects.filter(instansi_id=instansi_id, jenis=jenis))
    return LampiranBawaan.objects.create(instansi_id=instansi_id, jenis=jenis, uraian=uraian, urutan=urutan)


def lampiran_bawaan_delete(*, item: LampiranBawaan, actor: User) -> None:
    _require_admin(actor, item.instansi_id)
    item.delete()
