"""Writes to the organisation: unit tree, pejabat penilai resolution and its admin overrides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.organisasi import rules
from kinerja.organisasi.models import (
    Instansi,
    Jabatan,
    Pegawai,
    PenetapanPejabatPenilai,
    RantaiAtasan,
    RiwayatPejabatPenilai,
    UnitKerja,
)

if TYPE_CHECKING:
    from kinerja.accounts.models import User

BATCH = 2000


# --- Unit tree -----------------------------------------------------------------------------


def unit_create(
    *,
    instansi: Instansi,
    kode: str,
    nama: str,
    parent: UnitKerja | None = None,
    pimpinan_jabatan: Jabatan | None = None,
    urutan: int = 0,
) -> UnitKerja:
    if parent is not None and parent.instansi_id != instansi.pk:
        raise ValidationError(_("Unit induk harus berada di instansi yang sama."))
    with transaction.atomic():
        unit = UnitKerja.objects.create(
            instansi=instansi,
            kode=kode,
            nama=nama,
            parent=parent,
            pimpinan_jabatan=pimpinan_jabatan,
            urutan=urutan,
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.kedalaman = parent.kedalaman + 1 if parent else 0
        unit.save(update_fields=["path", "kedalaman"])
    return unit


def unit_update(
    *,
    unit: UnitKerja,
    nama: str,
    parent: UnitKerja | None,
    pimpinan_jabatan: Jabatan | None,
    urutan: int = 0,
) -> UnitKerja:
    """Rename or move a unit; a move rewrites the paths of its whole subtree, then re-resolves."""
    if parent is not None and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
        raise ValidationError(_("Unit tidak boleh dipindah ke bawah dirinya sendiri."))
    if parent is not None and parent.instansi_id != unit.instansi_id:
        raise ValidationError(_("Unit induk harus berada di instansi yang sama."))
    if pimpinan_jabatan is not None and pimpinan_jabatan.instansi_id != unit.instansi_id:
        raise ValidationError(_("Jabatan pimpinan harus berasal dari instansi yang sama."))
    with transaction.atomic():
        locked = UnitKerja.objects.select_for_update().get(pk=unit.pk)
        old_path, old_depth = locked.path, locked.kedalaman
        locked.nama, locked.parent, locked.pimpinan_jabatan, locked.urutan = (
            nama,
            parent,
            pimpinan_jabatan,
            urutan,
        )
        locked.path = f"{parent.path if parent else '/'}{locked.pk}/"
        locked.kedalaman = parent.kedalaman + 1 if parent else 0
        locked.save(update_fields=["nama", "parent", "pimpinan_jabatan", "urutan", "path", "kedalaman"])
        if locked.path != old_path:
            subtree = list(UnitKerja.objects.filter(path__startswith=old_path).exclude(pk=locked.pk))
            for child in subtree:
                child.path = locked.path + child.path[len(old_path) :]
                child.kedalaman = child.kedalaman - old_depth + locked.kedalaman
            UnitKerja.objects.bulk_update(subtree, ["path", "kedalaman"], batch_size=BATCH)
        penilai_rebuild(instansi=locked.instansi)
    return locked


# --- Pejabat penilai -----------------------------------------------------------------------


@dataclass(frozen=True)
class RebuildResult:
    pegawai_diubah: int
    rantai_ditambah: int
    rantai_dihapus: int


def _org_snapshot(instansi_id: int, penetapan: dict[int, int]) -> rules.OrgSnapshot:
    units = list(
        UnitKerja.objects.filter(instansi_id=instansi_id).values_list(
            "pk", "parent_id", "pimpinan_jabatan_id"
        )
    )
    pegawai = list(
        Pegawai.objects.filter(instansi_id=instansi_id, aktif=True).values_list(
            "pk", "unit_kerja_id", "jabatan_id", "jabatan__jenis"
        )
    )
    holder: dict[tuple[int, int], int] = {}
    for pk, unit_id, jabatan_id, _jenis in sorted(pegawai):
        holder.setdefault((unit_id, jabatan_id), pk)  # lowest id wins when two hold the seat
    return rules.OrgSnapshot(
        unit_parent={pk: parent for pk, parent, _j in units},
        unit_pimpinan={
            pk: holder.get((pk, jabatan_id)) if jabatan_id else None for pk, _p, jabatan_id in units
        },
        pegawai_unit={pk: unit_id for pk, unit_id, _j, _k in pegawai},
        pegawai_jenis={pk: jenis for pk, _u, _j, jenis in pegawai},
        penetapan=penetapan,
    )


def _penetapan_map(instansi_id: int) -> dict[int, int]:
    return dict(
        PenetapanPejabatPenilai.objects.filter(
            pegawai__instansi_id=instansi_id, pegawai__aktif=True, pejabat_penilai__aktif=True
        ).values_list("pegawai_id", "pejabat_penilai_id")
    )


def compute_penilai(instansi_id: int, penetapan: dict[int, int]) -> dict[int, int | None]:
    org = _org_snapshot(instansi_id, penetapan)
    return {pk: rules.resolve_pejabat_penilai(org, pk) for pk in org.pegawai_unit}


def penilai_rebuild(*, instansi: Instansi) -> RebuildResult:
    """Resolve every pegawai's pejabat penilai and atasan, and the closure, writing only changes.

    Called after anything that changes the tree, a jabatan, a pegawai's place or a penetapan.
    Re-running it on an unchanged organisation writes nothing.
    """
    with transaction.atomic():
        penilai = compute_penilai(instansi.pk, _penetapan_map(instansi.pk))
        chains = rules.semua_rantai_atasan(penilai)

        current = {
            pk: (pp, app)
            for pk, pp, app in Pegawai.objects.filter(instansi=instansi).values_list(
                "pk", "pejabat_penilai_id", "atasan_pejabat_penilai_id"
            )
        }
        # Group the changes by their new (pejabat penilai, atasan) pair: one UPDATE per pair is far
        # cheaper than bulk_update's per-row CASE, and a pair is shared by a whole team.
        changed: dict[tuple[int | None, int | None], list[int]] = {}
        for pk, (pp, app) in current.items():
            chain = chains.get(pk, [])
            want = (chain[0] if chain else None, chain[1] if len(chain) > 1 else None)
            if (pp, app) != want:
                changed.setdefault(want, []).append(pk)
        for (new_pp, new_app), pks in changed.items():
            for start in range(0, len(pks), BATCH):
                Pegawai.objects.filter(pk__in=pks[start : start + BATCH]).update(
                    pejabat_penilai_id=new_pp, atasan_pejabat_penilai_id=new_app
                )

        want_rows = {
            (pk, atasan): depth for pk, chain in chains.items() for depth, atasan in enumerate(chain, start=1)
        }
        have_rows = {
            (pk, atasan): (row_id, depth)
            for row_id, pk, atasan, depth in RantaiAtasan.objects.filter(
                pegawai__instansi=instansi
            ).values_list("pk", "pegawai_id", "atasan_id", "kedalaman")
        }
        stale = [row_id for key, (row_id, depth) in have_rows.items() if want_rows.get(key) != depth]
        for start in range(0, len(stale), BATCH):
            RantaiAtasan.objects.filter(pk__in=stale[start : start + BATCH]).delete()
        fresh = [
            RantaiAtasan(pegawai_id=pk, atasan_id=atasan, kedalaman=depth)
            for (pk, atasan), depth in want_rows.items()
            if have_rows.get((pk, atasan), (0, -1))[1] != depth
        ]
        RantaiAtasan.objects.bulk_create(fresh, batch_size=BATCH)
    return RebuildResult(sum(len(pks) for pks in changed.values()), len(fresh), len(stale))


def _check_no_cycle(instansi_id: int, penetapan: dict[int, int]) -> None:
    penilai = compute_penilai(instansi_id, penetapan)
    try:
        rules.semua_rantai_atasan(penilai)
    except rules.SiklusAtasan as exc:
        names = dict(Pegawai.objects.filter(pk__in=exc.siklus).values_list("pk", "nama"))
        raise ValidationError(
            _("Penetapan ini membuat siklus atasan: %(s)s.")
            % {"s": " → ".join(names.get(pk, str(pk)) for pk in exc.siklus)},
            code="siklus",
        ) from None


def penetapan_set(
    *, pegawai: Pegawai, pejabat_penilai: Pegawai, jenis: str, alasan: str, actor: User
) -> PenetapanPejabatPenilai:
    """An admin sets a pejabat penilai by hand (Plt/Plh, ketua tim, delegation); kept in history."""
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError(_("Alasan penetapan wajib diisi."), code="alasan")
    if pegawai.pk == pejabat_penilai.pk:
        raise ValidationError(_("Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri."))
    if pegawai.instansi_id != pejabat_penilai.instansi_id:
        raise ValidationError(_("Pejabat penilai harus berasal dari instansi yang sama."))
    if not pejabat_penilai.aktif:
        raise ValidationError(_("Pejabat penilai yang dipilih tidak aktif."))
    # domain.md §5.3: a delegated pejabat penilai still holds a JPT, administrator or pengawas post;
    # a ketua tim may be any jabatan (agile organisations).
    if jenis != "KETUA_TIM" and not rules.boleh_menjadi_pejabat_penilai(pejabat_penilai.jabatan.jenis):
        raise ValidationError(
            _("Pejabat penilai minimal pejabat pengawas; %(n)s menjabat %(j)s.")
            % {"n": pejabat_penilai.nama, "j": pejabat_penilai.jabatan.get_jenis_display()}
        )
    with transaction.atomic():
        # Lock the pegawai row: two admins changing the same pegawai at once serialise here.
        locked = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        penetapan = _penetapan_map(locked.instansi_id)
        penetapan[locked.pk] = pejabat_penilai.pk
        _check_no_cycle(locked.instansi_id, penetapan)
        obj, _created = PenetapanPejabatPenilai.objects.update_or_create(
            pegawai=locked,
            defaults={
                "pejabat_penilai": pejabat_penilai,
                "jenis": jenis,
                "alasan": alasan,
                "created_by": actor,
            },
        )
        RiwayatPejabatPenilai.objects.create(
            pegawai=locked,
            aksi=RiwayatPejabatPenilai.Aksi.TETAPKAN,
            jenis=jenis,
            penilai_sebelum_id=locked.pejabat_penilai_id,
            penilai_sesudah=pejabat_penilai,
            alasan=alasan,
            actor=actor,
        )
        penilai_rebuild(instansi=locked.instansi)
    return obj


def penetapan_hapus(*, pegawai: Pegawai, alasan: str, actor: User) -> None:
    """Return a pegawai to the pejabat penilai that the tree gives; kept in history."""
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError(_("Alasan wajib diisi."), code="alasan")
    with transaction.atomic():
        locked = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
        deleted, _rows = PenetapanPejabatPenilai.objects.filter(pegawai=locked).delete()
        if not deleted:
            raise ValidationError(_("Pegawai ini tidak punya penetapan pejabat penilai."))
        before = locked.pejabat_penilai_id
        penilai_rebuild(instansi=locked.instansi)
        locked.refresh_from_db(fields=["pejabat_penilai"])
        RiwayatPejabatPenilai.objects.create(
            pegawai=locked,
            aksi=RiwayatPejabatPenilai.Aksi.HAPUS,
            penilai_sebelum_id=before,
            penilai_sesudah_id=locked.pejabat_penilai_id,
            alasan=alasan,
            actor=actor,
        )
