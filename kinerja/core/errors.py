"""Validation errors that keep their code per field, and the two input checks every service uses.

``ValidationError({"field": "msg"}, code="x")`` silently drops the code (Django attaches it only to
a plain message), so the API would answer ``"invalid"`` for every field. ``field_error`` keeps it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def teks(value: str | None, *, field: str, label: str, batas: int, wajib: bool = True) -> str:
    """Stripped text; refused when required and empty, or longer than ``batas``."""
    text = (value or "").strip()
    if wajib and not text:
        raise field_error(field, f"{label} wajib diisi.", "wajib")
    if len(text) > batas:
        raise field_error(
            field, f"{label} terlalu panjang (paling banyak {batas} karakter).", "terlalu_panjang"
        )
    return text


def pilihan(value: str | None, choices: Any, *, field: str, label: str, wajib: bool = True) -> str:
    """One code of a TextChoices; "" when optional and empty. The message lists the choices."""
    text = (value or "").strip()
    if not text:
        if wajib:
            raise field_error(field, f"{label} wajib dipilih.", "wajib")
        return ""
    if text not in choices.values:
        daftar = ", ".join(choices.values)
        raise field_error(field, f"{label} '{text}' tidak dikenal. Pilihan: {daftar}.", "pilihan")
    return text
