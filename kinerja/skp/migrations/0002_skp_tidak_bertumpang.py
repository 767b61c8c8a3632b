"""One SKP per pegawai, jabatan and overlapping period (issue #3 point 1), enforced by the database.

Revisions of one SKP share ``seri`` and may overlap each other; SKPs of different seri may not.
PostgreSQL: an exclusion constraint over a daterange (btree_gist for the equality parts).
SQLite: triggers on insert and update that abort with the same constraint name.
"""

from django.db import migrations

NAME = "skp_tidak_bertumpang"

PG_UP = f"""
ALTER TABLE skp_skp ADD CONSTRAINT {NAME} EXCLUDE USING gist (
    pegawai_id WITH =,
    jabatan_id WITH =,
    seri WITH <>,
    daterange(periode_awal, periode_akhir, '[]') WITH &&
)
"""
PG_DOWN = f"ALTER TABLE skp_skp DROP CONSTRAINT IF EXISTS {NAME}"

SQLITE_CHECK = f"""
WHEN EXISTS (
    SELECT 1 FROM skp_skp s
    WHERE s.pegawai_id = NEW.pegawai_id AND s.jabatan_id = NEW.jabatan_id AND s.seri <> NEW.seri
      AND s.id <> NEW.id AND s.periode_awal <= NEW.periode_akhir AND NEW.periode_awal <= s.periode_akhir
)
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {NAME}'); END
"""
SQLITE_UP = [
    f"CREATE TRIGGER {NAME}_insert BEFORE INSERT ON skp_skp {SQLITE_CHECK}",
    f"CREATE TRIGGER {NAME}_update BEFORE UPDATE OF pegawai_id, jabatan_id, seri, periode_awal, "
    f"periode_akhir ON skp_skp {SQLITE_CHECK}",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {NAME}_insert", f"DROP TRIGGER IF EXISTS {NAME}_update"]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(PG_UP)
    elif vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif vendor == "sqlite":
        for sql in SQLITE_DOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("skp", "0001_initial")]

    operations = [migrations.RunPython(up, down)]
