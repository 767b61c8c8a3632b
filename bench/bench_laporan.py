"""Benchmark of the documents and exports (issue #5): one SKP PDF, and the rekap SKP export.

    .venv/bin/python bench/bench_laporan.py [--rows 1000] [--renders 20] [--database-url postgres://...]

Builds, on a fresh database (a temporary SQLite file unless --database-url names an empty database)
and through the real services, a city government (one root unit, 5 OPD of 4 bidang), imports
``--rows`` pegawai, gives each an SKP of the year, and measures:

- the median (and min/max) of ``--renders`` renders of one SKP PDF with 10 RHK of 3 indikator each,
  through ``kinerja.laporan.dokumen.buat`` (the access check, the data, WeasyPrint);
- the rekap-skp export of the whole tree at 100 rows and at ``--rows`` rows: wall time, the
  tracemalloc peak, the growth of the process's max RSS (resource.getrusage), the file size, and the
  number of queries (CaptureQueriesContext), which must not grow with the rows.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import setup_django  # noqa: E402

OPD = 5
BIDANG_PER_OPD = 4
KECIL = 100


def build_organisation() -> tuple[Any, list[str], list[str]]:
    """The instansi, the unit codes of the leaves (bidang) and the pelaksana jabatan codes."""
    from django.db import transaction

    from kinerja.organisasi import services
    from kinerja.organisasi.enums import JenisJabatan
    from kinerja.organisasi.models import Instansi, Jabatan

    with transaction.atomic():
        ins = Instansi.objects.create(kode="BENCH", nama="Pemerintah Kota Bench", tempat="Kota Bench")
        staff = [
            Jabatan.objects.create(
                instansi=ins, kode=f"PLK-{i:02d}", nama=f"Pelaksana {i}", jenis=JenisJabatan.PELAKSANA
            ).kode
            for i in range(1, 11)
        ]
        sekda = Jabatan.objects.create(instansi=ins, kode="SEKDA", nama="Sekda", jenis=JenisJabatan.JPT_MADYA)
        root = services.unit_create(
            instansi=ins, kode="PEMKOT", nama="Pemerintah Kota", pimpinan_jabatan=sekda
        )
        leaves = []
        for o in range(1, OPD + 1):
            kadis = Jabatan.objects.create(
                instansi=ins, kode=f"KADIS-{o}", nama=f"Kepala OPD {o}", jenis=JenisJabatan.JPT_PRATAMA
            )
            opd = services.unit_create(
                instansi=ins, kode=f"OPD-{o}", nama=f"OPD {o}", parent=root, pimpinan_jabatan=kadis
            )
            for b in range(1, BIDANG_PER_OPD + 1):
                kabid = Jabatan.objects.create(
                    instansi=ins,
                    kode=f"KABID-{o}-{b}",
                    nama=f"Kepala Bidang {o}.{b}",
                    jenis=JenisJabatan.ADMINISTRATOR,
                )
                services.unit_create(
                    instansi=ins,
                    kode=f"BID-{o}-{b}",
                    nama=f"Bidang {o}.{b}",
                    parent=opd,
                    pimpinan_jabatan=kabid,
                )
                leaves.append(f"BID-{o}-{b}")
    return ins, leaves, staff


def import_pegawai(ins: Any, n: int, leaves: list[str], staff: list[str]) -> None:
    """``n`` pegawai (and their accounts) through the real import, plus the admin."""
    from kinerja.core.testing.factories import make_nip
    from kinerja.organisasi import imports

    rows = [
        imports.RowData(
            baris=i + 2,
            nip=make_nip(i, tahun_lahir=1970 + i % 30, jenis_kelamin=1 + i % 2),
            nama=f"Pegawai Bench {i}",
            gelar_depan="",
            gelar_belakang="S.Kom." if i % 3 == 0 else "",
            status_kepegawaian="PNS",
            golongan="III/a",
            kode_jabatan=staff[i % len(staff)],
            kode_unit_kerja="PEMKOT" if i == 0 else leaves[i % len(leaves)],
            email="",
            tmt_jabatan="2020-01-01",
        )
        for i in range(n + 1)
    ]
    result = imports.import_apply(instansi=ins, rows=rows, actor=None)
    assert result.baru == n + 1, result


@dataclass
class Ukuran:
    label: str
    rows: int
    seconds: float
    peak_mb: float
    rss_mb: float
    queries: int
    size_kb: float


def ukur_ekspor(label: str, admin: Any, unit_id: int, tahun: int) -> Ukuran:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.laporan import ekspor

    p = ekspor.permintaan("rekap-skp", {"unit": unit_id, "tahun": tahun})

    def sekali() -> tuple[int, int, int]:
        """Build the file and read it through once, in blocks, as the response streams it."""
        with CaptureQueriesContext(connection) as ctx:
            berkas = ekspor.buat(user=admin, p=p)
            size = 0
            while block := berkas.fh.read(64 * 1024):
                size += len(block)
            berkas.fh.close()
        return berkas.baris, size, len(ctx.captured_queries)

    # Timed without tracemalloc (which slows every allocation down), then measured with it.
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rows, size, queries = sekali()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    sekali()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is in KiB on Linux (bytes on macOS); a high-water mark, so only growth shows.
    per_unit = 1 if sys.platform == "darwin" else 1024
    return Ukuran(
        label=label,
        rows=rows,
        seconds=seconds,
        peak_mb=peak / 1e6,
        rss_mb=(rss_after - rss_before) * per_unit / 1e6,
        queries=queries,
        size_kb=size / 1024,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1000, help="rows of the big export (default 1000)")
    parser.add_argument("--renders", type=int, default=20, help="renders of the SKP PDF (default 20)")
    parser.add_argument("--database-url", help="an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, files)")
    args = parser.parse_args()
    if args.rows < KECIL:
        sys.exit(f"--rows harus paling sedikit {KECIL}.")

    workdir = Path(tempfile.mkdtemp(prefix="kinerja-bench-laporan-"))
    setup_django(args.database_url, workdir)

    import datetime as dt

    from django.db import connection

    from kinerja.accounts.models import Role, User
    from kinerja.core.testing.skp import make_skp
    from kinerja.laporan import dokumen
    from kinerja.organisasi.models import Pegawai, UnitKerja
    from kinerja.skp import services as skp_services
    from kinerja.skp.enums import Pendekatan

    if Pegawai.objects.exists():
        sys.exit("Basis data tidak kosong; berikan --database-url ke basis data kosong.")
    tahun = 2026
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)

    setup_start = time.perf_counter()
    ins, leaves, staff = build_organisation()
    import_pegawai(ins, args.rows, leaves, staff)
    root = UnitKerja.objects.get(instansi=ins, kode="PEMKOT")
    users = list(
        User.objects.filter(pegawai__instansi=ins).select_related("pegawai").order_by("pegawai__nip")
    )
    admin = next(u for u in users if u.pegawai.unit_kerja_id == root.pk)
    User.objects.filter(pk=admin.pk).update(role=Role.ADMIN_INSTANSI)
    admin.refresh_from_db()
    admin.pegawai  # noqa: B018 (loaded once, as the request's user would be)
    pegawai_users = [u for u in users if u.pk != admin.pk]

    def buat_skp(batch: list[User]) -> None:
        for user in batch:
            skp_services.skp_create(
                actor=user, pendekatan=Pendekatan.KUANTITATIF, periode_awal=awal, periode_akhir=akhir
            )

    # The PDF: 10 RHK of 3 indikator, for the first pegawai.
    pemilik = pegawai_users[0]
    skp_pdf = make_skp(pemilik, rhk=10, indikator=3, awal=awal, akhir=akhir)
    buat_skp(pegawai_users[1:KECIL])
    setup_seconds = time.perf_counter() - setup_start

    dokumen.buat(user=pemilik, jenis="skp", skp_id=skp_pdf.pk)  # warm up (fonts, templates)
    render: list[float] = []
    size_pdf = 0
    for _ in range(args.renders):
        start = time.perf_counter()
        terbit = dokumen.buat(user=pemilik, jenis="skp", skp_id=skp_pdf.pk)
        render.append(time.perf_counter() - start)
        size_pdf = len(terbit.pdf)

    ukuran = [ukur_ekspor(f"rekap-skp {KECIL} baris", admin, root.pk, tahun)]
    start = time.perf_counter()
    buat_skp(pegawai_users[KECIL:])
    setup_seconds += time.perf_counter() - start
    ukuran.append(ukur_ekspor(f"rekap-skp {args.rows:,} baris", admin, root.pk, tahun))

    print(f"\nDokumen dan ekspor, {connection.vendor} (data disiapkan dalam {setup_seconds:.1f} s)\n")
    print(f"PDF SKP (10 RHK x 3 indikator), {args.renders} kali lewat dokumen.buat, {size_pdf / 1024:.0f} KB")
    print(
        f"  median {statistics.median(render) * 1000:.0f} ms, "
        f"min {min(render) * 1000:.0f} ms, maks {max(render) * 1000:.0f} ms\n"
    )
    width = max(len(u.label) for u in ukuran)
    header = (
        f"{'ekspor':<{width}}  {'baris':>6}  {'detik':>6}  {'puncak MB':>9}  {'RSS +MB':>7}  "
        f"{'query':>5}  {'KB':>6}"
    )
    print(header)
    print("-" * len(header))
    for u in ukuran:
        print(
            f"{u.label:<{width}}  {u.rows:>6,}  {u.seconds:>6.2f}  {u.peak_mb:>9.1f}  {u.rss_mb:>7.1f}  "
            f"{u.queries:>5}  {u.size_kb:>6.0f}"
        )
    if ukuran[0].queries != ukuran[1].queries:
        print("\nPERINGATAN: jumlah query bertambah dengan jumlah baris.")
    connection.close()
    if args.keep:
        print(f"\nBasis data: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
