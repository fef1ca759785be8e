"""Writes for extraction jobs: enqueue, run (on a worker, or in-process without a broker), fail, requeue.

The content hash is the job's idempotency key: enqueueing a text whose job is still active (for the same
outlet and date) returns that job, and a job delivered twice (a worker lost after starting it) stores its article once, because
``article_ingest`` stores a text once.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.services import article_find, article_ingest, article_text_prepare, content_hash
from jobs.choices import ACTIVE_STATES, JobState
from jobs.models import Job

EXTRACTED_PROGRESS = 0.5


def job_enqueue(
    *,
    raw_text: str,
    url: str = "",
    source_name: str | None = None,
    published_at: date | None = None,
    title: str = "",
) -> Job:
    """Queue one article's extraction and return its job (the active job of the same text with the same
    outlet, date and headline, if any: a job for other metadata is a job of its own, which applies it).

    Raises ``ValidationError`` (``ArticleTooLarge`` for a long text) before anything is queued.
    """
    text = article_text_prepare(raw_text)
    digest = content_hash(text)
    with transaction.atomic():
        job = (
            Job.objects.select_for_update()
            .filter(
                content_hash=digest,
                state__in=ACTIVE_STATES,
                source_name=source_name or "",
                published_at=published_at,
                title=title or "",
            )
            .order_by("id")
            .first()
        )
        if job is not None:
            return job
        job = Job(
            content_hash=digest,
            raw_text=text,
            url=url or "",
            source_name=source_name or "",
            published_at=published_at,
            title=title or "",
        )
        job.full_clean()
        job.save()
    _dispatch(job)
    job.refresh_from_db()
    return job


def job_enqueue_many(*, articles: list[dict]) -> list[Job]:
    """Queue each article (dicts with ``raw_text`` and optionally ``url``, ``source_name``, ``published_at``,
    ``title``).

    Every text is checked before any is queued, so a bad one queues nothing; the error names its index.
    """
    for index, item in enumerate(articles):
        try:
            article_text_prepare(item["raw_text"])
        except ValidationError as error:
            # Same class (a long text stays ArticleTooLarge, a 413), the field named with its index.
            raise type(error)({f"articles.{index}.raw_text": error.messages}) from error
    return [job_enqueue(**item) for item in articles]


def _dispatch(job: Job) -> None:
    # Without a broker (no REDIS_URL) Celery runs the task here and now (task_always_eager): the same
    # code path as on a worker. Imported here: the task module imports the Celery app.
    from jobs.tasks import extract_article

    extract_article.delay(job.pk)


def job_run(*, job: Job) -> Job:
    """Extract and store the job's article. Exceptions propagate (the task decides: retry or fail)."""
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, attempts=job.attempts + 1, updated_at=timezone.now()
    )
    job.refresh_from_db()
    published_at = job.published_at
    extraction = None
    if article_find(raw_text=job.raw_text) is None:
        extraction = _extract(job.raw_text, published_at, job.title)
        Job.objects.filter(pk=job.pk).update(progress=EXTRACTED_PROGRESS, updated_at=timezone.now())
    article, created = article_ingest(
        raw_text=job.raw_text,
        url=job.url,
        source_name=job.source_name or None,
        published_at=published_at,
        title=job.title,
        extraction=extraction,
    )
    job.refresh_from_db()
    job.state = JobState.SUCCEEDED
    job.progress = 1.0
    job.article = article
    job.created_article = created
    job.error = ""
    job.raw_text = ""  # the article holds it now
    job.finished_at = timezone.now()
    job.save()
    return job


def _extract(raw_text: str, published_at: date | None, title: str):
    # Imported here: only a process that runs a job loads the NLP model.
    from newsapi.extraction.pipeline import extract_article

    return extract_article(raw_text, published_hint=published_at, title_hint=title or None)


def job_fail(*, job: Job, error: BaseException, state: str) -> Job:
    """Record an attempt's error; ``state`` is RETRYING (another attempt follows), FAILED or DEAD."""
    message = (
        "; ".join(error.messages)
        if isinstance(error, ValidationError)
        else f"{type(error).__name__}: {error}"
    )
    job.refresh_from_db()
    job.state = state
    job.error = f"attempt {job.attempts}: {message}"[:4000]
    if state != JobState.RETRYING:
        job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "finished_at", "updated_at"])
    return job


def job_requeue(*, job: Job) -> Job:
    """Queue a failed or dead job again (after a fix), with a fresh set of retries."""
    if job.state not in (JobState.FAILED, JobState.DEAD):
        raise ValidationError(
            {"state": f"Only failed or dead jobs are queued again; this one is {job.state}."}
        )
    if not job.raw_text:
        raise ValidationError({"raw_text": "The job no longer holds its text."})
    job.state, job.attempts, job.progress, job.finished_at = JobState.QUEUED, 0, 0.0, None
    job.save(update_fields=["state", "attempts", "progress", "finished_at", "updated_at"])
    _dispatch(job)
    job.refresh_from_db()
    return job


def retry_delay(retries: int) -> int:
    """Seconds before the next attempt: exponential backoff from NEWSAPI_JOB_RETRY_BACKOFF, capped at 10 min."""
    return min(600, settings.NEWSAPI_JOB_RETRY_BACKOFF * 2**retries)
