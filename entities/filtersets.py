"""Filters for the entity list."""

import django_filters
from django.db.models import Q, QuerySet

from entities.choices import EntityType
from entities.models import Entity, EntityAlias
from newsapi.api.filters import IdFilter


class EntityFilterSet(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(field_name="type", choices=EntityType.choices, label="Entity type")
    q = django_filters.CharFilter(method="search", label="Name or alias contains (case-insensitive)")
    article = IdFilter(
        field_name="mentions__article", label="Mentioned in the article with this id", distinct=True
    )

    class Meta:
        model = Entity
        fields = ["type", "q", "article"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        matching_alias = EntityAlias.objects.filter(name__icontains=value).values("entity_id")
        return queryset.filter(Q(name__icontains=value) | Q(id__in=matching_alias))
