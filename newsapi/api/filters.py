"""Filter fields shared by the apps' FilterSets."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

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


class EntityRefField(forms.CharField):
    """Comma-separated entity references: ids (``12``) or names/aliases (``Lavrov``)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        refs: list[int | str] = []
        for token in (part.strip() for part in value.split(",")):
            if not token:
                continue
            if token.isdigit():
                number = int(token)
                if not 1 <= number <= MAX_ID:
                    raise forms.ValidationError(
                        f"Entity id {token} is out of range (1 to {MAX_ID}).", code="invalid"
                    )
                refs.append(number)
            else:
                refs.append(token)
        if not refs:
            raise forms.ValidationError("Give entity ids or names, separated by commas.", code="invalid")
        return refs


@extend_schema_field({"type": "string", "pattern": r"^[^,]+(,[^,]+)*$", "example": "Lavrov,12"})
class EntityRefFilter(django_filters.Filter):
    """Rows linked to every listed entity (AND), each given by id or by name or alias.

    ``paths`` are the lookups from the filtered model to an entity; a row matches an
    entity when any path leads to it (e.g. an event's participants or its location).
    """

    field_class = EntityRefField

    def __init__(self, *, paths: list[str], **kwargs):
        self.paths = paths
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        from django.db.models import Q

        from entities.models import Entity
        from newsapi.extraction.names import name_key

        for ref in value:
            if isinstance(ref, int):
                entity_ids = [ref]
            else:
                key = name_key(ref)
                entity_ids = Entity.objects.filter(Q(name_key=key) | Q(aliases__name_key=key)).values("id")
            linked = Q()
            for path in self.paths:
                linked |= Q(**{f"{path}__in": entity_ids})
            # A subquery per entity keeps rows unique however many links match.
            queryset = queryset.filter(pk__in=queryset.model.objects.filter(linked).values("pk"))
        return queryset


ENTITY_REF_HELP = (
    "Entity ids or names/aliases, comma-separated (e.g. `12,15` or `Lavrov`); "
    "rows must be linked to every one of them."
)
