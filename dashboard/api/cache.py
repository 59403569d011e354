"""API answers shared by every worker and every instance through Redis (when REDIS_URL is set).

A filter's answer (JSON, GeoJSON, CSV, Excel) is then computed once for the whole fleet
instead of once per worker. A key names the data version, the code and the normalised filter,
so an import or a deploy never serves an old answer; "today" is part of the filter. Values
are bytes, never pickles (Flask-Caching's Redis backend pickles: whoever can write to the
Redis could then run code in the app). When Redis fails, answers are computed as without it,
and Redis is left alone for a few seconds: the cache only ever saves work.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Hashable
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from ..data.filters import ProjectFilter

log = logging.getLogger(__name__)

TTL_SECONDS = 3600  # bounds Redis memory; correctness does not depend on it
BACK_OFF_SECONDS = 10
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link")  # Link: the next page


@cache
def code_tag() -> str:
    """A digest of the app's source: another version of the code never reads these answers."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class AnswerCache:
    def __init__(self, redis_url: str | None) -> None:
        self._client = None
        self._down_until = 0.0
        if redis_url:
            import redis

            self._client = redis.Redis.from_url(
                redis_url, socket_timeout=0.5, socket_connect_timeout=0.5
            )

    @property
    def enabled(self) -> bool:
        return self._client is not None

    def key(self, endpoint: str, version: Hashable, spec: ProjectFilter) -> str:
        spec = replace(spec, as_of=spec.as_of or date.today())
        text = repr((endpoint, version, code_tag(), spec))
        return "jpp:answer:" + hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> tuple[dict[str, str], bytes] | None:
        raw = self._call("get", key)
        if not isinstance(raw, bytes):
            return None
        head, _, body = raw.partition(b"\n")
        return json.loads(head), body

    def set(self, key: str, headers: dict[str, str], body: bytes) -> None:
        kept = {name: headers[name] for name in KEPT_HEADERS if name in headers}
        self._call("set", key, json.dumps(kept).encode() + b"\n" + body, ex=TTL_SECONDS)

    def _call(self, method: str, *args: object, **kwargs: object) -> object:
        if self._client is None or time.monotonic() < self._down_until:
            return None
        import redis

        try:
            return getattr(self._client, method)(*args, **kwargs)
        except redis.RedisError as error:
            log.warning("cache: Redis failed (%s); answering without it", error)
            self._down_until = time.monotonic() + BACK_OFF_SECONDS
            return None
