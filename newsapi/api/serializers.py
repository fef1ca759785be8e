"""The serializers' base: DRF's ModelSerializer printing rows in one pass, sparse fields (``?fields=``)
and expansion of related objects (``?expand=``)."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from newsapi.api.filters import MAX_ID, stored_choice
from newsapi.api.representation import CompiledRepresentationMixin


def requested(request, name: str) -> list[str]:
    """Comma-separated values of query parameter ``name``, blanks dropped."""
    if request is None:
        return []
    raw = request.query_params.get(name, "")
    return [part.strip() for part in raw.split(",") if part.strip()]


class ModelSerializer(CompiledRepresentationMixin, serializers.ModelSerializer):
    """DRF's ModelSerializer, its rows printed from a plan made once per class (``representation``):
    the same JSON, without DRF's per-field, per-row lookups. Every serializer the API prints with."""


class CaseBlindChoiceField(serializers.ChoiceField):
    """One of the choices written in any case in a request body (``"type": "Diplomacy"``), stored as
    the choice is (``diplomacy``), as the list filters take them (``filters.CaseBlindChoiceField``).
    Anything else is DRF's "not a valid choice" under the field's name."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = stored_choice(data, self.choices)
        return super().to_internal_value(data)


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A related row's id in a request body: a whole number (``"12"`` too). DRF's field truncated a
    float (``1.5`` named row 1), and one past the floats' range (``1e400``) was a 500; an id outside
    the 64-bit ids matches no row."""

    def to_internal_value(self, data):
        if isinstance(data, bool | float):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, int) and not 1 <= data <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class InputSerializer(serializers.Serializer):
    """A request body's serializer: a field it does not take is a 400 naming it. DRF drops such fields
    silently, so a misspelt or read-only one (``titel``, ``mention_count``) answered 200 unchanged.
    A text field sent a number is a 400 too: DRF wrote it down as text (``{"raw_text": 5}`` stored an
    article "5"), hiding the client's mistake."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                taken = ", ".join(self.fields)
                raise ValidationError(
                    {name: [f"Not a field this request takes (it takes: {taken})."] for name in unknown}
                )
            numbers = [
                name
                for name, field in self.fields.items()
                if isinstance(field, serializers.CharField) and isinstance(data.get(name), int | float)
            ]
            if numbers:
                raise ValidationError({name: ["Not a string: send the text in quotes."] for name in numbers})
        return super().to_internal_value(data)


class FlexibleFieldsMixin:
    """Lets the client pick fields and expand links, on the top-level object only.

    ``expandable_fields`` maps a field name to a callable returning the
    serializer instance that replaces the plain link when expanded. The view
    adjusts its query plan for each expansion, so the query count stays fixed.
    """

    expandable_fields: dict[str, Callable[[], serializers.Field]] = {}
    _selection = None

    def field_selection(self):
        """The request's ``expand`` and ``fields``, which decide this instance's fields."""
        return self._selection

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the serializer the view made gets a context at construction; nested and
        # expanded serializers don't, so they keep all their fields.
        request = (kwargs.get("context") or {}).get("request")
        if request is None:
            return
        expand = requested(request, "expand")
        only = requested(request, "fields")
        if expand or only:
            self._selection = (tuple(sorted(set(expand))), tuple(sorted(set(only))))
        unknown = sorted(set(expand) - set(self.expandable_fields))
        if unknown:
            allowed = ", ".join(sorted(self.expandable_fields)) or "none"
            raise ValidationError({"expand": [f"Cannot expand {', '.join(unknown)}. Expandable: {allowed}."]})
        for name in expand:
            self.fields[name] = self.expandable_fields[name]()
        if only:
            unknown = sorted(set(only) - set(self.fields))
            if unknown:
                raise ValidationError(
                    {
                        "fields": [
                            f"Unknown field(s): {', '.join(unknown)}. Available: {', '.join(self.fields)}."
                        ]
                    }
                )
            for name in list(self.fields):
                if name not in only:
                    self.fields.pop(name)
