"""Validation errors that keep their code per field.

``ValidationError({"field": "msg"}, code="x")`` silently drops the code (Django attaches it only to
a plain message), so the API would answer ``"invalid"`` for every field. ``field_error`` keeps it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})
