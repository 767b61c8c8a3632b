"""The pejabat penilai resolution and the atasan chain as pure functions (domain.md §5.3)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.organisasi.rules import (
    OrgSnapshot,
    SiklusAtasan,
    golongan_error,
    jabatan_error,
    pangkat_golongan,
    rantai_atasan,
    resolve_pejabat_penilai,
    semua_rantai_atasan,
)

# Units: 1 dinas > 2 bidang > 3 seksi; 4 is a second seksi under bidang 2 with a vacant head.
UNIT_PARENT = {1: None, 2: 1, 3: 2, 4: 2}
JENIS = {10: "JPT_PRATAMA", 20: "ADMINISTRATOR", 30: "PENGAWAS", 31: "PELAKSANA", 40: "PELAKSANA"}


def org(unit_pimpinan=None, penetapan=None, jenis=None):
    return OrgSnapshot(
        unit_parent=UNIT_PARENT,
        unit_pimpinan=unit_pimpinan if unit_pimpinan is not None else {1: 10, 2: 20, 3: 30, 4: None},
        pegawai_unit={10: 1, 20: 2, 30: 3, 31: 3, 40: 4},
        pegawai_jenis=jenis or JENIS,
        penetapan=penetapan or {},
    )


@pytest.mark.parametrize(
    ("pegawai", "penilai"),
    [
        (31, 30),  # staff -> head of own seksi
        (30, 20),  # a unit head -> head of the unit above
        (20, 10),
        (10, None),  # the top has no pejabat penilai inside the instansi
        (40, 20),  # vacant seksi head: the walk goes on up
    ],
)
def test_it_walks_up_to_the_nearest_eligible_pimpinan(pegawai, penilai):
    assert resolve_pejabat_penilai(org(), pegawai) == penilai


def test_a_pimpinan_below_pengawas_is_skipped():
    # A pelaksana placed as the head of seksi 3 may not rate (at least a pengawas, §5.3).
    snapshot = org(unit_pimpinan={1: 10, 2: 20, 3: 31, 4: None})
    assert resolve_pejabat_penilai(snapshot, 30) == 20


def test_an_admin_penetapan_wins_over_the_tree():
    assert resolve_pejabat_penilai(org(penetapan={31: 20}), 31) == 20


def test_the_chain_lists_atasan_nearest_first():
    penilai = {31: 30, 30: 20, 20: 10, 10: None}
    assert rantai_atasan(penilai, 31) == [30, 20, 10]
    assert semua_rantai_atasan(penilai) == {31: [30, 20, 10], 30: [20, 10], 20: [10], 10: []}


def test_a_cycle_is_reported_with_its_members():
    penilai = {1: 2, 2: 3, 3: 1}
    with pytest.raises(SiklusAtasan) as exc:
        semua_rantai_atasan(penilai)
    assert set(exc.value.siklus) == {1, 2, 3}
    with pytest.raises(SiklusAtasan):
        rantai_atasan(penilai, 1)


@given(st.dictionaries(st.integers(0, 30), st.integers(0, 30), max_size=30))
def test_every_chain_matches_the_single_walk_or_both_find_a_cycle(links):
    penilai = {k: v for k, v in links.items() if k != v}
    try:
        chains = semua_rantai_atasan(penilai)
    except SiklusAtasan:
        with pytest.raises(SiklusAtasan):
            for start in penilai:
                rantai_atasan(penilai, start)
        return
    for start in penilai:
        assert chains[start] == rantai_atasan(penilai, start)


@pytest.mark.parametrize(
    ("status", "golongan", "ok"),
    [
        ("PNS", "III/a", True),
        ("PNS", "IX", False),
        ("PPPK", "IX", True),
        ("PPPK", "III/a", False),
        ("PNS", "V/a", False),
    ],
)
def test_golongan_must_fit_the_status(status, golongan, ok):
    assert (golongan_error(status, golongan) is None) is ok


@pytest.mark.parametrize(
    ("jenis", "kategori", "jenjang", "ok"),
    [
        ("FUNGSIONAL", "KEAHLIAN", "AHLI_MUDA", True),
        ("FUNGSIONAL", "KETERAMPILAN", "AHLI_MUDA", False),
        ("FUNGSIONAL", "", "", False),
        ("PELAKSANA", "", "", True),
        ("PENGAWAS", "KEAHLIAN", "AHLI_MUDA", False),
    ],
)
def test_only_a_jabatan_fungsional_has_kategori_and_a_matching_jenjang(jenis, kategori, jenjang, ok):
    assert (jabatan_error(jenis, kategori, jenjang) is None) is ok


def test_pangkat_golongan_is_printed_as_the_forms_do():
    assert pangkat_golongan("IV/b") == "Pembina Tingkat I, IV/b"
    assert pangkat_golongan("IX") == "IX"
