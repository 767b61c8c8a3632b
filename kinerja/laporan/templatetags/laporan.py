from __future__ import annotations

import datetime as dt

from django import template

from kinerja.laporan.tanggal import tanggal_indonesia

register = template.Library()


@register.filter
def tanggal_id(value: dt.date | dt.datetime | None) -> str:
    """{{ skp.periode_akhir|tanggal_id }} -> "31 Desember 2026"."""
    return tanggal_indonesia(value)
