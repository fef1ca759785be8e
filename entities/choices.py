"""Choices for the entities app, shared with the extraction core's constants."""

from django.db import models

from newsapi.extraction import types


class EntityType(models.TextChoices):
    PERSON = types.PERSON, "Person"
    ORGANIZATION = types.ORGANIZATION, "Organization"
    LOCATION = types.LOCATION, "Location"
    OTHER = types.OTHER, "Other"
