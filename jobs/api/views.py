"""The job resource: GET /api/v1/jobs/{id}/ answers where an enqueued extraction stands."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from jobs.api.serializers import JobSerializer
from jobs.models import Job
from newsapi.api.schema import NewsAutoSchema
from newsapi.api.views import QueryParameterCheckMixin


@extend_schema_view(retrieve=extend_schema(summary="An extraction job: state, progress, result link, error"))
class JobViewSet(QueryParameterCheckMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Extraction jobs queued by POST /articles/ (one per article)."""

    schema = NewsAutoSchema()
    queryset = Job.objects.defer("raw_text")
    serializer_class = JobSerializer
    filter_backends = []
    pagination_class = None
    lookup_value_regex = "[0-9]+"
