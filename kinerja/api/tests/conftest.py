"""Helpers for the API tests: a bearer header for a persona, and JSON calls."""

import pytest

from kinerja.accounts.services import api_token_create

API = "/api/v1"


def bearer(user):
    return {"Authorization": f"Bearer {api_token_create(user=user)}"}


@pytest.fixture
def api_get(client):
    """GET an API path as ``user`` (or without a token when None); returns the response."""

    def get(path, user=None, **params):
        headers = bearer(user) if user is not None else {}
        return client.get(f"{API}{path}", params, headers=headers)

    return get


@pytest.fixture
def token_post(client):
    def post(body, **kwargs):
        return client.post(f"{API}/auth/token", body, content_type="application/json", **kwargs)

    return post
