"""API views for entities: thin; query plans in selectors, writes in services."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from entities import selectors, services
from entities.api.serializers import (
    EntityMergeSerializer,
    EntitySerializer,
    EntitySplitAliasSerializer,
    EntityUpdateSerializer,
)
from entities.filtersets import EntityFilterSet
from newsapi.api.filters import is_id
from newsapi.api.views import CorrectableViewSet


class EntityRefLookupMixin:
    """``/entities/12/``, ``/entities/sergei-lavrov/`` (slug) and ``/entities/Lavrov/`` (a name or alias)
    name the same entity, answered in place (no redirect). The routes other apps serve under an entity
    (articles' ``/entities/{id}/articles/`` ...) use it too, so every entity address reads the same."""

    lookup_value_regex = "[^/]+"
    lookup_parameter_schema = {
        "schema": {"type": "string", "pattern": "^[^/]+$", "example": "sergei-lavrov"},
        "description": "The entity's id, slug, name or any alias (an alias several entities share "
        "names the most mentioned one).",
    }

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        ref = self.kwargs.get("pk")
        if ref is not None and not is_id(str(ref)):
            entity_id = selectors.entity_id_for_ref(ref=str(ref))
            if entity_id is None:
                raise NotFound(f"No entity has the id, slug, name or alias {ref!r}.")
            self.kwargs["pk"] = str(entity_id)


@extend_schema_view(
    list=extend_schema(summary="List entities"),
    retrieve=extend_schema(summary="An entity with its aliases and counts"),
    partial_update=extend_schema(
        summary="Correct an entity's name, type or role",
        request=EntityUpdateSerializer,
        responses=EntitySerializer,
        examples=[
            OpenApiExample(
                "Fix the spelling and add a role",
                value={"name": "Sergei Lavrov", "role": "Foreign Minister of Russia"},
                request_only=True,
            )
        ],
    ),
)
# What other apps record about an entity (its articles, quotes, events ...) is served by those apps under
# the entity's address (articles.api.views.EntityNavigationViewSet): this app imports none of them.
class EntityViewSet(EntityRefLookupMixin, CorrectableViewSet):
    """People, organisations and places, with aliases, roles and mention counts."""

    serializer_class = EntitySerializer
    update_serializer_class = EntityUpdateSerializer
    filterset_class = EntityFilterSet
    ordering_fields = ["name", "id", "mention_count", "article_count"]
    ordering = ["name", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.entity_list()

    def correct(self, entity, data: dict) -> None:
        services.entity_update(entity=entity, data=data)

    @extend_schema(
        summary="Merge other entities into this one",
        description=(
            "Their mentions, quotes, event links and aliases move to this entity, their names become its "
            "aliases, and they are deleted. Re-ingest will not bring them back. Entities of different types "
            "merge only with `type`, the merged entity's type. The same service as the admin's merge action."
        ),
        request=EntityMergeSerializer,
        responses=EntitySerializer,
        examples=[OpenApiExample("Merge two duplicates", value={"merged": [15, 16]}, request_only=True)],
    )
    @action(detail=True, methods=["post"], filterset_class=None, filter_backends=[])
    def merge(self, request, pk=None):
        survivor = self.get_object()
        serializer = EntityMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.entity_merge(
            survivor=survivor,
            merged=serializer.validated_data["merged"],
            entity_type=serializer.validated_data.get("type"),
        )
        return Response(EntitySerializer(selectors.entity_list().get(pk=survivor.pk)).data)

    @extend_schema(
        summary="Split an alias off into an entity of its own",
        description="The mentions written as that alias move to the new entity (a false merge undone).",
        request=EntitySplitAliasSerializer,
        responses={201: EntitySerializer},
        examples=[OpenApiExample("Split off a namesake", value={"alias": "Trump Jr."}, request_only=True)],
    )
    @action(detail=True, methods=["post"], url_path="split-alias", filterset_class=None, filter_backends=[])
    def split_alias(self, request, pk=None):
        entity = self.get_object()
        serializer = EntitySplitAliasSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        alias = entity.aliases.filter(name=serializer.validated_data["alias"]).first()
        if alias is None:
            raise ValidationError(
                {"alias": [f"{entity.name} has no alias {serializer.validated_data['alias']!r}."]}
            )
        new_entity = services.entity_split_alias(alias=alias)
        return Response(EntitySerializer(selectors.entity_list().get(pk=new_entity.pk)).data, status=201)
