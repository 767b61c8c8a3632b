#!/usr/bin/env bash
# Cadangan Kinerja: basis data PostgreSQL (pg_dump --format=custom) dan berkas unggahan (MEDIA_ROOT)
# ke satu folder bertanda waktu dengan manifest SHA-256.
#
# Pemakaian:
#   DATABASE_URL=postgres://user@host:5432/kinerja MEDIA_ROOT=/srv/kinerja/media \
#     scripts/backup.sh [FOLDER_CADANGAN]
#
#   FOLDER_CADANGAN  induk folder cadangan (bawaan: $BACKUP_DIR, atau var/backup di repositori).
#                    Hasilnya FOLDER_CADANGAN/kinerja-YYYYmmddTHHMMSSZ/ berisi:
#                      db.dump      pg_dump --format=custom (pulihkan dengan scripts/restore.sh)
#                      media.tar    isi MEDIA_ROOT (tanpa kompresi: PDF/gambar sudah terkompresi)
#                      SHA256SUMS   manifest; periksa dengan `sha256sum -c SHA256SUMS` di folder itu
#                      INFO         waktu, basis data (tanpa sandi), versi pg_dump, ukuran
#
# Lingkungan:
#   DATABASE_URL  wajib, postgres:// atau postgresql:// (sama dengan yang dipakai aplikasi).
#                 Sandi di URL diteruskan lewat PGPASSWORD, tidak pernah di baris perintah; lebih
#                 baik lagi pakai ~/.pgpass dan URL tanpa sandi.
#   MEDIA_ROOT    bawaan var/media di repositori (sama dengan config/settings.py).
#   BACKUP_KEEP_DAYS  bila diisi (mis. 14), folder kinerja-* yang lebih tua dari sekian hari di
#                 FOLDER_CADANGAN dihapus setelah cadangan baru berhasil.
#
# Urutan: basis data dulu, lalu berkas. Berkas yang diunggah di antara keduanya hanya menjadi berkas
# lebih di arsip; sebaliknya tidak ada baris yang menunjuk berkas yang belum ada saat pg_dump mulai.
# Folder dibuat dengan nama sementara (.sebagian) dan baru diganti namanya bila semuanya berhasil,
# jadi folder kinerja-* yang ada selalu lengkap. Keluar dengan kode bukan nol bila ada yang gagal.
set -euo pipefail
umask 077

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[backup %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { printf '[backup] GAGAL: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in -h | --help) usage; exit 0 ;; esac
[ $# -le 1 ] || { usage >&2; exit 2; }

# shellcheck source=scripts/_pg_url.sh
source "$ROOT/scripts/_pg_url.sh"  # urldecode, pg_url

[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL belum diisi"
command -v pg_dump >/dev/null || die "pg_dump tidak ditemukan (apt-get install postgresql-client)"
command -v sha256sum >/dev/null || die "sha256sum tidak ditemukan (coreutils)"
pg_url "$DATABASE_URL"  # sets DB_URL and PGPASSWORD
MEDIA="${MEDIA_ROOT:-$ROOT/var/media}"
INDUK="${1:-${BACKUP_DIR:-$ROOT/var/backup}}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
tujuan="$INDUK/kinerja-$stamp"
sementara="$tujuan.sebagian"
[ ! -e "$tujuan" ] || die "$tujuan sudah ada"
mkdir -p "$sementara"
trap 'rc=$?; [ $rc -eq 0 ] || { rm -rf -- "$sementara"; printf "[backup] dibatalkan, %s dihapus\n" "$sementara" >&2; }' EXIT

log "basis data: $DB_URL"
pg_dump --format=custom --compress=6 --file="$sementara/db.dump" --dbname="$DB_URL"
log "db.dump selesai ($(du -h "$sementara/db.dump" | cut -f1))"

if [ -d "$MEDIA" ]; then
  log "berkas unggahan: $MEDIA"
  rc=0
  tar --create --file="$sementara/media.tar" --directory="$MEDIA" --warning=no-file-changed . || rc=$?
  # GNU tar: 1 = ada berkas yang berubah/hilang selama dibaca (unggahan yang sedang berjalan).
  [ $rc -le 1 ] || die "tar gagal (kode $rc)"
  [ $rc -eq 0 ] || log "PERINGATAN: ada berkas yang berubah selama diarsipkan (diabaikan)"
  log "media.tar selesai ($(tar --list --file="$sementara/media.tar" | grep -cv '/$') berkas, $(du -h "$sementara/media.tar" | cut -f1))"
else
  log "PERINGATAN: MEDIA_ROOT $MEDIA tidak ada; media.tar dibuat kosong"
  tar --create --file="$sementara/media.tar" --files-from=/dev/null
fi

{
  echo "waktu_utc=$stamp"
  echo "basis_data=$DB_URL"
  echo "media_root=$MEDIA"
  echo "pg_dump=$(pg_dump --version)"
  echo "host=$(hostname)"
} >"$sementara/INFO"

(cd "$sementara" && sha256sum db.dump media.tar INFO >SHA256SUMS && sha256sum --quiet -c SHA256SUMS)
mv -- "$sementara" "$tujuan"
log "selesai: $tujuan"
sed 's/^/  /' "$tujuan/SHA256SUMS"

if [ -n "${BACKUP_KEEP_DAYS:-}" ]; then
  [[ "$BACKUP_KEEP_DAYS" =~ ^[0-9]+$ ]] || die "BACKUP_KEEP_DAYS harus bilangan bulat"
  while IFS= read -r -d '' lama; do
    log "hapus cadangan lama: $lama"
    rm -rf -- "$lama"
  done < <(find "$INDUK" -mindepth 1 -maxdepth 1 -type d -name 'kinerja-*' ! -name '*.sebagian' \
    -mtime +"$BACKUP_KEEP_DAYS" -print0)
fi
