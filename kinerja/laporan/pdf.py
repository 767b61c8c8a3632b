"""HTML templates to PDF with WeasyPrint, with each document's verification code and QR code.

A document is rendered twice: once without its code to fingerprint its content (the same content
keeps its code, a change gets a new one), then with the code and QR. Nothing is fetched from the
network: styles are inlined by the templates and the url_fetcher refuses every URL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from kinerja.laporan import services
from kinerja.laporan.models import Dokumen

if TYPE_CHECKING:
    from kinerja.accounts.models import User


def html_ke_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only inline data: URIs (the QR code, the SVG charts); never the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf


def url_verifikasi(kode: str) -> str:
    return settings.KINERJA_BASE_URL.rstrip("/") + reverse("verifikasi", args=[kode])


@dataclass(frozen=True)
class PdfTerbit:
    pdf: bytes
    dokumen: Dokumen

    @property
    def nama_berkas(self) -> str:
        return f"{self.dokumen.jenis}-{self.dokumen.kode}.pdf"


def terbitkan(
    *,
    template: str,
    context: dict[str, Any],
    jenis: str,
    kunci: str,
    judul: str,
    untuk: str,
    actor: User | None,
) -> PdfTerbit:
    """Render ``template`` to a PDF carrying the verification code of this content's version."""
    tanpa_kode = render_to_string(template, {**context, "verifikasi": None})
    sidik = hashlib.sha256(tanpa_kode.encode()).hexdigest()
    dokumen = services.dokumen_terbitkan(
        jenis=jenis, kunci=kunci, judul=judul, untuk=untuk, sidik=sidik, actor=actor
    )
    url = url_verifikasi(dokumen.kode)
    verifikasi = {
        "kode": dokumen.kode,
        "url": url,
        "qr": segno.make(url, error="m").svg_data_uri(scale=3, border=1),
    }
    html = render_to_string(template, {**context, "verifikasi": verifikasi})
    return PdfTerbit(pdf=html_ke_pdf(html), dokumen=dokumen)
