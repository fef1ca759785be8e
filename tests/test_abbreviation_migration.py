"""Migration 0008 re-keys the entities stored under an abbreviation's old key ("U.S." -> "us"), so that
the duplicates view shows them beside the full name's entity ("United States") for an editor to merge."""

import pytest

from tests.migration_helpers import migrate as _migrate

BEFORE = [("entities", "0007_duplicate_dismissal")]


@pytest.mark.django_db(transaction=True)
def test_entities_under_an_abbreviations_old_key_share_the_full_names_key_after_migrating():
    old = _migrate(BEFORE)
    try:
        Entity = old.get_model("entities", "Entity")
        EntityAlias = old.get_model("entities", "EntityAlias")
        rows = {
            "U.S.": ("us", "location", False),
            "United States": ("united states", "location", False),
            "UK": ("uk", "location", True),
            "Britain": ("britain", "location", False),
            "Pa.": ("pa", "location", False),
        }
        made = {
            name: Entity.objects.create(
                name=name, name_key=key, type=kind, slug=f"e{index}", is_edited=edited, mention_count=3
            )
            for index, (name, (key, kind, edited)) in enumerate(rows.items())
        }
        EntityAlias.objects.create(entity=made["United States"], name="USA", name_key="usa")
    finally:
        _migrate()
    from entities.models import Entity, EntityAlias
    from entities.selectors import entity_duplicate_candidates

    keys = dict(Entity.objects.values_list("name", "name_key"))
    assert keys == {
        "U.S.": "united states",
        "United States": "united states",
        "UK": "united kingdom",
        "Britain": "united kingdom",
        "Pa.": "pennsylvania",
    }
    assert EntityAlias.objects.get(name="USA").name_key == "united states"
    # Nothing an editor wrote changes: the edited "UK" keeps its name and its edited flag.
    assert Entity.objects.get(name="UK").is_edited
    pairs = {frozenset((c.keep.name, c.other.name)) for c in entity_duplicate_candidates()}
    assert {frozenset(("U.S.", "United States")), frozenset(("UK", "Britain"))} <= pairs


@pytest.mark.django_db(transaction=True)
def test_places_named_america_and_spaced_initials_are_re_keyed_by_0009():
    """0009 gives a place "America" the United States' key (an organisation "America" keeps its own),
    and "U. S." / "U. N." the dotted forms' keys, on entities, aliases and deleted names."""
    old = _migrate([("entities", "0008_abbreviation_name_keys")])
    try:
        Entity = old.get_model("entities", "Entity")
        EntityAlias = old.get_model("entities", "EntityAlias")
        DeletedEntityName = old.get_model("entities", "DeletedEntityName")
        rows = [
            ("America", "america", "location"),
            ("America", "america", "organization"),
            ("United States", "united states", "location"),
            ("U. N.", "u n", "organization"),
            ("Latin America", "latin america", "location"),
        ]
        made = [
            Entity.objects.create(name=name, name_key=key, type=kind, slug=f"e{index}")
            for index, (name, key, kind) in enumerate(rows)
        ]
        EntityAlias.objects.create(entity=made[2], name="U. S.", name_key="u s")
        EntityAlias.objects.create(entity=made[1], name="America", name_key="america")
        DeletedEntityName.objects.create(name="America", name_key="america", type="location")
    finally:
        _migrate()
    from entities.models import DeletedEntityName, Entity, EntityAlias

    keys = sorted(Entity.objects.values_list("name", "type", "name_key"))
    assert keys == [
        ("America", "location", "united states"),
        ("America", "organization", "america"),
        ("Latin America", "location", "latin america"),
        ("U. N.", "organization", "united nations"),
        ("United States", "location", "united states"),
    ]
    assert sorted(EntityAlias.objects.values_list("name", "name_key")) == [
        ("America", "america"),
        ("U. S.", "united states"),
    ]
    assert DeletedEntityName.objects.get().name_key == "united states"


@pytest.mark.django_db(transaction=True)
def test_us_state_abbreviations_are_re_keyed_by_0010():
    """0010 gives "Calif." the key of California, on entities, aliases and deleted names; "Pa" written
    without its dot is a word, not Pennsylvania, and keeps its key."""
    old = _migrate([("entities", "0009_place_short_names_spaced_initials")])
    try:
        Entity = old.get_model("entities", "Entity")
        EntityAlias = old.get_model("entities", "EntityAlias")
        DeletedEntityName = old.get_model("entities", "DeletedEntityName")
        rows = [("Calif.", "calif"), ("California", "california"), ("Pa", "pa")]
        made = [
            Entity.objects.create(name=name, name_key=key, type="location", slug=f"e{index}")
            for index, (name, key) in enumerate(rows)
        ]
        EntityAlias.objects.create(entity=made[1], name="N.H.", name_key="nh")
        DeletedEntityName.objects.create(name="Fla.", name_key="fla", type="location")
    finally:
        _migrate()
    from entities.models import DeletedEntityName, Entity, EntityAlias
    from entities.selectors import entity_duplicate_candidates

    assert dict(Entity.objects.values_list("name", "name_key")) == {
        "Calif.": "california",
        "California": "california",
        "Pa": "pa",
    }
    assert EntityAlias.objects.get().name_key == "new hampshire"
    assert DeletedEntityName.objects.get().name_key == "florida"
    pairs = {frozenset((c.keep.name, c.other.name)) for c in entity_duplicate_candidates()}
    assert frozenset(("Calif.", "California")) in pairs
