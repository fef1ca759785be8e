"""manage.py entity_split_foreign_aliases: people merged by a shared surname before entity linking asked for a
name that names the entity are split apart again (the alias that is another person's full name becomes an
entity with the mentions that wrote it), or only listed without --apply."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Mention
from entities.models import Entity, EntityAlias
from entities.selectors import entity_foreign_aliases, is_foreign_alias
from newsapi.extraction import types
from tests.factories import EntityAliasFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("entity_split_foreign_aliases", *args, stdout=out)
    return out.getvalue()


def merged_clintons() -> Entity:
    """Hillary Clinton as an old ingest left her: Bill Clinton's name among her aliases, and his mention."""
    hillary = EntityFactory(name="Hillary Clinton", type=types.PERSON)
    for alias in ("Clinton", "Hillary Rodham Clinton", "Bill Clinton"):
        EntityAliasFactory(entity=hillary, name=alias)
    MentionFactory(entity=hillary, text="Hillary Clinton")
    MentionFactory(entity=hillary, text="Bill Clinton")
    return hillary


@pytest.mark.parametrize(
    ("alias", "foreign"),
    [("Bill Clinton", True), ("Clinton", False), ("Hillary Rodham Clinton", False), ("Mrs. Clinton", False)],
)
def test_only_another_persons_full_name_is_foreign(alias, foreign):
    assert is_foreign_alias("Hillary Clinton", alias) is foreign
    assert is_foreign_alias("Joe Biden", "Joseph R. Biden") is False


def test_a_dry_run_lists_the_alias_and_changes_nothing():
    hillary = merged_clintons()
    before = set(EntityAlias.objects.values_list("id", "entity_id")) | set(
        Mention.objects.values_list("id", "entity_id")
    )
    out = run()
    assert "would split 'Bill Clinton' off 'Hillary Clinton'" in out
    assert "1 alias(es) of 1 people would be split; nothing was changed" in out
    assert Entity.objects.count() == 1 and hillary.aliases.count() == 3
    assert before == set(EntityAlias.objects.values_list("id", "entity_id")) | set(
        Mention.objects.values_list("id", "entity_id")
    )


def test_apply_splits_the_alias_with_its_mentions_and_a_second_run_finds_nothing():
    hillary = merged_clintons()
    out = run("--apply")
    assert "split 'Bill Clinton'" in out
    bill = Entity.objects.get(name="Bill Clinton")
    assert bill.type == types.PERSON
    assert set(Mention.objects.filter(entity=bill).values_list("text", flat=True)) == {"Bill Clinton"}
    assert set(Mention.objects.filter(entity=hillary).values_list("text", flat=True)) == {"Hillary Clinton"}
    assert set(hillary.aliases.values_list("name", flat=True)) == {"Clinton", "Hillary Rodham Clinton"}
    assert entity_foreign_aliases() == []
    assert "0 alias(es) of 0 people would be split" in run()


def test_a_person_whose_aliases_an_editor_changed_is_left_alone():
    hillary = merged_clintons()
    hillary.mark_edited("aliases")
    hillary.save()
    assert entity_foreign_aliases() == []
    run("--apply")
    assert not Entity.objects.filter(name="Bill Clinton").exists()
    assert "Bill Clinton" in set(hillary.aliases.values_list("name", flat=True))


def test_a_split_off_name_joins_the_entity_that_bears_it_already():
    """Bill Clinton has had an entity of his own since the fixed linking: his old mention joins it."""
    hillary = merged_clintons()
    bill = EntityFactory(name="Bill Clinton", type=types.PERSON)
    MentionFactory(entity=bill, text="Bill Clinton", start=5, end=17)
    run("--apply")
    assert Entity.objects.filter(name="Bill Clinton").count() == 1
    assert Mention.objects.filter(entity=bill).count() == 2
    assert Mention.objects.filter(entity=hillary).count() == 1
