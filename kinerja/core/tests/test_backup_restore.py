"""scripts/backup.sh and scripts/restore.sh, run for real against the PostgreSQL test database.

Data built through the real services (the demo instansi, the personas' approved SKP chain, a
realisasi and an uploaded bukti dukung file) is backed up, restored into a fresh empty database and
a fresh MEDIA_ROOT, and the restored copy must give the same rekap SKP workbook, the same rows in
every table, and the same uploaded file. restore.sh must refuse a database that is not empty.

PostgreSQL only (the scripts use pg_dump/pg_restore): skipped on SQLite, and when pg_dump is absent.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import uuid
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from psycopg import sql
from pytest_django.fixtures import Settings

from kinerja.accounts.models import Role
from kinerja.core.testing.personas import Personas
from kinerja.core.testing.skp import make_approved, make_skp
from kinerja.laporan import ekspor
from kinerja.organisasi.models import UnitKerja
from kinerja.penilaian import services as penilaian
from kinerja.penilaian.enums import JenisPeriode
from kinerja.penilaian.models import BuktiDukung, PeriodePenilaian
from kinerja.skp.models import Indikator

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="backup/restore memakai pg_dump/pg_restore: hanya di PostgreSQL (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.skipif(
        shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
        reason="pg_dump/pg_restore tidak ada (apt-get install postgresql-client)",
    ),
]

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"
BASH = shutil.which("bash") or "/bin/bash"
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
# Enough of a PDF for the upload check, which recognises the type from the first bytes.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TAHUN = 2026


# --- connections and scripts ------------------------------------------------------------------------


def url_of(name: str) -> str:
    """A postgres:// URL for database ``name`` on the test server, as DATABASE_URL would be."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


def raw(name: str, **kwargs: Any) -> psycopg.Connection[Any]:
    return psycopg.connect(url_of(name), autocommit=True, **kwargs)


def run(script: str, *args: str, database: str, media: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(DATABASE_URL=url_of(database), MEDIA_ROOT=str(media))
    return subprocess.run(  # noqa: S603 (our own scripts, fixed arguments)
        [BASH, str(SCRIPTS / script), *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def scratch() -> Iterator[str]:
    """A fresh empty database beside the test database, dropped afterwards."""
    name = f"kinerja_pulih_{uuid.uuid4().hex[:10]}"
    with raw("postgres") as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with raw("postgres") as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def django_on(name: str) -> Iterator[None]:
    """Point Django's default connection at database ``name`` for the block (the app reading the
    restored copy exactly as it reads its own database), then back at the test database."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def isi_tabel(name: str) -> dict[str, tuple[int, str]]:
    """Every table of database ``name``: (row count, md5 of its rows in sorted text form)."""
    with raw(name) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        out = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM {} t"
            ).format(sql.Identifier(table))
            count, digest = conn.execute(query).fetchone()  # type: ignore[misc]
            out[table] = (count, digest)
        return out


def rekap_skp(user: Any, unit: UnitKerja) -> list[tuple[Any, ...]]:
    """The rekap SKP workbook of ``unit`` as the export page serves it, read back cell by cell."""
    berkas = ekspor.buat(user=user, p=ekspor.Permintaan(jenis="rekap-skp", unit_id=unit.pk, tahun=TAHUN))
    with berkas.fh:
        workbook = openpyxl.load_workbook(io.BytesIO(berkas.fh.read()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    workbook.close()
    return rows


# --- data -------------------------------------------------------------------------------------------


@pytest.fixture
def jam(monkeypatch: pytest.MonkeyPatch) -> None:
    """2 April 2026, inside the filling window of TRIWULAN 1: the data must not depend on today."""
    sekarang = dt.datetime(TAHUN, 4, 2, 10, 0, tzinfo=WIB)
    monkeypatch.setattr(timezone, "now", lambda: sekarang.astimezone(dt.UTC))


def bangun_data(personas: Personas) -> BuktiDukung:
    """The demo instansi, the personas' approved chain down to a pegawai with a realisasi and an
    uploaded PDF bukti dukung; returns that bukti."""
    call_command("seed_demo", stdout=io.StringIO())
    kadis = make_skp(personas.kepala_dinas, rhk=1)
    kabid = make_approved(personas.atasan, personas.kepala_dinas, rhk=1, rhk_atasan=list(kadis.rhk.all()))
    kasi = make_approved(personas.pejabat_penilai, personas.atasan, rhk=1, rhk_atasan=list(kabid.rhk.all()))
    skp = make_approved(personas.pegawai, personas.pejabat_penilai, rhk=2, rhk_atasan=list(kasi.rhk.all()))
    for s in (kabid, kasi, skp):
        penilaian.periode_sinkron(skp=s)
    periode = PeriodePenilaian.objects.get(skp=skp, jenis=JenisPeriode.TRIWULAN, nomor=1)
    indikator = Indikator.objects.filter(rhk__skp=skp).order_by("pk").first()
    assert indikator is not None
    penilaian.realisasi_simpan(
        periode=periode,
        indikator=indikator,
        actor=personas.pegawai,
        realisasi="3 dokumen",
        sumber_data="SIPD",
    )
    return penilaian.bukti_tambah_berkas(
        periode=periode,
        rhk_id=indikator.rhk_id,
        actor=personas.pegawai,
        nama="Laporan triwulan",
        upload=SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf"),
    )


# --- tests ------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_backup_lalu_restore_ke_basis_data_kosong_memberi_rekap_yang_sama(
    personas: Personas, jam: None, settings: Settings, tmp_path: Path, scratch: str
) -> None:
    media, media_pulih, cadangan = tmp_path / "media", tmp_path / "media-pulih", tmp_path / "cadangan"
    settings.MEDIA_ROOT = media
    bukti = bangun_data(personas)
    admin = personas.admin
    assert admin.role == Role.ADMIN_INSTANSI
    akar = personas.dinas
    rekap = rekap_skp(admin, akar)
    assert len(rekap) >= 4  # header + kabid, kasi, pegawai (the kadis SKP is a draft, still listed)
    asli = isi_tabel(connection.settings_dict["NAME"])
    assert BuktiDukung.objects.exclude(berkas="").count() == 1  # the demo's bukti are links
    assert asli["skp_skp"][0] > 4  # the demo instansi's SKP besides the four built here

    hasil = run("backup.sh", str(cadangan), database=connection.settings_dict["NAME"], media=media)
    assert hasil.returncode == 0, hasil.stderr
    (folder,) = cadangan.glob("kinerja-*")
    assert sorted(p.name for p in folder.iterdir()) == ["INFO", "SHA256SUMS", "db.dump", "media.tar"]
    assert "selesai" in hasil.stdout

    hasil = run("restore.sh", str(folder), database=scratch, media=media_pulih)
    assert hasil.returncode == 0, hasil.stderr
    assert "media dipulihkan: 1 berkas" in hasil.stdout

    # Every table holds the same rows, and the app reading the copy exports the same workbook.
    assert isi_tabel(scratch) == asli
    with django_on(scratch):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            assert cursor.fetchone() == (scratch,)
        assert rekap_skp(admin, akar) == rekap
        pulih = BuktiDukung.objects.get(pk=bukti.pk)
        settings.MEDIA_ROOT = media_pulih
        with pulih.berkas.open("rb") as fh:
            assert fh.read() == PDF
        assert (media_pulih / pulih.berkas.name).is_file()


@pytest.mark.django_db(transaction=True)
def test_restore_menolak_basis_data_yang_tidak_kosong_dan_cadangan_yang_rusak(
    personas: Personas, tmp_path: Path
) -> None:
    nama = connection.settings_dict["NAME"]
    hasil = run("backup.sh", str(tmp_path / "cadangan"), database=nama, media=tmp_path / "media")
    assert hasil.returncode == 0, hasil.stderr
    (folder,) = (tmp_path / "cadangan").glob("kinerja-*")
    sebelum = isi_tabel(nama)

    # Into the (migrated, populated) test database itself: refused before anything is written.
    hasil = run("restore.sh", str(folder), database=nama, media=tmp_path / "media-pulih")
    assert hasil.returncode != 0
    assert "tidak kosong" in hasil.stderr
    assert "pg_restore ke" not in hasil.stdout
    assert isi_tabel(nama) == sebelum
    assert not (tmp_path / "media-pulih").exists()

    # A backup whose bytes no longer match its manifest is refused before any database is touched.
    with (folder / "db.dump").open("ab") as fh:
        fh.write(b"\0")
    hasil = run("restore.sh", str(folder), database="tidak_ada", media=tmp_path / "media-pulih")
    assert hasil.returncode != 0
    assert "manifest tidak cocok" in hasil.stderr
