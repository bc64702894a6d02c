"""CPU time per request of the site's pages, in-process, against the trivial view — a figure a busy machine
does not distort the way it distorts wrk latencies (other processes' load changes wall time, not CPU time).

Run on a database `site_bench_data.py` loaded (`MFGDATA_VAR_DIR` / `DATABASE_URL` as for `mfgdata serve`):
each page is requested through Django's test client `--repeat` times after one warm-up, and the process CPU
time per request (median) is reported, with the facet cache warm (a repeated search) and cold (cleared before each).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mfgdata.web.settings")

import django

django.setup()  # the imports below need Django configured (E402)

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from site_bench import PAGES  # noqa: E402


def cpu_ms(request: Callable[[], object], repeat: int, before: Callable[[], None] | None = None) -> float:
    """Median CPU milliseconds per call, after one warm-up call (the median ignores a stray GC pause)."""
    request()
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.process_time()
        request()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    rows = []
    for name, path in PAGES.items():
        warm = cpu_ms(lambda p=path: client.get(p), args.repeat)
        cold = cpu_ms(lambda p=path: client.get(p), args.repeat, before=cache.clear)
        rows.append((name, warm, cold))
    floor = rows[0][1] or 1e-9
    print("| page | CPU ms / request (facets cached) | ratio | CPU ms (cache cleared) | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, warm, cold in rows:
        print(f"| {name} | {warm:.2f} | {warm / floor:.1f} | {cold:.2f} | {cold / floor:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
