"""Choices for the articles app, shared with the extraction core's constants."""

from django.db import models

from newsapi.extraction import lexicon, types


class QuoteKind(models.TextChoices):
    DIRECT = types.DIRECT, "Direct"
    INDIRECT = types.INDIRECT, "Indirect"


class DatePrecision(models.TextChoices):
    DAY = types.DAY, "Day"
    MONTH = types.MONTH, "Month"
    YEAR = types.YEAR, "Year"


class EventType(models.TextChoices):
    """The documented event types (newsapi/extraction/lexicon.py); "other" for any other happening."""

    DISASTER = lexicon.DISASTER, "Disaster"
    ACCIDENT = lexicon.ACCIDENT, "Accident"
    CRIME = lexicon.CRIME, "Crime"
    COURT = lexicon.COURT, "Court or trial"
    ELECTION = lexicon.ELECTION, "Election or vote"
    BUSINESS = lexicon.BUSINESS, "Business"
    APPOINTMENT = lexicon.APPOINTMENT, "Appointment or resignation"
    PROTEST = lexicon.PROTEST, "Protest"
    SPORTS = lexicon.SPORTS, "Sports result"
    DIPLOMACY = lexicon.DIPLOMACY, "Diplomacy or meeting"
    CONFLICT = lexicon.CONFLICT, "Conflict or attack"
    STATEMENT = lexicon.STATEMENT, "Statement"
    OTHER = lexicon.OTHER, "Other"
