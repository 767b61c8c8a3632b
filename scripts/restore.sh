#!/usr/bin/env bash
# Pemulihan Kinerja dari satu folder cadangan scripts/backup.sh: basis data ke basis data PostgreSQL
# yang KOSONG, lalu berkas unggahan ke MEDIA_ROOT yang kosong.
#
# Pemakaian:
#   DATABASE_URL=postgres://user@host:5432/kinerja_baru MEDIA_ROOT=/srv/kinerja/media \
#     scripts/restore.sh FOLDER_CADANGAN
#
#   FOLDER_CADANGAN  satu folder kinerja-YYYYmmddTHHMMSSZ/ buatan scripts/backup.sh.
#
# Lingkungan:
#   DATABASE_URL  wajib: basis data tujuan, sudah dibuat (createdb) dan kosong. Sandi di URL
#                 diteruskan lewat PGPASSWORD, tidak pernah di baris perintah.
#   MEDIA_ROOT    bawaan var/media di repositori; boleh belum ada, atau ada tetapi kosong.
#
# Langkah: (1) periksa manifest SHA256SUMS; (2) tolak bila basis data tujuan sudah berisi tabel,
# view atau sequence, atau MEDIA_ROOT sudah berisi berkas (tidak pernah menimpa data); (3)
# pg_restore --no-owner --no-privileges --single-transaction (gagal = tidak ada yang tertulis;
# pemilik objek menjadi pengguna di DATABASE_URL); (4) buka media.tar ke MEDIA_ROOT. Sesudahnya:
# `manage.py migrate` (bila kode lebih baru dari cadangan) lalu nyalakan aplikasi.
set -euo pipefail
umask 027

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[restore %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[restore] GAGAL: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in -h | --help) usage; exit 0 ;; esac
[ $# -eq 1 ] || { usage >&2; exit 2; }

# shellcheck source=scripts/_pg_url.sh
source "$ROOT/scripts/_pg_url.sh"  # urldecode, pg_url

SUMBER="$1"
[ -d "$SUMBER" ] || die "folder cadangan $SUMBER tidak ada"
SUMBER="$(cd "$SUMBER" && pwd)"
for f in db.dump media.tar SHA256SUMS; do
  [ -f "$SUMBER/$f" ] || die "$SUMBER/$f tidak ada (bukan folder buatan scripts/backup.sh?)"
done
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL (basis data tujuan) belum diisi"
for cmd in pg_restore psql sha256sum tar; do
  command -v "$cmd" >/dev/null || die "$cmd tidak ditemukan"
done
pg_url "$DATABASE_URL"  # sets DB_URL and PGPASSWORD
MEDIA="${MEDIA_ROOT:-$ROOT/var/media}"

log "periksa manifest $SUMBER/SHA256SUMS"
(cd "$SUMBER" && sha256sum --quiet -c SHA256SUMS) || die "manifest tidak cocok: cadangan rusak atau diubah"
[ ! -f "$SUMBER/INFO" ] || sed 's/^/  /' "$SUMBER/INFO"

log "periksa basis data tujuan: $DB_URL"
# Any relation outside the system schemas counts: tables, partitions, views, sequences, foreign tables.
isi="$(psql --dbname="$DB_URL" --no-psqlrc --tuples-only --no-align --set=ON_ERROR_STOP=1 --command="
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'")" ||
  die "tidak dapat terhubung ke basis data tujuan (sudah dibuat dengan createdb?)"
[ "$isi" = "0" ] || die "basis data tujuan tidak kosong ($isi tabel/view/sequence); pulihkan hanya ke basis data baru"

if [ -d "$MEDIA" ] && [ -n "$(find "$MEDIA" -mindepth 1 -print -quit)" ]; then
  die "MEDIA_ROOT $MEDIA tidak kosong; pulihkan ke folder kosong"
fi

log "pg_restore ke $DB_URL"
pg_restore --no-owner --no-privileges --single-transaction --dbname="$DB_URL" "$SUMBER/db.dump"
tabel="$(psql --dbname="$DB_URL" --no-psqlrc --tuples-only --no-align --command="
  SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
migrasi="$(psql --dbname="$DB_URL" --no-psqlrc --tuples-only --no-align \
  --command="SELECT count(*) FROM django_migrations" 2>/dev/null || echo '?')"
log "basis data dipulihkan: $tabel tabel, $migrasi migrasi tercatat"

log "berkas unggahan ke $MEDIA"
mkdir -p "$MEDIA"
tar --extract --file="$SUMBER/media.tar" --directory="$MEDIA" --no-same-owner
log "media dipulihkan: $(find "$MEDIA" -type f | wc -l) berkas"
log "selesai. Berikutnya: manage.py migrate --noinput (bila perlu), lalu nyalakan aplikasi."
