"""Input cleaning of the evaluation pages only: the rules themselves live in services and rules.

Text fields are optional here on purpose: the services check them and answer in Bahasa Indonesia,
so a page and the API say the same thing about the same mistake.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.penilaian.enums import JenisPembinaan, PredikatPegawai, Rating
from kinerja.skp.enums import CoreValue
from kinerja.skp.forms import bersih, kosong

__all__ = ["bersih"]

# The quick reactions of the pejabat penilai: "emoticon jempol atau kata-kata" (domain.md §3.12).
EMOJI = ("👍", "👏", "💪", "🙏", "⚠️")


class RealisasiForm(forms.Form):
    realisasi = forms.CharField(label=_("Realisasi"), max_length=1000, required=False)
    sumber_data = forms.CharField(label=_("Sumber data"), max_length=300, required=False)


class RhkPilihanForm(forms.Form):
    rhk_id = forms.IntegerField(label=_("RHK"), min_value=1)


class BuktiTautanForm(RhkPilihanForm):
    nama = forms.CharField(label=_("Nama bukti"), max_length=200, required=False)
    # A CharField, not a URLField: the service refuses javascript: and friends with its own message.
    url = forms.CharField(label=_("Tautan"), max_length=1000, required=False)


class BuktiBerkasForm(RhkPilihanForm):
    nama = forms.CharField(label=_("Nama bukti"), max_length=200, required=False)
    berkas = forms.FileField(label=_("Berkas"))


class RencanaAksiForm(RhkPilihanForm):
    uraian = forms.CharField(label=_("Rencana aksi"), max_length=1000, required=False)
    target = forms.CharField(label=_("Target"), max_length=100, required=False)


class UmpanBalikForm(forms.Form):
    rhk_id = forms.IntegerField(label=_("RHK"), min_value=1, required=False)
    core_value = forms.ChoiceField(label=_("Core value"), choices=kosong(CoreValue.choices), required=False)
    isi = forms.CharField(label=_("Umpan balik"), max_length=2000, required=False)
    emoji = forms.ChoiceField(label=_("Emoji"), choices=kosong([(e, e) for e in EMOJI]), required=False)

    def umpan_balik(self) -> dict[str, Any]:
        """The target and the text; an emoji button sends its emoji, put before any text."""
        data = bersih(self)
        isi = " ".join(part for part in (data["emoji"], data["isi"].strip()) if part)
        return {"rhk_id": data["rhk_id"], "core_value": data["core_value"], "isi": isi}


class PenilaianForm(forms.Form):
    rating_hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja"), choices=kosong(Rating.choices), required=False
    )
    rating_perilaku_kerja = forms.ChoiceField(
        label=_("Rating perilaku kerja"), choices=kosong(Rating.choices), required=False
    )
    deskripsi = forms.CharField(label=_("Deskripsi"), max_length=2000, required=False)


class TetapkanForm(forms.Form):
    alasan_distribusi = forms.CharField(label=_("Alasan"), max_length=2000, required=False)


class KeberatanForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan keberatan"), max_length=3000, required=False)


class PenjelasanForm(forms.Form):
    penjelasan = forms.CharField(label=_("Penjelasan"), max_length=3000, required=False)


class KeputusanForm(forms.Form):
    catatan = forms.CharField(label=_("Catatan keputusan"), max_length=3000, required=False)
    predikat = forms.ChoiceField(
        label=_("Predikat baru"), choices=kosong(PredikatPegawai.choices), required=False
    )


class PembinaanForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisPembinaan.choices)
    tanggal = forms.DateField(label=_("Tanggal"))
    topik = forms.CharField(label=_("Topik/permasalahan"), max_length=300, required=False)
    catatan = forms.CharField(label=_("Catatan"), max_length=3000, required=False)
    tindak_lanjut = forms.CharField(label=_("Rencana tindak lanjut"), max_length=3000, required=False)
