"""scripts/_pg_url.sh, shared by backup.sh and restore.sh: the password leaves the URL (so it never
shows in the process list) and reaches pg_dump/pg_restore as PGPASSWORD in the calling shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "_pg_url.sh"


def jalankan(url: str) -> subprocess.CompletedProcess[str]:
    # Called the way the scripts call it: directly, then a child process reads the environment.
    program = f'die() {{ echo "GAGAL: $*"; exit 1; }}; source "{SCRIPT}"; pg_url "$1"; ' + (
        'echo "$DB_URL"; bash -c \'echo "${PGPASSWORD-tanpa}"\''
    )
    return subprocess.run(  # noqa: S603 (our own script)
        ["bash", "-c", program, "uji", url],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )


def test_the_password_is_taken_out_of_the_url_and_exported_decoded() -> None:
    r = jalankan("postgres://kinerja:s%40ndi:x@db.internal:5432/kinerja?sslmode=require")
    assert r.returncode == 0, r.stderr
    tanpa_sandi = "postgresql://kinerja@db.internal:5432/kinerja?sslmode=require"
    assert r.stdout.splitlines() == [tanpa_sandi, "s@ndi:x"]


def test_a_url_without_a_password_exports_none() -> None:
    r = jalankan("postgresql://postgres@127.0.0.1:5432/kinerja")
    assert r.stdout.splitlines() == ["postgresql://postgres@127.0.0.1:5432/kinerja", "tanpa"]


def test_another_database_is_refused_in_indonesian() -> None:
    r = jalankan("sqlite:///var/kinerja.sqlite3")
    assert r.returncode == 1 and "hanya untuk PostgreSQL" in r.stdout
