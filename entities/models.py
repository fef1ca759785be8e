"""People, organisations and places and their other names. Nothing here knows where they are named:
the apps that point at entities (articles: mentions, quotes, events) own those rows."""

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
    # The roles articles give the entity, each with the number of articles giving it (at most
    # names.ROLES_KEPT): ``role`` is the commonest (names.commonest_role), unless an editor set it.
    role_counts = models.JSONField(default=dict, blank=True, editable=False)
    # Kept up to date by the services that add, move or remove mentions (articles.services), so that
    # lists read and sort them without counting every mention per request; `manage.py entity_recount`
    # recomputes them from the mentions.
    mention_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Mentions across all articles."
    )
    article_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Articles that mention the entity."
    )

    # The counts change with every ingest: they are not history.
    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at", "mention_count", "article_count", "role_counts"]
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "entities"
        # The list's default order, ended by the id as the keyset paginator pages it. The count orders'
        # indexes (NULLS LAST, as the paginator sorts) are PostgreSQL-only: see migration 0005.
        indexes = [models.Index(fields=["name", "id"], name="entity_name_id_idx")]

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


class DuplicateDismissal(models.Model):
    """Two entities an editor judged not to be one: the possible-duplicates view never pairs them again.

    The pair is stored once, smaller id first. Deleting (or merging away) either entity deletes it."""

    first = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-dismissed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="entities_dismissal_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="entities_dismissal_ordered_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} is not {self.second_id}"
