"""Filter fields shared by the apps' FilterSets."""

import django_filters
from django import forms

# Ids are 64-bit: a bigger number would overflow the database's integer, so it is a 400 instead.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """The id of a related row: a whole number from 1 to 2^63-1, anything else is a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value already bounds it


ID_SCHEMA = {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID}
