"""The admin as an editor works in it: possible duplicates with a one-click merge, the entity list with
aliases and counts, the article page as a workspace."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from entities.models import DuplicateDismissal, Entity, EntityAlias
from newsapi.roles import EDITORS, VIEWERS, ensure_groups
from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    MentionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

DUPLICATES = "/admin/entities/entity/duplicates/"


def staff_client(client, username: str, group: str):
    ensure_groups()
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def editor_admin(client):
    return staff_client(client, "editor", EDITORS)


@pytest.fixture
def viewer_admin(client):
    return staff_client(client, "viewer", VIEWERS)


@pytest.fixture
def doubles():
    """Turkey/Türkiye (both in one story), the Foreign Ministry twice, and a shared alias."""
    story = StoryFactory()
    turkey = EntityFactory(name="Turkey", type="location")
    turkiye = EntityFactory(name="Türkiye", type="location")
    ministry = EntityFactory(name="Russian Foreign Ministry", type="organization")
    short = EntityFactory(name="Foreign Ministry", type="organization")
    putin = EntityFactory(name="Vladimir Putin")
    president = EntityFactory(name="President Putin")
    EntityAliasFactory(entity=president, name="Vladimir Putin")
    unrelated = EntityFactory(name="Turkmenistan Airlines", type="organization")
    for entity in (turkey, turkiye, ministry):
        MentionFactory(article=ArticleFactory(story=story), entity=entity)
    MentionFactory(article=ArticleFactory(), entity=short)
    return {
        "turkey": turkey,
        "turkiye": turkiye,
        "ministry": ministry,
        "short": short,
        "putin": putin,
        "president": president,
        "unrelated": unrelated,
    }


def pairs(candidates) -> set[frozenset[str]]:
    return {frozenset((c.keep.name, c.other.name)) for c in candidates}


def test_possible_duplicates_are_close_names_or_shared_aliases_of_one_type(doubles):
    """Türkiye/Turkey, Foreign Ministry/Russian Foreign Ministry and a shared alias are found; a place
    and an organisation with a similar name are not paired; co-mentioned pairs come first."""
    from entities.selectors import entity_duplicate_candidates

    candidates = entity_duplicate_candidates()
    found = pairs(candidates)
    assert frozenset(("Turkey", "Türkiye")) in found
    assert frozenset(("Russian Foreign Ministry", "Foreign Ministry")) in found
    assert frozenset(("Vladimir Putin", "President Putin")) in found
    assert not [pair for pair in found if "Turkmenistan Airlines" in pair and ("Turkey" in pair)]
    assert candidates[0].shared_contexts == 1
    assert {candidates[0].keep.name, candidates[0].other.name} == {"Turkey", "Türkiye"}


def test_finding_duplicates_costs_a_fixed_number_of_queries(doubles, django_assert_max_num_queries):
    """Candidates come from blocks by name prefix and word, not from a query per entity or pair."""
    from entities.selectors import entity_duplicate_candidates

    for index in range(30):
        EntityFactory(name=f"Turkish Minister Number{index}")
    # The pool, the aliases, the dismissed pairs, the shared stories (articles' hook).
    with django_assert_max_num_queries(4):
        entity_duplicate_candidates()


def test_an_editor_merges_a_pair_in_one_click(editor_admin, doubles):
    """The merge button folds the other entity into the kept one through entity_merge."""
    page = editor_admin.get(DUPLICATES)
    assert page.status_code == 200
    assert (
        b"Merge T\xc3\xbcrkiye into Turkey" in page.content
        or b"Merge Turkey into T\xc3\xbcrkiye" in page.content
    )
    keep, merge = doubles["turkey"], doubles["turkiye"]
    response = editor_admin.post(DUPLICATES, {"keep": keep.pk, "merge": merge.pk})
    assert response.status_code == 302
    assert not Entity.objects.filter(pk=merge.pk).exists()
    assert EntityAlias.objects.filter(entity=keep, name="Türkiye").exists()
    assert keep.mentions.count() == 2
    assert b"T\xc3\xbcrkiye" not in editor_admin.get(DUPLICATES).content.split(b'id="duplicates"')[-1]


def test_a_viewer_sees_the_duplicates_but_cannot_merge(viewer_admin, doubles):
    """Viewers get the list without merge buttons, and a forged merge is refused with nothing changed."""
    page = viewer_admin.get(DUPLICATES)
    assert page.status_code == 200
    assert b"Turkey" in page.content
    assert b'class="merge"' not in page.content
    response = viewer_admin.post(DUPLICATES, {"keep": doubles["turkey"].pk, "merge": doubles["turkiye"].pk})
    assert response.status_code == 403
    assert Entity.objects.filter(pk=doubles["turkiye"].pk).exists()


def test_an_editor_marks_a_pair_not_a_duplicate_and_it_is_never_offered_again(editor_admin, doubles):
    """ "Not a duplicate" records the pair (smaller id first) through the service; both entities stay."""
    from entities.selectors import entity_duplicate_candidates

    turkey, turkiye = doubles["turkey"], doubles["turkiye"]
    page = editor_admin.get(DUPLICATES)
    assert page.content.count(b'class="dismiss"') == len(entity_duplicate_candidates())
    response = editor_admin.post(DUPLICATES, {"keep": turkiye.pk, "merge": turkey.pk, "dismiss": "1"})
    assert response.status_code == 302
    low, high = sorted((turkey.pk, turkiye.pk))
    assert list(DuplicateDismissal.objects.values_list("first_id", "second_id")) == [(low, high)]
    assert Entity.objects.filter(pk__in=[turkey.pk, turkiye.pk]).count() == 2
    assert frozenset(("Turkey", "Türkiye")) not in pairs(entity_duplicate_candidates())
    assert frozenset(("Russian Foreign Ministry", "Foreign Ministry")) in pairs(entity_duplicate_candidates())
    listed = editor_admin.get(DUPLICATES).content.split(b'id="duplicates"')[-1]
    assert b"T\xc3\xbcrkiye" not in listed and b"Foreign Ministry" in listed
    # Dismissing again (another tab) keeps the one row.
    editor_admin.post(DUPLICATES, {"keep": turkey.pk, "merge": turkiye.pk, "dismiss": "1"})
    assert DuplicateDismissal.objects.count() == 1


def test_an_entity_cannot_be_dismissed_as_its_own_duplicate():
    """The service refuses a pair of one entity with a sentence naming the field."""
    from django.core.exceptions import ValidationError

    from entities.services import entity_duplicate_dismiss

    turkey = EntityFactory(name="Turkey", type="location")
    with pytest.raises(ValidationError) as refused:
        entity_duplicate_dismiss(first=turkey, second=turkey)
    assert "itself" in refused.value.message_dict["second"][0]
    assert not DuplicateDismissal.objects.exists()


def test_a_viewer_cannot_mark_a_pair_not_a_duplicate(viewer_admin, doubles):
    """Viewers get no "not a duplicate" button, and a forged dismissal is refused with nothing recorded."""
    assert b'class="dismiss"' not in viewer_admin.get(DUPLICATES).content
    response = viewer_admin.post(
        DUPLICATES, {"keep": doubles["turkey"].pk, "merge": doubles["turkiye"].pk, "dismiss": "1"}
    )
    assert response.status_code == 403
    assert not DuplicateDismissal.objects.exists()


def test_merging_away_an_entity_drops_its_dismissals(doubles):
    """A dismissal names two entities that exist: merging one away deletes the pair with it."""
    from entities.services import entity_duplicate_dismiss, entity_merge

    entity_duplicate_dismiss(first=doubles["turkey"], second=doubles["unrelated"])
    entity_merge(survivor=doubles["turkiye"], merged=[doubles["turkey"]])
    assert not DuplicateDismissal.objects.exists()


def test_the_entity_list_shows_aliases_and_article_counts_in_fixed_queries(
    editor_admin, django_assert_max_num_queries
):
    """Aliases and article counts are columns; the page costs the same with 2 entities or 40."""
    lavrov = EntityFactory(name="Sergei Lavrov")
    EntityAliasFactory(entity=lavrov, name="Lavrov")
    for article in ArticleFactory.create_batch(3):
        MentionFactory(article=article, entity=lavrov)
        MentionFactory(article=article, entity=lavrov, start=20, end=26)
    url = reverse("admin:entities_entity_changelist")
    editor_admin.get(url)  # sessions, permissions and content types cached
    with django_assert_max_num_queries(12) as few:
        page = editor_admin.get(url)
    html = page.content.decode()
    assert "Lavrov</td>" in html or ">Lavrov<" in html
    assert 'class="field-article_count">3<' in html
    assert 'class="field-mention_count">6<' in html
    assert "Possible duplicates" in html
    for index in range(40):
        EntityAliasFactory(entity=EntityFactory(name=f"Someone Number{index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_admin.get(url)


def busy(article, count: int) -> None:
    from tests.factories import EventFactory, EventReportFactory, QuoteFactory

    for index in range(count):
        MentionFactory(
            article=article, entity=EntityFactory(), start=index * 10, end=index * 10 + 5, text="x" * 5
        )
        QuoteFactory(article=article, start=500 + index * 40, end=500 + index * 40 + 20, text="y" * 20)
        EventReportFactory(event=EventFactory(), article=article, start=index, end=index + 5)


def test_the_article_page_shows_title_legend_and_one_page_of_facts_in_fixed_queries(
    editor_admin, django_assert_max_num_queries
):
    """The page lists 12 facts at a time with their actions, whatever the article holds, in the same
    number of queries for 3 facts of each kind or 30."""
    small, large = ArticleFactory(body="z" * 2000), ArticleFactory(title="A long report", body="z" * 2000)
    busy(small, 1)
    busy(large, 10)
    editor_admin.get(reverse("admin:articles_article_change", args=[small.pk]))
    with django_assert_max_num_queries(40) as few:
        editor_admin.get(reverse("admin:articles_article_change", args=[small.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = editor_admin.get(reverse("admin:articles_article_change", args=[large.pk]))
    html = page.content.decode()
    assert '<h1 class="article-title">A long report</h1>' in html
    assert 'class="legend"' in html
    assert html.count('<li class="fact ') == 12
    assert "Facts (30)" in html
    assert "page 1 of 3" in html
    assert f"?article__id__exact={large.pk}" in html
    second = editor_admin.get(reverse("admin:articles_article_change", args=[large.pk]), {"facts": 3})
    assert second.content.decode().count('<li class="fact ') == 6


CHANGELIST = "/admin/entities/entity/"


@pytest.fixture
def namesakes():
    return EntityFactory(name="Sergei Lavrov", type="person"), EntityFactory(
        name="Lavrov Foundation", type="organization"
    )


def merge_action(client, entities, **form):
    pks = [str(entity.pk) for entity in entities]
    return client.post(CHANGELIST, {"action": "merge_entities", "_selected_action": pks, **form}, follow=True)


def test_the_merge_page_asks_for_the_type_only_when_the_types_differ(editor_admin, namesakes, doubles):
    """Entities of one type merge as before; different types need the editor to pick the result's."""
    assert b'name="type"' in merge_action(editor_admin, namesakes).content
    assert b'name="type"' not in merge_action(editor_admin, [doubles["turkey"], doubles["turkiye"]]).content


def test_an_editor_merging_different_types_without_a_type_gets_an_error_and_nothing_merges(
    editor_admin, namesakes
):
    """A forged or old form without the type is refused with the service's sentence."""
    person, foundation = namesakes
    response = merge_action(editor_admin, namesakes, survivor=person.pk)
    assert "These entities have different types" in response.content.decode()
    assert Entity.objects.filter(pk=foundation.pk).exists()


def test_an_editor_merging_different_types_with_a_type_gets_one_entity_of_that_type(editor_admin, namesakes):
    """The chosen type is the survivor's."""
    person, foundation = namesakes
    response = merge_action(editor_admin, namesakes, survivor=person.pk, type="organization")
    assert "Merged Lavrov Foundation into Sergei Lavrov." in response.content.decode()
    assert not Entity.objects.filter(pk=foundation.pk).exists()
    assert Entity.objects.get(pk=person.pk).type == "organization"


def test_a_viewer_cannot_merge_different_types_by_naming_a_type(viewer_admin, namesakes):
    """The type opens no door: the viewer's action is refused and nothing changes."""
    person, foundation = namesakes
    response = merge_action(viewer_admin, namesakes, survivor=person.pk, type="organization")
    assert response.status_code in {200, 403}
    assert "Merged" not in response.content.decode()
    assert Entity.objects.filter(pk=foundation.pk).exists()
    assert Entity.objects.get(pk=person.pk).type == "person"
