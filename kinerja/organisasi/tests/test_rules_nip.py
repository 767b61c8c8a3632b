"""Table-driven tests of the NIP rule (rules.validate_nip); no database."""

import datetime as dt

import pytest

from kinerja.organisasi.rules import NipTidakValid, validate_nip


def test_it_reads_what_a_valid_nip_encodes():
    info = validate_nip("198503122010011002")
    assert info.tanggal_lahir == dt.date(1985, 3, 12)
    assert (info.tmt_tahun, info.tmt_bulan) == (2010, 1)
    assert info.jenis_kelamin == "L"
    assert info.nomor_urut == 2


def test_it_accepts_the_pppk_code_in_the_tmt_month_position():
    info = validate_nip("199305152022212001")
    assert info.tmt_bulan is None
    assert info.jenis_kelamin == "P"


def test_the_pppk_code_can_be_switched_off():
    with pytest.raises(NipTidakValid, match="Bulan TMT"):
        validate_nip("199305152022212001", kode_pppk=None)


@pytest.mark.parametrize(
    ("nip", "bagian"),
    [
        ("19850312201001100", "18 digit"),  # 17 digits
        ("1985031220100110021", "18 digit"),  # 19 digits
        ("19850312201001100A", "hanya boleh berisi angka"),
        ("", "hanya boleh berisi angka"),
        ("198502302010011002", "Tanggal lahir"),  # 30 February
        ("198513122010011002", "Tanggal lahir"),  # month 13
        ("185003122010011002", "Tahun lahir"),
        ("198503122010131002", "Bulan TMT"),  # TMT month 13
        ("198503122010001002", "Bulan TMT"),  # TMT month 00
        ("198503121980011002", "TMT"),  # TMT before birth
        ("198503122010013002", "jenis kelamin"),
        ("198503122010010002", "jenis kelamin"),
        ("198503122010011000", "Nomor urut"),
        ("\uff11\uff19\uff18\uff15" + "0312201001100" + "2", "hanya boleh berisi angka"),  # full-width digits
    ],
)
def test_it_says_which_part_of_a_bad_nip_is_wrong(nip, bagian):
    with pytest.raises(NipTidakValid, match=bagian):
        validate_nip(nip)
