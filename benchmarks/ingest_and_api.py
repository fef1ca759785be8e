"""Ingest into a database and read it back through the API: time per article, peak memory, list latency.

    taskset -c 0 python benchmarks/ingest_and_api.py [--eval-dir ../shared/eval] [--database-url URL]

Ingests the seeds and the news-cluster dev articles (209 texts) into a fresh
database (a temporary SQLite file unless --database-url is given), with the
same service the command line and the API use, then times each list endpoint
(page_size=100, 20 requests, median) through Django's test client, so the
figure is the server's own work without a network.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)

    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapi.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from articles.models import Article
    from articles.services import article_ingest
    from newsapi.extraction.pipeline import extract_articles

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        print("The database is not empty; give an empty one.", file=sys.stderr)
        return 2
    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted(
        (args.eval_dir / "news-cluster-dev" / "articles").glob("*.txt")
    )
    texts = [path.read_text(encoding="utf-8") for path in paths]

    started = time.perf_counter()
    extractions = list(extract_articles(texts))
    extract_seconds = time.perf_counter() - started
    store_times = []
    for text, extraction in zip(texts, extractions, strict=True):
        started = time.perf_counter()
        article_ingest(raw_text=text, extraction=extraction)
        store_times.append(time.perf_counter() - started)

    client = Client()
    latency = {}
    for url in [
        "/api/v1/articles/",
        "/api/v1/entities/",
        "/api/v1/quotes/",
        "/api/v1/events/",
        "/api/v1/stories/",
    ]:
        runs = []
        for _ in range(20):
            started = time.perf_counter()
            response = client.get(url, {"page_size": 100})
            runs.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:200]
        latency[url] = round(1000 * statistics.median(runs), 1)

    report = {
        "database": django.db.connection.vendor,
        "articles": len(texts),
        "extraction_seconds_total": round(extract_seconds, 2),
        "extraction_ms_per_article": round(1000 * extract_seconds / len(texts), 1),
        "store_ms_per_article_median": round(1000 * statistics.median(store_times), 1),
        "store_ms_per_article_p90": round(1000 * sorted(store_times)[int(0.9 * len(store_times))], 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "list_latency_ms_median_page_size_100": latency,
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
