"""Serializers for entities."""

from rest_framework import serializers

from entities.models import Entity, Mention


class EntityBriefSerializer(serializers.ModelSerializer):
    """An entity as a link from another object."""

    class Meta:
        model = Entity
        fields = ["id", "name", "type"]


class EntitySerializer(serializers.ModelSerializer):
    """An entity with its other names and how often articles mention it."""

    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
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


class MentionSerializer(serializers.ModelSerializer):
    """Where an article names an entity: ``article.body[start:end] == text``."""

    entity = EntityBriefSerializer(read_only=True)

    class Meta:
        model = Mention
        fields = ["id", "entity", "start", "end", "text"]
