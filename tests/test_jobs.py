"""Extraction jobs: POST /articles/ and `ingest --async` queue them, workers run them (in-process without
a broker), retries back off, a job that keeps failing ends dead in the admin's dead-letter list."""

import contextlib
import json
import logging
import time

import kombu.pools
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.urls import reverse

from articles.models import Article
from jobs import services
from jobs.choices import JobState
from jobs.models import Job
from newsapi.roles import EDITORS, VIEWERS, ensure_groups
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

LAVROV = (
    "Talks set for Monday\n\nMOSCOW — Russian Foreign Minister Sergei Lavrov said on Wednesday that "
    "talks would be held in Istanbul. \u201cWe are ready,\u201d Lavrov said."
)


class Flaky:
    """An extraction that fails ``failures`` times with a transient error, then hands back an article's
    extraction that is never used because the text is stored meanwhile."""

    def __init__(self, failures: int) -> None:
        self.failures, self.calls = failures, 0

    def __call__(self, raw_text, published_at, title):
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("the database went away")
        ArticleFactory(raw_text=raw_text, content_hash=services.content_hash(raw_text))
        return None


def test_a_stored_text_posted_again_answers_202_with_a_succeeded_job_linking_the_article(editor_client):
    """The content hash is the idempotency key: the job finds the stored article and stores nothing."""
    article = ArticleFactory()
    response = editor_client.post("/api/v1/articles/", {"raw_text": article.raw_text}, format="json")
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == job["url"]
    assert job["state"] == "succeeded" and job["progress"] == 1.0 and job["attempts"] == 1
    assert job["created_article"] is False
    assert job["article"] == article.id
    assert job["result"].endswith(f"/api/v1/articles/{article.id}/")
    assert Article.objects.count() == 1
    polled = editor_client.get(job["url"])
    assert polled.status_code == 200
    assert polled.json() == job


def test_a_transient_error_is_retried_with_backoff_and_the_job_then_succeeds(editor_client, monkeypatch):
    """Two failures, then success: three attempts, the article stored once, the error cleared."""
    flaky = Flaky(failures=2)
    monkeypatch.setattr(services, "_extract", flaky)
    delays = []
    real_delay = services.retry_delay
    monkeypatch.setattr(services, "retry_delay", lambda retries: delays.append(real_delay(retries)) or 0)
    job = editor_client.post("/api/v1/articles/", {"raw_text": "A new text."}, format="json").json()
    assert job["state"] == "succeeded", job
    assert job["attempts"] == 3
    assert job["error"] == ""
    assert delays == [5, 10]  # doubling from NEWSAPI_JOB_RETRY_BACKOFF
    assert Article.objects.count() == 1


def test_a_job_that_keeps_failing_ends_dead_with_its_last_error(editor_client, monkeypatch, settings):
    """After NEWSAPI_JOB_MAX_RETRIES retries the job is dead, its text kept for a requeue."""
    settings.NEWSAPI_JOB_MAX_RETRIES = 2
    monkeypatch.setattr(services, "_extract", Flaky(failures=99))
    monkeypatch.setattr(services, "retry_delay", lambda retries: 0)
    job = editor_client.post("/api/v1/articles/", {"raw_text": "Never stored."}, format="json").json()
    assert job["state"] == "dead"
    assert job["attempts"] == 3
    assert job["error"] == "attempt 3: ConnectionError: the database went away"
    assert job["result"] is None
    assert Article.objects.count() == 0
    assert Job.objects.get(pk=job["id"]).raw_text == "Never stored."


def test_the_same_text_queued_twice_while_active_gets_the_same_job():
    """A second enqueue of a text whose job has not run yet returns that job instead of a new one."""
    first = Job.objects.create(content_hash=services.content_hash("Queued text."), raw_text="Queued text.")
    again = services.job_enqueue(raw_text="Queued text.")
    assert again.pk == first.pk
    assert Job.objects.count() == 1


def test_the_same_text_queued_again_with_an_outlet_or_date_gets_a_job_that_applies_them():
    """The active job would store the text without them: the caller's outlet and date are not lost."""
    first = Job.objects.create(content_hash=services.content_hash("Queued text."), raw_text="Queued text.")
    ArticleFactory(raw_text="Queued text.", content_hash=services.content_hash("Queued text."))
    with_source = services.job_enqueue(raw_text="Queued text.", source_name="Reuters")
    assert with_source.pk != first.pk
    assert with_source.state == "succeeded"
    assert services.article_find(raw_text="Queued text.").source.name == "Reuters"
    assert services.job_enqueue(raw_text="Queued text.").pk == first.pk


def test_a_batch_post_queues_one_job_per_article_in_order(editor_client):
    """The batch answers 202 with a job for each article, in the order given."""
    articles = ArticleFactory.create_batch(3)
    response = editor_client.post(
        "/api/v1/articles/batch/", {"articles": [{"raw_text": a.raw_text} for a in articles]}, format="json"
    )
    assert response.status_code == 202, response.content
    jobs = response.json()["jobs"]
    assert [job["article"] for job in jobs] == [a.id for a in articles]
    assert {job["state"] for job in jobs} == {"succeeded"}


def test_a_batch_with_one_empty_article_is_a_400_naming_it_and_queues_nothing(editor_client):
    """Every article is checked before any is queued."""
    body = {"articles": [{"raw_text": "Fine text."}, {"raw_text": "\x00 "}]}
    response = editor_client.post("/api/v1/articles/batch/", body, format="json")
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["articles.1.raw_text"]
    assert Job.objects.count() == 0


def test_an_anonymous_client_cannot_queue_articles(api_client):
    """Queueing is a write: it needs a token."""
    response = api_client.post("/api/v1/articles/batch/", {"articles": [{"raw_text": "x"}]}, format="json")
    assert response.status_code == 401
    assert Job.objects.count() == 0


def _ingest_json(*args: str, capsys) -> dict:
    with contextlib.suppress(CommandError):  # a skipped file: the document says which
        call_command("ingest", *args, "--async", "--json")
    return json.loads(capsys.readouterr().out)


def test_ingest_async_queues_only_new_texts_and_a_stored_one_is_unchanged(tmp_path, capsys, monkeypatch):
    """With a broker, a new text becomes a job (outcome queued, its note names it); a text stored
    already is unchanged, as without --async, and queues nothing."""
    from jobs.tasks import extract_article
    from newsapi.celery import app

    sent = []
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(extract_article, "delay", sent.append)
    stored = ArticleFactory()
    (tmp_path / "a.txt").write_text(stored.raw_text)
    (tmp_path / "b.txt").write_text(LAVROV)
    (tmp_path / "c.txt").write_text("   ")
    document = _ingest_json(str(tmp_path), capsys=capsys)
    assert document["summary"]["unchanged"] == 1
    assert document["summary"]["queued"] == 1
    assert document["summary"]["skipped"] == 1
    job = Job.objects.get()
    assert sent == [job.pk]
    by_name = {f["path"].rsplit("/", 1)[1]: f for f in document["files"]}
    assert by_name["a.txt"]["outcome"] == "unchanged"
    assert by_name["a.txt"]["article_id"] == stored.id
    assert by_name["b.txt"]["outcome"] == "queued"
    assert by_name["b.txt"]["note"] == f"job {job.pk} queued"


def test_ingest_async_without_a_broker_reports_each_jobs_outcome(tmp_path, capsys, monkeypatch):
    """Without a broker the jobs run in the command: a new text is stored (with its title), a text
    stored already is unchanged, a job that fails is a skipped file with the job's error."""
    stored = ArticleFactory()
    (tmp_path / "a.txt").write_text(stored.raw_text)
    (tmp_path / "b.txt").write_text(LAVROV)
    document = _ingest_json(str(tmp_path), capsys=capsys)
    by_name = {f["path"].rsplit("/", 1)[1]: f for f in document["files"]}
    assert by_name["a.txt"]["outcome"] == "unchanged"
    new = Article.objects.exclude(pk=stored.pk).get()
    assert by_name["b.txt"]["outcome"] == "stored"
    assert (by_name["b.txt"]["article_id"], by_name["b.txt"]["title"]) == (new.pk, new.title)
    assert by_name["b.txt"]["note"] == f"job {Job.objects.get().pk} succeeded"

    monkeypatch.setattr(services, "_extract", Flaky(failures=99))
    monkeypatch.setattr(services, "retry_delay", lambda retries: 0)
    (tmp_path / "c.txt").write_text("A text the extraction keeps failing on.")
    with pytest.raises(CommandError, match="c.txt: attempt .*: ConnectionError"):
        call_command("ingest", str(tmp_path / "c.txt"), "--async")
    assert "1 skipped." in capsys.readouterr().out


def test_ingest_async_queues_a_stored_text_whose_date_means_extracting_it_again(tmp_path, capsys):
    """--published-at on a stored text is weighed by extracting it again: that is a job's work; run
    in the command without a broker, the file is updated."""
    stored = ArticleFactory()
    (tmp_path / "a.txt").write_text(stored.raw_text)
    document = _ingest_json(str(tmp_path), "--published-at", "2025-05-28", capsys=capsys)
    assert [f["outcome"] for f in document["files"]] == ["updated"]
    assert Job.objects.get().article_id == stored.pk
    assert services.article_find(raw_text=stored.raw_text).published_at_clues[0]["value"] == "2025-05-28"


def test_ingest_async_refuses_reextract_which_no_job_does(tmp_path):
    """A job stores a new text or applies metadata; it never re-extracts a stored one."""
    (tmp_path / "a.txt").write_text(ArticleFactory().raw_text)
    with pytest.raises(CommandError, match="--reextract"):
        call_command("ingest", str(tmp_path), "--async", "--reextract")
    assert Job.objects.count() == 0


def test_a_job_run_in_process_logs_no_broker_warning(editor_client, caplog):
    """Without a broker an eager task still takes a producer; the in-memory URL names its host, so
    kombu does not warn "No hostname was supplied" (once per process, at its first job)."""
    from newsapi.celery import app

    # The warning comes with a pool's first connection: start from none (kombu keeps them globally).
    _drop_connections(app)
    kombu.pools.reset()
    article = ArticleFactory()
    with caplog.at_level(logging.WARNING):
        response = editor_client.post("/api/v1/articles/", {"raw_text": article.raw_text}, format="json")
    assert response.status_code == 202
    assert [r.getMessage() for r in caplog.records if r.name.startswith("kombu")] == []


def _staff(username: str, group: str):
    ensure_groups()
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_admin_lists_dead_jobs_and_a_viewer_can_neither_change_nor_requeue_them(client):
    """Viewers see the dead-letter list; the change form and the requeue action refuse them."""
    dead = Job.objects.create(content_hash="d" * 64, raw_text="Dead text.", state=JobState.DEAD, error="boom")
    client.force_login(_staff("viewer", VIEWERS))
    changelist = reverse("admin:jobs_job_changelist")
    page = client.get(changelist, {"state__exact": "dead"})
    assert page.status_code == 200
    assert b"boom" in page.content
    assert b'name="action"' not in page.content
    response = client.post(changelist, {"action": "requeue", "_selected_action": [dead.pk]})
    assert response.status_code in {200, 302, 403}
    change = reverse("admin:jobs_job_change", args=[dead.pk])
    assert client.post(change, {"state": "queued", "error": ""}).status_code == 403
    dead.refresh_from_db()
    assert (dead.state, dead.error, dead.attempts) == (JobState.DEAD, "boom", 0)


def test_an_editor_requeues_a_dead_job_from_the_admin(client, monkeypatch):
    """The requeue action runs the job again from the start: the text is stored once."""
    dead = Job.objects.create(
        content_hash=services.content_hash("Dead text."),
        raw_text="Dead text.",
        state=JobState.DEAD,
        attempts=4,
    )
    monkeypatch.setattr(services, "_extract", Flaky(failures=0))
    client.force_login(_staff("editor", EDITORS))
    response = client.post(
        reverse("admin:jobs_job_changelist"), {"action": "requeue", "_selected_action": [dead.pk]}
    )
    assert response.status_code == 302
    dead.refresh_from_db()
    assert dead.state == JobState.SUCCEEDED
    assert dead.attempts == 1
    assert dead.article.raw_text == "Dead text."


def _drop_connections(app) -> None:
    """Forget pooled broker connections, so the next publish uses the broker URL set now."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_takes_the_job_from_redis_and_stores_the_article(editor_client):
    """With Redis as broker (db 3) the POST only queues; a worker thread extracts and stores the text."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/3", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    from celery.contrib.testing.worker import start_worker

    from newsapi.celery import app

    previous = app.conf.broker_url
    app.conf.update(broker_url="redis://127.0.0.1:6379/3", task_always_eager=False)
    _drop_connections(app)
    try:
        response = editor_client.post("/api/v1/articles/", {"raw_text": LAVROV}, format="json")
        assert response.status_code == 202
        assert response.json()["state"] == "queued"
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    job = editor_client.get(response["Location"]).json()
                except OperationalError as error:
                    # The test database is SQLite in memory with a shared cache, where a read meets
                    # the worker thread's write as a table lock at once (no busy timeout): poll again.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.5)
                    continue
                if job["state"] not in {"queued", "running", "retrying"}:
                    break
                time.sleep(0.5)
    finally:
        app.conf.update(broker_url=previous, task_always_eager=True)
        _drop_connections(app)
    assert job["state"] == "succeeded", job
    article = editor_client.get(job["result"]).json()
    assert any(m["entity"]["name"] == "Sergei Lavrov" for m in article["mentions"])


def test_an_extraction_worker_process_is_replaced_after_a_bounded_number_of_jobs():
    """spaCy's vocabulary grows with every new word a process meets: Celery replaces each pool
    process after NEWSAPI_WORKER_MAX_JOBS jobs (the setting reaches the app through its namespace)."""
    from django.conf import settings

    from newsapi.celery import app

    assert app.conf.worker_max_tasks_per_child == settings.CELERY_WORKER_MAX_TASKS_PER_CHILD
    assert 0 < app.conf.worker_max_tasks_per_child <= 10_000


class Broken:
    """An extraction that fails with ``error`` on every call, counting its calls."""

    def __init__(self, error: Exception) -> None:
        self.error, self.calls = error, 0

    def __call__(self, raw_text, published_at, title):
        self.calls += 1
        raise self.error


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ValueError("the text has no sentences"), "ValueError: the text has no sentences"),
        (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        ),
        (KeyError("speaker"), "KeyError: 'speaker'"),
    ],
)
def test_an_error_that_would_recur_fails_the_job_at_once_with_its_message(
    editor_client, monkeypatch, caplog, error, message
):
    """One attempt, no backoff, the message recorded once; it was retried NEWSAPI_JOB_MAX_RETRIES times,
    each failing the same way, and the job ended dead after the whole backoff."""
    broken = Broken(error)
    monkeypatch.setattr(services, "_extract", broken)
    delays = []
    monkeypatch.setattr(services, "retry_delay", lambda retries: delays.append(retries) or 0)
    with caplog.at_level(logging.ERROR, logger="jobs.tasks"):
        job = editor_client.post(
            "/api/v1/articles/", {"raw_text": "A text it chokes on."}, format="json"
        ).json()
    assert (job["state"], job["attempts"], job["error"]) == ("failed", 1, f"attempt 1: {message}")
    assert (broken.calls, delays) == (1, [])
    assert Job.objects.get(pk=job["id"]).raw_text == "A text it chokes on."  # kept for a requeue after a fix
    assert [record.exc_info[0] for record in caplog.records] == [type(error)]


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        ConnectionResetError("connection reset by peer"),
        TimeoutError("timed out"),
    ],
)
def test_a_transient_error_is_retried(editor_client, monkeypatch, settings, error):
    """The database or a connection going away, or a timeout: retried, then the job is dead."""
    settings.NEWSAPI_JOB_MAX_RETRIES = 2
    broken = Broken(error)
    monkeypatch.setattr(services, "_extract", broken)
    monkeypatch.setattr(services, "retry_delay", lambda retries: 0)
    job = editor_client.post("/api/v1/articles/", {"raw_text": "Never stored."}, format="json").json()
    assert (job["state"], job["attempts"], broken.calls) == ("dead", 3, 3)
    assert job["error"] == f"attempt 3: {type(error).__name__}: {error}"
