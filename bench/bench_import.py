"""Benchmark of the pegawai import (issue #2 "Speed": 10,000 rows in under 30 s on SQLite).

    .venv/bin/python bench/bench_import.py [--rows 10000] [--database-url postgres://...]

Builds a city government with 30 OPD (570 units, about 690 jabatan) on a fresh database (a temporary
SQLite file unless --database-url names an empty database), writes an N-row XLSX and CSV with valid
NIPs, then times: reading both files, the dry run, the first import, a re-import of the same file
(which must write nothing) and an import with 10% of the rows changed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

OPD = 30
BIDANG_PER_OPD = 4
SEKSI_PER_BIDANG = 3
PELAKSANA = 40
FUNGSIONAL = 20
GOLONGAN_PNS = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]
GOLONGAN_PPPK = ["V", "VII", "IX", "X", "XI"]


def setup_django(database_url: str | None, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["KINERJA_VAR_DIR"] = str(workdir)
    os.environ["KINERJA_IMPORT_MAX_MB"] = "200"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def build_organisation() -> tuple[object, list[tuple[str, str]], list[str], list[str]]:
    """The instansi, (unit kode, pimpinan jabatan kode) per unit, leaf unit codes, staff jabatan codes."""
    from django.db import transaction

    from kinerja.organisasi import services
    from kinerja.organisasi.enums import JenisJabatan, JenjangJF, KategoriJF
    from kinerja.organisasi.models import Instansi, Jabatan

    with transaction.atomic():
        ins = Instansi.objects.create(kode="BENCH", nama="Pemerintah Kota Bench", tempat="Kota Bench")
        jabatan: list[Jabatan] = []
        staff: list[str] = []
        for i in range(1, PELAKSANA + 1):
            jabatan.append(
                Jabatan(
                    instansi=ins, kode=f"PLK-{i:02d}", nama=f"Pelaksana {i}", jenis=JenisJabatan.PELAKSANA
                )
            )
            staff.append(f"PLK-{i:02d}")
        jenjang = [JenjangJF.AHLI_PERTAMA, JenjangJF.AHLI_MUDA, JenjangJF.AHLI_MADYA]
        for i in range(1, FUNGSIONAL + 1):
            jabatan.append(
                Jabatan(
                    instansi=ins,
                    kode=f"JF-{i:02d}",
                    nama=f"Fungsional {i}",
                    jenis=JenisJabatan.FUNGSIONAL,
                    kategori=KategoriJF.KEAHLIAN,
                    jenjang=jenjang[i % 3],
                )
            )
            staff.append(f"JF-{i:02d}")
        heads: dict[str, Jabatan] = {}

        def head(kode: str, jenis: str) -> Jabatan:
            heads[kode] = Jabatan(instansi=ins, kode=kode, nama=f"Kepala {kode}", jenis=jenis)
            return heads[kode]

        for o in range(1, OPD + 1):
            jabatan += [
                head(f"KADIS-{o}", JenisJabatan.JPT_PRATAMA),
                head(f"SEKDIN-{o}", JenisJabatan.ADMINISTRATOR),
            ]
            jabatan.append(head(f"KASUBAG-{o}", JenisJabatan.PENGAWAS))
            for b in range(1, BIDANG_PER_OPD + 1):
                jabatan.append(head(f"KABID-{o}-{b}", JenisJabatan.ADMINISTRATOR))
                jabatan += [
                    head(f"KASI-{o}-{b}-{s}", JenisJabatan.PENGAWAS) for s in range(1, SEKSI_PER_BIDANG + 1)
                ]
        Jabatan.objects.bulk_create(jabatan)

        units: list[tuple[str, str]] = []
        leaves: list[str] = []

        def unit(kode: str, parent: object, pimpinan: str, leaf: bool = False) -> object:
            created = services.unit_create(
                instansi=ins, kode=kode, nama=f"Unit {kode}", parent=parent, pimpinan_jabatan=heads[pimpinan]
            )
            units.append((kode, pimpinan))
            if leaf:
                leaves.append(kode)
            return created

        for o in range(1, OPD + 1):
            opd = unit(f"OPD-{o}", None, f"KADIS-{o}")
            sekre = unit(f"SEKRE-{o}", opd, f"SEKDIN-{o}")
            unit(f"SUBAG-{o}", sekre, f"KASUBAG-{o}", leaf=True)
            for b in range(1, BIDANG_PER_OPD + 1):
                bidang = unit(f"BID-{o}-{b}", opd, f"KABID-{o}-{b}")
                for s in range(1, SEKSI_PER_BIDANG + 1):
                    unit(f"SEKSI-{o}-{b}-{s}", bidang, f"KASI-{o}-{b}-{s}", leaf=True)
    return ins, units, leaves, staff


def make_rows(
    n: int, units: list[tuple[str, str]], leaves: list[str], staff: list[str]
) -> list[dict[str, str]]:
    from kinerja.core.testing.factories import make_nip

    rng = random.Random(2026)
    rows = []
    for i in range(n):
        if i < len(units):
            kode_unit, kode_jabatan = units[i]  # every unit gets its pimpinan first
        else:
            kode_unit, kode_jabatan = rng.choice(leaves), rng.choice(staff)
        pppk = rng.random() < 0.15
        rows.append(
            {
                "nip": make_nip(i, tahun_lahir=1970 + i % 30, jenis_kelamin=1 + i % 2),
                "nama": f"Pegawai Bench {i}",
                "gelar_depan": "Dr." if i % 50 == 0 else "",
                "gelar_belakang": "S.Kom." if i % 3 == 0 else "",
                "status_kepegawaian": "PPPK" if pppk else "PNS",
                "golongan": rng.choice(GOLONGAN_PPPK if pppk else GOLONGAN_PNS),
                "kode_jabatan": kode_jabatan,
                "kode_unit_kerja": kode_unit,
                "email": f"pegawai{i}@bench.go.id",
                "tmt_jabatan": f"20{10 + i % 15:02d}-{1 + i % 12:02d}-01",
            }
        )
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(rows: list[dict[str, str]], path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Pegawai")
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    workbook.save(path)
    return path


@contextlib.contextmanager
def timed(results: list[tuple[str, int, float, str]], label: str, rows: int) -> Iterator[list[str]]:
    note: list[str] = []
    start = time.perf_counter()
    yield note
    results.append((label, rows, time.perf_counter() - start, " ".join(note)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", help="an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, files)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    setup_django(args.database_url, workdir)

    from django.db import connection
    from django.db.models import Max

    from kinerja.organisasi import imports, services
    from kinerja.organisasi.models import Pegawai

    if Pegawai.objects.exists():
        sys.exit("Basis data tidak kosong; berikan --database-url ke basis data kosong.")
    ins, units, leaves, staff = build_organisation()
    rows = make_rows(args.rows, units, leaves, staff)
    xlsx = write_xlsx(rows, workdir / "pegawai.xlsx")
    csv_path = write_csv(rows, workdir / "pegawai.csv")

    rebuild_time = [0.0]
    original_rebuild = services.penilai_rebuild

    def timed_rebuild(**kwargs: object) -> object:
        start = time.perf_counter()
        try:
            return original_rebuild(**kwargs)  # type: ignore[arg-type]
        finally:
            rebuild_time[0] += time.perf_counter() - start

    services.penilai_rebuild = timed_rebuild  # type: ignore[assignment]

    def parse(path: Path) -> imports.ParsedFile:
        with path.open("rb") as fh:
            return imports.import_parse(fileobj=fh, filename=path.name)

    results: list[tuple[str, int, float, str]] = []
    n = args.rows
    with timed(results, "baca XLSX", n) as note:
        parsed = parse(xlsx)
        note.append(f"{xlsx.stat().st_size / 1e6:.1f} MB")
    with timed(results, "baca CSV", n) as note:
        parse(csv_path)
        note.append(f"{csv_path.stat().st_size / 1e6:.1f} MB")
    with timed(results, "uji coba (periksa)", n) as note:
        plan = imports.import_check(instansi=ins, rows=parsed.rows)
        assert not plan.errors, plan.errors[:5]
        note.append(f"{len(plan.baru)} baru")
    with timed(results, "impor pertama (terapkan)", n) as note:
        result = imports.import_apply(instansi=ins, rows=parsed.rows, actor=None)
        assert result.baru == n
        note.append(f"{result.baru} baru + akun; penilai_rebuild {rebuild_time[0]:.2f} s")
    first_total = results[0][2] + results[-1][2]
    results.append(
        ("= impor pertama dari XLSX (baca + terapkan)", n, first_total, "target < 30 s untuk 10.000")
    )

    stamp = Pegawai.objects.aggregate(m=Max("updated_at"))["m"]
    with timed(results, "impor ulang berkas sama (CSV)", n) as note:
        result = imports.import_apply(instansi=ins, rows=parse(csv_path).rows, actor=None)
        assert (result.baru, result.berubah, result.tetap) == (0, 0, n), result
        assert Pegawai.objects.aggregate(m=Max("updated_at"))["m"] == stamp
        note.append("0 baru, 0 berubah, tidak ada yang ditulis")

    rng = random.Random(7)
    changed = rng.sample(range(len(units), n), k=max(1, n // 10)) if n > len(units) else []
    for i in changed:  # each change really differs from what is stored
        row = rows[i]
        if i % 3 == 0:
            row["kode_unit_kerja"] = rng.choice([u for u in leaves if u != row["kode_unit_kerja"]])
        elif i % 3 == 1:
            pilihan = GOLONGAN_PNS if row["status_kepegawaian"] == "PNS" else GOLONGAN_PPPK
            row["golongan"] = rng.choice([g for g in pilihan if g != row["golongan"]])
        else:
            row["nama"] += " Baru"
    changed_xlsx = write_xlsx(rows, workdir / "pegawai-10persen.xlsx")
    rebuild_time[0] = 0.0
    with timed(results, "impor 10% berubah (XLSX, baca + terapkan)", n) as note:
        result = imports.import_apply(instansi=ins, rows=parse(changed_xlsx).rows, actor=None)
        assert result.berubah == len(changed), result
        note.append(f"{result.berubah} berubah; penilai_rebuild {rebuild_time[0]:.2f} s")

    print(f"\nImpor pegawai, {n:,} baris, {connection.vendor}\n")
    width = max(len(r[0]) for r in results)
    print(f"{'langkah':<{width}}  {'baris':>8}  {'detik':>7}  catatan")
    print("-" * (width + 40))
    for label, count, seconds, note_text in results:
        print(f"{label:<{width}}  {count:>8,}  {seconds:>7.2f}  {note_text}")
    connection.close()
    if args.keep:
        print(f"\nBerkas dan basis data: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
