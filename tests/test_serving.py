"""The production server (gunicorn with newsapi/gunicorn.conf.py) answers every refusal in the error shape."""

import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_api_limits import assert_error_shape

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "newsapi" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raw_get(port: int, target: str) -> tuple[int, dict, bytes]:
    """One GET sent as written (no client library shortens or re-encodes the request line)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        # HTTP/1.0: the body comes whole, never chunked.
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def error_body(status: int, headers: dict, body: bytes, expected: int) -> dict:
    import json

    assert status == expected, body[:300]
    assert headers["content-type"].startswith("application/json")
    payload = json.loads(body)
    assert payload["status"] == expected and payload["message"] and payload["errors"] == []
    return payload


def test_the_gunicorn_config_takes_its_sizes_from_the_environment(monkeypatch):
    """Workers, threads and limits come from GUNICORN_*; threads switch to the threaded JSON worker."""
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    config = runpy.run_path(str(CONFIG))
    assert (config["workers"], config["threads"], config["timeout"]) == (3, 4, 45)
    assert config["worker_class"] == "newsapi.serving.JsonRefusalThreadWorker"
    monkeypatch.setenv("GUNICORN_THREADS", "1")
    assert runpy.run_path(str(CONFIG))["worker_class"] == "newsapi.serving.JsonRefusalSyncWorker"
    # gunicorn's own ceiling: the longest line it can be told to read.
    assert runpy.run_path(str(CONFIG))["limit_request_line"] == 8190


def test_two_servers_on_one_host_get_their_own_control_socket(monkeypatch):
    """gunicorn's default control socket is one path per user: each bind address gets its own, so a
    second server (another port) never takes over the first one's."""
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8000")
    first = runpy.run_path(str(CONFIG))["control_socket"]
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8001")
    second = runpy.run_path(str(CONFIG))["control_socket"]
    assert first != second and first.endswith(".ctl") and "8001" in second
    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/newsapi/gunicorn.ctl")
    assert runpy.run_path(str(CONFIG))["control_socket"] == "/run/newsapi/gunicorn.ctl"


@pytest.fixture(scope="module")
def gunicorn_port(tmp_path_factory):
    """gunicorn as deployed (DEBUG off), one worker, its database down (nothing listens on its port)."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing_here",
        "DEBUG": "0",
        "SECRET_KEY": "a-test-key-" + "x" * 50,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "",
        "NEWSAPI_MAX_QUERY_STRING": "6000",
    }
    log = tmp_path_factory.mktemp("gunicorn") / "log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)], cwd=REPO, env=env, stdout=out, stderr=out
        )
    try:
        for _ in range(240):
            try:
                if raw_get(port, "/api/v1/no-such-route/")[0] == 404:
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"gunicorn did not start: {log.read_text()}")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_request_line_over_gunicorns_limit_is_a_json_414_from_the_worker(gunicorn_port):
    """gunicorn refuses a 9,000-byte request line itself, in the API's shape rather than an HTML page."""
    body = error_body(*raw_get(gunicorn_port, "/api/v1/articles/?q=" + "x" * 9000), expected=414)
    assert body["code"] == "uri_too_long" and "8190" in body["message"]


def test_a_line_over_gunicorns_default_but_within_the_config_reaches_django(gunicorn_port):
    """Lines gunicorn's default (4094) would refuse reach Django, which answers in the error shape:
    a 5,000-character unknown path is its 404, a 7,000-character query string its own 414."""
    body = error_body(*raw_get(gunicorn_port, "/api/v1/" + "p" * 5000 + "/"), expected=404)
    assert body["code"] == "not_found"
    body = error_body(*raw_get(gunicorn_port, "/api/v1/articles/?q=" + "x" * 7000), expected=414)
    assert "query string is 7002 characters; the limit is 6000" in body["message"]


def test_a_database_outage_behind_gunicorn_is_a_json_503_with_retry_after(gunicorn_port):
    """With nothing listening at the database's address, an API read is a 503 asking to retry."""
    status, headers, payload = raw_get(gunicorn_port, "/api/v1/articles/?page_size=5")
    body = error_body(status, headers, payload, expected=503)
    assert body["code"] == "unavailable" and int(headers["retry-after"]) > 0


@pytest.mark.django_db
def test_a_long_url_within_the_limits_gets_djangos_answer_in_the_error_shape(api_client):
    """A 6,000-character entity filter (past gunicorn's default line, within the config's) is read by
    the API and refused as a 400 naming the filter, not cut off."""
    body = assert_error_shape(api_client.get("/api/v1/articles/", {"entity": "Z" * 6000}), 400)
    assert body["errors"][0]["field"] == "entity"


def test_the_worker_refusals_carry_the_status_the_http_standard_names():
    """Each gunicorn parse error becomes its own status: 414 for the line, 431 for headers, 400 else."""
    from gunicorn.http import errors

    from newsapi.serving import json_refusal

    assert json_refusal(errors.LimitRequestLine(9000, 8190))[0] == 414
    assert json_refusal(errors.LimitRequestHeaders("too many headers"))[0] == 431
    status, raw = json_refusal(errors.InvalidRequestMethod("BR<EW"))
    assert status == 400 and raw.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b'"code": "invalid"' in raw and b"<html>" not in raw
