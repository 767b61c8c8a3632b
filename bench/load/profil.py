"""Where a hot path spends its time, in one process (the companion of run_load.py).

    .venv/bin/python bench/load/profil.py [--database-url ...] [--only skp_detail,realisasi]
        [--n 50] [--pyinstrument realisasi]

The same personas and the same request lines as run_load.py, but sent through Django's test client
in this process instead of wrk and gunicorn (DEBUG off, CSRF enforced, the same middleware): for
each path the mean wall and CPU milliseconds per request, the queries per request and the time they
took. With --pyinstrument NAME the call tree of that path is printed. It answers "is it Python or the
database, and which part", which the load figures cannot.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_load

_CLIENT: Any = None


def client_fetch(method: str, path: str, *, headers: dict[str, str] | None = None, body: str | None = None):  # type: ignore[no-untyped-def]
    """run_load.fetch, answered by Django in this process."""
    from django.test import Client

    headers = dict(headers or {})
    cookie = headers.pop("Cookie", "")
    content_type = headers.pop("Content-Type", "application/octet-stream")
    global _CLIENT
    if _CLIENT is None:  # one handler: building the middleware (whitenoise's file scan) is not a request
        _CLIENT = Client(enforce_csrf_checks=True, HTTP_HOST=run_load.HOST)
    client = _CLIENT
    client.cookies = SimpleCookie()
    for part in filter(None, (p.strip() for p in cookie.split(";"))):
        k, _, v = part.partition("=")
        client.cookies[k] = v
    resp = client.generic(
        method, path, data=(body or "").encode(), content_type=content_type, headers=headers
    )
    cookies: dict[str, str] = {}
    jar: SimpleCookie = resp.cookies
    for k, morsel in jar.items():
        cookies[k] = morsel.value
    body_bytes = b"".join(resp.streaming_content) if resp.streaming else resp.content  # type: ignore[attr-defined]
    return run_load.Jawaban(resp.status_code, {k.lower(): v for k, v in resp.items()}, cookies, body_bytes)


def replay(text: str) -> run_load.Jawaban:
    method, path, body, *hdrs = text.split("\t")
    return client_fetch(method, path, headers=dict(h.split(": ", 1) for h in hdrs), body=body or None)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", run_load.DEFAULT_DB))
    parser.add_argument("--only", default="")
    parser.add_argument("--n", type=int, default=40, help="requests per path (default 40)")
    parser.add_argument("--personas", type=int, default=20)
    parser.add_argument("--pyinstrument", default="", help="print the call tree of this path")
    parser.add_argument("--cprofile", default="", help="print the costliest functions of this path")
    parser.add_argument("--queries", default="", help="print the queries of one request of this path")
    args = parser.parse_args()

    run_load.check_database(args.database_url)
    run_load.setup_django(args.database_url)
    run_load.fetch = client_fetch  # type: ignore[assignment]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = run_load.pick_personas(args.personas, max(4, args.personas // 4), 0)
    nips = [g.nip for g in p.pegawai] + [n.nip for n in p.penilai] + [p.admin_nip]
    sesi = {nip: run_load.login(nip) for nip in nips}
    tokens = {g.nip: run_load.api_token(g.nip) for g in p.pegawai[:5]}
    paths = [run_load.FLOOR, *run_load.build_paths(p, sesi, tokens)]
    only = {s for s in args.only.split(",") if s}
    if only:
        paths = [j for j in paths if j.nama in only]

    print(f"{'jalur':<20} {'wall ms':>8} {'cpu ms':>7} {'query':>6} {'db ms':>6}  status")
    for j in paths:
        n = args.n if j.nama != "dashboard_admin" else max(2, args.n // 20)
        lines = [j.lines[k % len(j.lines)] for k in range(n)]
        replay(lines[0])  # warm: templates, connection
        walls, cpus, queries, db = [], [], [], []
        statuses: set[int] = set()
        for text in lines:
            with CaptureQueriesContext(connection) as ctx:
                w0, c0 = time.perf_counter(), time.process_time()
                r = replay(text)
                walls.append((time.perf_counter() - w0) * 1000)
                cpus.append((time.process_time() - c0) * 1000)
            statuses.add(r.status)
            queries.append(len(ctx.captured_queries))
            db.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        print(
            f"{j.nama:<20} {statistics.median(walls):8.1f} {statistics.median(cpus):7.1f} "
            f"{statistics.median(queries):6.0f} {statistics.median(db):6.1f}  {sorted(statuses)}"
        )
        if j.nama == args.queries:
            for q in ctx.captured_queries:
                print(f"  {float(q['time']) * 1000:6.1f} ms  {q['sql'][:400]}")
        if j.nama == args.cprofile:
            import cProfile
            import pstats

            prof_c = cProfile.Profile()
            prof_c.enable()
            for text in lines:
                replay(text)
            prof_c.disable()
            stats = pstats.Stats(prof_c).strip_dirs()
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(60)
        if j.nama == args.pyinstrument:
            from pyinstrument import Profiler

            prof = Profiler(interval=0.0005)
            prof.start()
            for text in lines:
                replay(text)
            prof.stop()
            print(prof.output_text(unicode=True, color=False, show_all=bool(os.environ.get("PROFIL_ALL"))))


if __name__ == "__main__":
    main()
