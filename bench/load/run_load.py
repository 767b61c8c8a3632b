"""Load benchmark of the hot paths (issue #6 points 2-3), measured against a floor in the same run.

    .venv/bin/python bench/load/run_load.py [--database-url postgres://.../kinerja_scale]
        [--duration 20] [--connections 16] [--threads 2] [--personas 200] [--penilai 50]
        [--only skp_detail,realisasi] [--no-offline] [--import-rows 100000] [--out docs/performance.md]

On a database seeded by ``manage.py seed_scale`` (100,000 pegawai), it starts gunicorn (5 workers,
DEBUG off, persistent connections), picks personas with SQL (pegawai with an approved SKP and an
open period, pejabat penilai with at least 5 bawahan to rate, the admin), logs each one in through
the real login page (sequential setup, not measured), writes one request file per path in which
every line is one persona's request, and drives each path with ``wrk`` (C, so that the client does
not eat the server's CPU) for a bounded time. The floor is GET /sehat/ (a minimal view reading the
database through the whole middleware stack), measured in the same run before and after the paths.
Login is measured on its own: it is bound by PBKDF2 by design.

Then, with gunicorn stopped: the import of --import-rows pegawai (bench/bench_import.py, into a
scratch database created and dropped here), the distribution of every unit of the instansi, and
the rekap-skp export of the root unit (bench/bench_laporan.py's measurement). The results replace
the block between the markers of --out (docs/performance.md); the prose around it is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
BENCH_DIR = BASE_DIR / "bench"
LUA = Path(__file__).resolve().parent / "personas.lua"
HOST, PORT = "127.0.0.1", 8077
PASSWORD = "Kinerja2026!"  # noqa: S105 (every account of seed_scale, a benchmark database)
MULAI, SELESAI = "<!-- hasil:mulai -->", "<!-- hasil:selesai -->"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/kinerja_scale"

sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BENCH_DIR))


# --- a tiny HTTP client (stdlib only: the harness adds no dependency) -----------------------------


@dataclass
class Jawaban:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes


def fetch(
    method: str, path: str, *, headers: dict[str, str] | None = None, body: str | None = None
) -> Jawaban:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    try:
        conn.request(method, path, body=body.encode() if body is not None else None, headers=headers or {})
        resp = conn.getresponse()
        cookies: dict[str, str] = {}
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return Jawaban(resp.status, {k.lower(): v for k, v in resp.getheaders()}, cookies, resp.read())
    finally:
        conn.close()


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Sesi:
    """A logged-in persona: its cookies (sessionid, csrftoken) and a form CSRF token."""

    nip: str
    cookies: dict[str, str]
    csrf: str

    def headers(self, *, post: bool = False, htmx: bool = False) -> list[str]:
        h = [f"Cookie: {cookie_header(self.cookies)}"]
        if post:
            h += [f"X-CSRFToken: {self.csrf}", "Content-Type: application/x-www-form-urlencoded"]
        if htmx:
            h.append("HX-Request: true")
        return h


def form_login() -> tuple[dict[str, str], str]:
    """An anonymous visit of the login page: its csrftoken cookie and the form's token."""
    r = fetch("GET", "/akun/masuk/")
    match = CSRF_INPUT.search(r.body)
    if r.status != 200 or not match:
        raise RuntimeError(f"halaman masuk: HTTP {r.status}")
    return r.cookies, match.group(1).decode()


def login(nip: str) -> Sesi:
    cookies, token = form_login()
    body = urlencode({"username": nip, "password": PASSWORD, "csrfmiddlewaretoken": token})
    r = fetch(
        "POST",
        "/akun/masuk/",
        headers={
            "Cookie": cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://{HOST}:{PORT}/akun/masuk/",
        },
        body=body,
    )
    cookies.update(r.cookies)
    if r.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"masuk sebagai {nip} gagal: HTTP {r.status}")
    return Sesi(nip=nip, cookies=cookies, csrf=cookies["csrftoken"])


def api_token(nip: str) -> str:
    r = fetch(
        "POST",
        "/api/v1/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"nip": nip, "password": PASSWORD}),
    )
    if r.status != 200:
        raise RuntimeError(f"token API {nip}: HTTP {r.status} {r.body[:200]!r}")
    return str(json.loads(r.body)["token"])


# --- personas ---------------------------------------------------------------------------------------


@dataclass
class Pegawai:
    nip: str
    skp_id: int
    periode_id: int  # an open period of an approved SKP
    indikator_id: int


@dataclass
class Penilai:
    nip: str
    unit_id: int
    periode_ids: list[int]  # bawahan periods the penilai may still rate


@dataclass
class Personas:
    tahun: int
    jenis_nilai: str
    nomor_nilai: int
    pegawai: list[Pegawai]
    penilai: list[Penilai]
    admin_nip: str
    root_unit_id: int
    login_nips: list[str]


def pick_personas(n_pegawai: int, n_penilai: int, n_login: int) -> Personas:
    """Personas spread over the whole instansi (ordered by a hash, not by id), chosen in SQL."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT max(extract(year FROM periode_awal))::int FROM skp_skp WHERE status = 'DISETUJUI'")
        tahun = c.fetchone()[0]
        # Open for the pegawai: an approved SKP, a period not yet rated and not past its batas
        # pengisian; the last periodic one of the year (Triwulan IV while it runs).
        c.execute(
            """
            SELECT DISTINCT ON (s.pegawai_id) u.username, s.id, p.id,
                   (SELECT i.id FROM skp_indikator i JOIN skp_rencanahasilkerja r ON r.id = i.rhk_id
                     WHERE r.skp_id = s.id ORDER BY i.id LIMIT 1)
              FROM penilaian_periodepenilaian p
              JOIN skp_skp s ON s.id = p.skp_id
              JOIN accounts_user u ON u.pegawai_id = s.pegawai_id
              JOIN organisasi_pegawai g ON g.id = s.pegawai_id
             WHERE s.status = 'DISETUJUI' AND extract(year FROM s.periode_awal) = %s
               AND p.status = 'BELUM_DINILAI' AND p.jenis <> 'AKHIR'
               AND p.tanggal_awal <= current_date AND p.batas_pengisian >= current_date
               AND u.is_active AND NOT u.harus_ganti_password AND g.aktif
             ORDER BY s.pegawai_id, p.tanggal_awal DESC
            """,
            [tahun],
        )
        rows = sorted(c.fetchall(), key=lambda r: hash_key(r[0]))
        pegawai = [Pegawai(nip=r[0], skp_id=r[1], periode_id=r[2], indikator_id=r[3]) for r in rows if r[3]]
        pegawai = pegawai[:n_pegawai]
        # The period the penilai rate: the latest periodic one with periods still open to rating.
        c.execute(
            """
            SELECT p.jenis, p.nomor FROM penilaian_periodepenilaian p JOIN skp_skp s ON s.id = p.skp_id
             WHERE s.status = 'DISETUJUI' AND extract(year FROM s.periode_awal) = %s
               AND p.status IN ('BELUM_DINILAI', 'DINILAI') AND p.jenis <> 'AKHIR'
               AND p.tanggal_akhir < current_date
             GROUP BY 1, 2 ORDER BY min(p.tanggal_awal) DESC LIMIT 1
            """,
            [tahun],
        )
        jenis, nomor = c.fetchone()
        c.execute(
            """
            SELECT u.username, g.unit_kerja_id, array_agg(p.id ORDER BY p.id)
              FROM penilaian_periodepenilaian p
              JOIN skp_skp s ON s.id = p.skp_id
              JOIN organisasi_pegawai g ON g.id = s.pejabat_penilai_id
              JOIN accounts_user u ON u.pegawai_id = g.id
             WHERE s.status = 'DISETUJUI' AND extract(year FROM s.periode_awal) = %s
               AND p.jenis = %s AND p.nomor = %s AND p.status IN ('BELUM_DINILAI', 'DINILAI')
               AND u.is_active AND NOT u.harus_ganti_password AND g.aktif
             GROUP BY 1, 2 HAVING count(*) >= 5
            """,
            [tahun, jenis, nomor],
        )
        rows = sorted(c.fetchall(), key=lambda r: hash_key(r[0]))[:n_penilai]
        penilai = [Penilai(nip=r[0], unit_id=r[1], periode_ids=list(r[2])[:20]) for r in rows]
        c.execute(
            "SELECT username FROM accounts_user WHERE role = 'ADMIN_INSTANSI' AND is_active "
            "ORDER BY id LIMIT 1"
        )
        admin = c.fetchone()[0]
        c.execute("SELECT id FROM organisasi_unitkerja WHERE parent_id IS NULL ORDER BY id LIMIT 1")
        root = c.fetchone()[0]
        taken = {p.nip for p in pegawai} | {p.nip for p in penilai} | {admin}
        c.execute(
            "SELECT username FROM accounts_user WHERE is_active AND NOT harus_ganti_password "
            "ORDER BY md5(username) LIMIT %s",
            [n_login + len(taken)],
        )
        login_nips = [r[0] for r in c.fetchall() if r[0] not in taken][:n_login]
    if len(pegawai) < min(16, n_pegawai) or len(penilai) < min(4, n_penilai):
        raise SystemExit(f"Persona terlalu sedikit: {len(pegawai)} pegawai, {len(penilai)} penilai.")
    return Personas(tahun, jenis, nomor, pegawai, penilai, admin, root, login_nips)


def hash_key(text: str) -> str:
    import hashlib

    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 (an order, not a secret)


# --- the paths --------------------------------------------------------------------------------------


@dataclass
class Jalur:
    """One measured path: a name, what the table says, and one request line per persona."""

    nama: str
    label: str
    lines: list[str]
    expect: int
    check: Callable[[Jawaban], bool] = lambda r: True
    note: str = ""


def line(method: str, path: str, body: str, headers: list[str]) -> str:
    return "\t".join([method, path, body, *headers])


def build_paths(p: Personas, sesi: dict[str, Sesi], tokens: dict[str, str]) -> list[Jalur]:
    periode_q = urlencode({"tahun": p.tahun, "jenis": p.jenis_nilai, "nomor": p.nomor_nilai})
    html = lambda r: b"<html" in r.body[:2000].lower() and b'name="password"' not in r.body  # noqa: E731
    paths = [
        Jalur(
            "skp_detail",
            "GET /skp/&lt;pk&gt;/ (SKP sendiri)",
            [line("GET", f"/skp/{g.skp_id}/", "", sesi[g.nip].headers()) for g in p.pegawai],
            200,
            html,
        ),
        Jalur(
            "realisasi",
            "POST realisasi (htmx, formulir indikator itu dijawab)",
            [
                line(
                    "POST",
                    f"/penilaian/periode/{g.periode_id}/realisasi/{g.indikator_id}/",
                    urlencode({"realisasi": f"Realisasi beban {i}", "sumber_data": "Laporan bulanan"}),
                    sesi[g.nip].headers(post=True, htmx=True),
                )
                for i, g in enumerate(p.pegawai)
            ],
            200,
        ),
        Jalur(
            "realisasi_redirect",
            "POST realisasi (tanpa htmx, 302)",
            [
                line(
                    "POST",
                    f"/penilaian/periode/{g.periode_id}/realisasi/{g.indikator_id}/",
                    urlencode({"realisasi": f"Realisasi beban {i}", "sumber_data": "Laporan"}),
                    sesi[g.nip].headers(post=True),
                )
                for i, g in enumerate(p.pegawai)
            ],
            302,
        ),
        Jalur(
            "tim",
            f"GET /penilaian/tim/?{periode_q} (penilai)",
            [line("GET", f"/penilaian/tim/?{periode_q}", "", sesi[n.nip].headers()) for n in p.penilai],
            200,
            html,
        ),
        Jalur(
            "tim_nilai",
            "POST tim/&lt;pk&gt;/nilai/ (htmx, dua rating)",
            [
                line(
                    "POST",
                    f"/penilaian/tim/{pk}/nilai/",
                    urlencode(
                        {
                            "rating_hasil_kerja": ("SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI")[k % 2],
                            "rating_perilaku_kerja": "SESUAI_EKSPEKTASI",
                        }
                    ),
                    sesi[n.nip].headers(post=True, htmx=True),
                )
                for k in range(20)
                for n in p.penilai
                if k < len(n.periode_ids)
                for pk in [n.periode_ids[k]]
            ],
            200,
        ),
        Jalur(
            "unit",
            f"GET /penilaian/unit/&lt;pk&gt;/?{periode_q} (unit penilai)",
            [
                line("GET", f"/penilaian/unit/{n.unit_id}/?{periode_q}", "", sesi[n.nip].headers())
                for n in p.penilai
            ],
            200,
            html,
        ),
        Jalur(
            "api_skp",
            f"GET /api/v1/skp?tahun={p.tahun} (Bearer)",
            [
                line("GET", f"/api/v1/skp?tahun={p.tahun}", "", [f"Authorization: Bearer {tokens[nip]}"])
                for nip in tokens
            ],
            200,
            lambda r: r.body.startswith((b"[", b"{")),
        ),
        Jalur(
            "dashboard_pimpinan",
            f"GET /laporan/dashboard/pimpinan/?{periode_q}",
            [
                line("GET", f"/laporan/dashboard/pimpinan/?{periode_q}", "", sesi[n.nip].headers())
                for n in p.penilai
            ],
            200,
            html,
        ),
        Jalur(
            "dashboard_admin",
            "GET /laporan/dashboard/admin/ (admin, 1 persona)",
            [line("GET", "/laporan/dashboard/admin/", "", sesi[p.admin_nip].headers())],
            200,
            html,
        ),
    ]
    return paths


def login_path(p: Personas) -> Jalur:
    lines = []
    for nip in p.login_nips:
        cookies, token = form_login()
        lines.append(
            line(
                "POST",
                "/akun/masuk/",
                urlencode({"username": nip, "password": PASSWORD, "csrfmiddlewaretoken": token}),
                [
                    f"Cookie: {cookie_header(cookies)}",
                    "Content-Type: application/x-www-form-urlencoded",
                    f"Referer: http://{HOST}:{PORT}/akun/masuk/",
                ],
            )
        )
    return Jalur("login", "POST /akun/masuk/ (PBKDF2, terpisah)", lines, 302)


FLOOR = Jalur("sehat", "GET /sehat/ (lantai)", [line("GET", "/sehat/", "", [])], 200)


def precheck(jalur: Jalur) -> None:
    """Send the first lines once through Python: a wrong status (403, a redirect to the login page)
    would otherwise be measured as a fast page."""
    for text in jalur.lines[:3]:
        method, path, body, *hdrs = text.split("\t")
        headers = dict(h.split(": ", 1) for h in hdrs)
        r = fetch(method, path, headers=headers, body=body or None)
        if r.status != jalur.expect or not jalur.check(r):
            raise SystemExit(
                f"{jalur.nama}: {method} {path} -> HTTP {r.status} (diharapkan {jalur.expect}), "
                f"{r.headers.get('location', '')} {r.body[:300]!r}"
            )


# --- wrk --------------------------------------------------------------------------------------------


@dataclass
class Hasil:
    jalur: Jalur
    data: dict[str, float]
    command: str


def run_wrk(jalur: Jalur, workdir: Path, args: argparse.Namespace, *, duration: int) -> Hasil:
    req_file = workdir / f"{jalur.nama}.tsv"
    req_file.write_text("\n".join(jalur.lines) + "\n")
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(LUA),
        f"http://{HOST}:{PORT}",
        "--",
        str(req_file),
        str(args.threads),
    ]
    out = subprocess.run(  # noqa: S603 (our own command line)
        cmd, capture_output=True, text=True, timeout=duration + 60, check=True
    ).stdout
    found = [ln for ln in out.splitlines() if ln.startswith("JSON ")]
    if not found:
        raise RuntimeError(f"wrk tanpa hasil JSON:\n{out}")
    data = json.loads(found[-1][5:])
    return Hasil(jalur, data, shlex.join(cmd))


def tunggu_tenang(batas: float = 90) -> None:
    """Wait until /sehat/ answers fast again: requests of a slow path that wrk gave up on (its
    10 s timeout) still occupy the workers, and would be charged to the next path."""
    deadline = time.monotonic() + batas
    while time.monotonic() < deadline:
        start = time.perf_counter()
        with contextlib.suppress(OSError):
            fetch("GET", "/sehat/")
        if time.perf_counter() - start < 0.2:
            return
        time.sleep(1)


def wrk_version() -> str:
    r = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10)  # noqa: S607
    return (r.stdout or r.stderr).splitlines()[0].strip()


# --- gunicorn ---------------------------------------------------------------------------------------


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY="bench",  # noqa: S106 (a local benchmark server)
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        SECURE_COOKIES="0",
        DJANGO_SETTINGS_MODULE="config.settings",
        # The personas log in hundreds of times from one address; no failure is expected, but a
        # lockout must not turn the run into a measurement of the lockout page.
        AXES_FAILURE_LIMIT="1000",
    )
    return env


GUNICORN_ARGS = ["config.wsgi", "-w", "5", "-b", f"{HOST}:{PORT}"]


@contextlib.contextmanager
def gunicorn(database_url: str, workdir: Path) -> Iterator[subprocess.Popen[bytes]]:
    if not (BASE_DIR / "staticfiles").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASE_DIR,
            env=server_env(database_url),
            check=True,
            timeout=300,
        )
    log = (workdir / "gunicorn.log").open("wb")
    proc = subprocess.Popen(  # noqa: S603 (our own command line)
        [str(BASE_DIR / ".venv/bin/gunicorn"), *GUNICORN_ARGS, "--graceful-timeout", "10"],
        cwd=BASE_DIR,
        env=server_env(database_url),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if fetch("GET", "/sehat/").status == 200:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn tidak siap; lihat {workdir / 'gunicorn.log'}")
            time.sleep(0.5)
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)  # gunicorn kills slow workers itself after 10 s
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


# --- offline measurements (gunicorn stopped) --------------------------------------------------------


def ukur_impor(rows: int, database_url: str) -> dict[str, Any]:
    """bench/bench_import.py on a scratch database beside the scale one, created and dropped here."""
    parts = urlsplit(database_url)
    scratch = "kinerja_bench_impor"
    admin_url = parts._replace(path="/postgres").geturl()
    scratch_url = parts._replace(path=f"/{scratch}").geturl()
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    cmd = [
        sys.executable,
        str(BENCH_DIR / "bench_import.py"),
        "--rows",
        str(rows),
        "--database-url",
        scratch_url,
    ]
    try:
        start = time.perf_counter()
        out = subprocess.run(  # noqa: S603 (our own command line)
            cmd, capture_output=True, text=True, timeout=1800, check=True
        ).stdout
        wall = time.perf_counter() - start
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    steps = {}
    for ln in out.splitlines():
        m = re.match(r"^(.+?)\s{2,}([\d,]+)\s+([\d.]+)\s*(.*)$", ln)
        if m:
            steps[m.group(1).strip()] = (float(m.group(3)), m.group(4).strip())
    return {
        "rows": rows,
        "steps": steps,
        "wall": wall,
        "command": shlex.join(cmd).replace(sys.executable, ".venv/bin/python"),
    }


def ukur_distribusi(tahun: int, jenis: str, nomor: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.organisasi.models import UnitKerja
    from kinerja.penilaian import selectors, services

    units = list(UnitKerja.objects.order_by("pk"))
    instansi_id = units[0].instansi_id
    bulat = services.pengaturan_for(instansi_id).pembulatan_bawah
    hasil: dict[str, Any] = {"units": len(units)}
    semua = getattr(selectors, "distribusi_semua_unit", None)
    if semua is not None:
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            per_unit = semua(
                instansi_id=instansi_id, tahun=tahun, jenis=jenis, nomor=nomor, bulat_bawah=bulat
            )
            hasil["bulk_seconds"] = time.perf_counter() - start
        hasil["bulk_queries"] = len(ctx.captured_queries)
        hasil["dinilai"] = sum(sum(d.jumlah.values()) for d in per_unit.values())
    # The per-unit selector the pages use, on a sample (every unit would take minutes).
    sample = units[:: max(1, len(units) // 500)]
    start = time.perf_counter()
    for u in sample:
        selectors.distribusi_unit(unit=u, tahun=tahun, jenis=jenis, nomor=nomor, bulat_bawah=bulat)
    per = (time.perf_counter() - start) / len(sample)
    hasil["per_unit_ms"] = per * 1000
    hasil["loop_estimate_seconds"] = per * len(units)
    hasil["sample"] = len(sample)
    return hasil


def ukur_rekap(tahun: int) -> Any:
    from bench_laporan import ukur_ekspor

    from kinerja.accounts.models import Role, User
    from kinerja.organisasi.models import UnitKerja

    admin = User.objects.select_related("pegawai").filter(role=Role.ADMIN_INSTANSI).order_by("pk").first()
    root = UnitKerja.objects.filter(parent__isnull=True).order_by("pk").first()
    assert admin is not None and root is not None
    return ukur_ekspor(f"rekap-skp unit akar {tahun}", admin, root.pk, tahun)


# --- the machine and the data -----------------------------------------------------------------------

TABLES = [
    "organisasi_unitkerja",
    "organisasi_pegawai",
    "accounts_user",
    "skp_skp",
    "skp_rencanahasilkerja",
    "skp_indikator",
    "penilaian_periodepenilaian",
    "penilaian_realisasi",
    "penilaian_buktidukung",
    "penilaian_umpanbalik",
    "django_session",
]


def mesin() -> dict[str, Any]:
    from django.db import connection

    cpu = "?"
    with contextlib.suppress(OSError):
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    mem = "?"
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    counts = {}
    with connection.cursor() as c:
        c.execute("SHOW server_version")
        pg = c.fetchone()[0]
        for t in TABLES:
            c.execute(f"SELECT count(*) FROM {t}")  # noqa: S608 (a fixed list of table names)
            counts[t] = c.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem": mem,
        "pg": pg,
        "python": platform.python_version(),
        "kernel": platform.release(),
        "counts": counts,
    }


# --- the report -------------------------------------------------------------------------------------


@dataclass
class Laporan:
    args: argparse.Namespace
    command: str
    started: dt.datetime
    mesin: dict[str, Any]
    personas: Personas | None = None
    wrk: str = ""
    hasil: list[Hasil] = field(default_factory=list)
    floor: list[Hasil] = field(default_factory=list)
    login: Hasil | None = None
    impor: dict[str, Any] | None = None
    distribusi: dict[str, Any] | None = None
    rekap: Any = None


def ms(v: float) -> str:
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def render(lap: Laporan) -> str:
    out: list[str] = []
    m = lap.mesin
    floors = [h for h in lap.floor if h.data["requests"]]
    floor_rps = sum(h.data["rps"] for h in floors) / len(floors) if floors else 1.0
    floor_p95 = sum(h.data["p95_ms"] for h in floors) / len(floors) if floors else 1.0
    out.append(f"Diukur {lap.started:%Y-%m-%d %H:%M} UTC dengan:\n")
    out.append(f"    {lap.command}\n")
    out.append(
        f"Mesin: {m['nproc']} core ({m['cpu']}), memori {m['mem']}, PostgreSQL {m['pg']}, "
        f"Python {m['python']}, Linux {m['kernel']}; {lap.wrk}. Server: gunicorn "
        f"`{' '.join(GUNICORN_ARGS)}` (sync), DEBUG=0, CONN_MAX_AGE=60, di mesin yang sama dengan wrk.\n"
    )
    c = m["counts"]
    out.append("Data (`seed_scale`): " + ", ".join(f"{t} {n:,}" for t, n in c.items()) + ".\n")
    if lap.personas and lap.hasil:
        p = lap.personas
        out.append(
            f"Persona: {len(p.pegawai)} pegawai (SKP {p.tahun} disetujui, periode terbuka), "
            f"{len(p.penilai)} pejabat penilai (>= 5 periode {p.jenis_nilai} {p.nomor_nilai} untuk dinilai), "
            f"1 admin, {len(p.login_nips)} akun untuk login. wrk `-t{lap.args.threads} "
            f"-c{lap.args.connections} -d{lap.args.duration}s`, setiap permintaan dari persona berikutnya.\n"
        )
        out.append(
            "| jalur | p50 ms | p95 ms | p99 ms | req/s | req/s : lantai | p95 : lantai | galat | target |"
        )
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|---|")

        def row(h: Hasil, target: str) -> None:
            d = h.data
            if not d["requests"]:
                out.append(
                    f"| {h.jalur.label} | - | - | - | 0 | 0 | - | {int(d['err_timeout'])} timeout | "
                    f"tidak ada jawaban < 10 s dalam {lap.args.duration} s |"
                )
                return
            errs = int(d["err_status"] + d["err_timeout"] + d["err_connect"] + d["err_read"] + d["err_write"])
            out.append(
                f"| {h.jalur.label} | {ms(d['p50_ms'])} | {ms(d['p95_ms'])} | {ms(d['p99_ms'])} | "
                f"{d['rps']:,.0f} | {d['rps'] / floor_rps:.2f} | {d['p95_ms'] / floor_p95:.1f} | "
                f"{errs} | {target} |"
            )

        for h in lap.floor:
            row(h, "lantai")
        for h in lap.hasil:
            t = target_halaman(h, floor_rps)
            row(h, t)
        if lap.login:
            row(lap.login, "PBKDF2 (tidak ditargetkan)")
        out.append("")
        out.append(
            f"Lantai (rerata dua ukuran): {floor_rps:,.0f} req/s, p95 {floor_p95:.1f} ms. "
            "Target: p95 < 150 ms untuk setiap halaman; menyimpan realisasi >= 0,5 x req/s lantai.\n"
        )
    if lap.impor:
        imp = lap.impor
        out.append(
            f"**Impor {imp['rows']:,} pegawai** (PostgreSQL, basis data sementara): `{imp['command']}`\n"
        )
        out.append("| langkah | detik | catatan |")
        out.append("|---|--:|---|")
        for label, (sec, note) in imp["steps"].items():
            out.append(f"| {label} | {sec:.1f} | {note} |")
        out.append("")
    if lap.distribusi:
        d = lap.distribusi
        text = f"**Distribusi setiap unit** ({d['units']:,} unit, satu proses): "
        if "bulk_seconds" in d:
            ok = "memenuhi" if d["bulk_seconds"] < 2 else "TIDAK memenuhi"
            text += (
                f"`selectors.distribusi_semua_unit` {d['bulk_seconds']:.2f} s, {d['bulk_queries']} query, "
                f"{d['dinilai']:,} pegawai berpredikat ({ok} target < 2 s); "
            )
        text += (
            f"`selectors.distribusi_unit` per unit {d['per_unit_ms']:.2f} ms (sampel {d['sample']} unit), "
            f"yaitu sekitar {d['loop_estimate_seconds']:.1f} s bila diulang untuk setiap unit.\n"
        )
        out.append(text)
    if lap.rekap:
        r = lap.rekap
        ok = "memenuhi" if r.seconds < 30 and max(r.peak_mb, r.rss_mb) < 300 else "TIDAK memenuhi"
        out.append(
            f"**Ekspor rekap-skp** (unit akar, {r.rows:,} baris, `kinerja.laporan.ekspor.buat`): "
            f"{r.seconds:.1f} s, puncak tracemalloc {r.peak_mb:.1f} MB, RSS proses +{r.rss_mb:.1f} MB, "
            f"{r.queries} query, berkas {r.size_kb / 1024:.1f} MB ({ok} target < 30 s dan < 300 MB).\n"
        )
    return "\n".join(out)


WRITES = {"realisasi", "realisasi_redirect"}


def target_halaman(h: Hasil, floor_rps: float) -> str:
    ok_p95 = 0 < h.data["p95_ms"] < 150
    parts = ["p95 ok" if ok_p95 else "p95 TIDAK"]
    if h.jalur.nama in WRITES:
        parts.append("req/s ok" if h.data["rps"] >= floor_rps / 2 else "req/s TIDAK")
    return ", ".join(parts)


def write_doc(path: Path, block: str) -> None:
    inner = f"{MULAI}\n\n{block}\n\n{SELESAI}"
    if path.exists() and MULAI in (text := path.read_text()) and SELESAI in text:
        head, _, rest = text.partition(MULAI)
        _, _, tail = rest.partition(SELESAI)
        path.write_text(head + inner + tail)
    else:
        path.write_text(f"# Kinerja: kinerja pada skala 100.000 pegawai\n\n{inner}\n")


# --- main -------------------------------------------------------------------------------------------


def setup_django(database_url: str) -> None:
    for k, v in server_env(database_url).items():
        os.environ[k] = v
    import django

    django.setup()


def check_database(database_url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(database_url, connect_timeout=5) as conn:
            n = conn.execute("SELECT count(*) FROM organisasi_pegawai").fetchone()
    except psycopg.Error as exc:
        raise SystemExit(f"Basis data tidak siap ({database_url}): {exc}") from None
    assert n is not None
    if n[0] == 0:
        raise SystemExit("Basis data kosong: jalankan dulu `manage.py seed_scale`.")
    return int(n[0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--duration", type=int, default=20, help="seconds per path (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per path (default 3)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--personas", type=int, default=200, help="pegawai personas (default 200)")
    parser.add_argument("--penilai", type=int, default=50, help="pejabat penilai personas (default 50)")
    parser.add_argument("--api-personas", type=int, default=50)
    parser.add_argument("--login-personas", type=int, default=50)
    parser.add_argument("--only", default="", help="comma-separated path names (default: all)")
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn and wrk")
    parser.add_argument("--no-login", action="store_true", help="skip the login measurement")
    parser.add_argument("--no-offline", action="store_true", help="skip import, distribusi and export")
    parser.add_argument("--import-rows", type=int, default=100_000, help="0 skips the import")
    parser.add_argument("--out", type=Path, default=BASE_DIR / "docs" / "performance.md")
    args = parser.parse_args()

    n_pegawai = check_database(args.database_url)
    setup_django(args.database_url)
    argv = [a for a in sys.argv[1:]]
    lap = Laporan(
        args=args,
        command=shlex.join([".venv/bin/python", "bench/load/run_load.py", *argv]),
        started=dt.datetime.now(dt.UTC),
        mesin=mesin(),
    )
    print(f"{n_pegawai:,} pegawai; {lap.mesin['cpu']}, {lap.mesin['nproc']} core", flush=True)

    if not args.no_load:
        lap.wrk = wrk_version()
        p = pick_personas(args.personas, args.penilai, args.login_personas)
        lap.personas = p
        print(
            f"persona: {len(p.pegawai)} pegawai, {len(p.penilai)} penilai, periode nilai "
            f"{p.jenis_nilai} {p.nomor_nilai} {p.tahun}",
            flush=True,
        )
        from django.db import connection

        connection.close()  # the orchestrator holds no connection during the measurement
        with (
            tempfile.TemporaryDirectory(prefix="kinerja-load-") as tmp,
            gunicorn(args.database_url, Path(tmp)),
        ):
            workdir = Path(tmp)
            start = time.perf_counter()
            nips = [g.nip for g in p.pegawai] + [n.nip for n in p.penilai] + [p.admin_nip]
            # Setup, not measured: logins in parallel only to save minutes of PBKDF2.
            with ThreadPoolExecutor(max_workers=4) as pool:
                sesi = dict(zip(nips, pool.map(login, nips), strict=True))
                api_nips = [g.nip for g in p.pegawai[: args.api_personas]]
                tokens = dict(zip(api_nips, pool.map(api_token, api_nips), strict=True))
            print(
                f"{len(sesi)} sesi dan {len(tokens)} token dalam {time.perf_counter() - start:.0f} s",
                flush=True,
            )
            paths = build_paths(p, sesi, tokens)
            only = {s for s in args.only.split(",") if s}
            if only:
                paths = [j for j in paths if j.nama in only]
            for j in [FLOOR, *paths]:
                precheck(j)

            def measure(j: Jalur) -> Hasil:
                if args.warmup:
                    run_wrk(j, workdir, args, duration=args.warmup)
                h = run_wrk(j, workdir, args, duration=args.duration)
                tunggu_tenang()
                d = h.data
                print(
                    f"{j.nama:<20} p50 {d['p50_ms']:7.1f}  p95 {d['p95_ms']:7.1f}  "
                    f"p99 {d['p99_ms']:7.1f} ms  "
                    f"{d['rps']:7.1f} req/s  galat {int(d['err_status'] + d['err_timeout'])}",
                    flush=True,
                )
                return h

            # The admin dashboard (one heavy page) after the second floor: it may saturate the workers.
            terakhir = [j for j in paths if j.nama == "dashboard_admin"]
            lap.floor.append(measure(FLOOR))
            lap.hasil = [measure(j) for j in paths if j not in terakhir]
            lap.floor.append(measure(FLOOR))
            lap.hasil += [measure(j) for j in terakhir]
            if not args.no_login:
                lj = login_path(p)
                precheck(lj)
                lap.login = measure(lj)
        connection.close()

    if not args.no_offline:
        tahun = lap.personas.tahun if lap.personas else dt.date.today().year
        jenis = lap.personas.jenis_nilai if lap.personas else "TRIWULAN"
        nomor = lap.personas.nomor_nilai if lap.personas else 3
        lap.distribusi = ukur_distribusi(tahun, jenis, nomor)
        print(f"distribusi: {lap.distribusi}", flush=True)
        lap.rekap = ukur_rekap(tahun)
        print(f"rekap: {lap.rekap}", flush=True)
        if args.import_rows:
            from django.db import connection

            connection.close()
            lap.impor = ukur_impor(args.import_rows, args.database_url)
            print(f"impor: {lap.impor['steps']}", flush=True)

    block = render(lap)
    write_doc(args.out, block)
    print(f"\n{block}\n\nditulis ke {args.out}")


if __name__ == "__main__":
    main()
