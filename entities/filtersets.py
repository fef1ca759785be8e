"""Filters for the entity list."""

import django_filters
from django.db.models import QuerySet

from entities.choices import EntityType
from entities.models import Entity, EntityAlias
from newsapi.api.filters import (
    ENTITY_REF_HELP,
    SOURCE_REF_HELP,
    EntityRefFilter,
    NewsFilterSet,
    RelatedDateRangeFilter,
    RelatedIdFilter,
    RelatedSourceRefFilter,
)


class EntityFilterSet(NewsFilterSet):
    type = django_filters.ChoiceFilter(field_name="type", choices=EntityType.choices, label="Entity type")
    q = django_filters.CharFilter(method="search", label="Name or alias contains (case-insensitive)")
    article = RelatedIdFilter(field_name="mentions__article", label="Mentioned in the article with this id")

    story = RelatedIdFilter(
        field_name="mentions__article__story", label="Mentioned in the story with this id"
    )
    source = RelatedSourceRefFilter(
        field_name="mentions__article__source", label=f"Mentioned by this source. {SOURCE_REF_HELP}"
    )
    published = RelatedDateRangeFilter(
        field_name="mentions__article__published_at",
        label="Mentioned in an article published on or after / on or before (YYYY-MM-DD)",
    )
    related_to = EntityRefFilter(
        paths=["mentions__article__mentions__entity"],
        label=f"Mentioned in the same articles as these entities. {ENTITY_REF_HELP}",
    )

    class Meta:
        model = Entity
        fields = [
            "type",
            "q",
            "article",
            "story",
            "source",
            "published",
            "related_to",
        ]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        # One id list from two index reads (trigram indexes on PostgreSQL): an OR of the name and an alias
        # subquery would read every entity.
        by_name = Entity.objects.filter(name__icontains=value).order_by().values("id")
        by_alias = EntityAlias.objects.filter(name__icontains=value).order_by().values("entity_id")
        return queryset.filter(id__in=by_name.union(by_alias))
