"""Filter fields shared by the apps' FilterSets."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

# Ids are 64-bit: a bigger number would overflow the database's integer, so it is a 400 instead.
MAX_ID = 2**63 - 1
# Each name in an entity filter is one more semi-join in the list's query: more names than a person
# types would let one request hold a worker and a database backend for long.
MAX_ENTITY_REFS = 10


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
        if len(refs) > MAX_ENTITY_REFS:
            raise forms.ValidationError(
                f"Give at most {MAX_ENTITY_REFS} entities (got {len(refs)}).", code="max_length"
            )
        return refs


@extend_schema_field({"type": "string", "pattern": r"^[^,]+(,[^,]+){0,9}$", "example": "Lavrov,12"})
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

        ids_by_ref = resolve_entity_refs(value)
        for ref in value:
            entity_ids = ids_by_ref[ref]
            if not entity_ids:
                return queryset.none()
            linked = Q()
            for path in self.paths:
                linked |= Q(**{f"{path}__in": entity_ids})
            # A subquery per entity keeps rows unique however many links match; with the names
            # resolved to ids beforehand, each is a plain semi-join over one link table.
            queryset = queryset.filter(pk__in=queryset.model.objects.filter(linked).values("pk"))
        return queryset


def resolve_entity_refs(refs: list[int | str]) -> dict[int | str, list[int]]:
    """The entity ids each reference stands for: an id itself, a name or alias every entity of that
    name (one query for all the names)."""
    from entities.models import Entity, EntityAlias
    from newsapi.extraction.names import name_key

    keys = {ref: name_key(ref) for ref in refs if isinstance(ref, str)}
    ids_by_key: dict[str, set[int]] = {key: set() for key in keys.values()}
    if keys:
        named = Entity.objects.filter(name_key__in=ids_by_key).order_by().values_list("id", "name_key")
        aliased = (
            EntityAlias.objects.filter(name_key__in=ids_by_key)
            .order_by()
            .values_list("entity_id", "name_key")
        )
        for entity_id, key in named.union(aliased, all=True):
            ids_by_key[key].add(entity_id)
    return {ref: [ref] if isinstance(ref, int) else sorted(ids_by_key[keys[ref]]) for ref in refs}


ENTITY_REF_HELP = (
    "Entity ids or names/aliases, comma-separated (e.g. `12,15` or `Lavrov`); "
    f"rows must be linked to every one of them; at most {MAX_ENTITY_REFS}."
)
