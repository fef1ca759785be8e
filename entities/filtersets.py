"""Filters for the entity list."""

import django_filters
from django.db.models import QuerySet

from entities.choices import EntityType
from entities.models import Entity, EntityAlias
from newsapi.api.filters import CaseBlindChoiceFilter, NewsFilterSet


class EntityFilterSet(NewsFilterSet):
    """The entity's own fields. Filters over where entities are mentioned ("in this article") are added
    by the app that holds the mentions (``extensions.register_list_filters``)."""

    type = CaseBlindChoiceFilter(field_name="type", choices=EntityType.choices, label="Entity type")
    q = django_filters.CharFilter(method="search", label="Name or alias contains (case-insensitive)")

    class Meta:
        model = Entity
        fields = [
            "type",
            "q",
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
