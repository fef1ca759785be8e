"""Serializers for entities."""

from rest_framework import serializers

from entities.choices import EntityType
from entities.models import Entity
from newsapi.api.serializers import (
    CaseBlindChoiceField,
    FlexibleFieldsMixin,
    IdRelatedField,
    InputSerializer,
    ModelSerializer,
)

ENTITY_HELP = {
    "id": {"help_text": "Entity id."},
    "type": {"help_text": "person, organization, location or other."},
    "slug": {"help_text": "URL-safe form of the name, unique."},
}


class EntityBriefSerializer(ModelSerializer):
    """An entity as a link from another object."""

    class Meta:
        model = Entity
        fields = ["id", "name", "type"]
        extra_kwargs = ENTITY_HELP


class EntityExpandedSerializer(ModelSerializer):
    """An entity expanded in place of a link (``?expand=``): no counts, so no extra queries."""

    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="Other names, as written in articles."
    )

    class Meta:
        model = Entity
        fields = ["id", "name", "slug", "type", "role", "aliases"]
        extra_kwargs = ENTITY_HELP


class EntitySerializer(FlexibleFieldsMixin, ModelSerializer):
    """An entity with its other names and how often articles mention it."""

    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="Other names, as written in articles."
    )
    mention_count = serializers.IntegerField(read_only=True, help_text="Mentions across all articles.")
    article_count = serializers.IntegerField(read_only=True, help_text="Articles that mention the entity.")

    class Meta:
        model = Entity
        fields = [
            "id",
            "name",
            "slug",
            "type",
            "role",
            "aliases",
            "mention_count",
            "article_count",
            "is_edited",
        ]
        extra_kwargs = ENTITY_HELP


class EntityUpdateSerializer(InputSerializer):
    """A correction of an entity. The old name stays findable as an alias."""

    name = serializers.CharField(
        max_length=255, required=False, help_text="The canonical name; the old one becomes an alias."
    )
    type = CaseBlindChoiceField(
        choices=EntityType.choices, required=False, help_text="person, organization, location or other."
    )
    role = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        help_text="Role or description, e.g. 'Russian Foreign Minister'; blank to clear.",
    )


class EntityMergeSerializer(InputSerializer):
    """Entities to fold into the one in the URL."""

    merged = IdRelatedField(
        queryset=Entity.objects.all(),
        many=True,
        allow_empty=False,
        help_text="Ids of the entities to merge into this one; their names become its aliases.",
    )
    type = CaseBlindChoiceField(
        choices=EntityType.choices,
        required=False,
        help_text=(
            "The merged entity's type. Required when the entities have different types (a 400 naming "
            "`type` without it); given, this entity takes it."
        ),
    )


class EntitySplitAliasSerializer(InputSerializer):
    """An alias of the entity in the URL that names someone else."""

    alias = serializers.CharField(max_length=255, help_text="The alias, exactly as listed in `aliases`.")
