"""Short verification codes: 10 random Crockford base32 characters and 2 check characters (an HMAC
with the SECRET_KEY), printed as XXXXX-XXXXX-XX. A mistyped or forged code fails the check and is
answered "tidak ditemukan" without a database lookup."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALFABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


def _cek(badan: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), badan.encode(), hashlib.sha256).digest()
    return ALFABET[digest[0] % 32] + ALFABET[digest[1] % 32]


def kode_baru() -> str:
    badan = "".join(secrets.choice(ALFABET) for _ in range(10))
    return f"{badan[:5]}-{badan[5:]}-{_cek(badan)}"


def normalisasi(kode: str) -> str | None:
    """The canonical form of a typed code, or None when it is malformed or its check fails."""
    bersih = (kode or "").upper().replace("-", "").replace(" ", "")
    bersih = bersih.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(bersih) != 12 or any(c not in ALFABET for c in bersih):
        return None
    badan, cek = bersih[:10], bersih[10:]
    if not hmac.compare_digest(cek, _cek(badan)):
        return None
    return f"{badan[:5]}-{badan[5:]}-{cek}"
