"""The pegawai import service: reading files, checking rows, applying all-or-nothing, upload batches."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.accounts.models import Role, User
from kinerja.core.testing.factories import PegawaiFactory, make_nip
from kinerja.organisasi import imports
from kinerja.organisasi.models import ImportPegawai, Pegawai

KOLOM = list(imports.KOLOM)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def baris(n, **over):
    """A valid row for a pegawai who is not in the database yet."""
    row = {
        "nip": make_nip(n, tahun_lahir=1990),
        "nama": f"Pegawai Impor {n}",
        "status_kepegawaian": "PNS",
        "golongan": "III/a",
        "kode_jabatan": "PELAKSANA",
        "kode_unit_kerja": "SEKSI",
    }
    row.update(over)
    return row


def baris_dari(p, **over):
    """The row that describes an existing pegawai exactly as stored."""
    row = {
        "nip": p.nip,
        "nama": p.nama,
        "status_kepegawaian": p.status_kepegawaian,
        "golongan": p.golongan,
        "kode_jabatan": p.jabatan.kode,
        "kode_unit_kerja": p.unit_kerja.kode,
    }
    row.update(over)
    return row


def csv_file(rows, *, columns=None, delimiter=",", encoding="utf-8"):
    columns = columns or list(dict.fromkeys(k for r in rows for k in r))
    lines = [delimiter.join(columns)]
    lines += [delimiter.join(str(r.get(c, "")) for c in columns) for r in rows]
    return io.BytesIO(("\r\n".join(lines) + "\r\n").encode(encoding))


def xlsx_file(rows, *, columns=None):
    columns = columns or list(dict.fromkeys(k for r in rows for k in r))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for r in rows:
        sheet.append([r.get(c) for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def parse(fileobj, name="pegawai.csv"):
    return imports.import_parse(fileobj=fileobj, filename=name)


def check(personas, rows):
    return imports.import_check(instansi=personas.instansi, rows=parse(csv_file(rows)).rows)


def apply(personas, rows):
    parsed = parse(csv_file(rows))
    return imports.import_apply(instansi=personas.instansi, rows=parsed.rows, actor=personas.admin)


def snapshot():
    pegawai = list(Pegawai.objects.order_by("pk").values())
    users = list(User.objects.order_by("pk").values("pk", "username", "pegawai_id", "password"))
    return pegawai, users


def messages_of(plan):
    return {(e.baris, e.kolom): e.pesan for e in plan.errors}


# --- Reading files -------------------------------------------------------------------------------


def test_it_reads_a_csv_with_columns_in_any_order_and_any_case(db):
    data = io.BytesIO(
        b"Kode_Unit_Kerja,NAMA,nip,Golongan,kode_jabatan,status_kepegawaian\r\n"
        b"SEKSI,Dewi,198503122010011002,III/a,PELAKSANA,PNS\r\n"
    )
    (row,) = parse(data).rows
    assert (row.baris, row.nip, row.nama, row.kode_unit_kerja) == (2, "198503122010011002", "Dewi", "SEKSI")


def test_it_reads_a_semicolon_csv_in_windows_encoding_and_counts_blank_rows(db):
    rows = [baris(1, nama="Siti Aisyah Ŕ".replace("Ŕ", "é")), {}, baris(2)]
    parsed = parse(csv_file(rows, columns=KOLOM, delimiter=";", encoding="cp1252"))
    assert [r.baris for r in parsed.rows] == [2, 4]
    assert parsed.rows[0].nama == "Siti Aisyah é"
    assert parsed.format == "CSV"


def test_it_reads_a_utf8_csv_with_a_byte_order_mark(db):
    data = io.BytesIO("\ufeff".encode() + csv_file([baris(1, nama="Ñoño")]).getvalue())
    assert parse(data).rows[0].nama == "Ñoño"


def test_it_reads_an_xlsx_by_content_even_when_named_csv(db):
    parsed = parse(xlsx_file([baris(1), baris(2)]), name="salah-nama.csv")
    assert parsed.format == "XLSX"
    assert [r.nip for r in parsed.rows] == [make_nip(1, tahun_lahir=1990), make_nip(2, tahun_lahir=1990)]


def test_it_accepts_a_nip_written_with_spaces_and_an_excel_date_cell(db):
    row = baris(1, nip="19900102 201001 1 002", tmt_jabatan=dt.datetime(2024, 1, 2))
    (parsed,) = parse(xlsx_file([row])).rows
    assert parsed.nip == "199001022010011002"
    assert parsed.tmt_jabatan == "2024-01-02"


def test_it_says_a_numeric_nip_cell_must_be_text(personas):
    rows = parse(xlsx_file([baris(1, nip=199001022010011002)])).rows
    plan = imports.import_check(instansi=personas.instansi, rows=rows)
    assert "NIP harus ditulis sebagai teks" in messages_of(plan)[(2, "nip")]


def test_it_says_a_nip_in_scientific_notation_from_a_csv_must_be_text(personas):
    plan = check(personas, [baris(1, nip="1.99001E+17")])
    assert "NIP harus ditulis sebagai teks" in messages_of(plan)[(2, "nip")]


def test_it_lists_unknown_extra_columns_as_a_warning(db):
    parsed = parse(csv_file([{**baris(1), "agama": "Islam"}]))
    assert parsed.kolom_diabaikan == ["agama"]


def test_a_missing_required_column_is_one_error_for_the_file(db):
    data = csv_file([{"nip": make_nip(1), "nama": "X"}])
    with pytest.raises(imports.BerkasTidakValid) as exc:
        parse(data)
    assert "status_kepegawaian, golongan, kode_jabatan, kode_unit_kerja" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "Berkas kosong"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "gambar"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
        (b"\x00\x01\x02\x03binary\x00", "bukan CSV atau XLSX"),
        (b"nip,nama,status_kepegawaian,golongan,kode_jabatan,kode_unit_kerja\r\n", "tanpa data pegawai"),
        (b"\r\n\r\n", "tidak berisi data"),
    ],
)
def test_it_refuses_what_is_not_a_spreadsheet_with_a_clear_message(db, content, expected):
    with pytest.raises(imports.BerkasTidakValid) as exc:
        parse(io.BytesIO(content), name="pegawai.xlsx")
    assert expected in exc.value.messages[0]


def test_it_refuses_a_zip_that_is_not_an_xlsx(db):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(imports.BerkasTidakValid, match="bukan CSV atau XLSX"):
        parse(data, name="pegawai.xlsx")


def test_it_refuses_a_file_over_the_size_limit_before_reading_it(db, settings):
    settings.KINERJA_IMPORT_MAX_MB = 1
    data = io.BytesIO(b"x" * (1024 * 1024 + 1))
    with pytest.raises(imports.BerkasTidakValid, match="terlalu besar"):
        parse(data)


# --- Checking rows -------------------------------------------------------------------------------


def test_it_reports_every_bad_row_at_once_with_row_number_and_reason(personas):
    rows = [
        baris(1),
        baris(2, nip="198501012010131001"),
        baris(3, nama=""),
        baris(4, status_kepegawaian="HONORER"),
        baris(5, golongan="IX"),
        baris(6, status_kepegawaian="PPPK", golongan="III/a"),
        baris(7, kode_unit_kerja="GUDANG"),
        baris(8, kode_jabatan="TIDAK-ADA"),
        baris(9, email="bukan-email"),
        baris(10, tmt_jabatan="31/02/2024"),
        baris(11, nama="x" * 151),
        baris(12, gelar_depan="y" * 51),
    ]
    plan = check(personas, rows)
    got = messages_of(plan)
    assert got[(3, "nip")] == "Bulan TMT pada NIP (digit 13-14, 13) harus 01 sampai 12."
    assert got[(4, "nama")] == "Nama wajib diisi."
    assert "PNS atau PPPK" in got[(5, "status_kepegawaian")]
    assert "Golongan PNS harus berbentuk ruang" in got[(6, "golongan")]
    assert "Golongan PPPK harus I sampai XVII" in got[(7, "golongan")]
    assert got[(8, "kode_unit_kerja")] == "Kode unit kerja 'GUDANG' tidak ada di instansi ini."
    assert got[(9, "kode_jabatan")] == "Kode jabatan 'TIDAK-ADA' tidak ada di instansi ini."
    assert "tidak valid" in got[(10, "email")]
    assert "tidak dikenali" in got[(11, "tmt_jabatan")]
    assert "150" in got[(12, "nama")]
    assert "50" in got[(13, "gelar_depan")]
    assert plan.baris_salah == 11
    assert len(plan.baru) == 1


def test_it_rejects_a_duplicate_nip_and_names_the_first_row(personas):
    nip = make_nip(1, tahun_lahir=1990)
    plan = check(personas, [baris(1), baris(2), baris(3, nip=nip)])
    assert messages_of(plan) == {(4, "nip"): "NIP ini sudah ada di baris 2."}


def test_it_refuses_a_nip_that_belongs_to_another_instansi(personas):
    plan = check(
        personas, [baris_dari(personas.p("orang_lain"), kode_jabatan="KASI", kode_unit_kerja="SEKSI")]
    )
    assert messages_of(plan) == {(2, "nip"): "NIP ini terdaftar di instansi lain."}


def test_it_refuses_a_new_nip_already_used_by_an_account_without_pegawai(personas):
    User.objects.create(username=make_nip(1, tahun_lahir=1990))
    plan = check(personas, [baris(1)])
    assert "akun pengguna" in messages_of(plan)[(2, "nip")]


def test_it_matches_codes_and_golongan_regardless_of_case(personas):
    plan = check(personas, [baris(1, kode_jabatan="pelaksana", kode_unit_kerja="seksi", golongan="iii/A")])
    assert plan.errors == []
    assert plan.baru[0]["golongan"] == "III/a"
    assert plan.baru[0]["unit_kerja_id"] == personas.seksi.pk


def test_checking_uses_the_same_number_of_queries_for_5_or_60_rows(personas, django_assert_num_queries):
    small = parse(csv_file([baris(n) for n in range(5)])).rows
    large = parse(csv_file([baris(n) for n in range(60)])).rows
    # jabatan codes, unit codes, existing pegawai, other-instansi NIPs, taken usernames
    with django_assert_num_queries(5):
        imports.import_check(instansi=personas.instansi, rows=small)
    with django_assert_num_queries(5):
        imports.import_check(instansi=personas.instansi, rows=large)


# --- Applying ------------------------------------------------------------------------------------


def test_applying_creates_pegawai_with_an_account_and_resolves_their_pejabat_penilai(personas):
    result = apply(
        personas, [baris(1, gelar_belakang="S.Kom.", email="a@contoh.go.id", tmt_jabatan="02-01-2024")]
    )
    assert (result.baru, result.berubah, result.tetap, result.akun_dibuat) == (1, 0, 0, 1)
    p = Pegawai.objects.get(nip=make_nip(1, tahun_lahir=1990))
    assert (p.instansi, p.gelar_belakang, p.email, p.tmt_jabatan) == (
        personas.instansi,
        "S.Kom.",
        "a@contoh.go.id",
        dt.date(2024, 1, 2),
    )
    assert p.pejabat_penilai == personas.p("pejabat_penilai")
    user = User.objects.get(pegawai=p)
    assert user.username == p.nip and user.role == Role.PEGAWAI
    assert not user.has_usable_password()


def test_reimporting_the_same_file_writes_nothing(personas):
    rows = [baris(n, email=f"p{n}@contoh.go.id") for n in range(3)]
    rows += [baris_dari(personas.p(name)) for name in ("pegawai", "rekan", "kepala_dinas")]
    apply(personas, rows)
    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        result = apply(personas, rows)
    assert (result.baru, result.berubah, result.tetap) == (0, 0, 6)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []
    assert snapshot() == before  # updated_at included


def test_a_changed_row_updates_only_that_pegawai_and_only_what_changed(personas):
    target, other = personas.p("pegawai"), personas.p("rekan")
    Pegawai.objects.filter(pk=target.pk).update(email="lama@contoh.go.id")
    before_other = Pegawai.objects.filter(pk=other.pk).values().get()
    before_target = Pegawai.objects.filter(pk=target.pk).values().get()
    result = apply(
        personas, [baris_dari(target, golongan="III/b", kode_unit_kerja="BIDANG"), baris_dari(other)]
    )
    assert (result.baru, result.berubah, result.tetap) == (0, 1, 1)
    after = Pegawai.objects.filter(pk=target.pk).values().get()
    changed = {k for k in after if after[k] != before_target[k]}
    # The new unit also moves the pejabat penilai up to the Kepala Bidang.
    assert changed == {
        "golongan",
        "unit_kerja_id",
        "updated_at",
        "pejabat_penilai_id",
        "atasan_pejabat_penilai_id",
    }
    assert after["email"] == "lama@contoh.go.id"  # no email column: kept
    assert after["pejabat_penilai_id"] == personas.p("atasan").pk
    assert Pegawai.objects.filter(pk=other.pk).values().get() == before_other


def test_an_empty_optional_cell_keeps_the_stored_value_and_absent_pegawai_stay(personas):
    target = personas.p("pegawai")
    Pegawai.objects.filter(pk=target.pk).update(email="tetap@contoh.go.id", gelar_depan="Dr.")
    count = Pegawai.objects.count()
    result = apply(personas, [baris_dari(target, email="", gelar_depan="")])
    assert result.tetap == 1
    target.refresh_from_db()
    assert (target.email, target.gelar_depan) == ("tetap@contoh.go.id", "Dr.")
    assert Pegawai.objects.count() == count


def test_applying_with_any_bad_row_changes_nothing(personas):
    before = snapshot()
    rows = [baris(1), baris_dari(personas.p("pegawai"), golongan="IV/a"), baris(2, kode_unit_kerja="X")]
    with pytest.raises(imports.ImportDitolak) as exc:
        apply(personas, rows)
    assert exc.value.plan.baris_salah == 1
    assert snapshot() == before


def test_html_in_a_name_is_stored_as_plain_text(personas):
    apply(personas, [baris(1, nama="<script>alert(1)</script>")])
    assert Pegawai.objects.get(nip=make_nip(1, tahun_lahir=1990)).nama == "<script>alert(1)</script>"


def test_applying_writes_in_bulk_not_per_row(personas):
    def count_writes(rows):
        with CaptureQueriesContext(connection) as queries:
            apply(personas, rows)
        return sum(q["sql"].lstrip().upper().startswith("INSERT") for q in queries)

    assert count_writes([baris(n) for n in range(2)]) == count_writes([baris(n) for n in range(10, 40)])


# --- Upload batches ------------------------------------------------------------------------------


def make_batch(personas, rows):
    return imports.import_batch_create(
        instansi=personas.instansi, actor=personas.admin, fileobj=csv_file(rows), nama_file="pegawai.csv"
    )


def test_a_batch_keeps_the_file_and_the_dry_run_result_without_touching_pegawai(personas):
    count = Pegawai.objects.count()
    batch = make_batch(personas, [baris(1), baris(2, kode_unit_kerja="X")])
    assert batch.status == ImportPegawai.Status.DIPERIKSA
    assert batch.hasil["baru"] == 1 and batch.hasil["baris_salah"] == 1
    assert batch.hasil["kesalahan"] == [
        {
            "baris": 3,
            "nip": make_nip(2, tahun_lahir=1990),
            "kolom": "kode_unit_kerja",
            "pesan": "Kode unit kerja 'X' tidak ada di instansi ini.",
        }
    ]
    assert batch.file.name.startswith("impor/")
    assert Pegawai.objects.count() == count


def test_a_refused_file_stores_no_batch(personas):
    with pytest.raises(ValidationError):
        imports.import_batch_create(
            instansi=personas.instansi,
            actor=personas.admin,
            fileobj=io.BytesIO(b"%PDF-1.4"),
            nama_file="a.xlsx",
        )
    assert not ImportPegawai.objects.exists()


def test_a_batch_applies_once_and_refuses_a_second_apply(personas):
    batch = make_batch(personas, [baris(1)])
    applied = imports.import_batch_apply(batch=batch, actor=personas.admin)
    assert applied.status == ImportPegawai.Status.DITERAPKAN
    assert applied.applied_by == personas.admin and applied.applied_at is not None
    assert applied.hasil["akun_dibuat"] == 1
    before = snapshot()
    with pytest.raises(ValidationError, match="sudah diterapkan"):
        imports.import_batch_apply(batch=batch, actor=personas.admin)
    assert snapshot() == before


def test_a_batch_is_checked_again_when_applied(personas):
    batch = make_batch(personas, [baris(1)])
    # After the dry run, someone registers that NIP in another instansi.
    PegawaiFactory(instansi=personas.p("orang_lain").instansi, nip=make_nip(1, tahun_lahir=1990))
    with pytest.raises(imports.ImportDitolak):
        imports.import_batch_apply(batch=batch, actor=personas.admin)
    batch.refresh_from_db()
    assert batch.status == ImportPegawai.Status.DIPERIKSA
    assert batch.hasil["kesalahan"][0]["pesan"] == "NIP ini terdaftar di instansi lain."
    assert not Pegawai.objects.filter(instansi=personas.instansi, nip=make_nip(1, tahun_lahir=1990)).exists()


def test_a_batch_file_is_read_back_from_storage(personas):
    batch = make_batch(personas, [baris(1)])
    batch.file.save(batch.file.name.split("/")[-1], ContentFile(csv_file([baris(1), baris(2)]).getvalue()))
    result = imports.import_batch_apply(batch=batch, actor=personas.admin)
    assert result.hasil["baru"] == 2
