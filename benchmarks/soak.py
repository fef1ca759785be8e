"""Soak: mixed reads and writes against gunicorn + PostgreSQL for a while; status codes, latency, memory.

    python benchmarks/soak.py [--minutes 10] [--clients 4] [--database-url postgres://.../wt_soak]

Recreates the database named in --database-url (it must be a scratch one), migrates it, loads the
seed data and makes an editor token, then starts gunicorn with benchmarks/soak_gunicorn.conf.py (the
production newsapi/gunicorn.conf.py: 2 sync workers, DEBUG off, workers not recycled unless
--max-requests; plus a memory probe in each worker) on a free loopback port. Client threads then
run, until the time is up: every list with filters and orderings, details, navigation routes,
exports, cursor walks to the last page, and writes (editor PATCH corrections of entities, events,
quotes and articles, POSTs of small articles, each answered 202 with an extraction job that the
client polls until it ends). With --redis-url (the default, a scratch Redis db that is flushed) Redis
is the broker and throttle cache and one Celery worker extracts, as in the README's scaled set-up;
with --redis-url none the jobs run in the web worker and throttle counts live in the database.
Throttle rates are raised so the clients are never refused (the shared throttle cache is still read
and written on each request).

Memory: the RSS of gunicorn's workers (and of the Celery worker, its pool included) is sampled every
5 s from outside; each web worker also probes its own live Python heap between two requests. Printed:
a per-minute table of both for every worker, and the growth once warm (--warmup, 2 minutes): RSS
after the warm-up against the last minute, and the least-squares slope over the second half of the
run. Also each kind of request's status codes and latency percentiles and every 5xx; --json FILE
writes the raw figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wt_soak_bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def worker_pids(master: int) -> list[int]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return sorted(int(pid) for pid in children)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Client:
    """One thread's connection to the server (gunicorn's sync worker closes after each response)."""

    def __init__(self, port: int, token: str):
        self.port = port
        self.token = token

    def request(self, method: str, path: str, body: dict | None = None, write: bool = False):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
        # An export is asked for by ?format= alone (an Accept of JSON with format=csv is a 406).
        headers = {"Accept": "*/*" if "/export/" in path else "application/json"}
        data = None
        if write:
            headers["Authorization"] = f"Token {self.token}"
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            payload, status = str(error).encode(), 0
        finally:
            conn.close()
        return status, time.perf_counter() - started, payload


class Workload:
    """The requests a client picks from, built from what the seeded database holds."""

    LISTS = {
        "articles": ["published_at", "-published_at", "id", "-id", "title", "-title"],
        "entities": ["name", "-name", "mention_count", "-mention_count", "article_count", "-id"],
        "quotes": ["id", "-id", "article", "start", "-start"],
        "events": ["date", "-date", "id", "title", "-title"],
        "stories": ["id", "-first_published_at", "article_count", "-title"],
        "sources": ["name", "-name", "article_count", "-id"],
    }

    def __init__(self, client: Client):
        self.client = client
        self.ids: dict[str, list[int]] = {}
        self.names: list[str] = []
        self.sources: list[str] = []
        for kind in self.LISTS:
            rows = self._all(f"/api/v1/{kind}/?page_size=200")
            self.ids[kind] = [row["id"] for row in rows]
            if kind == "entities":
                self.names = [row["name"] for row in rows if row.get("mention_count", 0) > 1][:60]
            if kind == "sources":
                self.sources = [row["name"] for row in rows]
        self.sentences = [
            sentence
            for path in sorted((REPO / "seeds").glob("*.txt"))
            for sentence in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))
            if 40 < len(sentence) < 300
        ]
        self.lock = threading.Lock()

    def _all(self, path: str) -> list[dict]:
        rows = []
        while path:
            status, _, payload = self.client.request("GET", path)
            if status != 200:
                raise SystemExit(f"GET {path}: {status} {payload[:300]!r}")
            page = json.loads(payload)
            rows += page["results"]
            path = (
                urllib.parse.urlsplit(page["next"])._replace(scheme="", netloc="").geturl()
                if page["next"]
                else None
            )
        return rows

    def pick(self, rng: random.Random):
        """(kind of request, method, path, body, is a write)."""
        roll = rng.random()
        if roll < 0.40:
            return self._list(rng)
        if roll < 0.58:
            kind = rng.choice(list(self.LISTS))
            return f"detail {kind}", "GET", f"/api/v1/{kind}/{rng.choice(self.ids[kind])}/", None, False
        if roll < 0.70:
            entity = rng.choice(self.ids["entities"])
            route = rng.choice(["articles", "quotes", "events", "related", "timeline"])
            return f"navigation {route}", "GET", f"/api/v1/entities/{entity}/{route}/", None, False
        if roll < 0.75:
            kind = rng.choice(["articles", "quotes", "events"])
            fmt = rng.choice(["csv", "jsonl"])
            return f"export {kind}", "GET", f"/api/v1/{kind}/export/?format={fmt}", None, False
        if roll < 0.83:
            return "cursor walk", "WALK", None, None, False
        if roll < 0.98:
            return self._patch(rng)
        text = " ".join(rng.sample(self.sentences, 5))
        body = {"raw_text": f"Report {secrets.token_hex(2)}\n\n{text}", "source": rng.choice(self.sources)}
        return "POST articles", "POST", "/api/v1/articles/", body, True

    def _list(self, rng: random.Random):
        kind = rng.choice(list(self.LISTS))
        params: dict[str, str] = {"page_size": str(rng.choice([5, 25, 100]))}
        if rng.random() < 0.5:
            params["ordering"] = rng.choice(self.LISTS[kind])
        filters = {
            "articles": lambda: {
                rng.choice(["entity", "speaker"]): rng.choice(self.names),
                "published_after": "2025-01-01",
            },
            "entities": lambda: {rng.choice(["type", "q"]): rng.choice(["person", "location"])},
            "quotes": lambda: {"speaker_type": "person", "entity": rng.choice(self.names)},
            "events": lambda: {rng.choice(["participant", "entity"]): rng.choice(self.names), "main": "true"},
            "stories": lambda: {"entity": rng.choice(self.names)},
            "sources": lambda: {"q": rng.choice(self.sources)[:3]},
        }
        if rng.random() < 0.6:
            params.update(filters[kind]())
        expansions = {
            "quotes": "speaker,article",
            "events": "location,participants,articles",
            "articles": "story",
        }
        if kind in expansions and rng.random() < 0.3:
            params["expand"] = expansions[kind]
        elif rng.random() < 0.2:
            params["fields"] = "id"
        if kind == "articles" and rng.random() < 0.2:
            params["q"] = rng.choice(["talks", "minister -ukraine", '"peace process"', "drone or missile"])
        return f"list {kind}", "GET", f"/api/v1/{kind}/?{urllib.parse.urlencode(params)}", None, False

    def _patch(self, rng: random.Random):
        kind = rng.choice(["entities", "events", "quotes", "articles"])
        pk = rng.choice(self.ids[kind])
        stamp = secrets.token_hex(3)
        body = {
            "entities": {"role": f"checked {stamp}"},
            # The type too: a stored type that is no longer a choice would refuse a title-only correction.
            "events": {"title": f"Corrected event {stamp}", "type": rng.choice(["diplomacy", "conflict"])},
            "quotes": {"kind": rng.choice(["direct", "indirect"])},
            "articles": {"title": f"Corrected title {stamp}"},
        }[kind]
        return f"PATCH {kind}", "PATCH", f"/api/v1/{kind}/{pk}/", body, True


def client_loop(
    workload: Workload,
    client: Client,
    deadline: float,
    seed: int,
    records: list,
    fives: list,
    refusals,
    jobs: list,
):
    rng = random.Random(seed)
    while time.time() < deadline:
        name, method, path, body, write = workload.pick(rng)
        if method == "WALK":
            kind = rng.choice(list(Workload.LISTS))
            path = f"/api/v1/{kind}/?page_size=2&ordering={rng.choice(Workload.LISTS[kind])}"
            while path and time.time() < deadline:
                status, seconds, payload = client.request("GET", path)
                records.append((time.time(), name, status, seconds))
                if status >= 500 or status == 0:
                    fives.append((name, "GET", path, status, payload[:500].decode(errors="replace")))
                if status != 200:
                    break
                following = json.loads(payload)["next"]
                path = (
                    urllib.parse.urlsplit(following)._replace(scheme="", netloc="").geturl()
                    if following
                    else None
                )
            continue
        status, seconds, payload = client.request(method, path, body, write)
        records.append((time.time(), name, status, seconds))
        if status >= 500 or status == 0:
            fives.append((name, method, path, status, payload[:500].decode(errors="replace")))
        if status == 202:
            # The extraction job: polled until it ends, as a client would, its end state counted.
            job = json.loads(payload)
            job_path = urllib.parse.urlsplit(job["url"]).path
            queued = time.time()
            while job["state"] not in ("succeeded", "failed", "dead") and time.time() < deadline + 300:
                time.sleep(0.5)
                status, seconds, payload = client.request("GET", job_path)
                records.append((time.time(), "GET job", status, seconds))
                if status != 200:
                    fives.append(("GET job", "GET", job_path, status, payload[:500].decode(errors="replace")))
                    break
                job = json.loads(payload)
            jobs.append((job["state"], time.time() - queued, job.get("error")))
        elif status >= 400 and len(refusals[(name, status)]) < 2:
            refusals[(name, status)].append((path, body, payload[:300].decode(errors="replace")))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def read_probes(path: Path, started: float) -> list[dict]:
    """The workers' own memory probes (benchmarks/soak_gunicorn.conf.py), time made relative to the start."""
    probes = []
    for line in path.read_text().splitlines() if path.exists() else []:
        probe = json.loads(line)
        probe["time"] -= started
        probes.append(probe)
    return probes


def slope_per_minute(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, value) points, per minute."""
    if len(points) < 2:
        return 0.0
    mean_t = statistics.mean(t for t, _ in points)
    mean_v = statistics.mean(v for _, v in points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    return 60 * sum((t - mean_t) * (v - mean_v) for t, v in points) / spread if spread else 0.0


def memory_pids(rss: list) -> set:
    return {pid for _, sample in rss for pid in sample if pid != "celery"}


def memory_report(rss: list, probes: list[dict], elapsed: float, warmup: float) -> dict:
    """Per-minute RSS of every worker (sampled from outside) and its live Python heap (probed inside
    between two requests), then the growth after the warm-up and over the second half of the run."""
    names = {pid: f"worker {n}" for n, pid in enumerate(sorted(memory_pids(rss)), 1)}
    if any("celery" in sample for _, sample in rss):
        names["celery"] = "celery"
    minutes = int(elapsed // 60) + (elapsed % 60 > 30)

    def rss_points(pid) -> list[tuple[float, float]]:
        return [(t, sample[pid]) for t, sample in rss if sample.get(pid)]

    def heap_points(pid) -> list[tuple[float, float]]:
        return [(p["time"], p["blocks"] / 1000) for p in probes if p["pid"] == pid]

    def minute_mean(points, minute) -> str:
        values = [v for t, v in points if minute * 60 <= t < (minute + 1) * 60]
        return f"{statistics.mean(values):.0f}" if values else "-"

    print("\nMemory per minute (mean): RSS in MB sampled every 5 s from outside; heap: thousands of blocks")
    print("Python's allocator holds, probed by the worker itself between two requests (celery: RSS only)")
    header = [f"{names[pid]} RSS | {names[pid]} heap" if pid != "celery" else "celery RSS" for pid in names]
    print("| minute | " + " | ".join(header) + " |")
    print("|---:|" + "---:|" * sum(2 if pid != "celery" else 1 for pid in names))
    for minute in range(minutes):
        cells = []
        for pid in names:
            cells.append(minute_mean(rss_points(pid), minute))
            if pid != "celery":
                cells.append(minute_mean(heap_points(pid), minute))
        print(f"| {minute} | " + " | ".join(cells) + " |")

    half = elapsed / 2
    report = {}
    print(
        f"\nGrowth after the warm-up (first {warmup:g} min left out) and over the second half (from {half / 60:.1f} min):"
    )
    for pid, name in names.items():
        points = rss_points(pid)
        warm = [v for t, v in points if warmup * 60 <= t < (warmup + 1) * 60]
        last = [v for t, v in points if t >= elapsed - 60]
        second_half = [(t, v) for t, v in points if t >= half]
        if not (warm and last and second_half):
            continue
        entry = {
            "after_warmup": statistics.mean(warm),
            "last_minute": statistics.mean(last),
            "second_half_change": second_half[-1][1] - second_half[0][1],
            "second_half_slope": slope_per_minute(second_half),
            "after_warmup_slope": slope_per_minute([(t, v) for t, v in points if t >= warmup * 60]),
            "peak": max(v for _, v in points),
        }
        text = (
            f"  {name}: RSS {entry['after_warmup']:.0f} MB after warm-up -> {entry['last_minute']:.0f} MB "
            f"in the last minute (peak {entry['peak']:.0f}); slope {entry['after_warmup_slope']:+.2f} MB/min "
            f"after warm-up, {entry['second_half_slope']:+.2f} MB/min over the second half "
            f"({entry['second_half_change']:+.1f} MB)"
        )
        heap = [(t, v) for t, v in heap_points(pid) if t >= half]
        if heap:
            entry["heap_second_half_slope"] = slope_per_minute(heap)
            entry["heap_second_half_mean"] = statistics.mean(v for _, v in heap)
            text += (
                f"; heap {entry['heap_second_half_mean']:.0f}k blocks, "
                f"{entry['heap_second_half_slope']:+.2f}k blocks/min over the second half"
            )
        print(text)
        report[name] = entry
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("SOAK_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--gunicorn-config",
        type=Path,
        default=REPO / "benchmarks" / "soak_gunicorn.conf.py",
        help="the production config plus a memory probe per worker (default)",
    )
    parser.add_argument(
        "--max-requests", type=int, default=0, help="GUNICORN_MAX_REQUESTS (0: workers never recycled)"
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/7"),
        help="broker and throttle cache, with one Celery worker extracting; 'none': jobs run in the web worker",
    )
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="minutes left out of the growth figures (default 2)"
    )
    args = parser.parse_args(argv)

    recreate_database(args.database_url)
    memory_log = REPO / "var" / "soak-memory.jsonl"
    memory_log.parent.mkdir(exist_ok=True)
    memory_log.write_text("")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "NEWSAPI_THROTTLE_ANON": "10000000/hour",
        "NEWSAPI_THROTTLE_USER": "10000000/hour",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_MAX_REQUESTS": str(args.max_requests),
        "SOAK_MEMORY_LOG": str(memory_log),
        "PYTHONPATH": str(REPO),
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    if args.redis_url != "none":
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        env["REDIS_URL"] = args.redis_url
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "createcachetable")
    print(manage(env, "load_seed_data").strip())
    token = manage(env, "create_api_token", "soak-editor").strip().splitlines()[-1]

    log = open(REPO / "var" / "soak-gunicorn.log", "w")  # noqa: SIM115 - open for the server's life
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(args.gunicorn_config)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    celery = None
    if args.redis_url != "none":
        celery = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsapi",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        client = Client(port, token)
        for _ in range(120):
            time.sleep(0.5)
            if client.request("GET", "/api/v1/")[0] == 200:
                break
        else:
            raise SystemExit("gunicorn did not answer; see var/soak-gunicorn.log")
        workload = Workload(client)
        print(
            f"gunicorn pid {server.pid}, workers {worker_pids(server.pid)}, port {port}; "
            + ", ".join(f"{len(v)} {k}" for k, v in workload.ids.items())
        )

        records: list = []
        fives: list = []
        jobs: list = []
        refusals: dict = defaultdict(list)
        rss: list[tuple[float, dict[int, float]]] = []
        started = time.time()
        deadline = started + args.minutes * 60
        threads = [
            threading.Thread(
                target=client_loop,
                args=(workload, Client(port, token), deadline, i, records, fives, refusals, jobs),
            )
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            sample = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}
            if celery is not None:
                sample["celery"] = sum(
                    filter(None, [rss_mb(celery.pid)] + [rss_mb(p) for p in worker_pids(celery.pid)])
                )
            rss.append((time.time() - started, sample))
            time.sleep(5)
        for thread in threads:
            thread.join()
        workers_at_end = worker_pids(server.pid)
    finally:
        if celery is not None:
            celery.send_signal(signal.SIGTERM)
            celery.wait(timeout=60)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()

    elapsed = time.time() - started
    by_kind: dict[str, list] = defaultdict(list)
    for _, name, status, seconds in records:
        by_kind[name].append((status, seconds))
    print(
        f"\n{len(records)} requests in {elapsed / 60:.1f} min ({len(records) / elapsed:.1f}/s), "
        f"{args.clients} clients, {args.workers} workers"
    )
    print("| request | count | statuses | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---|---:|---:|---:|---:|")
    summary = {}
    for name in sorted(by_kind):
        rows = by_kind[name]
        seconds = [s * 1000 for _, s in rows]
        statuses = Counter(status for status, _ in rows)
        summary[name] = {
            "count": len(rows),
            "statuses": dict(statuses),
            "p50": percentile(seconds, 0.5),
            "p95": percentile(seconds, 0.95),
            "p99": percentile(seconds, 0.99),
            "max": max(seconds),
        }
        status_text = " ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
        print(
            f"| {name} | {len(rows)} | {status_text} | {summary[name]['p50']:.0f} | "
            f"{summary[name]['p95']:.0f} | {summary[name]['p99']:.0f} | {summary[name]['max']:.0f} |"
        )
    all_ms = [r[3] * 1000 for r in records]
    print(
        f"all: p50 {percentile(all_ms, 0.5):.0f} ms, p95 {percentile(all_ms, 0.95):.0f} ms, "
        f"p99 {percentile(all_ms, 0.99):.0f} ms"
    )

    print(f"\n5xx or failed connections: {len(fives)}")
    for five in fives[:20]:
        print("  ", five)

    states = Counter(state for state, _, _ in jobs)
    print(f"\nextraction jobs: {dict(states)}", end="")
    if jobs:
        waits = [w * 1000 for _, w, _ in jobs]
        print(f", queued to ended p50 {percentile(waits, 0.5):.0f} ms, p95 {percentile(waits, 0.95):.0f} ms")
    for state, _, error in jobs:
        if state != "succeeded":
            print(f"   {state}: {error}")
    print("\n4xx answers (two of each kind):")
    for (name, status), samples in sorted(refusals.items()):
        for sample in samples:
            print(f"   {name} {status}: {sample}")

    print(
        f"\ngunicorn workers at the start {sorted(p for p in memory_pids(rss))}, at the end {workers_at_end}"
    )
    memory = memory_report(rss, read_probes(memory_log, started), elapsed, args.warmup)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "summary": summary,
                    "fives": fives,
                    "jobs": jobs,
                    "memory": memory,
                    "rss": rss,
                    "probes": read_probes(memory_log, started),
                    "elapsed": elapsed,
                },
                indent=1,
            )
        )
    return 1 if fives else 0


if __name__ == "__main__":
    sys.exit(main())
