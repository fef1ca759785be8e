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


def test_a_dry_run_lists_america_with_the_united_states_under_the_fuller_name():
    """A place "America" (re-keyed by migration 0009) and "United States" are one group; the survivor
    takes the fuller name, and a dry run changes nothing."""
    america, full = place("America", mentions=3), place("United States", mentions=1)
    team = EntityFactory(name="America", type=types.ORGANIZATION)
    before = rows()
    out = run()
    assert rows() == before
    assert f"would merge 'United States' (#{full.pk}" in out
    assert f"into 'America' (#{america.pk}, 3 mention(s)), renamed 'United States'" in out
    assert f"#{team.pk}" not in out
    run("--apply")
    survivor = Entity.objects.get(type=types.LOCATION)
    assert (survivor.pk, survivor.name) == (america.pk, "United States")
    assert set(survivor.aliases.values_list("name", flat=True)) == {"America"}


def _read_then(change):
    """entity_same_key_groups as the command calls it, with ``change`` made right after the read (as a
    concurrent ingest or editor would between the plan and the merge)."""
    from entities import selectors

    def read(**kwargs):
        groups = selectors.entity_same_key_groups(**kwargs)
        change()
        return groups

    return read


def test_a_group_that_changed_since_it_was_read_is_not_merged_and_the_others_are(monkeypatch):
    """An entity of the same key added between the read and the merge: that group is refused with a
    sentence naming the newcomer, nothing of it changes, the other group is merged, and the command
    fails (non-zero exit)."""
    from entities.management.commands import entity_merge_same_key as command

    place("U.S.", mentions=2), place("United States")
    uk, britain = place("UK", mentions=2), place("Britain")
    newcomer = []
    monkeypatch.setattr(
        command,
        "entity_same_key_groups",
        _read_then(lambda: newcomer.append(place("U. S."))),
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("entity_merge_same_key", "--apply", stdout=out, stderr=err)
    (added,) = newcomer
    message = (
        f"The location group 'united states' changed since it was read: #{added.pk} joined it; nothing "
        "of it was merged"
    )
    assert message in err.getvalue()
    assert message in str(failure.value)
    assert "1 group(s) merged (1 entities into 1); 0 group(s) left; 1 group(s) failed" in str(failure.value)
    assert Entity.objects.filter(name_key="united states").count() == 3
    assert set(Entity.objects.filter(name_key="united kingdom").values_list("pk", "name")) == {
        (uk.pk, "United Kingdom")
    }
    assert not Entity.objects.filter(pk=britain.pk).exists()
    # Run again (no change after the read now): the group as it is now is merged.
    monkeypatch.undo()
    again = run("--apply")
    assert "1 group(s) merged (2 entities into 1)" in again


def test_a_group_an_editor_edited_meanwhile_is_refused(monkeypatch):
    """A second entity edited between the read and the merge: the group is left now, and refused."""
    from entities.management.commands import entity_merge_same_key as command

    abbreviated, full = place("U.S.", mentions=2), place("United States")
    monkeypatch.setattr(
        command,
        "entity_same_key_groups",
        _read_then(lambda: Entity.objects.filter(pk__in=[abbreviated.pk, full.pk]).update(is_edited=True)),
    )
    err = StringIO()
    with pytest.raises(CommandError, match="1 group\\(s\\) failed"):
        call_command("entity_merge_same_key", "--apply", stdout=StringIO(), stderr=err)
    assert "it is left now: 2 entities are edited by an editor" in err.getvalue()
    assert Entity.objects.count() == 2


def test_a_group_whose_merge_fails_in_the_database_is_rolled_back_and_reported(monkeypatch):
    """A database error inside one group's merge: that group's transaction is rolled back whole (no
    rename, no moved mention), the error is reported in a sentence, the next group is merged."""
    from django.db import DatabaseError

    from entities import services

    abbreviated, full = place("U.S.", mentions=2), place("United States")
    uk, britain = place("UK", mentions=2), place("Britain")
    real = services.references_moved

    def failing(*, entity_ids):
        if abbreviated.pk in entity_ids:
            raise DatabaseError("could not serialize access")
        return real(entity_ids=entity_ids)

    monkeypatch.setattr(services, "references_moved", failing)
    before = {row for row in rows() if row[0] in {abbreviated.pk, full.pk}}
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("entity_merge_same_key", "--apply", stdout=StringIO(), stderr=err)
    assert "location 'united states': not merged ('United States' (#" in err.getvalue()
    assert "the database refused the merge (could not serialize access); nothing of it was merged." in (
        err.getvalue()
    )
    assert {row for row in rows() if row[0] in {abbreviated.pk, full.pk}} == before
    assert Mention.objects.filter(entity=full).count() == 1
    assert not EntityAlias.objects.filter(entity=abbreviated).exists()
    assert Entity.objects.get(pk=uk.pk).name == "United Kingdom"
    assert not Entity.objects.filter(pk=britain.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_merge_waits_for_an_ingest_storing_a_mention_of_a_merged_entity():
    """An ingest holding the store lock adds a mention of an entity about to be merged away: the merge
    waits for its commit, then moves that mention too (without the locks the cascade of the merged
    entity's delete would drop it)."""
    import threading
    import time

    from django.db import connection, transaction

    from entities.selectors import entity_same_key_groups
    from entities.services import entity_merge_same_key
    from newsapi.db import lock_article_store

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: concurrent writers are a PostgreSQL matter")
    survivor, merged = place("U.S.", mentions=3), place("United States")
    (group,) = entity_same_key_groups()
    locked, added = threading.Event(), []

    def ingest():
        try:
            with transaction.atomic():
                lock_article_store()
                added.append(MentionFactory(entity=merged, start=40, end=53))
                locked.set()
                time.sleep(0.5)
        finally:
            connection.close()

    writer = threading.Thread(target=ingest)
    writer.start()
    assert locked.wait(10)
    started = time.monotonic()
    entity_merge_same_key(group=group)
    waited = time.monotonic() - started
    writer.join()
    assert waited >= 0.3
    (mention,) = added
    assert Mention.objects.get(pk=mention.pk).entity_id == survivor.pk
    assert Entity.objects.get().mention_count == 5
