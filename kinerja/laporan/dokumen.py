"""The official documents (domain.md §6): for each jenis, who may get it and what it prints.

``buat(user=..., jenis=..., skp_id=..., periode_id=...)`` checks access through the owning app's
policies (404 for a document of someone the user may not see), gathers the data through the owning
app's selectors and returns the PDF with its verification code. Pages and the API both call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404

from kinerja.laporan.models import JenisDokumen
from kinerja.laporan.pdf import PdfTerbit, terbitkan
from kinerja.skp import selectors as skp_selectors
from kinerja.skp.enums import BentukSkp, JenisLampiran, JenisRhk, Pendekatan
from kinerja.skp.models import Skp
from kinerja.skp.policies import skp_get_for_user
from kinerja.skp.rules import PANDUAN_PERILAKU

if TYPE_CHECKING:
    from kinerja.accounts.models import User


@dataclass(frozen=True)
class Isi:
    """What one document prints, before it is rendered."""

    template: str
    context: dict[str, Any]
    kunci: str
    judul: str
    untuk: str


Pembuat = Callable[["User", Skp, int | None], Isi]
PEMBUAT: dict[str, Pembuat] = {}


def pembuat(jenis: str) -> Callable[[Pembuat], Pembuat]:
    def daftar(fn: Pembuat) -> Pembuat:
        PEMBUAT[jenis] = fn
        return fn

    return daftar


def buat(*, user: User, jenis: str, skp_id: int, periode_id: int | None = None) -> PdfTerbit:
    if jenis not in PEMBUAT:
        raise Http404("Jenis dokumen tidak dikenal.")
    skp = skp_get_for_user(user=user, pk=skp_id, qs=skp_selectors.skp_detail_qs())
    isi = PEMBUAT[jenis](user, skp, periode_id)
    return terbitkan(
        template=isi.template,
        context=isi.context,
        jenis=jenis,
        kunci=isi.kunci,
        judul=isi.judul,
        untuk=isi.untuk,
        actor=user,
    )


# --- shared context ------------------------------------------------------------------------------


def subjudul_bentuk(skp: Skp) -> str:
    # domain.md §6.1: the subtitle names the form (JPT wording L).
    if skp.bentuk == BentukSkp.JPT:
        return "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
    return "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"


def konteks_skp(skp: Skp) -> dict[str, Any]:
    """The identity, period and hasil kerja of an SKP, shaped for the document tables."""
    rhk = list(skp.rhk.all())
    kelompok = [
        (label, [r for r in rhk if r.jenis == kode])
        for kode, label in ((JenisRhk.UTAMA, "A. UTAMA"), (JenisRhk.TAMBAHAN, "B. TAMBAHAN"))
    ]
    perilaku = [(p, PANDUAN_PERILAKU[p.core_value]) for p in skp.perilaku.all()]
    lampiran = [
        (label.upper(), [item for item in skp.lampiran.all() if item.jenis == kode])
        for kode, label in JenisLampiran.choices
    ]
    return {
        "skp": skp,
        "identitas": skp_selectors.identitas(skp),
        "kuantitatif": skp.pendekatan == Pendekatan.KUANTITATIF,
        "jpt": skp.bentuk == BentukSkp.JPT,
        "subjudul": subjudul_bentuk(skp),
        "kelompok": kelompok,
        "perilaku": perilaku,
        "lampiran": lampiran,
        "draft": skp.status != "DISETUJUI" and skp.status != "DIGANTI",
    }


def _untuk(skp: Skp) -> str:
    return f"{skp.pegawai.nama_lengkap} ({skp.tahun})"


@pembuat(JenisDokumen.SKP)
def dokumen_skp(user: User, skp: Skp, periode_id: int | None) -> Isi:
    pendekatan = "KUANTITATIF" if skp.pendekatan == Pendekatan.KUANTITATIF else "KUALITATIF"
    return Isi(
        template="pdf/skp.html",
        context=konteks_skp(skp),
        kunci=f"skp:{skp.pk}",
        judul=f"Sasaran Kinerja Pegawai, pendekatan hasil kerja {pendekatan.lower()}, versi {skp.versi}",
        untuk=_untuk(skp),
    )


@pembuat(JenisDokumen.LAMPIRAN_SKP)
def dokumen_lampiran(user: User, skp: Skp, periode_id: int | None) -> Isi:
    return Isi(
        template="pdf/lampiran_skp.html",
        context=konteks_skp(skp),
        kunci=f"skp:{skp.pk}",
        judul=f"Lampiran Sasaran Kinerja Pegawai, versi {skp.versi}",
        untuk=_untuk(skp),
    )


# The other documents register themselves in their own modules.
from kinerja.laporan import dokumen_penilaian, dokumen_unit  # noqa: E402, F401
