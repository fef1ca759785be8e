"""Choices for the articles app, shared with the extraction core's constants."""

from django.db import models

from newsapi.extraction import types


class QuoteKind(models.TextChoices):
    DIRECT = types.DIRECT, "Direct"
    INDIRECT = types.INDIRECT, "Indirect"


class DatePrecision(models.TextChoices):
    DAY = types.DAY, "Day"
    MONTH = types.MONTH, "Month"
    YEAR = types.YEAR, "Year"
