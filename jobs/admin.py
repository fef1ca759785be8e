"""Extraction jobs in the admin: the dead-letter list (state "dead") and a requeue action for editors."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from jobs import services
from jobs.choices import JobState
from jobs.models import Job
from newsapi.admin_mixins import CHANGE, ServiceAdmin, run_service


@admin.register(Job)
class JobAdmin(ServiceAdmin):
    """Read-only: jobs are written by the workers; editors may only queue a failed or dead job again."""

    list_display = ["id", "state", "progress", "attempts", "article_link", "error_brief", "updated_at"]
    list_filter = ["state"]
    search_fields = ["=id", "=content_hash"]
    list_select_related = ["article"]
    fields = [
        "state",
        "progress",
        "attempts",
        "content_hash",
        "url",
        "source_name",
        "published_at",
        "title",
        "article",
        "created_article",
        "error",
        "created_at",
        "updated_at",
        "finished_at",
    ]
    readonly_fields = fields
    actions = ["requeue"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("raw_text")

    @admin.display(description="article")
    def article_link(self, job: Job):
        if job.article_id is None:
            return "-"
        return format_html(
            '<a href="{}">#{}</a>',
            reverse("admin:articles_article_change", args=[job.article_id]),
            job.article_id,
        )

    @admin.display(description="error")
    def error_brief(self, job: Job) -> str:
        return job.error[:120]

    @admin.action(description="Queue the selected failed or dead jobs again", permissions=CHANGE)
    def requeue(self, request, queryset):
        for job in queryset.filter(state__in=[JobState.FAILED, JobState.DEAD]):
            run_service(
                self, request, lambda job=job: services.job_requeue(job=job), f"Job {job.pk} queued again."
            )

    def has_change_permission(self, request, obj=None):
        # The requeue action needs "change" on the list; no job's form is ever saved.
        return obj is None and admin.ModelAdmin.has_change_permission(self, request, obj)
