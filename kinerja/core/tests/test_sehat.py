"""The load balancer's health check."""

from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_it_answers_without_login_when_the_database_answers(client):
    response = client.get("/sehat/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "basis_data": True}
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_does_not(client):
    with mock.patch("kinerja.core.views.connection.cursor", side_effect=DatabaseError("mati")):
        response = client.get("/sehat/")
    assert response.status_code == 503
    assert response.json()["basis_data"] is False
