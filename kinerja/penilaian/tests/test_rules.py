"""The evaluation rules, table-driven over every combination in domain.md, without the database."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.organisasi.enums import JenjangJF
from kinerja.penilaian import rules
from kinerja.penilaian.enums import JenisPeriode, PredikatOrganisasi, PredikatPegawai, Rating

A, S, B = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI
SB, BK, BP, K, SK = (
    PredikatPegawai.SANGAT_BAIK,
    PredikatPegawai.BAIK,
    PredikatPegawai.BUTUH_PERBAIKAN,
    PredikatPegawai.KURANG,
    PredikatPegawai.SANGAT_KURANG,
)


# domain.md §0.1, row by row: (hasil kerja, perilaku) -> predikat
@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        (A, B, K),
        (A, S, BK),
        (A, A, SB),
        (S, B, K),
        (S, S, BK),
        (S, A, BK),
        (B, B, SK),
        (B, S, BP),
        (B, A, BP),
    ],
)
def test_it_derives_the_predikat_from_the_kuadran(hasil, perilaku, predikat):
    assert rules.predikat_kinerja(hasil, perilaku) == predikat


@given(st.sampled_from(Rating.values), st.sampled_from(Rating.values))
def test_every_rating_pair_maps_to_exactly_one_predikat(hasil, perilaku):
    assert rules.predikat_kinerja(hasil, perilaku) in PredikatPegawai.values
    assert len(rules.KUADRAN_KINERJA) == len(Rating.values) ** 2


def test_it_refuses_an_unknown_rating():
    with pytest.raises(ValueError, match="Rating tidak dikenal"):
        rules.predikat_kinerja("LUAR_BIASA", S)


@pytest.mark.parametrize(
    ("org", "rating"),
    [("ISTIMEWA", A), ("BAIK", S), ("BUTUH_PERBAIKAN", B), ("KURANG", B), ("SANGAT_KURANG", B)],
)
def test_the_pimpinan_rating_follows_the_unit_by_the_default_mapping(org, rating):
    assert rules.rating_hasil_kerja_pimpinan(org) == rating


def test_the_pimpinan_mapping_is_configurable():
    mapping = {**rules.RATING_PIMPINAN_BAWAAN, "BAIK": A}
    assert rules.rating_hasil_kerja_pimpinan("BAIK", mapping) == A


@pytest.mark.parametrize(
    ("periodik", "saran"),
    [([], None), ([BK], BK), ([BK, SB, SB], SB), ([SB, BK], BK), ([BK, SB, BK, SB], SB), ([K, K, BK], K)],
)
def test_it_suggests_the_most_frequent_periodic_predikat_latest_on_ties(periodik, saran):
    assert rules.saran_predikat_akhir(periodik) == saran


# --- pola distribusi (domain.md §0.2, §4.4) -----------------------------------------------------


def counts(**kw):
    return {PredikatPegawai[k].value: v for k, v in kw.items()}


@pytest.mark.parametrize(
    ("org", "jumlah", "pelanggaran"),
    [
        # Istimewa: at most 70% Sangat Baik (7 of 10).
        ("ISTIMEWA", counts(SANGAT_BAIK=7, BAIK=3), 0),
        ("ISTIMEWA", counts(SANGAT_BAIK=8, BAIK=2), 1),
        # Baik: at most 70% Baik and at least one Butuh Perbaikan or Kurang.
        ("BAIK", counts(BAIK=7, BUTUH_PERBAIKAN=1, SANGAT_BAIK=2), 0),
        ("BAIK", counts(BAIK=7, KURANG=1, SANGAT_KURANG=2), 0),
        ("BAIK", counts(BAIK=8, SANGAT_BAIK=2), 2),
        ("BAIK", counts(BAIK=6, SANGAT_BAIK=4), 1),
        # Butuh Perbaikan: at least 60% BP, at most 10% SB.
        ("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=6, SANGAT_BAIK=1, BAIK=3), 0),
        ("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=5, SANGAT_BAIK=2, BAIK=3), 2),
        # Kurang: at least 60% K, at least 10% BP, at most 10% SB.
        ("KURANG", counts(KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=2), 0),
        ("KURANG", counts(KURANG=6, BAIK=4), 1),
        ("KURANG", counts(KURANG=5, SANGAT_BAIK=2, BAIK=3), 3),
        # Sangat Kurang: at least 60% SK, at least 10% K and/or BP, no SB at all.
        ("SANGAT_KURANG", counts(SANGAT_KURANG=6, KURANG=1, BAIK=3), 0),
        ("SANGAT_KURANG", counts(SANGAT_KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=2), 1),
        ("SANGAT_KURANG", counts(SANGAT_KURANG=5, BAIK=5), 2),
    ],
)
def test_it_checks_the_pola_distribusi(org, jumlah, pelanggaran):
    hasil = rules.cek_distribusi(org, jumlah)
    assert len(hasil.pelanggaran) == pelanggaran, hasil.pelanggaran
    assert hasil.sesuai == (pelanggaran == 0)
    assert hasil.total == sum(jumlah.values())


def test_it_says_each_broken_rule_in_words():
    hasil = rules.cek_distribusi("SANGAT_KURANG", counts(SANGAT_KURANG=6, SANGAT_BAIK=1, KURANG=3))
    assert hasil.pelanggaran == [
        "Predikat organisasi Sangat Kurang: tidak boleh ada pegawai Sangat Baik, saat ini 1."
    ]
    hasil = rules.cek_distribusi("BAIK", counts(BAIK=3))
    assert "sekurang-kurangnya 1 dari 3 orang, saat ini 0" in hasil.pelanggaran[1]


def test_it_gives_the_allowed_counts_for_a_small_unit():
    # 70% of 4 is 2.8: at most 2 Baik; at least one BP/K.
    hasil = rules.cek_distribusi("BAIK", counts(BAIK=2, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1))
    assert [(r.kelompok, r.minimum, r.maksimum, r.jumlah) for r in hasil.rentang] == [
        ((BK,), 0, 2, 2),
        ((BP, K), 1, 4, 1),
    ]
    assert hasil.sesuai
    # 60% of 7 is 4.2: at least 5 Butuh Perbaikan.
    hasil = rules.cek_distribusi("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=4, BAIK=3))
    assert hasil.rentang[0].minimum == 5
    assert not hasil.sesuai


def test_rounding_to_the_nearest_is_a_choice():
    hasil = rules.cek_distribusi("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=4, BAIK=3), bulat_bawah=False)
    assert hasil.rentang[0].minimum == 4
    assert hasil.sesuai


def test_an_empty_unit_breaks_nothing():
    assert rules.cek_distribusi("BAIK", {}).sesuai


def test_it_advises_when_the_main_predikat_is_not_the_most_common():
    hasil = rules.cek_distribusi("ISTIMEWA", counts(SANGAT_BAIK=2, BAIK=5))
    assert hasil.sesuai
    assert hasil.saran


@given(
    st.sampled_from(PredikatOrganisasi.values),
    st.dictionaries(st.sampled_from(PredikatPegawai.values), st.integers(0, 60)),
)
def test_allowed_ranges_are_consistent(org, jumlah):
    hasil = rules.cek_distribusi(org, jumlah)
    for r in hasil.rentang:
        assert 0 <= r.maksimum <= hasil.total
        assert (r.minimum <= r.jumlah <= r.maksimum) == r.terpenuhi
    assert hasil.sesuai == all(r.terpenuhi for r in hasil.rentang)


# --- angka kredit (domain.md §0.3, §7) ----------------------------------------------------------

KOEFISIEN = {
    "AHLI_PERTAMA": "12.5",
    "AHLI_MUDA": "25",
    "AHLI_MADYA": "37.5",
    "AHLI_UTAMA": "50",
    "PEMULA": "3.75",
    "TERAMPIL": "5",
    "MAHIR": "12.5",
    "PENYELIA": "25",
}
PERSEN = {
    "SANGAT_BAIK": "1.5",
    "BAIK": "1",
    "BUTUH_PERBAIKAN": "0.75",
    "KURANG": "0.5",
    "SANGAT_KURANG": "0.25",
}


@pytest.mark.parametrize("jenjang", list(KOEFISIEN))
@pytest.mark.parametrize("predikat", list(PERSEN))
def test_a_whole_year_converts_exactly(jenjang, predikat):
    expected = Decimal(KOEFISIEN[jenjang]) * Decimal(PERSEN[predikat])
    assert rules.angka_kredit(bulan=12, predikat=predikat, jenjang=jenjang) == expected


@pytest.mark.parametrize(
    ("bulan", "predikat", "jenjang", "ak"),
    [
        (12, "SANGAT_BAIK", "AHLI_PERTAMA", "18.75"),  # [S-SEED2]
        (2, "BAIK", "AHLI_PERTAMA", "2.083333"),  # [S-BKN-AK]: 2,08
        (3, "BAIK", "AHLI_MADYA", "9.375"),
        (1, "SANGAT_KURANG", "PEMULA", "0.078125"),
        (6, "BUTUH_PERBAIKAN", "TERAMPIL", "1.875"),
    ],
)
def test_it_converts_partial_years(bulan, predikat, jenjang, ak):
    assert rules.angka_kredit(bulan=bulan, predikat=predikat, jenjang=jenjang) == Decimal(ak)


@pytest.mark.parametrize("bulan", [0, 13, -1])
def test_it_refuses_months_outside_a_year(bulan):
    with pytest.raises(ValueError, match="bulan"):
        rules.angka_kredit(bulan=bulan, predikat="BAIK", jenjang="AHLI_MUDA")


@pytest.mark.parametrize(
    ("nilai", "teks"), [("2.083333", "2,08"), ("9.375", "9,375"), ("18.75", "18,75"), ("12.5", "12,50")]
)
def test_it_shows_two_or_three_decimals(nilai, teks):
    assert rules.tampil_ak(Decimal(nilai)) == teks


def test_every_jenjang_has_its_thresholds():
    assert set(rules.JENJANG_JF) == set(JenjangJF.values)
    # The trap in domain.md §7: Ahli Muda 25, Ahli Madya 37.5.
    assert rules.JENJANG_JF["AHLI_MUDA"].koefisien == 25
    assert rules.JENJANG_JF["AHLI_MADYA"].koefisien == Decimal("37.5")


def test_it_tells_the_distance_to_the_next_pangkat_and_jenjang():
    jarak = rules.jarak_kenaikan(kumulatif=Decimal("60"), jenjang="AHLI_PERTAMA")
    assert jarak.kurang_pangkat == 0
    assert jarak.kurang_jenjang == 40
    assert jarak.jenjang_berikut == "AHLI_MUDA"
    top = rules.jarak_kenaikan(kumulatif=Decimal("10"), jenjang="AHLI_UTAMA")
    assert top.kurang_pangkat == 190
    assert top.kurang_jenjang is None


# --- periods ------------------------------------------------------------------------------------


def test_a_whole_year_has_twelve_months_and_an_akhir():
    periode = rules.periode_penilaian(JenisPeriode.BULANAN, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [p.nomor for p in periode[:-1]] == list(range(1, 13))
    assert periode[1].akhir == dt.date(2026, 2, 28)
    assert periode[-1] == rules.Periode("AKHIR", 1, dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_quarters_are_clipped_to_the_skp_dates():
    periode = rules.periode_penilaian(JenisPeriode.TRIWULAN, dt.date(2026, 5, 15), dt.date(2026, 12, 31))
    assert [(p.nomor, p.awal, p.akhir) for p in periode[:-1]] == [
        (2, dt.date(2026, 5, 15), dt.date(2026, 6, 30)),
        (3, dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (4, dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]


def test_semesters():
    periode = rules.periode_penilaian(JenisPeriode.SEMESTER, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert [(p.jenis, p.nomor) for p in periode] == [("SEMESTER", 1), ("AKHIR", 1)]


@pytest.mark.parametrize(
    ("awal", "akhir", "bulan"),
    [
        ((2026, 1, 1), (2026, 12, 31), 12),
        ((2026, 1, 1), (2026, 3, 31), 3),
        ((2026, 2, 1), (2026, 2, 28), 1),
        ((2026, 5, 15), (2026, 6, 30), 2),  # 17 of 31 days of May count
        ((2026, 5, 20), (2026, 6, 30), 1),
        ((2026, 6, 25), (2026, 6, 30), 1),  # never less than one
    ],
)
def test_months_for_the_angka_kredit(awal, akhir, bulan):
    assert rules.jumlah_bulan(dt.date(*awal), dt.date(*akhir)) == bulan


def test_deadlines():
    assert rules.batas_pengisian(dt.date(2026, 1, 31)) == dt.date(2026, 2, 5)
    assert rules.batas_pengisian(dt.date(2026, 1, 31), hari=10) == dt.date(2026, 2, 10)
    assert rules.batas_keberatan(dt.date(2026, 12, 20)) == dt.date(2027, 1, 3)
