"""Realisasi and bukti dukung: filled by the owner while the period is open; links are http(s) only;
uploads are recognised by their bytes and leave no orphan file behind."""

from __future__ import annotations

import base64
import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings

from kinerja.core.testing.personas import Personas
from kinerja.core.workflow import InvalidTransition
from kinerja.penilaian import services
from kinerja.penilaian.models import BuktiDukung, Realisasi
from kinerja.penilaian.tests.conftest import Jam, nilai_dan_tetapkan, periode
from kinerja.skp.models import Indikator, Skp

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def berkas_di(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def indikator_of(skp: Skp) -> Indikator:
    return Indikator.objects.filter(rhk__skp=skp).order_by("pk").first()  # type: ignore[return-value]


# --- real files, built from bytes ----------------------------------------------------------------


def pdf_bytes() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    idat = zlib.compress(b"\x00\xff\x00\x00")  # filter byte + one red pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# A 1x1 baseline JPEG (JFIF), the smallest commonly used valid one.
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////"
    "////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA="
)


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Laporan kegiatan</w:t></w:r></w:p></w:body></w:document>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Kegiatan", "Jumlah"])
    ws.append(["Rapat koordinasi", 3])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unggah(nama: str, isi: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type=content_type)


# --- realisasi -----------------------------------------------------------------------------------


def test_the_owner_saves_realisasi_and_saving_again_updates_it(personas: Personas, skp_pegawai: Skp) -> None:
    p, ind = periode(skp_pegawai), indikator_of(skp_pegawai)

    pertama = services.realisasi_simpan(
        periode=p, indikator=ind, actor=personas.pegawai, realisasi="2 dokumen", sumber_data="Arsip"
    )
    kedua = services.realisasi_simpan(
        periode=p, indikator=ind.pk, actor=personas.pegawai, realisasi="3 dokumen", sumber_data="SIMAK"
    )

    [row] = Realisasi.objects.filter(periode=p)
    assert (row.indikator_id, row.realisasi, row.sumber_data) == (ind.pk, "3 dokumen", "SIMAK")
    # One row, updated in place (an upsert): the id the API answers is the row's.
    assert pertama.pk == kedua.pk == row.pk
    assert row.updated_at == kedua.updated_at >= pertama.updated_at


@pytest.mark.parametrize("who", ["pejabat_penilai", "rekan", "admin", "atasan"])
def test_only_the_owner_may_save_realisasi(personas: Personas, skp_pegawai: Skp, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.realisasi_simpan(
            periode=periode(skp_pegawai),
            indikator=indikator_of(skp_pegawai),
            actor=getattr(personas, who),
            realisasi="3 dokumen",
            sumber_data="",
        )
    assert not Realisasi.objects.exists()


def test_realisasi_is_refused_after_the_deadline(personas: Personas, skp_pegawai: Skp, jam: Jam) -> None:
    jam.set(dt.date(2026, 4, 6))

    with pytest.raises(InvalidTransition):
        services.realisasi_simpan(
            periode=periode(skp_pegawai),
            indikator=indikator_of(skp_pegawai),
            actor=personas.pegawai,
            realisasi="3 dokumen",
            sumber_data="",
        )
    assert not Realisasi.objects.exists()


def test_realisasi_is_accepted_after_the_deadline_when_the_admin_reopened_it(
    personas: Personas, skp_pegawai: Skp, jam: Jam
) -> None:
    jam.set(dt.date(2026, 4, 20))
    services.buka_kunci(
        actor=personas.admin,
        tahun=2026,
        jenis="TRIWULAN",
        nomor=1,
        sampai=dt.date(2026, 4, 25),
        alasan="Cuti sakit",
        pegawai=personas.p("pegawai"),
    )

    services.realisasi_simpan(
        periode=periode(skp_pegawai),
        indikator=indikator_of(skp_pegawai),
        actor=personas.pegawai,
        realisasi="3 dokumen",
        sumber_data="",
    )

    assert Realisasi.objects.count() == 1


def test_realisasi_is_refused_on_a_finalised_period(personas: Personas, skp_pegawai: Skp) -> None:
    p = nilai_dan_tetapkan(periode(skp_pegawai), personas.pejabat_penilai)

    with pytest.raises(InvalidTransition):
        services.realisasi_simpan(
            periode=p,
            indikator=indikator_of(skp_pegawai),
            actor=personas.pegawai,
            realisasi="x",
            sumber_data="",
        )


def test_realisasi_is_refused_on_an_indikator_of_another_skp(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.realisasi_simpan(
            periode=periode(skp_pegawai),
            indikator=indikator_of(skp_rekan),
            actor=personas.pegawai,
            realisasi="3 dokumen",
            sumber_data="",
        )
    assert "indikator" in exc.value.message_dict
    assert not Realisasi.objects.exists()


def test_realisasi_must_not_be_blank(personas: Personas, skp_pegawai: Skp) -> None:
    with pytest.raises(ValidationError) as exc:
        services.realisasi_simpan(
            periode=periode(skp_pegawai),
            indikator=indikator_of(skp_pegawai),
            actor=personas.pegawai,
            realisasi="   ",
            sumber_data="",
        )
    assert exc.value.message_dict["realisasi"] == ["Realisasi wajib diisi."]


# --- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://intranet.example.go.id/laporan", "https://drive.google.com/file/d/abc123/view?usp=sharing"],
)
def test_an_http_or_https_link_is_accepted(personas: Personas, skp_pegawai: Skp, url: str) -> None:
    ind = indikator_of(skp_pegawai)

    b = services.bukti_tambah_tautan(
        periode=periode(skp_pegawai), rhk_id=ind.rhk_id, actor=personas.pegawai, nama="Laporan", url=url
    )

    assert (b.url, b.berkas.name, b.uploaded_by_id) == (url, "", personas.pegawai.pk)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "ftp://ftp.example.com/bukti.pdf",
        "//evil.example/x",
        "http://",
    ],
)
def test_a_link_of_another_scheme_or_malformed_is_refused(
    personas: Personas, skp_pegawai: Skp, url: str
) -> None:
    ind = indikator_of(skp_pegawai)

    with pytest.raises(ValidationError) as exc:
        services.bukti_tambah_tautan(
            periode=periode(skp_pegawai), rhk_id=ind.rhk_id, actor=personas.pegawai, nama="Bukti", url=url
        )
    assert "url" in exc.value.message_dict
    assert not BuktiDukung.objects.exists()


def test_a_link_is_refused_on_an_rhk_of_another_skp(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.bukti_tambah_tautan(
            periode=periode(skp_pegawai),
            rhk_id=indikator_of(skp_rekan).rhk_id,
            actor=personas.pegawai,
            nama="Bukti",
            url="https://example.com/x",
        )
    assert "rhk_id" in exc.value.message_dict


def test_only_the_owner_may_add_a_link(personas: Personas, skp_pegawai: Skp) -> None:
    with pytest.raises(PermissionDenied):
        services.bukti_tambah_tautan(
            periode=periode(skp_pegawai),
            rhk_id=indikator_of(skp_pegawai).rhk_id,
            actor=personas.pejabat_penilai,
            nama="Bukti",
            url="https://example.com/x",
        )


# --- uploads -------------------------------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("nama", "isi", "mime", "ekstensi"),
    [
        ("laporan.pdf", pdf_bytes(), "application/pdf", ".pdf"),
        ("foto.png", png_bytes(), "image/png", ".png"),
        ("foto.jpg", JPEG, "image/jpeg", ".jpg"),
        ("notulen.docx", docx_bytes(), DOCX, ".docx"),
        ("rekap.xlsx", xlsx_bytes(), XLSX, ".xlsx"),
    ],
)
def test_a_real_document_is_accepted_and_stored_under_a_random_name(
    personas: Personas, skp_pegawai: Skp, media: Path, nama: str, isi: bytes, mime: str, ekstensi: str
) -> None:
    p = periode(skp_pegawai)

    b = services.bukti_tambah_berkas(
        periode=p,
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="",
        upload=unggah(nama, isi),
    )

    assert (b.content_type, b.ekstensi, b.nama, b.nama_berkas, b.ukuran) == (
        mime,
        ekstensi,
        nama,
        nama,
        len(isi),
    )
    assert b.berkas.name == f"bukti/{p.pk}/{b.kunci}{ekstensi}"
    assert len(b.kunci) == 32
    assert (media / b.berkas.name).read_bytes() == isi


def test_the_content_type_comes_from_the_bytes_not_from_the_name_or_the_browser(
    personas: Personas, skp_pegawai: Skp, media: Path
) -> None:
    b = services.bukti_tambah_berkas(
        periode=periode(skp_pegawai),
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="Foto kegiatan",
        upload=unggah("../../laporan.pdf", png_bytes(), content_type="application/pdf"),
    )

    assert (b.content_type, b.ekstensi) == ("image/png", ".png")
    assert b.berkas.name.endswith(".png")
    assert ".." not in b.berkas.name
    assert [f.suffix for f in berkas_di(media)] == [".png"]


@pytest.mark.parametrize(
    ("nama", "isi", "content_type"),
    [
        ("halaman.html", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "text/html"),
        ("halaman.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        (
            "gambar.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        (
            "laporan.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
            "application/pdf",
        ),
        ("catatan.txt", b"hanya teks biasa", "text/plain"),
    ],
)
def test_a_file_of_a_forbidden_type_is_refused_and_leaves_no_file(
    personas: Personas, skp_pegawai: Skp, media: Path, nama: str, isi: bytes, content_type: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.bukti_tambah_berkas(
            periode=periode(skp_pegawai),
            rhk_id=indikator_of(skp_pegawai).rhk_id,
            actor=personas.pegawai,
            nama="",
            upload=unggah(nama, isi, content_type),
        )
    assert exc.value.message_dict["file"] == [
        "Jenis berkas tidak diizinkan. Unggah PDF, gambar (JPG, PNG, GIF, WEBP) atau dokumen kantor."
    ]
    assert not BuktiDukung.objects.exists()
    assert berkas_di(media) == []


def test_an_empty_file_is_refused(personas: Personas, skp_pegawai: Skp, media: Path) -> None:
    with pytest.raises(ValidationError) as exc:
        services.bukti_tambah_berkas(
            periode=periode(skp_pegawai),
            rhk_id=indikator_of(skp_pegawai).rhk_id,
            actor=personas.pegawai,
            nama="",
            upload=unggah("kosong.pdf", b""),
        )
    assert exc.value.message_dict["file"] == ["Berkas kosong."]
    assert berkas_di(media) == []


def test_a_file_over_the_size_limit_is_refused(
    personas: Personas, skp_pegawai: Skp, media: Path, settings: Settings
) -> None:
    settings.KINERJA_UPLOAD_MAX_MB = 1
    besar = pdf_bytes() + b"%" * (1024 * 1024)

    with pytest.raises(ValidationError) as exc:
        services.bukti_tambah_berkas(
            periode=periode(skp_pegawai),
            rhk_id=indikator_of(skp_pegawai).rhk_id,
            actor=personas.pegawai,
            nama="",
            upload=unggah("besar.pdf", besar),
        )
    assert exc.value.message_dict["file"] == ["Berkas terlalu besar (paling besar 1 MB)."]
    assert berkas_di(media) == []


def test_a_file_just_at_the_size_limit_is_accepted(
    personas: Personas, skp_pegawai: Skp, media: Path, settings: Settings
) -> None:
    settings.KINERJA_UPLOAD_MAX_MB = 1
    isi = pdf_bytes()
    isi += b"%" * (1024 * 1024 - len(isi))

    b = services.bukti_tambah_berkas(
        periode=periode(skp_pegawai),
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="",
        upload=unggah("pas.pdf", isi),
    )

    assert b.ukuran == 1024 * 1024


@pytest.mark.parametrize("cause", ["locked", "other_rhk", "not_owner"])
def test_a_refused_upload_of_a_good_file_leaves_no_file(
    personas: Personas, skp_pegawai: Skp, skp_rekan: Skp, media: Path, jam: Jam, cause: str
) -> None:
    actor, rhk_id = personas.pegawai, indikator_of(skp_pegawai).rhk_id
    if cause == "locked":
        jam.set(dt.date(2026, 4, 6))
    elif cause == "other_rhk":
        rhk_id = indikator_of(skp_rekan).rhk_id
    else:
        actor = personas.rekan

    with pytest.raises((InvalidTransition, ValidationError, PermissionDenied)):
        services.bukti_tambah_berkas(
            periode=periode(skp_pegawai),
            rhk_id=rhk_id,
            actor=actor,
            nama="",
            upload=unggah("a.pdf", pdf_bytes()),
        )
    assert not BuktiDukung.objects.exists()
    assert berkas_di(media) == []


# --- bukti_hapus ---------------------------------------------------------------------------------


def test_bukti_hapus_removes_the_row_and_the_file_after_commit(
    personas: Personas, skp_pegawai: Skp, media: Path, django_capture_on_commit_callbacks: object
) -> None:
    b = services.bukti_tambah_berkas(
        periode=periode(skp_pegawai),
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="",
        upload=unggah("a.pdf", pdf_bytes()),
    )
    stored = media / b.berkas.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # type: ignore[operator]
        services.bukti_hapus(bukti=b, actor=personas.pegawai)
        assert stored.exists()  # not before the commit: a rollback must not lose the file

    assert len(callbacks) == 1
    assert not BuktiDukung.objects.filter(pk=b.pk).exists()
    assert not stored.exists()


def test_bukti_hapus_of_a_link_needs_no_file(personas: Personas, skp_pegawai: Skp) -> None:
    b = services.bukti_tambah_tautan(
        periode=periode(skp_pegawai),
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="Drive",
        url="https://drive.example/x",
    )

    services.bukti_hapus(bukti=b, actor=personas.pegawai)

    assert not BuktiDukung.objects.exists()


@pytest.mark.parametrize("who", ["pejabat_penilai", "rekan"])
def test_only_the_owner_may_remove_a_bukti(
    personas: Personas, skp_pegawai: Skp, media: Path, who: str
) -> None:
    b = services.bukti_tambah_berkas(
        periode=periode(skp_pegawai),
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="",
        upload=unggah("a.pdf", pdf_bytes()),
    )

    with pytest.raises(PermissionDenied):
        services.bukti_hapus(bukti=b, actor=getattr(personas, who))

    assert BuktiDukung.objects.filter(pk=b.pk).exists()
    assert (media / b.berkas.name).exists()


def test_bukti_hapus_is_refused_after_the_deadline(
    personas: Personas, skp_pegawai: Skp, media: Path, jam: Jam
) -> None:
    b = services.bukti_tambah_berkas(
        periode=periode(skp_pegawai),
        rhk_id=indikator_of(skp_pegawai).rhk_id,
        actor=personas.pegawai,
        nama="",
        upload=unggah("a.pdf", pdf_bytes()),
    )
    jam.set(dt.date(2026, 4, 6))

    with pytest.raises(InvalidTransition):
        services.bukti_hapus(bukti=b, actor=personas.pegawai)

    assert (media / b.berkas.name).exists()
