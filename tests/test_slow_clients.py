"""Slow clients hold no thread of the Procfile's gunicorn (dashboard/web/worker.py): a bounded
run on loopback, a few sockets trickling headers and bodies while normal requests must still
be answered; and the pure rule that says when a request has arrived whole."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest

from bench.hostile import trickle
from dashboard.web.security import MAX_CONTENT_LENGTH
from dashboard.web.worker import MAX_BUFFERED_BODY, MAX_HEAD_BYTES, Arrival, arrival
from tests.servers import procfile_server

SLOW_SECONDS = 4.0  # how long the slow clients trickle
ANSWER_WITHIN = 5.0  # generous: without the buffering worker, no answer came in 60 s


def test_a_request_has_arrived_when_its_head_and_body_are_here():
    get = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    assert arrival(get) is Arrival.COMPLETE
    assert arrival(get[:-2]) is Arrival.PARTIAL
    post = b"POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\n"
    assert arrival(post + b"abcd") is Arrival.PARTIAL
    assert arrival(post + b"abcde") is Arrival.COMPLETE
    chunked = b"POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert arrival(chunked + b"5\r\nabcde\r\n") is Arrival.PARTIAL
    assert arrival(chunked + b"5\r\nabcde\r\n0\r\n") is Arrival.PARTIAL
    assert arrival(chunked + b"5\r\nabcde\r\n0\r\n\r\n") is Arrival.COMPLETE
    # A chunk whose data looks like the last chunk is data: the body goes on.
    assert arrival(chunked + b"9;x=y\r\nab\r\n0\r\n\r\n\r\n") is Arrival.PARTIAL
    assert arrival(chunked + b"0\r\nTrailer: 1\r\n\r\n") is Arrival.COMPLETE
    assert arrival(chunked + b"zz\r\n") is Arrival.COMPLETE  # malformed: gunicorn says 400


def test_what_is_not_buffered():
    huge = f"POST /p HTTP/1.1\r\nContent-Length: {MAX_BUFFERED_BODY + 1}\r\n\r\n".encode()
    assert arrival(huge) is Arrival.COMPLETE  # the app answers 413 from the headers
    assert arrival(b"GET / HTTP/1.1\r\nX: " + b"a" * MAX_HEAD_BYTES) is Arrival.HEAD_TOO_LARGE
    assert arrival(b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n") is Arrival.COMPLETE
    assert MAX_BUFFERED_BODY == MAX_CONTENT_LENGTH


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """One worker of four threads, as few as a small deployment has."""
    with procfile_server(
        WEB_CONCURRENCY="1", GUNICORN_THREADS="4", JPP_ARRIVAL_TIMEOUT="3"
    ) as base:
        yield base


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_slow_headers_and_bodies_hold_no_thread(server):
    port = _port(server)
    stop = threading.Event()
    heads = [b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "] * 8
    heads += [
        b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
    ] * 4
    clients = [threading.Thread(target=trickle, args=(port, h, stop)) for h in heads]
    for client in clients:
        client.start()
    try:
        time.sleep(0.5)
        deadline = time.monotonic() + SLOW_SECONDS
        answers = []
        while time.monotonic() < deadline:
            started = time.monotonic()
            with urllib.request.urlopen(f"{server}/api/projects?country=VNM", timeout=30) as r:
                assert r.status == 200 and json.loads(r.read())["count"] > 0
            answers.append(time.monotonic() - started)
            time.sleep(0.2)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=10)
    assert answers and max(answers) < ANSWER_WITHIN, answers


def _exchange(port: int, request: bytes, wait: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


def test_a_request_that_never_arrives_whole_is_408_and_closed(server):
    started = time.monotonic()
    answer = _exchange(_port(server), b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert time.monotonic() - started < 3 + 2  # JPP_ARRIVAL_TIMEOUT and the loop's second


def test_a_malformed_chunked_body_is_4xx(server):
    answer = _exchange(
        _port(server),
        b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"zz\r\n{}\r\n0\r\n\r\n",
    )
    assert answer.split(b" ", 2)[1].startswith(b"4"), answer[:200]


def test_a_chunked_callback_body_is_read(server):
    body = b'{"output": "x"}'
    answer = _exchange(
        _port(server),
        b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(body):x}\r\n".encode()
        + body
        + b"\r\n0\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 400 ") and b"unknown output" in answer


def test_keep_alive_and_pipelined_requests_are_answered(server):
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    last = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    answer = _exchange(_port(server), request * 2 + last)
    assert answer.count(b"HTTP/1.1 200 ") == 3
