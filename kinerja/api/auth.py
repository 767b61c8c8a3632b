"""Bearer tokens: ``POST /auth/token`` issues one, ``BearerAuth`` checks it on every other operation."""

# No ``from __future__ import annotations``: Ninja reads the operations' signatures at import.
import datetime as dt

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import HttpBearer

from kinerja.accounts.models import ApiToken, User, hash_token
from kinerja.accounts.services import api_token_create, api_token_user
from kinerja.api.errors import ApiError, responses


class ApiRequest(HttpRequest):
    """A request that passed BearerAuth."""

    auth: User
    user: User


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token.strip())
        if user is not None:
            # The session middleware left an AnonymousUser here; code reading request.user (logging,
            # services called with request.user) must see the token's user.
            request.user = user
        return user


router = Router(tags=["auth"])


class KredensialSalah(ApiError):
    status_code = 401
    code = "kredensial_salah"
    message = "NIP atau kata sandi salah."


class Terkunci(ApiError):
    status_code = 429
    code = "terkunci"
    message = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."


class HarusGantiKataSandi(ApiError):
    status_code = 403
    code = "harus_ganti_kata_sandi"
    message = "Kata sandi Anda direset oleh admin. Gantilah dulu lewat aplikasi web sebelum memakai API."


class TokenIn(Schema):
    nip: str = Field(min_length=1, max_length=30, description="NIP; spasi di dalamnya diabaikan.")
    password: str = Field(min_length=1, max_length=128)


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, **responses(400, 401, 403, 429)},
    summary="Minta token API dengan NIP dan kata sandi",
)
def token_create(request: HttpRequest, payload: TokenIn) -> dict[str, object]:
    nip = payload.nip.strip().replace(" ", "")  # as the login form: "198501012010011 001" is accepted
    # authenticate() runs django-axes' backend first, so API failures count towards the same
    # lockout (per NIP and address) as the login page, and a locked-out NIP is refused.
    user = authenticate(request, username=nip, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # Answer the lockout here, in JSON; left set, the flag makes AxesMiddleware swap this
        # response for its HTML lockout page.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        cool_off = get_cool_off(request)
        retry = {"Retry-After": str(int(cool_off.total_seconds()))} if cool_off else None
        raise Terkunci(headers=retry)
    if not isinstance(user, User):
        # Also an inactive account: ModelBackend refuses it like a wrong password.
        raise KredensialSalah()
    if user.harus_ganti_password:
        # The one-time password of an admin reset must not open the API: the web app forces the
        # change first (ForcePasswordChangeMiddleware), and the API has no page to do it on.
        raise HarusGantiKataSandi()
    # Issuing a token is a login: axes logs it and clears the NIP's failures (AXES_RESET_ON_SUCCESS),
    # and last_login is updated. No session is started.
    user_logged_in.send(sender=type(user), request=request, user=user)
    raw = api_token_create(user=user)
    # The expiry the service stored, not a second computation of it.
    expires_at = ApiToken.objects.values_list("expires_at", flat=True).get(key_hash=hash_token(raw))
    return {"token": raw, "expires_at": expires_at}
