"""Status pipelines (style.md "Workflows"): one guarded transition, one history row per change.

A workflow model declares ``Status`` and ``TRANSITIONS`` and changes its status only through
``pindah_status``; services lock the row (``select_for_update``) before calling it and write the
history row (a subclass of ``RiwayatStatusBase``) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvalidTransition(Exception):
    """The current status does not allow this action (the API answers 409)."""

    def __init__(self, message: str, *, dari: str = "", ke: str = "") -> None:
        super().__init__(message)
        self.dari = dari
        self.ke = ke


def check_transition(transitions: Mapping[str, frozenset[str]], dari: str, ke: str, label: str) -> None:
    if ke not in transitions.get(dari, frozenset()):
        raise InvalidTransition(
            f"{label} berstatus {dari} dan tidak dapat diubah menjadi {ke}.", dari=dari, ke=ke
        )


class RiwayatStatusBase(models.Model):
    """From, to, actor, time, catatan: the riwayat timeline, the audit trail and the documents."""

    dari = models.CharField(_("dari"), max_length=20, blank=True)
    ke = models.CharField(_("ke"), max_length=20)
    aksi = models.CharField(_("aksi"), max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]
