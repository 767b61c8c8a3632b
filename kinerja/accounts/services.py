"""Account writes: API tokens and admin password resets."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.models import ApiToken, User, hash_token

# A last_used_at older than this is refreshed; fresher ones are not rewritten on every request.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=5)


def api_token_create(*, user: User) -> str:
    """Issue a bearer token; only its hash is stored, so the raw value is returned once."""
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        key_hash=hash_token(raw),
        expires_at=timezone.now() + dt.timedelta(days=settings.KINERJA_API_TOKEN_DAYS),
    )
    return raw


def api_token_user(raw: str) -> User | None:
    """The active user behind a bearer token, or None when it is unknown, expired or inactive."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user__pegawai")
        .filter(key_hash=hash_token(raw), expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def password_reset_by_admin(*, target: User, actor: User) -> str:
    """Give a user a one-time password; they must choose their own at the next login."""
    raw = secrets.token_urlsafe(9)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=target.pk)
        locked.set_password(raw)
        locked.harus_ganti_password = True
        locked.save(update_fields=["password", "harus_ganti_password"])
        ApiToken.objects.filter(user=locked).delete()
    return raw


def password_changed(*, user: User) -> None:
    if user.harus_ganti_password:
        user.harus_ganti_password = False
        user.save(update_fields=["harus_ganti_password"])
