"""The API's rate limits (``NINJA_DEFAULT_THROTTLE_RATES``): per client address
without a token, per token with one; beyond them 429 with a reason and Retry-After.
The counts live in the cache, which the autouse ``_fresh_cache`` fixture empties."""

import threading

import pytest

from klusteri.api.api import api

LIST = "/api/v1/clusters/"


@pytest.fixture
def three_a_minute(monkeypatch):
    """The limits as if they were 3 requests a minute, instead of making hundreds."""
    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 3)
        monkeypatch.setattr(throttle, "duration", 60)


def test_production_rates_are_set():
    assert [throttle.rate for throttle in api.throttle] == ["1200/m", "1200/m"]


def test_a_fourth_read_in_a_minute_from_one_address_is_429(client, db, three_a_minute):
    for _request in range(3):
        assert client.get(LIST, REMOTE_ADDR="192.0.2.1").status_code == 200

    response = client.get(LIST, REMOTE_ADDR="192.0.2.1", HTTP_ACCEPT_LANGUAGE="fi")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json() == {"detail": "Liian monta pyyntöä: odota hetki ja yritä uudelleen."}
    assert client.get(LIST, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_a_forwarded_address_is_not_trusted_without_a_proxy(client, db, three_a_minute):
    for number in range(3):
        client.get(LIST, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    response = client.get(LIST, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert response.status_code == 429


def test_requests_with_a_token_are_counted_per_token(
    client, cluster, manager_token, three_a_minute
):
    url = f"/api/v1/clusters/{cluster.slug}/"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {manager_token}", "REMOTE_ADDR": "192.0.2.1"}
    for _request in range(3):
        client.get(LIST, REMOTE_ADDR="192.0.2.1")  # the address's reads are used up

    answers = [
        client.patch(url, {}, content_type="application/json", **headers).status_code
        for _request in range(4)
    ]

    assert answers == [200, 200, 200, 429]


def test_threads_of_a_worker_keep_their_own_request(rf):
    """Both threads check before either reads its key back: with one key for all
    threads, one of them would read the other's."""
    throttle = api.throttle[0]
    both_checked = threading.Barrier(2)
    seen = {}

    def check(address: str) -> None:
        throttle.allow_request(rf.get(LIST, REMOTE_ADDR=address))
        both_checked.wait(timeout=10)
        seen[address] = throttle.key

    threads = [threading.Thread(target=check, args=(a,)) for a in ("192.0.2.1", "192.0.2.2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert seen == {
        "192.0.2.1": "throttle_anon_192.0.2.1",
        "192.0.2.2": "throttle_anon_192.0.2.2",
    }
