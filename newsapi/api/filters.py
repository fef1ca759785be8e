"""Filter fields shared by the apps' FilterSets."""

from __future__ import annotations

import difflib

import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import ErrorList
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ChoiceField
from drf_spectacular.utils import extend_schema_field

from newsapi.api.pagination import with_ids_first

# Ids are 64-bit: a bigger number would overflow the database's integer, so it is a 400 instead.
MAX_ID = 2**63 - 1
# Each name in an entity filter is one more semi-join in the list's query: more names than a person
# types would let one request hold a worker and a database backend for long.
MAX_ENTITY_REFS = 10
# How many names a "did you mean" looks at, at most: the suggestion query stays bounded on any table.
SUGGESTION_CANDIDATES = 500


def is_id(text: str) -> bool:
    """Written as an id: ASCII digits only (``str.isdigit`` also takes '²', which ``int`` refuses)."""
    return text.isascii() and text.isdigit()


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


def link_table(model, path: str) -> tuple[object, str, str] | None:
    """For a lookup path whose first step leaves ``model`` through a collection (a reverse key or a
    many-to-many): the table holding the link, the path from it, and its column naming ``model``'s row.

    ``Entity`` + ``mentions__article__source`` -> (Mention, ``article__source``, ``entity_id``): a filter
    then reads that table alone, without joining back to ``model``'s own table. None for any other path.
    """
    first, _, rest = path.partition("__")
    try:
        field = model._meta.get_field(first)
    except Exception:  # not a field (an annotation): no link table
        return None
    if field.one_to_many and rest:  # a reverse foreign key: Entity.mentions
        return field.related_model, rest, field.field.attname
    if field.many_to_many and not field.auto_created:  # declared here: Event.articles through EventReport
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        source = through._meta.get_field(field.m2m_field_name()).attname
        return through, f"{target}__{rest}" if rest else target, source
    if field.many_to_many:  # the other side: Article.events through EventReport
        through = field.through
        target = field.field.m2m_field_name()
        source = through._meta.get_field(field.field.m2m_reverse_field_name()).attname
        return through, f"{target}__{rest}" if rest else target, source
    return None


class SemiJoinMixin:
    """A filter across a collection (``articles__published_at``) as a semi-join: the rows whose id is among
    the ids of the rows that match (``id IN (...)``), never a join with DISTINCT. DISTINCT made
    PostgreSQL sort every joined row before the first page could be read; a semi-join lets it walk the
    list's own order and stop at the page's end. The ids are read from the table that holds the link
    (``link_table``: an entity's mentions, not entities joined to their mentions), so each row the list
    walks costs one probe of the link's index."""

    def lookups(self, path: str, value) -> dict:
        """The lookups of ``value`` on ``path`` (a path from the link's table), none when no value was given."""
        if value in EMPTY_VALUES:
            return {}
        return {f"{path}__{self.lookup_expr}": value}

    def filter(self, queryset, value):
        link = link_table(queryset.model, self.field_name)
        if link is None:
            every, path, key = queryset.model._default_manager.all(), self.field_name, "pk"
        else:
            table, path, key = link
            every = table._default_manager.all()
        lookups = self.lookups(path, value)
        if not lookups:  # no value given: the filter changes nothing
            return queryset
        matching = self.get_method(every)(**lookups)
        return queryset.filter(pk__in=matching.order_by().values(key))


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """``<name>_after`` and ``<name>_before`` (YYYY-MM-DD, both inclusive), declared once as ``<name>``.

    A bad value is a 400 naming the parameter as the client wrote it (``published_after``), see
    ``NewsFilterSet``.
    """

    def __init__(self, *, field_name: str, label: str, **kwargs):
        super().__init__(field_name=field_name, label=label, **kwargs)

    @staticmethod
    def bounds(field_name: str, value: slice) -> dict:
        """The lookups of a range given (``value``) on another field than the declared one: on or after
        its first day, on or before its last (the ends the client did not give are left out)."""
        lookups = {f"{field_name}__gte": value.start, f"{field_name}__lte": value.stop}
        return {lookup: bound for lookup, bound in lookups.items() if bound is not None}


class RelatedDateRangeFilter(SemiJoinMixin, DateRangeFilter):
    """``<name>_after`` / ``<name>_before`` on a date of related rows (a story's articles, an entity's
    mentions' articles): the row matches when any related row is in the range."""

    def lookups(self, path: str, value) -> dict:
        return self.bounds(path, value) if value else {}


class RelatedIdFilter(SemiJoinMixin, IdFilter):
    """The id of a row linked through a collection (a story's articles, an event's reporting articles)."""


def stored_choice(text: str, stored_values) -> str:
    """``text`` as the choice is stored when it is one written in another case (``Diplomacy`` ->
    ``diplomacy``), else ``text`` unchanged for the field to refuse."""
    by_key = {str(stored).casefold(): stored for stored in stored_values}
    return by_key.get(text.casefold(), text)


class CaseBlindChoiceField(ChoiceField):
    """One of the choices written in any case, cleaned to its stored value (``Diplomacy`` -> ``diplomacy``),
    so the filter compares the column as stored and keeps its index. Anything else is an error listing
    the values."""

    default_error_messages = {
        "invalid_choice": "%(value)s is not one of the values: %(choices)s.",
    }

    def stored_values(self) -> list[str]:
        return [str(key) for key, _ in self.choices if key not in EMPTY_VALUES]

    def to_python(self, value):
        return stored_choice(super().to_python(value).strip(), self.stored_values())

    def validate(self, value):
        if value not in EMPTY_VALUES and value not in self.stored_values():
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": repr(value), "choices": ", ".join(self.stored_values())},
            )
        super().validate(value)


class CaseBlindChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter that takes its values in any case (``type=Diplomacy``), see ``CaseBlindChoiceField``."""

    field_class = CaseBlindChoiceField


class StrictBooleanField(forms.Field):
    """``true`` or ``false`` (``1``/``0`` too, any case). Anything else is an error: a flag the filter
    cannot read would otherwise be dropped and the whole list answered as if it had not been sent."""

    TRUE = frozenset({"true", "1"})
    FALSE = frozenset({"false", "0"})

    def to_python(self, value):
        if value in EMPTY_VALUES:
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("Give true or false.", code="invalid")


class RelatedBooleanFilter(SemiJoinMixin, django_filters.BooleanFilter):
    """A flag on rows linked through a collection (an event's reports): true keeps the rows with a
    linked row that has it, false the rows with none that has it (an event that is the main event of
    one article and not of another is a main event, so it is not among the false ones)."""

    field_class = StrictBooleanField

    def filter(self, queryset, value):
        if value is False:
            flagged = super().filter(queryset.model._default_manager.all(), True)
            return queryset.exclude(pk__in=flagged.values("pk"))
        return super().filter(queryset, value)


class NewsFilterSet(django_filters.FilterSet):
    """A FilterSet whose errors name the query parameters as sent: a range filter's error is split
    into its ``_after``/``_before`` parameters."""

    @property
    def errors(self):
        errors = super().errors
        for name, declared in self.filters.items():
            if name not in errors or not isinstance(declared, django_filters.RangeFilter):
                continue
            messages = errors.pop(name)
            widget = declared.field.widget
            for suffix in widget.suffixes:
                parameter = f"{name}_{suffix}"
                value = self.data.get(parameter)
                if value in (None, ""):
                    continue
                try:
                    forms.DateField().clean(value)
                except forms.ValidationError as error:
                    errors[parameter] = ErrorList(error.error_list)
            if not any(key.startswith(f"{name}_") for key in errors):
                errors[name] = messages
        return errors

    @classmethod
    def parameter_names(cls) -> list[str]:
        """The query parameters this FilterSet reads (a range filter reads two)."""
        names = []
        for name, declared in cls.base_filters.items():
            if isinstance(declared, django_filters.RangeFilter):
                names += [f"{name}_{suffix}" for suffix in declared.field_class.widget.suffixes]
            else:
                names.append(name)
        return names


def _literal_message(message: str) -> str:
    """django-filter %-formats error messages: a '%' the client typed must stay a '%'."""
    return message.replace("%", "%%")


def close_matches(word: str, candidates: dict[str, str], limit: int = 5) -> list[str]:
    """Up to ``limit`` display names whose key is close to ``word`` (``candidates``: key -> name)."""
    keys = difflib.get_close_matches(word, list(candidates), n=limit * 2, cutoff=0.6)
    names: list[str] = []
    for key in keys:
        if candidates[key] not in names:
            names.append(candidates[key])
    return names[:limit]


def _entity_suggestions(key: str) -> list[str]:
    """Names of entities whose name or alias is close to ``key``: candidates share a word's first
    three letters with it (an indexed prefix lookup, bounded), then difflib ranks them."""
    from entities.models import Entity, EntityAlias

    prefixes = {word[:3] for word in key.split() if len(word) >= 2}
    if not prefixes:
        return []
    near_entity, near_alias = Q(), Q()
    for prefix in prefixes:
        near_entity |= Q(name_key__startswith=prefix) | Q(name_key__contains=f" {prefix}")
        near_alias |= Q(name_key__startswith=prefix) | Q(name_key__contains=f" {prefix}")
    candidates: dict[str, str] = {}
    for entity_key, name in Entity.objects.filter(near_entity).values_list("name_key", "name")[
        :SUGGESTION_CANDIDATES
    ]:
        candidates.setdefault(entity_key, name)
    for alias_key, name in EntityAlias.objects.filter(near_alias).values_list("name_key", "entity__name")[
        :SUGGESTION_CANDIDATES
    ]:
        candidates.setdefault(alias_key, name)
    return close_matches(key, candidates)


class EntityRefField(forms.CharField):
    """Comma-separated entity references: ids (``12``) or names/aliases (``Lavrov``), at most
    ``MAX_ENTITY_REFS``.

    Cleans to one list of entity ids per reference, the names resolved in one query. A name that
    matches no entity is an error naming it, with the closest names known.
    """

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        refs: list[int | str] = []
        for token in (part.strip() for part in value.split(",")):
            if not token:
                continue
            if is_id(token):
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
        ids_by_ref = resolve_entity_refs(refs)
        unknown = [ref for ref in refs if not ids_by_ref[ref]]
        if unknown:
            raise forms.ValidationError([_no_entity_message(str(name)) for name in unknown])
        return [ids_by_ref[ref] for ref in refs]


def resolve_entity_refs(refs: list[int | str]) -> dict[int | str, list[int]]:
    """The entity ids each reference stands for: an id itself, a name or alias every entity of that
    name (one query for all the names)."""
    from entities.models import Entity, EntityAlias
    from newsapi.extraction.names import lookup_keys

    # A name may be stored under a place's key too ("America": see ``lookup_keys``).
    keys = {ref: lookup_keys(ref) for ref in refs if isinstance(ref, str)}
    ids_by_key: dict[str, set[int]] = {key: set() for each in keys.values() for key in each}
    if keys:
        named = Entity.objects.filter(name_key__in=ids_by_key).order_by().values_list("id", "name_key")
        aliased = (
            EntityAlias.objects.filter(name_key__in=ids_by_key)
            .order_by()
            .values_list("entity_id", "name_key")
        )
        for entity_id, key in named.union(aliased, all=True):
            ids_by_key[key].add(entity_id)
    return {
        ref: [ref] if isinstance(ref, int) else sorted(set().union(*(ids_by_key[key] for key in keys[ref])))
        for ref in refs
    }


def _no_entity_message(name: str) -> forms.ValidationError:
    from newsapi.extraction.names import name_key

    suggestions = _entity_suggestions(name_key(name))
    hint = f" Close matches: {', '.join(suggestions)}." if suggestions else ""
    return forms.ValidationError(
        _literal_message(f"No entity is named {name!r}.{hint}"), code="unknown_entity"
    )


def entity_link(model, path: str, entity_ids: list[int]) -> Q:
    """Rows of ``model`` linked to one of ``entity_ids`` through ``path``, without a join back to
    ``model``: a key of the row is compared in place (a quote's speaker), a collection is read from the
    table that holds it (an article's entity: its mentions' article ids)."""
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    if field.many_to_one:
        if not rest:
            return Q(**{f"{field.attname}__in": entity_ids})
        return Q(**{f"{field.attname}__in": _linked_ids(field.related_model, rest, entity_ids, "pk")})
    return Q(pk__in=_linked_ids(model, path, entity_ids, "pk"))


def _linked_ids(model, path: str, entity_ids: list[int], key: str):
    """``key`` of the rows of ``model`` linked to ``entity_ids`` through ``path``, as a subquery; the rows'
    own ids come straight from the link table when the path starts with a collection."""
    rows = model._default_manager.order_by()
    first, _, rest = path.partition("__")
    field = model._meta.get_field(first)
    if field.many_to_one:
        return rows.filter(entity_link(model, path, entity_ids)).values(key)
    link = link_table(model, path)
    if link is None:
        return rows.filter(**{f"{path}__in": entity_ids}).values(key)
    table, table_path, table_key = link
    ids = _linked_ids(table, table_path, entity_ids, table_key)
    return ids if key == "pk" else rows.filter(pk__in=ids).values(key)


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
        from django.db.models import Count

        def linked(entity_ids) -> Q:
            condition = Q()
            for path in self.paths:
                condition |= Q(**{f"{path}__in": entity_ids})
            return condition

        every_id = sorted({entity_id for entity_ids in value for entity_id in entity_ids})
        if len(value) == 1:
            # One entity: a plain semi-join. PostgreSQL can then walk the list's ordered index and probe
            # the links' index per row until the page is full (a prolific participant's events: 940 ms
            # with the grouped subquery below, which must link and group every match first, 40 ms). Each
            # path reads its link table alone (an article's entity: its mentions, not articles joined to
            # them), or compares a key of the row itself (a quote's speaker).
            if len(self.paths) > 1:
                # Several paths (an event's participants or its location): one id set, their UNION ALL. As
                # an OR of a semi-join and a column, PostgreSQL could only walk the list's order testing
                # both on every row (at 1M articles, 175k events walked for the most mentioned entity's:
                # 545 ms); one set lets it read the few ids and sort them (29 ms), or walk for a frequent one.
                ids = [_linked_ids(queryset.model, path, every_id, "pk") for path in self.paths]
                # The set's rows sorted by their keys alone, then the page's read whole (an event's place
                # was joined for each of the entity's 1,440 events at 1M articles: 27 -> 6 ms).
                return with_ids_first(queryset.filter(pk__in=ids[0].union(*ids[1:], all=True)))
            return queryset.filter(entity_link(queryset.model, self.paths[0], every_id))
        # Several: one grouped subquery counts, per row, the links to each entity and keeps the rows
        # linked to all of them: a single join however many entities are named. (A semi-join per entity
        # makes PostgreSQL's planning time grow steeply with their number; benchmarks/entity_filter_plan.py.)
        links = {f"_entity_{n}": Count("pk", filter=linked(ids)) for n, ids in enumerate(value)}
        matching = (
            queryset.model.objects.filter(linked(every_id))
            .order_by()
            .values("pk")
            .annotate(**links)
            .filter(**{f"{name}__gt": 0 for name in links})
            .values("pk")
        )
        return queryset.filter(pk__in=matching)


ENTITY_REF_HELP = (
    "Entity ids or names/aliases, comma-separated (e.g. `12,15` or `Lavrov`); "
    f"rows must be linked to every one of them; at most {MAX_ENTITY_REFS}. A name that matches no entity "
    "is a 400 with close matches."
)


def normalise_domain(value: str) -> str:
    """``https://www.menafn.com/x`` -> ``menafn.com``: the form domains are compared in."""
    value = value.strip().lower()
    for prefix in ("https://", "http://"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    value = value.split("/", 1)[0]
    return value[4:] if value.startswith("www.") else value


class SourceRefField(forms.CharField):
    """A source given by id (``3``), name (``MENAFN``, any case) or domain (``menafn.com``).

    Cleans to the source's id; a name or domain that matches no source is an error naming it,
    with the closest source names.
    """

    def clean(self, value):
        from articles.models import Source

        value = super().clean(value)
        if not value:
            return None
        value = value.strip()
        if is_id(value):
            number = int(value)
            if not 1 <= number <= MAX_ID:
                raise forms.ValidationError(
                    f"Source id {value} is out of range (1 to {MAX_ID}).", code="invalid"
                )
            return number
        domain = normalise_domain(value)
        matches = Source.objects.filter(
            Q(name__iexact=value) | Q(domain__iexact=domain) | Q(domain__iexact=f"www.{domain}")
        ).values_list("id", flat=True)[:2]
        if matches:
            return matches[0]
        initial = value[:1]
        candidates = {
            name.lower(): name
            for name in Source.objects.filter(name__istartswith=initial).values_list("name", flat=True)[
                :SUGGESTION_CANDIDATES
            ]
        }
        suggestions = close_matches(value.lower(), candidates)
        hint = f" Close matches: {', '.join(suggestions)}." if suggestions else ""
        raise forms.ValidationError(
            _literal_message(f"No source is named {value!r}.{hint}"), code="unknown_source"
        )


@extend_schema_field({"type": "string", "example": "MENAFN"})
class SourceRefFilter(django_filters.Filter):
    """Rows of one source, given by id, name or domain."""

    field_class = SourceRefField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        return super().filter(queryset, value)


SOURCE_REF_HELP = "Source id, name (any case) or domain (e.g. `3`, `MENAFN` or `menafn.com`)."
