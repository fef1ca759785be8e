from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from jobs.models import Job
from newsapi.api.serializers import ModelSerializer


class JobSerializer(ModelSerializer):
    """An extraction job: where it stands and, once done, the article it stored."""

    url = serializers.SerializerMethodField(help_text="This job's address.")
    result = serializers.SerializerMethodField(
        help_text="The stored article's address once succeeded, else null."
    )

    class Meta:
        model = Job
        fields = [
            "id",
            "url",
            "state",
            "progress",
            "attempts",
            "article",
            "created_article",
            "result",
            "error",
            "created_at",
            "updated_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_url(self, job: Job) -> str:
        return reverse("jobs-api:job-detail", args=[job.pk], request=self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_result(self, job: Job) -> str | None:
        if job.article_id is None:
            return None
        return reverse(
            "articles-api:article-detail", args=[job.article_id], request=self.context.get("request")
        )


class JobBatchSerializer(serializers.Serializer):
    """The jobs a batch POST queued, one per article in the order given."""

    jobs = JobSerializer(many=True, read_only=True)
