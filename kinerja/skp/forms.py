"""Input cleaning of the SKP pages only: the rules themselves live in services and rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.skp import rules
from kinerja.skp.enums import (
    Aspek,
    BentukSkp,
    CoreValue,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
)


def kosong(choices: list[tuple[str, Any]], label: str = "—") -> list[tuple[str, Any]]:
    return [("", label), *choices]


def bersih(form: forms.Form) -> dict[str, Any]:
    """The cleaned data, or a ValidationError with every field error in Bahasa Indonesia, so that
    the views show form errors and service errors the same way."""
    if form.is_valid():
        return form.cleaned_data
    pesan = [
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]
    raise ValidationError(pesan)


class SkpCreateForm(forms.Form):
    periode_awal = forms.DateField(label=_("Periode awal"), widget=forms.DateInput(attrs={"type": "date"}))
    periode_akhir = forms.DateField(label=_("Periode akhir"), widget=forms.DateInput(attrs={"type": "date"}))
    pendekatan = forms.ChoiceField(label=_("Pendekatan"), choices=Pendekatan.choices)
    is_plt_plh = forms.BooleanField(label=_("SKP sebagai Plt/Plh"), required=False)

    @classmethod
    def awal(cls, pegawai: Any) -> SkpCreateForm:
        tahun = timezone.localdate().year
        return cls(
            initial={
                "periode_awal": rules.periode_awal_default(tahun, getattr(pegawai, "tmt_jabatan", None)),
                "periode_akhir": rules.periode_default(tahun)[1],
                "pendekatan": Pendekatan.KUANTITATIF,
            }
        )


class RhkForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisRhk.choices)
    uraian = forms.CharField(label=_("Rencana hasil kerja"), max_length=rules.BATAS_URAIAN)
    rhk_atasan_id = forms.IntegerField(label=_("RHK atasan yang diintervensi"), required=False, min_value=1)
    klasifikasi = forms.ChoiceField(
        label=_("Klasifikasi"), choices=kosong(KlasifikasiRhk.choices), required=False
    )
    perspektif = forms.ChoiceField(label=_("Perspektif"), choices=kosong(Perspektif.choices), required=False)
    penugasan_dari = forms.CharField(
        label=_("Penugasan dari"), max_length=rules.BATAS_PENUGASAN, required=False
    )
    ukuran_keberhasilan = forms.CharField(
        label=_("Ukuran keberhasilan"), max_length=rules.BATAS_URAIAN, required=False
    )

    JPT = ("klasifikasi", "perspektif", "penugasan_dari")

    def data_for(self, *, bentuk: str, kualitatif: bool) -> dict[str, Any]:
        """Only the fields of this SKP's form: the JA/JF form has no JPT columns and vice versa."""
        data = bersih(self)
        keys = ["jenis", "uraian", *(self.JPT if bentuk == BentukSkp.JPT else ("rhk_atasan_id",))]
        if kualitatif:
            keys.append("ukuran_keberhasilan")
        return {key: data[key] for key in keys}


class IndikatorForm(forms.Form):
    aspek = forms.ChoiceField(label=_("Aspek"), choices=kosong(Aspek.choices), required=False)
    indikator = forms.CharField(label=_("Indikator"), max_length=rules.BATAS_INDIKATOR)
    target_min = forms.DecimalField(
        label=_("Target minimum"), required=False, max_digits=14, decimal_places=2
    )
    target_max = forms.DecimalField(
        label=_("Target maksimum"), required=False, max_digits=14, decimal_places=2
    )
    satuan = forms.CharField(label=_("Satuan"), max_length=rules.BATAS_SATUAN, required=False)
    target_kualitatif = forms.CharField(
        label=_("Target (uraian)"), max_length=rules.BATAS_INDIKATOR, required=False
    )


class GeserForm(forms.Form):
    arah = forms.TypedChoiceField(label=_("Arah"), choices=[("-1", _("Naik")), ("1", _("Turun"))], coerce=int)


class CatatanForm(forms.Form):
    catatan = forms.CharField(label=_("Catatan"), max_length=rules.BATAS_CATATAN, required=False)


class EkspektasiForm(forms.Form):
    core_value = forms.ChoiceField(label=_("Core value"), choices=CoreValue.choices)
    ekspektasi_khusus = forms.CharField(
        label=_("Ekspektasi khusus pimpinan"), max_length=rules.BATAS_EKSPEKTASI, required=False
    )


class LampiranForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis lampiran"), choices=JenisLampiran.choices)
    uraian = forms.CharField(label=_("Uraian"), max_length=rules.BATAS_LAMPIRAN)


class LampiranUbahForm(forms.Form):
    uraian = forms.CharField(label=_("Uraian"), max_length=rules.BATAS_LAMPIRAN)


class TurunkanForm(forms.Form):
    nip = forms.CharField(label=_("NIP bawahan"), max_length=18)


class TahunForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)

    def tahun_or_now(self) -> int:
        if self.is_valid() and self.cleaned_data["tahun"]:
            return int(self.cleaned_data["tahun"])
        return timezone.localdate().year


class PustakaForm(forms.Form):
    core_value = forms.ChoiceField(label=_("Core value"), choices=CoreValue.choices)
    kalimat = forms.CharField(label=_("Kalimat"), max_length=rules.BATAS_EKSPEKTASI)


class LampiranBawaanForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis lampiran"), choices=JenisLampiran.choices)
    uraian = forms.CharField(label=_("Uraian"), max_length=rules.BATAS_LAMPIRAN)
