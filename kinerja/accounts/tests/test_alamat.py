"""The address the login lockout counts, with and without trusted proxies."""

import pytest
from django.test import RequestFactory

from kinerja.accounts.alamat import alamat_klien


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),  # no proxy configured: the header is ignored
        (1, "1.2.3.4", "1.2.3.4"),  # nginx appended the client's address
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # a forged entry on the left is ignored
        (2, "6.6.6.6, 1.2.3.4, 172.16.0.2", "1.2.3.4"),  # load balancer + nginx
        (2, "1.2.3.4", "10.0.0.1"),  # shorter than the chain: not trusted
        (1, "", "10.0.0.1"),
    ],
)
def test_it_reads_the_client_behind_trusted_proxies(settings, count, xff, expected):
    settings.KINERJA_PROXY_COUNT = count
    request = RequestFactory().post("/akun/masuk/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=xff)
    assert alamat_klien(request) == expected
