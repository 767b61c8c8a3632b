"""The import pages: access (allowed, forbidden, not visible), dry run, apply, result, templates."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.accounts.models import User
from kinerja.core.testing.factories import make_nip
from kinerja.organisasi import imports
from kinerja.organisasi.models import ImportPegawai, Pegawai

UPLOAD = "/organisasi/impor/"
HEADER = "nip,nama,status_kepegawaian,golongan,kode_jabatan,kode_unit_kerja"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def nip(n):
    return make_nip(n, tahun_lahir=1990)


def csv_upload(*lines, name="pegawai.csv"):
    return SimpleUploadedFile(name, ("\r\n".join([HEADER, *lines]) + "\r\n").encode())


def good_line(n, nama=None):
    return f"{nip(n)},{nama or f'Pegawai {n}'},PNS,III/a,PELAKSANA,SEKSI"


def upload(client, berkas):
    return client.post(UPLOAD, {"berkas": berkas})


def detail_url(batch):
    return reverse("organisasi:import_detail", args=[batch.pk])


def apply_url(batch):
    return reverse("organisasi:import_apply", args=[batch.pk])


def make_batch(personas, *lines):
    return imports.import_batch_create(
        instansi=personas.instansi, actor=personas.admin, fileobj=csv_upload(*lines), nama_file="p.csv"
    )


# --- Access --------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_plain_pegawai_is_forbidden_every_import_page(client, personas):
    batch = make_batch(personas, good_line(1))
    client.force_login(personas.pegawai)
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, csv_upload(good_line(2))).status_code == 403
    assert client.get(reverse("organisasi:import_template", args=["csv"])).status_code == 403
    assert client.get(detail_url(batch)).status_code == 403
    assert client.post(apply_url(batch)).status_code == 403
    assert not Pegawai.objects.filter(nip=nip(1)).exists()
    assert ImportPegawai.objects.count() == 1


def test_an_admin_and_a_superadmin_see_the_upload_page(client, personas):
    for user in (personas.admin, personas.superadmin):
        client.force_login(user)
        response = client.get(UPLOAD)
        assert response.status_code == 200
        assert 'enctype="multipart/form-data"' in response.content.decode()


def test_a_batch_of_another_instansi_is_not_found(client, personas):
    other = ImportPegawai.objects.create(
        instansi=personas.p("orang_lain").instansi, uploaded_by=personas.superadmin, nama_file="x.csv"
    )
    client.force_login(personas.admin)
    assert client.get(detail_url(other)).status_code == 404
    assert client.post(apply_url(other)).status_code == 404
    client.force_login(personas.superadmin)
    assert client.get(detail_url(other)).status_code == 200


# --- Dry run -------------------------------------------------------------------------------------


def test_uploading_shows_the_dry_run_with_counts_and_an_apply_button_and_stores_nothing(client, personas):
    client.force_login(personas.admin)
    response = upload(client, csv_upload(good_line(1), good_line(2)))
    batch = ImportPegawai.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(batch)
    html = client.get(detail_url(batch)).content.decode()
    assert 'data-hitung="baru">2<' in html
    assert apply_url(batch) in html and "confirm(" in html
    assert not Pegawai.objects.filter(nip__in=[nip(1), nip(2)]).exists()


def test_the_dry_run_lists_every_bad_row_and_offers_no_apply(client, personas):
    client.force_login(personas.admin)
    upload(
        client,
        csv_upload(
            good_line(1),
            f"{nip(2)},X,PNS,III/a,PELAKSANA,GUDANG",
            "198501012010131001,Y,PNS,III/a,KASI,SEKSI",
        ),
    )
    batch = ImportPegawai.objects.get()
    html = client.get(detail_url(batch)).content.decode()
    assert "Kode unit kerja &#x27;GUDANG&#x27; tidak ada di instansi ini." in html
    assert "<td>3</td>" in html and "<td>4</td>" in html
    assert "Bulan TMT pada NIP" in html
    assert apply_url(batch) not in html


def test_text_from_the_file_is_escaped_on_the_result_page(client, personas):
    client.force_login(personas.admin)
    upload(
        client,
        csv_upload(good_line(1, nama="<script>alert(1)</script>"), f"{nip(2)},Z,PNS,III/a,<b>KODE</b>,SEKSI"),
    )
    html = client.get(detail_url(ImportPegawai.objects.get())).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>KODE</b>" not in html
    assert "&lt;b&gt;KODE&lt;/b&gt;" in html


def test_the_applied_page_escapes_a_name_with_html(client, personas):
    batch = make_batch(personas, good_line(1, nama="<script>alert(1)</script>"))
    imports.import_batch_apply(batch=batch, actor=personas.admin)
    client.force_login(personas.admin)
    html = client.get(detail_url(batch)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("pegawai.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "adalah PDF"),
        ("pegawai.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "adalah gambar"),
        ("pegawai.csv", b"", "Berkas kosong."),
        ("pegawai.csv", (HEADER + "\r\n").encode(), "tanpa data pegawai"),
    ],
)
def test_a_non_spreadsheet_upload_gets_a_clear_message_and_nothing_is_stored(
    client, personas, name, content, expected
):
    client.force_login(personas.admin)
    response = upload(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not ImportPegawai.objects.exists()


def test_an_oversized_upload_is_refused(client, personas, settings):
    settings.KINERJA_IMPORT_MAX_MB = 1
    client.force_login(personas.admin)
    response = upload(client, SimpleUploadedFile("besar.csv", b"a" * (1024 * 1024 + 10)))
    assert "terlalu besar" in response.content.decode()
    assert not ImportPegawai.objects.exists()


# --- Apply ---------------------------------------------------------------------------------------


def test_applying_creates_the_pegawai_and_shows_the_result(client, personas):
    batch = make_batch(personas, good_line(1), good_line(2))
    client.force_login(personas.admin)
    response = client.post(apply_url(batch), follow=True)
    html = response.content.decode()
    assert "Impor diterapkan" in html and 'data-hitung="baru">2<' in html
    assert Pegawai.objects.filter(nip__in=[nip(1), nip(2)], instansi=personas.instansi).count() == 2
    assert User.objects.filter(username__in=[nip(1), nip(2)]).count() == 2


def test_applying_twice_changes_nothing_the_second_time(client, personas):
    batch = make_batch(personas, good_line(1))
    client.force_login(personas.admin)
    client.post(apply_url(batch))
    Pegawai.objects.filter(nip=nip(1)).update(nama="Diubah admin")
    html = client.post(apply_url(batch), follow=True).content.decode()
    assert "sudah diterapkan" in html
    assert Pegawai.objects.get(nip=nip(1)).nama == "Diubah admin"


def test_a_batch_with_errors_cannot_be_applied_by_a_forged_post(client, personas):
    batch = make_batch(personas, good_line(1), f"{nip(2)},X,PNS,III/a,PELAKSANA,GUDANG")
    client.force_login(personas.admin)
    html = client.post(apply_url(batch), follow=True).content.decode()
    assert "Tidak ada data yang diubah" in html
    assert not Pegawai.objects.filter(nip=nip(1)).exists()
    batch.refresh_from_db()
    assert batch.status == ImportPegawai.Status.DIPERIKSA


def test_apply_only_accepts_post(client, personas):
    batch = make_batch(personas, good_line(1))
    client.force_login(personas.admin)
    assert client.get(apply_url(batch)).status_code == 405


# --- Templates -----------------------------------------------------------------------------------


def test_the_csv_template_has_every_column(client, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("organisasi:import_template", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").strip() == ",".join(imports.KOLOM)


def test_the_xlsx_template_once_filled_in_imports_cleanly(client, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("organisasi:import_template", args=["xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["Pegawai"][1]] == list(imports.KOLOM)
    assert ["SEKSI", "Seksi Uji"] in [
        [c.value for c in row] for row in workbook["Kode unit kerja"].iter_rows()
    ]
    workbook["Pegawai"].append([nip(1), "Dari Templat", "", "", "PNS", "III/a", "KASI", "SEKSI", "", ""])
    filled = io.BytesIO()
    workbook.save(filled)
    upload(client, SimpleUploadedFile("isi.xlsx", filled.getvalue()))
    batch = ImportPegawai.objects.get()
    assert (batch.hasil["format"], batch.hasil["baru"], batch.hasil["jumlah_kesalahan"]) == ("XLSX", 1, 0)


def test_an_unknown_template_format_is_not_found(client, personas):
    client.force_login(personas.admin)
    assert client.get("/organisasi/impor/templat.pdf").status_code == 404


def test_the_upload_page_lists_recent_uploads_in_constant_queries(
    client, personas, django_assert_num_queries
):
    for n in range(4):
        make_batch(personas, good_line(n))
    make_batch(personas, good_line(9), "x,Salah,PNS,III/a,KASI,SEKSI")
    client.force_login(personas.admin)
    # session, user with pegawai, instansi, recent uploads with uploader
    with django_assert_num_queries(4):
        html = client.get(UPLOAD).content.decode()
    assert html.count('<small class="text-muted">Admin Kinerja</small>') == 5
    assert "1 baris salah" in html


def test_the_result_page_needs_three_queries(client, personas, django_assert_num_queries):
    batch = make_batch(personas, *[good_line(n) for n in range(30)])
    client.force_login(personas.admin)
    # session, user with pegawai, the upload with its instansi and uploader
    with django_assert_num_queries(3):
        client.get(detail_url(batch))
