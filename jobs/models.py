"""Extraction jobs: one article's extraction, queued by the API or `ingest --async`, run by a worker."""

from django.db import models

from jobs.choices import JobState


class Job(models.Model):
    """One raw article waiting for, undergoing or done with extraction on a worker."""

    state = models.CharField(max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    progress = models.FloatField(default=0.0, help_text="From 0 (queued) to 1 (stored).")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Runs started, retries included.")
    content_hash = models.CharField(max_length=64, help_text="The text's hash: the job's idempotency key.")
    # The input, kept until the article is stored (the article holds the text from then on).
    raw_text = models.TextField(blank=True, default="")
    url = models.URLField(max_length=1000, blank=True, default="")
    source_name = models.CharField(max_length=255, blank=True, default="")
    published_at = models.DateField(null=True, blank=True)
    title = models.CharField(
        max_length=500, blank=True, default="", help_text="The headline the caller gave."
    )
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_article = models.BooleanField(
        null=True,
        blank=True,
        help_text="True when this job stored a new article, False when the text was stored already.",
    )
    error = models.TextField(blank=True, default="", help_text="The last error, with the attempt it ended.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            # The admin's dead-letter view: jobs in one state, newest first.
            models.Index(fields=["state", "-id"], name="job_state_id_idx"),
            # Enqueueing the same text again finds its active job.
            models.Index(fields=["content_hash", "state"], name="job_hash_state_idx"),
        ]

    def __str__(self) -> str:
        return f"Job {self.pk} ({self.state})"
