"""Linking the entities of a new article to the stored ones: name variants, aliases."""

import pytest

from entities.services import entity_resolve_many
from newsapi.extraction.names import name_key
from newsapi.extraction.types import LOCATION, ORGANIZATION, PERSON, EntityCandidate

pytestmark = pytest.mark.django_db


def test_a_country_written_two_ways_in_two_articles_is_one_entity():
    """ "Türkiye" in one article and "Turkey" in the next link to the same stored entity."""
    (first,) = entity_resolve_many(candidates=[EntityCandidate(name="Türkiye", type=LOCATION)])
    (second,) = entity_resolve_many(candidates=[EntityCandidate(name="Turkey", type=LOCATION)])
    assert first.pk == second.pk
    assert "Turkey" in set(second.aliases.values_list("name", flat=True))


def test_an_entity_renamed_to_one_of_its_aliases_does_not_keep_it_as_an_alias():
    """A fuller spelling that was an alias becomes the name and leaves the alias list."""
    (entity,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Zelensky", type=PERSON, aliases={"Zelenskyy"})]
    )
    (entity,) = entity_resolve_many(candidates=[EntityCandidate(name="Zelenskyy", type=PERSON)])
    entity.refresh_from_db()
    assert entity.name == "Zelenskyy"
    assert set(entity.aliases.values_list("name", flat=True)) == {"Zelensky"}


def test_a_batch_names_an_entity_it_made_by_a_fuller_name_which_becomes_the_name():
    """The second candidate's alias is the first one's name: one new entity, under the fuller name, with
    the shorter one as its only alias (the entities a batch makes are inserted together at its end)."""
    from entities.models import Entity

    first, second = entity_resolve_many(
        candidates=[
            EntityCandidate(name="Lavrov", type=PERSON),
            EntityCandidate(name="Sergei Lavrov", type=PERSON, aliases={"Lavrov"}),
        ]
    )
    assert first.pk == second.pk is not None
    stored = Entity.objects.get()
    assert stored.name == "Sergei Lavrov"
    assert stored.name_key == name_key("Sergei Lavrov")
    assert set(stored.aliases.values_list("name", flat=True)) == {"Lavrov"}
    assert stored.history.count() == 1


def test_a_deleted_name_gives_no_entity_and_a_new_one_takes_a_free_slug_in_the_same_batch():
    from entities.models import DeletedEntityName, Entity

    Entity.objects.create(name="Paris Hilton", name_key=name_key("Paris Hilton"), type=PERSON, slug="paris")
    DeletedEntityName.objects.create(name="Atlantis", name_key=name_key("Atlantis"), type=LOCATION)
    paris, atlantis = entity_resolve_many(
        candidates=[
            EntityCandidate(name="Paris", type=LOCATION),
            EntityCandidate(name="Atlantis", type=LOCATION),
        ]
    )
    assert atlantis is None
    assert paris.slug == "paris-2" and Entity.objects.get(pk=paris.pk).name == "Paris"


def test_a_full_name_after_a_surname_the_same_batch_made_is_that_entity():
    """ "Sergei Lavrov" after "Lavrov" in one batch, no alias linking them: found by surname among the
    entities the batch made (not inserted yet), as among the stored ones."""
    from entities.models import Entity

    first, second = entity_resolve_many(
        candidates=[
            EntityCandidate(name="Lavrov", type=PERSON),
            EntityCandidate(name="Sergei Lavrov", type=PERSON),
        ]
    )
    assert first.pk == second.pk
    assert Entity.objects.get().name == "Sergei Lavrov"


def test_a_full_name_after_a_stored_surname_is_that_entity_with_the_surname_as_an_alias():
    """ "Lavrov" stored by one batch, "Sergei Lavrov" in the next (no key in common): found by surname in
    the database, renamed to the fuller name, and "Lavrov" kept as its alias."""
    from entities.models import Entity

    (first,) = entity_resolve_many(candidates=[EntityCandidate(name="Lavrov", type=PERSON)])
    second, third = entity_resolve_many(
        candidates=[
            EntityCandidate(name="Sergei Lavrov", type=PERSON),
            EntityCandidate(name="Lavrov", type=PERSON),
        ]
    )
    assert first.pk == second.pk == third.pk
    stored = Entity.objects.get()
    assert stored.name == "Sergei Lavrov"
    assert set(stored.aliases.values_list("name", flat=True)) == {"Lavrov"}


def test_an_abbreviation_and_the_full_name_in_two_articles_are_one_entity_under_the_full_name():
    """ "U.S." stored first, "United States" in a later article: one entity, renamed to the full name."""
    (first,) = entity_resolve_many(candidates=[EntityCandidate(name="U.S.", type=LOCATION)])
    (second,) = entity_resolve_many(candidates=[EntityCandidate(name="United States", type=LOCATION)])
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.name == "United States"
    assert "U.S." in set(second.aliases.values_list("name", flat=True))


def test_an_abbreviation_alone_is_stored_under_the_full_name():
    """An article that only writes "UK": the new entity shows "United Kingdom", with "UK" as its alias."""
    (entity,) = entity_resolve_many(
        candidates=[EntityCandidate(name="UK", type=LOCATION, aliases={"U.K.", "Britain"})]
    )
    entity.refresh_from_db()
    assert (entity.name, entity.name_key) == ("United Kingdom", name_key("United Kingdom"))
    assert set(entity.aliases.values_list("name", flat=True)) == {"UK", "U.K.", "Britain"}


def test_a_us_states_abbreviation_alone_is_stored_under_the_states_name():
    """ "BOCA RATON, Fla." in one article and "Florida" in the next: one entity, "Florida", found by either."""
    (entity,) = entity_resolve_many(candidates=[EntityCandidate(name="Fla.", type=LOCATION)])
    (later,) = entity_resolve_many(candidates=[EntityCandidate(name="Florida", type=LOCATION)])
    entity.refresh_from_db()
    assert (entity.name, later.pk) == ("Florida", entity.pk)
    assert set(entity.aliases.values_list("name", flat=True)) == {"Fla."}


def test_an_abbreviation_links_to_the_entity_of_its_own_type():
    """With "European Union" stored as an organisation and as a place, "EU" goes to the one of its type."""
    from entities.models import Entity
    from newsapi.extraction.types import ORGANIZATION

    key = name_key("European Union")
    union = Entity.objects.create(name="European Union", name_key=key, type=ORGANIZATION, slug="eu")
    place = Entity.objects.create(name="European Union", name_key=key, type=LOCATION, slug="eu-2")
    as_union, as_place = entity_resolve_many(
        candidates=[
            EntityCandidate(name="EU", type=ORGANIZATION),
            EntityCandidate(name="E.U.", type=LOCATION),
        ]
    )
    assert (as_union.pk, as_place.pk) == (union.pk, place.pk)


def test_america_the_place_links_to_the_united_states_and_takes_the_fuller_name():
    """A place named "America" and, in a later article, "United States": one entity, renamed to the
    fuller name ("America" kept as an alias); an organisation named "America" stays apart."""
    from entities.models import Entity
    from newsapi.extraction.types import ORGANIZATION

    (place,) = entity_resolve_many(candidates=[EntityCandidate(name="America", type=LOCATION)])
    assert place.name_key == "united states"
    (same,) = entity_resolve_many(candidates=[EntityCandidate(name="United States", type=LOCATION)])
    (team,) = entity_resolve_many(candidates=[EntityCandidate(name="America", type=ORGANIZATION)])
    assert same.pk == place.pk != team.pk
    same.refresh_from_db()
    assert (same.name, same.name_key) == ("United States", "united states")
    assert set(same.aliases.values_list("name", flat=True)) == {"America"}
    assert Entity.objects.get(pk=team.pk).name_key == "america"


def test_spaced_initials_link_to_the_dotted_forms_entity():
    """ "U. S." in a later article is the entity stored as "United States" (from "U.S.")."""
    (first,) = entity_resolve_many(candidates=[EntityCandidate(name="U.S.", type=LOCATION)])
    (second,) = entity_resolve_many(candidates=[EntityCandidate(name="U. S.", type=LOCATION)])
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.name == "United States"
    assert {"U.S.", "U. S."} <= set(second.aliases.values_list("name", flat=True))


def test_a_name_given_in_a_filter_finds_the_entities_stored_under_either_key():
    """ "America" in ``?entity=`` finds the United States (a place's key) and an organisation named
    "America"; "Latin America" finds neither."""
    from entities.models import Entity
    from entities.selectors import entity_id_for_ref
    from newsapi.api.filters import resolve_entity_refs
    from newsapi.extraction.types import ORGANIZATION

    us = Entity.objects.create(
        name="United States", name_key="united states", type=LOCATION, slug="us", mention_count=9
    )
    team = Entity.objects.create(name="America", name_key="america", type=ORGANIZATION, slug="america-fc")
    assert resolve_entity_refs(["America", "Latin America"]) == {
        "America": sorted([us.pk, team.pk]),
        "Latin America": [],
    }
    assert entity_id_for_ref(ref="America") == us.pk


def test_a_corrected_type_re_keys_the_entity_and_its_aliases():
    """A place "America" corrected to an organisation leaves the United States' key, and so do its
    aliases."""
    from entities.services import entity_update

    (entity,) = entity_resolve_many(
        candidates=[EntityCandidate(name="America", type=LOCATION, aliases={"America's"})]
    )
    assert entity.name_key == "united states"
    entity_update(entity=entity, data={"type": "organization"})
    entity.refresh_from_db()
    assert entity.name_key == "america"
    assert set(entity.aliases.values_list("name_key", flat=True)) == {"america"}


@pytest.mark.parametrize("order", [("Pfizer Inc.", "Pfizer"), ("Pfizer", "Pfizer Inc.")])
def test_a_company_with_and_without_its_legal_form_in_two_articles_is_one_entity(order):
    """Either order; the bare name of a later article the model typed a person still finds the company."""
    first, second = (
        entity_resolve_many(candidates=[EntityCandidate(name=name, type=ORGANIZATION)]) for name in order
    )
    (third,) = entity_resolve_many(candidates=[EntityCandidate(name="Pfizer", type=PERSON)])
    assert first[0].pk == second[0].pk == third.pk
    assert {third.name, *third.aliases.values_list("name", flat=True)} == {"Pfizer Inc.", "Pfizer"}
    assert third.type == ORGANIZATION


def test_a_company_named_after_a_person_is_not_that_person():
    """ "Bloomberg L.P." is stored with "Bloomberg" as an alias, apart from the person another article
    called "Bloomberg"."""
    (person,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Michael Bloomberg", type=PERSON, aliases={"Bloomberg"})]
    )
    (company,) = entity_resolve_many(candidates=[EntityCandidate(name="Bloomberg L.P.", type=ORGANIZATION)])
    assert person.pk != company.pk
    assert set(company.aliases.values_list("name", flat=True)) == {"Bloomberg"}


def test_two_people_one_surname_stay_apart_though_each_article_calls_its_own_by_the_surname():
    """Each article calls its Clinton "Clinton": the key the two share is no reason to link them, and
    neither takes the other's name as an alias. A later article that writes only "Clinton" goes to the
    most mentioned of them."""
    (hillary,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Hillary Clinton", type=PERSON, aliases={"Clinton", "Hillary"})]
    )
    (bill,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Bill Clinton", type=PERSON, aliases={"Clinton", "Bill"})]
    )
    assert bill.pk != hillary.pk
    assert bill.name == "Bill Clinton"
    assert "Bill Clinton" not in set(hillary.aliases.values_list("name", flat=True))
    (again,) = entity_resolve_many(candidates=[EntityCandidate(name="Bill Clinton", type=PERSON)])
    assert again.pk == bill.pk


def test_a_first_name_alias_links_no_one_else_with_that_first_name():
    (bush,) = entity_resolve_many(
        candidates=[EntityCandidate(name="George W. Bush", type=PERSON, aliases={"Bush", "George"})]
    )
    (anders,) = entity_resolve_many(
        candidates=[EntityCandidate(name="George Anders", type=PERSON, aliases={"George"})]
    )
    assert anders.pk != bush.pk
    assert anders.name == "George Anders"


def test_a_surname_alone_and_a_fuller_spelling_still_link_across_articles():
    """What the compatibility check keeps: the surname alone, the name with a middle initial, another
    spelling of the same name."""
    (full,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Volodymyr Zelensky", type=PERSON, aliases={"Zelensky"})]
    )
    (surname,) = entity_resolve_many(candidates=[EntityCandidate(name="Zelenskyy", type=PERSON)])
    (spelled,) = entity_resolve_many(candidates=[EntityCandidate(name="Volodymyr Zelenskyy", type=PERSON)])
    assert full.pk == surname.pk == spelled.pk
    (trump,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Donald Trump", type=PERSON, aliases={"Trump"})]
    )
    (middle,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Donald J. Trump", type=PERSON, aliases={"Trump"})]
    )
    assert middle.pk == trump.pk


def test_a_person_named_after_a_place_is_not_the_place_and_does_not_rename_it():
    """ "Kerry Washington", called "Washington" in her article, is a person of her own: the city keeps its
    name."""
    (city,) = entity_resolve_many(candidates=[EntityCandidate(name="Washington", type=LOCATION)])
    (actress,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Kerry Washington", type=PERSON, aliases={"Washington"})]
    )
    city.refresh_from_db()
    assert actress.pk != city.pk
    assert actress.type == PERSON
    assert city.name == "Washington"


def test_a_name_with_a_middle_name_finds_the_entity_stored_without_it():
    """The article writes no shorter form the stored entity has as an alias: the name without its middle
    name still finds it, and the fuller name becomes the name."""
    (short,) = entity_resolve_many(candidates=[EntityCandidate(name="Hillary Clinton", type=PERSON)])
    (full,) = entity_resolve_many(candidates=[EntityCandidate(name="Hillary Rodham Clinton", type=PERSON)])
    assert full.pk == short.pk
    full.refresh_from_db()
    assert full.name == "Hillary Rodham Clinton"
    assert set(full.aliases.values_list("name", flat=True)) == {"Hillary Clinton"}
    (other,) = entity_resolve_many(candidates=[EntityCandidate(name="Hillary Anne Smith", type=PERSON)])
    assert other.pk != short.pk


def test_a_shared_surname_reads_only_the_most_mentioned_few_yet_every_full_name_finds_its_own(monkeypatch):
    """Thirty stored Johnsons, each called "Johnson" somewhere: a lone "Johnson" goes to the most mentioned
    after reading at most ``ENTITIES_PER_KEY`` of them, and the least mentioned is still found by its name."""
    from entities import services
    from entities.models import Entity

    people = entity_resolve_many(
        candidates=[
            EntityCandidate(name=f"Person{i} Johnson", type=PERSON, aliases={"Johnson"}) for i in range(30)
        ]
    )
    for count, person in enumerate(people):
        Entity.objects.filter(pk=person.pk).update(mention_count=100 + count)
    read = []
    choose = services._choose_entity
    monkeypatch.setattr(
        services,
        "_choose_entity",
        lambda candidate, matches, *a, **k: read.append(len(matches)) or choose(candidate, matches, *a, **k),
    )
    (lone,) = entity_resolve_many(candidates=[EntityCandidate(name="Johnson", type=PERSON)])
    assert lone.pk == people[-1].pk
    assert read == [services.ENTITIES_PER_KEY]
    (least,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Person0 Johnson", type=PERSON, aliases={"Johnson"})]
    )
    assert least.pk == people[0].pk
    assert Entity.objects.count() == 30


def test_a_word_before_the_given_name_does_not_rename_a_person_everywhere():
    """One article's span "Floridians Jeb Bush" joins Jeb Bush as an alias but does not become his name; a
    middle name still does."""
    (jeb,) = entity_resolve_many(candidates=[EntityCandidate(name="Jeb Bush", type=PERSON, aliases={"Bush"})])
    (same,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Floridians Jeb Bush", type=PERSON, aliases={"Bush"})]
    )
    assert same.pk == jeb.pk
    same.refresh_from_db()
    assert same.name == "Jeb Bush"
    (fuller,) = entity_resolve_many(candidates=[EntityCandidate(name="Jeb E. Bush", type=PERSON)])
    fuller.refresh_from_db()
    assert (fuller.pk, fuller.name) == (jeb.pk, "Jeb E. Bush")


def test_a_nickname_and_the_given_name_it_shortens_link_across_articles_and_rename_no_one():
    """ "Joe Biden" and "Joseph R. Biden" are one person (the ``nicknames`` package's list), under the
    name stored first; "Rand Paul" and "Ron Paul" stay two."""
    (joe,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Joe Biden", type=PERSON, aliases={"Biden"})]
    )
    (joseph,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Joseph R. Biden", type=PERSON, aliases={"Biden"})]
    )
    assert joseph.pk == joe.pk
    joseph.refresh_from_db()
    assert joseph.name == "Joe Biden"
    assert "Joseph R. Biden" in set(joseph.aliases.values_list("name", flat=True))
    (rand,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Rand Paul", type=PERSON, aliases={"Paul"})]
    )
    (ron,) = entity_resolve_many(candidates=[EntityCandidate(name="Ron Paul", type=PERSON, aliases={"Paul"})])
    assert rand.pk != ron.pk


def test_the_role_is_the_one_most_articles_give_and_one_long_apposition_never_wins():
    """Articles give "President" (three), "U.S. President" (two) and once "former chairman of President":
    the role is the fuller form two articles give, whatever the order; an editor's role stays."""
    from entities.models import Entity

    roles = [
        "former chairman of President",
        "President",
        "U.S. President",
        "President",
        "President",
        "U.S. President",
    ]
    for role in roles:
        (obama,) = entity_resolve_many(
            candidates=[EntityCandidate(name="Barack Obama", type=PERSON, role=role)]
        )
    obama.refresh_from_db()
    assert obama.role == "U.S. President"
    assert obama.role_counts == {"former chairman of President": 1, "President": 3, "U.S. President": 2}
    Entity.objects.all().delete()
    for role in reversed(roles):
        (obama,) = entity_resolve_many(
            candidates=[EntityCandidate(name="Barack Obama", type=PERSON, role=role)]
        )
    obama.refresh_from_db()
    assert obama.role == "U.S. President"
    obama.role = "44th President"
    obama.mark_edited("role")
    obama.save()
    entity_resolve_many(candidates=[EntityCandidate(name="Barack Obama", type=PERSON, role="President")])
    obama.refresh_from_db()
    assert obama.role == "44th President"


def test_an_article_extracted_again_counts_its_roles_once():
    """The same article's entities resolved again with the roles it counted before (``roles_before``):
    the counts stay; a role it now gives otherwise moves its one count; a role it no longer gives, or an
    entity it no longer names, gives its count back."""
    from entities.services import entity_roles_given

    other = [EntityCandidate(name="Sergei Lavrov", type=PERSON, role="Russian Foreign Minister")]
    entity_resolve_many(candidates=other)  # another article

    article = [
        EntityCandidate(name="Sergei Lavrov", type=PERSON, role="Foreign Minister"),
        EntityCandidate(name="Sergei Lavrov", type=PERSON, role="diplomat"),  # counted once
        EntityCandidate(name="Hakan Fidan", type=PERSON, role="Turkish Foreign Minister"),
    ]
    resolved = entity_resolve_many(candidates=article)
    lavrov, _, fidan = resolved
    counted = {int(pk): role for pk, role in entity_roles_given(article, resolved).items()}
    assert counted == {lavrov.pk: "Foreign Minister", fidan.pk: "Turkish Foreign Minister"}
    lavrov.refresh_from_db()
    assert lavrov.role_counts == {"Russian Foreign Minister": 1, "Foreign Minister": 1}

    for _ in range(3):
        entity_resolve_many(candidates=article, roles_before=counted)
    lavrov.refresh_from_db()
    fidan.refresh_from_db()
    assert lavrov.role_counts == {"Russian Foreign Minister": 1, "Foreign Minister": 1}
    assert fidan.role_counts == {"Turkish Foreign Minister": 1}

    again = [EntityCandidate(name="Sergei Lavrov", type=PERSON, role="Russian Foreign Minister")]
    entity_resolve_many(candidates=again, roles_before=counted)
    lavrov.refresh_from_db()
    fidan.refresh_from_db()
    assert lavrov.role_counts == {"Russian Foreign Minister": 2}
    assert lavrov.role == "Russian Foreign Minister"
    assert fidan.role_counts == {} and fidan.role == ""


def test_an_editors_role_stays_when_an_article_takes_its_count_back():
    from entities.services import entity_roles_uncount

    (entity,) = entity_resolve_many(
        candidates=[EntityCandidate(name="Hakan Fidan", type=PERSON, role="envoy")]
    )
    entity.role = "Turkish Foreign Minister"
    entity.mark_edited("role")
    entity.save()
    entity_roles_uncount(roles={entity.pk: "envoy"})
    entity.refresh_from_db()
    assert entity.role_counts == {} and entity.role == "Turkish Foreign Minister"
