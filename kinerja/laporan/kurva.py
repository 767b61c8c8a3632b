"""The kurva distribusi of the Evaluasi Kinerja Pegawai (domain.md §6.3 point 3) as a static SVG.

One bell curve per predikat organisasi, peaked over the predikat that most of the unit's pegawai
should have (the pola distribusi of SE MenPANRB 3/2023, domain.md §0.2). Pure drawing: no ORM, no
user data; every text in the picture comes from the fixed tables below.
"""

from __future__ import annotations

import base64
import math
from xml.sax.saxutils import escape

# The x axis, left to right, as the Lampiran prints it [S-LAMP6].
SUMBU_X: tuple[str, ...] = ("Sangat Kurang", "Kurang/Misconduct", "Butuh Perbaikan", "Baik", "Sangat Baik")

# Predikat organisasi -> index on SUMBU_X of the dominant predikat pegawai (domain.md §0.2).
PUNCAK: dict[str, int] = {
    "ISTIMEWA": 4,
    "BAIK": 3,
    "BUTUH_PERBAIKAN": 2,
    "KURANG": 1,
    "SANGAT_KURANG": 0,
}

LABEL_ORGANISASI: dict[str, str] = {
    "ISTIMEWA": "ISTIMEWA",
    "BAIK": "BAIK",
    "BUTUH_PERBAIKAN": "BUTUH PERBAIKAN",
    "KURANG": "KURANG",
    "SANGAT_KURANG": "SANGAT KURANG",
}

# Drawing area (SVG user units; the document scales the picture to its column).
LEBAR, TINGGI = 640, 240
KIRI, KANAN, ATAS, BAWAH = 58, 16, 14, 40
SAMPEL = 81


def judul(predikat_organisasi: str) -> str:
    """The caption printed above the chart."""
    return (
        "KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI DENGAN CAPAIAN KINERJA ORGANISASI "
        + LABEL_ORGANISASI[predikat_organisasi]
    )


def x_kategori(i: int) -> float:
    """The x coordinate of the i-th category of SUMBU_X (the centres of five equal slots)."""
    lebar_plot = LEBAR - KIRI - KANAN
    return KIRI + lebar_plot * (i + 0.5) / len(SUMBU_X)


def _y(nilai: float) -> float:
    """0..1 frequency -> SVG y (down is larger)."""
    return ATAS + (TINGGI - ATAS - BAWAH) * (1 - nilai)


def titik_kurva(predikat_organisasi: str) -> list[tuple[float, float]]:
    """The sampled points of the curve: a Gaussian over the category index, centred on the
    dominant predikat, over a low floor (the other predikat remain possible)."""
    mu = PUNCAK[predikat_organisasi]
    sigma = 0.85
    akhir = len(SUMBU_X) - 0.5
    titik = []
    for k in range(SAMPEL):
        t = -0.5 + (akhir + 0.5) * k / (SAMPEL - 1)
        nilai = 0.06 + 0.86 * math.exp(-((t - mu) ** 2) / (2 * sigma**2))
        x = x_kategori(0) + (t - 0) * (x_kategori(1) - x_kategori(0))
        titik.append((round(x, 2), round(_y(nilai), 2)))
    return titik


def kurva_svg(predikat_organisasi: str) -> str:
    """The chart as a standalone SVG document. KeyError for an unknown predikat organisasi."""
    titik = titik_kurva(predikat_organisasi)
    puncak = PUNCAK[predikat_organisasi]
    dasar = _y(0)
    garis = " ".join(f"{'M' if i == 0 else 'L'}{x:.2f},{y:.2f}" for i, (x, y) in enumerate(titik))
    isi = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LEBAR} {TINGGI}" '
        f'width="{LEBAR}" height="{TINGGI}" font-family="DejaVu Sans, sans-serif">',
        f'<rect x="0" y="0" width="{LEBAR}" height="{TINGGI}" fill="#ffffff"/>',
        # The area under the curve, then the axes over it.
        f'<path d="{garis} L{titik[-1][0]:.2f},{dasar:.2f} L{titik[0][0]:.2f},{dasar:.2f} Z" '
        'fill="#dbe7f5" stroke="none"/>',
        f'<line x1="{KIRI}" y1="{dasar:.2f}" x2="{LEBAR - KANAN}" y2="{dasar:.2f}" stroke="#000" '
        'stroke-width="1"/>',
        f'<line x1="{KIRI}" y1="{ATAS}" x2="{KIRI}" y2="{dasar:.2f}" stroke="#000" stroke-width="1"/>',
        f'<path id="kurva" d="{garis}" fill="none" stroke="#1f4e8c" stroke-width="2.2" '
        'stroke-linejoin="round"/>',
    ]
    for i, label in enumerate(SUMBU_X):
        x = x_kategori(i)
        tebal = ' font-weight="bold"' if i == puncak else ""
        isi.append(f'<line x1="{x:.2f}" y1="{dasar:.2f}" x2="{x:.2f}" y2="{dasar + 4:.2f}" stroke="#000"/>')
        isi.append(
            f'<text class="kategori" x="{x:.2f}" y="{dasar + 16:.2f}" font-size="9.5" '
            f'text-anchor="middle"{tebal}>{escape(label)}</text>'
        )
    tengah_y = (ATAS + dasar) / 2
    isi.append(
        f'<text x="16" y="{tengah_y:.2f}" font-size="10" text-anchor="middle" '
        f'transform="rotate(-90 16 {tengah_y:.2f})">Frekuensi Pegawai</text>'
    )
    isi.append(
        f'<text x="{(KIRI + LEBAR - KANAN) / 2:.2f}" y="{TINGGI - 6}" font-size="10" '
        'text-anchor="middle">Predikat Kinerja Pegawai</text>'
    )
    isi.append("</svg>")
    return "".join(isi)


def kurva_data_uri(predikat_organisasi: str) -> str:
    """For ``<img src=...>``: the PDF renderer fetches nothing but data: URIs."""
    data = base64.b64encode(kurva_svg(predikat_organisasi).encode()).decode("ascii")
    return f"data:image/svg+xml;base64,{data}"
