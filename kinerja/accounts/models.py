"""Accounts: the custom User (username = NIP), roles and API tokens (issue #2 §4, §7)."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Being a pejabat penilai follows from the tree, never from a role (domain.md §5.3).
    PEGAWAI = "PEGAWAI", _("Pegawai")
    ADMIN_INSTANSI = "ADMIN_INSTANSI", _("Admin instansi (pengelola kinerja)")
    SUPERADMIN = "SUPERADMIN", _("Superadmin")


class User(AbstractUser):
    """A login. ``username`` is the NIP for every pegawai account."""

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, default=Role.PEGAWAI)
    pegawai = models.OneToOneField(
        "organisasi.Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="user"
    )
    # Set when an admin resets the password: the next login must choose a new one.
    harus_ganti_password = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def is_superadmin(self) -> bool:
        return self.role == Role.SUPERADMIN or self.is_superuser

    @property
    def is_admin_instansi(self) -> bool:
        return self.role == Role.ADMIN_INSTANSI

    @property
    def instansi_id(self) -> int | None:
        return self.pegawai.instansi_id if self.pegawai_id and self.pegawai else None


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the raw token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"token {self.user_id} {self.created_at:%Y-%m-%d}"
