"""Model parts shared by the apps."""

from django.db import models


class ExtractedModel(models.Model):
    """A row produced by extraction that a person may correct.

    ``edited_fields`` lists the fields a person changed; re-ingest and
    re-extraction never overwrite those fields, and never delete a row with
    ``is_edited`` set.
    """

    is_edited = models.BooleanField(
        default=False, db_index=True, help_text="True once a person has corrected this row."
    )
    edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Names of the fields a person changed; extraction leaves them alone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def mark_edited(self, *field_names: str) -> None:
        """Record that a person changed ``field_names`` (saved by the caller)."""
        self.is_edited = True
        self.edited_fields = sorted(set(self.edited_fields) | set(field_names))
