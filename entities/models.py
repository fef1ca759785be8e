"""People, organisations and places, their other names, and where articles mention them."""

from django.db import models
from simple_history.models import HistoricalRecords

from entities.choices import EntityType
from newsapi.db import ExtractedModel


class Entity(ExtractedModel):
    """A person, organisation or place, shared across every article that mentions it."""

    name = models.CharField(max_length=255, help_text="Canonical name, e.g. 'Sergei Lavrov'.")
    name_key = models.CharField(
        max_length=255, db_index=True, editable=False, help_text="Normalised name used to link mentions."
    )
    type = models.CharField(max_length=20, choices=EntityType.choices, db_index=True)
    slug = models.SlugField(max_length=280, unique=True)
    role = models.CharField(
        max_length=255,
        blank=True,
        default="",
        help_text="Role or description, e.g. 'Russian Foreign Minister'.",
    )

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return self.name


class EntityAlias(models.Model):
    """Another name of an entity as written somewhere ('Lavrov', 'Sergey Lavrov')."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "entity aliases"
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="entities_alias_unique_name_per_entity"),
        ]

    def __str__(self) -> str:
        return self.name


class Mention(ExtractedModel):
    """One place in an article's body that names an entity: ``article.body[start:end] == text``."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=255)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "entity", "start", "end"], name="entities_mention_unique_span"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="entities_mention_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["entity", "article"], name="entities_mention_entity_art")]

    def __str__(self) -> str:
        return f"{self.text} @ {self.start}-{self.end}"


class DeletedEntityName(models.Model):
    """A name whose entity an editor deleted: extraction never creates an entity under it again."""

    name = models.CharField(max_length=255)
    name_key = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=20, choices=EntityType.choices)
    deleted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
