from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.organisasi.enums import JenisPenugasanPenilai


class PegawaiFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari NIP atau nama"), required=False, max_length=100)
    unit = forms.IntegerField(label=_("Unit kerja"), required=False, min_value=1)


class PenetapanForm(forms.Form):
    nip_pejabat_penilai = forms.CharField(label=_("NIP pejabat penilai"), max_length=18, min_length=18)
    jenis = forms.ChoiceField(label=_("Dasar penetapan"), choices=JenisPenugasanPenilai.choices)
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya nomor surat perintah Plt atau keputusan pembentukan tim."),
    )


class HapusPenetapanForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
