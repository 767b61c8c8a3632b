"""Input cleaning for the team evaluation pages, the unit distribution, the settings and the
angka kredit (issue #4 points 5, 6, 8, 9). Cleaning only: the rules live in services and rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypedDict

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.penilaian import rules
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, Rating
from kinerja.skp.forms import bersih

__all__ = [
    "BukaKunciForm",
    "PengaturanForm",
    "PeriodeForm",
    "PeriodePilihan",
    "PredikatOrganisasiForm",
    "PustakaUmpanBalikForm",
    "RatingForm",
    "TahunForm",
    "TetapkanForm",
    "bersih",
    "periode_terakhir_selesai",
]

# How many periods of each kind a year has (the AKHIR evaluation is one).
BANYAK: dict[str, int] = {
    JenisPeriode.BULANAN: 12,
    JenisPeriode.TRIWULAN: 4,
    JenisPeriode.SEMESTER: 2,
    JenisPeriode.AKHIR: 1,
}


class PeriodeKw(TypedDict):
    tahun: int
    jenis: str
    nomor: int


@dataclass(frozen=True)
class PeriodePilihan:
    tahun: int
    jenis: str
    nomor: int

    @property
    def kw(self) -> PeriodeKw:
        """As keyword arguments of the selectors and services."""
        return {"tahun": self.tahun, "jenis": self.jenis, "nomor": self.nomor}

    @property
    def label(self) -> str:
        jenis = dict(JenisPeriode.choices)[self.jenis]
        if self.jenis == JenisPeriode.AKHIR:
            return f"{jenis} {self.tahun}"
        return f"{jenis} {self.nomor} / {self.tahun}"


def periode_terakhir_selesai(jenis: str, hari_ini: dt.date) -> PeriodePilihan:
    """The latest period of ``jenis`` that has already ended (the one being evaluated now); the
    last one of the previous year early in January."""
    if jenis == JenisPeriode.AKHIR:
        return PeriodePilihan(hari_ini.year - 1, jenis, 1)
    step = rules.BULAN_PER_PERIODE[jenis]
    selesai = (hari_ini.month - 1) // step  # periods of this year wholly before this month
    if selesai == 0:
        return PeriodePilihan(hari_ini.year - 1, jenis, BANYAK[jenis])
    return PeriodePilihan(hari_ini.year, jenis, selesai)


class PeriodeForm(forms.Form):
    """The period chooser (GET); every field optional, defaults from the instansi's frequency."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)
    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=JenisPeriode.choices, required=False)
    nomor = forms.IntegerField(label=_("Nomor"), min_value=1, max_value=12, required=False)

    def pilihan(self, frekuensi: str) -> PeriodePilihan:
        data: dict[str, Any] = self.cleaned_data if self.is_valid() else {}
        jenis = data.get("jenis") or frekuensi
        bawaan = periode_terakhir_selesai(jenis, timezone.localdate())
        tahun = data.get("tahun") or bawaan.tahun
        nomor = data.get("nomor")
        if not nomor or nomor > BANYAK[jenis]:
            nomor = bawaan.nomor if tahun == bawaan.tahun else BANYAK[jenis]
        return PeriodePilihan(int(tahun), jenis, int(nomor))


class RatingForm(forms.Form):
    # Both may be empty while the pejabat penilai has picked only one of the two.
    rating_hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja"), choices=[("", "—"), *Rating.choices], required=False
    )
    rating_perilaku_kerja = forms.ChoiceField(
        label=_("Rating perilaku kerja"), choices=[("", "—"), *Rating.choices], required=False
    )


class TetapkanForm(forms.Form):
    alasan_distribusi = forms.CharField(label=_("Alasan"), max_length=2000, required=False)


class PredikatOrganisasiForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=JenisPeriode.choices)
    nomor = forms.IntegerField(label=_("Nomor"), min_value=1, max_value=12)
    predikat = forms.ChoiceField(label=_("Predikat organisasi"), choices=PredikatOrganisasi.choices)


class PengaturanForm(forms.Form):
    frekuensi = forms.ChoiceField(
        label=_("Frekuensi penilaian periodik"),
        choices=[(c, label) for c, label in JenisPeriode.choices if c != JenisPeriode.AKHIR],
    )
    batas_hari = forms.IntegerField(label=_("Batas pengisian (hari)"), min_value=0, max_value=90)
    jendela_keberatan_hari = forms.IntegerField(
        label=_("Jendela keberatan (hari)"), min_value=1, max_value=90
    )
    distribusi_memblokir = forms.BooleanField(required=False)
    pembulatan_bawah = forms.BooleanField(required=False)
    ak_dari_akhir = forms.BooleanField(required=False)


class PustakaUmpanBalikForm(forms.Form):
    kalimat = forms.CharField(label=_("Kalimat"), max_length=300)


class BukaKunciForm(forms.Form):
    nip = forms.CharField(label=_("NIP pegawai"), max_length=18, required=False)
    unit = forms.IntegerField(label=_("Unit kerja"), required=False)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=JenisPeriode.choices)
    nomor = forms.IntegerField(label=_("Nomor"), min_value=1, max_value=12)
    sampai = forms.DateField(label=_("Dibuka sampai"))
    alasan = forms.CharField(label=_("Alasan"), max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nip = (data.get("nip") or "").strip()
        data["nip"] = nip
        if bool(nip) == bool(data.get("unit")):
            raise forms.ValidationError(
                _("Isi NIP seorang pegawai atau pilih satu unit kerja, tidak keduanya.")
            )
        return data


class TahunForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)

    def tahun_or_none(self) -> int | None:
        if self.is_valid() and self.cleaned_data["tahun"]:
            return int(self.cleaned_data["tahun"])
        return None
