from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    RETRYING = "retrying", "Retrying"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    DEAD = "dead", "Dead (retries exhausted)"


# A job in one of these states will not run again by itself.
FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED, JobState.DEAD)
ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING, JobState.RETRYING)
