"""gunicorn's threaded worker, made to buffer slow clients as a proxy would.

gunicorn's ``gthread`` worker hands a connection to one of its threads as soon as its first
byte arrives, and the thread then reads the request line, the headers and the body with
blocking reads and no deadline: eight clients trickling headers (or a POST body) a byte at a
time held every thread of the Procfile's two workers, and normal requests waited 23-29 s.

``BufferingThreadWorker`` reads each request in the worker's event loop instead, without a
thread, into memory: a thread gets the connection only once the whole request has arrived
(its head, and its body by ``Content-Length`` or to its last chunk), and gunicorn parses it
from memory as usual. A request that has not fully arrived ``ARRIVAL_TIMEOUT`` seconds after
its first byte (or after the connection was accepted) is answered 408 and closed; a head over
``MAX_HEAD_BYTES`` gets 431. Bodies over the app's 1 MB limit are not buffered: the thread
gets them at once and the app answers 413 from the headers alone (gunicorn's own bounded
drain then discards the rest).

Only plain HTTP/1.x is buffered (TLS is the platform's, in front); a configuration with TLS
falls back to gunicorn's own behaviour. Selected by the Procfile's config
(``dashboard/gunicorn_conf.py``: ``worker_class``).
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import socket
import time
from dataclasses import dataclass, field
from functools import partial
from selectors import EVENT_READ
from typing import Any

from gunicorn import http
from gunicorn.workers.gthread import ThreadWorker

from .security import MAX_CONTENT_LENGTH

# Seconds for a whole request to arrive once it started (JPP_ARRIVAL_TIMEOUT, for tests).
ARRIVAL_TIMEOUT = float(os.environ.get("JPP_ARRIVAL_TIMEOUT", "10"))
MAX_HEAD_BYTES = 64 * 1024  # request line and headers (gunicorn's own limits are per line)
MAX_BUFFERED_BODY = MAX_CONTENT_LENGTH  # larger bodies are refused by the app (413) anyway
RECV_BYTES = 64 * 1024

_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding[ \t]*:[^\r\n]*chunked", re.IGNORECASE)
_EXPECT_CONTINUE = re.compile(rb"\r\nexpect[ \t]*:[ \t]*100-continue", re.IGNORECASE)
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_REFUSALS = {
    408: b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    431: (
        b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n"
        b"Content-Length: 0\r\n\r\n"
    ),
}


class Arrival(enum.Enum):
    PARTIAL = "partial"  # more is to come
    COMPLETE = "complete"  # the head and the body are here (or a thread must decide)
    HEAD_TOO_LARGE = "head too large"


def _chunked_end(data: bytes, start: int) -> int | None:
    """Where a chunked body that begins at ``start`` ends (after its trailers), or None if
    it has not all arrived. Malformed framing counts as arrived: gunicorn's parser refuses
    it (400) from what is already in memory."""
    position = start
    while True:
        line_end = data.find(b"\r\n", position)
        if line_end < 0:
            return None
        size_text = data[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return len(data)
        if size < 0:
            return len(data)
        if size == 0:
            trailers_end = data.find(b"\r\n\r\n", line_end)
            if data[line_end : line_end + 4] == b"\r\n\r\n":
                return line_end + 4
            return trailers_end + 4 if trailers_end >= 0 else None
        position = line_end + 2 + size + 2
        if position > len(data):
            return None


def arrival(data: bytes) -> Arrival:
    """Whether a whole HTTP/1.x request is in ``data`` (pure: bytes in, a verdict out)."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return Arrival.HEAD_TOO_LARGE if len(data) > MAX_HEAD_BYTES else Arrival.PARTIAL
    if head_end > MAX_HEAD_BYTES:
        return Arrival.HEAD_TOO_LARGE
    head, body_start = data[: head_end + 2], head_end + 4
    body = len(data) - body_start
    if _CHUNKED.search(head):  # to its last chunk; over the app's limit, the app refuses it
        arrived = body > MAX_BUFFERED_BODY or _chunked_end(data, body_start) is not None
    else:  # by its length; none (no body) or not a number (gunicorn refuses it): arrived
        wanted = _content_length(head)
        arrived = wanted is None or wanted > MAX_BUFFERED_BODY or body >= wanted
    return Arrival.COMPLETE if arrived else Arrival.PARTIAL


def _content_length(head: bytes) -> int | None:
    found = _CONTENT_LENGTH.search(head)
    if found is None:
        return None
    try:
        return int(found.group(1).strip())
    except ValueError:
        return None


def wants_continue(data: bytes) -> bool:
    """The head asks for ``100 Continue`` before its body is sent (curl does for large POSTs)."""
    head_end = data.find(b"\r\n\r\n")
    return head_end >= 0 and bool(_EXPECT_CONTINUE.search(data[: head_end + 2]))


@dataclass
class _Arriving:
    deadline: float
    data: bytearray = field(default_factory=bytearray)
    continued: bool = False


class BufferingThreadWorker(ThreadWorker):
    """``gthread`` with requests read in the event loop, not by threads (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._arriving: dict[Any, _Arriving] = {}

    def enqueue_req(self, conn: Any) -> None:
        if self.cfg.is_ssl or getattr(conn, "jpp_arrived", False):
            conn.jpp_arrived = False
            super().enqueue_req(conn)
            return
        waiting = _Arriving(deadline=time.monotonic() + ARRIVAL_TIMEOUT)
        if conn.parser is not None:  # what a previous request's reads took of this one
            waiting.data += conn.parser.unreader.take_buffered()
        if waiting.data and self._handled(conn, waiting):
            return
        conn.sock.setblocking(False)
        self._arriving[conn] = waiting
        self.poller.register(conn.sock, EVENT_READ, partial(self._on_readable, conn))

    def _on_readable(self, conn: Any, _client: Any) -> None:
        waiting = self._arriving[conn]
        try:
            chunk = conn.sock.recv(RECV_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client left
            self._forget(conn)
            self._close(conn)
            return
        waiting.data += chunk
        self._handled(conn, waiting)

    def _handled(self, conn: Any, waiting: _Arriving) -> bool:
        """True once the request went to a thread or was refused."""
        verdict = arrival(bytes(waiting.data))
        if verdict is Arrival.PARTIAL:
            if not waiting.continued and wants_continue(bytes(waiting.data)):
                waiting.continued = True
                self._send(conn, _CONTINUE)
            return False
        self._forget(conn)
        if verdict is Arrival.HEAD_TOO_LARGE:
            self._refuse(conn, 431)
            return True
        if conn.parser is None:
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        conn.parser.unreader.unread(bytes(waiting.data))
        conn.data_ready = True  # no thread waits for the first byte either
        conn.jpp_arrived = True
        conn.sock.setblocking(True)
        self.enqueue_req(conn)
        return True

    def _forget(self, conn: Any) -> None:
        self._arriving.pop(conn, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)

    def _send(self, conn: Any, data: bytes) -> None:
        with contextlib.suppress(OSError):
            conn.sock.send(data)

    def _refuse(self, conn: Any, status: int) -> None:
        self._send(conn, _REFUSALS[status])
        self._close(conn)

    def _close(self, conn: Any) -> None:
        self.nr_conns -= 1
        with contextlib.suppress(OSError):
            conn.sock.shutdown(socket.SHUT_RDWR)
        conn.close()

    def murder_pending(self) -> None:
        """Also answers 408 to requests that have not arrived in time (once a second)."""
        super().murder_pending()
        now = time.monotonic()
        for conn, waiting in list(self._arriving.items()):
            if waiting.deadline <= now:
                self._forget(conn)
                if waiting.data:
                    self._refuse(conn, 408)
                else:  # nothing sent at all: closed as an idle connection is
                    self._close(conn)
