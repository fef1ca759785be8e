"""The Celery task a worker runs for each job."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError

from jobs import services
from jobs.choices import FINISHED_STATES, JobState
from jobs.models import Job
from newsapi.celery import app

logger = logging.getLogger(__name__)

# Errors that may pass when the same job runs again a little later: the database or a connection went away
# or timed out, a lock wait or a serialization conflict (PostgreSQL reports both as OperationalError). Any
# other error comes from the job's text or from the code and would recur on every attempt: retrying it
# only delayed its report by the whole backoff (35 s with the default settings) and ended the job "dead".
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@app.task(bind=True, name="jobs.extract_article", acks_late=True, ignore_result=True)
def extract_article(self, job_id: int) -> None:
    """Run one job. A transient error is retried with backoff, then the job is dead; any other error fails
    it at once, recorded with its message (a bad text, or a bug: that one logged with its traceback)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.state in FINISHED_STATES:
        return  # deleted, or delivered again after it finished: nothing to do
    try:
        services.job_run(job=job)
    except ValidationError as error:
        services.job_fail(job=job, error=error, state=JobState.FAILED)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= settings.NEWSAPI_JOB_MAX_RETRIES:
            services.job_fail(job=job, error=error, state=JobState.DEAD)
            return
        services.job_fail(job=job, error=error, state=JobState.RETRYING)
        raise self.retry(exc=error, countdown=services.retry_delay(self.request.retries)) from error
    except Exception as error:
        logger.exception("Job %s failed; it is not retried, as the error would recur", job.pk)
        services.job_fail(job=job, error=error, state=JobState.FAILED)
