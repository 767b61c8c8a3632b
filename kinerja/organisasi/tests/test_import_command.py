"""``manage.py import_pegawai FILE [--dry-run] [--instansi KODE]``."""

import io

import pytest
from django.core.management import CommandError, call_command

from kinerja.accounts.models import User
from kinerja.core.testing.factories import InstansiFactory, JabatanFactory, UnitKerjaFactory, make_nip
from kinerja.organisasi.models import Pegawai

HEADER = "nip,nama,status_kepegawaian,golongan,kode_jabatan,kode_unit_kerja\n"


def nip(n):
    return make_nip(n, tahun_lahir=1990)


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_text(HEADER + f"{nip(1)},Ani,PNS,III/a,PELAKSANA,SEKSI\n{nip(2)},Budi,PPPK,IX,KASI,SEKSI\n")
    return path


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text(
        HEADER + f"{nip(1)},Ani,PNS,III/a,PELAKSANA,SEKSI\n198501012010131001,Budi,PNS,III/a,KASI,SEKSI\n"
    )
    return path


def run(*args):
    out = io.StringIO()
    call_command("import_pegawai", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_dry_run_prints_the_counts_and_stores_nothing(personas, good_file):
    output = run(str(good_file), "--dry-run", "--instansi", "KOTA-UJI")
    assert "2 baru, 0 berubah" in output
    assert not Pegawai.objects.filter(nip__in=[nip(1), nip(2)]).exists()


def test_it_imports_and_prints_the_counts(personas, good_file):
    output = run(str(good_file), "--instansi", "KOTA-UJI")
    assert "2 baru, 0 berubah, 0 tetap, 2 akun dibuat" in output
    assert Pegawai.objects.filter(instansi=personas.instansi, nip__in=[nip(1), nip(2)]).count() == 2
    assert User.objects.filter(username=nip(2)).exists()
    assert "0 baru, 0 berubah, 2 tetap" in run(str(good_file), "--instansi", "KOTA-UJI")


def test_it_prints_every_bad_row_and_fails_without_storing_anything(personas, bad_file):
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 baris bermasalah"):
        call_command("import_pegawai", str(bad_file), "--instansi", "KOTA-UJI", stdout=out)
    assert "Baris 3: NIP 198501012010131001 — Bulan TMT pada NIP" in out.getvalue()
    assert not Pegawai.objects.filter(nip=nip(1)).exists()


def test_it_needs_the_instansi_when_there_are_several(personas, good_file):
    with pytest.raises(CommandError, match="KAB-LAIN, KOTA-UJI"):
        run(str(good_file))


def test_it_uses_the_only_instansi_by_default(db, good_file):
    instansi = InstansiFactory(kode="SATU")
    JabatanFactory(instansi=instansi, kode="PELAKSANA")
    JabatanFactory(instansi=instansi, kode="KASI")
    UnitKerjaFactory(instansi=instansi, kode="SEKSI")
    run(str(good_file))
    assert Pegawai.objects.filter(instansi=instansi).count() == 2


def test_it_says_when_there_is_no_instansi_yet(db, good_file):
    with pytest.raises(CommandError, match="Belum ada instansi"):
        run(str(good_file))


def test_it_refuses_an_unknown_instansi_or_a_missing_file(personas, good_file, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        run(str(good_file), "--instansi", "TIDAK-ADA")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run(str(tmp_path / "hilang.csv"), "--instansi", "KOTA-UJI")


def test_it_refuses_a_file_that_is_not_a_spreadsheet(personas, tmp_path):
    path = tmp_path / "foto.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError, match="adalah gambar"):
        run(str(path), "--instansi", "KOTA-UJI")
