"""Linking the entities of a new article to the stored ones: name variants, aliases."""

import pytest

from entities.services import entity_resolve_many
from newsapi.extraction.types import LOCATION, EntityCandidate

pytestmark = pytest.mark.django_db


def test_a_country_written_two_ways_in_two_articles_is_one_entity():
    """ "Türkiye" in one article and "Turkey" in the next link to the same stored entity."""
    (first,) = entity_resolve_many(candidates=[EntityCandidate(name="Türkiye", type=LOCATION)])
    (second,) = entity_resolve_many(candidates=[EntityCandidate(name="Turkey", type=LOCATION)])
    assert first.pk == second.pk
    assert "Turkey" in set(second.aliases.values_list("name", flat=True))


def test_an_entity_renamed_to_one_of_its_aliases_does_not_keep_it_as_an_alias():
    """A fuller spelling that was an alias becomes the name and leaves the alias list."""
    (entity,) = entity_resolve_many(candidates=[EntityCandidate(name="US", type=LOCATION, aliases={"U.S."})])
    (entity,) = entity_resolve_many(candidates=[EntityCandidate(name="U.S.", type=LOCATION)])
    entity.refresh_from_db()
    assert entity.name == "U.S."
    assert set(entity.aliases.values_list("name", flat=True)) == {"US"}
