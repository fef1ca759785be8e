"""Serializers for entities."""

from rest_framework import serializers

from entities.choices import EntityType
from entities.models import Entity, Mention
from newsapi.api.serializers import FlexibleFieldsMixin


class EntityBriefSerializer(serializers.ModelSerializer):
    """An entity as a link from another object."""

    class Meta:
        model = Entity
        fields = ["id", "name", "type"]


class EntityExpandedSerializer(serializers.ModelSerializer):
    """An entity expanded in place of a link (``?expand=``): no counts, so no extra queries."""

    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Entity
        fields = ["id", "name", "slug", "type", "role", "aliases"]


class EntitySerializer(FlexibleFieldsMixin, serializers.ModelSerializer):
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


class EntityUpdateSerializer(serializers.Serializer):
    """A correction of an entity. The old name stays findable as an alias."""

    name = serializers.CharField(max_length=255, required=False)
    type = serializers.ChoiceField(choices=EntityType.choices, required=False)
    role = serializers.CharField(max_length=255, required=False, allow_blank=True)


class MentionSerializer(serializers.ModelSerializer):
    """Where an article names an entity: ``article.body[start:end] == text``."""

    entity = EntityBriefSerializer(read_only=True)

    class Meta:
        model = Mention
        fields = ["id", "entity", "start", "end", "text"]


class ArticleEntitySerializer(serializers.ModelSerializer):
    """An entity as one article mentions it, with the number of mentions there."""

    mention_count = serializers.IntegerField(read_only=True, help_text="Mentions in this article.")

    class Meta:
        model = Entity
        fields = ["id", "name", "type", "role", "mention_count"]


class RelatedEntitySerializer(serializers.ModelSerializer):
    """An entity that co-occurs with another, with the number of articles they share."""

    shared_article_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Entity
        fields = ["id", "name", "type", "shared_article_count"]


class TimelinePointSerializer(serializers.Serializer):
    """Mentions of an entity in articles published on one day."""

    date = serializers.DateField()
    mention_count = serializers.IntegerField()
    article_count = serializers.IntegerField()
