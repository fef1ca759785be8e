"""Extraction throughput on Celery workers, and the memory of a process serving reads.

    python benchmarks/workers.py [--texts 24] [--workers 1,2,4]
        [--database postgres://postgres@127.0.0.1:5432/wt_scale_bench] [--broker redis://127.0.0.1:6379/4]

For each worker count: empty the data tables, start `celery -A newsapi worker --concurrency N` (the
model loads once before the pool forks; start-up is not timed), queue the same texts with
`manage.py ingest --async`, and time until every job has finished. Articles/s and the speed-up over
one process are printed; the machine's core count is printed with them (more processes than cores
cannot speed up). Then a fresh process sets Django up, serves list pages from that database with
Django's test client and reports its peak RSS, beside a process that also loads spaCy.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXTS = Path("/work/shared/eval/5w1h-dev")

SERVE_READS = """
import os, django
django.setup()
from django.test import Client
{extra}
client = Client()
for _ in range(20):
    for path in ["/api/v1/articles/", "/api/v1/entities/", "/api/v1/quotes/", "/api/v1/events/",
                 "/api/v1/stories/", "/api/v1/articles/?page_size=100"]:
        assert client.get(path).status_code == 200, path
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(int(status["VmHWM"].split()[0]) // 1024)
"""


def run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=REPO, env=env, check=True, text=True, capture_output=True, **kwargs)


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def empty_tables(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
                "(tablename LIKE 'articles\\_%' OR tablename LIKE 'entities\\_%' OR tablename LIKE 'jobs\\_%')"
            )
        ]
        conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")


def unfinished_jobs(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) FROM jobs_job WHERE state IN ('queued', 'running', 'retrying')"
        ).fetchone()[0]


def job_states(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT state, count(*) FROM jobs_job GROUP BY state").fetchall())


def time_workers(count: int, files: list[Path], env: dict, url: str, broker: str) -> float:
    import redis

    empty_tables(url)
    redis.Redis.from_url(broker).flushdb()
    log = Path(f"/tmp/scale-bench-worker-{count}.log")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsapi",
            "worker",
            "--concurrency",
            str(count),
            "--pool",
            "prefork",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while "ready." not in log.read_text():
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit(f"The worker did not start; see {log}")
            time.sleep(0.5)
        start = time.perf_counter()
        run([sys.executable, "manage.py", "ingest", "--async", "--json", *map(str, files)], env)
        while unfinished_jobs(url):
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
    states = job_states(url)
    if states != {"succeeded": len(files)}:
        raise SystemExit(f"Not every job succeeded with {count} worker(s): {states}")
    return len(files) / elapsed


def peak_rss_mib(env: dict, extra: str = "") -> int:
    return int(run([sys.executable, "-c", SERVE_READS.format(extra=extra)], env).stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=24)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/wt_scale_bench")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/4")
    options = parser.parse_args()
    sys.path.insert(0, str(REPO))
    files = sorted(TEXTS.glob("*.txt"))[: options.texts]
    env = {
        **os.environ,
        "DATABASE_URL": options.database,
        "REDIS_URL": options.broker,
        "DJANGO_SETTINGS_MODULE": "newsapi.settings",
        "NEWSAPI_THROTTLE_ANON": "1000000/hour",
    }
    ensure_database(options.database)
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
    cores = os.cpu_count()
    print(f"{len(files)} texts from {TEXTS.name}, {cores} CPU core(s), PostgreSQL, Redis broker")
    print("| worker processes | articles/s | speed-up |\n|---|---|---|")
    base = None
    for count in (int(n) for n in options.workers.split(",")):
        rate = time_workers(count, files, env, options.database, options.broker)
        base = base or rate
        print(f"| {count} | {rate:.2f} | {rate / base:.2f}x |", flush=True)
    reads = peak_rss_mib(env)
    with_model = peak_rss_mib(env, "from newsapi.extraction.nlp import get_nlp; get_nlp()")
    print(
        f"\nPeak RSS serving 120 list pages: {reads} MiB (the same process with spaCy loaded: {with_model} MiB)"
    )


if __name__ == "__main__":
    main()
