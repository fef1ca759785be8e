"""API views for entities."""

from rest_framework import viewsets

from entities.api.serializers import EntitySerializer
from entities.filtersets import EntityFilterSet
from entities.selectors import entity_list


class EntityViewSet(viewsets.ReadOnlyModelViewSet):
    """People, organisations and places, with aliases and mention counts."""

    queryset = entity_list()
    serializer_class = EntitySerializer
    filterset_class = EntityFilterSet
