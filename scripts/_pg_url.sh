# shellcheck shell=bash
# Dipakai bersama oleh scripts/backup.sh dan scripts/restore.sh (di-source, bukan dijalankan).
# pg_url URL: mengisi DB_URL (URL tanpa sandi) dan mengekspor PGPASSWORD, supaya sandi tidak
# muncul di daftar proses. Panggil langsung, bukan di dalam $(...): ekspor dari subshell hilang.
# Pemanggil menyediakan die().

urldecode() { local s="${1//\\/\\\\}"; printf '%b' "${s//%/\\x}"; }

pg_url() {
  local url="$1" rest authority path userinfo hostport
  case "$url" in
    postgres://* | postgresql://*) ;;
    *) die "DATABASE_URL harus postgres://... atau postgresql://... (cadangan hanya untuk PostgreSQL)" ;;
  esac
  rest="${url#*://}"
  authority="${rest%%/*}"
  path="${rest#"$authority"}"
  if [[ "$authority" == *@* ]]; then
    userinfo="${authority%@*}"
    hostport="${authority##*@}"
    if [[ "$userinfo" == *:* ]]; then
      PGPASSWORD="$(urldecode "${userinfo#*:}")"
      export PGPASSWORD
      authority="${userinfo%%:*}@${hostport}"
    fi
  fi
  DB_URL="postgresql://${authority}${path}"
}
