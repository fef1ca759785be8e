"""The Celery task a worker runs for each job."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from jobs import services
from jobs.choices import FINISHED_STATES, JobState
from jobs.models import Job
from newsapi.celery import app


@app.task(bind=True, name="jobs.extract_article", acks_late=True, ignore_result=True)
def extract_article(self, job_id: int) -> None:
    """Run one job. A bad text fails at once; any other error is retried with backoff, then the job is dead."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.state in FINISHED_STATES:
        return  # deleted, or delivered again after it finished: nothing to do
    try:
        services.job_run(job=job)
    except ValidationError as error:
        services.job_fail(job=job, error=error, state=JobState.FAILED)
    except Exception as error:
        if self.request.retries >= settings.NEWSAPI_JOB_MAX_RETRIES:
            services.job_fail(job=job, error=error, state=JobState.DEAD)
            return
        services.job_fail(job=job, error=error, state=JobState.RETRYING)
        raise self.retry(exc=error, countdown=services.retry_delay(self.request.retries)) from error
