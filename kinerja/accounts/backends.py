from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from kinerja.accounts.models import User


class KinerjaBackend(ModelBackend):
    """ModelBackend that loads the user's pegawai with the user: every page needs it for access."""

    def get_user(self, user_id: int) -> User | None:
        try:
            user = User._default_manager.select_related("pegawai").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
