"""manage.py entity_merge_same_key: the entities that came to share a name key and a type ("U.S." and
"United States" after migration 0008) are merged through entity_merge, or only listed without --apply."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Mention
from entities.models import Entity, EntityAlias
from entities.selectors import entity_same_key_groups
from entities.services import entity_duplicate_dismiss
from newsapi.extraction import types
from tests.factories import EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("entity_merge_same_key", *args, stdout=out)
    return out.getvalue()


def place(name: str, *, mentions: int = 1, **fields) -> Entity:
    entity = EntityFactory(name=name, type=types.LOCATION, **fields)
    for start in range(mentions):
        MentionFactory(entity=entity, start=start, end=start + len(name))
    entity.refresh_from_db()
    return entity


def rows() -> set[tuple]:
    return set(Entity.objects.values_list("id", "name", "name_key", "type", "is_edited")) | set(
        Mention.objects.values_list("id", "entity_id")
    )


def test_a_dry_run_lists_the_group_and_changes_nothing():
    """Without --apply one line names the group and the survivor, and no row changes."""
    abbreviated, full = place("U.S.", mentions=3), place("United States", mentions=1)
    before = rows()
    out = run()
    assert rows() == before
    assert f"location 'united states': would merge 'United States' (#{full.pk}" in out
    assert f"into 'U.S.' (#{abbreviated.pk}, 3 mention(s)), renamed 'United States'" in out
    assert "Dry run, nothing changed: 1 group(s) to merge (1 entities into 1); 0 group(s) left" in out


def test_apply_merges_the_pair_under_the_full_name_and_a_second_run_finds_nothing():
    """The most mentioned entity survives under the full name, the other names become aliases and the
    mentions move; run again, nothing is left to merge."""
    abbreviated, full = place("U.S.", mentions=3), place("United States", mentions=2)
    EntityAlias.objects.create(entity=full, name="USA", name_key="united states")
    out = run("--apply")
    assert "1 group(s) merged (1 entities into 1); 0 group(s) left." in out
    assert list(Entity.objects.values_list("pk", "name")) == [(abbreviated.pk, "United States")]
    survivor = Entity.objects.get()
    assert set(survivor.aliases.values_list("name", flat=True)) == {"U.S.", "USA"}
    assert set(Mention.objects.values_list("entity_id", flat=True)) == {survivor.pk}
    assert (survivor.mention_count, survivor.name_key) == (5, "united states")
    again = run("--apply")
    assert "0 group(s) merged (0 entities into 0); 0 group(s) left." in again
    assert list(Entity.objects.values_list("pk", "name")) == [(abbreviated.pk, "United States")]


def test_the_one_edited_entity_survives_with_its_edited_name():
    """An editor's entity is the survivor even with fewer mentions, and keeps the name the editor gave."""
    place("United States", mentions=4)
    edited = place("US", mentions=1, is_edited=True, edited_fields=["name"])
    run("--apply")
    survivor = Entity.objects.get()
    assert (survivor.pk, survivor.name) == (edited.pk, "US")
    assert set(survivor.aliases.values_list("name", flat=True)) == {"United States"}


def test_a_group_with_two_edited_entities_is_left():
    """Two edited entities: an editor decided they differ; the group is reported, not merged."""
    place("U.S.", is_edited=True, edited_fields=["role"])
    place("United States", is_edited=True, edited_fields=["name"])
    out = run("--apply")
    assert Entity.objects.count() == 2
    assert "2 entities are edited by an editor." in out
    assert (
        "0 group(s) merged (0 entities into 0); 1 group(s) left (1 with two or more edited entities)." in out
    )


def test_a_pair_dismissed_as_not_duplicates_is_left():
    """A pair an editor dismissed in the duplicates view is never merged."""
    first, second = place("U.S."), place("United States")
    entity_duplicate_dismiss(first=first, second=second)
    out = run("--apply")
    assert Entity.objects.count() == 2
    assert f"an editor dismissed #{first.pk} and #{second.pk} as not duplicates." in out
    assert "1 group(s) left (1 with a pair dismissed as not duplicates)" in out


def test_entities_of_different_types_are_not_merged():
    """The same key under two types (a place and an organisation) is two groups of one: nothing to do."""
    place("U.S.")
    EntityFactory(name="United States", type=types.ORGANIZATION)
    EntityFactory(name="Lavrov")
    out = run("--apply")
    assert Entity.objects.count() == 3
    assert "0 group(s) merged" in out


def test_type_limits_the_groups_and_an_unknown_type_is_refused():
    """--type merges only that type's groups; an unknown type stops the command with a sentence."""
    place("U.S."), place("United States")
    EntityFactory(name="U.N.", type=types.ORGANIZATION), EntityFactory(name="UN", type=types.ORGANIZATION)
    run("--apply", "--type", types.ORGANIZATION)
    assert Entity.objects.filter(type=types.ORGANIZATION).count() == 1
    assert Entity.objects.filter(type=types.LOCATION).count() == 2
    with pytest.raises(CommandError, match="Unknown entity type 'country': choose one of"):
        run("--type", "country")


def test_the_groups_are_read_in_two_queries_however_many_there_are():
    """A set-based read: two queries for one group and for four (no query per entity or per group)."""
    place("U.S."), place("United States")
    with CaptureQueriesContext(connection) as one:
        assert len(entity_same_key_groups()) == 1
    for short, full in [("UK", "United Kingdom"), ("EU", "European Union"), ("UAE", "United Arab Emirates")]:
        place(short), place(full)
    entity_duplicate_dismiss(
        first=Entity.objects.get(name="UK"), second=Entity.objects.get(name="United Kingdom")
    )
    with CaptureQueriesContext(connection) as four:
        assert len(entity_same_key_groups()) == 4
    assert len(one) == len(four) == 2
