"""Fixed-window request counting in the database, so every web process and host shares one count per caller.

One `INSERT … ON CONFLICT DO UPDATE … RETURNING` per request (SQLite ≥ 3.35 and PostgreSQL) increments the
counter of the caller's current window atomically; over the limit the request is refused with the seconds
until the window ends (`Retry-After`). Rows of past windows (of every caller) are deleted whenever a
caller opens a new window.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.db import connection

from mfgdata.web.api.errors import RateLimited
from mfgdata.web.api.models import RateCounter


def _increment(bucket: str, window_index: int) -> int:
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, window_index, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (bucket, window_index) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [bucket, window_index],
        )
        return int(cursor.fetchone()[0])


def rate_limit_hit(*, bucket: str, limit: int, window_seconds: int, now: float | None = None) -> None:
    """Count one request of `bucket`; raise `RateLimited` when it is over `limit` in the current window."""
    moment = time.time() if now is None else now
    window_index = int(moment // window_seconds)
    count = _increment(bucket, window_index)
    if count == 1:  # a caller opened a new window: past windows of every caller are no longer needed
        RateCounter.objects.filter(window_index__lt=window_index).delete()
    if count > limit:
        retry_after = max(1, math.ceil((window_index + 1) * window_seconds - moment))
        raise RateLimited(retry_after)


def limit_token(token_id: int) -> None:
    """The per-token limit (`MFGDATA_API_RATE_LIMIT` requests per `MFGDATA_API_RATE_WINDOW_SECONDS`)."""
    rate_limit_hit(
        bucket=f"token:{token_id}",
        limit=settings.MFGDATA_API_RATE_LIMIT,
        window_seconds=settings.MFGDATA_API_RATE_WINDOW_SECONDS,
    )


def limit_anonymous(address: str) -> None:
    """The limit of anonymous calls, per client address (`MFGDATA_API_ANONYMOUS_RATE_LIMIT`)."""
    rate_limit_hit(
        bucket=f"ip:{address}"[:80],
        limit=settings.MFGDATA_API_ANONYMOUS_RATE_LIMIT,
        window_seconds=settings.MFGDATA_API_RATE_WINDOW_SECONDS,
    )
