"""The SKP rules as pure functions, table-driven, without the database (domain.md §2.1, §3.4-§4.7)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.organisasi.enums import JenisJabatan
from kinerja.skp import rules
from kinerja.skp.enums import BentukSkp, CoreValue, JenisLampiran, JenisRhk, KlasifikasiRhk, Pendekatan
from kinerja.skp.rules import RhkRingkas

# domain.md §2.1, copied by hand from the spec: the table the code must match word for word.
PANDUAN_DOMAIN = [
    (
        "BERORIENTASI_PELAYANAN",
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    ),
    (
        "AKUNTABEL",
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan",
    ),
    (
        "KOMPETEN",
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik",
    ),
    (
        "HARMONIS",
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif",
    ),
    (
        "LOYAL",
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
        "Menjaga rahasia jabatan dan negara",
    ),
    (
        "ADAPTIF",
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif",
    ),
    (
        "KOLABORATIF",
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
    ),
]


# --- Perilaku kerja (§2.1) -----------------------------------------------------------------------


def test_panduan_perilaku_has_the_seven_core_values_in_the_official_order():
    assert list(rules.PANDUAN_PERILAKU) == [row[0] for row in PANDUAN_DOMAIN]
    assert list(CoreValue.values) == [row[0] for row in PANDUAN_DOMAIN]


@pytest.mark.parametrize(("core_value", "p1", "p2", "p3"), PANDUAN_DOMAIN)
def test_each_core_value_has_exactly_the_three_panduan_of_the_regulation(core_value, p1, p2, p3):
    assert rules.PANDUAN_PERILAKU[core_value] == (p1, p2, p3)


def test_lampiran_bawaan_covers_the_three_jenis():
    assert set(rules.LAMPIRAN_BAWAAN) == set(JenisLampiran.values)
    assert all(items for items in rules.LAMPIRAN_BAWAAN.values())


# --- Periode (§3.4, §5.4) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("awal", "akhir", "pesan"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), None),
        (dt.date(2026, 6, 1), dt.date(2026, 6, 1), None),  # one day is a period
        (dt.date(2026, 6, 2), dt.date(2026, 6, 1), "Periode berakhir sebelum dimulai."),
        (dt.date(2026, 7, 1), dt.date(2027, 6, 30), "satu tahun"),
        (dt.date(2025, 12, 31), dt.date(2026, 1, 1), "satu tahun"),
    ],
)
def test_periode_error(awal, akhir, pesan):
    error = rules.periode_error(awal, akhir)
    if pesan is None:
        assert error is None
    else:
        assert error is not None and pesan in error


def test_an_end_before_the_start_is_reported_before_the_year_check():
    assert (
        rules.periode_error(dt.date(2027, 1, 5), dt.date(2026, 3, 1)) == "Periode berakhir sebelum dimulai."
    )


@pytest.mark.parametrize(
    ("tmt", "awal"),
    [
        (None, dt.date(2026, 1, 1)),
        (dt.date(2019, 3, 1), dt.date(2026, 1, 1)),  # an old TMT: the whole year
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
        (dt.date(2026, 6, 1), dt.date(2026, 6, 1)),  # a TMT in the year: from the TMT
        (dt.date(2027, 2, 1), dt.date(2026, 1, 1)),  # a future TMT belongs to another year
    ],
)
def test_periode_awal_default(tmt, awal):
    assert rules.periode_awal_default(2026, tmt) == awal


def test_periode_default_is_the_calendar_year():
    assert rules.periode_default(2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_the_old_skp_ends_the_day_before_the_new_tmt():
    assert rules.akhir_sebelum_tmt(dt.date(2026, 6, 1)) == dt.date(2026, 5, 31)
    assert rules.akhir_sebelum_tmt(dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)


dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@given(dates, dates, dates, dates)
def test_periode_bertumpang_is_symmetric_and_matches_shared_days(a1, a2, b1, b2):
    a, b = (min(a1, a2), max(a1, a2)), (min(b1, b2), max(b1, b2))
    shared = max(a[0], b[0]) <= min(a[1], b[1])
    assert rules.periode_bertumpang(a, b) == rules.periode_bertumpang(b, a) == shared


@given(st.integers(min_value=2000, max_value=2100), st.one_of(st.none(), dates))
def test_periode_awal_default_always_gives_a_valid_period_to_31_december(tahun, tmt):
    awal = rules.periode_awal_default(tahun, tmt)
    assert awal.year == tahun
    assert rules.periode_error(awal, rules.periode_default(tahun)[1]) is None


# --- Bentuk SKP (§4.5) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jenis", "mandiri", "bentuk"),
    [
        (JenisJabatan.JPT_UTAMA, False, BentukSkp.JPT),
        (JenisJabatan.JPT_MADYA, False, BentukSkp.JPT),
        (JenisJabatan.JPT_PRATAMA, False, BentukSkp.JPT),
        (JenisJabatan.ADMINISTRATOR, False, BentukSkp.JA_JF),
        (JenisJabatan.PENGAWAS, False, BentukSkp.JA_JF),
        (JenisJabatan.PELAKSANA, False, BentukSkp.JA_JF),
        (JenisJabatan.FUNGSIONAL, False, BentukSkp.JA_JF),
        # The pimpinan of a unit kerja mandiri plans like a JPT whatever the jabatan.
        (JenisJabatan.ADMINISTRATOR, True, BentukSkp.JPT),
        (JenisJabatan.PENGAWAS, True, BentukSkp.JPT),
        (JenisJabatan.JPT_PRATAMA, True, BentukSkp.JPT),
    ],
)
def test_bentuk_skp(jenis, mandiri, bentuk):
    assert rules.bentuk_skp(jenis, pimpinan_unit_mandiri=mandiri) == bentuk


def test_every_jenis_jabatan_has_a_bentuk():
    for jenis in JenisJabatan.values:
        assert rules.bentuk_skp(jenis, pimpinan_unit_mandiri=False) in BentukSkp.values


# --- RHK atasan (§4.5 rule 2) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bentuk", "klasifikasi", "boleh"),
    [
        (BentukSkp.JPT, KlasifikasiRhk.ORGANISASI, True),
        (BentukSkp.JPT, KlasifikasiRhk.INDIVIDU, False),
        (BentukSkp.JPT, "", False),
        (BentukSkp.JA_JF, "", True),
        (BentukSkp.JA_JF, KlasifikasiRhk.INDIVIDU, True),
    ],
)
def test_rhk_atasan_error(bentuk, klasifikasi, boleh):
    error = rules.rhk_atasan_error(bentuk_skp_atasan=bentuk, klasifikasi_atasan=klasifikasi)
    assert (error is None) == boleh


# --- Target (§3.6, §4.6) -------------------------------------------------------------------------

D = Decimal
KN, KL = Pendekatan.KUANTITATIF, Pendekatan.KUALITATIF


@pytest.mark.parametrize(
    ("pendekatan", "lo", "hi", "wajib", "pesan"),
    [
        (KN, None, None, True, "wajib diisi"),
        (KN, None, None, False, None),
        (KL, None, None, True, None),  # the kualitatif form may state its target in words
        (KN, D(1), D(2), True, None),
        (KN, D(0), D(0), True, None),
        (KN, D(5), None, True, None),
        (KN, None, D(5), True, None),
        (KL, D(80), D(90), True, None),
        (KN, D(-1), D(2), True, "negatif"),
        (KN, D(1), D(-2), True, "negatif"),
        (KN, D("-0.01"), None, True, "negatif"),
        (KN, D(3), D(2), True, "melebihi"),
        (KN, D("NaN"), D(2), True, "angka"),
        (KN, D(1), D("sNaN"), True, "angka"),
        (KN, D("Infinity"), None, True, "angka"),
        (KN, D(1), D("-Infinity"), True, "angka"),
        (KN, rules.TARGET_MAKSIMUM, rules.TARGET_MAKSIMUM, True, None),
        (KN, D(1), rules.TARGET_MAKSIMUM + D("0.01"), True, "terlalu besar"),
        (KN, D("1e20"), None, True, "terlalu besar"),
    ],
)
def test_target_error(pendekatan, lo, hi, wajib, pesan):
    error = rules.target_error(pendekatan=pendekatan, target_min=lo, target_max=hi, wajib_angka=wajib)
    if pesan is None:
        assert error is None
    else:
        assert error is not None and pesan in error


@given(
    st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True)),
    st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True)),
)
def test_a_target_without_error_fits_the_column_and_is_ordered(lo, hi):
    """Whatever comes in, an accepted target is finite, >= 0, within Decimal(14, 2) and min <= max."""
    error = rules.target_error(pendekatan=KN, target_min=lo, target_max=hi, wajib_angka=False)
    if error is None and (lo is not None or hi is not None):
        n_lo, n_hi = rules.normalisasi_target(lo, hi)
        assert n_lo is not None and n_hi is not None
        assert 0 <= n_lo <= n_hi <= rules.TARGET_MAKSIMUM


@pytest.mark.parametrize(
    ("lo", "hi", "hasil"),
    [
        (None, None, (None, None)),
        (D(5), None, (D(5), D(5))),
        (None, D(7), (D(7), D(7))),
        (D(1), D(2), (D(1), D(2))),
    ],
)
def test_normalisasi_target_makes_a_single_target_min_equal_max(lo, hi, hasil):
    assert rules.normalisasi_target(lo, hi) == hasil


# --- Syarat ajukan (§5.1) ------------------------------------------------------------------------


def rhk(jenis=JenisRhk.UTAMA, indikator=1, atasan=True, uraian="Laporan kegiatan"):
    return RhkRingkas(uraian=uraian, jenis=jenis, jumlah_indikator=indikator, punya_rhk_atasan=atasan)


@pytest.mark.parametrize(
    ("bentuk", "daftar", "pesan"),
    [
        (BentukSkp.JA_JF, [rhk()], []),
        (BentukSkp.JPT, [rhk(atasan=False)], []),  # a JPT does not intervene
        (BentukSkp.JA_JF, [], ["sekurang-kurangnya satu RHK utama"]),
        (BentukSkp.JPT, [], ["sekurang-kurangnya satu RHK utama"]),
        # TAMBAHAN counts neither for the minimum nor for the checks.
        (
            BentukSkp.JA_JF,
            [rhk(jenis=JenisRhk.TAMBAHAN, indikator=0, atasan=False)],
            ["sekurang-kurangnya satu RHK utama"],
        ),
        (BentukSkp.JA_JF, [rhk(), rhk(jenis=JenisRhk.TAMBAHAN, indikator=0, atasan=False)], []),
        (BentukSkp.JA_JF, [rhk(indikator=0)], ["RHK utama 1 (Laporan kegiatan) belum memiliki indikator."]),
        (
            BentukSkp.JA_JF,
            [rhk(), rhk(atasan=False, uraian="Dokumen")],
            ["RHK utama 2 (Dokumen) belum terhubung ke RHK pejabat penilai yang diintervensi."],
        ),
        (
            BentukSkp.JA_JF,
            [rhk(indikator=0, atasan=False)],
            [
                "RHK utama 1 (Laporan kegiatan) belum memiliki indikator.",
                "RHK utama 1 (Laporan kegiatan) belum terhubung ke RHK pejabat penilai yang diintervensi.",
            ],
        ),
        (BentukSkp.JPT, [rhk(indikator=0, atasan=False)], ["belum memiliki indikator"]),
    ],
)
def test_syarat_ajukan(bentuk, daftar, pesan):
    masalah = rules.syarat_ajukan(bentuk=bentuk, rhk=daftar)
    assert len(masalah) == len(pesan)
    for got, want in zip(masalah, pesan, strict=True):
        assert want in got


def test_syarat_ajukan_without_wajib_intervensi_accepts_an_unlinked_ja_jf_rhk():
    assert rules.syarat_ajukan(bentuk=BentukSkp.JA_JF, rhk=[rhk(atasan=False)], wajib_intervensi=False) == []


def test_a_long_uraian_is_shortened_in_the_message():
    masalah = rules.syarat_ajukan(bentuk=BentukSkp.JPT, rhk=[rhk(indikator=0, uraian="x" * 500)])
    assert len(masalah) == 1 and len(masalah[0]) < 120 and "…" in masalah[0]


@pytest.mark.parametrize(("lama", "baru"), [([], 1), ([1, 2, 3], 4), ([5, 2], 6)])
def test_urutan_baru_is_after_the_last(lama, baru):
    assert rules.urutan_baru(lama) == baru
