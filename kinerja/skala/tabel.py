"""Tables of the scale instansi: golongan per jabatan, how predikat and statuses are spread, and the
columns each bulk write fills. Plain data; ``builder`` draws from them with its seeded generator."""

from __future__ import annotations

from django.db import models

from kinerja.organisasi.enums import JenisJabatan, JenjangJF
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, Rating
from kinerja.penilaian.models import Keberatan, KonversiAngkaKredit, RiwayatPeriode
from kinerja.skp.models import Indikator, Lampiran, PerilakuKerja, RencanaHasilKerja, RiwayatSkp, Skp

J = JenjangJF

# Golongan that fit each jabatan (domain.md §2; a PPPK has golongan I-XVII and no pangkat).
GOL_PNS: dict[str, tuple[str, ...]] = {
    JenisJabatan.JPT_MADYA: ("IV/d", "IV/e"),
    JenisJabatan.JPT_PRATAMA: ("IV/c", "IV/d"),
    JenisJabatan.ADMINISTRATOR: ("IV/a", "IV/b"),
    JenisJabatan.PENGAWAS: ("III/c", "III/d", "IV/a"),
    JenisJabatan.PELAKSANA: ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"),
    J.AHLI_PERTAMA: ("III/a", "III/b"),
    J.AHLI_MUDA: ("III/c", "III/d"),
    J.AHLI_MADYA: ("IV/a", "IV/b", "IV/c"),
    J.AHLI_UTAMA: ("IV/d", "IV/e"),
    J.PEMULA: ("II/a",),
    J.TERAMPIL: ("II/b", "II/c", "II/d"),
    J.MAHIR: ("III/a", "III/b"),
    J.PENYELIA: ("III/c", "III/d"),
}
GOL_PPPK: dict[str, tuple[str, ...]] = {
    JenisJabatan.PELAKSANA: ("V", "VI", "VII"),
    J.AHLI_PERTAMA: ("IX",),
    J.AHLI_MUDA: ("X", "XI"),
    J.AHLI_MADYA: ("XII",),
    J.AHLI_UTAMA: ("XIII",),
    J.PEMULA: ("V",),
    J.TERAMPIL: ("VII",),
    J.MAHIR: ("VIII",),
    J.PENYELIA: ("IX",),
}
LABEL_JENJANG = {j.value: str(j.label) for j in JenjangJF}
# Predikat pegawai per predikat organisasi: a plausible spread (the pola distribusi is advice,
# SE MenPANRB 3/2023; a unit that breaks it writes a reason when finalising).
SEBARAN: dict[str, tuple[tuple[str, float], ...]] = {
    PredikatOrganisasi.ISTIMEWA: (
        ("SANGAT_BAIK", 0.40),
        ("BAIK", 0.95),
        ("BUTUH_PERBAIKAN", 0.99),
        ("KURANG", 1.0),
    ),
    PredikatOrganisasi.BAIK: (
        ("SANGAT_BAIK", 0.15),
        ("BAIK", 0.80),
        ("BUTUH_PERBAIKAN", 0.95),
        ("KURANG", 0.99),
        ("SANGAT_KURANG", 1.0),
    ),
    PredikatOrganisasi.BUTUH_PERBAIKAN: (
        ("SANGAT_BAIK", 0.05),
        ("BAIK", 0.30),
        ("BUTUH_PERBAIKAN", 0.92),
        ("KURANG", 0.98),
        ("SANGAT_KURANG", 1.0),
    ),
    PredikatOrganisasi.KURANG: (
        ("SANGAT_BAIK", 0.02),
        ("BAIK", 0.12),
        ("BUTUH_PERBAIKAN", 0.30),
        ("KURANG", 0.95),
        ("SANGAT_KURANG", 1.0),
    ),
    PredikatOrganisasi.SANGAT_KURANG: (
        ("BAIK", 0.05),
        ("BUTUH_PERBAIKAN", 0.15),
        ("KURANG", 0.30),
        ("SANGAT_KURANG", 1.0),
    ),
}
R_ATAS, R_SESUAI, R_BAWAH = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI
# The rating pairs that give each predikat (the kuadran, read backwards); predikat_kinerja checks them.
PASANGAN: dict[str, tuple[tuple[str, str], ...]] = {
    "SANGAT_BAIK": ((R_ATAS, R_ATAS),),
    "BAIK": ((R_SESUAI, R_SESUAI), (R_SESUAI, R_SESUAI), (R_ATAS, R_SESUAI), (R_SESUAI, R_ATAS)),
    "BUTUH_PERBAIKAN": ((R_BAWAH, R_SESUAI), (R_BAWAH, R_ATAS)),
    "KURANG": ((R_SESUAI, R_BAWAH), (R_ATAS, R_BAWAH)),
    "SANGAT_KURANG": ((R_BAWAH, R_BAWAH),),
}
NAIK = {
    "SANGAT_KURANG": "KURANG",
    "KURANG": "BUTUH_PERBAIKAN",
    "BUTUH_PERBAIKAN": "BAIK",
    "BAIK": "SANGAT_BAIK",
}
PREDIKAT_ORG = (
    (PredikatOrganisasi.ISTIMEWA, 0.20),
    (PredikatOrganisasi.BAIK, 0.80),
    (PredikatOrganisasi.BUTUH_PERBAIKAN, 0.95),
    (PredikatOrganisasi.KURANG, 0.99),
    (PredikatOrganisasi.SANGAT_KURANG, 1.0),
)
# Status of an ended period: (older periods, the latest ended one) cumulative thresholds for
# BELUM_DINILAI, DINILAI, DITETAPKAN, KEBERATAN; the rest FINAL.
STATUS_LAMA = (0.02, 0.05, 0.975, 0.985)
STATUS_BARU = (0.15, 0.45, 0.97, 0.985)
NAMA_PERIODE: dict[str, str] = {
    JenisPeriode.BULANAN: "Bulan",
    JenisPeriode.TRIWULAN: "Triwulan",
    JenisPeriode.SEMESTER: "Semester",
}


FIELDS_SKP: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (
        Skp,
        (
            "id",
            "pegawai",
            "jabatan",
            "unit_kerja",
            "pejabat_penilai",
            "atasan_pejabat_penilai",
            "bentuk",
            "pendekatan",
            "tahun",
            "periode_awal",
            "periode_akhir",
            "status",
            "is_plt_plh",
            "seri",
            "versi",
            "revisi_dari",
            "snapshot",
            "catatan_pengembalian",
            "tanggal_diajukan",
            "tanggal_disetujui",
            "tanggal_penetapan",
            "created_by",
            "created_at",
            "updated_at",
        ),
    ),
    (
        RencanaHasilKerja,
        (
            "id",
            "skp",
            "jenis",
            "uraian",
            "klasifikasi",
            "perspektif",
            "penugasan_dari",
            "rhk_atasan",
            "rhk_atasan_uraian",
            "ukuran_keberhasilan",
            "asal",
            "urutan",
        ),
    ),
    (
        Indikator,
        (
            "id",
            "rhk",
            "aspek",
            "indikator",
            "target_min",
            "target_max",
            "satuan",
            "target_kualitatif",
            "urutan",
        ),
    ),
    (RiwayatSkp, ("id", "skp", "dari", "ke", "aksi", "actor", "catatan", "created_at")),
    (PerilakuKerja, ("id", "skp", "core_value", "ekspektasi_khusus", "urutan")),
    (Lampiran, ("id", "skp", "jenis", "uraian", "urutan")),
)


FIELDS_PERIODE = (
    "id",
    "skp",
    "jenis",
    "nomor",
    "urutan",
    "tanggal_awal",
    "tanggal_akhir",
    "batas_pengisian",
    "status",
    "capaian_kinerja_organisasi",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "deskripsi_rating",
    "predikat",
    "alasan_distribusi",
    "dinilai_oleh",
    "dinilai_pada",
    "ditetapkan_pada",
)
FIELDS_PENILAIAN: dict[type[models.Model], tuple[str, ...]] = {
    RiwayatPeriode: ("id", "periode", "dari", "ke", "aksi", "actor", "catatan", "created_at"),
    Keberatan: (
        "id",
        "periode",
        "alasan",
        "diajukan_pada",
        "predikat_semula",
        "penjelasan",
        "penjelasan_pada",
        "predikat_keputusan",
        "catatan_keputusan",
        "diputuskan_oleh",
        "diputuskan_pada",
    ),
    KonversiAngkaKredit: (
        "id",
        "periode",
        "pegawai",
        "tahun",
        "jenjang",
        "predikat",
        "persentase",
        "koefisien",
        "bulan",
        "angka_kredit",
        "created_at",
        "updated_at",
    ),
}
FIELDS_REALISASI = ("id", "periode", "indikator", "realisasi", "sumber_data", "updated_at")
FIELDS_BUKTI = (
    "id",
    "periode",
    "rhk",
    "nama",
    "url",
    "berkas",
    "kunci",
    "ekstensi",
    "nama_berkas",
    "content_type",
    "ukuran",
    "uploaded_by",
    "created_at",
)
FIELDS_UMPAN_BALIK = ("id", "periode", "rhk", "core_value", "isi", "pemberi", "created_at")
